"""Interaction over the Flask test client: the drill-down on /perlindungan-sosial and /peta (level radios
showing the effective level, province select, back button, a tapped place described in text) and the
``views`` parameter of the chart cards."""

import json
import re

from tests.integration.test_app import PETA, call, client, dash_app  # noqa: F401  (fixtures)

SP = {"sp-programme": "all", "sp-partner": "all", "sp-period": "all", "sp-scheme": "all", "sp-level": "province",
      "sp-province": "", "sp-tab": "map"}
SP_MAP = '{"chart":"perlindungan-peta","scope":"sp","type":"graph"}'
PETA_MAP = '{"chart":"peta","scope":"peta","type":"graph"}'


def _click(chart: str, scope: str, code: str) -> dict:
    return {"clickData": [{"id": {"chart": chart, "scope": scope, "type": "graph"}, "property": "clickData",
                           "value": {"points": [{"location": code}]}}]}


def _checked_level(body: str) -> str:
    """The checked value of the level radios (in the server HTML: after their legend)."""
    start = body.index("Tingkat wilayah</legend>")
    return re.search(r'value="([a-z]+)" checked', body[start:body.index("</fieldset>", start)]).group(1)


def test_social_protection_page_offers_the_way_back(client):
    body = client.get("/perlindungan-sosial?province=73").get_data(as_text=True)
    assert '<option value="73" selected>Sulawesi Selatan' in body  # the province select
    assert re.search(r'<button id="sp-up"[^>]*>', body) and not re.search(r'<button id="sp-up"[^>]*hidden', body)
    assert _checked_level(body) == "regency"  # what the map shows
    assert "Kabupaten/kota di Sulawesi Selatan" in body
    plain = client.get("/perlindungan-sosial").get_data(as_text=True)
    assert re.search(r'<button id="sp-up"[^>]*hidden', plain) and _checked_level(plain) == "province"


def test_social_protection_map_click_drills_and_the_button_backs_out(client, dash_app):
    res = call(client, dash_app, "sp-scheme.value", SP, SP_MAP + ".clickData", {"sp-query": ""},
               _click("perlindungan-peta", "sp", "73"))
    assert res["url-query"]["data"] == "?province=73"
    assert res["sp-level"]["value"] == "regency" and res["sp-province"]["value"] == "73"
    assert res["sp-up"]["hidden"] is False and "Sulawesi Selatan" in json.dumps(res["sp-drill"])
    res = call(client, dash_app, "sp-scheme.value", {**SP, "sp-level": "regency", "sp-province": "73"},
               "sp-up.n_clicks", {"sp-query": "?province=73"})
    assert res["url-query"]["data"] == "" and res["sp-level"]["value"] == "province"
    assert res["sp-up"]["hidden"] is True


def test_level_radios_choosing_province_leaves_the_drill_down(client, dash_app):
    # the radios showed "regency" (a province is chosen); the user picks "province"
    res = call(client, dash_app, "sp-scheme.value", {**SP, "sp-level": "province", "sp-province": "73"},
               "sp-level.value", {"sp-query": "?province=73"})
    assert res["url-query"]["data"] == "" and res["sp-province"]["value"] == ""
    res = call(client, dash_app, "peta-indicator.value", {**PETA, "peta-indicator": "groups_formed",
                                                          "peta-level": "province", "peta-province": "73"},
               "peta-level.value", {"peta-query": "?indicator=groups_formed&province=73"})
    assert res["url-query"]["data"] == "?indicator=groups_formed"


def test_choosing_a_province_keeps_it_although_the_radios_still_say_province(client, dash_app):
    res = call(client, dash_app, "peta-indicator.value", {**PETA, "peta-province": "73"}, "peta-province.value",
               {"peta-query": ""})
    assert res["url-query"]["data"] == "?province=73"
    assert res["peta-level"]["value"] == "regency"  # the radios follow the map
    # another filter while drilled in: the radios' "regency" only mirrors the drill-down, it is not written
    res = call(client, dash_app, "peta-indicator.value",
               {**PETA, "peta-province": "73", "peta-level": "regency", "peta-indicator": "groups_formed"},
               "peta-indicator.value", {"peta-query": "?province=73"})
    assert res["url-query"]["data"] == "?indicator=groups_formed&province=73"


def test_map_click_describes_the_place_in_text(client, dash_app):
    res = call(client, dash_app, "peta-indicator.value", PETA, PETA_MAP + ".clickData", {"peta-query": ""},
               _click("peta", "peta", "73"))
    drill = json.dumps(res["peta-drill"], ensure_ascii=False)
    for words in ("Sulawesi Selatan", "Mitra/program", "Sumber", "Data per", "30 Juni 2017"):
        assert words in drill, words
    # a regency tapped while drilled in: described, nothing else redrawn, the URL unchanged
    res = call(client, dash_app, "peta-indicator.value", {**PETA, "peta-province": "73"}, PETA_MAP + ".clickData",
               {"peta-query": "?province=73"}, _click("peta", "peta", "73.10"))
    assert set(res) == {"peta-drill", "peta-up"}
    assert "Kabupaten Pangkajene dan Kepulauan" in json.dumps(res["peta-drill"], ensure_ascii=False)


def test_a_page_redraw_keeps_the_cards_views(client, dash_app):
    res = call(client, dash_app, "peta-indicator.value", {**PETA, "peta-indicator": "groups_formed"},
               "peta-indicator.value", {"peta-query": "?views=tren%3Atable"})
    assert res["url-query"]["data"] == "?indicator=groups_formed&views=tren%3Atable"
    body = json.dumps(res['{"chart":"tren","type":"card-body"}'])
    assert '"Table"' in body and '"Graph"' not in body


def test_views_in_the_address_and_their_notices(client):
    body = client.get("/peta?views=tren:table").get_data(as_text=True)
    start = body.index('id="card-tren"')
    assert "<table" in body[start:body.index("</section>", start)]
    bad = client.get("/peta?views=tren:pie,nope:map")
    assert bad.status_code == 200
    notices = bad.get_data(as_text=True)
    assert "tren:pie" in notices and "nope:map" in notices and "views" in notices


def test_an_answer_to_back_forward_names_its_popstate(client, dash_app):
    # Back/Forward to a non-canonical URL: the canonical form, tagged with the popstate's token
    res = call(client, dash_app, "sp-scheme.value", {**SP, "sp-pop": "/perlindungan-sosial?level=regency&"
                                                                     "programme=mampu#1733-4"},
               "sp-pop.data", {"sp-query": ""})
    assert res["url-query"]["data"] == {"search": "?programme=mampu&level=regency", "pop": "1733-4"}
    assert res["sp-query"]["data"] == "?programme=mampu&level=regency"
    # a control change is a new view: the plain query string (a new history entry)
    res = call(client, dash_app, "sp-scheme.value", {**SP, "sp-scheme": "kip"}, "sp-scheme.value", {"sp-query": ""})
    assert res["url-query"]["data"] == "?scheme=kip"

"""Interaction pieces without a browser: card views from ``views``, the shared drill-down helper,
KPI citations without hover, and plotly's modebar in the page's language."""

from __future__ import annotations

import re

import pytest

from components import blocks, chart_card, drill, i18n, perf, prerender
from data.filters import Filters


def _html(component) -> str:
    return prerender.to_html(component)


def _checked(html: str, fieldset_attr: str) -> str:
    """The checked radio's value inside the fieldset carrying ``fieldset_attr``."""
    start = html.index(fieldset_attr)
    box = html[start:html.index("</fieldset>", start)]
    return re.search(r'value="([a-z]+)" checked', box).group(1)


# --- a secondary card's view comes from views; the primary card's from tab ---------------------

def test_secondary_card_starts_in_its_views_entry(seed_snapshot):
    out = _html(chart_card.chart_card("tren", Filters(views="tren:table"), seed_snapshot))
    assert 'data-views-chart="tren"' in out and 'data-views-default="chart"' in out
    assert _checked(out, 'data-views-chart="tren"') == "table"
    assert "<table" in out and "js-plotly-plot" not in out
    plain = _html(chart_card.chart_card("tren", Filters(), seed_snapshot))
    assert _checked(plain, 'data-views-chart="tren"') == "chart" and "<table" not in plain


def test_primary_card_follows_tab_and_is_not_written_to_views(seed_snapshot):
    out = _html(chart_card.chart_card("peta", Filters(tab="table", views="peta:chart"), seed_snapshot,
                                      primary_page="peta"))
    assert "data-views-chart" not in out
    assert re.search(r'value="table" checked', out)


def test_card_values_redraw_in_the_views_entry(seed_snapshot):
    # a page callback redrawing a secondary card keeps the view the URL names
    body = chart_card.card_values("tren", Filters(views="tren:table"), seed_snapshot)[2]
    assert "<table" in _html(body[0])
    body = chart_card.card_values("tren", Filters(), seed_snapshot)[2]
    assert "<table" not in _html(body[0])


# --- the drill-down helper (/peta and /perlindungan-sosial) --------------------------------------

def test_level_radios_show_the_effective_level(seed_snapshot):
    out = _html(drill.level_control("sp", Filters(province="73"), seed_snapshot, "id"))
    assert _checked(out, "<fieldset") == "regency"
    out = _html(drill.level_control("sp", Filters(), seed_snapshot, "id"))
    assert _checked(out, "<fieldset") == "province"


@pytest.mark.parametrize("shown,value,expected", [
    (Filters(province="73"), "regency", {}),  # the radios only mirror the drill-down
    (Filters(province="73"), "province", {"level": "province", "province": ""}),  # leaves it
    (Filters(level="regency", province="73"), "province", {"level": "province", "province": ""}),
    (Filters(), "regency", {"level": "regency", "province": ""}),
    (Filters(), "province", {}),
    (Filters(), "village", {}),
])
def test_level_choice(shown, value, expected):
    assert drill.level_choice(shown, value) == expected


@pytest.mark.parametrize("lang,words", [
    ("id", ["Sulawesi Selatan", "Mitra/program", "Sumber", "Data per", "30 Juni 2017", "Kabupaten/kota di"]),
    ("en", ["Sulawesi Selatan", "Partners/programmes", "Source", "As of", "30 June 2017", "Regencies in"]),
])
def test_drill_box_says_what_the_tooltip_says(seed_snapshot, lang, words):
    out = _html(html_div(drill.children("peta", Filters(lang=lang, province="73"), seed_snapshot)))
    for w in words:
        assert w in out, w
    assert "Social Inclusion and Plunarism" in out  # the source's citation


def test_drill_box_describes_a_tapped_regency_and_no_data(seed_snapshot):
    f = Filters(indicator="groups_formed", level="regency", lang="en")
    out = _html(html_div(drill.children("peta", f, seed_snapshot, place="32.02")))
    assert "Kabupaten Sukabumi" in out and "<dt>Value</dt><dd>12</dd>" in out and "June 2017" in out
    out = _html(html_div(drill.children("peta", f, seed_snapshot, place="73.10")))
    assert "Kabupaten Pangkajene dan Kepulauan" in out and ": No data" in out and "<dt>" not in out
    # nothing tapped, not drilled: only the hint
    hint = drill.children("peta", Filters(), seed_snapshot)
    assert len(hint) == 1 and hint[0].children == i18n.t("map.drill_hint", "id")


def html_div(children):
    from dash import html
    return html.Div(children)


# --- KPI citations: visible on tap or Enter, never only in a title attribute ------------------------

def test_kpi_citation_is_a_disclosure_not_a_tooltip(seed_snapshot):
    out = _html(blocks.kpi_cards(Filters(), seed_snapshot, limit=3))
    out = out[out.index('<ul class="kpis"'):out.index("</ul>") + 5]  # the cards (not their footer)
    assert out.count('<details class="kpi-cite">') == 3
    summary = re.search(r"<summary[^>]*>([^<]*)</summary>", out).group(1)
    assert summary.startswith("Sumber: ")
    assert re.search(r'<p class="kpi-quote">“[^”]+”</p>', out)
    assert " title=" not in out


# --- plotly's modebar in the page's language --------------------------------------------------------

def test_plotly_locale_id_comes_from_the_catalogs():
    loc = i18n.plotly_locales("id")["id"]
    assert loc["dictionary"]["Download plot as a PNG"] == i18n.t("plotly.download_png", "id") == \
        "Unduh grafik sebagai PNG"
    assert loc["dictionary"]["Zoom in"] == "Perbesar"
    assert loc["format"]["months"][10] == "November"  # CLDR, not plotly's "Nopember"
    assert loc["format"]["days"][0] == "Minggu" and len(loc["format"]["shortMonths"]) == 12
    assert (loc["format"]["decimal"], loc["format"]["thousands"]) == (",", ".")
    assert i18n.plotly_locales("en") == {}
    for english, key in i18n.PLOTLY_UI.items():
        assert i18n.t(key, "en") == english and i18n.t(key, "id") != english


def test_plotly_ui_strings_are_plotlys_own():
    """Each dictionary key is a string plotly.js itself asks to translate (so the lookup can hit)."""
    bundle = perf.BUNDLE_PATH.read_text(encoding="utf-8")
    for english in i18n.PLOTLY_UI:
        assert f'"{english}"' in bundle or f"'{english}'" in bundle, english


def test_graph_config_carries_the_id_locale_and_no_cloud_button():
    cfg = perf.graph_config("id")
    assert cfg["locale"] == "id" and cfg["locales"] == i18n.plotly_locales("id")
    assert cfg["showSendToCloud"] is False
    assert "locales" not in perf.graph_config("en") and "locales" not in perf.graph_config("xx")
    # the figures' layout still sets the separators (they win over a locale's)
    assert i18n.plotly_locale("id") == {"separators": ",."}

"""The app over the Flask test client: every route, bad input, 404, headers, callbacks, start-up."""

import dataclasses
import base64
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROUTES = ["/", "/peta", "/tema", "/tema/perlindungan-sosial", "/tema/masyarakat-adat", "/kebijakan",
          "/perlindungan-sosial", "/mitra", "/mitra/pekka", "/mitra/kemitraan", "/wilayah", "/wilayah/73",
          "/wilayah/73.10", "/data", "/tentang"]


@pytest.fixture()
def client(monkeypatch, seed_dir):
    monkeypatch.setenv("PETA_DATA_DIR", str(seed_dir))
    import app as app_module
    return app_module.server.test_client()


@pytest.fixture()
def dash_app(client):
    import app as app_module
    client.get("/")  # the pages router registers on the first request
    return app_module.app


def _html(resp) -> str:
    return resp.get_data(as_text=True)


@pytest.mark.parametrize("path", ROUTES)
def test_every_route_renders_one_h1_in_server_html(client, path):
    r = client.get(path)
    body = _html(r)
    assert r.status_code == 200, path
    assert body.count("<h1") == 1, path
    assert '<html lang="id">' in body
    assert "<main" in body and "<nav" in body and "<footer" in body


@pytest.mark.parametrize("path", ["/", "/peta", "/kebijakan", "/data"])
def test_english_pages(client, path):
    body = _html(client.get(path + "?lang=en"))
    assert '<html lang="en">' in body
    assert "Skip to main content" in body and "Bahasa Indonesia" in body


def test_numbers_follow_the_language(client):
    body = _html(client.get("/"))
    assert "52.000" in body, re.findall(r"kpi-value\">([^<]*)<", body)
    assert "52,000" in _html(client.get("/?lang=en"))
    assert "lebih dari 150.000" in _html(client.get("/tema/perlindungan-sosial"))
    assert "more than 150,000" in _html(client.get("/tema/perlindungan-sosial?lang=en"))


@pytest.mark.parametrize("query,param", [("indicator=nope", "indicator"), ("level=village", "level"),
                                         ("province=7x", "province"), ("period=1066", "period"),
                                         ("tab=%3Cscript%3E", "tab"), ("bogus=1", "bogus")])
def test_bad_parameters_give_the_page_and_a_notice(client, query, param):
    r = client.get("/peta?" + query)
    body = _html(r)
    assert r.status_code == 200
    assert 'class="notice"' in body and f"“{param}”" in body
    assert "<script>alert" not in body


def test_bad_parameters_on_other_pages(client):
    for path in ("/kebijakan?sort=sideways", "/perlindungan-sosial?scheme=zzz", "/mitra?programme=x",
                 "/data?lang=xx", "/wilayah/73?period=abc"):
        r = client.get(path)
        assert r.status_code == 200 and 'class="notice"' in _html(r), path


def test_policy_table_headers_sort_through_the_url(client):
    body = _html(client.get("/kebijakan?sort=title"))
    assert 'aria-sort="ascending"' in body and 'href="/kebijakan?sort=-title"' in body
    heads = dict((h, (state, href)) for state, href, h in re.findall(
        r'<th scope="col" aria-sort="([a-z]+)"><a href="([^"]+)">([^<]+)<', body))
    # the current column reverses on a second click; the others start at their natural order (date: newest
    # first, the default, so its link carries no sort at all)
    assert heads == {"Tanggal": ("none", "/kebijakan"), "Judul": ("ascending", "/kebijakan?sort=-title"),
                     "Tingkat": ("none", "/kebijakan?sort=level"), "Wilayah": ("none", "/kebijakan?sort=place")}
    rows = re.findall(r"<td>(UU No\. [78][^<]*)</td>", body)
    assert rows == sorted(rows)


def test_place_profile_lists_only_its_own_policies(client):
    body = _html(client.get("/wilayah/32.02"))
    assert "Perbup Sukabumi" in body and "DESMIGRATIF" not in body and "Kabupaten Sukabumi" in body
    assert 'href="/wilayah/32"' in body  # link to its parent province


def test_pinned_older_version_says_so(client):
    body = _html(client.get("/peta?v=20261101.1"))
    assert "versi data 20261101.1" in body and "versi terbaru adalah 20261120.1" in body
    assert 'href="/peta"' in body
    unknown = _html(client.get("/peta?v=20000101.1"))
    assert 'class="notice"' in unknown and "“v”" in unknown


def test_not_found_is_helpful_and_404(client):
    r = client.get("/halaman-yang-tidak-ada")
    body = _html(r)
    assert r.status_code == 404
    assert "Halaman tidak ditemukan" in body and body.count("<h1") == 1 and 'href="/peta"' in body
    en = client.get("/nope?lang=en")
    assert en.status_code == 404 and "Page not found" in _html(en)


@pytest.mark.parametrize("path,text", [("/tema/tidak-ada", "tidak dikenal"), ("/mitra/siapa", "tidak dikenal"),
                                       ("/wilayah/99", "tidak dikenal"), ("/wilayah/abc", "tidak dikenal")])
def test_unknown_things_are_404_with_a_way_on(client, path, text):
    r = client.get(path)
    assert r.status_code == 404 and text in _html(r) and _html(r).count("<h1") == 1


def test_security_headers_and_csp_hashes(client):
    r = client.get("/peta")
    body = _html(r)
    csp = r.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in csp and "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", body, flags=re.S)
    assert inline
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_boundaries_are_served_as_cacheable_files(client, dash_app):
    from components import geodata
    url = geodata.geojson_url("regency", "73")
    r = client.get(url)
    assert r.status_code == 200 and r.mimetype == "application/geo+json"
    assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert len(json.loads(r.data)["features"]) == len(geodata.children_of("73"))
    again = client.get(url, headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/geo/province.geojson").headers["Cache-Control"] == "no-cache"
    for bad in ("/geo/regency-99.geojson", "/geo/province-73.geojson", "/geo/../app.geojson", "/geo/x.geojson"):
        assert client.get(bad).status_code == 404, bad
    body = _html(client.get("/peta"))
    # the first HTML draws the map as SVG on the server, without carrying the shapes as GeoJSON
    assert "data-peta-map" in body and '"Feature"' not in body and "FeatureCollection" not in body
    # and the interactive figure (the page as Dash's router sends it) refers to the boundaries by URL
    import app as app_module
    key = next(k for k in app_module.app.callback_map if "_pages_content.children" in k)
    payload = {"output": key, "outputs": [{"id": "_pages_content", "property": "children"},
                                          {"id": "_pages_store", "property": "data"}],
               "inputs": [{"id": "_pages_location", "property": "pathname", "value": "/peta"},
                          {"id": "_pages_location", "property": "search", "value": ""}],
               "changedPropIds": ["_pages_location.pathname"], "state": []}
    layout = json.loads(client.post("/_dash-update-component", json=payload).get_data(as_text=True))
    text = json.dumps(layout)
    assert re.search(r'"geojson": "/geo/province\.geojson\?v=[0-9a-f]+"', text) and '"Feature"' not in text


def test_embed_code_uses_the_public_or_request_host(client, monkeypatch):
    body = _html(client.get("/peta?indicator=villages_reached"))
    assert "src=&quot;http://localhost/embed/peta?indicator=villages_reached" in body
    monkeypatch.setenv("PETA_PUBLIC_URL", "https://peta.example.org/")
    body = _html(client.get("/peta"))
    assert "src=&quot;https://peta.example.org/embed/peta&quot;" in body


def test_chart_code_is_preloaded_only_where_there_are_charts(client):
    assert "async-graph.js" not in _html(client.get("/tentang"))
    assert "async-graph.js" not in _html(client.get("/data"))
    peta = _html(client.get("/peta"))
    assert re.search(r'<link rel="preload" href="[^"]*/async-graph\.js" as="script">', peta.split("<body>")[0])


def test_nothing_is_loaded_from_elsewhere(client):
    body = _html(client.get("/"))
    srcs = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', body)
    assert srcs and all(s.startswith("/") for s in srcs), srcs
    assert "cdn." not in body and "fonts.googleapis" not in body


def test_no_debug_in_production(client):
    body = _html(client.get("/"))
    config = json.loads(re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', body).group(1))
    assert config.get("ui") is False and config.get("props_check") is False


def test_illustrative_banner(monkeypatch, demo_dir, client):
    monkeypatch.setenv("PETA_DATA_DIR", str(demo_dir))
    body = _html(client.get("/peta?indicator=group_members"))
    assert "Data ilustratif" in body and "illustrative-banner" in body


def test_startup_builds_no_page_layout(seed_dir):
    code = (
        "import components.state as s\n"
        "calls = []\n"
        "orig = s.from_query\n"
        "s.from_query = lambda *a, **k: (calls.append(1), orig(*a, **k))[1]\n"
        "import app\n"
        "c = app.server.test_client()\n"
        "assert c.get('/_dash-layout').status_code == 200\n"
        "assert c.get('/_dash-dependencies').status_code == 200\n"
        "print(len(calls), app.app.validation_layout is None, app.app.config.suppress_callback_exceptions)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PETA_DATA_DIR": str(seed_dir), "PATH": "/usr/bin:/bin"}, cwd=str(_root()))
    assert out.stdout.split() == ["0", "True", "True"]


def _root():
    from pathlib import Path
    return Path(__file__).resolve().parents[2]


# --- callbacks through Dash's own endpoint ---------------------------------------------

def _wildcard(cid) -> bool:
    return isinstance(cid, dict) and any(not isinstance(v, (str, int, float, bool)) for v in cid.values())


def call(client, dash_app, output_has: str, values: dict, changed: str, state: dict | None = None,
         lists: dict | None = None, out_lists: dict | None = None):
    """POST /_dash-update-component for the callback whose outputs include ``output_has``.

    ``lists``: the entries of a wildcard input or state, by property (default none matched);
    ``out_lists``: the concrete ids a wildcard output matched, by property (default none)."""
    key = next(k for k in dash_app.callback_map if output_has in k)
    cb = dash_app.callback_map[key]
    state = state or {}
    lists = lists or {}
    out_lists = out_lists or {}

    def out(o):
        if _wildcard(o.component_id):
            return [{"id": i, "property": o.component_property} for i in out_lists.get(o.component_property, [])]
        return {"id": o.component_id, "property": o.component_property}

    def fill(spec, src):
        cid = spec["id"]
        if "ALL" in cid:
            return lists.get(spec["property"], [])
        return {**spec, "value": src.get(cid)}
    payload = {
        "output": key,
        "outputs": [out(o) for o in cb["output"]],
        "inputs": [fill(i, values) for i in cb["inputs"]],
        "changedPropIds": [changed],
        "state": [fill(s, state) for s in cb["state"]],
    }
    r = client.post("/_dash-update-component", json=payload)
    assert r.status_code in (200, 204), r.get_data(as_text=True)[:500]
    return r.get_json()["response"] if r.status_code == 200 else None


PETA = {"peta-indicator": "presence", "peta-programme": "all", "peta-theme": "all", "peta-partner": "all",
        "peta-period": "all", "peta-level": "province", "peta-province": "", "peta-sex": "all", "peta-scheme": "all",
        "peta-tab": "map"}


def test_router_renders_pages_through_dash(client, dash_app):
    key = next(k for k in dash_app.callback_map if "_pages_content.children" in k)
    payload = {"output": key, "outputs": [{"id": "_pages_content", "property": "children"},
                                          {"id": "_pages_store", "property": "data"}],
               "inputs": [{"id": "_pages_location", "property": "pathname", "value": "/tema/masyarakat-adat"},
                          {"id": "_pages_location", "property": "search", "value": "?lang=en"}],
               "changedPropIds": ["_pages_location.pathname"], "state": []}
    r = client.post("/_dash-update-component", json=payload)
    assert r.status_code == 200 and "Thematic area: Indigenous communities" in r.get_data(as_text=True)


def test_filter_change_writes_only_non_defaults_and_redraws(client, dash_app):
    res = call(client, dash_app, "peta-indicator.value", {**PETA, "peta-indicator": "groups_formed",
                                                          "peta-level": "regency"},
               "peta-indicator.value", {"peta-query": "?lang=en"})
    assert res["url-query"]["data"] == "?lang=en&indicator=groups_formed&level=regency"
    assert res['{"chart":"peta","type":"card-title"}']["children"] == "Groups formed by regency/city"
    assert res["peta-up"]["hidden"] is True


def test_map_click_drills_down_and_back(client, dash_app):
    click = [{"id": {"chart": "peta", "scope": "peta", "type": "graph"}, "property": "clickData",
              "value": {"points": [{"location": "73"}]}}]
    res = call(client, dash_app, "peta-indicator.value", PETA, '{"chart":"peta","scope":"peta","type":"graph"}'
               ".clickData", {"peta-query": ""}, {"clickData": click})
    assert res["url-query"]["data"] == "?province=73" and res["peta-up"]["hidden"] is False
    assert "Sulawesi Selatan" in json.dumps(res["peta-drill"])
    res = call(client, dash_app, "peta-indicator.value", PETA, "peta-up.n_clicks", {"peta-query": "?province=73"})
    assert res["url-query"]["data"] == ""


def test_back_forward_restores_controls(client, dash_app):
    res = call(client, dash_app, "peta-indicator.value", {**PETA, "peta-pop": "/peta?indicator=sp_enrolment&"
                                                                                   "scheme=kip#1"},
               "peta-pop.data", {"peta-query": "?indicator=groups_formed"})
    assert res["peta-indicator"]["value"] == "sp_enrolment" and res["peta-scheme"]["value"] == "kip"
    # the answer names the Back/Forward it answers (assets/peta.js then replaces the history entry)
    assert res["url-query"]["data"] == {"search": "?indicator=sp_enrolment&scheme=kip", "pop": "1"}


def test_policy_search_and_sort(client, dash_app):
    vals = {"kebijakan-programme": "all", "kebijakan-theme": "all", "kebijakan-partner": "all",
            "kebijakan-period": "all", "kebijakan-policy_level": "all", "kebijakan-instrument": "all",
            "kebijakan-level": "province", "kebijakan-q": "sukabumi", "kebijakan-sort": "title",
            "kebijakan-tab": "map"}
    res = call(client, dash_app, "kebijakan-q.value", vals, "kebijakan-q.value", {"kebijakan-query": ""})
    assert res["url-query"]["data"] == "?q=sukabumi&sort=title"
    table = json.dumps(res['{"chart":"kebijakan-tabel","type":"card-body"}'])
    assert "Perbup Sukabumi" in table and "UU No. 8" not in table


def test_secondary_card_switches_view(client, dash_app):
    key = next(k for k in dash_app.callback_map if '"type":"card-body"' in k and "MATCH" in k)
    cid = {"chart": "tren", "type": "card-body"}
    payload = {"output": key, "outputs": {"id": cid, "property": "children"},
               "inputs": [{"id": {"chart": "tren", "type": "card-tab"}, "property": "value", "value": "table"}],
               "changedPropIds": ['{"chart":"tren","type":"card-tab"}.value'],
               "state": [{"id": {"chart": "tren", "type": "card-state"}, "property": "data",
                          "value": "?indicator=villages_reached&lang=en"},
                         {"id": {"chart": "tren", "type": "card-body"}, "property": "className",
                          "value": "card-body-view"}]}
    r = client.post("/_dash-update-component", json=payload)
    assert r.status_code == 200 and "Table" in r.get_data(as_text=True) and "936" in r.get_data(as_text=True)


# --- content on the published seed transcription (no source has a URL) -------------------------

@pytest.fixture(scope="module")
def real_dir(tmp_path_factory):
    """The real seed transcription (``peta-inklusi seed``), published into a temporary data dir."""
    from data import seed
    root = tmp_path_factory.mktemp("real-seed")
    seed.publish_seed(root=root)
    return root


@pytest.fixture()
def real_client(monkeypatch, real_dir):
    monkeypatch.setenv("PETA_DATA_DIR", str(real_dir))
    import app as app_module
    return app_module.server.test_client()


@pytest.fixture()
def real_snapshot(real_dir):
    from data.snapshot import load_snapshot
    return load_snapshot(root=real_dir)


def _policy_rows(body: str) -> list[str]:
    """Each policy win's HTML on a page: the rows of the policy table card, or the items of a policy list."""
    rows = []
    card = re.search(r'<section[^>]*id="card-kebijakan-tabel".*?</section>', body, flags=re.S)
    if card:
        tbody = re.search(r"<tbody>(.*?)</tbody>", card.group(0), flags=re.S).group(1)
        rows += re.findall(r"<tr>(.*?)</tr>", tbody, flags=re.S)
    for ul in re.findall(r'<ul class="inline-list policy-list">(.*?)</ul>', body, flags=re.S):
        rows += re.findall(r"<li>(.*?)</li>", ul, flags=re.S)
    return rows


def _assert_resolves(client, href: str) -> None:
    from urllib.parse import urlsplit
    href = href.replace("&amp;", "&")
    parts = urlsplit(href)
    if parts.scheme:
        assert parts.scheme in ("http", "https") and parts.netloc, href
        return
    r = client.get(parts.path + ("?" + parts.query if parts.query else ""))
    assert r.status_code == 200, href
    if parts.fragment:
        assert f'id="{parts.fragment}"' in _html(r), f"{href}: no element with that id"


@pytest.mark.parametrize("path", ["/kebijakan", "/kebijakan?lang=en", "/tema/perlindungan-sosial",
                                  "/tema/buruh-migran?lang=en", "/mitra/kapal-perempuan", "/mitra/migrant-care",
                                  "/wilayah/73.10", "/wilayah/52?lang=en", "/wilayah/33"])
def test_every_policy_win_links_to_its_source(real_client, real_snapshot, path):
    """No policy or source has a URL in the transcription: each win links to its source's citation on /data."""
    body = _html(real_client.get(path))
    rows = _policy_rows(body)
    assert rows, path
    if path.startswith("/kebijakan"):
        assert len(rows) == len(real_snapshot.tables["policies"])
    for row in rows:
        hrefs = re.findall(r'<a href="([^"]+)"', row)
        assert hrefs, row[:200]
        cite = [h for h in hrefs if "#src-" in h]
        assert cite, row[:200]
        for h in cite:
            assert h.startswith("/data?lang=en#" if "lang=en" in path else "/data#"), h
            _assert_resolves(real_client, h)


def test_policy_links_prefer_their_own_url(client):
    """Where a win or its source has a URL (the test fixture's sources all have one), the link goes there."""
    body = _html(client.get("/kebijakan"))
    rows = _policy_rows(body)
    assert rows
    uu7 = next(r for r in rows if "UU No. 7" in r)
    assert 'href="https://peraturan.go.id/"' in uu7
    for row in rows:
        href = re.findall(r'<a href="([^"]+)"', row)
        assert href and all(h.startswith("https://") for h in href), row[:200]


def test_sources_on_data_page_are_full_citations_with_anchors(real_client, real_snapshot):
    for lang, words in (("id", ("Data per Desember 2016", "Lisensi: seluruh hak cipta pada penerbit",
                                "Halaman web; alamatnya tidak dicatat", "Bahasa: Indonesia")),
                        ("en", ("Figures as of December 2016", "Licence: all rights reserved by publisher",
                                "Web page; its address was not recorded", "Language: Indonesian"))):
        body = _html(real_client.get("/data" + ("?lang=en" if lang == "en" else "")))
        for _, src in real_snapshot.tables["sources"].iterrows():
            m = re.search(rf'<li id="src-{re.escape(src["source_id"])}"[^>]*>(.*?)</details></li>', body, flags=re.S)
            assert m, src["source_id"]
            entry = m.group(1)
            assert f"“{src['title']}”" in entry.replace("&amp;", "&")
            # the file name is only a detail (inside the closed <details>), not the citation itself
            head, detail = entry.split("<details", 1)
            assert src["file"] not in head and src["file"] in detail
        for w in words:
            assert w in body, (lang, w)
    # a passage quoted from a source is listed with it
    assert "Hingga tahun 2016, Peduli telah menjangkau lebih dari 11.000 komunitas adat" in _html(
        real_client.get("/data"))
    # publisher and licence stated in English in the data read in Indonesian on the Indonesian page
    id_body = _html(real_client.get("/data"))
    assert "all rights reserved" not in id_body and "not named on the page" not in id_body
    assert "tidak disebut di halaman (artikel berita)" in id_body
    # each source's own note, in the page's language
    for lang, col_ in (("id", "note_id"), ("en", "note_en")):
        body = _html(real_client.get("/data" + ("?lang=en" if lang == "en" else "")))
        for note in real_snapshot.tables["sources"][col_].dropna():
            assert f'<p class="source-note">{note}</p>' in body.replace("&#x27;", "'"), (lang, note[:40])


@pytest.mark.parametrize("lang,column", [("id", "title_id"), ("en", "title_en")])
def test_title_sort_follows_the_language(real_client, real_snapshot, lang, column):
    import html as H
    pol = real_snapshot.tables["policies"]
    for sort, reverse in (("title", False), ("-title", True)):
        q = f"?sort={sort}" + ("&lang=en" if lang == "en" else "")
        body = _html(real_client.get("/kebijakan" + q))
        titles = [H.unescape(re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)[1]) for row in _policy_rows(body)]
        expected = sorted(pol[column].tolist(), key=str.lower, reverse=reverse)
        assert titles == expected, (lang, sort)


# --- Beranda's headline figures ------------------------------------------------------------------

def _kpis(body: str) -> list[tuple[str, str]]:
    import html as H
    ul = re.search(r'<ul class="kpis"[^>]*>(.*?)</ul>', body, flags=re.S).group(1)
    return [(H.unescape(v), H.unescape(label)) for v, label in re.findall(
        r'<span class="kpi-value">(.*?)</span><span class="kpi-label">(.*?)</span>', ul)]


def test_home_headline_figures_keep_the_sources_qualifiers(real_client):
    cards = _kpis(_html(real_client.get("/")))
    values = [v for v, _ in cards]
    assert "lebih dari 600" in values and "lebih dari 11.000" in values and "sekitar 1.975" in values
    en = [v for v, _ in _kpis(_html(real_client.get("/?lang=en")))]
    assert "more than 600" in en and "more than 11,000" in en and "about 1,975" in en
    # one group per category, in this order: reach, groups, policy, enrolment
    labels = [label for _, label in cards]
    order = ["Desa terjangkau", "Kelompok terbentuk", "Keputusan kebijakan", "Kepesertaan perlindungan sosial"]
    assert [labels.index(x) for x in order] == sorted(labels.index(x) for x in order)
    assert labels.index("Anggota kelompok") < labels.index("Keputusan kebijakan")
    # the programme's own figures; a partner's (e.g. KPI's 74 Balai Perempuan) belong to its own page
    assert "74" not in values and "lebih dari 150.000" not in values


def test_home_headline_figures_on_the_test_snapshot(client):
    assert "lebih dari 600" in [v for v, _ in _kpis(_html(client.get("/")))]
    assert "more than 600" in [v for v, _ in _kpis(_html(client.get("/?lang=en")))]


# --- document title and meta tags in the request's language ------------------------------------

def _head(body: str) -> tuple[str, dict[str, str]]:
    import html as H
    head = body.split("</head>", 1)[0]
    title = H.unescape(re.search(r"<title>(.*?)</title>", head, flags=re.S).group(1))
    metas = {m[0]: H.unescape(m[1]) for m in re.findall(
        r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', head)}
    return title, metas


@pytest.mark.parametrize("path,lang,title,description", [
    ("/", "id", "Peta Inklusi: capaian program inklusi sosial", "meta.home"),
    ("/", "en", "Peta Inklusi: social-inclusion results", "meta.home"),
    ("/kebijakan", "id", "Kemenangan kebijakan — Peta Inklusi", "meta.kebijakan"),
    ("/kebijakan", "en", "Policy wins — Peta Inklusi", "meta.kebijakan"),
    ("/peta", "en", "Map explorer — Peta Inklusi", "meta.peta"),
    ("/data", "en", "Data, sources and methodology — Peta Inklusi", "meta.data"),
    ("/tema", "en", "Thematic areas — Peta Inklusi", "meta.tema"),
    ("/tema/perlindungan-sosial", "id", "Area tematik: Akses kepada perlindungan sosial — Peta Inklusi",
     ("meta.tema_profile", "Akses kepada perlindungan sosial")),
    ("/tema/perlindungan-sosial", "en", "Thematic area: Access to social protection — Peta Inklusi",
     ("meta.tema_profile", "Access to social protection")),
    ("/mitra/pekka", "en", "Partner: PEKKA — Peta Inklusi", ("meta.mitra_profile", "PEKKA")),
    ("/wilayah/73.10", "id", "Kabupaten Pangkajene dan Kepulauan — Peta Inklusi",
     ("meta.wilayah_profile", "Kabupaten Pangkajene dan Kepulauan")),
    ("/wilayah/73", "en", "Sulawesi Selatan — Peta Inklusi", ("meta.wilayah_profile", "Sulawesi Selatan")),
    ("/nope", "en", "Page not found — Peta Inklusi", "meta.404"),
])
def test_title_and_meta_name_the_page_in_its_language(client, path, lang, title, description):
    from components.i18n import t
    for lite in ("", "lite=1"):  # the same without JavaScript (WCAG 2.4.2)
        q = "&".join(x for x in ("lang=en" if lang == "en" else "", lite) if x)
        body = _html(client.get(path + ("?" + q if q else "")))
        got_title, metas = _head(body)
        assert got_title == title, (path, lang, lite)
        desc = t(description, lang) if isinstance(description, str) else t(description[0], lang,
                                                                           name=description[1])
        assert metas["description"] == desc == metas["og:description"] == metas["twitter:description"]
        assert metas["og:title"] == title == metas["twitter:title"]
        assert metas["og:locale"] == ("en_GB" if lang == "en" else "id_ID")
        assert list(re.findall(r'<meta name="description"', body)) == ['<meta name="description"']


# --- /tema/<slug> -------------------------------------------------------------------------------

def _section(body: str, card: str) -> str:
    m = re.search(rf'<section[^>]*id="card-{card}".*?</section>', body, flags=re.S)
    return m.group(0) if m else ""


def test_theme_chart_subtitles_state_the_theme(client):
    for lang, area, everything in (("id", "area Akses kepada perlindungan sosial", "semua area"),
                                   ("en", "area Access to social protection", "all areas")):
        body = _html(client.get("/tema/perlindungan-sosial" + ("?lang=en" if lang == "en" else "")))
        for card in ("tema-indikator", "tren", "peta", "tema-wilayah"):
            sub = re.search(r'class="card-subtitle">(.*?)</p>', _section(body, card), flags=re.S)
            assert sub and area in sub.group(1) and everything not in sub.group(1), (lang, card)


def test_theme_initiatives_name_and_link_their_partners(client):
    body = _html(client.get("/tema/perlindungan-sosial"))
    inits = re.search(r'<ul id="tema-initiatives"[^>]*>(.*?)</ul>', body, flags=re.S).group(1)
    assert '<a href="/mitra/kpi">Koalisi Perempuan Indonesia (KPI)</a>' in inits
    assert '<a href="/mitra/pekka">PEKKA</a>' in inits and "(kpi)" not in inits and "(pekka)" not in inits
    assert "href=\"/mitra/kpi?lang=en\"" in _html(client.get("/tema/perlindungan-sosial?lang=en"))


def test_theme_indicator_selector_is_in_the_url(client):
    body = _html(client.get("/tema/perlindungan-sosial"))
    nav = re.search(r'<nav id="ind-choose".*?</nav>', body, flags=re.S).group(0)
    # every indicator of the area with a figure, the default one current (and not written into the URL)
    for ind in ("group_members", "cadres", "consultations", "sp_enrolment", "women_leaders",
                "share_recommendations_adopted"):
        assert f'href="/tema/perlindungan-sosial?indicator={ind}#ind-choose"' in nav, ind
    assert re.search(r'aria-current="true"[^>]*>Kelompok terbentuk<', nav) and "indicator=groups_formed" not in nav
    assert "Kelompok terbentuk dari waktu ke waktu" in _section(body, "tren")
    chosen = _html(client.get("/tema/perlindungan-sosial?indicator=cadres&lang=en"))
    assert "Women cadres over time" in _section(chosen, "tren")
    assert "5,000" in _section(chosen, "tren")
    nav = re.search(r'<nav id="ind-choose".*?</nav>', chosen, flags=re.S).group(0)
    assert re.search(r'aria-current="true"[^>]*>Women cadres<', nav)
    assert 'href="/tema/perlindungan-sosial?lang=en#ind-choose"' in nav  # back to the default
    # the language switch keeps the choice
    switch = re.search(r'<a id="lang-switch"[^>]*>', chosen).group(0)
    assert 'href="/tema/perlindungan-sosial?indicator=cadres"' in switch
    # an indicator the area has no figure for falls back with a notice, never an error
    r = client.get("/tema/masyarakat-adat?indicator=cadres")
    assert r.status_code == 200 and 'class="notice"' in _html(r) and "“cadres”" in _html(r)
    assert "Desa terjangkau dari waktu ke waktu" in _section(_html(r), "tren")


def test_theme_indicators_by_place(client):
    body = _html(client.get("/tema/perlindungan-sosial"))
    table = _section(body, "tema-wilayah")
    assert '<a href="/wilayah/32.02">Kabupaten Sukabumi</a>' in table
    assert "Kabupaten Pangkajene dan Kepulauan" in table and "lebih dari 50%" in table
    # the chosen indicator on a map, by place (groups in Sukabumi roll up to Jawa Barat)
    assert "Kelompok terbentuk menurut provinsi" in _section(body, "tema-peta")
    # national-only figures are not drawn as places; the presence map says where the area works
    assert "Jumlah mitra dan program yang bekerja di tiap provinsi" in _section(body, "peta")
    adat = _html(client.get("/tema/masyarakat-adat"))
    assert 'id="tema-no-place"' in adat and not _section(adat, "tema-wilayah") and not _section(adat, "tema-peta")


def test_theme_without_place_figures_says_so(real_client):
    """The transcription states every thematic figure nationally: the page says so and maps where the area works."""
    for path in ("/tema/perlindungan-sosial", "/tema/masyarakat-adat?lang=en"):
        body = _html(real_client.get(path))
        assert 'id="tema-no-place"' in body and _section(body, "peta") and not _section(body, "tema-wilayah")


def test_theme_policy_wins(client):
    body = _html(client.get("/tema/perlindungan-sosial"))
    pol = body.split('id="pol-h"', 1)[1]
    assert "Perbup Sukabumi tentang SLRT" in pol and "MoU 8 Kementerian" not in pol
    assert "Belum ada kemenangan kebijakan" in _html(client.get("/tema/pekerja-rumahan"))


# --- /data, /wilayah, Beranda's "what changed", /mitra/<id> -------------------------------------------

@pytest.mark.parametrize("lang", ["id", "en"])
def test_data_page_credits_version_downloads_and_definitions(client, seed_snapshot, lang):
    import html as H

    from components import geodata
    from components.i18n import col, date, t
    q = "?lang=en" if lang == "en" else ""
    body = H.unescape(_html(client.get("/data" + q)))
    # credits and licences for the boundaries and the codes, and the programme data
    credits = geodata.credits(lang)
    assert credits and all(line in body for line in credits)
    if "synthetic" not in " ".join(geodata.credits("en")):
        assert "CC BY 3.0 IGO" in body and "ODbL" in body
    assert t("data.credit_programme", lang) in body
    # the snapshot version and its date; every published version, the live one marked
    assert t("data.snapshot_text", lang, version="20261120.1", created=date(seed_snapshot.created_at[:10], lang),
             date=date(seed_snapshot.data_date, lang), schema=__import__("data.schema").schema.SCHEMA_VERSION) in body
    assert f"20261120.1 · {date(seed_snapshot.created_at[:10], lang)} · {t('data.live', lang)}" in body
    assert "20261101.1 · " in body
    # the whole snapshot as a zip
    href = "/download/snapshot.zip?v=20261120.1" + ("&lang=en" if lang == "en" else "")
    assert f'href="{href}"' in body
    r = client.get(href)
    assert r.status_code == 200 and r.data[:2] == b"PK"
    # every indicator's definition, unit and how it adds up
    for _, ind in seed_snapshot.tables["indicators"].iterrows():
        for text in (col(ind, "name", lang), col(ind, "definition", lang), t(f"agg.{ind['aggregation']}", lang)):
            assert text in body, (ind["indicator_id"], text)
    assert t("chart.presence.def", lang) in body


def test_place_profiles_link_to_parent_and_children(client):
    from components import geodata
    prov = _html(client.get("/wilayah/73"))
    kids = geodata.children_of("73")
    assert len(kids) > 10
    grid = prov.split('id="kids-h"', 1)[1]
    for k in kids:
        assert f'<a href="/wilayah/{k}">{geodata.name_of(k)}</a>' in grid, k
    assert "Bagian dari" not in prov  # a province has no parent
    en = _html(client.get("/wilayah/73?lang=en"))
    assert f'href="/wilayah/{kids[0]}?lang=en"' in en and "Regencies in this place" in en
    reg = _html(client.get("/wilayah/73.10?lang=en"))
    assert re.search(r'Part of: <a href="/wilayah/73\?lang=en">Sulawesi Selatan</a>', reg)
    assert 'id="kids-h"' not in reg  # a regency lists no children
    assert 'href="/peta?province=73&amp;lang=en"' in reg
    index = _html(client.get("/wilayah"))
    assert all(f'href="/wilayah/{code}"' in index for code, _ in geodata.places("province"))


def test_home_says_what_the_latest_release_changed(client):
    body = _html(client.get("/"))
    box = body.split('id="changes-h"', 1)[1].split("</section>", 1)[0]
    # the fixture's second release adds one figure (the share of recommendations adopted)
    assert "Dibanding versi 20261101.1:" in box
    assert "<li><strong>Baru</strong>: Rekomendasi diakomodasi · MAMPU · Nasional: – → lebih dari 50%</li>" in box
    assert "Angka: 1 baru, 0 dihapus, 0 berubah" in box
    en = _html(client.get("/?lang=en")).split('id="changes-h"', 1)[1].split("</section>", 1)[0]
    assert "Compared with version 20261101.1:" in en and "<strong>New</strong>" in en
    assert "more than 50%" in en and "Figures: 1 new, 0 removed, 0 changed" in en


def test_home_first_release_has_nothing_to_compare(monkeypatch, tmp_path):
    from data.snapshot import publish
    from tests.conftest import seed_tables
    publish(seed_tables(), root=tmp_path, notes="only release", data_date="2017-06-30", version="20261101.1")
    monkeypatch.setenv("PETA_DATA_DIR", str(tmp_path))
    import app as app_module
    body = _html(app_module.server.test_client().get("/"))
    assert "Ini rilis pertama; belum ada versi sebelumnya untuk dibandingkan." in body


def test_partner_profile_sections(client):
    body = _html(client.get("/mitra/kpi"))
    assert "<h1>Mitra: Koalisi Perempuan Indonesia (KPI)</h1>" in body
    assert '<a href="/tema/perlindungan-sosial" class="me-2">Akses kepada perlindungan sosial</a>' in body
    inits = body.split('id="init-h"', 1)[1].split("</section>", 1)[0]
    assert "PIPA-JKN" in inits and "Memantau akses perempuan ke JKN." in inits
    assert "Di mana Koalisi Perempuan Indonesia (KPI) bekerja" in _section(body, "mitra-peta")
    results = _section(body, "mitra-capaian")
    assert "74 Balai Perempuan di 8 provinsi" in results and "lebih dari 10.000" in results
    assert "mitra Koalisi Perempuan Indonesia (KPI)" in results and "semua mitra" not in results
    pol = body.split('id="pol-h"', 1)[1]
    assert "UU No. 7 Tahun 2016" in pol and "UU No. 8 Tahun 2016" in pol and "Perbup Sukabumi" not in pol
    # where a partner works: the presence map counts its places
    where = _section(_html(client.get("/mitra/kemitraan?lang=en")), "mitra-peta")
    assert "Where KEMITRAAN works" in where and "10 of 38 places have a figure" in where
    en = _html(client.get("/mitra/kpi?lang=en"))
    assert "<h1>Partner: Koalisi Perempuan Indonesia (KPI)</h1>" in en
    assert all(h in en for h in (">Initiatives<", ">Where the partner works<", ">Results<", ">Policy wins<"))


def test_no_js_filter_form_keeps_card_views_and_pinned_version(client):
    """The server HTML's GET form (no JavaScript) carries what its controls do not: the other
    cards' views and a pinned data version, so submitting it keeps them."""
    import re

    from data.snapshot import load_snapshot
    version = load_snapshot().version
    html = client.get(f"/peta?views=tren:table&v={version}&lang=en").data.decode()
    form = re.search(r'<form method="get" class="filters-form">(.*?)</form>', html, re.S)
    assert form, "no GET form in the server HTML"
    inputs = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(1)))
    assert inputs == {"lang": "en", "views": "tren:table", "v": version}
    plain = client.get("/peta").data.decode()
    form = re.search(r'<form method="get" class="filters-form">(.*?)</form>', plain, re.S)
    assert 'type="hidden"' not in form.group(1)  # nothing to keep


def test_map_pages_name_their_boundaries_for_an_early_fetch(client):
    """The head names the boundary files the page's maps use (assets/vendor/plotly-loader.js fetches
    them while the scripts download); pages without a map name none."""
    import re as _re
    for path, level in (("/peta", "province"), ("/peta?level=regency", "regency"), ("/?lang=en", "province")):
        html = client.get(path).get_data(as_text=True)
        metas = _re.findall(r'<meta name="peta-geojson" content="([^"]*)">', html)
        assert len(metas) == 1, path
        urls = metas[0].split(" ")
        assert len(urls) == 1 and _re.fullmatch(rf"/geo/{level}\.geojson\?v=[0-9a-f]+", urls[0]), (path, urls)
        assert client.get(urls[0]).status_code == 200
    assert 'name="peta-geojson"' not in client.get("/tentang").get_data(as_text=True)


def _layout_json(client, referer: str | None):
    r = client.get("/_dash-layout", headers={"Referer": referer} if referer else {})
    assert r.status_code == 200 and "Referer" in r.headers["Vary"] and r.headers["Cache-Control"] == "no-cache"
    return r.get_json()


def _find(node, cid):
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == cid:
            return node
        for v in (node.get("props", {}).get("children"),):
            found = _find(v, cid)
            if found:
                return found
    if isinstance(node, list):
        for n in node:
            found = _find(n, cid)
            if found:
                return found
    return None


def test_dash_layout_carries_the_page_that_asked_for_it(client):
    """No router round trip after the scripts: Dash's layout already holds the requested page, and the
    location holds its URL (dcc.Location then changes nothing on mount, so the router is not called)."""
    layout = _layout_json(client, "http://localhost/peta?level=regency&lang=en")
    loc = _find(layout, "_pages_location")["props"]
    assert (loc["pathname"], loc["search"], loc["href"], loc["hash"]) == (
        "/peta", "?level=regency&lang=en", "http://localhost/peta?level=regency&lang=en", "")
    content = json.dumps(_find(layout, "_pages_content"))
    assert "regency.geojson" in content and "Skip to main content" in content  # the English page
    assert _find(layout, "peta-indicator") is not None
    assert _find(layout, "_pages_store")["props"]["data"] == {"title": "Peta — Peta Inklusi"}
    # path variables and a page of its own
    assert "73.10" in json.dumps(_find(_layout_json(client, "http://localhost/wilayah/73.10"), "_pages_content"))


@pytest.mark.parametrize("referer", [None, "http://evil.example/peta", "http://localhost/wilayah/99.99",
                                     "http://localhost/no-such-page", "not a url"])
def test_dash_layout_leaves_other_requests_to_the_router(client, referer):
    layout = _layout_json(client, referer)
    loc = _find(layout, "_pages_location")["props"]
    assert "pathname" not in loc and "search" not in loc  # set by the browser, then the router answers
    assert _find(layout, "_pages_content")["props"].get("children") is None


def test_a_callback_answered_before_comes_from_the_cache_by_value(client, dash_app, monkeypatch):
    """Same body, host and live data version: the same answer, from the worker's cache."""
    key = next(k for k in dash_app.callback_map if "peta-indicator.value" in k)
    cb = dash_app.callback_map[key]

    def body(indicator):
        vals = dict(PETA, **{"peta-indicator": indicator})
        return {"output": key, "outputs": [{"id": o.component_id, "property": o.component_property}
                                           if not _wildcard(o.component_id) else [] for o in cb["output"]],
                "inputs": [{**i, "value": vals.get(i["id"])} if "ALL" not in str(i["id"]) else []
                           for i in cb["inputs"]],
                "changedPropIds": ["peta-indicator.value"],
                "state": [{**s, "value": ""} if "ALL" not in str(s["id"]) else [] for s in cb["state"]]}

    first = client.post("/_dash-update-component", json=body("group_members"))
    again = client.post("/_dash-update-component", json=body("group_members"))
    assert first.status_code == again.status_code == 200
    assert first.headers["X-Peta-Callback-Cache"] == "miss" and again.headers["X-Peta-Callback-Cache"] == "hit"
    assert again.get_json() == first.get_json()
    # a client asking for a fresh answer gets one, computed again and the same
    for header in ({"Cache-Control": "no-cache"}, {"Cache-Control": "max-age=0, no-cache"}, {"Pragma": "no-cache"}):
        fresh = client.post("/_dash-update-component", json=body("group_members"), headers=header)
        assert fresh.headers["X-Peta-Callback-Cache"] == "miss" and fresh.get_json() == first.get_json()
    other = client.post("/_dash-update-component", json=body("villages_reached"))
    assert other.headers["X-Peta-Callback-Cache"] == "miss" and other.get_json() != first.get_json()
    # kept brotli-compressed: a brotli client gets those bytes (on a miss and on a hit), a gzip
    # client the same answer gzipped, any other the JSON itself
    import json as _json
    from components.perf import decompress
    for i, state in enumerate(("miss", "hit")):
        br = client.post("/_dash-update-component", json=body("sp_enrolment"), headers={"Accept-Encoding": "gzip, br"})
        assert br.headers["X-Peta-Callback-Cache"] == state and br.headers["Content-Encoding"] == "br"
        assert "Accept-Encoding" in br.headers["Vary"]
        assert _json.loads(decompress(br.get_data(), "br")) == _json.loads(
            client.post("/_dash-update-component", json=body("sp_enrolment")).get_data())
    gz = client.post("/_dash-update-component", json=body("sp_enrolment"), headers={"Accept-Encoding": "gzip"})
    assert gz.headers["X-Peta-Callback-Cache"] == "hit" and gz.headers["Content-Encoding"] == "gzip"
    assert _json.loads(decompress(gz.get_data(), "gzip")) == _json.loads(decompress(br.get_data(), "br"))
    assert len(dash_app.peta_callback_cache._entries[next(reversed(dash_app.peta_callback_cache._entries))]) \
        == len(br.get_data())
    # another host (named in embed codes) or another live version: not the same answer
    host = client.post("/_dash-update-component", json=body("group_members"), headers={"Host": "peta.example"})
    assert host.headers["X-Peta-Callback-Cache"] == "miss"
    assert "peta.example" in host.get_data(as_text=True)
    from components import state
    monkeypatch.setattr(state, "live_key", lambda: ("elsewhere", "2099"))
    cache = dash_app.peta_callback_cache
    monkeypatch.setattr(cache, "key_extra", state.live_key)
    assert client.post("/_dash-update-component", json=body("group_members")).headers[
        "X-Peta-Callback-Cache"] == "miss"


def test_callback_cache_is_a_bounded_lru():
    from components.perf import CallbackCache
    cache = CallbackCache(maxsize=2, max_bytes=10)
    k = [cache.key(str(i).encode(), "h") for i in range(3)]
    assert len(set(k)) == 3 and cache.key(b"0", "h") == k[0] and cache.key(b"0", "other") != k[0]
    cache.put(k[0], b"a")
    cache.put(k[1], b"b")
    assert cache.get(k[0]) == b"a"  # now the most recent
    cache.put(k[2], b"c")
    assert cache.get(k[1]) is None and cache.get(k[0]) == b"a" and len(cache) == 2
    cache.put("big", b"x" * 11)
    assert cache.get("big") is None


def test_pages_name_the_small_favicon_which_browsers_keep(client):
    """The icon link points at assets/favicon.ico (versioned), served with a year-long lifetime, so
    a filter change (the title changes) never fetches it again."""
    import re
    html_text = client.get("/peta").get_data(as_text=True)
    links = re.findall(r'<link[^>]*rel="icon"[^>]*>', html_text)
    assert len(links) == 1 and "/assets/favicon.ico?m=" in links[0], links
    href = re.search(r'href="([^"]+)"', links[0]).group(1)
    icon = client.get(href)
    assert icon.status_code == 200 and len(icon.data) < 1024
    assert "max-age=31536000" in icon.headers["Cache-Control"]


def test_a_change_sends_nothing_for_what_it_leaves_as_it_is(client, dash_app):
    """/peta: a card whose filters, view and data are those on screen (its state says so) and the
    headline block whose key is the one on screen get no update: nothing to send or redraw."""
    tren_state, peta_state = '{"chart":"tren","type":"card-state"}', '{"chart":"peta","type":"card-state"}'
    first = call(client, dash_app, "peta-indicator.value", dict(PETA, **{"peta-indicator": "villages_reached"}),
                 "peta-indicator.value", {"peta-query": ""})
    assert "peta-kpis" in first and "key-" in first["peta-kpis"]["className"]
    assert tren_state in first and first[tren_state]["data"]["q"]
    shown = {"peta-query": first["peta-query"]["data"],
             tren_state: first[tren_state]["data"], peta_state: first[peta_state]["data"],
             "peta-kpis": first["peta-kpis"]["className"]}
    # the map as a table: the trend and the headline figures stay as they are
    second = call(client, dash_app, "peta-indicator.value",
                  dict(PETA, **{"peta-indicator": "villages_reached", "peta-tab": "table"}),
                  "peta-tab.value", shown)
    assert peta_state in second and second[peta_state]["data"] != shown[peta_state]
    assert tren_state not in second and not any('"chart":"tren"' in k for k in second)
    assert "peta-kpis" not in second
    # another level: the trend says so; the headline block only if its note comes or goes
    level = call(client, dash_app, "peta-indicator.value",
                 dict(PETA, **{"peta-indicator": "villages_reached", "peta-level": "regency"}),
                 "peta-level.value", shown)
    assert peta_state in level and tren_state in level
    from components.state import from_search
    from pages.peta import _national_note
    st = from_search("?indicator=villages_reached")
    notes = {_national_note(st.filters.replace(level=lv), st.snapshot) for lv in ("province", "regency")}
    assert ("peta-kpis" in level) == (len(notes) == 2)
    # another programme: everything changes
    third = call(client, dash_app, "peta-indicator.value",
                 dict(PETA, **{"peta-indicator": "villages_reached", "peta-programme": "mampu"}),
                 "peta-programme.value", shown)
    assert tren_state in third and "peta-kpis" in third and third["peta-kpis"]["className"] != shown["peta-kpis"]
    # a store written before card states were dicts (a plain query) is simply redrawn
    fourth = call(client, dash_app, "peta-indicator.value",
                  dict(PETA, **{"peta-indicator": "villages_reached", "peta-level": "regency"}),
                  "peta-level.value", {**shown, tren_state: shown[tren_state]["q"]})
    assert tren_state in fourth


def test_a_worker_warms_up_on_the_landing_pages_and_every_indicator_view(client, monkeypatch):
    """app.warm (called by gunicorn.conf.py before a worker takes requests) answers / and /peta in
    full and builds /peta for every other indicator, through the app itself, and freezes what it
    made out of the garbage collector's reach; a background thread then does the other pages and
    /peta for every province and programme. Nothing fails; a failing view is noted, not raised."""
    import gc

    import dash
    import app as app_module
    from components import geodata, perf, state
    from data.filters import Filters, allowed

    snap = state.load("")
    pages, views, later_pages, later_views = app_module.warm_urls()
    indicators = [i for i in allowed("indicator", snap) if i != Filters().indicator]
    provinces = [c for c, _ in geodata.places("province")]
    programmes = [p for p in allowed("programme", snap) if p != Filters().programme]
    assert pages == ["/", "/peta"] and len(indicators) > 3 and len(provinces) == 38 and programmes
    assert views == [f"/peta?indicator={i}" for i in indicators] + [f"/peta?province={provinces[0]}",
                                                                    f"/peta?programme={programmes[0]}"]
    assert later_views == [f"/peta?province={c}" for c in provinces[1:]] + \
        [f"/peta?programme={p}" for p in programmes[1:]]
    assert set(later_pages) == {"/wilayah", "/tema", "/mitra", "/kebijakan", "/perlindungan-sosial", "/data",
                                "/tentang"}
    entry = next(p for p in dash.page_registry.values() if p["path"] == "/peta")
    built = []
    real_layout = entry["layout"]
    monkeypatch.setitem(entry, "layout", lambda **kw: built.append(kw) or real_layout(**kw))
    try:
        done = app_module.warm("http://127.0.0.1:8123")
        assert done.failed == {} and list(done.seconds) == pages + views
        assert done.frozen > 1000 and gc.get_freeze_count() > 1000
        assert f"answered {len(pages + views)} URLs" in done.summary() and "background" in done.summary()
        done.background.join(120)
        assert not done.background.is_alive()
        assert done.later["failed"] == {} and list(done.later["seconds"]) == later_pages + later_views
        assert set(indicators) <= {kw.get("indicator") for kw in built}
        assert set(provinces) <= {kw.get("province") for kw in built}
        assert set(programmes) <= {kw.get("programme") for kw in built}

        def broken(**kw):
            raise RuntimeError("no")
        monkeypatch.setitem(entry, "layout", broken)
        bad = perf.warm(app_module.server, [], ["/peta?indicator=cadres"])
        assert list(bad.failed) == ["/peta?indicator=cadres"] and "failed" in bad.summary()
        assert bad.background is None
    finally:
        gc.unfreeze()
    monkeypatch.setattr(app_module, "settings", dataclasses.replace(app_module.settings, optimize=False))
    assert app_module.warm_urls() == ([], [], [], [])


def test_gunicorn_config_warms_each_worker_on_its_own_address(monkeypatch):
    """gunicorn.conf.py's post_worker_init calls the app's peta_warm with the worker's address, leaves
    an app without it alone, and logs (never raises) a failed warm-up."""
    import runpy
    from types import SimpleNamespace

    conf = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    assert conf["worker_class"] == "sync"
    logged = []
    log = SimpleNamespace(info=lambda *a: logged.append(("info", a)),
                          exception=lambda *a: logged.append(("exception", a)))
    got = []

    def fake_warm(base):
        got.append(base)
        return SimpleNamespace(summary=lambda: "ok")

    def worker(warm, addr=("0.0.0.0", 8123)):
        return SimpleNamespace(wsgi=SimpleNamespace(extensions={"peta_warm": warm} if warm else {}),
                               sockets=[SimpleNamespace(cfg_addr=addr)], log=log, pid=7)

    conf["post_worker_init"](worker(fake_warm))
    conf["post_worker_init"](worker(fake_warm, ("10.0.0.5", 80)))
    conf["post_worker_init"](worker(fake_warm, "/tmp/peta.sock"))
    assert got == ["http://127.0.0.1:8123", "http://10.0.0.5:80", "http://localhost"]
    conf["post_worker_init"](worker(None))
    assert len(got) == 3

    def failing(base):
        raise RuntimeError("boom")
    conf["post_worker_init"](worker(failing))
    assert [k for k, _ in logged] == ["info", "info", "info", "exception"]


def test_freed_memory_goes_back_to_the_system_every_hundred_requests(client, monkeypatch):
    """Every perf.TRIM_EVERY-th request, after its response is closed, calls release_memory."""
    from components import perf
    from data import snapshot
    calls = []
    monkeypatch.setattr(snapshot, "release_memory", lambda: calls.append(1))
    for _ in range(perf.TRIM_EVERY * 2 + 5):
        client.get("/assets/peta.css").close()
    assert len(calls) in (2, 3)  # the counter also saw the fixture's earlier requests

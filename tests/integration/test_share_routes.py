"""Downloads, image exports and framing over the Flask test client.

The routes are installed with ``components.share.install`` (what app.py
calls) on a bare Flask app over the shared test snapshots, and compared with
the chart's own table view (``components.specs.table_for``) and figure.
"""

from __future__ import annotations

import csv
import io
import json
import re
import struct
import zipfile
from pathlib import Path

import flask
import openpyxl
import pandas as pd
import pytest

from components import share
from components.share import charts, images, safe
from components.specs import get_spec, table_for
from data.filters import parse
from data.settings import get_settings
from data.snapshot import load_snapshot, publish

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def make_app(data_dir):
    app = flask.Flask("share-test")
    share.install(app, get_settings({"PETA_DATA_DIR": str(data_dir)}))
    return app


@pytest.fixture(scope="module")
def seed_app(seed_dir):
    app = make_app(seed_dir)
    yield app
    app.extensions["peta_share"].renderer.close()


@pytest.fixture(scope="module")
def demo_app(demo_dir):
    app = make_app(demo_dir)
    yield app
    app.extensions["peta_share"].renderer.close()


@pytest.fixture(scope="module")
def evil_dir(tmp_path_factory):
    """The seed snapshot with formula-like text where users could have typed it."""
    from tests.conftest import seed_tables

    tables = seed_tables()
    pol = tables["policies"].copy()
    pol.loc[0, "title_id"] = '=HYPERLINK("http://evil.example","klik")'
    pol.loc[0, "title_en"] = "+cmd|' /C calc'!A0"
    pol.loc[1, "citation"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    pol.loc[2, "place_name"] = "-2+3"
    tables["policies"] = pol
    root = tmp_path_factory.mktemp("evil")
    publish(tables, root=root, notes="formula injection cases", data_date="2017-06-30", version="20261120.1")
    return root


def _disposition(resp) -> str:
    cd = resp.headers["Content-Disposition"]
    m = re.fullmatch(r'attachment; filename="([^"]+)"', cd)
    assert m, cd
    return m.group(1)


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _expected(data_dir, chart_id, query, lang="id"):
    snap = load_snapshot(root=data_dir)
    f, _ = parse(query, snap)
    spec = get_spec(chart_id)
    return table_for(spec, spec.filters(f), snap, lang), snap


def _card_texts(data_dir, chart_id, query, lang):
    """The card's own title and subtitle (components.specs), to compare exports with."""
    from components import specs

    snap = load_snapshot(root=data_dir)
    f, _ = parse({**query, "lang": lang}, snap)
    spec = get_spec(chart_id)
    return specs.title(spec, f, snap, lang), specs.subtitle(spec, f, snap, lang)


def _same_cell(cell: str, value) -> bool:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return cell == ""
    if isinstance(value, (bool,)):
        return cell == ("true" if value else "false")
    if isinstance(value, (int, float)):
        return float(cell) == float(value)
    return cell == safe.neutralise(str(value))


# --- CSV / XLSX ------------------------------------------------------------------

@pytest.mark.parametrize("chart_id, query", [
    ("perlindungan-skema", {}),
    ("tren", {"indicator": "villages_reached", "lang": "en"}),
    ("kebijakan-tabel", {"instrument": "mou"}),
    ("peta", {"indicator": "groups_formed", "level": "regency"}),
    ("angka-utama", {"programme": "peduli"}),
])
def test_csv_equals_the_table_view(seed_app, seed_dir, chart_id, query):
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    r = seed_app.test_client().get(f"/download/{chart_id}.csv?{qs}")
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.mimetype == "text/csv"
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"  # the charset once
    expected, snap = _expected(seed_dir, chart_id, query, query.get("lang", "id"))
    rows = _csv_rows(r.data)
    assert rows[0] == list(expected.columns)
    assert len(rows) - 1 == len(expected)
    for got, (_, want) in zip(rows[1:], expected.iterrows()):
        assert all(_same_cell(c, v) for c, v in zip(got, want.tolist())), (got, want.tolist())
    name = _disposition(r)
    assert name.startswith(f"peta-inklusi_{chart_id}_") and name.endswith(f"_v{snap.version}.csv")


def test_file_names_state_the_filters_and_version(seed_app):
    c = seed_app.test_client()
    r = c.get("/download/perlindungan-skema.csv?programme=peduli&scheme=kip")
    assert _disposition(r) == "peta-inklusi_perlindungan-skema_programme-peduli_scheme-kip_v20261120.1.csv"
    r = c.get("/download/perlindungan-skema.xlsx")
    assert _disposition(r) == "peta-inklusi_perlindungan-skema_semua_v20261120.1.xlsx"
    r = c.get("/download/perlindungan-skema.csv?lang=en&v=20261101.1")
    assert _disposition(r) == "peta-inklusi_perlindungan-skema_all_v20261101.1.csv"
    assert "immutable" in r.headers["Cache-Control"]


def test_xlsx_has_the_table_and_a_readme_sheet(seed_app, seed_dir):
    r = seed_app.test_client().get("/download/perlindungan-skema.xlsx?lang=en")
    assert r.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(r.data))
    assert wb.sheetnames == ["perlindungan-skema", "README"]
    ws = wb["perlindungan-skema"]
    expected, snap = _expected(seed_dir, "perlindungan-skema", {"lang": "en"}, "en")
    assert [c.value for c in ws[1]] == list(expected.columns)
    assert ws.max_row - 1 == len(expected)
    readme = {row[0].value: row[1].value for row in wb["README"].iter_rows()}
    assert readme["Title"] == _card_texts(seed_dir, "perlindungan-skema", {}, "en")[0]
    assert readme["Data version"] == snap.version
    assert "Peta Inklusi, data version 20261120.1" in readme["Citation"]
    assert readme["Illustrative"] == "no"
    assert "ODbL" in readme["Licence"]
    assert "below 5" in readme["Privacy"] and "more than" in readme["Privacy"]
    r = seed_app.test_client().get("/download/perlindungan-skema.xlsx")
    readme_id = {row[0].value: row[1].value
                 for row in openpyxl.load_workbook(io.BytesIO(r.data))["README"].iter_rows()}
    assert "Privacy" not in readme_id and "di bawah 5" in readme_id["Privasi"]


def test_formula_injection_is_neutralised_in_csv_and_xlsx(evil_dir):
    app = make_app(evil_dir)
    c = app.test_client()
    r = c.get("/download/kebijakan-tabel.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(r.data))
    cells = [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if isinstance(cell.value, str)}
    assert '=HYPERLINK("http://evil.example","klik")' in texts  # kept, as text
    r = c.get("/download/kebijakan-tabel.csv")
    flat = [cell for row in _csv_rows(r.data) for cell in row]
    assert "'=HYPERLINK(\"http://evil.example\",\"klik\")" in flat
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in flat
    assert not [x for x in flat if x.startswith(safe.FORMULA_TRIGGERS)]
    r = c.get("/download/kebijakan-tabel.csv?lang=en")
    flat = [cell for row in _csv_rows(r.data) for cell in row]
    assert "'+cmd|' /C calc'!A0" in flat


def test_illustrative_marker_and_suppression_in_downloads(demo_app, demo_dir):
    c = demo_app.test_client()
    rows = _csv_rows(c.get("/download/peta.csv?indicator=group_members&level=regency").data)
    assert rows[0][-1] == "Ilustratif" and all(r[-1] == "ilustratif" for r in rows[1:])
    # a place profile lists village figures: small counts are withheld, never shown
    snap = load_snapshot(root=demo_dir)
    obs = snap.tables["observations"]
    small = obs[(obs["place_level"] == "village") & (obs["value"] < 5) & (obs["indicator_id"] == "group_members")]
    assert len(small)
    code = str(small["place_code"].iloc[0])[:5]
    r = c.get(f"/download/wilayah-angka.csv?place={code}")
    rows = _csv_rows(r.data)
    header, body = rows[0], rows[1:]
    vi = header.index("Nilai")
    values = [float(x[vi]) for x in body if x[vi] != ""]
    assert body and all(v >= 5 or v == 1 for v in values)  # 1 = "village reached" flags, not counts of people
    assert any(x[vi] == "" for x in body)
    wb = openpyxl.load_workbook(io.BytesIO(c.get("/download/peta.xlsx?indicator=group_members").data))
    readme = {row[0].value: row[1].value for row in wb["README"].iter_rows()}
    assert readme["Ilustratif"].startswith("ya")


def test_unknown_chart_and_format_are_404(seed_app):
    c = seed_app.test_client()
    assert c.get("/download/nope.csv").status_code == 404
    assert c.get("/download/peta.exe").status_code == 404
    assert c.get("/export/peta.gif").status_code == 404
    assert c.get("/download/peta.csv?v=20990101.1").status_code == 404


def test_bad_filter_values_fall_back_like_the_pages(seed_app):
    r = seed_app.test_client().get("/download/perlindungan-skema.xlsx?programme=nope&lang=en")
    assert r.status_code == 200
    readme = {row[0].value: row[1].value
              for row in openpyxl.load_workbook(io.BytesIO(r.data))["README"].iter_rows()}
    assert any("nope" in str(v) for k, v in readme.items() if k == "!")


# --- snapshot zip ------------------------------------------------------------------

def test_snapshot_zip_validates_and_is_pinnable(seed_app, tmp_path):
    from frictionless import validate

    c = seed_app.test_client()
    r = c.get("/download/snapshot.zip")
    assert r.status_code == 200 and r.mimetype == "application/zip"
    assert _disposition(r) == "peta-inklusi_snapshot_v20261120.1.zip"
    zipfile.ZipFile(io.BytesIO(r.data)).extractall(tmp_path / "live")
    report = validate(tmp_path / "live" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    desc = json.loads((tmp_path / "live" / "datapackage.json").read_text())
    assert desc["version"] == "20261120.1" and desc["illustrative"] is False
    r = c.get("/download/snapshot.zip?v=20261101.1")
    assert _disposition(r) == "peta-inklusi_snapshot_v20261101.1.zip"
    assert c.get("/download/snapshot.zip?v=19990101.1").status_code == 404


def test_published_snapshot_zip_validates(tmp_path):
    """The project's own published snapshot (data/snapshots) packs into a valid data package."""
    from frictionless import validate

    root = Path(__file__).resolve().parents[2] / "data" / "snapshots"
    if not (root / "manifest.json").exists():
        pytest.fail("data/snapshots has no published snapshot: run `peta-inklusi seed`")
    from components.share import package

    snap = load_snapshot(root=root)
    zipfile.ZipFile(io.BytesIO(package.snapshot_zip(snap, 5, ""))).extractall(tmp_path)
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


# --- images ------------------------------------------------------------------------

def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _png_pixels(data: bytes):
    """RGB pixels of an 8-bit PNG, decoded with zlib and numpy (no imaging library needed)."""
    import zlib

    import numpy as np

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, [], 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and interlace == 0 and ctype in (2, 6), (depth, ctype, interlace)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat.append(chunk)
        pos += 12 + n
    raw = np.frombuffer(zlib.decompress(b"".join(idat)), dtype=np.uint8).reshape(h, 1 + w * bpp)
    out = np.zeros((h, w * bpp), dtype=np.uint8)
    prev = np.zeros(w * bpp, dtype=np.int16)
    for y in range(h):
        ft, line = raw[y, 0], raw[y, 1:].astype(np.int16)
        if ft == 0:
            cur = line
        elif ft == 2:
            cur = (line + prev) % 256
        elif ft == 1:
            cur = np.cumsum(line.reshape(w, bpp), axis=0, dtype=np.int64).reshape(-1) % 256
        else:
            cur = np.zeros_like(line)
            for i in range(w * bpp):
                a = cur[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                if ft == 3:
                    cur[i] = (line[i] + (a + b) // 2) % 256
                else:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                    cur[i] = (line[i] + pred) % 256
        out[y] = cur
        prev = cur.astype(np.int16)
    return out.reshape(h, w, bpp)[:, :, :3]


def _dark(px, rows: slice) -> int:
    """Number of dark pixels (text) in a band of rows."""
    return int((px[rows].min(axis=2) < 128).sum())


def test_svg_export_contains_title_source_and_version(seed_app, seed_dir):
    r = seed_app.test_client().get("/export/perlindungan-skema.svg?lang=en&programme=peduli")
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.mimetype == "image/svg+xml"
    svg = r.data.decode("utf-8")
    assert svg.lstrip().startswith("<svg")
    import html

    title, subtitle = _card_texts(seed_dir, "perlindungan-skema", {"programme": "peduli"}, "en")
    assert html.escape(title, quote=False) in svg
    assert "Peduli" in subtitle and html.escape(subtitle, quote=False) in svg  # the filters, stated
    assert "Source: KEMITRAAN" in svg
    assert "Data version 20261120.1" in svg and "data date 2017-06-30" in svg
    assert re.search(r"http://localhost/perlindungan-sosial\?lang=en&amp;[^<]*programme=peduli", svg)  # the view
    assert "ILLUSTRATIVE" not in svg
    assert _disposition(r) == "peta-inklusi_perlindungan-skema_programme-peduli_word_en_v20261120.1.svg"


def test_png_export_is_the_decorated_figure_at_the_requested_size(seed_app, seed_dir, monkeypatch):
    renderer = seed_app.extensions["peta_share"].renderer
    seen = []
    original = renderer.render

    def spy(fig, fmt, size):
        seen.append((fig, fmt, size))
        return original(fig, fmt, size)

    monkeypatch.setattr(renderer, "render", spy)
    c = seed_app.test_client()
    r = c.get("/export/tren.png?indicator=villages_reached&size=slide")
    assert r.status_code == 200 and r.mimetype == "image/png"
    assert _png_size(r.data) == (1920, 1080)
    assert _disposition(r) == "peta-inklusi_tren_indicator-villages_reached_slide_id_v20261120.1.png"
    # the figure the PNG was made from has the texts baked in
    fig, fmt, size = seen[-1]
    assert (fmt, size) == ("png", "slide")
    texts = " ".join(images.export_texts(fig))
    assert _card_texts(seed_dir, "tren", {"indicator": "villages_reached"}, "id")[0] in texts
    assert "Sumber: KEMITRAAN" in texts and "MAMPU" in texts
    assert "Versi data 20261120.1 · tanggal data 2017-06-30" in texts
    assert "http://localhost/peta?indicator=villages_reached" in texts
    # it is the chart's own figure (same traces as the page) ...
    settings = seed_app.extensions["peta_share"].settings
    chart = charts.resolve(settings, "tren", {"indicator": "villages_reached"})
    page_fig = charts.figure(chart).to_dict()
    assert [tr.get("y") for tr in fig["data"]] == [tr.get("y") for tr in page_fig["data"]]
    # ... and the PNG differs from a render of it without the texts
    page_fig["layout"].update(width=960, height=540)
    plain = original(page_fig, "png", "slide")
    assert _png_size(plain) == (1920, 1080) and plain != r.data
    # the pixels: the title band at the top and the footer band at the bottom carry text in the
    # export and not in the undecorated render of the same figure
    got, bare = _png_pixels(r.data), _png_pixels(plain)
    top, bottom = slice(0, 2 * 40), slice(1080 - 2 * 3 * images.FOOTER_LINE_PX, 1080)
    assert _dark(got, top) > 2000 and _dark(bare, top) < _dark(got, top) // 4, (_dark(got, top), _dark(bare, top))
    assert _dark(got, bottom) > 1500 and _dark(bare, bottom) < _dark(got, bottom) // 4
    word = c.get("/export/tren.png?indicator=villages_reached")
    assert _png_size(word.data) == (1600, 1000)
    # rendered by Debian's Chromium (PETA_CHROMIUM), never a downloaded browser
    assert str(renderer._kaleido._browser_impl.path) == settings.chromium == "/usr/bin/chromium"


def test_illustrative_exports_say_so_in_both_languages(demo_app):
    svg = demo_app.test_client().get("/export/peta.svg?indicator=group_members&lang=en").data.decode()
    assert "ILLUSTRATIVE / ILUSTRATIF" in svg
    svg = demo_app.test_client().get("/export/perlindungan-skema.svg").data.decode()
    assert "ILUSTRATIF / ILLUSTRATIVE" in svg


def test_exports_are_cached_by_value(seed_app):
    c = seed_app.test_client()
    a = c.get("/export/perlindungan-skema.svg?scheme=kip").data
    b = c.get("/export/perlindungan-skema.svg?scheme=kip&tab=map").data
    assert a == b
    keys = seed_app.extensions["peta_share"].cache.keys()
    assert any(k[0] == "export" and k[1][0] == "perlindungan-skema" for k in keys)


def test_kaleido_page_loads_nothing_from_the_internet(tmp_path):
    html = images.page_generator(tmp_path).generate_index()
    assert "http://" not in html and "https://" not in html
    assert "mathjax" not in html.lower()
    assert "plotly-geo-assets.js" in html and "plotly.min.js" in html


# --- framing ------------------------------------------------------------------------

def test_only_embed_paths_may_be_framed(seed_dir):
    app = make_app(seed_dir)

    @app.get("/embed/<chart_id>")
    def _embed(chart_id):
        return "embed"

    @app.get("/")
    def _home():
        resp = flask.Response("home")
        resp.headers["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'self'"
        return resp

    c = app.test_client()
    r = c.get("/embed/peta")
    assert "frame-ancestors *" in r.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in r.headers
    r = c.get("/")
    csp = r.headers["Content-Security-Policy"]
    assert csp == "default-src 'self'; frame-ancestors 'none'"
    assert r.headers["X-Frame-Options"] == "DENY"
    assert c.get("/download/peta.csv").headers["X-Frame-Options"] == "DENY"


def test_embed_code_is_an_accessible_lazy_iframe_with_the_resize_script():
    from data.filters import Filters

    f = Filters(indicator="villages_reached", level="regency")
    code = share.embed_code("peta", f, "https://peta.example", "en", title="Villages reached by regency")
    assert '<iframe src="https://peta.example/embed/peta?lang=en&amp;indicator=villages_reached&amp;level=regency"' \
        in code
    assert 'title="Villages reached by regency"' in code and 'loading="lazy"' in code
    assert '<script src="https://peta.example/assets/embed-resize.js" async></script>' in code


# --- robustness ------------------------------------------------------------------------

def _fuzz_values():
    from hypothesis import strategies as st

    return st.one_of(st.sampled_from(["all", "mampu", "peduli", "villages_reached", "sp_enrolment", "presence",
                                      "2016", "2017", "32", "73.10", "en", "female", "jkn-kis", "mou", "regency",
                                      "chart", "table", "20261101.1", "-date", "1"]),
                     st.text(max_size=10))


def test_fuzzing_downloads_gives_no_5xx(seed_app):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from components.specs import REGISTRY
    from data.filters import FIELDS

    client = seed_app.test_client()
    names = [f.name for f in FIELDS] + ["size", "bogus"]

    @settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(chart=st.sampled_from(sorted(REGISTRY) + ["nope"]), fmt=st.sampled_from(["csv", "xlsx"]),
           params=st.lists(st.tuples(st.sampled_from(names), _fuzz_values()), max_size=4))
    def run(chart, fmt, params):
        r = client.get(f"/download/{chart}.{fmt}", query_string=params)
        assert r.status_code in (200, 404), (chart, params, r.status_code, r.get_data(as_text=True)[:300])

    run()


def test_a_broken_chromium_gives_503_with_a_message_not_500(seed_dir):
    app = flask.Flask("no-chromium")
    share.install(app, get_settings({"PETA_DATA_DIR": str(seed_dir), "PETA_CHROMIUM": "/nonexistent/chromium"}))
    r = app.test_client().get("/export/perlindungan-skema.png")
    assert r.status_code == 503 and "CSV" in r.get_data(as_text=True)
    assert app.test_client().get("/download/perlindungan-skema.csv").status_code == 200


# --- the embed page and the cards' Embed dialogs (the whole app) ------------------------

@pytest.fixture()
def app_client(monkeypatch, seed_dir):
    monkeypatch.setenv("PETA_DATA_DIR", str(seed_dir))
    import app as app_module

    return app_module.server.test_client()


def _card_section(body: str, chart_id: str) -> str:
    start = body.index(f'id="card-{chart_id}"')
    end = body.find("</section>", start)
    return body[start:end]


@pytest.mark.parametrize("chart_id, tab, want", [
    ("peta", "table", "<table"), ("peta", "chart", "graph-wrap"), ("tren", "table", "<table"),
    ("perlindungan-peta", "table", "<table"),
])
def test_the_embed_shows_the_view_its_link_asks_for(app_client, chart_id, tab, want):
    body = app_client.get(f"/embed/{chart_id}?tab={tab}").get_data(as_text=True)
    card = _card_section(body, chart_id)
    view = card[card.index("card-body-view"):]
    assert want in view[:4000], (chart_id, tab)
    assert f'value="{tab}" checked' in card or re.search(rf'checked[^>]*value="{tab}"', card), "the switch agrees"
    if tab == "table":
        assert "data-peta-map" not in view and "graph-wrap" not in view[:4000]
    default = _card_section(app_client.get(f"/embed/{chart_id}").get_data(as_text=True), chart_id)
    assert "<table" not in default[default.index("card-body-view"):][:4000]


def test_links_inside_an_embed_open_in_a_new_tab(app_client):
    body = app_client.get("/embed/peta?tab=table").get_data(as_text=True)
    card = _card_section(body, "peta")
    table = card[card.index("<table"):card.index("</table>")]
    links = re.findall(r"<a [^>]*>", table)
    assert links and all('target="_blank"' in a and 'rel="noopener"' in a for a in links), links[:3]
    assert any('href="/wilayah/' in a for a in links)
    # on the page itself the same table links navigate in place
    page = _card_section(app_client.get("/peta?tab=table").get_data(as_text=True), "peta")
    page_table = page[page.index("<table"):page.index("</table>")]
    assert 'target="_blank"' not in page_table and 'href="/wilayah/' in page_table


def test_a_view_switch_inside_an_embed_keeps_new_tab_links(app_client):
    """The switch callback reads the body's embed-scope class: the table it draws links to new tabs."""
    import app as app_module

    app_client.get("/")  # the pages router registers on the first request
    key = next(k for k in app_module.app.callback_map if '"type":"card-body"' in k and "MATCH" in k)

    def switch(body_class: str) -> str:
        payload = {"output": key, "outputs": {"id": {"chart": "peta", "type": "card-body"}, "property": "children"},
                   "inputs": [{"id": {"chart": "peta", "type": "card-tab"}, "property": "value", "value": "table"}],
                   "changedPropIds": ['{"chart":"peta","type":"card-tab"}.value'],
                   "state": [{"id": {"chart": "peta", "type": "card-state"}, "property": "data", "value": ""},
                             {"id": {"chart": "peta", "type": "card-body"}, "property": "className",
                              "value": body_class}]}
        r = app_client.post("/_dash-update-component", json=payload)
        assert r.status_code == 200, r.get_data(as_text=True)[:300]
        return r.get_data(as_text=True)

    def links(text: str) -> list[dict]:
        found = []

        def walk(node):
            if isinstance(node, dict):
                if node.get("type") in ("A", "Link") and "href" in node.get("props", {}):
                    found.append({"type": node["type"], **node["props"]})
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)
        walk(json.loads(text))
        return [x for x in found if str(x["href"]).startswith("/wilayah/")]

    embed = links(switch("card-body-view embed-scope"))
    assert embed and all(x["type"] == "A" and x.get("target") == "_blank" and x.get("rel") == "noopener"
                         for x in embed), embed[:2]
    page = links(switch("card-body-view"))
    assert page and all(x["type"] == "Link" for x in page)


@pytest.fixture()
def page_bodies(app_client):
    from tests.integration.test_app import ROUTES

    return {path: app_client.get(path).get_data(as_text=True) for path in ROUTES}


def test_every_card_has_an_embed_dialog_with_the_cards_query(page_bodies):
    import html as htmlmod
    from urllib.parse import parse_qs, urlsplit

    seen = 0
    for path, body in page_bodies.items():
        for chart_id in re.findall(r'<section[^>]*id="card-([a-z0-9-]+)"', body):
            card = _card_section(body, chart_id)
            assert f'id="embed-{chart_id}"' in card, (path, chart_id)
            code = htmlmod.unescape(re.search(rf'<textarea id="embed-{chart_id}"[^>]*>([^<]*)</textarea>',
                                              card).group(1))
            src = htmlmod.unescape(re.search(r'<iframe src="([^"]+)"', code).group(1))
            parts = urlsplit(src)
            assert parts.scheme == "http" and parts.netloc == "localhost", src
            assert parts.path == f"/embed/{chart_id}", (path, src)
            csv_href = htmlmod.unescape(re.search(rf'href="(/download/{chart_id}\.csv[^"]*)"', card).group(1))
            data_q = parse_qs(urlsplit(csv_href).query)
            embed_q = {k: v for k, v in parse_qs(parts.query).items() if k != "tab"}
            assert embed_q == data_q, (path, chart_id, src, csv_href)  # the same filters as the card
            title = htmlmod.unescape(re.search(r'<h[23][^>]*class="card-title"[^>]*>([^<]*)<', card).group(1))
            assert f'title="{htmlmod.escape(title)} — Peta Inklusi"' in code, (path, chart_id, code)
            pinned = re.search(rf'<textarea id="embed-{chart_id}-pinned"[^>]*>([^<]*)</textarea>', card)
            assert pinned and "v=20261120.1" in htmlmod.unescape(pinned.group(1)), (path, chart_id)
            seen += 1
    assert seen >= 10


def test_the_pinned_embed_code_is_explained_in_both_languages(app_client):
    for lang, words in (("id", "versi tetap (v=20261120.1)"), ("en", "version-pinned code (v=20261120.1)")):
        card = _card_section(app_client.get(f"/peta?lang={lang}").get_data(as_text=True), "peta")
        assert words in card
    pinned_page = _card_section(app_client.get("/peta?v=20261101.1").get_data(as_text=True), "peta")
    assert 'id="embed-peta-pinned"' not in pinned_page  # already pinned: one code, with its v=
    assert "v=20261101.1" in pinned_page[pinned_page.index('id="embed-peta"'):]


def test_a_pinned_embed_says_when_a_newer_version_exists(app_client):
    old = app_client.get("/embed/peta?v=20261101.1&lang=en")
    assert old.status_code == 200
    body = old.get_data(as_text=True)
    assert "A newer data version is available" in body
    assert "this chart uses version 20261101.1; the latest is 20261120.1." in body
    assert re.search(r'href="/embed/peta\?lang=en"', body)  # the same embed, unpinned
    for url in ("/embed/peta", "/embed/peta?v=20261120.1"):
        assert "embed-newer" not in app_client.get(url).get_data(as_text=True), url


@pytest.mark.parametrize("path, spec_id", [("/", "beranda-angka"), ("/peta", "angka-utama"),
                                           ("/peta?programme=peduli&lang=en", "angka-utama")])
def test_headline_figures_have_the_card_share_links(app_client, path, spec_id):
    import html as htmlmod

    body = app_client.get(path).get_data(as_text=True)
    block = body[body.index('class="kpi-block"'):]
    block = block[:block.index("</footer>")]
    hrefs = [htmlmod.unescape(h) for h in re.findall(r'href="([^"]+)"', block)]
    for prefix in (f"/download/{spec_id}.csv", f"/download/{spec_id}.xlsx", f"/export/{spec_id}.png",
                   f"/export/{spec_id}.svg", f"/embed/{spec_id}"):
        assert any(h.startswith(prefix) for h in hrefs), (prefix, hrefs)
    assert f'id="embed-{spec_id}"' in block and f"/embed/{spec_id}" in htmlmod.unescape(block)
    if "programme=peduli" in path:
        assert all("programme=peduli" in h for h in hrefs if h.startswith(("/download/", "/export/")))
    csv_href = next(h for h in hrefs if h.startswith(f"/download/{spec_id}.csv"))
    r = app_client.get(csv_href)
    assert r.status_code == 200 and r.mimetype == "text/csv"



def _svg_box(svg: str) -> tuple[float, float]:
    w, h = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups()
    return float(w), float(h)


def _annotation_boxes(svg: str) -> list[tuple[str, float, float, float, float]]:
    """(text, x, y, width, height) of every annotation drawn in a plotly SVG."""
    out = []
    for m in re.finditer(r'<g class="cursor-pointer" transform="translate\(([-\d.]+),([-\d.]+)\)"><rect class="bg" '
                         r'x="[-\d.]+" y="[-\d.]+" width="([\d.]+)" height="([\d.]+)".*?'
                         r'<text class="annotation-text"[^>]*>(.*?)</text>', svg, flags=re.S):
        x, y, w, h, text = m.groups()
        out.append((re.sub(r"<[^>]+>", "", text), float(x), float(y), float(w), float(h)))
    return out


@pytest.mark.parametrize("url", ["/export/tren.svg?indicator=villages_reached&lang=en",
                                 "/export/perlindungan-skema.svg?size=slide",
                                 "/export/kebijakan-tabel.svg?lang=en"])
def test_svg_title_and_footer_lie_inside_the_image(seed_app, url):
    svg = seed_app.test_client().get(url).data.decode()
    width, height = _svg_box(svg)
    title = re.search(r'<text class="gtitle" x="([\d.]+)" y="([\d.]+)"', svg)
    assert title and 0 <= float(title.group(1)) < width and 0 <= float(title.group(2)) < 60
    boxes = _annotation_boxes(svg)
    footer = [b for b in boxes if b[0].startswith(("Source", "Sumber", "Data version", "Versi data", "http://"))]
    assert len(footer) >= 3, boxes
    for text, x, y, w, h in footer:
        assert 0 <= x and x + w <= width + 1 and 0 <= y and y + h <= height + 1, (text, x, y, w, h, width, height)
    # the lines do not overlap each other
    ys = sorted(y for _, _, y, _, _ in footer)
    assert all(b - a >= images.FOOTER_LINE_PX - 1 for a, b in zip(ys, ys[1:])), ys


def test_table_images_show_their_rows_or_say_how_many_more(seed_app):
    c = seed_app.test_client()
    n = len(table_for(get_spec("kebijakan-tabel"), parse({}, None)[0], load_snapshot(
        root=seed_app.extensions["peta_share"].settings.data_dir), "en"))
    word = c.get("/export/kebijakan-tabel.svg?lang=en").data.decode()
    width, height = _svg_box(word)
    assert width == 800 and height >= 500
    notes = [b for b in _annotation_boxes(word) if "more rows" in b[0]]
    slide = c.get("/export/kebijakan-tabel.svg?lang=en&size=slide").data.decode()
    assert _svg_box(slide) == (960, 540)  # a slide stays 16:9
    more = [b[0] for b in _annotation_boxes(slide) if "more rows" in b[0]]
    assert more and re.fullmatch(r"\+\d+ more rows — see the CSV", more[0]), more
    shown_slide = n - int(re.search(r"\d+", more[0]).group(0))
    assert 0 < shown_slide < n
    shown_word = n - (int(re.search(r"\d+", notes[0][0]).group(0)) if notes else 0)
    assert shown_word >= shown_slide
    id_note = [b[0] for b in _annotation_boxes(c.get("/export/kebijakan-tabel.svg?size=slide").data.decode())
               if "baris lagi" in b[0]]
    assert id_note and id_note[0].endswith("baris lagi — lihat CSV")
    png = c.get("/export/kebijakan-tabel.png?lang=en")
    w, h = _png_size(png.data)
    assert w == 1600 and h == 2 * height  # the Word image grew with its rows


def _overlap(a, b) -> bool:
    (_, ax, ay, aw, ah), (_, bx, by, bw, bh) = a, b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


@pytest.mark.parametrize("size", ["word", "slide"])
def test_headline_figure_images_never_overlap_and_say_what_is_left_out(seed_app, size):
    c = seed_app.test_client()
    svg = c.get(f"/export/angka-utama.svg?lang=en&size={size}").data.decode()
    width, height = _svg_box(svg)
    boxes = _annotation_boxes(svg)
    footer = ("Source", "Data version", "http://", "+")
    figures = [b for b in boxes if not b[0].startswith(footer) and "more figures" not in b[0]]
    assert len(figures) >= 4
    for i, a in enumerate(figures):
        assert 0 <= a[1] and a[1] + a[3] <= width + 1 and 0 <= a[2] and a[2] + a[4] <= height + 1, a
        for b in figures[i + 1:]:
            assert not _overlap(a, b), (a, b)
    total = len(c.get("/download/angka-utama.csv").data.decode().strip().splitlines()) - 1
    more = [b[0] for b in boxes if "more figures" in b[0]]
    shown = len(figures) // 2  # a value and its label per figure
    if size == "slide":
        assert _svg_box(svg) == (960, 540) and more, boxes
    left_out = int(re.search(r"\d+", more[0]).group(0)) if more else 0
    assert shown + left_out == total

"""Unit tests for components.perf: bundle provenance, graph config, compression helpers."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import brotli
import pytest

from components import perf

ROOT = perf.PROJECT_ROOT
SCOPES = ["world", "usa", "europe", "asia", "africa", "north-america", "south-america",
          "antarctica", "oceania"]
BASE_LAYERS = {"ocean", "land", "lakes", "subunits", "countries", "coastlines", "rivers"}


# ---------------------------------------------------------------- bundle provenance

def test_bundle_is_same_plotlyjs_version_as_plotly_py():
    info = perf.bundle_info()
    assert info.plotlyjs_version == perf.plotlyjs_version() == "4.1.1"
    # plotly.js stamps its version into the code as well (src/version.js).
    text = perf.BUNDLE_PATH.read_text(encoding="utf-8")
    assert re.search(r'version\s*[:=]\s*"4\.1\.1"', text)


def test_bundle_traces_are_the_ones_the_figures_draw():
    assert perf.bundle_info().traces == ("scatter", "bar", "choropleth")


def test_bundle_header_matches_the_committed_lock_file():
    info = perf.bundle_info()
    assert info.lock_sha256 == perf.sha256_file(perf.PACKAGE_LOCK), (
        "package-lock.json changed since the bundle was built: run bash scripts/build_plotly.sh")


def test_package_json_pins_exact_versions_that_match_the_lock_and_header():
    pkg = json.loads((ROOT / "package.json").read_text())
    lock = json.loads(perf.PACKAGE_LOCK.read_text())
    deps = pkg["devDependencies"]
    assert deps["plotly.js"] == perf.plotlyjs_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+", deps["esbuild"]), "esbuild must be pinned exactly"
    assert lock["packages"]["node_modules/plotly.js"]["version"] == deps["plotly.js"]
    assert lock["packages"]["node_modules/esbuild"]["version"] == deps["esbuild"]
    assert perf.bundle_info().esbuild_version == deps["esbuild"]


def test_bundle_is_much_smaller_than_dashs_full_plotly():
    import plotly

    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    ours = perf.BUNDLE_PATH.read_bytes()
    assert full.read_bytes()[:40].decode().count("plotly.js v4.1.1") == 1
    assert len(ours) < 0.35 * full.stat().st_size
    assert len(brotli.compress(ours, quality=5)) < 500_000
    # An iife that defines the global dcc.Graph looks for.
    assert "var Plotly=" in ours[:3000].decode()


def test_parse_bundle_header_rejects_a_hand_made_file():
    with pytest.raises(ValueError, match="header"):
        perf.parse_bundle_header("/* plotly.js v4.1.1 */ var Plotly={}")
    with pytest.raises(ValueError, match="lacks"):
        perf.parse_bundle_header("/*! GENERATED plotly.js v4.1.1 */")


def test_rebuilding_from_the_lock_file_reproduces_the_committed_files(tmp_path):
    """scripts/build_plotly.mjs on the pinned node_modules gives byte-identical output."""
    node = shutil.which("node")
    assert node, "node is missing: run bash scripts/setup.sh --test (installs nodejs, npm ci)"
    assert (ROOT / "node_modules" / "esbuild").is_dir(), "run bash scripts/setup.sh --test (npm ci)"
    subprocess.run([node, str(ROOT / "scripts" / "build_plotly.mjs"), "--out", str(tmp_path)],
                   check=True, cwd=ROOT, capture_output=True, timeout=120)
    built = tmp_path / perf.BUNDLE_NAME
    assert hashlib.sha256(built.read_bytes()).hexdigest() == perf.sha256_file(perf.BUNDLE_PATH), (
        "assets/vendor/plotly-custom.min.js is stale: run bash scripts/build_plotly.sh and commit")
    # Pre-compressed siblings: same content (compressor bytes may differ between zlib builds).
    for enc, suffix in (("br", ".br"), ("gzip", ".gz")):
        committed = perf.BUNDLE_PATH.with_name(perf.BUNDLE_NAME + suffix).read_bytes()
        assert perf.decompress(committed, enc) == built.read_bytes()
        assert perf.decompress((tmp_path / (perf.BUNDLE_NAME + suffix)).read_bytes(), enc) == built.read_bytes()
    for stub in (tmp_path / "topojson").iterdir():
        assert stub.read_bytes() == (perf.TOPOJSON_DIR / stub.name).read_bytes(), stub.name
    assert (tmp_path / perf.RUNTIME_PATH.name).read_bytes() == perf.RUNTIME_PATH.read_bytes(), (
        "assets/vendor/dash-runtime.min.js is stale: run bash scripts/build_plotly.sh and commit")


def test_dash_runtime_is_regenerator_from_the_lock_file_and_loads_the_polyfill_only_for_old_browsers():
    text = perf.RUNTIME_PATH.read_text(encoding="utf-8")
    lock = json.loads(perf.PACKAGE_LOCK.read_text())
    version = lock["packages"]["node_modules/regenerator-runtime"]["version"]
    pkg = json.loads((ROOT / "package.json").read_text())
    assert pkg["devDependencies"]["regenerator-runtime"] == version
    assert f"regenerator-runtime v{version}" in text[:600] and "GENERATED" in text[:600]
    assert f"sha256 {perf.sha256_file(perf.PACKAGE_LOCK)}" in text[:800]
    assert "regeneratorRuntime=" in text and "data-legacy-polyfill" in text and "Promise.prototype.finally" in text
    assert len(brotli.compress(text.encode(), quality=11)) < 4_000


def test_swap_polyfill_replaces_only_dashs_polyfill_tag():
    scripts = ('<script src="/_dash-component-suites/dash/deps/polyfill@7.v4_4_1m1.12.1.min.js"></script>\n'
               '<script src="/_dash-component-suites/dash/deps/react@18.v4_4_1m1.3.1.min.js"></script>')
    out = perf.swap_polyfill(scripts, "/assets/vendor/dash-runtime.min.js?v=abc")
    assert out.startswith('<script src="/assets/vendor/dash-runtime.min.js?v=abc" data-legacy-polyfill='
                          '"/_dash-component-suites/dash/deps/polyfill@7.v4_4_1m1.12.1.min.js"></script>')
    assert out.endswith('react@18.v4_4_1m1.3.1.min.js"></script>') and out.count("<script") == 2
    assert perf.swap_polyfill("<script src=/x.js></script>", "/r.js") == "<script src=/x.js></script>"


# ---------------------------------------------------------------- topojson stubs

@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("res", [110, 50])
def test_topojson_stub_for_every_scope_is_valid_and_empty(scope, res):
    topo = json.loads((perf.TOPOJSON_DIR / f"{scope}_{res}m.json").read_text())
    assert topo["type"] == "Topology"
    assert "GENERATED" in topo["generated"]
    assert set(topo["objects"]) == BASE_LAYERS
    for obj in topo["objects"].values():
        assert obj == {"type": "GeometryCollection", "geometries": []}


def test_bundle_registers_every_topojson_stub_so_maps_fetch_nothing():
    tail = perf.BUNDLE_PATH.read_text(encoding="utf-8")[-2000:]
    assert "window.PlotlyGeoAssets" in tail
    for scope in SCOPES:
        for res in (110, 50):
            assert f'"{scope}_{res}m"' in tail
    for layer in BASE_LAYERS:
        assert f'"{layer}"' in tail


# ---------------------------------------------------------------- graph_config

def test_graph_config_points_plotly_at_local_topojson_and_hides_the_logo():
    cfg = perf.graph_config("id")
    assert cfg["topojsonURL"] == "/assets/vendor/topojson/"
    assert (perf.TOPOJSON_DIR / "world_110m.json").is_file()
    assert cfg["displaylogo"] is False
    assert cfg["responsive"] is True
    assert cfg["scrollZoom"] is False
    assert cfg["locale"] == "id"
    assert "lasso2d" in cfg["modeBarButtonsToRemove"]
    assert perf.graph_config("en")["locale"] == "en"
    assert perf.graph_config("xx")["locale"] == "en"


def test_graph_config_respects_prefix_and_overrides():
    cfg = perf.graph_config("en", base_path="/peta-inklusi", staticPlot=True, displayModeBar=False)
    assert cfg["topojsonURL"] == "/peta-inklusi/assets/vendor/topojson/"
    assert cfg["staticPlot"] is True and cfg["displayModeBar"] is False
    # A fresh dict each call: callers may mutate theirs.
    a = perf.graph_config()
    a["displaylogo"] = True
    assert perf.graph_config()["displaylogo"] is False


# ---------------------------------------------------------------- compression helpers

@pytest.mark.parametrize("header, expected", [
    (None, None),
    ("", None),
    ("identity", None),
    ("gzip", "gzip"),
    ("gzip, deflate, br", "br"),
    ("gzip, deflate, br, zstd", "br"),
    ("br;q=0, gzip", "gzip"),
    ("br;q=0.5, gzip;q=0.9", "gzip"),
    ("BR", "br"),
    ("*", "br"),
    ("*;q=0", None),
    ("gzip;q=0, *", "br"),
    ("br;q=nonsense, gzip", "gzip"),
    ("deflate", None),
])
def test_negotiate_encoding(header, expected):
    assert perf.negotiate_encoding(header) == expected


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_compress_round_trips_and_gzip_is_deterministic(encoding):
    data = b"Peta Inklusi " * 500
    for static in (True, False):
        out = perf.compress(data, encoding, static=static)
        assert len(out) < len(data) / 10
        assert perf.decompress(out, encoding) == data
    if encoding == "gzip":
        assert perf.compress(data, "gzip") == perf.compress(data, "gzip")
        assert gzip.decompress(perf.compress(data, "gzip")) == data


def test_compress_rejects_unknown_encoding():
    with pytest.raises(ValueError):
        perf.compress(b"x", "zstd")


def test_precompressed_store_is_content_addressed_and_shared_on_disk(tmp_path, monkeypatch):
    data = b"function f(){return 1}\n" * 200
    sha = hashlib.sha256(data).hexdigest()
    store = perf.PrecompressedStore(tmp_path)
    body = store.get(data, sha, "br")
    assert brotli.decompress(body) == data
    assert (tmp_path / f"{sha}.br").read_bytes() == body
    assert not list(tmp_path.glob(".tmp-*"))

    # A second store (another worker) reuses the file and compresses nothing.
    def boom(*a, **k):
        raise AssertionError("compressed again")

    monkeypatch.setattr(perf, "compress", boom)
    other = perf.PrecompressedStore(tmp_path)
    assert other.get(data, sha, "br") == body
    # And the in-memory copy serves even when the file is gone.
    (tmp_path / f"{sha}.br").unlink()
    assert other.get(data, sha, "br") == body


def test_precompressed_store_uses_a_valid_shipped_sibling_and_ignores_a_stale_one(tmp_path, monkeypatch):
    data = b"var shipped = 1;\n" * 300
    sha = hashlib.sha256(data).hexdigest()
    good = tmp_path / "a.js.br"
    good.write_bytes(brotli.compress(data, quality=1))
    stale = tmp_path / "b.js.br"
    stale.write_bytes(brotli.compress(b"var old = 0;\n" * 300))
    cache = tmp_path / "cache"
    calls = []
    real = perf.compress
    monkeypatch.setattr(perf, "compress", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert perf.PrecompressedStore(cache).get(data, sha, "br", sibling=good) == good.read_bytes()
    assert calls == []
    body = perf.PrecompressedStore(cache).get(data, sha, "br", sibling=stale)
    assert brotli.decompress(body) == data and body != stale.read_bytes() and len(calls) == 1
    assert perf.PrecompressedStore(cache).get(data, sha, "gzip", sibling=tmp_path / "missing.gz")


def test_committed_precompressed_bundle_matches_the_bundle():
    js = perf.BUNDLE_PATH.read_bytes()
    assert brotli.decompress(perf.BUNDLE_PATH.with_name(perf.BUNDLE_NAME + ".br").read_bytes()) == js
    assert gzip.decompress(perf.BUNDLE_PATH.with_name(perf.BUNDLE_NAME + ".gz").read_bytes()) == js


def test_precompressed_store_memory_is_bounded(tmp_path):
    store = perf.PrecompressedStore(tmp_path, memory_bytes=2000)
    for i in range(20):
        data = (f"chunk {i} " * 300).encode() + bytes(range(256)) * 4
        store.get(data, hashlib.sha256(data).hexdigest(), "gzip")
    assert store._mem_size <= 2000
    assert len(list(tmp_path.glob("*.gz"))) == 20


def test_read_static_is_keyed_by_content_change(tmp_path):
    f = tmp_path / "a.js"
    f.write_text("var a=1;")
    d1, s1 = perf.read_static(f)
    f.write_text("var a=22;")
    d2, s2 = perf.read_static(f)
    assert (d1, d2) == (b"var a=1;", b"var a=22;") and s1 != s2
    assert perf.fingerprint(f) == s2[:16]


def test_safe_join_refuses_traversal(tmp_path):
    (tmp_path / "ok.json").write_text("{}")
    assert perf._safe_join(tmp_path, "ok.json") == (tmp_path / "ok.json").resolve()
    assert perf._safe_join(tmp_path, "../etc/passwd") is None
    assert perf._safe_join(tmp_path, "missing.json") is None
    assert perf._safe_join(tmp_path, ".") is None


def test_mimetypes_and_compressibility():
    assert perf._mimetype("a.min.js") == "application/javascript"
    assert perf._mimetype("a.js.map") == "application/json"
    assert perf._compressible(perf._mimetype("x.css"))
    assert perf._compressible(perf._mimetype("world_110m.json"))
    assert perf._compressible("application/json; charset=utf-8")
    assert not perf._compressible(perf._mimetype("logo.png"))
    assert not perf._compressible(perf._mimetype("font.woff2"))


# ---------------------------------------------------------------- server-drawn SVG

def _map_fig():
    import plotly.graph_objects as go

    from bench.tiny_app import geojson

    fig = go.Figure(go.Choropleth(
        geojson=geojson(), featureidkey="id", locations=["A", "B", "C", "X"], z=[0, 5, 10, 3],
        zmin=0, zmax=10, colorscale=[[0, "#ffffff"], [1, "#000000"]],
        customdata=[["Kotak A", "0"], ["Kotak B", "5"], ["Kotak C", "10"], ["?", "3"]]))
    fig.add_trace(go.Choropleth(geojson=geojson(), featureidkey="id", locations=["D"], z=[0],
                                colorscale=[[0, "#d9d9d9"], [1, "#d9d9d9"]], showscale=False,
                                name="Tidak ada data", showlegend=True))
    fig.update_geos(projection_type="mercator", lonaxis_range=[99, 134], lataxis_range=[-7, 5])
    return fig


def _absolute_points(d: str) -> list[tuple[int, int]]:
    """Points of an 'M x y l dx dy ... z' path (one ring)."""
    m = re.fullmatch(r"M(-?\d+) (-?\d+)l([-\d ]*)z", d)
    assert m, d
    x, y = int(m[1]), int(m[2])
    out = [(x, y)]
    nums = [int(v) for v in m[3].split()]
    for dx, dy in zip(nums[::2], nums[1::2]):
        x, y = x + dx, y + dy
        out.append((x, y))
    return out


def test_colorscale_color_interpolates():
    cs = [[0, "#000000"], [0.5, "rgb(100, 100, 100)"], [1, "#ffffff"]]
    assert perf.colorscale_color(cs, 0) == "#000000"
    assert perf.colorscale_color(cs, 0.25) == "#323232"
    assert perf.colorscale_color(cs, 0.5) == "#646464"
    assert perf.colorscale_color(cs, 1) == "#ffffff"
    assert perf.colorscale_color(cs, 7) == "#ffffff" and perf.colorscale_color(cs, -1) == "#000000"
    assert perf.colorscale_color([[0, "#fff"], [1, "rgba(0,0,0,0.5)"]], 0) == "#ffffff"


def test_figure_svg_draws_each_mapped_shape_with_its_colour_and_title():
    svg = perf.figure_svg(_map_fig(), label="Desa terjangkau", number_format=lambda v: f"<{v:g}>")
    assert svg.startswith("<svg") and 'data-peta-map="server"' in svg
    assert 'role="img"' in svg and 'aria-label="Desa terjangkau"' in svg
    paths = re.findall(r'<path d="([^"]+)" fill="(#[0-9a-f]{6})"', svg)
    assert len(paths) == 4  # A, B, C and the no-data D; X has no shape
    fills = [f for _, f in paths]
    assert fills[:3] == ["#ffffff", "#808080", "#000000"] and fills[3] == "#d9d9d9"
    assert "<title>Kotak B — 5</title>" in svg
    assert "Tidak ada data" in svg  # legend entry for no data
    assert "&lt;0&gt;" in svg and "&lt;10&gt;" in svg  # colour-bar ends, locale-formatted, escaped
    # Mercator with y down: the northern square (B, lat -2..4) is above the southern one (A, -6..0).
    pts = {k: _absolute_points(d) for k, (d, _f) in zip("ABCD", paths)}
    assert max(y for _, y in pts["B"]) < max(y for _, y in pts["A"])
    # Squares stay squares (4 corners), in whole pixels inside the 800-wide box.
    assert all(len(p) == 4 for p in pts.values())
    assert all(0 <= x <= 800 for p in pts.values() for x, _ in p)
    assert len(svg) < 6000


def test_figure_svg_of_a_bar_and_a_line_chart():
    import plotly.graph_objects as go

    bar = go.Figure(go.Bar(x=["Aceh", "Papua"], y=[10, 20]))
    svg = perf.figure_svg(bar, "bars")
    assert svg.count("<rect") == 2 and "Papua" in svg and "data-peta-map" not in svg
    hbar = go.Figure(go.Bar(y=["Aceh", "Papua"], x=[10, None], orientation="h"))
    assert perf.figure_svg(hbar, "h").count("<rect") == 1
    line = go.Figure([go.Scatter(x=[2014, 2015, 2016], y=[1, 3, 2], name="JKN"),
                      go.Scatter(x=[2014, 2016], y=[2, 2], name="KIP")])
    svg = perf.figure_svg(line, "lines")
    assert svg.count("<polyline") == 2 and "2014" in svg and "2016" in svg
    assert perf.figure_svg(go.Figure(go.Table()), "t") == ""
    assert perf.figure_svg(go.Figure(), "empty") == ""


def test_figure_svg_of_real_province_boundaries_is_small():
    import plotly.graph_objects as go

    path = ROOT / "geo" / "generated" / "province.geojson"
    gj = json.loads(path.read_text()) if path.exists() else None
    assert gj is not None, "geo/generated/province.geojson is built by `peta-inklusi geo build`"
    codes = [f["properties"]["code"] for f in gj["features"]]
    fig = go.Figure(go.Choropleth(geojson=gj, featureidkey="properties.code", locations=codes,
                                  z=list(range(len(codes))), colorscale="Viridis"))
    svg = perf.figure_svg(fig, "provinsi")
    assert svg.count("<path") == len(codes) == 38
    assert len(brotli.compress(svg.encode(), quality=5)) < 10_000


# ---------------------------------------------------------------- lite view

@pytest.mark.parametrize("args, headers, expected", [
    ({}, {}, False),
    ({"lite": "1"}, {}, True),
    ({"lite": "0"}, {"Save-Data": "on"}, False),
    ({}, {"Save-Data": "on"}, True),
    ({}, {"Save-Data": " ON "}, True),
    ({}, {"Save-Data": "off"}, False),
    ({"lite": "yes"}, {}, False),
])
def test_lite_requested(args, headers, expected):
    assert perf.lite_requested(args, headers) is expected


def test_make_lite_strips_every_script_and_keeps_content():
    page = ('<html><head><link rel="preload" href="/b.js" as="script"><link rel="stylesheet" href="/s.css">'
            '<LINK REL=preload href="/_dash-layout" as="fetch" crossorigin="anonymous">'
            '<script src="/a.js"></script></head><body class="x"><main><h1>Peta</h1>'
            '<svg data-peta-map="server"></svg></main><footer><script id="_dash-config" '
            'type="application/json">{"a": 1}</script><SCRIPT>\nvar r = new DashRenderer();\n</SCRIPT>'
            '</footer></body></html>')
    out = perf.make_lite(page, notice='<p class="lite-notice">lite</p>')
    assert "<script" not in out.lower() and "DashRenderer" not in out
    assert "preload" not in out.lower() and '<link rel="stylesheet" href="/s.css">' in out
    assert '<body class="x"><p class="lite-notice">lite</p><main><h1>Peta</h1>' in out
    assert 'data-peta-map="server"' in out


def test_figure_svg_keeps_every_regency_even_the_tiny_ones():
    import plotly.graph_objects as go

    path = ROOT / "geo" / "generated" / "regency.geojson"
    assert path.exists(), "geo/generated/regency.geojson is built by `peta-inklusi geo build`"
    gj = json.loads(path.read_text())
    codes = [f["properties"]["code"] for f in gj["features"]]
    fig = go.Figure(go.Choropleth(geojson=gj, featureidkey="properties.code", locations=codes,
                                  z=[1] * len(codes), colorscale="Viridis"))
    svg = perf.figure_svg(fig, "kabupaten/kota")
    assert svg.count("<path") == len(codes) == 514  # city kota of a few pixels included
    assert len(brotli.compress(svg.encode(), quality=5)) < 35_000


def test_figure_svg_bar_uses_the_figure_text_order_and_legend():
    import plotly.graph_objects as go

    fig = go.Figure([
        go.Bar(y=["Aceh<br>(NAD)", "Papua"], x=[1200, 30], orientation="h", name="MAMPU", text=["1.200", "30"]),
        go.Bar(y=["Aceh<br>(NAD)"], x=[5], orientation="h", name="Peduli", text=["5"]),
    ])
    fig.update_layout(yaxis=dict(autorange="reversed"))
    svg = perf.figure_svg(fig, "per provinsi")
    assert "Aceh (NAD)" in svg and "<br>" not in svg
    assert ">1.200<" in svg and ">5<" in svg  # the figure's own (locale) value labels
    assert svg.index("Aceh (NAD)") < svg.index("Papua")  # reversed axis: first on top
    assert "MAMPU" in svg and "Peduli" in svg  # legend for two series
    assert svg.count("<rect") == 3 + 2  # three bars, two legend swatches
    fig.update_layout(yaxis=dict(autorange=True))
    flipped = perf.figure_svg(fig, "x")
    assert flipped.index("Papua") < flipped.index("Aceh (NAD)")  # plotly's default: first at the bottom


def test_figure_svg_line_places_dates_in_time():
    import plotly.graph_objects as go

    fig = go.Figure([go.Scatter(x=["2014-12-31", "2015-12-31", "2017-12-31"], y=[10, 20, 40], name="JKN",
                                text=["10", "20", "40"]),
                     go.Scatter(x=["2017-12-31"], y=[5], name="KIP", text=["lima"])])
    fig.update_layout(xaxis=dict(type="date", tickformat="%Y"))
    svg = perf.figure_svg(fig, "waktu")
    assert ">2014<" in svg and ">2015<" in svg and ">2017<" in svg and "2014-12-31" not in svg
    assert svg.count("<polyline") == 1  # a single point draws no line
    assert ">lima<" in svg and "JKN" in svg and "KIP" in svg
    xs = [int(v) for v in re.findall(r'<circle cx="(\d+)"', svg)]
    # 2014 -> 2015 is one year, 2015 -> 2017 two: spacing follows time, not the order.
    assert abs((xs[2] - xs[1]) - 2 * (xs[1] - xs[0])) <= 3


def test_no_page_uses_dash_table_whose_script_the_optimised_page_drops():
    scripts = ('<script src="/_dash-component-suites/dash/dash_table/bundle.v7_4_1m1.js"></script>\n'
               '<script src="/_dash-component-suites/dash/dcc/dash_core_components.v4_4_1m1.js"></script>')
    assert perf.drop_dash_table(scripts) == ('<script src="/_dash-component-suites/dash/dcc/'
                                              'dash_core_components.v4_4_1m1.js"></script>')
    for folder in ("pages", "components", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "perf.py":
                continue
            text = path.read_text(encoding="utf-8")
            assert "dash_table" not in text and "DataTable" not in text, path


def test_the_favicon_is_our_own_small_pin_made_by_its_script():
    """assets/favicon.ico is what scripts/make_favicon.py draws (Dash's own is Plotly's 4 KB logo)."""
    import importlib.util
    import struct

    spec = importlib.util.spec_from_file_location("make_favicon", ROOT / "scripts" / "make_favicon.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    committed = (ROOT / "assets" / "favicon.ico").read_bytes()
    assert committed == mod.ico(mod.png(mod.pixels())), "run .venv/bin/python scripts/make_favicon.py"
    assert len(committed) < 1024
    reserved, kind, count = struct.unpack("<HHH", committed[:6])
    assert (reserved, kind, count) == (0, 1, 1) and committed[22:30] == b"\x89PNG\r\n\x1a\n"
    rows = mod.pixels()
    assert rows[0][0][3] == 0 and rows[13][16][:3] == mod.BRAND and rows[2][2][:3] == mod.BRAND and rows[13][10][:3] == (255, 255, 255)

"""components.perf.install on a tiny Dash app, through Flask's test client."""

from __future__ import annotations

import dataclasses
import re

import brotli
import pytest

from bench.tiny_app import create_app
from components import perf
from data.settings import get_settings

BR = {"Accept-Encoding": "gzip, deflate, br"}


def _settings(optimize: bool):
    return dataclasses.replace(get_settings({}), optimize=optimize)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    # One compressed-file cache for the module: brotli-11 of the bundle takes ~2 s.
    return tmp_path_factory.mktemp("precompressed")


@pytest.fixture()
def client_on(cache_dir, monkeypatch):
    monkeypatch.setattr(perf, "default_cache_dir", lambda: cache_dir)
    app = create_app(settings=_settings(True))
    return app.server.test_client()


@pytest.fixture()
def client_off():
    return create_app(settings=_settings(False)).server.test_client()


def _index(client) -> str:
    r = client.get("/", headers=BR)
    assert r.status_code == 200
    body = r.data
    if r.headers.get("Content-Encoding") == "br":
        body = brotli.decompress(body)
    return body.decode()


def _scripts(html: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', html)


def test_optimized_page_loads_the_custom_bundle_and_not_the_full_one(client_on):
    html = _index(client_on)
    scripts = _scripts(html)
    bundle = f"/assets/vendor/{perf.BUNDLE_NAME}?v={perf.fingerprint()}"
    loader = f"/assets/vendor/plotly-loader.js?v={perf.fingerprint(perf.LOADER_PATH)}"
    assert not any("plotly.min.js" in s or perf.BUNDLE_NAME in s for s in scripts)
    # The loader (before dcc, which looks at window.Plotly) names the bundle it loads.
    assert f'<script src="{loader}" data-plotly-src="{bundle}"></script>' in html
    assert scripts.index(loader) < next(i for i, s in enumerate(scripts) if "dash_core_components" in s)
    # The bundle and what Dash would ask for only later are preloaded.
    for href, kind in ((bundle, 'as="script"'),
                       ("/_dash-component-suites/dash/dcc/async-graph.js", 'as="script"'),
                       ("/_dash-layout", 'as="fetch" crossorigin="anonymous"'),
                       ("/_dash-dependencies", 'as="fetch" crossorigin="anonymous"')):
        assert f'<link rel="preload" href="{href}" {kind}>' in html


def test_optimized_page_swaps_dashs_polyfill_for_the_small_runtime(client_on, client_off):
    html = _index(client_on)
    scripts = _scripts(html)
    assert not any("/deps/polyfill@" in s for s in scripts)
    runtime = f"/assets/vendor/dash-runtime.min.js?v={perf.fingerprint(perf.RUNTIME_PATH)}"
    assert scripts[0] == runtime  # where the polyfill was: before React and every component library
    legacy = re.search(r'data-legacy-polyfill="([^"]+)"', html).group(1)
    assert "/deps/polyfill@" in legacy and client_on.get(legacy).status_code == 200  # old browsers
    r = client_on.get(runtime, headers=BR)
    assert r.status_code == 200 and r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    off = client_off.get("/").get_data(as_text=True)
    assert any("/deps/polyfill@" in s for s in _scripts(off)) and "dash-runtime" not in off
    # dash_table's loader goes too (no page uses a DataTable)
    assert not any("dash_table" in s for s in scripts) and any("dash_table" in s for s in _scripts(off))


def test_custom_bundle_is_served_brotli_with_immutable_cache(client_on):
    url = f"/assets/vendor/{perf.BUNDLE_NAME}?v={perf.fingerprint()}"
    r = client_on.get(url, headers=BR)
    assert r.status_code == 200
    assert r.headers["Content-Encoding"] == "br"
    assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Accept-Encoding" in r.headers["Vary"]
    assert r.mimetype == "application/javascript"
    assert brotli.decompress(r.data) == perf.BUNDLE_PATH.read_bytes()
    assert len(r.data) < 0.3 * perf.BUNDLE_PATH.stat().st_size
    # The pre-compressed file shipped next to the bundle, as it is.
    assert r.data == perf.BUNDLE_PATH.with_name(perf.BUNDLE_NAME + ".br").read_bytes()

    gz = client_on.get(url, headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip"
    assert perf.decompress(gz.data, "gzip") == perf.BUNDLE_PATH.read_bytes()

    plain = client_on.get(url)
    assert "Content-Encoding" not in plain.headers
    assert plain.data == perf.BUNDLE_PATH.read_bytes()

    again = client_on.get(url, headers={**BR, "If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304 and not again.data


def test_unversioned_or_stale_vendor_url_must_revalidate(client_on):
    for url in (f"/assets/vendor/{perf.BUNDLE_NAME}", f"/assets/vendor/{perf.BUNDLE_NAME}?v=old"):
        r = client_on.get(url, headers=BR)
        assert r.status_code == 200
        assert r.headers["Cache-Control"] == "no-cache"
        assert r.headers["ETag"]


def test_dash_component_suites_are_precompressed_and_immutable(client_on):
    html = _index(client_on)
    suites = [s for s in _scripts(html) if s.startswith("/_dash-component-suites/")]
    assert len(suites) >= 5
    for url in suites:
        r = client_on.get(url, headers=BR)
        assert r.status_code == 200, url
        assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable", url
        assert r.headers.get("Content-Encoding") == "br", url


def test_unregistered_component_path_still_falls_back_to_dash(client_on):
    _index(client_on)
    r = client_on.get("/_dash-component-suites/dash/nothing-here.js")
    assert r.status_code in (404, 500)
    r = client_on.get("/_dash-component-suites/os/../../etc/passwd")
    assert r.status_code in (404, 500)


def test_assets_files_are_compressed_and_versioned_ones_immutable(client_on):
    html = _index(client_on)
    css = re.findall(r'href="(/assets/tiny\.css\?m=[^"]+)"', html)
    assert css, "the tiny app's stylesheet is linked with Dash's ?m= version"
    r = client_on.get(css[0], headers=BR)
    assert r.headers["Content-Encoding"] == "br"
    assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    r = client_on.get("/assets/tiny.css", headers=BR)
    assert r.headers["Cache-Control"] == "no-cache"


def test_dynamic_responses_are_compressed(client_on):
    _index(client_on)
    r = client_on.get("/_dash-layout", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200
    assert r.headers["Content-Encoding"] == "gzip"
    assert b"choropleth" in perf.decompress(r.data, "gzip")
    r = client_on.get("/_dash-layout")
    assert "Content-Encoding" not in r.headers and b"choropleth" in r.data


def test_topojson_stub_is_served_in_both_modes(client_on, client_off):
    for client in (client_on, client_off):
        r = client.get("/assets/vendor/topojson/world_110m.json")
        assert r.status_code == 200
        assert r.json["type"] == "Topology"
        assert client.get("/assets/vendor/topojson/nope.json").status_code == 404
        assert client.get("/assets/vendor/../../app.py").status_code == 404


def test_optimize_off_keeps_dash_defaults(client_off):
    html = _index(client_off)
    scripts = _scripts(html)
    # No custom bundle, neither as our script nor through Dash's assets walk.
    assert not any(perf.BUNDLE_NAME in s for s in scripts)
    assert not any("/assets/vendor/" in s for s in scripts)
    assert 'rel="preload"' not in html
    r = client_off.get("/", headers=BR)
    assert "Content-Encoding" not in r.headers
    suite = next(s for s in scripts if "dash_renderer" in s)
    r = client_off.get(suite, headers=BR)
    assert "Content-Encoding" not in r.headers
    assert "immutable" not in r.headers.get("Cache-Control", "")
    # Dash's full plotly.js is what dcc.Graph would fetch.
    assert client_off.get("/_dash-component-suites/plotly/package_data/plotly.min.js").status_code == 200


def test_install_keeps_existing_external_scripts_and_assets_ignores(tmp_path):
    import dash
    from dash import html

    app = dash.Dash(__name__, assets_folder=str(tmp_path), external_scripts=["/static/x.js"],
                    assets_path_ignore=["^private$"])
    app.layout = html.Div("x")
    perf.install(app, _settings(True), cache_dir=tmp_path / "cache")
    assert app.config.external_scripts[0] == "/static/x.js"
    assert app.config.external_scripts[-1]["data-plotly-src"].startswith(f"/assets/vendor/{perf.BUNDLE_NAME}?v=")
    assert app.config.assets_path_ignore == ["^private$", "^vendor$"]


def test_lite_view_sends_no_script(client_on):
    for url, headers in (("/?lite=1", {}), ("/", {"Save-Data": "on"})):
        r = client_on.get(url, headers=headers)
        assert r.status_code == 200
        assert "Save-Data" in r.headers["Vary"]
        assert "<script" not in r.get_data(as_text=True).lower(), url
        assert 'rel="preload"' not in r.get_data(as_text=True), url
        assert 'rel="stylesheet"' in r.get_data(as_text=True)
    full = client_on.get("/?lite=0", headers={"Save-Data": "on"}).get_data(as_text=True)
    assert "<script" in full and perf.BUNDLE_NAME in full
    # Compressed like any page.
    r = client_on.get("/?lite=1", headers=BR)
    assert r.headers.get("Content-Encoding") in (None, "br")
    body = brotli.decompress(r.data) if r.headers.get("Content-Encoding") == "br" else r.data
    assert b"<script" not in body


def test_lite_view_is_an_optimisation_off_with_dash_defaults(client_off):
    html = client_off.get("/?lite=1").get_data(as_text=True)
    assert "<script" in html


def test_optimised_app_serialises_with_the_faster_engine_and_the_same_json(client_on):
    import json

    import plotly.io as pio
    from dash._utils import to_json

    assert perf.json_engine() == perf.JSON_ENGINE == "json"  # set by perf.install (optimised)
    fig = {"data": [{"type": "choropleth", "locations": ["11", "73"], "z": [1.5, float("nan")],
                     "customdata": [["Aceh", "1.500"], ["Sulawesi Selatan", "–"]]}],
           "layout": {"separators": ",.", "meta": {"aspect": 2.3}}}
    payload = {"response": {"graph": {"figure": fig}}, "multi": True}
    out = {}
    for engine in ("orjson", "json"):
        pio.json.config.default_engine = engine
        try:
            out[engine] = json.loads(to_json(payload))
        finally:
            pio.json.config.default_engine = perf.JSON_ENGINE
    assert out["json"] == out["orjson"]  # the same answer (NaN is null in both)

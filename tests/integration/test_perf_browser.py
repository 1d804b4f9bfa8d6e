"""In headless Chromium: with install(), the page never downloads Dash's full plotly.js.

A tiny Dash app (one choropleth, one bar) runs on a free local port. The
network log must show the custom bundle (brotli), the local topojson stub, no
request for plotly.min.js, nothing outside 127.0.0.1, and the map drawn with
real shapes. With optimisations off the same page fetches the full bundle:
that is the comparison the benchmark reports.
"""

from __future__ import annotations

import dataclasses
import threading
import time

import pytest
from werkzeug.serving import make_server

from bench import browser as bb
from bench.tiny_app import create_app
from components import perf
from data.settings import get_settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture()
def serve(tmp_path, monkeypatch):
    servers = []
    monkeypatch.setattr(perf, "default_cache_dir", lambda: tmp_path / "cache")

    def start(optimize: bool, bundle_delay_s: float = 0) -> str:
        app = create_app(settings=dataclasses.replace(get_settings({}), optimize=optimize))
        wsgi = app.server.wsgi_app

        def slow_bundle(environ, start_response):
            # Hold the bundle back so the graph mounts before plotly.js exists.
            if bundle_delay_s and perf.BUNDLE_NAME in environ.get("PATH_INFO", ""):
                time.sleep(bundle_delay_s)
            return wsgi(environ, start_response)

        app.server.wsgi_app = slow_bundle
        srv = make_server("127.0.0.1", 0, app.server, threaded=True)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_port}"

    yield start
    for srv in servers:
        srv.shutdown()


@pytest.fixture(scope="module")
def browser():
    with bb.chromium() as b:
        yield b


def test_optimized_page_draws_the_map_without_the_full_plotly_bundle(serve, browser):
    base = serve(True)
    run = bb.load_page(browser, base + "/", network=None, cpu_throttle=1, timeout_s=60)
    urls = [r.url for r in run.responses]
    assert not any("plotly.min.js" in u for u in urls), urls
    bundle = [r for r in run.responses if perf.BUNDLE_NAME in r.url]
    assert len(bundle) == 1 and bundle[0].status == 200
    assert bundle[0].headers.get("content-encoding") == "br"
    assert bundle[0].headers.get("cache-control") == perf.IMMUTABLE
    # The encoded bytes on the wire are the brotli size, far below the raw file.
    assert 0 < bundle[0].encoded_bytes < 0.35 * perf.BUNDLE_PATH.stat().st_size
    # The bundle registers the empty base-layer topojson: no fetch at all, and
    # dcc.Graph's chunk and Dash's layout/dependencies come from the preloads.
    assert not any("topojson" in u for u in urls), urls
    for part in ("async-graph.js", "/_dash-layout", "/_dash-dependencies"):
        assert sum(part in u for u in urls) == 1, (part, urls)
    assert all(u.startswith(base) or u.startswith("data:") for u in urls), urls
    assert run.map_shapes >= 4, "the choropleth draws its four test squares"
    assert run.interactive_map_ms is not None
    assert run.console_errors == []
    assert run.total_encoded_bytes < 1_000_000
    # A current browser gets the 3 KB runtime instead of Dash's 29 KB polyfill (and dcc.Graph,
    # loaded lazily through regeneratorRuntime, still draws).
    assert not any("/deps/polyfill@" in u for u in urls), urls
    assert sum(perf.RUNTIME_PATH.name in u for u in urls) == 1, urls


def test_a_browser_without_modern_builtins_still_gets_dashs_polyfill(serve, browser):
    base = serve(True)
    ctx = browser.new_context()
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.add_init_script("delete Promise.prototype.finally;")  # as in a browser older than Chrome 63
    try:
        page.goto(base + "/")
        page.wait_for_selector(bb.INTERACTIVE_MAP_SELECTOR, state="attached", timeout=30000)
        assert sum("/deps/polyfill@" in u for u in urls) == 1, urls
        assert page.evaluate("typeof Promise.prototype.finally") == "function"  # the polyfill ran
        assert errors == []
    finally:
        ctx.close()


def test_optimize_off_downloads_the_full_bundle(serve, browser):
    base = serve(False)
    run = bb.load_page(browser, base + "/", network=None, cpu_throttle=1, timeout_s=90)
    full = [r for r in run.responses if r.url.endswith("plotly/package_data/plotly.min.js")]
    assert len(full) == 1
    assert not any(perf.BUNDLE_NAME in r.url for r in run.responses)
    # Dash's full plotly.js asks for world_110m.json: served locally, never by plotly's CDN.
    urls = [r.url for r in run.responses]
    assert any(u == base + "/assets/vendor/topojson/world_110m.json" for u in urls), urls
    assert all(u.startswith(base) or u.startswith("data:") for u in urls), urls
    assert run.map_shapes >= 4
    assert run.total_encoded_bytes > 4_000_000


def test_graph_waits_for_a_late_bundle_instead_of_loading_the_full_one(serve, browser):
    base = serve(True, bundle_delay_s=3)
    run = bb.load_page(browser, base + "/", network=None, cpu_throttle=1, timeout_s=60)
    urls = [r.url for r in run.responses]
    assert not any("plotly.min.js" in u for u in urls), urls
    assert sum(perf.BUNDLE_NAME in u for u in urls) == 1, urls
    assert run.map_shapes >= 4
    # React rendered the page while the bundle was held back; the map came after it.
    assert run.interactive_map_ms > 3000
    assert run.console_errors == []


def test_lite_view_downloads_no_chart_javascript(serve, browser):
    base = serve(True)
    for url, headers in (("/?lite=1", None), ("/", {"Save-Data": "on"})):
        run = bb.load_page(browser, base + url, network=None, cpu_throttle=1, timeout_s=20,
                           extra_headers=headers, expect_map=False)
        urls = [r.url for r in run.responses]
        assert not any(s in u for u in urls for s in (".js", "_dash-layout", "_dash-dependencies")), urls
        assert run.total_encoded_bytes < 150_000
        assert run.console_errors == []

"""Embeds in a real browser: framed by ANOTHER local origin, while the dashboard itself is refused.

The app runs under gunicorn (2 sync workers, the shared ``live_server``) at http://127.0.0.1:<p1>; a
second, plain HTTP server at http://localhost:<p2> serves a host page (a
journalist's article) with iframes and the resize script. Headless Debian
Chromium loads the host page.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
import time
import urllib.request

import pytest

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"{url} did not come up in {timeout}s")


@pytest.fixture(scope="module")
def app_url(live_server):
    """The app under gunicorn (2 sync workers) over the seed snapshots (tests/browser/conftest.py)."""
    wait_for(live_server + "/api/v1/versions")
    return live_server


HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>A partner's article</title><link rel="icon" href="data:,"></head>
<body style="margin:0">
<h1>Our article</h1>
{iframes}
<script src="{app}/assets/embed-resize.js"></script>
</body></html>"""


@pytest.fixture(scope="module")
def host(tmp_path_factory, app_url):
    """A second origin (localhost:<p2>) serving host pages from a folder."""
    folder = tmp_path_factory.mktemp("host")
    port = free_port()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *a, **k: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()

    def page(name: str, *srcs: str) -> str:
        frames = "\n".join(
            f'<iframe id="f{i}" src="{app_url}{s}" title="embed {i}" loading="lazy" '
            f'style="border:0;width:100%;height:150px"></iframe>' for i, s in enumerate(srcs))
        (folder / name).write_text(HOST_PAGE.format(iframes=frames, app=app_url), encoding="utf-8")
        return f"http://localhost:{port}/{name}"

    yield page
    httpd.shutdown()


@contextlib.contextmanager
def open_page(browser, width: int = 1000):
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    hosts, console = set(), []
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    page.on("console", lambda m: console.append((m.type, m.text + " @ " + str(m.location.get("url")))))
    page.on("response", lambda r: console.append(("error", f"HTTP {r.status} {r.url}")) if r.status >= 400 else None)
    try:
        yield page, hosts, console
    finally:
        ctx.close()


def _frame(page, fragment: str, timeout: float = 30):
    end = time.time() + timeout
    while time.time() < end:
        for f in page.frames:
            if fragment in f.url:
                return f
        page.wait_for_timeout(100)
    raise AssertionError(f"no frame with {fragment}: {[f.url for f in page.frames]}")


def _title(snapshot, chart_id: str, lang: str) -> str:
    """The card's title from components.specs (the live server publishes the same seed snapshots)."""
    from components.specs import get_spec, title
    from data.filters import Filters

    return title(get_spec(chart_id), Filters(lang=lang), snapshot, lang)


def test_embed_renders_on_another_origin_and_the_dashboard_is_refused(browser, host, app_url, seed_snapshot):
    url = host("article.html", "/embed/perlindungan-skema?lang=en", "/")
    with open_page(browser) as (page, hosts, console):
        page.goto(url)
        embed = _frame(page, "/embed/perlindungan-skema")
        embed.wait_for_selector(".peta-embed-root .chart-card h2", timeout=30000)
        assert embed.locator(".chart-card h2").inner_text() == _title(seed_snapshot, "perlindungan-skema", "en")
        embed.wait_for_selector(".chart-card .js-plotly-plot .main-svg", timeout=30000)
        assert "Source:" in embed.locator(".source-line").inner_text()
        link = embed.locator(".embed-back a")
        assert link.get_attribute("target") == "_blank"
        assert link.get_attribute("href").startswith("/perlindungan-sosial")
        # the resize script on the host page set the iframe to the content's height
        page.wait_for_function("document.getElementById('f0').getBoundingClientRect().height > 300",
                               timeout=15000)
        h = page.evaluate("document.getElementById('f0').getBoundingClientRect().height")
        content = embed.evaluate("Math.ceil(document.querySelector('.peta-embed-root').getBoundingClientRect().height)")
        assert abs(h - content) <= 4, (h, content)
        # the dashboard's home page is refused inside the other origin's iframe
        page.wait_for_timeout(500)
        refused = [t for _, t in console if "frame-ancestors 'none'" in t and f"{app_url}/" in t]
        assert refused, console
        home_frames = [f for f in page.frames if f.url.rstrip("/") == app_url]
        for f in home_frames:
            assert f.evaluate("document.querySelector('#react-entry-point') === null")
        # the embed itself logs no error
        errors = [t for kind, t in console if kind == "error" and t not in refused]
        assert not errors, "\n".join(errors)
        # nothing left this machine
        assert hosts <= {app_url.split("/")[2], url.split("/")[2]}, hosts


def test_embed_is_readable_at_320px_and_can_be_pinned(browser, host):
    url = host("narrow.html", "/embed/peta?v=20261101.1")
    with open_page(browser, width=320) as (page, hosts, console):
        page.goto(url)
        embed = _frame(page, "/embed/peta")
        embed.wait_for_selector(".chart-card h2", timeout=30000)
        note = embed.locator(".embed-newer").inner_text()
        assert "Versi data lebih baru tersedia" in note and "20261101.1" in note
        embed.wait_for_selector(".chart-card .js-plotly-plot .main-svg", timeout=30000)
        fits = embed.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
        assert fits, "the embed scrolls sideways at 320 px"
        size = embed.evaluate("parseFloat(getComputedStyle(document.querySelector('.card-title')).fontSize)")
        assert size >= 14
        assert not embed.locator(".site-header, nav").count(), "no navigation inside an embed"
        assert not [t for kind, t in console if kind == "error"], console


def test_embed_passes_axe_and_keeps_the_language(browser, app_url):
    from axe_playwright_python.sync_playwright import Axe

    with open_page(browser, width=360) as (page, hosts, console):
        page.goto(app_url + "/embed/perlindungan-peta?lang=en")
        page.wait_for_selector(".chart-card .js-plotly-plot .main-svg", timeout=30000)
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("h1").count() == 1
        assert "Open the full view" in page.locator(".embed-back").inner_text()
        result = Axe().run(page)
        serious = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result.response["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == []
        assert not [t for kind, t in console if kind == "error"], console
        r = page.request.get(app_url + "/embed/no-such-chart")
        assert r.status == 404 and "no-such-chart" in r.text()

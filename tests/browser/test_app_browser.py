"""Headless Chromium against a live gunicorn (2 sync workers): clean console, axe, maps, URL state,
drill-down, language switch, phone width; nothing leaves 127.0.0.1 (checked for every page)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import wait_ready

pytestmark = pytest.mark.browser

ROUTES = ["/", "/peta", "/peta?level=regency&lang=en", "/tema", "/tema/perlindungan-sosial", "/kebijakan",
          "/perlindungan-sosial", "/mitra", "/mitra/pekka", "/wilayah", "/wilayah/73", "/wilayah/73.10", "/data",
          "/tentang", "/?lang=en", "/peta?indicator=nope"]

MAP_PATHS = ".js-plotly-plot .choroplethlocation"


def _axe_serious(page) -> list:
    from axe_playwright_python.sync_playwright import Axe
    result = Axe().run(page)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
            for v in result.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", ROUTES)
def test_route_renders_clean_and_accessible(page_factory, live_server, path):
    page, _ = page_factory()
    page.goto(live_server + path)
    wait_ready(page)
    assert page.locator("h1").count() == 1
    assert page.locator("main").count() == 1 and page.locator("header").count() >= 1
    assert page.locator("nav").count() >= 1 and page.locator("footer.site-footer").count() == 1
    assert page.evaluate("document.documentElement.lang") == ("en" if "lang=en" in path else "id")
    assert _axe_serious(page) == []
    if "indicator=nope" in path:
        assert "bukan nilai yang sah" in page.locator("#notices").inner_text()


def test_pages_without_charts_stay_clean_after_load(page_factory, live_server):
    """Nothing preloaded goes unused (Chromium warns a few seconds after load)."""
    page, _ = page_factory()
    page.goto(live_server + "/tentang")
    wait_ready(page)
    page.wait_for_timeout(4500)


def test_not_found_page(page_factory, live_server):
    page, watch = page_factory()
    watch.allowed_404.add("/halaman-tidak-ada")
    resp = page.goto(live_server + "/halaman-tidak-ada")
    assert resp.status == 404
    wait_ready(page)
    assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"
    assert _axe_serious(page) == []


def _boxes(page) -> list[tuple[float, float]]:
    return page.eval_on_selector_all(MAP_PATHS, "els => els.map(e => { const b = e.getBBox(); "
                                                "return [b.x, b.y, b.width, b.height]; })")


def _assert_real_shapes(page, minimum: int) -> None:
    page.wait_for_function(f"() => document.querySelectorAll('{MAP_PATHS}').length >= {minimum}")
    boxes = _boxes(page)
    assert len(boxes) >= minimum
    plot = page.eval_on_selector(".js-plotly-plot .geolayer, .js-plotly-plot .geo", "e => { const b = "
                                 "e.getBBox(); return b.width * b.height; }")
    distinct = {(round(x), round(y), round(w), round(h)) for x, y, w, h in boxes}
    assert len(distinct) > minimum * 0.8
    biggest = max(w * h for _, _, w, h in boxes)
    assert biggest < 0.5 * plot, "one shape covers the whole map: a filled rectangle"


def test_map_draws_real_shapes_at_both_levels(page_factory, live_server):
    page, _ = page_factory()
    page.goto(live_server + "/peta")
    wait_ready(page)
    _assert_real_shapes(page, 30)
    assert page.locator(MAP_PATHS).count() == 38
    # the boundaries came once over the network, as a cacheable file, not inside the page's JSON (when
    # plotly asks for them while plotly-loader.js's fetch is still on its way, as under load, the
    # browser answers plotly from its cache: an entry without transfer)
    assert page.evaluate("performance.getEntriesByType('resource').filter(e => e.name.includes('/geo/province"
                         ".geojson') && e.transferSize > 0).length") == 1
    # ... fetched early by plotly-loader.js (named in the head), not by plotly after the map mounted
    assert page.evaluate("performance.getEntriesByType('resource').find(e => e.name.includes('/geo/province"
                         ".geojson')).initiatorType") == "fetch"
    page.goto(live_server + "/peta?level=regency")
    wait_ready(page)
    _assert_real_shapes(page, 300)


def test_filter_change_updates_url_and_chart_and_survives_reload(page_factory, live_server):
    page, _ = page_factory()
    page.goto(live_server + "/peta")
    wait_ready(page)
    title = page.locator("#_pages_content .card-title").first
    assert title.inner_text().startswith("Jumlah mitra")
    page.select_option("#peta-indicator", "groups_formed")
    page.wait_for_url(re.compile(r"indicator=groups_formed"))
    page.get_by_text("Kabupaten/kota", exact=True).first.click()
    page.wait_for_url(re.compile(r"level=regency"))
    page.wait_for_function("() => document.querySelector('#_pages_content .card-title').innerText"
                           ".startsWith('Kelompok terbentuk menurut kabupaten')")
    assert page.url.endswith("/peta?indicator=groups_formed&level=regency")
    switch = page.get_attribute("#lang-switch", "href")
    assert switch.endswith("/peta?indicator=groups_formed&level=regency&lang=en")
    wait_ready(page)
    page.wait_for_function(f"() => document.querySelectorAll('{MAP_PATHS}').length > 400")
    page.reload()
    wait_ready(page)
    assert page.input_value("#peta-indicator") == "groups_formed"
    assert title.inner_text().startswith("Kelompok terbentuk menurut kabupaten")


def test_back_and_forward_restore_the_view(page_factory, live_server):
    page, _ = page_factory()
    page.goto(live_server + "/peta")
    wait_ready(page)
    page.select_option("#peta-programme", "peduli")
    page.wait_for_url(re.compile(r"programme=peduli"))
    page.select_option("#peta-indicator", "villages_reached")
    page.wait_for_url(re.compile(r"indicator=villages_reached"))
    page.go_back()
    page.wait_for_url(re.compile(r"/peta\?programme=peduli$"))
    page.wait_for_function("() => document.getElementById('peta-indicator').value === 'presence'")
    page.go_back()
    page.wait_for_url(re.compile(r"/peta$"))
    page.wait_for_function("() => document.getElementById('peta-programme').value === 'all'")
    page.go_forward()
    page.wait_for_url(re.compile(r"programme=peduli"))
    page.wait_for_function("() => document.getElementById('peta-programme').value === 'peduli'")
    wait_ready(page)


def test_drill_down_click_and_back(page_factory, live_server):
    page, _ = page_factory()
    page.goto(live_server + "/peta")
    wait_ready(page)
    page.wait_for_function(f"() => document.querySelectorAll('{MAP_PATHS}').length === 38")
    box = page.evaluate("""() => {
        for (const p of document.querySelectorAll('.js-plotly-plot .choroplethlocation')) {
            if (!p.__data__ || p.__data__.loc !== '73') continue;
            const b = p.getBBox(), m = p.getScreenCTM(), svg = p.ownerSVGElement;
            for (let i = 1; i < 16; i++) for (let j = 1; j < 16; j++) {
                const pt = svg.createSVGPoint();
                pt.x = b.x + b.width * i / 16; pt.y = b.y + b.height * j / 16;
                if (p.isPointInFill(pt)) { const s = pt.matrixTransform(m); return [s.x, s.y]; }
            }
        }
        return null; }""")
    assert box, "Sulawesi Selatan not found on the map"
    page.mouse.click(*box)
    page.wait_for_url(re.compile(r"province=73"))
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .choroplethlocation').length === 24")
    assert "Sulawesi Selatan" in page.locator("#peta-drill").inner_text()
    _assert_real_shapes(page, 20)
    page.locator("#peta-up").click()
    page.wait_for_url(re.compile(r"/peta$"))
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .choroplethlocation').length === 38")
    # the same drill-down without a pointer: the labelled province select
    page.select_option("#peta-province", "73")
    page.wait_for_url(re.compile(r"province=73"))
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .choroplethlocation').length === 24")


def test_language_switch_changes_text_and_numbers(page_factory, live_server):
    page, _ = page_factory()
    page.goto(live_server + "/")
    wait_ready(page)
    kpis = page.locator(".kpi-value").all_inner_texts()
    assert "52.000" in kpis and "2.200" in kpis
    page.locator("#lang-switch").click()
    page.wait_for_url(re.compile(r"lang=en"))
    wait_ready(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").inner_text() == "Peta Inklusi: social-inclusion results"
    kpis = page.locator(".kpi-value").all_inner_texts()
    assert "52,000" in kpis and "2,200" in kpis
    page.get_by_role("link", name="Map", exact=True).click()
    page.wait_for_url(re.compile(r"/peta\?lang=en"))
    wait_ready(page)
    assert page.locator("h1").inner_text() == "Map explorer"


def test_phone_width(page_factory, live_server):
    page, _ = page_factory(360, 740)
    page.goto(live_server + "/peta?indicator=groups_formed")
    wait_ready(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 362
    assert page.evaluate("document.querySelector('details.filters').open") is False
    width = page.eval_on_selector(".js-plotly-plot", "e => e.getBoundingClientRect().width")
    assert 250 < width <= 360
    page.locator("details.filters summary").click()
    assert page.locator("#peta-indicator").is_visible()
    assert _axe_serious(page) == []
    for path in ("/", "/kebijakan", "/perlindungan-sosial", "/mitra", "/data", "/wilayah/73"):
        page.goto(live_server + path)
        wait_ready(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 362, path


def test_without_javascript_the_server_html_works(page_factory, live_server):
    """The lite view (or a browser without JavaScript): server HTML, server SVG map, GET-form filters."""
    page, _ = page_factory(javascript=False)
    page.goto(live_server + "/kebijakan?lite=1")
    assert page.locator("h1").count() == 1 and page.locator("script").count() == 0
    assert page.locator("svg[data-peta-map]").count() == 1
    page.fill("input[name=q]", "sukabumi")
    page.locator("form.filters-form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"q=sukabumi.*lite=1"))
    assert "Perbup Sukabumi" in page.locator("#card-kebijakan-tabel").inner_text()
    assert "DESMIGRATIF" not in page.locator("#card-kebijakan-tabel").inner_text()


def test_keyboard_skip_link_and_visible_focus(page_factory, live_server):
    page, _ = page_factory()
    page.goto(live_server + "/kebijakan")
    wait_ready(page)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.fill("#kebijakan-q", "sukabumi")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=sukabumi"))
    page.wait_for_function("() => document.querySelector('#_pages_content table').innerText.includes('Sukabumi')")
    rows = page.locator('#card-kebijakan-tabel tbody tr').count()
    assert rows == 1
    page.locator('#card-kebijakan-tabel th a', has_text="Judul").click()
    page.wait_for_url(re.compile(r"q=sukabumi&sort=title"))
    wait_ready(page)
    assert page.locator('#card-kebijakan-tabel th[aria-sort="ascending"]').inner_text().startswith("Judul")


# --- URL state of every card, drill-down on /perlindungan-sosial, tooltips without hover ------------------

def _checked_view(page, chart: str) -> str:
    return page.eval_on_selector(f"#card-{chart} .view-switch input:checked", "e => e.value")


def test_secondary_card_view_is_in_the_url(page_factory, live_server):
    """A card other than the page's own (tab) writes its view to views: reload, Back/Forward, filters keep it."""
    page, _ = page_factory()
    page.goto(live_server + "/peta")
    wait_ready(page)
    page.locator("#card-tren .view-switch label", has_text="Tabel").click()
    page.wait_for_url(re.compile(r"/peta\?views=tren%3Atable$"))
    page.wait_for_function("() => document.querySelector('#card-tren table') !== null")
    assert page.get_attribute("#lang-switch", "href").endswith("views=tren%3Atable&lang=en")
    page.select_option("#peta-programme", "peduli")  # the page's own callback keeps the card's view
    page.wait_for_url(re.compile(r"/peta\?programme=peduli&views=tren%3Atable$"))
    wait_ready(page)
    assert page.locator("#card-tren table").count() == 1 and _checked_view(page, "tren") == "table"
    page.reload()
    wait_ready(page)
    assert page.locator("#card-tren table").count() == 1 and _checked_view(page, "tren") == "table"
    page.go_back()
    page.wait_for_url(re.compile(r"/peta\?views=tren%3Atable$"))
    page.wait_for_function("() => document.getElementById('peta-programme').value === 'all'")
    page.go_back()
    page.wait_for_url(re.compile(r"/peta$"))
    page.wait_for_function("() => document.querySelector('#card-tren table') === null")
    wait_ready(page)
    assert _checked_view(page, "tren") == "chart"
    page.go_forward()
    page.wait_for_url(re.compile(r"views=tren%3Atable$"))
    page.wait_for_function("() => document.querySelector('#card-tren table') !== null")
    assert _checked_view(page, "tren") == "table"


def test_card_view_on_a_page_without_its_own_callback(page_factory, live_server):
    page, _ = page_factory()
    page.goto(live_server + "/tema/perlindungan-sosial")
    wait_ready(page)
    page.locator("#card-tren .view-switch label", has_text="Tabel").click()
    page.wait_for_url(re.compile(r"views=tren%3Atable$"))
    page.wait_for_function("() => document.querySelector('#card-tren table') !== null")
    page.reload()
    wait_ready(page)
    assert _checked_view(page, "tren") == "table" and page.locator("#card-tren table").count() == 1
    page.go_back()
    page.wait_for_url(re.compile(r"/tema/perlindungan-sosial$"))
    page.wait_for_function("() => document.querySelector('#card-tren table') === null")
    wait_ready(page)
    assert _checked_view(page, "tren") == "chart"


def test_back_to_a_non_canonical_url_keeps_the_forward_history(page_factory, live_server):
    page, _ = page_factory()
    page.goto(live_server + "/peta?level=regency&indicator=villages_reached")
    wait_ready(page)
    page.select_option("#peta-programme", "peduli")
    page.wait_for_url(re.compile(r"programme=peduli"))
    wait_ready(page)
    page.go_back()
    # the page answers Back in canonical form, replacing (not pushing) the history entry
    page.wait_for_url(re.compile(r"/peta\?indicator=villages_reached&level=regency$"))
    page.wait_for_function("() => document.getElementById('peta-programme').value === 'all'")
    wait_ready(page)
    page.go_forward()
    page.wait_for_url(re.compile(r"/peta\?indicator=villages_reached&programme=peduli&level=regency$"))
    page.wait_for_function("() => document.getElementById('peta-programme').value === 'peduli'")
    wait_ready(page)


def test_quick_back_back_then_forward(page_factory, live_server):
    """Two Backs in a row: the late answer to the first one changes neither the address nor the history."""
    page, _ = page_factory()
    page.goto(live_server + "/peta")
    wait_ready(page)
    page.select_option("#peta-programme", "peduli")
    page.wait_for_url(re.compile(r"programme=peduli$"))
    page.select_option("#peta-indicator", "villages_reached")
    page.wait_for_url(re.compile(r"indicator=villages_reached&programme=peduli$"))
    wait_ready(page)
    page.go_back()
    page.go_back()
    page.wait_for_url(re.compile(r"/peta$"))
    page.wait_for_function("() => document.getElementById('peta-programme').value === 'all'")
    wait_ready(page)
    page.wait_for_timeout(500)
    assert page.url.endswith("/peta")
    page.go_forward()
    page.wait_for_url(re.compile(r"/peta\?programme=peduli$"))
    page.wait_for_function("() => document.getElementById('peta-programme').value === 'peduli'")
    page.go_forward()
    page.wait_for_url(re.compile(r"indicator=villages_reached&programme=peduli$"))
    page.wait_for_function("() => document.getElementById('peta-indicator').value === 'villages_reached'")
    wait_ready(page)


def test_social_protection_drill_down_has_a_way_back(page_factory, live_server):
    page, _ = page_factory()
    page.goto(live_server + "/perlindungan-sosial?province=73")
    wait_ready(page)
    # the level radios show what the map shows (regencies), the province select and the button lead back
    assert page.eval_on_selector("#sp-level input:checked", "e => e.value") == "regency"
    assert page.input_value("#sp-province") == "73"
    assert "Kabupaten/kota di Sulawesi Selatan" in page.locator("#sp-drill").inner_text()
    page.locator("#sp-up").click()
    page.wait_for_url(re.compile(r"/perlindungan-sosial$"))
    page.wait_for_function("() => document.querySelector('#sp-level input:checked').value === 'province'")
    assert page.locator("#sp-up").is_hidden()
    page.select_option("#sp-province", "73")
    page.wait_for_url(re.compile(r"/perlindungan-sosial\?province=73$"))
    page.wait_for_function("() => document.querySelector('#sp-level input:checked').value === 'regency'")
    page.locator("#sp-level label", has_text="Provinsi").click()  # choosing the province level leaves it
    page.wait_for_url(re.compile(r"/perlindungan-sosial$"))
    page.wait_for_function("() => document.getElementById('sp-province').value === ''")
    wait_ready(page)


def _province_point(page, code: str):
    """A screen point well inside a province (the point of its fill farthest from the fill's edge
    on a grid), so a small province on a phone is hit and not its neighbour."""
    return page.evaluate("""(code) => {
        for (const p of document.querySelectorAll('.js-plotly-plot .choroplethlocation')) {
            if (!p.__data__ || p.__data__.loc !== code) continue;
            const b = p.getBBox(), m = p.getScreenCTM(), svg = p.ownerSVGElement, n = 24;
            const inside = (i, j) => {
                const pt = svg.createSVGPoint();
                pt.x = b.x + b.width * i / n; pt.y = b.y + b.height * j / n;
                return p.isPointInFill(pt) ? pt : null;
            };
            let best = null, depth = -1;
            for (let i = 1; i < n; i++) for (let j = 1; j < n; j++) {
                const pt = inside(i, j);
                if (!pt) continue;
                let d = 1;
                while (d < n && inside(i - d, j) && inside(i + d, j) && inside(i, j - d) && inside(i, j + d)) d++;
                if (d > depth) { depth = d; best = pt; }
            }
            if (best) { const s = best.matrixTransform(m); return [s.x, s.y]; }
        }
        return null; }""", code)


def test_phone_tap_shows_value_source_and_date_without_hover(page_factory, live_server):
    page, _ = page_factory(360, 740)
    page.goto(live_server + "/peta")
    wait_ready(page)
    page.wait_for_function(f"() => document.querySelectorAll('{MAP_PATHS}').length === 38")
    page.locator("#card-peta .js-plotly-plot").scroll_into_view_if_needed()
    point = _province_point(page, "73")
    assert point, "Sulawesi Selatan not found on the map"
    page.mouse.click(*point)
    page.wait_for_url(re.compile(r"province=73"))
    drill = page.locator("#peta-drill .drill-place")
    drill.wait_for()
    text = drill.inner_text()
    assert "Sulawesi Selatan" in text and "Mitra/program" in text and "Sumber" in text and "30 Juni 2017" in text
    assert drill.is_visible() and page.evaluate("document.documentElement.scrollWidth") <= 362
    # KPI citations: a tap opens them (no title attribute to hover)
    page.goto(live_server + "/")
    wait_ready(page)
    cite = page.locator("details.kpi-cite").first
    assert not page.locator(".kpi-quote").first.is_visible()
    cite.locator("summary").click()
    assert page.locator(".kpi-quote").first.is_visible()
    assert page.locator(".kpi-quote").first.inner_text().startswith("“")


def test_modebar_speaks_the_page_language(page_factory, live_server):
    page, _ = page_factory()
    for path, title in (("/peta", "Unduh grafik sebagai PNG"), ("/peta?lang=en", "Download plot as a PNG")):
        page.goto(live_server + path)
        wait_ready(page)
        titles = page.eval_on_selector_all("#card-peta .modebar-btn", "els => els.map(e => e.dataset.title)")
        assert title in titles, titles
        assert not any("Share" in t for t in titles)
    page.goto(live_server + "/peta?tab=chart")
    wait_ready(page)
    titles = page.eval_on_selector_all("#card-peta .modebar-btn", "els => els.map(e => e.dataset.title)")
    assert "Perbesar" in titles and "Kembalikan sumbu" in titles


def test_a_framed_embed_keeps_its_view_without_adding_history(browser, live_server, tmp_path):
    """In an embed, the view switch goes into the frame's address (replaceState): the host page's Back
    button must leave the host page, not step through the chart's views."""
    import functools
    import http.server
    import threading

    from tests.conftest import free_port
    (tmp_path / "host.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title>'
        '<link rel="icon" href="data:,"></head><body><iframe id="e" title="chart" style="width:800px;height:700px;'
        f'border:0" src="{live_server}/embed/perlindungan-skema"></iframe></body></html>', encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a, **k: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"http://localhost:{httpd.server_address[1]}/host.html")
        frame = page.frame_locator("#e")
        frame.locator(".chart-card .js-plotly-plot .main-svg").first.wait_for(timeout=30000)
        before = page.evaluate("history.length")
        frame.locator(".view-switch label", has_text="Tabel").click()
        frame.locator(".chart-card table").wait_for()
        embed = next(f for f in page.frames if "/embed/" in f.url)
        embed.wait_for_url(re.compile(r"views=perlindungan-skema%3Atable"))
        assert page.evaluate("history.length") == before
        assert errors == []
    finally:
        ctx.close()
        httpd.shutdown()


def test_filter_change_patches_the_map_in_place(page_factory, live_server):
    """A filter change sends a Patch of the map's traces and layout values (never its template), and
    plotly redraws the graph already on screen (the same element), also for another level, whose
    boundaries are only another URL in the traces."""
    page, _ = page_factory()
    page.goto(live_server + "/peta")
    wait_ready(page)
    page.evaluate("() => { document.querySelector('#card-peta .js-plotly-plot').__petaMark = 1; }")
    before = page.evaluate("() => document.querySelector('#card-peta .js-plotly-plot').data[0].locations.length")
    with page.expect_response(lambda r: "_dash-update-component" in r.url) as answer:
        page.select_option("#peta-programme", "mampu")
    body = answer.value.json()["response"]
    graph_key = next(k for k in body if '"type":"graph"' in k and '"chart":"peta"' in k)
    patch = body[graph_key]["figure"]
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    paths = {tuple(op["location"]) for op in patch["operations"]}
    assert ("data",) in paths and ("layout", "template") not in paths
    assert all(isinstance(tr["geojson"], str) for op in patch["operations"] if op["location"] == ["data"]
               for tr in op["params"]["value"])  # boundaries by URL, never inline
    assert not any('"type":"card-body"' in k and '"chart":"peta"' in k for k in body)  # the body stays
    page.wait_for_url(re.compile(r"programme=mampu"))
    page.wait_for_function("(n) => document.querySelector('#card-peta .js-plotly-plot').data[0].locations.length"
                           " !== n", arg=before)
    assert page.evaluate("() => document.querySelector('#card-peta .js-plotly-plot').__petaMark") == 1
    assert page.locator(MAP_PATHS).count() == 38
    page.get_by_text("Kabupaten/kota", exact=True).first.click()
    page.wait_for_url(re.compile(r"level=regency"))
    page.wait_for_function(f"() => document.querySelectorAll('{MAP_PATHS}').length > 400")
    assert page.evaluate("() => document.querySelector('#card-peta .js-plotly-plot').__petaMark") == 1
    page.select_option("#peta-province", "11")
    page.wait_for_url(re.compile(r"province=11"))
    page.wait_for_function(f"() => document.querySelectorAll('{MAP_PATHS}').length"
                           " === document.querySelector('#card-peta .js-plotly-plot').data[0].locations.length"
                           " + document.querySelector('#card-peta .js-plotly-plot').data[1].locations.length")
    assert page.evaluate("() => document.querySelector('#card-peta .js-plotly-plot').__petaMark") == 1
    assert page.locator(MAP_PATHS).count() < 50


def test_charts_keep_their_height_and_draw_once_per_filter_change(page_factory, live_server):
    """A chart that is not a map is as tall as its figure says (dcc.Graph drops layout.height when
    responsive, so the box carries it) and a filter change draws it once: its box never collapses
    while plotly redraws, which used to cost a second, full redraw at plotly's default 450 px."""
    page, _ = page_factory()
    page.add_init_script("""window.__draws = {};
        setInterval(() => document.querySelectorAll('.js-plotly-plot').forEach((gd) => {
            if (gd.on && !gd.__petaDraws) { gd.__petaDraws = 1;
                gd.on('plotly_afterplot', () => { const id = gd.closest('section').id;
                    window.__draws[id] = (window.__draws[id] || 0) + 1; }); } }), 10);""")
    page.goto(live_server + "/peta")
    wait_ready(page)
    sizes = "() => { const gd = document.querySelector('#card-tren .js-plotly-plot');" \
            " return [gd.getBoundingClientRect().height, gd._fullLayout.height]; }"
    page.wait_for_function("() => document.querySelector('#card-tren .js-plotly-plot')._fullLayout")
    box, drawn = page.evaluate(sizes)
    assert drawn == 360 and abs(box - 360) < 1, (box, drawn)
    for control, value, query in (("#peta-programme", "mampu", "programme=mampu"),
                                  ("#peta-indicator", "group_members", "indicator=group_members")):
        for _ in range(20):  # start from a quiet page: no draw of the page's load still on its way
            page.evaluate("window.__draws = {}")
            page.wait_for_timeout(300)
            if page.evaluate("Object.keys(window.__draws).length") == 0:
                break
        page.select_option(control, value)
        page.wait_for_url(re.compile(query))
        page.wait_for_function("() => (window.__draws['card-tren'] || 0) >= 1")
        page.wait_for_timeout(600)  # a second draw (a resize) would come within this
        assert page.evaluate("window.__draws['card-tren']") == 1
        box, drawn = page.evaluate(sizes)
        assert drawn == 360 and abs(box - 360) < 1, (value, box, drawn)
    # the map as a table leaves the trend as it is: not even redrawn
    page.evaluate("window.__draws = {}")
    page.locator("#card-peta .view-switch label", has_text="Tabel").click()
    page.wait_for_url(re.compile(r"tab=table"))
    page.locator("#card-peta table").wait_for()
    page.wait_for_timeout(600)
    assert page.evaluate("window.__draws['card-tren'] || 0") == 0


@pytest.mark.parametrize("path", ["/peta?indicator=groups_formed", "/wilayah/73", "/?lang=en"])
def test_first_view_needs_no_callback_round_trip(page_factory, live_server, path):
    """Dash's layout already holds the requested page: nothing asks Dash's router (or a page callback)
    for it after the scripts run; the first navigation afterwards goes through the router as usual."""
    page, _ = page_factory()
    calls: list[str] = []
    page.on("request", lambda r: calls.append(r.url) if "_dash-update-component" in r.url else None)
    page.goto(live_server + path)
    wait_ready(page)
    page.wait_for_timeout(500)
    assert calls == []
    assert page.locator("#_pages_content h1").count() == 1
    page.locator("#_pages_content a[href^='/tentang']").first.click() if page.locator(
        "#_pages_content a[href^='/tentang']").count() else page.locator("a[href^='/tentang']").first.click()
    page.wait_for_url(re.compile(r"/tentang"))
    page.wait_for_function("() => /Tentang|About/.test(document.querySelector('#_pages_content h1').innerText)")
    assert any("_dash-update-component" in u for u in calls)

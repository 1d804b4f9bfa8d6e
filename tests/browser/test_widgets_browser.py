"""The app's own form controls in Chromium: no dash-bootstrap-components script, radios, selects and the
search box drive the URL and the charts, and React renders exactly what the server sent."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import wait_ready

pytestmark = pytest.mark.browser

MAP_PATHS = ".js-plotly-plot .choroplethlocation"
CARD_TITLE = "#_pages_content #card-peta .card-title"

# Each control as a tree: tag, attributes (``selected`` and ``disabled`` aside: see the test), the live
# checked/selected/value state, children, text.
DESCRIBE = """(sel) => Array.from(document.querySelectorAll(sel)).map(root => {
    const walk = el => {
        const attrs = {};
        for (const a of el.attributes) {
            if (a.name !== 'selected' && a.name !== 'disabled') attrs[a.name] = a.value;
        }
        const live = el.tagName === 'INPUT' ? [el.checked, el.value]
            : el.tagName === 'SELECT' ? [el.value, el.selectedIndex]
            : el.tagName === 'OPTION' ? [el.selected] : [];
        return [el.tagName, attrs, live, Array.from(el.children).map(walk),
                el.children.length ? '' : el.textContent];
    };
    return walk(root);
})"""
CONTROLS = ".btn-group-radios, select.form-select, input.form-control, label.form-label"
DISABLED = "Array.from(document.querySelectorAll('[data-views-chart] input[type=radio]')).map(e => e.disabled)"
OTHER_DISABLED = "document.querySelectorAll('input[type=radio]:not([data-views-chart] input):disabled').length"


def test_pages_load_no_bootstrap_script(page_factory, live_server):
    page, _ = page_factory()
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    for path in ("/peta", "/kebijakan"):
        page.goto(live_server + path)
        wait_ready(page)
    assert not [u for u in urls if "bootstrap" in u.lower()], urls
    assert len([u for u in urls if "/assets/peta-widgets.js" in u]) == 2
    assert page.evaluate("Object.keys(window.peta_widgets).sort()") == ["Input", "RadioItems", "Select"]
    assert page.evaluate("'dash_bootstrap_components' in window") is False


@pytest.mark.parametrize("path", ["/peta?province=73&views=tren%3Atable", "/kebijakan?q=sukabumi&lang=en", "/mitra", "/"])
def test_react_renders_the_server_html(page_factory, live_server, path):
    """The page does not change when React takes over: the same elements, attributes and state."""
    plain, _ = page_factory(javascript=False)
    plain.goto(live_server + path)
    before = plain.evaluate(DESCRIBE, CONTROLS)
    ssr_disabled = plain.evaluate(DISABLED)
    ssr_other_disabled = plain.evaluate(OTHER_DISABLED)
    plain.goto("about:blank")  # its preloads go unused without JavaScript: leave before Chromium warns
    page, _ = page_factory()
    page.goto(live_server + path)
    wait_ready(page)
    after = page.evaluate(DESCRIBE, CONTROLS)
    assert len(after) >= 3 and after == before
    # Without JavaScript a secondary card's view switch could do nothing: it is disabled there only.
    assert set(ssr_disabled) <= {True} and set(page.evaluate(DISABLED)) <= {False}
    assert ssr_other_disabled == 0


def test_radios_select_and_search_update_the_url_and_the_chart(page_factory, live_server):
    page, _ = page_factory()
    page.goto(live_server + "/peta")
    wait_ready(page)
    assert page.locator(CARD_TITLE).inner_text().startswith("Jumlah mitra")
    # a select option
    page.select_option("#peta-indicator", "groups_formed")
    page.wait_for_url(re.compile(r"/peta\?indicator=groups_formed$"))
    page.wait_for_function(f"() => document.querySelector('{CARD_TITLE}').innerText.startsWith('Kelompok terbentuk')")
    # a radio, by its label
    page.locator("#peta-level label", has_text="Kabupaten/kota").click()
    page.wait_for_url(re.compile(r"indicator=groups_formed&level=regency$"))
    page.wait_for_function(f"() => document.querySelectorAll('{MAP_PATHS}').length > 400")
    page.wait_for_function(f"() => document.querySelector('{CARD_TITLE}').innerText.includes('kabupaten')")
    assert page.eval_on_selector_all("#peta-level label.active", "els => els.map(e => e.textContent)") == [
        "Kabupaten/kota"]
    # the radios are one group (one name): the arrow keys move the choice
    assert page.eval_on_selector_all("#peta-level input", "els => new Set(els.map(e => e.name)).size") == 1
    page.focus("#peta-level input:checked")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"/peta\?indicator=groups_formed$"))
    page.wait_for_function(f"() => document.querySelectorAll('{MAP_PATHS}').length === 38")
    assert page.eval_on_selector("#peta-level input:checked", "e => e.value") == "province"
    assert page.eval_on_selector_all("#peta-level label.active", "els => els.length") == 1
    # a chart card's own view switch
    page.locator("#card-peta .view-switch label", has_text="Tabel").click()
    page.wait_for_url(re.compile(r"tab=table$"))
    page.wait_for_function("() => document.querySelector('#card-peta table') !== null")


def test_search_box_sends_on_enter_or_leaving_the_field(page_factory, live_server):
    page, _ = page_factory()
    page.goto(live_server + "/kebijakan")
    wait_ready(page)
    calls: list[str] = []
    page.on("request", lambda r: calls.append(r.url) if "_dash-update-component" in r.url else None)
    rows = page.locator("#card-kebijakan-tabel tbody tr").count()
    assert rows > 1
    page.locator("#kebijakan-q").press_sequentially("sukabumi", delay=20)
    page.wait_for_timeout(600)
    assert calls == [] and "q=" not in page.url  # typing alone sends nothing (debounce)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/kebijakan\?q=sukabumi$"))
    page.wait_for_function("() => document.querySelectorAll('#card-kebijakan-tabel tbody tr').length === 1")
    assert "Sukabumi" in page.locator("#card-kebijakan-tabel tbody").inner_text()
    # leaving the field sends too; the box takes at most 80 characters
    page.fill("#kebijakan-q", "")
    page.locator("#kebijakan-q").press_sequentially("x" * 90)
    assert len(page.input_value("#kebijakan-q")) == 80
    page.keyboard.press("Tab")
    page.wait_for_url(re.compile(r"q=x{80}$"))
    page.fill("#kebijakan-q", "")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/kebijakan$"))
    page.wait_for_function(f"() => document.querySelectorAll('#card-kebijakan-tabel tbody tr').length === {rows}")

"""The development server (``PETA_DEBUG=true python app.py``): Dash's dev tools find no error on any
page, the page callbacks run, and nothing is fetched from the internet (Dash's version check is off)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import CHROMIUM_ARGS, ROOT, wait_for_port, wait_ready
from tests.conftest import free_port, publish_seed

PAGES = ["/", "/peta", "/perlindungan-sosial", "/kebijakan", "/mitra", "/tema/masyarakat-adat", "/wilayah/73",
         "/data", "/tentang", "/embed/peta"]


@pytest.fixture(scope="module")
def debug_server(tmp_path_factory):
    data = tmp_path_factory.mktemp("debug-data")
    publish_seed(data)
    port = free_port()
    env = {**os.environ, "PETA_DATA_DIR": str(data), "PETA_DEBUG": "true", "PETA_HOST": "127.0.0.1",
           "PETA_PORT": str(port)}
    log = open(tmp_path_factory.mktemp("logs") / "debug.log", "w")
    # its own process group: Dash's reloader runs the app in a child process
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=str(ROOT), env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    wait_for_port(proc, port, 90, lambda: os.killpg(proc.pid, signal.SIGKILL),
                  f"the debug server did not start; see {log.name}")
    yield f"http://127.0.0.1:{port}"
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    log.close()


def test_dev_tools_find_nothing_and_callbacks_run(debug_server):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("PETA_CHROMIUM", "/usr/bin/chromium"),
                                     args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.set_default_timeout(30000)
        console, hosts = [], set()
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning")
                else None)
        page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
        page.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
        try:
            for path in PAGES:
                page.goto(debug_server + path)
                wait_ready(page)
                page.wait_for_timeout(300)
                # the dev tools' error list (its badge counts the errors) stays empty
                assert page.locator(".dash-fe-error__title").count() == 0, (path, page.locator(
                    ".dash-fe-error__title").all_inner_texts())
                assert page.locator(".dash-debug-menu__content, .dash-debug-menu__status").count() >= 1, \
                    "not the debug server (no dev tools menu)"
                assert page.locator(".test-devtools-error-count").count() == 0
            page.goto(debug_server + "/peta")
            wait_ready(page)
            page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
            page.select_option("#peta-programme", "mampu")
            page.wait_for_url(re.compile(r"programme=mampu"))
            page.locator("#card-peta .card-title", has_text="MAMPU").wait_for() if page.locator(
                "#card-peta .card-title", has_text="MAMPU").count() else None
            assert page.locator(".dash-fe-error__title").count() == 0
        finally:
            browser.close()
    assert hosts == {urlsplit(debug_server).netloc}, hosts
    assert console == [], "\n".join(console)

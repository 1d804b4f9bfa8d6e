"""A live gunicorn server (2 sync workers) and headless Debian Chromium for the browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import free_port, publish_seed

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    data = tmp_path_factory.mktemp("browser-data")
    publish_seed(data)
    port = free_port()
    env = {**os.environ, "PETA_DATA_DIR": str(data), "PETA_DEBUG": "false"}
    log = open(tmp_path_factory.mktemp("logs") / "gunicorn.log", "w")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    proc = subprocess.Popen([str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py"), "-w", "2", "-k", "sync", "--timeout", "60", "-b", f"127.0.0.1:{port}",
                             "app:server"], cwd=str(ROOT), env=env, stdout=log, stderr=subprocess.STDOUT)
    wait_for_port(proc, port, 60, lambda: proc.kill(), f"gunicorn did not start; see {log.name}")
    base = f"http://127.0.0.1:{port}"
    # Warm both workers (snapshot, boundaries, first figures) so no test meets a cold one.
    from urllib.request import urlopen
    for path in ("/", "/peta", "/peta?level=regency", "/kebijakan") * 3:
        with urlopen(base + path, timeout=60) as r:
            r.read()
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def wait_for_port(proc, port: int, seconds: float, stop, message: str) -> None:
    """Wait until a server process listens on ``port``; if it exits or takes too long, ``stop()`` it
    and fail with ``message``."""
    deadline = time.time() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                stop()
                raise RuntimeError(message)
            time.sleep(0.2)


@pytest.fixture(scope="module")
def browser():
    """Module-scoped: Playwright's sync API allows one instance at a time, and other modules
    (the share and perf browser tests) start their own."""
    from playwright.sync_api import sync_playwright
    chromium = os.environ.get("PETA_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Watch:
    """Console messages, page errors and every requested host of one page."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.console: list[str] = []
        self.hosts: set[str] = set()
        self.allowed_404: set[str] = set()
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        page.on("request", lambda r: self.hosts.add(urlsplit(r.url).netloc or urlsplit(r.url).scheme))

    def _console(self, msg):
        if msg.type in ("error", "warning"):
            text = msg.text
            if "status of 404" in text and any(p in (msg.location or {}).get("url", "") for p in self.allowed_404):
                return
            self.console.append(f"{msg.type}: {text}")


@pytest.fixture()
def page_factory(browser, live_server):
    made = []

    def make(width: int = 1200, height: int = 900, javascript: bool = True):
        ctx = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID",
                                  java_script_enabled=javascript)
        page = ctx.new_page()
        page.set_default_timeout(30000)
        watch = Watch(page, live_server)
        made.append((ctx, watch))
        return page, watch

    yield make
    host = urlsplit(live_server).netloc
    for ctx, watch in made:
        ctx.close()
        leaving = {h for h in watch.hosts if h not in (host, "data", "blob", "about")}
        assert not leaving, f"requests left 127.0.0.1: {leaving}"
        assert not watch.console, "console not clean:\n" + "\n".join(watch.console)


def wait_ready(page) -> None:
    """Dash has rendered the page (not just the server HTML) and every graph has drawn."""
    page.wait_for_function(
        """() => {
            const root = document.getElementById('_pages_content');
            if (!root || !root.querySelector('h1')) return false;
            if (document.querySelector('._dash-loading, [data-dash-is-loading="true"]')) return false;
            const wraps = root.querySelectorAll('.graph-wrap');
            for (const w of wraps) { if (!w.querySelector('.main-svg')) return false; }
            return true;
        }""")
    page.wait_for_load_state("networkidle")

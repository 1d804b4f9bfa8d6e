"""Headless Chromium measurements for the benchmark (and the perf browser tests).

Each page load gets a fresh browser context (cold cache), a phone-sized
viewport, and, through the Chrome DevTools Protocol, network emulation
(latency + throughput) and CPU throttling. Bytes on the wire are the sum of
``encodedDataLength`` from ``Network.loadingFinished`` (compressed bodies plus
headers), exactly what DevTools shows as "transferred".

Map timings come from an init script that watches the DOM every animation frame:
- ``ssr_map_ms``: a server-rendered map is visible (checked every 100 ms), i.e. an element marked
  ``data-peta-map`` (the SVG the HTML itself carries) with a non-zero size;
- ``interactive_map_ms``: plotly has drawn choropleth shapes
  (``.js-plotly-plot .choroplethlocation``);
- ``first_map_ms``: whichever came first (anywhere in the page);
- ``map_above_fold_ms``: a map (either kind) in the first screen (360x740; an IntersectionObserver),
  without scrolling; None when the page puts it further down.
All are milliseconds since navigation start.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from typing import Iterator

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

SSR_MAP_SELECTOR = "[data-peta-map]"
INTERACTIVE_MAP_SELECTOR = ".js-plotly-plot .choroplethlocation"
PLOTLY_GAVE_UP = "plotly.js did not load after 30 seconds"


@dataclass(frozen=True)
class NetworkProfile:
    name: str
    latency_ms: float
    down_kbps: float
    up_kbps: float

    def cdp(self) -> dict:
        return {"offline": False, "latency": self.latency_ms,
                "downloadThroughput": self.down_kbps * 1000 / 8,
                "uploadThroughput": self.up_kbps * 1000 / 8}


FAST_3G = NetworkProfile("Fast 3G", 563, 1440, 675)
SLOW_3G = NetworkProfile("Slow 3G", 2000, 400, 400)
#: Used by --quick: exercises the same emulation calls without waiting.
LOOPBACK = NetworkProfile("loopback (quick check)", 5, 500_000, 500_000)

_WATCH_SCRIPT = """
(() => {
  const st = window.__peta = {ssr: null, interactive: null, lastPlot: null, shapes: 0, fold: null, input: null};
  // When a control changed (its first input/change event since the benchmark cleared it): a
  // filter change is timed from here, not from when the automation began to act.
  const changed = () => { if (st.input === null) st.input = performance.now(); };
  document.addEventListener('input', changed, true);
  document.addEventListener('change', changed, true);
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  // "In the first screen" comes from an IntersectionObserver (computed with the page's own
  // rendering): polling getBoundingClientRect on every frame forced extra layouts that cost the
  // throttled page ~0.5 s of its own work during a load (observer effect). The SSR map is checked
  // every 100 ms until it shows (early: it is in the HTML).
  let lastLayoutCheck = -1e9;
  const watched = new Set();
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const r = e.boundingClientRect;
      if (st.fold === null && e.isIntersecting && r.width > 0 && r.height > 0) st.fold = performance.now();
    }
  });
  const foldWatch = (el) => { if (el && !watched.has(el)) { watched.add(el); io.observe(el); } };
  const tick = () => {
    const now = performance.now();
    const shapes = document.querySelectorAll(%(map)r);
    st.shapes = shapes.length;
    if (st.interactive === null && shapes.length > 0) st.interactive = now;
    const ssr = document.querySelector(%(ssr)r);
    if (st.fold === null) {
      foldWatch(ssr);
      if (shapes.length > 0) foldWatch(shapes[0].closest('.js-plotly-plot'));
    }
    if (st.ssr === null && ssr && now - lastLayoutCheck >= 100) {
      lastLayoutCheck = now;
      if (visible(ssr)) st.ssr = now;
    }
    document.querySelectorAll('.js-plotly-plot').forEach((gd) => {
      if (!gd.__petaWatched && typeof gd.on === 'function') {
        gd.__petaWatched = true;
        gd.on('plotly_afterplot', () => { st.lastPlot = performance.now(); });
      }
    });
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
""" % {"ssr": SSR_MAP_SELECTOR, "map": INTERACTIVE_MAP_SELECTOR}


@dataclass
class Response:
    url: str
    status: int
    headers: dict
    mime: str
    encoded_bytes: int = 0
    method: str = "GET"
    post_data: str | None = None


@dataclass
class PageRun:
    url: str
    profile: str
    cpu_throttle: float
    total_encoded_bytes: int = 0
    requests: int = 0
    first_map_ms: float | None = None
    map_above_fold_ms: float | None = None
    ssr_map_ms: float | None = None
    interactive_map_ms: float | None = None
    map_shapes: int = 0
    fcp_ms: float | None = None
    load_ms: float | None = None
    plotly_gave_up: bool = False
    timed_out: bool = False
    console_errors: list[str] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)

    def summary(self) -> dict:
        d = {k: v for k, v in self.__dict__.items() if k != "responses"}
        d["largest"] = sorted(({"url": r.url, "bytes": r.encoded_bytes} for r in self.responses),
                              key=lambda x: -x["bytes"])[:8]
        return d


@contextlib.contextmanager
def chromium(executable: str | None = None) -> Iterator:
    """A headless Debian Chromium (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    from data.settings import get_settings

    exe = executable or get_settings().chromium
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _NetLog:
    """Collects CDP Network events of one page."""

    def __init__(self, cdp):
        self.by_id: dict[str, Response] = {}
        self.order: list[Response] = []
        self.bytes = 0
        self.pending: set[str] = set()
        self.last_activity = time.monotonic()
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._received)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)

    def _sent(self, ev):
        req = ev["request"]
        r = Response(url=req["url"], status=0, headers={}, mime="", method=req.get("method", "GET"),
                     post_data=req.get("postData"))
        self.by_id[ev["requestId"]] = r
        self.order.append(r)
        self.pending.add(ev["requestId"])
        self.last_activity = time.monotonic()

    def _received(self, ev):
        r = self.by_id.get(ev["requestId"])
        if r is not None:
            resp = ev["response"]
            r.status = resp.get("status", 0)
            r.headers = {k.lower(): v for k, v in resp.get("headers", {}).items()}
            r.mime = resp.get("mimeType", "")

    def _finished(self, ev):
        r = self.by_id.get(ev["requestId"])
        n = int(ev.get("encodedDataLength", 0))
        self.bytes += n
        if r is not None:
            r.encoded_bytes += n
        self.pending.discard(ev["requestId"])
        self.last_activity = time.monotonic()

    def _failed(self, ev):
        self.pending.discard(ev["requestId"])
        self.last_activity = time.monotonic()

    def mark(self) -> tuple[int, int]:
        return self.bytes, len(self.order)


def _wait_quiet(page, net: _NetLog, quiet_s: float, deadline: float) -> None:
    """Wait until no request is in flight for ``quiet_s`` (or the deadline)."""
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        if not net.pending and time.monotonic() - net.last_activity >= quiet_s:
            return


def new_page(browser, profile: NetworkProfile | None, cpu_throttle: float,
             extra_headers: dict | None = None):
    """A fresh context + page with emulation applied; returns (context, page, cdp, netlog, errors)."""
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True,
                              service_workers="block", extra_http_headers=extra_headers or {})
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    cdp = ctx.new_cdp_session(page)
    net = _NetLog(cdp)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    if profile is not None:
        cdp.send("Network.emulateNetworkConditions", profile.cdp())
    if cpu_throttle and cpu_throttle != 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_throttle})
    page.add_init_script(_WATCH_SCRIPT)
    return ctx, page, cdp, net, errors


def _state(page) -> dict:
    return page.evaluate("""() => {
      const st = window.__peta || {};
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {ssr: st.ssr ?? null, interactive: st.interactive ?? null, shapes: st.shapes || 0,
              fold: st.fold ?? null,
              lastPlot: st.lastPlot ?? null, input: st.input ?? null, fcp: fcp ? fcp.startTime : null,
              load: nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : null};
    }""")


def load_page(browser, url: str, network: NetworkProfile | None, cpu_throttle: float = 1,
              timeout_s: float = 60, extra_headers: dict | None = None, expect_map: bool = True,
              keep_open: bool = False):
    """Load ``url`` cold and measure it. Returns a PageRun (and the open page if keep_open)."""
    ctx, page, cdp, net, errors = new_page(browser, network, cpu_throttle, extra_headers)
    run = PageRun(url=url, profile=network.name if network else "none", cpu_throttle=cpu_throttle)
    deadline = time.monotonic() + timeout_s
    try:
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        if expect_map:
            while time.monotonic() < deadline:
                st = _state(page)
                if st["interactive"] is not None:
                    break
                if any(PLOTLY_GAVE_UP in e for e in errors):
                    run.plotly_gave_up = True
                    break
                page.wait_for_timeout(200)
            else:
                run.timed_out = True
        _wait_quiet(page, net, quiet_s=1.0 if network is None or network.latency_ms < 100 else 2.5,
                    deadline=deadline + 5)
        st = _state(page)
        run.ssr_map_ms = st["ssr"]
        run.interactive_map_ms = st["interactive"]
        run.map_above_fold_ms = st["fold"]
        run.map_shapes = st["shapes"]
        run.fcp_ms = st["fcp"]
        run.load_ms = st["load"]
        firsts = [t for t in (st["ssr"], st["interactive"]) if t is not None]
        run.first_map_ms = min(firsts) if firsts else None
        run.plotly_gave_up = run.plotly_gave_up or any(PLOTLY_GAVE_UP in e for e in errors)
    finally:
        run.total_encoded_bytes = net.bytes
        run.requests = len(net.order)
        run.responses = list(net.order)
        run.console_errors = list(errors)
        if not keep_open:
            ctx.close()
    if keep_open:
        return run, (ctx, page, cdp, net, errors)
    return run


@dataclass
class FilterChange:
    control: str
    bytes: int
    requests: int
    redraw_ms: float | None
    callback_bodies: list[str]
    #: From the automation starting to act to the control's input event (the benchmark's own time,
    #: not part of redraw_ms, which runs from that event to the last chart drawn).
    input_ms: float | None = None


def _change_one_control(page, attempt: int) -> str | None:
    """Change the ``attempt``-th filter control found on the page; describe it, or None."""
    selects = page.locator("select:visible")
    n = selects.count()
    if attempt < n:
        sel = selects.nth(attempt)
        options = sel.locator("option").evaluate_all("os => os.filter(o => !o.disabled).map(o => o.value)")
        current = sel.input_value()
        choices = [o for o in options if o != current and o != ""]
        if not choices:
            return None
        sel.select_option(choices[0], timeout=5000)
        return f"select #{attempt} ({sel.get_attribute('id') or sel.get_attribute('name') or '?'}) -> {choices[0]}"
    radios = page.locator("input[type=radio]:not(:checked):visible")
    k = attempt - n
    if 0 <= k < radios.count():
        radio = radios.nth(k)
        rid = radio.get_attribute("id") or radio.get_attribute("value") or "?"
        radio.check(force=True, timeout=5000)
        return f"radio {rid}"
    return None


def filter_changes(page, net: _NetLog, count: int = 3, timeout_s: float = 20) -> list[FilterChange]:
    """Change up to ``count`` filters one after another; bytes and redraw time of each.

    Folded filter panels (``<details>``, as on phones) are opened first, so the
    page's own selects are what changes, before any tab or radio button.
    """
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    page.wait_for_timeout(200)
    out = []
    for attempt in range(count * 3):
        if len(out) >= count:
            break
        bytes0, n0 = net.mark()
        t0 = page.evaluate("(() => { if (window.__peta) window.__peta.input = null; return performance.now(); })()")
        try:
            what = _change_one_control(page, attempt)
        except Exception as exc:  # a control that cannot be changed: try the next one
            what = None
            last_error = str(exc)[:200]
            del last_error
        if what is None:
            continue
        started = time.monotonic()
        deadline = started + timeout_s
        redraw = None
        while time.monotonic() < deadline:
            page.wait_for_timeout(50)
            st = _state(page)
            quiet = not net.pending and time.monotonic() - net.last_activity >= 1.0
            began = st["input"] if st["input"] is not None and st["input"] >= t0 else t0
            if st["lastPlot"] is not None and st["lastPlot"] > began:
                redraw = st["lastPlot"] - began
                if not net.pending:
                    break
            elif quiet and time.monotonic() - started >= 2.0:
                break  # the change redrew no chart
        _wait_quiet(page, net, quiet_s=0.5, deadline=time.monotonic() + 5)
        new = net.order[n0:]
        bodies = [r.post_data for r in new if "_dash-update-component" in r.url and r.post_data]
        if not new:
            continue
        began = _state(page)["input"]
        out.append(FilterChange(what, net.bytes - bytes0, len(new), redraw, bodies,
                                None if began is None or began < t0 else began - t0))
    return out

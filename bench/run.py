"""``peta-inklusi bench [--quick]``: page weight, time to map, filter changes and load.

For each mode, optimised (``PETA_OPTIMIZE=true``) and optimisations off
(``PETA_OPTIMIZE=false``: Dash's defaults for plotly.js, compression and
caching), the benchmark:

1. starts the app under gunicorn (2 sync workers, a free loopback port) and
   times the start-up, then warms the server (not the browser);
2. loads ``/`` and ``/peta`` cold in headless Debian Chromium with Fast 3G
   (563 ms RTT, 1.44 Mbps down, 675 kbps up) and 4x CPU throttling: bytes on
   the wire, first map visible, interactive map;
3. changes filters on ``/peta`` (no throttling): bytes and redraw time per
   change; replays the captured callback requests to time the server;
4. loads ``/peta`` on Slow 3G (2,000 ms RTT, 400 kbps): does the interactive
   map appear, or does Dash give up on plotly.js?
5. loads the lite view (``Save-Data: on`` and ``?lite=1``): bytes, chart JS;
6. runs locust headless (50 users, 60 s in rounds alternating between the
   modes) and reads each worker's memory.

It prints each figure beside its target and the ratio between the two modes,
and writes everything to ``bench/results/latest.json``. ``--quick`` runs a
tiny version (one page, loopback speed, a few seconds of load) that checks
the harness works; its timings mean nothing.

Environment: ``PETA_BENCH_APP`` (WSGI target, default ``app:server``; e.g.
``bench.tiny_app:create_server()`` for the minimal reference app),
``PETA_BENCH_OUT`` (results file, default bench/results/latest.json) and the
app's own settings (``PETA_DATA_DIR`` selects the snapshot measured).
Everything runs on 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
KB = 1000


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    unit: str  # "KB", "ms", "s", "MB", "req/s", "yes/no", "count"
    limit: float | None  # None: reported, no target
    better: str = "lower"  # "lower" | "higher" | "true"


TARGETS: tuple[Target, ...] = (
    Target("bytes:/", "/  first view, bytes on the wire", "KB", 600),
    Target("first_map_ms:/", "/  first map visible", "ms", 3000),
    Target("map_above_fold_ms:/", "/  a map in the first screen (no scrolling)", "ms", None),
    Target("interactive_map_ms:/", "/  interactive map", "ms", 8000),
    Target("bytes:/peta", "/peta  first view, bytes on the wire", "KB", 600),
    Target("first_map_ms:/peta", "/peta  first map visible", "ms", 3000),
    Target("map_above_fold_ms:/peta", "/peta  a map in the first screen (no scrolling)", "ms", None),
    Target("interactive_map_ms:/peta", "/peta  interactive map", "ms", 8000),
    Target("filter_bytes_max", "filter change, bytes (largest change)", "KB", 30),
    Target("filter_redraw_ms_max", "filter change, redraw locally (slowest; from the change event)", "ms", 300),
    Target("callback_server_p95_ms", "filter callback, server p95 (sequential)", "ms", 30),
    Target("callback_server_p95_ms_uncached", "... the same, answer not cached", "ms", 30),
    Target("slow3g_interactive_map", "Slow 3G /peta: interactive map appears", "yes/no", 1, "true"),
    Target("slow3g_interactive_map_ms", "Slow 3G /peta: interactive map", "ms", None),
    Target("lite_bytes:save-data", "lite view (Save-Data: on), bytes", "KB", 150),
    Target("lite_bytes:?lite=1", "lite view (?lite=1), bytes", "KB", 150),
    Target("lite_chart_js", "lite view loads chart JavaScript", "yes/no", 0, "false"),
    Target("startup_s", "start-up (gunicorn to first page)", "s", 10),
    Target("load_rps", "load: requests/s", "req/s", None, "higher"),
    Target("load_p50_ms", "load: p50", "ms", None),
    Target("load_p95_ms", "load: p95", "ms", None),
    Target("load_errors", "load: errors", "count", 0),
    Target("callback_p95_ms_10users", "callbacks under 10 users: p95", "ms", 60),
    Target("worker_rss_mb", "memory per worker (largest, after load)", "MB", 500),
)
#: Measured once more on the full-size illustrative snapshot (every village).
SCALE_KEYS = ("startup_s", "callback_server_p95_ms", "callback_server_p95_ms_uncached", "callback_p95_ms_10users",
              "worker_rss_mb", "bytes:/peta", "interactive_map_ms:/peta")
DEMO_SIZE = 83_762
TARGETS_BY_KEY = {t.key: t for t in TARGETS}


# --------------------------------------------------------------------------- server

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, headers: dict | None = None, timeout: float = 30) -> tuple[int, bytes, dict]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers or {})


class Server:
    """The app under gunicorn (2 sync workers) on a free loopback port."""

    def __init__(self, target: str, optimize: bool, env: dict | None = None, workers: int = 2):
        self.target = target
        self.optimize = optimize
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **(env or {}), "PETA_OPTIMIZE": "true" if optimize else "false",
                    "PETA_DEBUG": "false"}
        self.workers = workers
        self.proc: subprocess.Popen | None = None
        self.startup_s: float | None = None
        self.log = tempfile.NamedTemporaryFile(prefix="peta-bench-gunicorn-", suffix=".log", delete=False)

    def start(self, timeout: float = 90) -> "Server":
        cmd = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
               "--workers", str(self.workers), "--worker-class", "sync",
               "--bind", f"127.0.0.1:{self.port}", "--chdir", str(ROOT), "--timeout", "120",
               "--log-level", "warning", self.target]
        t0 = time.monotonic()
        self.proc = subprocess.Popen(cmd, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True, cwd=ROOT)
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}): {self.tail_log()}")
            try:
                status, _, _ = _get(self.base + "/", timeout=5)
                if status < 500:
                    self.startup_s = time.monotonic() - t0
                    return self
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the app did not answer within {timeout:.0f} s: {self.tail_log()}")

    def tail_log(self, n: int = 2000) -> str:
        try:
            return Path(self.log.name).read_text(errors="replace")[-n:]
        except OSError:
            return ""

    def worker_pids(self) -> list[int]:
        if self.proc is None:
            return []
        pids = []
        for d in Path("/proc").iterdir():
            if not d.name.isdigit():
                continue
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == self.proc.pid:
                pids.append(int(d.name))
        return pids

    def worker_rss_mb(self) -> list[float]:
        out = []
        for pid in self.worker_pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        out.append(int(line.split()[1]) / 1024)
            except OSError:
                continue
        return out

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        self.log.close()
        with contextlib.suppress(OSError):
            os.unlink(self.log.name)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


_URL_RE = re.compile(r'(?:src|href)="(/[^"]+)"')


def warm(base: str, pages: list[str], rounds: int = 4) -> None:
    """Fetch every page and its static files (compressed) so both workers and the
    compressed-file cache are warm: the measurements then see a cold browser
    against a server in its steady state."""
    import brotli

    headers = {"Accept-Encoding": "br"}
    for _ in range(rounds):
        for page in pages:
            status, body, h = _get(base + page, headers)
            if h.get("Content-Encoding") == "br":
                body = brotli.decompress(body)
            for url in dict.fromkeys(_URL_RE.findall(body.decode("utf-8", "replace"))):
                if url.startswith("//"):
                    continue
                _get(base + url.replace("&amp;", "&"), headers)
            for extra in ("/_dash-layout", "/_dash-dependencies"):
                _get(base + extra, headers)


# --------------------------------------------------------------------------- load

def run_locust(base: str, pages: list[str], callbacks: list[str], users: int, seconds: int,
               mix: str = "mixed") -> dict:
    """Locust headless against ``base``; aggregate and per-request figures."""
    with tempfile.TemporaryDirectory(prefix="peta-bench-locust-") as tmp:
        cb_file = Path(tmp) / "callbacks.json"
        cb_file.write_text(json.dumps(callbacks))
        env = {**os.environ, "PETA_BENCH_PAGES": json.dumps(pages),
               "PETA_BENCH_CALLBACKS": str(cb_file), "PETA_BENCH_MIX": mix}
        prefix = str(Path(tmp) / "run")
        cmd = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
               "-u", str(users), "-r", str(users), "-t", f"{seconds}s",
               "--host", base, "--csv", prefix, "--only-summary", "--loglevel", "WARNING",
               "--stop-timeout", "5", "--exit-code-on-error", "0"]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=seconds + 90, cwd=ROOT)
        stats_path = Path(prefix + "_stats.csv")
        if not stats_path.exists():
            raise RuntimeError(f"locust wrote no statistics: {proc.stderr[-1500:]}")
        rows = list(csv.DictReader(stats_path.open()))
    out: dict = {"users": users, "seconds": seconds, "mix": mix, "requests": {}}
    for row in rows:
        fig = {
            "count": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": float(row["Requests/s"]),
            "p50_ms": _num(row.get("50%")),
            "p95_ms": _num(row.get("95%")),
            "avg_bytes": _num(row.get("Average Content Size")),
        }
        if row["Name"] == "Aggregated":
            out["aggregate"] = fig
        else:
            out["requests"][row["Name"]] = fig
    return out


def _num(v) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def replay_callbacks(base: str, bodies: list[str], n: int, uncached: bool = False) -> dict:
    """POST captured callback bodies one at a time; client-side latency on loopback
    (no network in between, so it is the server's time plus a few tenths of a ms).

    ``uncached``: every request says ``Cache-Control: no-cache``, which the app's answer cache
    (components.perf.CallbackCache) honours, so each answer is computed again (from the data,
    figure, headline and footer caches the earlier requests filled): the server's work for an
    answer its worker has not kept."""
    if not bodies:
        return {"count": 0}
    times, errors = [], 0
    for i in range(n):
        headers = {"Content-Type": "application/json", "Accept-Encoding": "br"}
        if uncached:
            headers["Cache-Control"] = "no-cache"
        body = bodies[i % len(bodies)].encode()
        req = urllib.request.Request(base + "/_dash-update-component", data=body, headers=headers)
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                resp.read()
        except urllib.error.HTTPError:
            errors += 1
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"count": n, "errors": errors, "p50_ms": statistics.median(times),
            "p95_ms": times[max(0, int(round(0.95 * len(times))) - 1)], "max_ms": times[-1]}


# --------------------------------------------------------------------------- scenarios

MODES = (("optimised", True), ("dash_defaults", False))


def measure_modes(target: str, quick: bool, browser, log) -> dict:
    """Both modes, each scenario run for one mode right after the other.

    Both servers stay up side by side (an idle one costs nothing) so that the
    two figures of a row are measured minutes apart, not a quarter of an hour:
    on a machine shared with other work the ratio then compares like with like.
    """
    from bench import browser as bb

    pages = ["/"] if quick else ["/", "/peta"]
    filter_page = pages[-1]
    net = bb.LOOPBACK if quick else bb.FAST_3G
    cpu = 1.5 if quick else 4
    figs: dict = {}
    bodies: dict = {}
    with contextlib.ExitStack() as stack:
        servers = {}
        for name, optimize in MODES:
            srv = stack.enter_context(Server(target, optimize))
            servers[name] = srv
            figs[name] = {"optimize": optimize, "pages": {}, "notes": [], "startup_s": srv.startup_s}
            log(f"{name} (PETA_OPTIMIZE={'true' if optimize else 'false'}): started in {srv.startup_s:.1f} s "
                f"on {srv.base}")
        for srv in servers.values():
            warm(srv.base, pages, rounds=2 if quick else 4)

        for page in pages:
            for name, srv in servers.items():
                run = bb.load_page(browser, srv.base + page, net, cpu, timeout_s=40 if quick else 90)
                figs[name]["pages"][page] = run.summary()
                log(f"  {name} {page}: {run.total_encoded_bytes / KB:.0f} KB, first map "
                    f"{_fmt_ms(run.first_map_ms)}, interactive {_fmt_ms(run.interactive_map_ms)}")

        # Filter changes: unthrottled ("locally"), bytes per change and redraw time.
        for name, srv in servers.items():
            run, (ctx, page, _cdp, netlog, _errors) = bb.load_page(
                browser, srv.base + filter_page, None, 1, timeout_s=40, keep_open=True)
            try:
                changes = bb.filter_changes(page, netlog, count=1 if quick else 3)
            finally:
                ctx.close()
            figs[name]["filter_changes"] = [c.__dict__ | {"callback_bodies": len(c.callback_bodies)}
                                            for c in changes]
            bodies[name] = [b for c in changes for b in c.callback_bodies]
            if not changes:
                figs[name]["notes"].append(f"no filter control found on {filter_page}")
            log(f"  {name} filter changes: {len(changes)} "
                f"({', '.join(f'{c.bytes / KB:.1f} KB' for c in changes) or 'none'})")
        for name, srv in servers.items():
            figs[name]["callback_replay"] = replay_callbacks(srv.base, bodies[name], 10 if quick else 60)
            figs[name]["callback_replay_uncached"] = replay_callbacks(srv.base, bodies[name], 10 if quick else 60,
                                                                      uncached=True)

        if not quick:
            for name, srv in servers.items():
                slow = bb.load_page(browser, srv.base + "/peta", bb.SLOW_3G, 4, timeout_s=120)
                figs[name]["slow3g"] = slow.summary()
                log(f"  {name} Slow 3G /peta: interactive {_fmt_ms(slow.interactive_map_ms)}, "
                    f"gave up: {slow.plotly_gave_up}")
            for key, url, headers in (("save-data", "/peta", {"Save-Data": "on"}),
                                      ("?lite=1", "/peta?lite=1", None)):
                for name, srv in servers.items():
                    lite = bb.load_page(browser, srv.base + url, bb.FAST_3G, 4, timeout_s=60,
                                        extra_headers=headers, expect_map=False)
                    s = lite.summary()
                    s["chart_js"] = any(_is_chart_js(r.url) for r in lite.responses)
                    figs[name].setdefault("lite", {})[key] = s
                    log(f"  {name} lite {key}: {lite.total_encoded_bytes / KB:.0f} KB, chart JS: {s['chart_js']}")

        # Load: rounds alternate between the modes, so both see the same machine.
        users, seconds, rounds = (3, 4, 1) if quick else (50, 20, 3)
        log(f"  load: {users} users, {rounds} x {seconds} s per mode, alternating")
        runs: dict = {name: [] for name in servers}
        cb_runs: dict = {name: [] for name in servers}
        for _ in range(rounds):
            for name, srv in servers.items():
                runs[name].append(run_locust(srv.base, pages, bodies[name], users, seconds))
        if not quick:
            for _ in range(3):
                for name, srv in servers.items():
                    if bodies[name]:
                        cb_runs[name].append(run_locust(srv.base, pages, bodies[name], 10, 10, mix="callbacks"))
        for name, srv in servers.items():
            figs[name]["load"] = combine_load_runs(runs[name])
            if cb_runs[name]:
                figs[name]["load_callbacks_10"] = combine_load_runs(cb_runs[name])
            figs[name]["worker_rss_mb"] = srv.worker_rss_mb()
    return figs


def combine_load_runs(runs: list[dict]) -> dict:
    """One figure from several locust rounds: summed counts, requests/s over the total
    time, and the median of the rounds' p50 and p95 (the rounds are kept as they are)."""
    def merge(figs: list[dict]) -> dict:
        figs = [f for f in figs if f]
        if not figs:
            return {}
        p50 = [f["p50_ms"] for f in figs if f.get("p50_ms") is not None]
        p95 = [f["p95_ms"] for f in figs if f.get("p95_ms") is not None]
        return {"count": sum(f["count"] for f in figs), "failures": sum(f["failures"] for f in figs),
                "rps": sum(f["rps"] for f in figs) / len(figs),
                "p50_ms": statistics.median(p50) if p50 else None,
                "p95_ms": statistics.median(p95) if p95 else None}

    names = {n for r in runs for n in r.get("requests", {})}
    return {"users": runs[0]["users"], "seconds": sum(r["seconds"] for r in runs), "mix": runs[0]["mix"],
            "rounds": runs, "aggregate": merge([r.get("aggregate") or {} for r in runs]),
            "requests": {n: merge([r["requests"].get(n) or {} for r in runs]) for n in names}}


def full_size_data_dir(log) -> Path | None:
    """A full-size illustrative snapshot (every village), built once and reused.

    ``PETA_BENCH_FULL_DATA_DIR`` points at an existing one; otherwise
    ``peta-inklusi demo --size 83762`` writes it under the temp folder.
    """
    given = os.environ.get("PETA_BENCH_FULL_DATA_DIR")
    if given:
        return Path(given)
    out = Path(tempfile.gettempdir()) / f"peta-bench-demo-{DEMO_SIZE}"
    if (out / "manifest.json").exists():
        return out
    log(f"building the full-size illustrative snapshot ({DEMO_SIZE:,} villages) in {out}")
    proc = subprocess.run([sys.executable, "-m", "data.cli", "demo", "--size", str(DEMO_SIZE), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    if proc.returncode != 0 or not (out / "manifest.json").exists():
        log(f"  could not build it: {(proc.stdout + proc.stderr)[-500:]}")
        return None
    return out


def measure_scale(target: str, data_dir: Path, browser, log) -> dict:
    """Start-up, callback latency under 10 users and memory on the full-size snapshot."""
    from bench import browser as bb

    fig: dict = {"data_dir": str(data_dir), "pages": {}, "notes": []}
    with Server(target, True, env={"PETA_DATA_DIR": str(data_dir)}) as srv:
        fig["startup_s"] = srv.startup_s
        log(f"  started in {srv.startup_s:.1f} s; warming")
        warm(srv.base, ["/", "/peta"], rounds=2)
        run = bb.load_page(browser, srv.base + "/peta", bb.FAST_3G, 4, timeout_s=90)
        fig["pages"]["/peta"] = run.summary()
        run, (ctx, page, _cdp, netlog, _errors) = bb.load_page(
            browser, srv.base + "/peta", None, 1, timeout_s=60, keep_open=True)
        try:
            changes = bb.filter_changes(page, netlog, count=3)
        finally:
            ctx.close()
        fig["filter_changes"] = [c.__dict__ | {"callback_bodies": len(c.callback_bodies)} for c in changes]
        bodies = [b for c in changes for b in c.callback_bodies]
        fig["callback_replay"] = replay_callbacks(srv.base, bodies, 60)
        fig["callback_replay_uncached"] = replay_callbacks(srv.base, bodies, 60, uncached=True)
        if bodies:
            fig["load_callbacks_10"] = run_locust(srv.base, ["/peta"], bodies, 10, 30, mix="callbacks")
        fig["worker_rss_mb"] = srv.worker_rss_mb()
    return fig


def _is_chart_js(url: str) -> bool:
    return any(s in url for s in ("plotly-custom.min.js", "plotly.min.js", "async-graph.js"))


def _fmt_ms(v) -> str:
    return "-" if v is None else f"{v / 1000:.1f} s"


def flatten(mode: dict) -> dict:
    """One value per TARGETS key (None when not measured)."""
    f: dict = {}
    for page, run in mode.get("pages", {}).items():
        f[f"bytes:{page}"] = run["total_encoded_bytes"] / KB
        f[f"first_map_ms:{page}"] = run["first_map_ms"]
        f[f"map_above_fold_ms:{page}"] = run.get("map_above_fold_ms")
        f[f"interactive_map_ms:{page}"] = run["interactive_map_ms"]
    changes = mode.get("filter_changes") or []
    if changes:
        f["filter_bytes_max"] = max(c["bytes"] for c in changes) / KB
        redraws = [c["redraw_ms"] for c in changes if c["redraw_ms"] is not None]
        f["filter_redraw_ms_max"] = max(redraws) if redraws else None
    replay = mode.get("callback_replay") or {}
    f["callback_server_p95_ms"] = replay.get("p95_ms")
    f["callback_server_p95_ms_uncached"] = (mode.get("callback_replay_uncached") or {}).get("p95_ms")
    if "slow3g" in mode:
        f["slow3g_interactive_map"] = mode["slow3g"]["interactive_map_ms"] is not None
        f["slow3g_interactive_map_ms"] = mode["slow3g"]["interactive_map_ms"]
    for key, lite in (mode.get("lite") or {}).items():
        f[f"lite_bytes:{key}"] = lite["total_encoded_bytes"] / KB
    if mode.get("lite"):
        f["lite_chart_js"] = any(l["chart_js"] for l in mode["lite"].values())
    f["startup_s"] = mode.get("startup_s")
    agg = (mode.get("load") or {}).get("aggregate") or {}
    f["load_rps"] = agg.get("rps")
    f["load_p50_ms"] = agg.get("p50_ms")
    f["load_p95_ms"] = agg.get("p95_ms")
    f["load_errors"] = agg.get("failures")
    cb = ((mode.get("load_callbacks_10") or {}).get("requests") or {}).get("POST callback") or {}
    f["callback_p95_ms_10users"] = cb.get("p95_ms")
    rss = mode.get("worker_rss_mb") or []
    f["worker_rss_mb"] = max(rss) if rss else None
    return f


def verdict(t: Target, value) -> str:
    if value is None:
        return "n/a"
    if t.limit is None:
        return ""
    if t.better == "true":
        return "ok" if value else "MISS"
    if t.better == "false":
        return "ok" if not value else "MISS"
    if t.better == "higher":
        return "ok" if value >= t.limit else "MISS"
    return "ok" if value <= t.limit else "MISS"


def _show(t: Target, v) -> str:
    if v is None:
        return "-"
    if t.unit == "yes/no":
        return "yes" if v else "no"
    if t.unit == "ms":
        return f"{v / 1000:.2f} s" if v >= 1000 else f"{v:.0f} ms"
    if t.unit == "KB":
        return f"{v:,.0f} KB" if v >= 10 else f"{v:.1f} KB"
    if t.unit == "count":
        return f"{v:.0f}"
    if t.unit == "MB":
        return f"{v:.0f} MB"
    return f"{v:.1f} {t.unit}"


def _target_text(t: Target) -> str:
    if t.limit is None:
        return "(report)"
    if t.unit == "yes/no":
        return "yes" if t.better == "true" else "no"
    sym = ">=" if t.better == "higher" else "<="
    if t.unit == "ms":
        return f"{sym} {t.limit / 1000:g} s" if t.limit >= 1000 else f"{sym} {t.limit:g} ms"
    return f"{sym} {t.limit:g} {t.unit}"


def ratio(t: Target, opt, base) -> str:
    """How many times better the optimised figure is (>1 better, <1 worse)."""
    if opt is None or base is None or t.unit in ("yes/no", "count"):
        return ""
    if isinstance(opt, bool) or isinstance(base, bool) or opt == 0 or base == 0:
        return ""
    return f"{(opt / base if t.better == 'higher' else base / opt):.1f}x"


def table(results: dict) -> str:
    opt = results["modes"]["optimised"]["figures"]
    base = results["modes"]["dash_defaults"]["figures"]
    rows = [("figure", "target", "optimised", "", "optimisations off", "gain")]
    for t in TARGETS:
        if t.key not in opt and t.key not in base:
            continue
        o, b = opt.get(t.key), base.get(t.key)
        rows.append((t.label, _target_text(t), _show(t, o), verdict(t, o), _show(t, b), ratio(t, o, b)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for i, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def conditions(quick: bool) -> dict:
    from bench import browser as bb

    if quick:
        return {"page loads": f"{bb.LOOPBACK.name}, CPU 1.5x, viewport 360x740, cold cache",
                "filter changes": "no throttling", "load": "3 users, 4 s (timings meaningless)"}
    f3, s3 = bb.FAST_3G, bb.SLOW_3G
    return {"page loads": f"{f3.name} ({f3.latency_ms:g} ms RTT, {f3.down_kbps / 1000:g} Mbps down, "
                          f"{f3.up_kbps:g} kbps up), CPU 4x, viewport 360x740, cold cache",
            "slow": f"{s3.name} ({s3.latency_ms:g} ms RTT, {s3.down_kbps:g} kbps), CPU 4x",
            "filter changes": "no throttling (\"locally\")",
            "load": "locust, 50 users, 3 rounds of 20 s per mode alternating (pages, layout, captured "
                    "callbacks); then 10 users, 3 rounds of 10 s, on callbacks only"}


def _ms(v) -> str:
    return "-" if v is None else f"{v:.0f} ms"


def markdown(results: dict) -> str:
    """The results as Markdown tables (for the README's Performance section)."""
    opt = results["modes"]["optimised"]["figures"]
    base = results["modes"]["dash_defaults"]["figures"]
    lines = ["| figure | target | optimised | | optimisations off | gain |", "| --- | --- | --- | --- | --- | --- |"]
    for t in TARGETS:
        if t.key not in opt and t.key not in base:
            continue
        o, b = opt.get(t.key), base.get(t.key)
        lines.append(f"| {t.label.replace('  ', ' ')} | {_target_text(t)} | {_show(t, o)} | {verdict(t, o)} | "
                     f"{_show(t, b)} | {ratio(t, o, b)} |")
    changes = results["modes"]["optimised"].get("filter_changes") or []
    if changes:
        lines += ["", "| filter change (optimised, unthrottled) | bytes | redraw, from the change event | "
                  "automation before the event |", "| --- | --- | --- | --- |"]
        for c in changes:
            lines.append(f"| {c['control']} | {c['bytes'] / KB:.1f} KB | {_ms(c.get('redraw_ms'))} | "
                         f"{_ms(c.get('input_ms'))} |")
    if results.get("scale"):
        lines += ["", "| full-size illustrative snapshot (optimised) | target | measured | |",
                  "| --- | --- | --- | --- |"]
        for key in SCALE_KEYS:
            t = TARGETS_BY_KEY[key]
            v = results["scale"]["figures"].get(key)
            lines.append(f"| {t.label.replace('  ', ' ')} | {_target_text(t)} | {_show(t, v)} | {verdict(t, v)} |")
    return "\n".join(lines) + "\n"


def scale_table(scale: dict) -> str:
    rows = [("full-size illustrative snapshot (optimised)", "target", "measured", "")]
    for key in SCALE_KEYS:
        t = TARGETS_BY_KEY[key]
        v = scale["figures"].get(key)
        rows.append((t.label, _target_text(t), _show(t, v), verdict(t, v)))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def environment(target: str) -> dict:
    from data.settings import get_settings

    info = {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "app": target, "python": platform.python_version(), "cpus": os.cpu_count(),
            "machine": platform.machine(), "data_dir": str(get_settings().data_dir)}
    with contextlib.suppress(Exception):
        info["git_commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                            capture_output=True, text=True, timeout=10).stdout.strip()
    with contextlib.suppress(Exception):
        from data.snapshot import current_version

        info["snapshot"] = current_version(get_settings().data_dir)
    with contextlib.suppress(Exception):
        from components import perf

        b = perf.bundle_info()
        info["plotlyjs"] = b.plotlyjs_version
        info["bundle_traces"] = list(b.traces)
        info["json_engine"] = perf.json_engine()
    return info


def run(quick: bool, target: str | None = None, out: Path | None = None, log=print) -> dict:
    """Run the benchmark; returns the results dict (also written to ``out``)."""
    from bench import browser as bb

    target = target or os.environ.get("PETA_BENCH_APP", "app:server")
    out = out or Path(os.environ.get("PETA_BENCH_OUT") or RESULTS_DIR / "latest.json")
    t0 = time.monotonic()
    results = {"quick": quick, "environment": environment(target), "modes": {},
               "conditions": conditions(quick)}
    log(f"peta-inklusi bench{' --quick (checks the harness, not the timings)' if quick else ''}: {target}")
    with bb.chromium() as browser:
        for name, mode in measure_modes(target, quick, browser, log).items():
            mode["figures"] = flatten(mode)
            results["modes"][name] = mode
        if not quick:
            data_dir = full_size_data_dir(log)
            if data_dir is not None:
                log(f"optimised, full-size illustrative snapshot ({data_dir})")
                scale = measure_scale(target, data_dir, browser, log)
                scale["figures"] = {k: v for k, v in flatten(scale).items() if k in SCALE_KEYS}
                results["scale"] = scale
    results["targets"] = {t.key: {"label": t.label, "limit": t.limit, "unit": t.unit, "better": t.better}
                          for t in TARGETS}
    results["verdicts"] = {k: verdict(TARGETS_BY_KEY[k], v)
                           for k, v in results["modes"]["optimised"]["figures"].items() if k in TARGETS_BY_KEY}
    results["seconds"] = round(time.monotonic() - t0, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str))
    out.with_suffix(".md").write_text(markdown(results))
    log("")
    for k, v in results["conditions"].items():
        log(f"{k}: {v}")
    log("optimisations off: PETA_OPTIMIZE=false, i.e. Dash defaults for plotly.js, compression, caching; "
        "gain: how many times better the optimised figure is (same run, measured back to back)")
    log(table(results))
    if results.get("scale"):
        log("")
        log(scale_table(results["scale"]))
    log(f"\n{results['seconds']:.0f} s; results in {out}")
    return results


def harness_problems(results: dict) -> list[str]:
    """What makes a run unusable (the quick check fails on these, not on timings)."""
    problems = []
    for name, mode in results["modes"].items():
        for page, r in mode["pages"].items():
            if r["total_encoded_bytes"] <= 0 or r["requests"] <= 0:
                problems.append(f"{name} {page}: nothing was loaded")
            if r["timed_out"]:
                problems.append(f"{name} {page}: no interactive map within the time limit")
        agg = (mode.get("load") or {}).get("aggregate") or {}
        if not agg.get("count"):
            problems.append(f"{name}: the load run made no request")
        if mode.get("startup_s") is None:
            problems.append(f"{name}: start-up not measured")
    return problems


def cli_main(args) -> int:
    results = run(quick=bool(getattr(args, "quick", False)))
    problems = harness_problems(results)
    for p in problems:
        print(f"bench: {p}", file=sys.stderr)
    return 1 if problems else 0

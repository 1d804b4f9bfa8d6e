"""`peta-inklusi bench --quick` runs end to end against the real app (checks the harness, not timings)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_bench_quick_completes_and_reports_both_modes(tmp_path):
    out = tmp_path / "latest.json"
    env = {**os.environ, "PETA_BENCH_OUT": str(out)}
    env.pop("PETA_BENCH_APP", None)
    proc = subprocess.run([sys.executable, "-m", "data.cli", "bench", "--quick"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    # The table prints each figure beside its target and the ratio between modes.
    assert "target" in proc.stdout and "optimisations off" in proc.stdout
    assert "first view, bytes on the wire" in proc.stdout

    res = json.loads(out.read_text())
    assert res["quick"] is True and res["environment"]["app"] == "app:server"
    opt, base = res["modes"]["optimised"], res["modes"]["dash_defaults"]
    for mode in (opt, base):
        page = mode["pages"]["/"]
        assert page["requests"] > 5 and page["total_encoded_bytes"] > 10_000
        assert mode["startup_s"] > 0
        assert mode["load"]["aggregate"]["count"] > 0
        assert mode["worker_rss_mb"], "both gunicorn workers' memory was read"
        # the sequential replay, and again with the app's answer cache bypassed (a Host per request)
        assert mode["callback_replay_uncached"]["count"] == mode["callback_replay"]["count"]
    # What the optimisation is for, visible even in the quick run.
    assert opt["figures"]["bytes:/"] < base["figures"]["bytes:/"] / 3
    assert not any("plotly.min.js" in r["url"] for r in opt["pages"]["/"]["largest"])
    assert any("plotly.min.js" in r["url"] for r in base["pages"]["/"]["largest"])
    # a filter change is timed from the control's own input event (the automation's time apart)
    change = opt["filter_changes"][0]
    assert change["input_ms"] is not None and change["input_ms"] >= 0 and change["redraw_ms"] is not None
    assert "from the change event" in out.with_suffix(".md").read_text()

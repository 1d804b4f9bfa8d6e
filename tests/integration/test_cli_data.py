"""The data commands of the `peta-inklusi` console script, end to end on a temporary PETA_DATA_DIR."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl

from data import seed, snapshot
from data.cli import main
from data.settings import PROJECT_ROOT


def test_seed_versions_export_ingest_diff_rollback(tmp_path, monkeypatch, capsys):
    root = tmp_path / "snapshots"
    monkeypatch.setenv("PETA_DATA_DIR", str(root))
    assert main(["seed"]) == 0
    assert f"Published version {seed.SEED_VERSION}" in capsys.readouterr().out
    assert main(["seed"]) == 0
    assert "nothing to do" in capsys.readouterr().out

    assert main(["template", str(tmp_path / "t.xlsx")]) == 0
    assert (tmp_path / "t.xlsx").exists()
    out = capsys.readouterr().out  # long steps show progress
    assert f"dropdowns from the live version {seed.SEED_VERSION}" in out and "writing place codes" in out
    assert "writing sheet observations" in out and "writing sheet presence" in out and "saving" in out
    assert main(["template", str(tmp_path / "t.csv")]) == 2

    assert main(["export", str(tmp_path / "e.xlsx")]) == 0
    assert f"Wrote version {seed.SEED_VERSION}" in capsys.readouterr().out

    wb = openpyxl.load_workbook(tmp_path / "e.xlsx")
    ws = wb["observations"]
    header = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, header.index("observation_id") + 1).value == "mampu-villages-2017":
            ws.cell(r, header.index("value") + 1).value = 940
    wb.save(tmp_path / "e2.xlsx")
    assert main(["ingest", str(tmp_path / "e2.xlsx"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "nothing was published" in out
    assert "reading sheet 'observations'" in out and "checking sheet 'observations' (32 rows)" in out
    assert "cross-table rules: observations" in out
    assert len(snapshot.list_versions(root)) == 1
    assert main(["ingest", str(tmp_path / "e2.xlsx"), "--note", "restated villages"]) == 0
    out = capsys.readouterr().out
    new = out.strip().splitlines()[-1].removeprefix("Published version ").rstrip(".")
    assert snapshot.current_version(root) == new
    assert snapshot.load_snapshot(root=root).metadata["notes"] == "restated villages"

    assert main(["diff", seed.SEED_VERSION, new]) == 0
    out = capsys.readouterr().out
    assert "1 restated" in out and "villages_reached" in out and "936 -> 940" in out
    assert main(["diff", seed.SEED_VERSION, "19990101.1"]) == 1

    assert main(["versions"]) == 0
    out = capsys.readouterr().out
    assert f"* {new}" in out and seed.SEED_VERSION in out
    assert main(["rollback", seed.SEED_VERSION]) == 0
    assert snapshot.current_version(root) == seed.SEED_VERSION


def test_demo_defaults_to_a_separate_data_dir(tmp_path, monkeypatch, capsys):
    root = tmp_path / "snapshots"
    monkeypatch.setenv("PETA_DATA_DIR", str(root))
    assert main(["seed"]) == 0
    assert main(["demo", "--size", "60", "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert "ILLUSTRATIVE" in out and "choosing villages" in out  # progress is shown
    demo_root = tmp_path / "snapshots-demo"
    snap = snapshot.load_snapshot(root=demo_root)
    assert snap.illustrative and snap["observations"]["illustrative"].all()
    assert json.loads((demo_root / "manifest.json").read_text())["live"] == snap.version
    # the published snapshot is untouched
    assert snapshot.current_version(root) == seed.SEED_VERSION and not snapshot.load_snapshot(root=root).illustrative
    assert main(["demo", "--size", "90000"]) == 1


def test_console_script_runs_ingest_and_reports_problems(tmp_path):
    env = dict(os.environ, PETA_DATA_DIR=str(tmp_path / "d"))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"this is not a workbook")
    exe = Path(sys.executable).with_name("peta-inklusi")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "data.cli"]
    r = subprocess.run([*cmd, "ingest", str(bad)], capture_output=True, text=True, env=env, cwd=PROJECT_ROOT,
                       timeout=60)
    assert r.returncode == 1
    assert "Sheet 'bad.xlsx'" in r.stdout and "nothing was published" in r.stdout
    assert not (tmp_path / "d" / "manifest.json").exists()

"""Publishing is atomic, versions are kept, damaged files are detected, readers never see partial versions."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import threading
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from data import snapshot
from data.schema import TABLE_ORDER, TABLES
from data.snapshot import SnapshotError


def _tables(n: int, tag: str = "v") -> dict[str, pd.DataFrame]:
    """Small valid tables: n observations, every row valued n (readers check consistency with it)."""
    obs = pd.DataFrame({
        "observation_id": [f"{tag}-{i}" for i in range(n)],
        "indicator_id": "villages_reached", "programme_id": "mampu", "place_level": "national", "place_code": "",
        "period_start": dt.date(2013, 1, 1), "period_end": dt.date(2017, 6, 30), "sex": "total",
        "value": float(n), "qualifier": "exact", "source_id": "s", "citation": f"text {tag}",
        "illustrative": False,
    })
    src = pd.DataFrame([{"source_id": "s", "title": "T", "publisher": "P", "licence": "L"}])
    return {"observations": obs, "sources": src}


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _entries(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.fixture
def root(tmp_path):
    snapshot.publish(_tables(3, "a"), root=tmp_path, version="20200101.1", created_from=[{"file": "x", "sha256": "0"}])
    return tmp_path


@pytest.mark.parametrize("step", snapshot.PUBLISH_STEPS)
def test_failure_at_each_step_leaves_live_files_byte_identical(root, step):
    before, entries = _files(root), _entries(root)
    with pytest.raises(SnapshotError, match="injected"):
        snapshot.publish(_tables(5, "b"), root=root, _fail_at=step)
    assert _files(root) == before
    assert _entries(root) == entries  # no temporary file or folder left behind
    assert snapshot.current_version(root) == "20200101.1"
    assert len(snapshot.load_snapshot(root=root)["observations"]) == 3


@pytest.mark.parametrize("target", ["write_table", "os.replace", "os.rename", "_fsync_dir"])
def test_os_level_failures_leave_nothing_behind(root, monkeypatch, target):
    before, entries = _files(root), _entries(root)

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    if target.startswith("os."):
        monkeypatch.setattr(snapshot.os, target[3:], boom)
    else:
        monkeypatch.setattr(snapshot, target, boom)
    with pytest.raises(OSError):
        snapshot.publish(_tables(5, "b"), root=root)
    monkeypatch.undo()
    assert _files(root) == before
    assert _entries(root) == entries


def test_a_killed_publisher_leaves_temps_that_the_next_publish_removes(root):
    (root / "versions" / ".tmp-20990101.1-abc").mkdir()
    (root / "versions" / ".tmp-20990101.1-abc" / "observations.parquet").write_bytes(b"partial")
    (root / ".manifest-xyz.tmp").write_text("{}")
    assert [m["version"] for m in snapshot.list_versions(root)] == ["20200101.1"]
    snapshot.publish(_tables(4, "c"), root=root)
    assert not list(root.rglob(".tmp-*")) and not list(root.glob(".manifest-*"))


def test_metadata_and_layout(root):
    meta = json.loads((root / "versions" / "20200101.1" / "metadata.json").read_text())
    assert meta["version"] == "20200101.1"
    assert meta["schema_version"] and meta["created_at"]
    assert meta["created_from"] == [{"file": "x", "sha256": "0"}]
    assert meta["row_counts"]["observations"] == 3 and meta["row_counts"]["policies"] == 0
    assert set(meta["files"]) == {f"{n}.parquet" for n in TABLE_ORDER}
    assert meta["illustrative"] is False
    assert stat.S_IMODE(os.stat(root / "manifest.json").st_mode) == 0o644
    assert stat.S_IMODE(os.stat(root / "versions" / "20200101.1").st_mode) == 0o755
    md = pq.ParquetFile(root / "versions" / "20200101.1" / "observations.parquet").metadata
    assert md.num_rows == 3
    snap = snapshot.load_snapshot(root=root)
    assert list(snap["observations"].columns) == list(TABLES["observations"].column_names)


def test_versions_are_kept_and_rollback_restores(root):
    v2 = snapshot.publish(_tables(7, "b"), root=root)
    assert snapshot.current_version(root) == v2
    assert [m["version"] for m in snapshot.list_versions(root)] == ["20200101.1", v2]
    held = snapshot.load_snapshot(v2, root=root)
    snapshot.set_live("20200101.1", root)
    assert snapshot.current_version(root) == "20200101.1"
    assert len(held["observations"]) == 7  # a reader holding v2 keeps it
    assert len(snapshot.load_snapshot(v2, root=root)["observations"]) == 7
    with pytest.raises(SnapshotError):
        snapshot.set_live("20990101.9", root)
    with pytest.raises(SnapshotError, match="already exists"):
        snapshot.publish(_tables(1), root=root, version=v2)
    for bad in ("../../etc", "20200101.1/../x", "", "latest"):
        with pytest.raises(SnapshotError, match="not a version name"):
            snapshot.load_snapshot(bad or "x", root=root)
        with pytest.raises(SnapshotError):
            snapshot.set_live(bad, root)


def test_live_snapshot_follows_the_manifest_without_restart(root):
    assert snapshot.live_snapshot(root).version == "20200101.1"
    v2 = snapshot.publish(_tables(2, "b"), root=root)
    assert snapshot.live_snapshot(root).version == v2
    snapshot.set_live("20200101.1", root)
    assert snapshot.live_snapshot(root).version == "20200101.1"
    a, b = snapshot.live_snapshot(root), snapshot.live_snapshot(root)
    assert a is b  # cached: only a stat when nothing changed


def _chunk_range(path: Path, column: str) -> tuple[int, int]:
    """(first byte, size) of a column chunk: its dictionary page (if any) and its data pages."""
    rg = pq.ParquetFile(path).metadata.row_group(0)
    for i in range(rg.num_columns):
        col = rg.column(i)
        if col.path_in_schema == column:
            start = col.dictionary_page_offset if col.has_dictionary_page else col.data_page_offset
            return start, col.total_compressed_size
    raise KeyError(column)


def _flipped(raw: bytes, pos: int) -> bytes:
    b = bytearray(raw)
    b[pos] ^= 0xFF
    return bytes(b)


def test_page_checksums_catch_every_flip_that_would_read_back_as_wrong_values(root):
    """Flip each byte of some column chunks (page headers and payloads). Without page checksum
    verification some flips read back silently as different values; with it (snapshot.read_arrow)
    none does: each such flip is refused with the CRC error."""
    p = root / "versions" / "20200101.1" / "observations.parquet"
    raw = p.read_bytes()
    original = pq.read_table(p)
    caught_by_crc = []
    for column in ("observation_id", "value", "citation"):
        start, size = _chunk_range(p, column)
        for pos in range(start, start + size):
            p.write_bytes(_flipped(raw, pos))
            try:
                unverified = pq.read_table(p, page_checksum_verification=False)
                silent = not unverified.equals(original)
            except Exception:  # noqa: BLE001 - a flip that breaks decoding is not silent
                silent = False
            try:
                verified = snapshot.read_arrow(p)
            except SnapshotError as e:
                if silent:
                    caught_by_crc.append(pos)
                    assert "CRC checksum" in str(e) and "damaged" in str(e), str(e)
                continue
            assert verified.equals(original), f"flip at byte {pos} read back as different values"
            assert not silent, pos
    p.write_bytes(raw)
    assert caught_by_crc, "no flip changed a page payload: the test did not reach the data"
    assert len(caught_by_crc) >= 3


def test_damaged_parquet_bytes_are_detected(root):
    p = root / "versions" / "20200101.1" / "observations.parquet"
    raw = p.read_bytes()
    original = pq.read_table(p)
    start, size = _chunk_range(p, "citation")
    # a byte inside a data page payload: a flip there reads back as a different value when
    # page checksums are not verified
    pos = next(i for i in range(start + size - 1, start, -1)
               if _reads_differently(p, _flipped(raw, i), original))
    p.write_bytes(_flipped(raw, pos))
    unverified = pq.read_table(p, page_checksum_verification=False)
    assert not unverified.equals(original)  # what a reader without page checksums would get
    snapshot._load_cached.cache_clear()
    with pytest.raises(SnapshotError, match="sha256"):
        snapshot.load_snapshot(root=root)
    # even with the sha256 in the metadata forged to match, the page checksum catches it
    meta_p = root / "versions" / "20200101.1" / "metadata.json"
    meta = json.loads(meta_p.read_text())
    meta["files"]["observations.parquet"] = snapshot.sha256_file(p)
    meta_p.write_text(json.dumps(meta))
    snapshot._load_cached.cache_clear()
    with pytest.raises(SnapshotError, match="CRC checksum"):
        snapshot.load_snapshot(root=root)
    with pytest.raises(SnapshotError, match="CRC checksum"):
        snapshot.read_arrow(p)


def _reads_differently(path: Path, data: bytes, original) -> bool:
    path.write_bytes(data)
    try:
        return not pq.read_table(path, page_checksum_verification=False).equals(original)
    except Exception:  # noqa: BLE001
        return False


def test_damaged_manifest_and_metadata_raise_snapshot_error(tmp_path):
    with pytest.raises(SnapshotError, match="nothing has been published"):
        snapshot.load_snapshot(root=tmp_path)
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(SnapshotError, match="cannot be read"):
        snapshot.current_version(tmp_path)
    snapshot.publish(_tables(1), root=tmp_path, version="20200101.1")
    (tmp_path / "versions" / "20200101.1" / "metadata.json").write_text("[")
    snapshot._load_cached.cache_clear()
    with pytest.raises(SnapshotError):
        snapshot.load_snapshot(root=tmp_path)


def test_readers_never_see_a_partial_version_while_publishing_in_a_loop(tmp_path):
    snapshot.publish(_tables(1, "v0"), root=tmp_path)
    stop = threading.Event()
    errors: list[str] = []
    seen: set[str] = set()

    def publisher():
        try:
            for n in range(2, 14):
                snapshot.publish(_tables(n, f"v{n}"), root=tmp_path)
        except Exception as e:  # noqa: BLE001
            errors.append(f"publisher: {e!r}")
        finally:
            stop.set()

    def reader(use_live: bool):
        while not stop.is_set():
            try:
                snap = snapshot.live_snapshot(tmp_path) if use_live else snapshot.load_snapshot(root=tmp_path)
                obs = snap["observations"]
                n = len(obs)
                if n == 0 or not (obs["value"] == n).all() or snap.metadata["row_counts"]["observations"] != n:
                    errors.append(f"inconsistent version {snap.version}: {n} rows")
                if set(snap.tables) != set(TABLE_ORDER):
                    errors.append(f"missing tables in {snap.version}")
                seen.add(snap.version)
            except Exception as e:  # noqa: BLE001
                errors.append(f"reader: {e!r}")

    threads = [threading.Thread(target=reader, args=(b,)) for b in (True, False)]
    for t in threads:
        t.start()
    pub = threading.Thread(target=publisher)
    pub.start()
    pub.join(timeout=120)
    for t in threads:
        t.join(timeout=10)
    assert not errors, errors[:5]
    assert len(seen) >= 2
    assert len(snapshot.list_versions(tmp_path)) == 13
    assert not list(tmp_path.rglob(".tmp-*"))


def test_cli_versions_and_rollback(root, monkeypatch, capsys):
    from data.cli import main

    v2 = snapshot.publish(_tables(2, "b"), root=root, illustrative=True)
    monkeypatch.setenv("PETA_DATA_DIR", str(root))
    assert main(["versions"]) == 0
    out = capsys.readouterr().out
    assert f"* {v2}" in out and "ILLUSTRATIVE" in out and "20200101.1" in out
    assert main(["rollback", "20200101.1"]) == 0
    assert snapshot.current_version(root) == "20200101.1"
    assert main(["rollback", "19990101.1"]) == 2
    assert "Unknown version" in capsys.readouterr().out


PUBLISHER = """
import sys, datetime as dt
import pandas as pd
from data import snapshot
root = sys.argv[1]
for n in range(2, 12):
    obs = pd.DataFrame({"observation_id": [f"p{n}-{i}" for i in range(n)], "indicator_id": "villages_reached",
                        "programme_id": "mampu", "place_level": "national", "place_code": "",
                        "period_start": dt.date(2013, 1, 1), "period_end": dt.date(2017, 6, 30), "sex": "total",
                        "value": float(n), "qualifier": "exact", "source_id": "s", "citation": "c",
                        "illustrative": False})
    snapshot.publish({"observations": obs}, root=root)
"""


def test_readers_in_this_process_while_another_process_publishes(tmp_path):
    import subprocess
    import sys

    from data.settings import PROJECT_ROOT

    snapshot.publish(_tables(1, "v0"), root=tmp_path)
    proc = subprocess.Popen([sys.executable, "-c", PUBLISHER, str(tmp_path)], cwd=PROJECT_ROOT)
    errors, seen = [], set()
    try:
        while proc.poll() is None:
            try:
                snap = snapshot.live_snapshot(tmp_path)
            except SnapshotError as e:
                errors.append(repr(e))
                continue
            obs = snap["observations"]
            if len(obs) == 0 or not (obs["value"] == len(obs)).all():
                errors.append(f"partial version {snap.version}")
            seen.add(snap.version)
    finally:
        proc.wait(timeout=120)
    assert proc.returncode == 0
    assert not errors, errors[:5]
    assert snapshot.live_snapshot(tmp_path).version == snapshot.list_versions(tmp_path)[-1]["version"]
    assert len(snapshot.list_versions(tmp_path)) == 11


def test_publish_refuses_duplicate_keys_and_empty_required_cells(root):
    before = _files(root)
    dup = _tables(3, "d")
    dup["observations"].loc[2, "observation_id"] = "d-0"
    with pytest.raises(SnapshotError, match="share a key"):
        snapshot.publish(dup, root=root)
    blank = _tables(3, "e")
    blank["observations"].loc[1, "citation"] = None
    with pytest.raises(SnapshotError, match="citation: 1 required"):
        snapshot.publish(blank, root=root)
    assert _files(root) == before and not list(root.rglob(".tmp-*"))
    # fact rows without an illustrative column follow the version's flag
    t = _tables(2, "f")
    t["observations"] = t["observations"].drop(columns="illustrative")
    v = snapshot.publish(t, root=root, illustrative=True)
    assert snapshot.load_snapshot(v, root=root)["observations"]["illustrative"].all()


def test_the_manifest_carries_the_live_versions_illustrative_flag(root):
    manifest = json.loads((root / "manifest.json").read_text())
    assert manifest["live"] == "20200101.1" and manifest["illustrative"] is False and manifest["updated_at"]
    v2 = snapshot.publish(_tables(2, "b"), root=root, illustrative=True)
    assert json.loads((root / "manifest.json").read_text()) | {"updated_at": ""} == \
        {"live": v2, "illustrative": True, "updated_at": ""}
    snapshot.set_live("20200101.1", root)  # rollback: the flag follows the version made live
    assert json.loads((root / "manifest.json").read_text())["illustrative"] is False
    snapshot.set_live(v2, root)
    assert json.loads((root / "manifest.json").read_text())["illustrative"] is True


def test_every_row_of_every_table_carries_the_flag(root):
    v = snapshot.publish(_tables(2, "b"), root=root, illustrative=True)
    snap = snapshot.load_snapshot(v, root=root)
    for name in TABLE_ORDER:
        assert "illustrative" in snap[name].columns, name
    assert snap["sources"]["illustrative"].tolist() == [True]
    assert snap["observations"]["illustrative"].tolist() == [False, False]  # stated rows keep their value
    # a dimension row left blank takes the version's flag
    t = _tables(1, "c")
    t["sources"] = t["sources"].assign(illustrative=[None])
    v = snapshot.publish(t, root=root, illustrative=True)
    assert snapshot.load_snapshot(v, root=root)["sources"]["illustrative"].tolist() == [True]
    # versions written before schema 1.2 (no flag on dimension tables) read with the version's flag
    old = pd.DataFrame([{"source_id": "s", "title": "T", "publisher": "P", "licence": "L"}])
    assert snapshot._with_schema_columns("sources", old.copy(), True)["illustrative"].tolist() == [True]
    assert snapshot._with_schema_columns("sources", old.copy(), False)["illustrative"].tolist() == [False]


def test_a_failed_sync_after_the_switch_warns_that_the_version_is_live(root, monkeypatch):
    """Once os.replace has switched the manifest the new version is live: a failing directory fsync
    afterwards must not be reported as a failed publish."""
    real = snapshot._fsync_dir

    def flaky(path):
        if Path(path) == root:
            raise OSError(5, "Input/output error")
        real(path)
    monkeypatch.setattr(snapshot, "_fsync_dir", flaky)
    said: list[str] = []
    v = snapshot.publish(_tables(4, "w"), root=root, progress=said.append)
    assert snapshot.current_version(root) == v
    assert len(snapshot.load_snapshot(v, root=root)["observations"]) == 4
    warning = next(m for m in said if m.startswith("WARNING"))
    assert f"version {v} is live" in warning and "Input/output error" in warning
    assert said[-1] == f"version {v} is live"
    with pytest.warns(RuntimeWarning, match="is live"):
        v3 = snapshot.publish(_tables(5, "x"), root=root)
    assert snapshot.current_version(root) == v3
    with pytest.warns(RuntimeWarning, match="version 20200101.1 is live"):
        snapshot.set_live("20200101.1", root)
    assert snapshot.current_version(root) == "20200101.1"


def test_cli_rollback_reports_a_damaged_version_without_a_traceback(root, monkeypatch, capsys):
    from data.cli import main

    v2 = snapshot.publish(_tables(2, "b"), root=root)
    p = root / "versions" / "20200101.1" / "observations.parquet"
    p.write_bytes(p.read_bytes() + b"x")
    before = (root / "manifest.json").read_bytes()
    monkeypatch.setenv("PETA_DATA_DIR", str(root))
    assert main(["rollback", "20200101.1"]) == 1
    out = capsys.readouterr().out
    assert "rollback failed:" in out and "sha256 does not match" in out
    assert f"The live version is unchanged ({v2})." in out
    assert (root / "manifest.json").read_bytes() == before


def test_compact_columns_read_from_dictionary_pages_equal_decoding_every_string(tmp_path):
    """The loader reads the compact text columns as Parquet dictionaries (no per-row strings);
    the frame is the same as decoding every string and encoding it again: same values, missing
    values, "" among the categories, sorted, ordered."""
    tables = _tables(40, "d")
    obs = tables["observations"]
    obs["place_level"] = ["village"] * 20 + ["national"] * 20
    obs["place_code"] = [f"73.10.01.20{i:02d}" for i in range(19, -1, -1)] + [""] * 19 + [None]
    obs["theme_id"] = [None, "tb", "ta", ""] * 10
    obs["partner_id"] = None
    snapshot.publish(tables, root=tmp_path, version="20200101.1", created_from=[{"file": "x", "sha256": "0"}])
    path = tmp_path / "versions" / "20200101.1" / "observations.parquet"
    cols = snapshot.COMPACT_COLUMNS["observations"]
    fast = snapshot._read_table(path, cols)
    slow = snapshot._read_table(path)
    assert isinstance(fast["place_code"].dtype, pd.CategoricalDtype)
    assert not isinstance(slow["place_code"].dtype, pd.CategoricalDtype)
    for c in cols:
        if c not in slow.columns:
            continue
        a, b = snapshot.categorical_text(fast[c]), snapshot.categorical_text(slow[c])
        pd.testing.assert_series_equal(a, b, check_exact=True)
        assert a.cat.ordered and "" in a.cat.categories and list(a.cat.categories) == sorted(a.cat.categories)
        assert a.isna().tolist() == slow[c].isna().tolist()
    loaded = snapshot.load_snapshot(root=tmp_path).tables["observations"]
    assert loaded["theme_id"].astype(object).where(loaded["theme_id"].notna(), None).tolist() == \
        [None, "tb", "ta", ""] * 10

"""Immutable, versioned snapshots: layout, loading and publishing.

Layout of a data directory (``PETA_DATA_DIR``)::

    manifest.json                     {"live": "20261121.1", "updated_at": "<ISO time>",
                                       "illustrative": false}
    versions/<version>/<table>.parquet    one file per table in data.schema.TABLES
    versions/<version>/metadata.json      version, created_at, created_from, schema_version,
                                          row_counts, illustrative, notes, data_date, files (sha256)

The manifest names the live version and repeats that version's illustrative
flag (so anything that reads only the manifest knows the live data are
simulated); the list of versions is the ``versions/`` folder itself
(:func:`list_versions`).

A version folder is never changed once written. Publishing writes a new
folder under a temporary name, fsyncs and verifies it, renames it into place
and only then switches ``manifest.json`` with ``os.replace``. Readers only
ever follow the manifest, so they see the old version or the new one, never a
half-written one; old versions stay on disk, so a reader holding one keeps it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import hashlib
import json
import os
import re
import shutil
import tempfile
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from data import schema
from data.settings import get_settings

MANIFEST = "manifest.json"
METADATA = "metadata.json"
VERSIONS = "versions"


class SnapshotRef:
    """Hashable handle on a snapshot, equal by value (``snapshot.key``: data dir, version), for caches
    keyed by value (``functools.lru_cache``): every worker computes the same key."""

    __slots__ = ("snap",)

    def __init__(self, snap: Any) -> None:
        self.snap = snap

    def __hash__(self) -> int:
        return hash(self.snap.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SnapshotRef) and other.snap.key == self.snap.key


class SnapshotError(RuntimeError):
    """A snapshot is missing, damaged or inconsistent."""


@dataclass(frozen=True)
class Snapshot:
    """One published version, read-only.

    ``tables`` maps table name to a DataFrame. Callers must not mutate the
    frames; they are shared by every request in a worker. ``key`` is a
    value (not an identity) that caches can use.
    """

    version: str
    metadata: Mapping
    tables: Mapping[str, pd.DataFrame] = field(repr=False)

    @property
    def illustrative(self) -> bool:
        return bool(self.metadata.get("illustrative", False))

    @property
    def created_at(self) -> str:
        return str(self.metadata.get("created_at", ""))

    @property
    def data_date(self) -> str:
        """The latest date the figures refer to (ISO), for source lines."""
        return str(self.metadata.get("data_date", ""))

    @property
    def key(self) -> tuple[str, str]:
        return (str(self.metadata.get("data_dir", "")), self.version)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


# --- paths ------------------------------------------------------------------

def data_dir(path: str | os.PathLike | None = None) -> Path:
    return Path(path) if path is not None else get_settings().data_dir


def version_dir(version: str, root: str | os.PathLike | None = None) -> Path:
    return data_dir(root) / VERSIONS / version


# --- manifest ---------------------------------------------------------------

def read_manifest(root: str | os.PathLike | None = None) -> dict:
    p = data_dir(root) / MANIFEST
    try:
        body = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SnapshotError(f"No manifest at {p}: nothing has been published in this data directory yet.") from None
    except (OSError, ValueError) as e:
        raise SnapshotError(f"The manifest {p} cannot be read ({e}).") from e
    if not isinstance(body, dict) or not isinstance(body.get("live"), str):
        raise SnapshotError(f"The manifest {p} does not name a live version.")
    return body


def current_version(root: str | os.PathLike | None = None) -> str:
    """The live version named by the manifest."""
    return read_manifest(root)["live"]


def list_versions(root: str | os.PathLike | None = None) -> list[dict]:
    """Every version on disk with its metadata, oldest first."""
    base = data_dir(root) / VERSIONS
    if not base.is_dir():
        return []
    out = []
    for d in sorted(base.iterdir(), key=lambda p: _version_sort_key(p.name)):
        if d.name.startswith(".") or not (d / METADATA).exists():
            continue
        try:
            out.append(json.loads((d / METADATA).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            out.append({"version": d.name, "created_at": "", "damaged": True, "row_counts": {}})
    return out


def _version_sort_key(v: str):
    date, _, n = v.partition(".")
    return (date, int(n) if n.isdigit() else 0)


def next_version(root: str | os.PathLike | None = None, today: dt.date | None = None) -> str:
    today = today or dt.datetime.now(dt.timezone.utc).date()
    stem = today.strftime("%Y%m%d")
    existing = [v["version"] for v in list_versions(root)]
    n = 1 + max((int(v.split(".")[1]) for v in existing if v.startswith(stem + ".")), default=0)
    return f"{stem}.{n}"


# --- reading ----------------------------------------------------------------

def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_arrow(path: Path, dictionary: tuple[str, ...] = ()) -> pa.Table:
    """Read one table file, verifying every page checksum.

    Page checksums are written by :func:`write_table` and verified here, so
    damaged bytes raise :class:`SnapshotError` instead of reading back as
    wrong values (the sha256 in the metadata is checked separately).
    ``dictionary``: text columns to read as Arrow dictionaries (each distinct value once).
    """
    try:
        if dictionary:
            names = set(pq.read_schema(path).names)
            return pq.read_table(path, page_checksum_verification=True,
                                 read_dictionary=[c for c in dictionary if c in names])
        return pq.read_table(path, page_checksum_verification=True)
    except (OSError, pa.ArrowException, ValueError) as e:
        raise SnapshotError(f"{path} cannot be read ({e}); the file is damaged.") from e


def _read_table(path: Path, dictionary: tuple[str, ...] = ()) -> pd.DataFrame:
    # one chunk per column: pandas' Arrow-backed text columns otherwise concatenate their chunks
    # on every take (~12 ms for a full-size snapshot's observation ids, even to take no rows).
    # ``dictionary`` columns come straight from Parquet's dictionary pages as categoricals (a
    # full-size snapshot loads ~1 s faster than decoding 686,000 strings and encoding them again).
    table = read_arrow(path, dictionary)
    if dictionary:
        table = table.unify_dictionaries()
    return table.combine_chunks().to_pandas(types_mapper=_types_mapper)


# Text columns with few distinct values that the dashboard filters, groups and deduplicates on.
# Loaded snapshots hold them as categoricals (one small integer per row): a full-size snapshot's
# observations take a fraction of the memory, and selecting rows or grouping copies no strings.
COMPACT_COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "observations": ("indicator_id", "programme_id", "theme_id", "partner_id", "scheme_id", "beneficiary_group",
                     "place_level", "place_code", "place_name", "period_label_id", "period_label_en", "sex",
                     "qualifier", "source_id", "citation", "note_id", "note_en"),
})


def categorical_text(s: pd.Series) -> pd.Series:
    """A text column as an ordered categorical of its values (sorted, with "" among them).

    Same values and missing values as ``s``; ordered so min/max work as on text; "" is a
    category so grouping keys can fill missing values without re-coding. Arrow
    dictionary-encodes the column (much faster than hashing every Python string).
    """
    if isinstance(s.dtype, pd.CategoricalDtype):
        if s.cat.ordered and "" in s.cat.categories and s.cat.categories.dtype == object:
            return s
        # already encoded (e.g. read from Parquet's dictionary pages): only re-order the categories
        found_cats, found_codes = s.cat.categories, np.asarray(s.cat.codes)
    else:
        enc = pd.Categorical(pa.array(s, from_pandas=True).dictionary_encode().to_pandas())
        found_cats, found_codes = enc.categories, np.asarray(enc.codes)
    found = pd.Index(np.asarray(found_cats.astype(str).to_numpy(dtype=object)), dtype=object)
    cats = pd.Index(sorted(set(found) | {""}), dtype=object)
    where = cats.get_indexer(found)
    codes = np.where(found_codes >= 0, where[found_codes], -1) if len(found) else found_codes
    return pd.Series(pd.Categorical.from_codes(codes, categories=cats, ordered=True), index=s.index, name=s.name)


def _types_mapper(pa_type):
    if pa.types.is_string(pa_type) or pa.types.is_large_string(pa_type):
        return pd.StringDtype()
    return None


def verify_version(vdir: Path) -> dict:
    """Check a version folder against its metadata; return the metadata."""
    meta_path = vdir / METADATA
    if not meta_path.exists():
        raise SnapshotError(f"{vdir} has no {METADATA}")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise SnapshotError(f"{meta_path} cannot be read ({e}); the version is damaged.") from e
    if not isinstance(meta, dict) or not isinstance(meta.get("files"), dict):
        raise SnapshotError(f"{meta_path} lists no files; the version is damaged.")
    expected = {f"{n}.parquet" for n in schema.TABLE_ORDER}
    if missing := expected - set(meta["files"]):
        raise SnapshotError(f"{vdir} metadata does not list {sorted(missing)}")
    for name, digest in meta.get("files", {}).items():
        p = vdir / name
        if not p.exists():
            raise SnapshotError(f"{p} is missing")
        if sha256_file(p) != digest:
            raise SnapshotError(f"{p} is damaged: its sha256 does not match the metadata")
    return meta


def _with_schema_columns(name: str, df: pd.DataFrame, illustrative: bool = False) -> pd.DataFrame:
    """Give versions written under an older schema the optional columns added
    since (as missing values), so every reader sees the current columns. A
    missing per-row ``illustrative`` flag is the version's flag."""
    for c in schema.TABLES[name].columns:
        if c.name in df.columns:
            continue
        if c.required:
            raise SnapshotError(f"{name}: required column {c.name!r} is missing")
        if c.name == "illustrative":
            df[c.name] = bool(illustrative)
            continue
        df[c.name] = pd.Series([pd.NA] * len(df), dtype="string" if c.dtype == "string" else "object")
    return df


@functools.lru_cache(maxsize=8)
def _load_cached(root: str, version: str) -> Snapshot:
    vdir = Path(root) / VERSIONS / version
    meta = verify_version(vdir)
    tables = {}
    for name in schema.TABLE_ORDER:
        p = vdir / f"{name}.parquet"
        if not p.exists():
            raise SnapshotError(f"{p} is missing")
        df = _with_schema_columns(name, _read_table(p, COMPACT_COLUMNS.get(name, ())),
                                  bool(meta.get("illustrative", False)))
        for c in COMPACT_COLUMNS.get(name, ()):
            if c in df.columns:
                df[c] = categorical_text(df[c])
        tables[name] = df
        if len(tables[name]) != meta.get("row_counts", {}).get(name, len(tables[name])):
            raise SnapshotError(f"{p} has {len(tables[name])} rows, the metadata says {meta['row_counts'][name]}")
    meta = dict(meta, data_dir=root)
    release_memory()
    return Snapshot(version=version, metadata=MappingProxyType(meta), tables=MappingProxyType(tables))


def release_memory() -> None:
    """Give the memory freed after reading back to the system.

    Reading a table goes through Arrow buffers that are dropped once the frame is built
    (and the text columns made categorical), but Arrow's allocator and glibc's keep the
    freed pages: a full-size snapshot's worker stayed ~200 MB larger than its tables.
    """
    with contextlib.suppress(Exception):
        pa.default_memory_pool().release_unused()
    with contextlib.suppress(Exception):
        import ctypes
        import ctypes.util
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        if hasattr(libc, "malloc_trim"):
            libc.malloc_trim(0)


def load_snapshot(version: str | None = None, root: str | os.PathLike | None = None) -> Snapshot:
    """Load ``version`` (default: the live one) from ``root`` (default: PETA_DATA_DIR).

    Loaded versions are cached by value (data dir, version): versions are
    immutable, so the cache never goes stale, and every worker computes the
    same key.
    """
    root_p = data_dir(root).resolve()
    v = check_version(version or current_version(root_p))
    return _load_cached(str(root_p), v)


VERSION_RE = re.compile(r"^\d{8}\.\d{1,6}$")


def check_version(version: str) -> str:
    """``version`` if it is a well-formed version name (YYYYMMDD.N), else SnapshotError.

    Versions come from URLs (``?v=``) and the command line: never let one
    name a path outside the versions folder.
    """
    if not isinstance(version, str) or not VERSION_RE.match(version):
        raise SnapshotError(f"{version!r} is not a version name (expected YYYYMMDD.N, e.g. 20170630.1).")
    return version


# --- writing ----------------------------------------------------------------

def to_arrow(name: str, df: pd.DataFrame) -> pa.Table:
    """Convert a frame to an Arrow table with the schema's column order and types."""
    t = schema.TABLES[name]
    arrays, fields_ = [], []
    for col in t.columns:
        s = df[col.name] if col.name in df.columns else pd.Series([None] * len(df))
        typ = {
            "string": pa.string(), "int": pa.int64(), "float": pa.float64(),
            "bool": pa.bool_(), "date": pa.date32(),
        }[col.dtype]
        arrays.append(_column_array(s, col.dtype, typ))
        fields_.append(pa.field(col.name, typ, nullable=not col.required))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields_))


def _column_array(s: pd.Series, dtype: str, typ: pa.DataType) -> pa.Array:
    # Fast path for frames that already hold the right Python/NumPy types
    # (large demo snapshots); anything else goes through the exact
    # per-value conversion below, which gives the same result.
    if dtype != "date" or s.dtype == object:
        try:
            return pa.array(s, type=typ, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
            pass
    if dtype == "date":
        values = [None if _isna(v) else (v.date() if isinstance(v, dt.datetime) else v) for v in s]
    elif dtype == "string":
        values = [None if _isna(v) else str(v) for v in s]
    elif dtype == "int":
        values = [None if _isna(v) else int(v) for v in s]
    elif dtype == "float":
        values = [None if _isna(v) else float(v) for v in s]
    else:
        values = [None if _isna(v) else bool(v) for v in s]
    return pa.array(values, type=typ)


def _isna(v) -> bool:
    try:
        return v is None or bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def write_table(path: Path, table: pa.Table) -> None:
    pq.write_table(table, path, write_page_checksum=True, compression="zstd")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def check_table(name: str, table: pa.Table) -> None:
    """Refuse a table whose required cells are empty or whose key is not unique."""
    t = schema.TABLES[name]
    for col in t.columns:
        if col.required and table.column(col.name).null_count:
            raise SnapshotError(f"{name}.{col.name}: {table.column(col.name).null_count} required cell(s) are empty")
    keys = table.select(list(t.key)).to_pandas()
    dup = keys.duplicated(keep=False)
    if dup.any():
        sample = keys[dup].head(3).to_dict("records")
        raise SnapshotError(f"{name}: {int(dup.sum())} rows share a key {t.key}, e.g. {sample}")


PUBLISH_STEPS = ("write", "metadata", "fsync", "verify", "rename", "manifest", "replace")


@contextlib.contextmanager
def _publish_lock(root: Path):
    """Serialise publishers and rollbacks on one data directory.

    The lock is an ``flock`` on the ``versions`` folder itself, so no lock
    file is ever left behind. Readers never take it: they only follow the
    manifest, which is switched atomically.
    """
    base = root / VERSIONS
    base.mkdir(parents=True, exist_ok=True)
    fd = os.open(base, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _remove_stale_temps(root: Path) -> None:
    # Only called with the publish lock held: any temporary folder or
    # manifest left by a killed publisher is stale.
    for d in (root / VERSIONS).glob(".tmp-*"):
        shutil.rmtree(d, ignore_errors=True)
    for f in root.glob(".manifest-*.tmp"):
        f.unlink(missing_ok=True)


def publish(
    tables: Mapping[str, pd.DataFrame],
    *,
    created_from: list[dict] | None = None,
    notes: str = "",
    illustrative: bool = False,
    root: str | os.PathLike | None = None,
    data_date: str = "",
    version: str | None = None,
    progress: Callable[[str], None] | None = None,
    _fail_at: str | None = None,
) -> str:
    """Write ``tables`` as a new version and make it live. Returns the version.

    Steps (names in :data:`PUBLISH_STEPS`): write every table into a
    temporary folder with page checksums; write the metadata; fsync every
    file and the folder; verify by reading everything back (page checksums,
    sha256, identical values); rename the folder into place; write a new
    manifest to a temporary file and fsync it; ``os.replace`` it over the
    live manifest. ``_fail_at`` names a step at which to raise (tests inject
    failures with it); on any failure the live manifest and every existing
    version are left byte-identical and no temporary file stays behind.
    Once ``os.replace`` has switched the manifest the version is live: a
    failure to fsync the directory after that is reported as a warning
    (through ``progress``, else a ``RuntimeWarning``), not raised. The
    manifest carries the version's ``illustrative`` flag.
    """
    root_p = data_dir(root)
    say = progress or (lambda msg: None)
    with _publish_lock(root_p):
        _remove_stale_temps(root_p)
        v = check_version(version or next_version(root_p))
        final = root_p / VERSIONS / v
        if final.exists():
            raise SnapshotError(f"version {v} already exists")
        tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{v}-", dir=root_p / VERSIONS))
        manifest_tmp = None
        renamed = False
        try:
            files, counts, written = {}, {}, {}
            for name in schema.TABLE_ORDER:
                df = tables.get(name, pd.DataFrame(columns=schema.TABLES[name].column_names))
                df = _flag_rows(name, df, illustrative)
                say(f"writing {name} ({len(df)} rows)")
                table = to_arrow(name, df)
                check_table(name, table)
                p = tmp / f"{name}.parquet"
                write_table(p, table)
                counts[name] = table.num_rows
                files[p.name] = sha256_file(p)
                written[name] = table
            _maybe_fail(_fail_at, "write")
            meta = {
                "version": v,
                "created_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
                "created_from": list(created_from or []),
                "schema_version": schema.SCHEMA_VERSION,
                "row_counts": counts,
                "illustrative": bool(illustrative),
                "notes": notes,
                "data_date": data_date,
                "files": files,
            }
            (tmp / METADATA).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            _maybe_fail(_fail_at, "metadata")
            for p in tmp.iterdir():
                with open(p, "rb") as f:
                    os.fsync(f.fileno())
            os.chmod(tmp, 0o755)
            _fsync_dir(tmp)
            _maybe_fail(_fail_at, "fsync")
            say("verifying")
            verify_version(tmp)
            for name in schema.TABLE_ORDER:
                if not read_arrow(tmp / f"{name}.parquet").equals(written[name]):
                    raise SnapshotError(f"{name}: the table read back differs from the one written")
            _maybe_fail(_fail_at, "verify")
            os.rename(tmp, final)
            renamed = True
            _fsync_dir(root_p / VERSIONS)
            _maybe_fail(_fail_at, "rename")
            manifest_tmp = _write_manifest_tmp(root_p, v, illustrative)
            _maybe_fail(_fail_at, "manifest")
            _maybe_fail(_fail_at, "replace")
            os.replace(manifest_tmp, root_p / MANIFEST)
            manifest_tmp = None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            if manifest_tmp is not None:
                Path(manifest_tmp).unlink(missing_ok=True)
            # The renamed folder is not live (the manifest was not switched);
            # remove it so a failed publish leaves nothing behind.
            if renamed and _live_or_none(root_p) != v:
                shutil.rmtree(final, ignore_errors=True)
                _fsync_dir(root_p / VERSIONS)
            raise
        # The manifest is switched: the version is live whatever happens next.
        _sync_after_switch(root_p, v, progress)
        say(f"version {v} is live")
        return v


def _flag_rows(name: str, df: pd.DataFrame, illustrative: bool) -> pd.DataFrame:
    """Rows without an ``illustrative`` value follow the version's flag.

    Fact tables must state it on every row (a blank is refused by
    :func:`check_table` when the column is given); a missing column, or a
    blank in a dimension table, means the version's flag.
    """
    t = schema.TABLES[name]
    if not t.flagged:
        return df
    if "illustrative" not in df.columns:
        return df.assign(illustrative=bool(illustrative))
    if not t.column("illustrative").required and df["illustrative"].isna().any():
        flags = df["illustrative"].astype(object).where(df["illustrative"].notna(), bool(illustrative))
        return df.assign(illustrative=flags.astype(bool))
    return df


def _sync_after_switch(root: Path, version: str, say: Callable[[str], None] | None) -> None:
    """fsync the data directory after the manifest switch; a failure here is only a warning.

    ``os.replace`` has already made ``version`` live (every reader now sees
    it), so raising would misreport the outcome; the risk left is that a
    power cut before the next sync of the directory undoes the switch.
    """
    try:
        _fsync_dir(root)
    except OSError as e:
        msg = (f"WARNING: version {version} is live, but syncing {root} after the switch failed ({e}); "
               "the switch may be lost on a power cut until the directory is synced (run `sync`).")
        if say is not None:
            say(msg)
        else:
            warnings.warn(msg, RuntimeWarning, stacklevel=3)


def _live_or_none(root: Path) -> str | None:
    try:
        return current_version(root)
    except (SnapshotError, OSError, ValueError, KeyError):
        return None


def _maybe_fail(fail_at: str | None, step: str) -> None:
    if fail_at == step:
        raise SnapshotError(f"injected failure at step {step!r}")


def _write_manifest_tmp(root: Path, live: str, illustrative: bool) -> Path:
    body = {"live": live, "updated_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
            "illustrative": bool(illustrative)}
    fd, name = tempfile.mkstemp(prefix=".manifest-", suffix=".tmp", dir=root)
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(body, indent=2) + "\n")
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def set_live(version: str, root: str | os.PathLike | None = None,
             progress: Callable[[str], None] | None = None) -> None:
    """Point the manifest at an existing, verified version (used by rollback).

    The manifest carries that version's illustrative flag. A failure to sync
    the directory after the switch is a warning (the version is live).
    """
    root_p = data_dir(root)
    check_version(version)
    with _publish_lock(root_p):
        meta = verify_version(version_dir(version, root_p))
        tmp = _write_manifest_tmp(root_p, version, bool(meta.get("illustrative", False)))
        try:
            os.replace(tmp, root_p / MANIFEST)
        finally:
            tmp.unlink(missing_ok=True)
        _sync_after_switch(root_p, version, progress)


# --- live reloading -----------------------------------------------------------

def _manifest_key(root: Path) -> tuple[int, int, int]:
    try:
        st = os.stat(root / MANIFEST)
    except FileNotFoundError:
        raise SnapshotError(f"No manifest at {root / MANIFEST}: nothing has been published there yet.") from None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


@functools.lru_cache(maxsize=64)
def _live_version_at(root: str, manifest_key: tuple[int, int, int]) -> str:
    # Keyed by the manifest's (mtime, size, inode): os.replace gives every new
    # manifest a new inode, so a switch is always seen by the next stat.
    return current_version(root)


def live_snapshot(root: str | os.PathLike | None = None) -> Snapshot:
    """The live snapshot, re-reading the manifest only when it changed.

    Costs one ``stat`` per call when nothing changed, so a running dashboard
    can call it on every request and picks up a newly published version (or
    a rollback) without a restart. Versions are immutable and a new one only
    becomes live once fully written and verified, so a half-written version
    is never returned.
    """
    root_p = data_dir(root).resolve()
    v = check_version(_live_version_at(str(root_p), _manifest_key(root_p)))
    return _load_cached(str(root_p), v)


# --- CLI --------------------------------------------------------------------

def cli_versions(args) -> int:
    root = data_dir()
    try:
        live = current_version(root)
    except SnapshotError as e:
        print(e)
        return 1
    for meta in list_versions(root):
        mark = "*" if meta["version"] == live else " "
        flag = " ILLUSTRATIVE" if meta.get("illustrative") else ""
        rows = sum(meta.get("row_counts", {}).values())
        print(f"{mark} {meta['version']}  {meta['created_at']}  {rows} rows{flag}  {meta.get('notes', '')}")
    return 0


def cli_rollback(args) -> int:
    root = data_dir()
    known = {m["version"] for m in list_versions(root)}
    if args.version not in known:
        print(f"Unknown version {args.version!r}. Known: {', '.join(sorted(known)) or 'none'}.")
        return 2
    try:
        set_live(args.version, root, progress=print)
    except (SnapshotError, OSError) as e:
        print(f"rollback failed: {e}")
        print(f"The live version is unchanged ({_live_or_none(root) or 'none'}).")
        return 1
    print(f"Live version is now {args.version}.")
    return 0

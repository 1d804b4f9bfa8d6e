"""Immutable, versioned snapshots: layout, loading and publishing.

Layout of a data directory (``PETA_DATA_DIR``)::

    manifest.json                     {"live": "20261121.1", "versions": [...]}
    versions/<version>/<table>.parquet    one file per table in data.schema.TABLES
    versions/<version>/metadata.json      version, created_at, created_from, schema_version,
                                          row_counts, illustrative, notes, files (sha256)

A version folder is never changed once written. Publishing writes a new
folder under a temporary name, fsyncs and verifies it, renames it into place
and only then switches ``manifest.json`` with ``os.replace``. Readers only
ever follow the manifest, so they see the old version or the new one, never a
half-written one; old versions stay on disk, so a reader holding one keeps it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from data import schema
from data.settings import get_settings

MANIFEST = "manifest.json"
METADATA = "metadata.json"
VERSIONS = "versions"


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
    if not p.exists():
        raise SnapshotError(f"No manifest at {p}: nothing has been published in this data directory yet.")
    return json.loads(p.read_text(encoding="utf-8"))


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
        out.append(json.loads((d / METADATA).read_text(encoding="utf-8")))
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


def _read_table(path: Path) -> pd.DataFrame:
    # Page checksums are written by write_table below and verified here, so
    # damaged bytes raise instead of reading back as wrong values.
    table = pq.read_table(path, page_checksum_verification=True)
    return table.to_pandas(types_mapper=_types_mapper)


def _types_mapper(pa_type):
    if pa.types.is_string(pa_type) or pa.types.is_large_string(pa_type):
        return pd.StringDtype()
    return None


def verify_version(vdir: Path) -> dict:
    """Check a version folder against its metadata; return the metadata."""
    meta_path = vdir / METADATA
    if not meta_path.exists():
        raise SnapshotError(f"{vdir} has no {METADATA}")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    for name, digest in meta.get("files", {}).items():
        p = vdir / name
        if not p.exists():
            raise SnapshotError(f"{p} is missing")
        if sha256_file(p) != digest:
            raise SnapshotError(f"{p} is damaged: its sha256 does not match the metadata")
    return meta


@functools.lru_cache(maxsize=8)
def _load_cached(root: str, version: str) -> Snapshot:
    vdir = Path(root) / VERSIONS / version
    meta = verify_version(vdir)
    tables = {}
    for name in schema.TABLE_ORDER:
        p = vdir / f"{name}.parquet"
        if not p.exists():
            raise SnapshotError(f"{p} is missing")
        try:
            tables[name] = _read_table(p)
        except (OSError, pa.ArrowException) as e:
            raise SnapshotError(f"{p} cannot be read ({e}); the file is damaged.") from e
    meta = dict(meta, data_dir=root)
    return Snapshot(version=version, metadata=MappingProxyType(meta), tables=MappingProxyType(tables))


def load_snapshot(version: str | None = None, root: str | os.PathLike | None = None) -> Snapshot:
    """Load ``version`` (default: the live one) from ``root`` (default: PETA_DATA_DIR).

    Loaded versions are cached by value (data dir, version): versions are
    immutable, so the cache never goes stale, and every worker computes the
    same key.
    """
    root_p = data_dir(root).resolve()
    v = version or current_version(root_p)
    return _load_cached(str(root_p), v)


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
        if col.dtype == "date":
            values = [None if _isna(v) else (v.date() if isinstance(v, dt.datetime) else v) for v in s]
        elif col.dtype == "string":
            values = [None if _isna(v) else str(v) for v in s]
        elif col.dtype == "int":
            values = [None if _isna(v) else int(v) for v in s]
        elif col.dtype == "float":
            values = [None if _isna(v) else float(v) for v in s]
        else:
            values = [None if _isna(v) else bool(v) for v in s]
        arrays.append(pa.array(values, type=typ))
        fields_.append(pa.field(col.name, typ, nullable=not col.required))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields_))


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


def publish(
    tables: Mapping[str, pd.DataFrame],
    *,
    created_from: list[dict] | None = None,
    notes: str = "",
    illustrative: bool = False,
    root: str | os.PathLike | None = None,
    data_date: str = "",
    version: str | None = None,
    _fail_at: str | None = None,
) -> str:
    """Write ``tables`` as a new version and make it live. Returns the version.

    Steps: write into a temporary folder, fsync every file, verify by reading
    back (checksums, sha256, row counts), rename the folder into place, then
    switch the manifest with ``os.replace``. ``_fail_at`` names a step at
    which to raise (tests use it to inject failures); on any failure the live
    manifest and versions are left byte-identical and no temporary file stays.
    """
    root_p = data_dir(root)
    (root_p / VERSIONS).mkdir(parents=True, exist_ok=True)
    v = version or next_version(root_p)
    final = root_p / VERSIONS / v
    if final.exists():
        raise SnapshotError(f"version {v} already exists")
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{v}-", dir=root_p / VERSIONS))
    manifest_tmp = None
    try:
        files, counts = {}, {}
        for name in schema.TABLE_ORDER:
            df = tables.get(name, pd.DataFrame(columns=schema.TABLES[name].column_names))
            table = to_arrow(name, df)
            p = tmp / f"{name}.parquet"
            write_table(p, table)
            counts[name] = table.num_rows
            files[p.name] = sha256_file(p)
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
        for p in tmp.iterdir():
            with open(p, "rb") as f:
                os.fsync(f.fileno())
        _fsync_dir(tmp)
        _maybe_fail(_fail_at, "fsync")
        verify_version(tmp)
        for name in schema.TABLE_ORDER:
            if _read_table(tmp / f"{name}.parquet").shape[0] != counts[name]:
                raise SnapshotError(f"{name}: row count changed on read-back")
        _maybe_fail(_fail_at, "verify")
        os.rename(tmp, final)
        _fsync_dir(root_p / VERSIONS)
        _maybe_fail(_fail_at, "rename")
        manifest_tmp = _write_manifest_tmp(root_p, v)
        _maybe_fail(_fail_at, "manifest")
        os.replace(manifest_tmp, root_p / MANIFEST)
        manifest_tmp = None
        _fsync_dir(root_p)
        return v
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if manifest_tmp is not None:
            Path(manifest_tmp).unlink(missing_ok=True)
        # The renamed folder is not live (the manifest was not switched);
        # remove it so a failed publish leaves nothing behind.
        if final.exists() and _live_or_none(root_p) != v:
            shutil.rmtree(final, ignore_errors=True)
        raise


def _live_or_none(root: Path) -> str | None:
    try:
        return current_version(root)
    except (SnapshotError, OSError, ValueError, KeyError):
        return None


def _maybe_fail(fail_at: str | None, step: str) -> None:
    if fail_at == step:
        raise SnapshotError(f"injected failure at step {step!r}")


def _write_manifest_tmp(root: Path, live: str) -> Path:
    body = {"live": live, "updated_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()}
    fd, name = tempfile.mkstemp(prefix=".manifest-", suffix=".tmp", dir=root)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(json.dumps(body, indent=2) + "\n")
        f.flush()
        os.fsync(f.fileno())
    return Path(name)


def set_live(version: str, root: str | os.PathLike | None = None) -> None:
    """Point the manifest at an existing, verified version (used by rollback)."""
    root_p = data_dir(root)
    verify_version(version_dir(version, root_p))
    tmp = _write_manifest_tmp(root_p, version)
    try:
        os.replace(tmp, root_p / MANIFEST)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(root_p)


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
    set_live(args.version, root)
    print(f"Live version is now {args.version}.")
    return 0

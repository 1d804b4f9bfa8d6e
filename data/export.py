"""``peta-inklusi export OUT.xlsx [--version V]``: a snapshot in the template format.

The workbook has the same sheets, headers, dropdowns and instructions as the
template, with the snapshot's rows and no example rows, so staff can edit it
and ingest it again; ingesting an unchanged export gives identical tables.
Text is always stored as text: a value starting with ``=``, ``+``, ``-``,
``@``, tab or a line break gets the quote prefix and never becomes a live
formula. An illustrative snapshot says so on the instructions sheet, in the
workbook title and in every row's ``illustrative`` column.

This is a staff tool (round-trip editing), so it holds the snapshot's values
as they are; public downloads go through ``data.privacy.suppress``.
"""

from __future__ import annotations

from pathlib import Path

from data import snapshot
from data.template import build_workbook


def export(out: str | Path, version: str | None = None, root=None, shared_dir=None, progress=None) -> Path:
    """Write ``version`` (default: live) of the snapshot in ``root`` to ``out``."""
    snap = snapshot.load_snapshot(version, root=root)
    out = Path(out)
    title = f"Snapshot {snap.version} — created {snap.created_at}"
    wb = build_workbook(dict(snap.tables), snap=snap, examples=False, illustrative=snap.illustrative,
                        title=title, shared_dir=shared_dir, progress=progress)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def cli_main(args) -> int:
    if not str(args.out).lower().endswith(".xlsx"):
        print(f"{args.out}: the export is an Excel workbook; give a file name ending in .xlsx.")
        return 2
    try:
        p = export(args.out, version=args.version, progress=lambda m: print(f"  {m}"))
    except snapshot.SnapshotError as e:
        print(f"export failed: {e}")
        return 1
    snap = snapshot.load_snapshot(args.version)
    flag = " (ILLUSTRATIVE DATA)" if snap.illustrative else ""
    print(f"Wrote version {snap.version}{flag} to {p}.")
    return 0

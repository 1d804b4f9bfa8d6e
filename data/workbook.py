"""The staff workbook format shared by ``template``, ``export`` and ``ingest``.

One sheet per snapshot table, named after the table. Row 1 is the header:
the marker column :data:`MARKER` first, then the table's columns from
``data.schema`` in order. A row whose marker says ``CONTOH/EXAMPLE`` is an
example and is ignored by ingest; ``HAPUS/DELETE`` removes the row with that
key from the live snapshot; a blank marker is an ordinary row. A folder of
CSV files (``<table>.csv``, same header, marker column optional) is read the
same way.

Reading never evaluates anything: cells are taken as stored (free text is
kept verbatim; ingest trims ids, codes and other coded values). A cell holding a
formula is reported as a problem (staff must type values), and text that
merely looks like a formula or HTML is kept as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from data.schema import TABLE_ORDER, TABLES

MARKER = "tanda_marker"
EXAMPLE_MARKERS = {"contoh", "example", "contoh/example"}
DELETE_MARKERS = {"hapus", "delete", "hapus/delete"}
EXAMPLE_LABEL = "CONTOH/EXAMPLE"
INSTRUCTIONS_SHEET = "Petunjuk-Instructions"
CODES_SHEET = "kode_wilayah"
LISTS_SHEET = "daftar_lists"
AUX_SHEETS = (INSTRUCTIONS_SHEET, CODES_SHEET, LISTS_SHEET)
# Text starting with one of these would be taken as a formula by a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as the spreadsheet shows it."""

    sheet: str
    row: int | None
    column: str | None
    value: object
    message: str
    action: str
    cell: str | None = None

    def __str__(self) -> str:
        where = [f"Sheet '{self.sheet}'"]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'" + (f" ({self.cell})" if self.cell else ""))
        shown = "" if self.value is None else f": value {_show(self.value)}"
        return f"{', '.join(where)}{shown} — {self.message} What to do: {self.action}"


def _show(v) -> str:
    s = repr(v) if not isinstance(v, str) else "'" + v.replace("\n", "\\n") + "'"
    return s if len(s) <= 80 else s[:77] + "...'"


@dataclass
class RawRow:
    row: int  # as the spreadsheet shows it (header is row 1)
    values: dict[str, str | None]
    marker: str = ""
    numeric: frozenset[str] = frozenset()  # columns whose cell was stored as a number (xlsx), not typed as text


@dataclass
class RawTable:
    name: str
    sheet: str
    header: list[str]
    rows: list[RawRow] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # column name -> letter

    def letter(self, column: str) -> str | None:
        return self.columns.get(column)


_XESC = re.compile(r"_x([0-9A-Fa-f]{4})_")
# CR is normalised away by XML parsers; the other control characters are not allowed in XML at all.
_XML_LOST = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f]")


def xml_escape_text(s: str) -> str:
    """Excel's escaping for text in .xlsx: ``_xHHHH_`` for characters XML would lose (CR, control characters).

    A literal ``_xHHHH_`` is protected as ``_x005F_xHHHH_``, as Excel does.
    """
    s = _XESC.sub(lambda m: "_x005F" + m.group(0), s)
    return _XML_LOST.sub(lambda m: f"_x{ord(m.group(0)):04X}_", s)


def xml_unescape_text(s: str) -> str:
    """Inverse of :func:`xml_escape_text` (and how Excel's own files read)."""
    return _XESC.sub(lambda m: chr(int(m.group(1), 16)), s) if "_x" in s else s


def cell_text(v) -> str | None:
    """A stored cell value as text, exactly (None for blank)."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, dt.datetime):
        if (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0):
            return v.date().isoformat()
        return v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        if v.is_integer() and abs(v) < 2**53:
            return str(int(v))
        return repr(v)
    if isinstance(v, int):
        return str(v)
    s = xml_unescape_text(str(v))
    return s if s.strip() else None


def _marker(v: str | None) -> str:
    m = (v or "").strip().lower()
    if m in EXAMPLE_MARKERS:
        return "example"
    if m in DELETE_MARKERS:
        return "delete"
    return m


def read_xlsx(path: Path, progress: Callable[[str], None] | None = None,
              progress_rows: int = 5000) -> tuple[list[RawTable], list[Problem]]:
    """Read a workbook in the template format. Returns tables and problems.

    ``progress`` hears about each sheet and every ``progress_rows`` rows of a big one.
    """
    import openpyxl  # noqa: PLC0415 - only when a workbook is read

    say = progress or (lambda m: None)
    problems: list[Problem] = []
    name = path.name
    if not zipfile.is_zipfile(path):
        problems.append(Problem(name, None, None, None,
                                "This is not an .xlsx workbook (it is not a valid Office Open XML file).",
                                "Save the file as 'Excel Workbook (.xlsx)' from the template, or give a folder of "
                                "CSV files named after the tables."))
        return [], problems
    say(f"opening {name} ({path.stat().st_size / 1e6:.1f} MB)")
    try:
        wb = openpyxl.load_workbook(path, data_only=False, read_only=False)
    except Exception as e:  # noqa: BLE001 - any reason the workbook cannot be opened
        problems.append(Problem(name, None, None, None, f"The workbook cannot be opened ({e}).",
                                "Open it in a spreadsheet program, save it again as .xlsx and retry."))
        return [], problems
    tables = []
    known = set(TABLES)
    for ws in wb.worksheets:
        if ws.title in AUX_SHEETS:
            continue
        if ws.title not in known:
            problems.append(Problem(ws.title, None, None, None,
                                    f"Unknown sheet. Expected sheets named after the tables: {', '.join(TABLE_ORDER)}.",
                                    "Rename the sheet to one of those names or delete it."))
            continue
        say(f"reading sheet '{ws.title}' ({max(ws.max_row - 1, 0)} rows)")
        rows = list(ws.iter_rows())
        header_cells = rows[0] if rows else []
        header = [cell_text(c.value) or "" for c in header_cells]
        while header and not header[-1]:
            header.pop()
        for rng in ws.merged_cells.ranges:
            # named after the first column of the range (the one whose value the merge keeps)
            first = header[rng.min_col - 1] if rng.min_col <= len(header) and header[rng.min_col - 1] else None
            problems.append(Problem(ws.title, rng.min_row, first, str(rng),
                                    f"Merged cells {rng} cannot be read as one value per cell.",
                                    "Unmerge the cells and type the value in every cell.", cell=str(rng)))
        if not header:
            problems.append(Problem(ws.title, 1, None, None, "The sheet is empty: it has no header row.",
                                    "Copy the header row from a new template (peta-inklusi template) or delete the "
                                    "sheet."))
            continue
        t = RawTable(TABLES[ws.title].name, ws.title, header,
                     columns={h: get_column_letter(i + 1) for i, h in enumerate(header) if h})
        for n, cells in enumerate(rows[1:], start=1):
            if n % progress_rows == 0:
                say(f"  '{ws.title}': {n} of {len(rows) - 1} rows read")
            values: dict[str, str | None] = {}
            numeric: set[str] = set()
            blank = True
            for i, c in enumerate(cells[:len(header)]):
                col = header[i]
                if not col:
                    continue
                if c.data_type == "f":
                    problems.append(Problem(ws.title, c.row, col, c.value,
                                            "The cell holds a formula; formulas are not read or run.",
                                            "Replace the formula by the value itself (copy, then paste values "
                                            "only).", cell=c.coordinate))
                    values[col] = None
                    blank = False
                    continue
                values[col] = text = cell_text(c.value)
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                    numeric.add(col)
                blank = blank and text is None
            extra = [c for c in cells[len(header):] if c.value is not None]
            for c in extra:
                problems.append(Problem(ws.title, c.row, None, c.value,
                                        f"Cell {c.coordinate} is outside the table (no header above it).",
                                        "Delete it, or give the column a header from the template.",
                                        cell=c.coordinate))
            if blank:
                continue
            t.rows.append(RawRow(cells[0].row, values, _marker(values.get(MARKER)), frozenset(numeric)))
        tables.append(t)
    return tables, problems


def read_csv_dir(path: Path, progress: Callable[[str], None] | None = None) -> tuple[list[RawTable], list[Problem]]:
    """Read ``<table>.csv`` files (UTF-8) from a folder. Every CSV cell is text."""
    say = progress or (lambda m: None)
    problems: list[Problem] = []
    tables = []
    files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
    if not any(p.suffix.lower() == ".csv" for p in files):
        problems.append(Problem(path.name, None, None, None, "The folder holds no .csv files.",
                                f"Put one CSV per table in it, named {', '.join(n + '.csv' for n in TABLE_ORDER)}."))
    for p in files:
        if p.suffix.lower() != ".csv":
            problems.append(Problem(p.name, None, None, None, "Not a CSV file; only <table>.csv files are read.",
                                    "Remove it from the folder or export it as CSV (UTF-8)."))
            continue
        t, probs = read_csv(p)
        problems.extend(probs)
        if t is not None:
            say(f"read {p.name} ({len(t.rows)} rows)")
            tables.append(t)
    return tables, problems


def read_csv(p: Path) -> tuple[RawTable | None, list[Problem]]:
    problems: list[Problem] = []
    if p.stem not in TABLES:
        return None, [Problem(p.name, None, None, None,
                              f"Unknown table. CSV files must be named after a table: {', '.join(TABLE_ORDER)}.",
                              "Rename the file or remove it.")]
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(p.name, None, None, None, "The file is not UTF-8 text (wrong file type?).",
                              "Save it as 'CSV UTF-8 (comma delimited)'.")]
    if "\x00" in text:
        return None, [Problem(p.name, None, None, None, "The file is binary, not CSV text.",
                              "Save it as 'CSV UTF-8 (comma delimited)'.")]
    reader = list(csv.reader(io.StringIO(text, newline="")))
    header = [h.strip() for h in (reader[0] if reader else [])]
    while header and not header[-1]:
        header.pop()
    if not header:
        return None, [Problem(p.name, 1, None, None, "The file is empty: it has no header row.",
                              "Copy the header row from the template, or remove the file.")]
    t = RawTable(p.stem, p.name, header, columns={h: get_column_letter(i + 1) for i, h in enumerate(header) if h})
    for n, rec in enumerate(reader[1:], start=2):
        values = {}
        for i, col in enumerate(header):
            if not col:
                continue
            raw = rec[i] if i < len(rec) else ""
            values[col] = raw if raw.strip() else None
        if len(rec) > len(header) and any(x.strip() for x in rec[len(header):]):
            problems.append(Problem(p.name, n, None, rec[len(header):], "The row has more cells than the header.",
                                    "Remove the extra cells or add the missing header."))
        if all(v is None for v in values.values()):
            continue
        t.rows.append(RawRow(n, values, _marker(values.get(MARKER))))
    return t, problems

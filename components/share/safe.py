"""Spreadsheet-safe CSV and XLSX writers (no live formulas, numbers untouched).

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
return or a line feed is read as a formula by Excel, LibreOffice and Google
Sheets ("CSV/formula injection"). Following OWASP's advice:

- in CSV such a *text* cell is prefixed with a single quote ``'``;
- in XLSX it is stored as a text cell (``data_type == "s"``) with the
  ``quotePrefix`` style, so the original text is kept and never evaluated.

Numeric columns are never touched: ``-3`` in a numeric column stays the
number -3 (it is not text, so it cannot be a formula).

The writers are pure functions of a DataFrame plus a metadata mapping; they do
no I/O and return bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

#: Leading characters that make a spreadsheet treat a text cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_dangerous(text: str) -> bool:
    """True when ``text`` would be evaluated as a formula by a spreadsheet."""
    return isinstance(text, str) and text.startswith(FORMULA_TRIGGERS)


def neutralise(value):
    """Return ``value`` with a leading ``'`` if it is dangerous text; anything else unchanged."""
    if isinstance(value, str) and is_dangerous(value):
        return "'" + value
    return value


def _is_missing(v) -> bool:
    if v is None:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _is_numeric_column(s: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)


def _csv_cell(v, numeric: bool):
    if _is_missing(v):
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if numeric or isinstance(v, (int, float)):
        if isinstance(v, float) and v.is_integer() and math.isfinite(v):
            return str(int(v))
        return str(v)
    if isinstance(v, (dt.date, dt.datetime, pd.Timestamp)):
        return v.isoformat()
    return neutralise(str(v))


def csv_bytes(df: pd.DataFrame, *, bom: bool = True) -> bytes:
    """The frame as UTF-8 CSV (with a BOM so Excel reads Indonesian text right).

    Text cells are neutralised, numbers are written as plain numbers (no
    thousands separators, ``.`` decimal), missing values as empty cells.
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([neutralise(str(c)) for c in df.columns])
    numeric = [_is_numeric_column(df[c]) for c in df.columns]
    for row in df.itertuples(index=False, name=None):
        w.writerow([_csv_cell(v, n) for v, n in zip(row, numeric)])
    text = buf.getvalue()
    return (("\ufeff" + text) if bom else text).encode("utf-8")


def _xlsx_value(v):
    if _is_missing(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):  # numpy scalars
        return v.item()
    return v


def _put(ws, row: int, col: int, value):
    """Write one cell; dangerous text becomes a quote-prefixed text cell."""
    value = _xlsx_value(value)
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        # XML 1.0 cannot hold most control characters: drop them (before the check below).
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.value = value
        # openpyxl turns any str starting with "=" into a formula cell; force text.
        cell.data_type = "s"
        if is_dangerous(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def xlsx_bytes(
    df: pd.DataFrame,
    *,
    sheet_title: str = "data",
    readme: Sequence[tuple[str, str]] = (),
    readme_title: str = "README",
) -> bytes:
    """The frame as an XLSX workbook: a data sheet and a README sheet.

    ``readme`` is a list of (label, text) rows (title, source citation,
    version, licence, illustrative flag, ...). Written with openpyxl so that
    text is never stored as a formula.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_name(sheet_title)
    bold = Font(bold=True)
    for j, c in enumerate(df.columns, start=1):
        _put(ws, 1, j, str(c)).font = bold
    for i, row in enumerate(df.itertuples(index=False, name=None), start=2):
        for j, v in enumerate(row, start=1):
            _put(ws, i, j, v)
    ws.freeze_panes = "A2"
    for j, c in enumerate(df.columns, start=1):
        width = max([len(str(c))] + [len(str(v)) for v in df[c].head(200).tolist() if not _is_missing(v)])
        ws.column_dimensions[ws.cell(row=1, column=j).column_letter].width = min(60, max(8, width + 2))

    rs = wb.create_sheet(_sheet_name(readme_title))
    rs.column_dimensions["A"].width = 28
    rs.column_dimensions["B"].width = 100
    for i, (label, text) in enumerate(readme, start=1):
        _put(rs, i, 1, label).font = bold
        _put(rs, i, 2, text).alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet_name(name: str) -> str:
    # Excel forbids []:*?/\ and names longer than 31 characters.
    clean = "".join("_" if ch in '[]:*?/\\' else ch for ch in name).strip() or "data"
    return clean[:31]

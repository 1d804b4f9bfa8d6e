"""Validate a staff workbook (or a folder of CSVs) and publish it as a new version.

``peta-inklusi ingest FILE.xlsx|DIR`` reads the input (see
:mod:`data.workbook` for the format), checks it and, only if there is no
problem at all, publishes the live snapshot updated with the input as a new
version and prints it.

How the input updates the snapshot: every row is matched on its table's key
(e.g. ``observation_id``). A new key adds a row, an existing key replaces
that row (a restatement, which ``peta-inklusi diff`` reports), and a row
marked ``HAPUS/DELETE`` removes it. Rows marked ``CONTOH/EXAMPLE`` are
ignored. Tables without rows in the input stay as they are.

Checks, all reported at once with sheet, spreadsheet row, column, value and
what to do:
- table and cell checks with Frictionless (types, required cells, enums,
  patterns, minimum 0, duplicate keys), from a schema derived from
  ``data.schema``;
- the file itself: wrong file type, unknown or empty sheets, missing or
  renamed columns, formulas, merged cells;
- numbers that are NaN or infinite; impossible dates and periods that end
  before they start;
- cross-table rules: ids that must exist in another table, official place
  codes (with the nearest official suggestion), place level and code that
  agree, members by sex that exceed the total, illustrative flags.
Text that looks like a formula or HTML is stored as text, never evaluated.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd

from data import places, snapshot
from data.schema import TABLE_ORDER, TABLES, Column, level_of_code
from data.workbook import MARKER, Problem, RawTable, read_csv, read_csv_dir, read_xlsx

MIN_DATE = dt.date(1945, 8, 17)
MAX_DATE = dt.date(2100, 12, 31)
NUMERIC = ("int", "float")
# "1.000" typed as text: Indonesian thousands, or 1.0? Never a leading "0." (0.125 is a decimal).
_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")
INT64_MAX = 2**63 - 1
PROGRESS_ROWS = 5000  # progress lines every this many rows on big sheets
_FT = {"string": "string", "int": "integer", "float": "number", "bool": "boolean", "date": "date"}
_TYPE_HELP = {
    "int": ("a whole number", "Type a whole number without thousands separators, e.g. 2017."),
    "float": ("a number", "Type a plain number without thousands separators or units, e.g. 52000 (not 52.000)."),
    "bool": ("TRUE or FALSE", "Type TRUE or FALSE."),
    "date": ("a valid date", "Type a real calendar date as YYYY-MM-DD, e.g. 2017-06-30, or use a date cell."),
    "string": ("text", "Type text."),
}


# --- frictionless ---------------------------------------------------------------

def frictionless_schema(table: str, columns: list[str]):
    """A Frictionless schema for ``columns`` of ``table``, derived from data.schema."""
    from frictionless import Schema  # noqa: PLC0415 - heavy import, only when validating

    t = TABLES[table]
    fields = []
    for name in columns:
        c = t.column(name)
        constraints: dict = {}
        if c.required and c.name != "illustrative":  # blank = FALSE (real data)
            constraints["required"] = True
        if c.enum:
            constraints["enum"] = list(c.enum)
        if c.pattern:
            constraints["pattern"] = c.pattern.removeprefix("^").removesuffix("$")
        if c.dtype in NUMERIC and c.name in ("value", "sort_order", "start_year", "end_year"):
            constraints["minimum"] = 0
        f = {"name": c.name, "type": _FT[c.dtype]}
        if c.dtype == "bool":
            f["trueValues"] = ["TRUE", "True", "true", "1"]
            f["falseValues"] = ["FALSE", "False", "false", "0"]
        if constraints:
            f["constraints"] = constraints
        fields.append(f)
    desc = {"fields": fields, "missingValues": [""]}
    if all(k in columns for k in t.key):
        desc["primaryKey"] = list(t.key)
    return Schema.from_descriptor(desc)


def _frictionless_problems(raw: RawTable, rows, columns: list[str]) -> list[Problem]:
    from frictionless import Resource  # noqa: PLC0415

    t = TABLES[raw.name]
    data = [columns] + [[("" if r.values.get(c) is None else r.values[c]) for c in columns] for r in rows]
    report = Resource(data=data, schema=frictionless_schema(raw.name, columns)).validate(limit_errors=100000)
    out = []
    for e in report.tasks[0].errors:
        rn = getattr(e, "row_number", None)
        row = rows[rn - 2].row if rn and rn >= 2 else None
        col = getattr(e, "field_name", None)
        cell = getattr(e, "cell", None)
        letter = raw.letter(col) if col else None
        ref = f"{letter}{row}" if letter and row else None
        if e.type == "type-error":
            c = t.column(col)
            what, action = _TYPE_HELP[c.dtype]
            out.append(Problem(raw.sheet, row, col, cell, f"This is not {what}.", action, ref))
        elif e.type == "constraint-error":
            c = t.column(col)
            kind = re.search(r'constraint "(\w+)"', e.note or "")
            kind = kind.group(1) if kind else ""
            if kind == "required":
                out.append(Problem(raw.sheet, row, col, None, "This required cell is blank.",
                                   f"Fill in {col}" + (f" ({c.help_en})." if c.help_en else
                                                       f" (see the header comment; {_TYPE_HELP[c.dtype][0]}).")
                                   + (" Pick it from the dropdown." if c.enum or c.ref else ""), ref))
            elif kind == "enum":
                out.append(Problem(raw.sheet, row, col, cell, "Not an allowed value.",
                                   f"Choose one of: {', '.join(c.enum or ())} (use the dropdown).", ref))
            elif kind == "pattern":
                out.append(Problem(raw.sheet, row, col, cell,
                                   "Not a valid id (lower-case letters, digits, '-' and '_' only).",
                                   "Write the id in lower case without spaces, e.g. 'kapal-perempuan'.", ref))
            elif kind == "minimum":
                out.append(Problem(raw.sheet, row, col, cell, "Negative numbers are not allowed here.",
                                   "Type zero or a positive number; counts cannot be negative.", ref))
            else:
                out.append(Problem(raw.sheet, row, col, cell, f"Invalid value ({e.note}).", "Correct the value.", ref))
        elif e.type == "primary-key":
            keyvals = [rows[rn - 2].values.get(k) for k in t.key] if rn and rn >= 2 else []
            if not keyvals or any(k is None for k in keyvals):
                continue  # blank key cells are reported as required cells
            m = re.search(r"position (\d+)", e.note or "")
            first = rows[int(m.group(1)) - 2].row if m else None
            key = ", ".join(t.key)
            out.append(Problem(raw.sheet, row, key, " / ".join(keyvals),
                               f"Duplicate key: the same {key} as row {first}.",
                               "Give every row its own id, or delete the duplicate row.",
                               f"{raw.letter(t.key[0])}{row}" if raw.letter(t.key[0]) else None))
        else:
            out.append(Problem(raw.sheet, row, col, cell, e.message, "Correct the cell as described.", ref))
    return out


# --- reading and per-table checks -----------------------------------------------------

def read_input(path: Path, progress=None) -> tuple[list[RawTable], list[Problem]]:
    if not path.exists():
        return [], [Problem(path.name, None, None, None, f"{path} does not exist.", "Check the path.")]
    if path.is_dir():
        return read_csv_dir(path, progress=progress)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(path, progress=progress, progress_rows=PROGRESS_ROWS)
    if suffix == ".csv":
        t, probs = read_csv(path)
        return ([t] if t else []), probs
    return [], [Problem(path.name, None, None, None,
                        f"Wrong file type '{suffix or 'no extension'}': only .xlsx workbooks or folders of CSV "
                        "files are read (.xls, .ods, .numbers and others are not).",
                        "Save the file as 'Excel Workbook (.xlsx)' (or CSV UTF-8 files in a folder) and retry.")]


def _check_header(raw: RawTable) -> tuple[list[str], list[Problem]]:
    t = TABLES[raw.name]
    expected = list(t.column_names)
    present = [h for h in raw.header if h]
    problems = []
    seen = set()
    for h in present:
        if h in seen:
            problems.append(Problem(raw.sheet, 1, h, h, "This column header appears twice.",
                                    "Delete or rename one of the two columns.", f"{raw.letter(h)}1"))
        seen.add(h)
    unknown = [h for h in present if h not in expected and h != MARKER]
    missing = [c for c in expected if c not in present and c != "illustrative"]
    for c in missing:
        near = difflib.get_close_matches(c, unknown, n=1, cutoff=0.5)
        if near:
            problems.append(Problem(raw.sheet, 1, near[0], near[0],
                                    f"Column '{c}' is missing; this column looks like it was renamed from it.",
                                    f"Rename the header back to '{c}' exactly as in the template.",
                                    f"{raw.letter(near[0])}1"))
            unknown.remove(near[0])
        else:
            problems.append(Problem(raw.sheet, 1, c, None, f"Column '{c}' is missing.",
                                    f"Add a column headed '{c}' (copy the header row from the template)."))
    for h in unknown:
        problems.append(Problem(raw.sheet, 1, h, h, "Unknown column.",
                                f"Use the template's headers only ({', '.join(expected)}); rename or delete this "
                                "column.", f"{raw.letter(h)}1"))
    return [c for c in expected if c in present], problems


def _is_free_text(table: str, name: str) -> bool:
    if name == MARKER or name not in TABLES[table].column_names:
        return False
    c = TABLES[table].column(name)
    return (c.dtype == "string" and not (c.enum or c.ref or c.pattern) and name not in TABLES[table].key
            and name not in ("place_code", "partner_ids"))


def _trim_coded(raw: RawTable, rows) -> None:
    """Trim surrounding spaces from ids, codes, numbers and dates; free text stays verbatim."""
    for r in rows:
        for col, v in r.values.items():
            if v is not None and not _is_free_text(raw.name, col):
                r.values[col] = v.strip() or None


def _special_numbers(raw: RawTable, rows, columns) -> list[Problem]:
    """Numbers that cannot be stored or read unambiguously, in numeric columns.

    - not finite: NaN, infinity, or a value too large for a 64-bit float
      (``1e400`` parses as infinity), and whole numbers beyond 64 bits;
    - text such as ``1.000`` or ``12.345``: with a dot as thousands
      separator (Indonesian) it is 1000, with a decimal point 1.0. Only
      cells typed as text are ambiguous; a numeric spreadsheet cell holding
      12.345 is a number (``RawRow.numeric``), and a leading ``0.`` is
      always a decimal.
    """
    t = TABLES[raw.name]
    out = []
    for r in rows:
        for c in columns:
            col = t.column(c)
            v = r.values.get(c)
            if col.dtype not in NUMERIC or v is None:
                continue
            s = v.strip()
            try:
                f = float(s)
            except ValueError:
                continue  # not a number at all: the type check reports it
            ref = f"{raw.letter(c)}{r.row}"
            if not math.isfinite(f):
                what = ("Not a finite number (NaN or infinity)." if s.lower().lstrip("+-") in ("nan", "inf", "infinity")
                        else "The number is too large to store (it overflows to infinity; the largest number is "
                             "about 1.8e308).")
                out.append(Problem(raw.sheet, r.row, c, v, what,
                                   "Type the actual number; leave optional cells blank if unknown.", ref))
            elif col.dtype == "int" and f.is_integer() and abs(f) > INT64_MAX:
                out.append(Problem(raw.sheet, r.row, c, v, "The whole number is too large to store (the largest is "
                                   f"{INT64_MAX:,}).", "Type the actual number (e.g. a year such as 2017).", ref))
            elif c not in r.numeric and _THOUSANDS.match(s):
                digits = s.replace(".", "")
                out.append(Problem(raw.sheet, r.row, c, v,
                                   "Ambiguous number: with a dot as thousands separator this is "
                                   f"{digits}, with a decimal point it is {f:g}.",
                                   f"Type the number without separators, e.g. {digits}; if you mean the decimal "
                                   f"{f:g}, add a trailing zero ({s}0) or enter it as a number cell.", ref))
    return out


def _parse(col: Column, v: str | None):
    if v is None:
        if col.name == "place_code":
            return ""
        if col.name == "illustrative":
            return False
        return None
    try:
        if col.dtype == "string":
            return v
        if col.dtype == "int":
            f = float(v)
            return int(f) if f.is_integer() else None
        if col.dtype == "float":
            f = float(v)
            return f if math.isfinite(f) else None
        if col.dtype == "bool":
            return v.strip().lower() in ("true", "1")
        if col.dtype == "date":
            return dt.date.fromisoformat(v[:10])
    except (ValueError, TypeError):
        return None
    return None


def _records(raw: RawTable, rows, columns) -> list[dict]:
    t = TABLES[raw.name]
    return [{c.name: _parse(c, r.values.get(c.name) if c.name in columns else None) for c in t.columns}
            for r in rows]


# --- cross-table rules ------------------------------------------------------------

def _key(table: str, rec: dict) -> tuple:
    return tuple(rec.get(k) for k in TABLES[table].key)


def _merge(base: dict[str, list[dict]], new: dict[str, list[dict]], deletes: dict[str, list[tuple]]):
    out = {}
    for name in TABLE_ORDER:
        rows = {_key(name, r): r for r in base.get(name, [])}
        for k in deletes.get(name, []):
            rows.pop(k, None)
        for r in new.get(name, []):
            rows[_key(name, r)] = r  # replaces in place (dict keeps first position) or appends
        out[name] = list(rows.values())
    return out


def _cross_checks(merged, new_rows, deletes_at, shared_dir=None, progress=None) -> list[Problem]:
    """Rules that need more than one cell or table. ``new_rows``: name -> [(raw, rowno, record)]."""
    say = progress or (lambda m: None)
    problems = []
    ids = {name: {_key(name, r) for r in merged[name]} for name in TABLE_ORDER}
    owners = {t: {r[f"{t[:-1]}_id"]: r.get("programme_id") for r in merged[t]} for t in ("partners", "themes")}
    for name, items in new_rows.items():
        t = TABLES[name]
        if items:
            say(f"cross-table rules: {name} ({len(items)} rows)")
        for i, (raw, rowno, rec) in enumerate(items, start=1):
            if i % PROGRESS_ROWS == 0:
                say(f"  {name}: {i} of {len(items)} rows checked")
            def P(col, value, msg, action):  # noqa: N802
                letter = raw.letter(col) if col else None
                problems.append(Problem(raw.sheet, rowno, col, value, msg, action,
                                        f"{letter}{rowno}" if letter else None))
            for c in t.columns:
                v = rec.get(c.name)
                if c.ref and v not in (None, ""):
                    rt, rc = c.ref.split(".")
                    if (v,) not in ids[rt]:
                        known = sorted(k[0] for k in ids[rt])
                        near = difflib.get_close_matches(str(v), known, n=1)
                        hint = f" Did you mean '{near[0]}'?" if near else ""
                        P(c.name, v, f"Unknown {rc}: it is not in the '{rt}' table.{hint}",
                          f"Choose an existing {rc} from the dropdown, or add it to the '{rt}' sheet first.")
                if c.dtype == "date" and isinstance(v, dt.date) and not (MIN_DATE <= v <= MAX_DATE):
                    P(c.name, v.isoformat(), f"Impossible date (outside {MIN_DATE.year}–{MAX_DATE.year}).",
                      "Check the year; type the date as YYYY-MM-DD.")
            prog = rec.get("programme_id")
            for col, table in (("partner_id", "partners"), ("theme_id", "themes")):
                owner = owners[table].get(rec.get(col)) if rec.get(col) else None
                if prog and owner and owner != prog and name not in ("partner_themes",):
                    P(col, rec.get(col), f"This {col[:-3]} belongs to programme '{owner}', but the row says "
                      f"programme '{prog}'.", f"Use a {col[:-3]} of '{prog}' or correct programme_id.")
            if name == "initiatives" and rec.get("partner_id") and rec.get("theme_id"):
                po, to = owners["partners"].get(rec["partner_id"]), owners["themes"].get(rec["theme_id"])
                if po and to and po != to:
                    P("theme_id", rec["theme_id"], f"The partner works in programme '{po}', this area is "
                      f"'{to}'s.", "Choose an area of the partner's programme.")
            if name == "observations" and rec.get("indicator_id") == "sp_enrolment" and not rec.get("scheme_id"):
                P("scheme_id", None, "Social-protection enrolment needs the scheme.",
                  "Pick the scheme (e.g. jkn-kis, kip, birth-certificate) from the dropdown.")
            if "partner_ids" in rec and rec.get("partner_ids"):
                for pid in str(rec["partner_ids"]).split():
                    if (pid,) not in ids["partners"]:
                        P("partner_ids", pid, "Unknown partner id.",
                          "Use partner ids from the 'partners' sheet, separated by spaces.")
            if "period_start" in rec and rec.get("period_start") and rec.get("period_end"):
                if rec["period_end"] < rec["period_start"]:
                    P("period_end", rec["period_end"].isoformat(),
                      f"The period ends before it starts ({rec['period_start'].isoformat()}).",
                      "Swap the dates or correct period_start/period_end.")
            if name == "programmes" and rec.get("end_year") is not None and rec.get("start_year") is not None:
                if rec["end_year"] < rec["start_year"]:
                    P("end_year", rec["end_year"], "The programme ends before it starts.", "Correct the years.")
            if "place_level" in rec and rec.get("place_level"):
                problems.extend(_place_problems(raw, rowno, rec, shared_dir))
    problems.extend(_members_problems(merged, new_rows))
    problems.extend(_illustrative_problems(merged, new_rows))
    # deleting a row that other rows still refer to
    for name, items in deletes_at.items():
        for raw, rowno, key in items:
            for other in TABLE_ORDER:
                for c in TABLES[other].columns:
                    if c.ref and c.ref.split(".")[0] == name and len(key) == 1:
                        if any(r.get(c.name) == key[0] for r in merged[other]):
                            problems.append(Problem(raw.sheet, rowno, TABLES[name].key[0], key[0],
                                                    f"Cannot delete: rows in '{other}' still use it ({c.name}).",
                                                    f"Delete or change those '{other}' rows too, or keep this row."))
                            break
    return problems


def _place_problems(raw, rowno, rec, shared_dir) -> list[Problem]:
    out = []
    level, code, pname = rec.get("place_level"), rec.get("place_code") or "", rec.get("place_name")
    letter = raw.letter("place_code")
    ref = f"{letter}{rowno}" if letter else None
    if level in ("national", "unresolved"):
        if code:
            out.append(Problem(raw.sheet, rowno, "place_code", code,
                               f"A '{level}' row must not have a place code.",
                               "Clear place_code, or set place_level to the level of the code.", ref))
        if level == "unresolved" and not pname:
            out.append(Problem(raw.sheet, rowno, "place_name", None,
                               "An unresolved place needs the name as the source states it.",
                               "Type the place name in place_name.",
                               f"{raw.letter('place_name')}{rowno}" if raw.letter("place_name") else None))
        return out
    if not code:
        out.append(Problem(raw.sheet, rowno, "place_code", None, f"A '{level}' row needs an official place code.",
                           "Pick the code from the dropdown (sheet 'kode_wilayah'), or set place_level to "
                           "'unresolved' and type the name in place_name.", ref))
        return out
    shape = level_of_code(code)
    if shape is None:
        sugg = _nearest(code, pname, level, shared_dir)
        hint = f" Nearest official {level}: " + "; ".join(f"{c} {n}" for c, n in sugg[:3]) + "." if sugg else ""
        out.append(Problem(raw.sheet, rowno, "place_code", code,
                           "Not a Kemendagri code (codes look like NN, NN.NN, NN.NN.NN or NN.NN.NN.NNNN, with "
                           f"leading zeros).{hint}",
                           "Type the code as text exactly as in sheet 'kode_wilayah' (e.g. 73.10, not 73.1).", ref))
        return out
    if shape != level:
        out.append(Problem(raw.sheet, rowno, "place_code", code,
                           f"This is a {shape} code, but place_level says '{level}'.",
                           "Make place_level and place_code agree (NN province, NN.NN regency, NN.NN.NN district, "
                           "NN.NN.NN.NNNN village).", ref))
        return out
    try:
        ok = places.exists(code, shared_dir)
    except FileNotFoundError as e:
        out.append(Problem(raw.sheet, rowno, "place_code", code, f"Cannot check codes: {e}",
                           "Set PETA_SHARED_DIR.", ref))
        return out
    if not ok:
        sugg = _nearest(code, pname, level, shared_dir)
        hint = "; ".join(f"{c} {n}" for c, n in sugg[:3])
        out.append(Problem(raw.sheet, rowno, "place_code", code,
                           f"Not an official Kemendagri {level} code. Nearest official: {hint}.",
                           "Use the official code (see sheet 'kode_wilayah'), or set place_level to 'unresolved' "
                           "if the place cannot be identified.", ref))
    return out


def _nearest(code: str, name: str | None, level: str, shared_dir) -> list[tuple[str, str]]:
    """Official places nearest to a wrong code: by the code's digits, then by the stated name."""
    out: list[tuple[str, str]] = []
    if name:
        out += places.suggest(name, level, n=2, shared_dir=shared_dir)
    if re.fullmatch(r"[\d.]+", code or ""):
        out += places.suggest(code, level, shared_dir=shared_dir)
    seen, unique = set(), []
    for c, n in out:
        if c not in seen:
            seen.add(c)
            unique.append((c, n))
    return unique[:3]


def _members_problems(merged, new_rows) -> list[Problem]:
    """Members by sex must not exceed the total for the same cell of the table."""
    dims = ("indicator_id", "programme_id", "theme_id", "partner_id", "scheme_id", "beneficiary_group",
            "place_level", "place_code", "period_start", "period_end")
    groups: dict[tuple, dict[str, float]] = defaultdict(dict)
    for r in merged["observations"]:
        if r.get("value") is None:
            continue
        groups[tuple(r.get(d) for d in dims)][r.get("sex")] = r["value"]
    out = []
    for raw, rowno, rec in new_rows.get("observations", []):
        g = groups.get(tuple(rec.get(d) for d in dims), {})
        total = g.get("total")
        if total is None or total < 0 or not ({"female", "male"} & g.keys()):
            continue
        parts = g.get("female", 0) + g.get("male", 0)
        if parts > total:
            out.append(Problem(raw.sheet, rowno, "value", rec.get("value"),
                               f"Women ({g.get('female', 0):g}) plus men ({g.get('male', 0):g}) exceed the total "
                               f"({total:g}) for the same indicator, place and period.",
                               "Check the three rows (female, male, total) and correct the numbers.",
                               f"{raw.letter('value')}{rowno}" if raw.letter("value") else None))
    return out


def _illustrative_problems(merged, new_rows) -> list[Problem]:
    flags = {bool(r.get("illustrative")) for n in TABLE_ORDER if TABLES[n].flagged for r in merged[n]}
    if len(flags) < 2:
        return []
    out = []
    for name, items in new_rows.items():
        for raw, rowno, rec in items:
            if TABLES[name].flagged:
                out.append(Problem(raw.sheet, rowno, "illustrative", rec.get("illustrative"),
                                   "Illustrative (simulated) and real rows cannot be mixed in one snapshot.",
                                   "Leave 'illustrative' blank (FALSE) for real data; simulated data belongs in "
                                   "`peta-inklusi demo`."))
                break
    return out


# --- the whole pipeline --------------------------------------------------------------

def validate(path: str | Path, root=None, shared_dir=None, progress=None
             ) -> tuple[dict[str, pd.DataFrame] | None, list[Problem], dict]:
    """Check ``path``; return (merged tables or None, problems, summary).

    ``progress`` (a callable taking one line of text) hears about each step:
    each sheet read and checked, every :data:`PROGRESS_ROWS` rows of a big
    sheet, the cross-table rules and the final storage check.
    """
    say = progress or (lambda m: None)
    path = Path(path)
    raws, problems = read_input(path, progress=say)
    new: dict[str, list[dict]] = {}
    new_rows: dict[str, list] = {}
    deletes: dict[str, list[tuple]] = {}
    deletes_at: dict[str, list] = {}
    seen_tables = set()
    for raw in raws:
        if raw.name in seen_tables:
            problems.append(Problem(raw.sheet, None, None, None, "This table is given twice.",
                                    "Keep one sheet or file per table."))
            continue
        seen_tables.add(raw.name)
        columns, probs = _check_header(raw)
        problems.extend(probs)
        data_rows = [r for r in raw.rows if r.marker != "example"]
        for r in data_rows:
            if r.marker not in ("", "delete"):
                problems.append(Problem(raw.sheet, r.row, MARKER, r.values.get(MARKER), "Unknown row marker.",
                                        "Leave it blank, or write CONTOH/EXAMPLE (ignored) or HAPUS/DELETE.",
                                        f"{raw.letter(MARKER)}{r.row}" if raw.letter(MARKER) else None))
        rows = [r for r in data_rows if r.marker == ""]
        _trim_coded(raw, rows)
        dels = [r for r in data_rows if r.marker == "delete"]
        t = TABLES[raw.name]
        _trim_coded(raw, dels)
        for r in dels:
            key = tuple(r.values.get(k) for k in t.key)
            if any(k is None for k in key):
                problems.append(Problem(raw.sheet, r.row, t.key[0], None, "A HAPUS/DELETE row needs its key.",
                                        f"Fill in {', '.join(t.key)} of the row to delete."))
            else:
                deletes.setdefault(raw.name, []).append(key)
                deletes_at.setdefault(raw.name, []).append((raw, r.row, key))
        if not columns or not rows:
            continue
        say(f"checking sheet '{raw.sheet}' ({len(rows)} rows)")
        special = _special_numbers(raw, rows, columns)
        flagged = {(p.row, p.column) for p in special}
        problems.extend(special)
        problems.extend(p for p in _frictionless_problems(raw, rows, columns) if (p.row, p.column) not in flagged)
        recs = _records(raw, rows, columns)
        new[raw.name] = recs
        new_rows[raw.name] = [(raw, r.row, rec) for r, rec in zip(rows, recs)]
    if raws and not new and not deletes and not problems:
        problems.append(Problem(path.name, None, None, None, "There are no data rows to ingest (only headers or "
                                "example rows).", "Add rows below the header (without the CONTOH/EXAMPLE "
                                "marker)."))
    base: dict[str, list[dict]] = {}
    live_version = None
    try:
        live = snapshot.load_snapshot(root=root)
        say(f"comparing with the live version {live.version}")
        base = {n: snapshot.to_arrow(n, live.tables[n]).to_pylist() for n in TABLE_ORDER}
        live_version = live.version
    except snapshot.SnapshotError as e:
        base = {}
        data_dir = snapshot.data_dir(root)
        if (data_dir / snapshot.MANIFEST).exists():
            # Something is published but cannot be read: merging into nothing would drop every table the
            # input does not hold, so refuse.
            problems.append(Problem(str(data_dir), None, None, None, f"The live version cannot be read: {e}",
                                    "Make a good version live first (peta-inklusi versions, then peta-inklusi "
                                    "rollback V) and run ingest again."))
    merged = _merge(base, new, deletes)
    problems.extend(_cross_checks(merged, new_rows, deletes_at, shared_dir, progress=say))
    problems = _unique(problems)
    summary = {"tables": {n: len(v) for n, v in new.items()}, "deleted": {n: len(v) for n, v in deletes.items()},
               "live": live_version}
    if problems:
        return None, problems, summary
    frames = {n: pd.DataFrame(merged[n], columns=list(TABLES[n].column_names)) for n in TABLE_ORDER}
    say("checking that every table can be stored")
    problems = _storage_problems(frames, {raw.name: raw.sheet for raw in raws})
    if problems:
        return None, problems, summary
    return frames, [], summary


def _storage_problems(frames: dict[str, pd.DataFrame], sheets: dict[str, str]) -> list[Problem]:
    """What publishing would refuse, found before anything is written (so ``--dry-run`` is honest).

    The rules above should leave nothing here; this is the last line of defence, run with the
    same conversion and checks as :func:`data.snapshot.publish`.
    """
    out = []
    for name, df in frames.items():
        try:
            snapshot.check_table(name, snapshot.to_arrow(name, df))
        except (snapshot.SnapshotError, ArithmeticError, ValueError, TypeError) as e:
            out.append(Problem(sheets.get(name, name), None, None, None,
                               f"The table '{name}' cannot be stored as it is ({e}).",
                               "Check the rows of this table for values that are out of range or missing, "
                               "correct them and retry."))
    return out


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        k = (p.sheet, p.row, p.column, str(p.value), p.message)
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out


def ingest(path: str | Path, root=None, note: str = "", dry_run: bool = False, shared_dir=None,
           out=None) -> tuple[str | None, list[Problem]]:
    """Validate and (unless ``dry_run``) publish. Returns (version or None, problems).

    Progress goes to ``out`` (default: the current ``sys.stdout``, looked up at call time).
    """
    out = out if out is not None else sys.stdout
    path = Path(path)
    print(f"Reading {path} ...", file=out, flush=True)
    frames, problems, summary = validate(path, root=root, shared_dir=shared_dir,
                                         progress=lambda m: print(f"  {m}", file=out, flush=True))
    if problems:
        return None, problems
    rows = ", ".join(f"{n} {k}" for n, k in summary["tables"].items()) or "none"
    print(f"Valid: rows read per table: {rows}.", file=out)
    if dry_run:
        return None, []
    illustrative = any(bool(v) for n in TABLE_ORDER if TABLES[n].flagged for v in frames[n]["illustrative"])
    dates = [d for n in ("observations",) for d in frames[n]["period_end"] if d is not None]
    v = snapshot.publish(
        frames, root=root, illustrative=illustrative, notes=note or f"ingest {path.name}",
        created_from=[_file_entry(path)], data_date=max(dates).isoformat() if dates else "",
        progress=lambda m: print(f"  {m}", file=out),
    )
    return v, []


def _file_entry(path: Path) -> dict:
    if path.is_dir():
        h = hashlib.sha256()
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
        for p in files:
            h.update(p.name.encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
        return {"file": path.name + "/", "sha256": h.hexdigest(), "files": [p.name for p in files]}
    return {"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def cli_main(args) -> int:
    try:
        v, problems = ingest(args.path, note=getattr(args, "note", ""), dry_run=getattr(args, "dry_run", False))
    except (snapshot.SnapshotError, OSError) as e:
        # Publishing refused or failed (disk full, permissions, a damaged data directory): publish leaves
        # the live version as it was.
        print(f"ingest failed: {e}")
        try:
            live = snapshot.current_version()
        except snapshot.SnapshotError:
            live = "none"
        print(f"Nothing was published; the live version is still {live}.")
        return 1
    if problems:
        print(f"{len(problems)} problem(s) found; nothing was published:")
        for p in problems:
            print(f"- {p}")
        return 1
    if v is None:
        print("Dry run: the input is valid; nothing was published.")
        return 0
    if any(m.get("illustrative") for m in snapshot.list_versions() if m.get("version") == v):
        print("Note: this version holds ILLUSTRATIVE data.")
    print(f"Published version {v}.")
    return 0

"""``peta-inklusi template OUT.xlsx``: the input workbook staff fill in.

The workbook has an instructions sheet in Indonesian and English, one sheet
per snapshot table with a comment on every header cell, dropdowns (data
validation) for place codes, programmes, areas, partners, indicators,
schemes, sources and every fixed vocabulary, and example rows clearly marked
``CONTOH/EXAMPLE`` (grey, italic) that ingest ignores.

:func:`build_workbook` is shared with :mod:`data.export`, which writes a
snapshot in the same format (without examples).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from data import places, snapshot
from data.schema import TABLE_ORDER, TABLES, Column
from data.workbook import (CODES_SHEET, EXAMPLE_LABEL, FORMULA_PREFIXES, INSTRUCTIONS_SHEET, LISTS_SHEET, MARKER,
                           xml_escape_text)

VALIDATION_ROWS = 5000  # dropdowns cover this many rows below the header
PROGRESS_ROWS = 5000  # progress lines every this many rows of a big table
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
EXAMPLE_FILL = PatternFill("solid", fgColor="EEEEEE")
EXAMPLE_FONT = Font(italic=True, color="666666")
BANNER_FONT = Font(bold=True, color="B00020", size=14)

_TYPE_TEXT = {
    "string": ("teks", "text"),
    "int": ("bilangan bulat", "whole number"),
    "float": ("angka (tanpa pemisah ribuan)", "number (no thousands separators)"),
    "bool": ("TRUE/FALSE", "TRUE/FALSE"),
    "date": ("tanggal YYYY-MM-DD", "date YYYY-MM-DD"),
}

INSTRUCTIONS = [
    ("Peta Inklusi — formulir data / data input workbook", None),
    ("BAHASA INDONESIA", "bold"),
    ("1. Setiap lembar (sheet) adalah satu tabel. Baris 1 adalah judul kolom: jangan diubah, dipindah atau "
     "digabung.", None),
    ("2. Arahkan kursor ke judul kolom untuk melihat penjelasannya. Pilih nilai dari daftar (dropdown) bila ada.", None),
    ("3. Baris abu-abu bertanda CONTOH/EXAMPLE di kolom 'tanda_marker' hanya contoh dan diabaikan. Kolom ini "
     "dikosongkan untuk baris biasa; tulis HAPUS/DELETE untuk menghapus baris dengan id yang sama.", None),
    ("4. Baris dengan id yang sudah ada menggantikan baris lama (koreksi); id baru menambah baris. Lembar tanpa "
     "baris data tidak mengubah tabelnya.", None),
    ("5. Ketik nilai, bukan rumus. Jangan menggabungkan sel. Angka tanpa pemisah ribuan (52000, bukan 52.000). "
     "Tanggal dalam format YYYY-MM-DD.", None),
    ("6. Wilayah memakai kode resmi Kemendagri (lembar 'kode_wilayah'): provinsi NN, kabupaten/kota NN.NN, desa "
     "NN.NN.NN.NNNN. Bila tempat tidak dapat dipastikan, isi place_level = unresolved dan tulis nama dalam "
     "place_name.", None),
    ("7. Jalankan: peta-inklusi ingest FILE.xlsx. Semua masalah dilaporkan sekaligus (lembar, baris, kolom, nilai, "
     "yang harus dilakukan); tidak ada yang diterbitkan sampai semuanya benar.", None),
    ("ENGLISH", "bold"),
    ("1. Each sheet is one table. Row 1 holds the column headers: do not change, move or merge them.", None),
    ("2. Hover over a header to read what the column means. Pick values from the dropdown where there is one.", None),
    ("3. Grey rows marked CONTOH/EXAMPLE in the 'tanda_marker' column are examples and are ignored. Leave that "
     "column blank for ordinary rows; write HAPUS/DELETE to remove the row with the same id.", None),
    ("4. A row whose id already exists replaces the old row (a restatement); a new id adds a row. A sheet without "
     "data rows leaves its table unchanged.", None),
    ("5. Type values, not formulas. Do not merge cells. Numbers without thousands separators (52000, not 52.000). "
     "Dates as YYYY-MM-DD.", None),
    ("6. Places use official Kemendagri codes (sheet 'kode_wilayah'): province NN, regency/city NN.NN, village "
     "NN.NN.NN.NNNN. If a place cannot be identified, set place_level = unresolved and type the name in "
     "place_name.", None),
    ("7. Run: peta-inklusi ingest FILE.xlsx. Every problem is reported at once (sheet, row, column, value, what to "
     "do); nothing is published until all are fixed.", None),
    ("", None),
    (places.CREDIT, None),
]


def header_comment(table: str, col: Column) -> str:
    t = TABLES[table]
    tid, ten = _TYPE_TEXT[col.dtype]
    req = "wajib / required" if col.required and col.name != "illustrative" else \
        "boleh kosong / optional"
    lines = [col.name, f"{tid} / {ten}; {req}"]
    if col.help_id:
        lines.append(col.help_id)
    if col.help_en:
        lines.append(col.help_en)
    if col.enum:
        lines.append("Nilai / values: " + ", ".join(col.enum))
    if col.ref:
        lines.append(f"Harus ada di / must exist in: {col.ref}")
    if col.name in t.key:
        lines.append("Kunci baris (unik) / row key (unique)")
    if col.name == "place_code":
        lines.append("Kode resmi Kemendagri; lihat lembar kode_wilayah / official code; see sheet kode_wilayah")
    if col.name == "illustrative":
        lines.append("Kosong = FALSE (data nyata) / blank = FALSE (real data)")
    return "\n".join(lines)


def set_text(cell, value: str) -> None:
    """Store ``value`` as text: never as a formula, whatever it starts with."""
    cell.value = xml_escape_text(value)
    cell.data_type = "s"
    if value.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True


def write_value(cell, value) -> None:
    if value is None or (not isinstance(value, str) and _isna(value)):
        return
    if isinstance(value, str):
        set_text(cell, value)
    elif isinstance(value, dt.datetime):
        cell.value = value
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, bool):
        cell.value = value
    elif hasattr(value, "item"):
        write_value(cell, value.item())
    else:
        cell.value = value


def _isna(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _lists(snap) -> dict[str, list[str]]:
    """Values for the dropdowns, from the snapshot the workbook is for."""
    out = {}
    if snap is not None:
        for name in ("programmes", "themes", "partners", "indicators", "schemes", "sources"):
            t = TABLES[name]
            out[f"{name}.{t.key[0]}"] = [str(v) for v in snap.tables[name][t.key[0]].dropna()]
    else:
        from data import seed_records as R  # noqa: PLC0415

        out["programmes.programme_id"] = [p["programme_id"] for p in R.PROGRAMMES]
        out["themes.theme_id"] = [t["theme_id"] for t in R.THEMES]
        out["partners.partner_id"] = [p["partner_id"] for p in R.PARTNERS]
        out["indicators.indicator_id"] = [i[0] for i in R.INDICATORS]
        out["schemes.scheme_id"] = [s[0] for s in R.SCHEMES]
        out["sources.source_id"] = [s["source_id"] for s in R.SOURCES]
    for t in TABLES.values():
        for c in t.columns:
            if c.enum:
                out[f"enum.{c.name}"] = list(c.enum)
    out["bool"] = ["TRUE", "FALSE"]
    out["marker"] = [EXAMPLE_LABEL, "HAPUS/DELETE"]
    return out


def _examples(snap) -> dict[str, list[dict]]:
    """One example row per table: the first row of the snapshot (or of the seed records)."""
    out = {}
    if snap is not None:
        for name in TABLE_ORDER:
            df = snap.tables[name]
            if len(df):
                out[name] = [snapshot.to_arrow(name, df.head(1)).to_pylist()[0]]
    if len(out) < len(TABLE_ORDER):
        from data import seed_records as R  # noqa: PLC0415

        first = {
            "sources": R.SOURCES[0], "programmes": R.PROGRAMMES[0], "themes": R.THEMES[0], "partners": R.PARTNERS[0],
            "initiatives": R.INITIATIVES[0],
            "partner_themes": {"partner_id": R.PARTNERS[0]["partner_id"], "theme_id": R.PARTNERS[0]["themes"][0]},
            "indicators": dict(zip(("indicator_id", "category", "aggregation", "name_id", "name_en", "definition_id",
                                    "definition_en", "unit_id", "unit_en"), R.INDICATORS[0]), sort_order=1),
            "schemes": dict(zip(("scheme_id", "name_id", "name_en", "kind"), R.SCHEMES[0]), sort_order=1),
            "observations": dict(R.OBSERVATIONS[0], observation_id=R.OBSERVATIONS[0]["id"], illustrative=False),
            "policies": dict(R.POLICIES[0], illustrative=False),
            "presence": dict(R.PRESENCE[0], illustrative=False),
        }
        for name in TABLE_ORDER:
            out.setdefault(name, [{c: first[name].get(c) for c in TABLES[name].column_names}])
    return out


def build_workbook(
    tables: Mapping[str, pd.DataFrame] | None,
    *,
    snap=None,
    examples: bool = True,
    illustrative: bool = False,
    title: str = "",
    shared_dir=None,
    progress: Callable[[str], None] | None = None,
) -> Workbook:
    """A workbook in the template format.

    ``tables``: rows to write (export) or None (an empty template).
    ``snap``: the snapshot whose ids fill the dropdowns (None: the seed records).
    """
    say = progress or (lambda m: None)
    wb = Workbook()
    ins = wb.active
    ins.title = INSTRUCTIONS_SHEET
    r = 1
    if illustrative:
        ins.cell(r, 1, "DATA ILUSTRATIF — bukan data program yang sebenarnya / ILLUSTRATIVE DATA — not real "
                       "programme results").font = BANNER_FONT
        r += 1
    if title:
        ins.cell(r, 1, title).font = Font(bold=True)
        r += 1
    for text, style in INSTRUCTIONS:
        c = ins.cell(r, 1, text)
        if style == "bold" or r == 1:
            c.font = Font(bold=True)
        r += 1
    ins.column_dimensions["A"].width = 140
    for row in ins.iter_rows():
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    wb.properties.title = ("ILLUSTRATIVE DATA — " if illustrative else "") + "Peta Inklusi"

    # codes sheet (visible, for looking up codes) and a hidden lists sheet
    say("writing place codes")
    codes = wb.create_sheet(CODES_SHEET)
    codes.append(["code", "name", "level", "parent_code"])
    n_codes = 0
    for level in ("province", "regency"):
        df = places.places(level, shared_dir)
        for code, name, parent in zip(df["code"], df["name"], df["parent_code"]):
            codes.append([code, name, level, parent])
            n_codes += 1
    codes.append([])
    codes.append([places.CREDIT])
    for col, width in zip("ABCD", (14, 40, 10, 12)):
        codes.column_dimensions[col].width = width
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    ranges = {}
    for i, (key, values) in enumerate(_lists(snap).items(), start=1):
        letter = get_column_letter(i)
        lists.cell(1, i, key)
        for j, v in enumerate(values, start=2):
            set_text(lists.cell(j, i), v)
        ranges[key] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${max(2, len(values) + 1)}"
    code_range = f"'{CODES_SHEET}'!$A$2:$A${n_codes + 1}"

    say(f"place codes: {n_codes} provinces and regencies")
    ex = _examples(snap) if examples else {}
    for name in TABLE_ORDER:
        t = TABLES[name]
        if tables is None or name not in tables:
            say(f"writing sheet {name}")
        ws = wb.create_sheet(name)
        headers = [MARKER, *t.column_names]
        for i, h in enumerate(headers, start=1):
            c = ws.cell(1, i, h)
            c.font = Font(bold=True)
            c.fill = HEADER_FILL
            text = ("Kosong untuk baris biasa; CONTOH/EXAMPLE = contoh (diabaikan); HAPUS/DELETE = hapus baris.\n"
                    "Blank for ordinary rows; CONTOH/EXAMPLE = example (ignored); HAPUS/DELETE = delete the row.") \
                if h == MARKER else header_comment(name, t.column(h))
            c.comment = Comment(text, "Peta Inklusi", width=320, height=160)
            ws.column_dimensions[get_column_letter(i)].width = max(12, min(40, len(h) + 4))
        ws.freeze_panes = "B2"
        row = 2
        for rec in ex.get(name, []):
            set_text(ws.cell(row, 1), EXAMPLE_LABEL)
            for i, col in enumerate(t.column_names, start=2):
                write_value(ws.cell(row, i), rec.get(col))
            for i in range(1, len(headers) + 1):
                ws.cell(row, i).fill = EXAMPLE_FILL
                ws.cell(row, i).font = EXAMPLE_FONT
            row += 1
        if tables is not None and name in tables:
            df = tables[name]
            say(f"writing {name} ({len(df)} rows)")
            records = snapshot.to_arrow(name, df).to_pylist()
            for n, rec in enumerate(records, start=1):
                for i, col in enumerate(t.column_names, start=2):
                    write_value(ws.cell(row, i), rec.get(col))
                row += 1
                if n % PROGRESS_ROWS == 0:
                    say(f"  {name}: {n} of {len(records)} rows written")
        last = max(VALIDATION_ROWS, row + 100)
        _validations(ws, name, headers, ranges, code_range, last)
    return wb


def _validations(ws, name, headers, ranges, code_range, last) -> None:
    t = TABLES[name]
    for i, h in enumerate(headers, start=1):
        letter = get_column_letter(i)
        area = f"{letter}2:{letter}{last}"
        dv = None
        if h == MARKER:
            dv = DataValidation(type="list", formula1=ranges["marker"], allow_blank=True)
        else:
            c = t.column(h)
            if c.enum:
                dv = DataValidation(type="list", formula1=ranges[f"enum.{c.name}"], allow_blank=True)
            elif c.ref and c.ref in ranges and c.ref.split(".")[0] != name:
                dv = DataValidation(type="list", formula1=ranges[c.ref], allow_blank=True)
            elif c.name == "place_code":
                # Province and regency codes as a dropdown; village codes may be typed.
                dv = DataValidation(type="list", formula1=code_range, allow_blank=True,
                                    showErrorMessage=False)
                dv.promptTitle = "Kode wilayah / place code"
                dv.prompt = "Provinsi/kabupaten dari daftar; kode desa boleh diketik. Province/regency from the list; " \
                            "village codes may be typed."
                dv.showInputMessage = True
            elif c.dtype == "bool":
                dv = DataValidation(type="list", formula1=ranges["bool"], allow_blank=True)
            elif c.dtype == "date":
                dv = DataValidation(type="date", operator="between", formula1="DATE(1945,8,17)",
                                    formula2="DATE(2100,12,31)", allow_blank=True)
                dv.error = "Tanggal YYYY-MM-DD / a date YYYY-MM-DD"
            elif c.name == "value":
                dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
                dv.error = "Angka >= 0 / a number >= 0"
        if dv is not None:
            if h != "place_code":
                dv.showErrorMessage = True
            ws.add_data_validation(dv)
            dv.add(area)


def write_template(out: str | Path, root=None, shared_dir=None,
                   progress: Callable[[str], None] | None = None) -> Path:
    say = progress or (lambda m: None)
    out = Path(out)
    try:
        snap = snapshot.load_snapshot(root=root)
        say(f"dropdowns from the live version {snap.version}")
    except snapshot.SnapshotError:
        snap = None
        say("no published version: dropdowns from the seed transcription")
    wb = build_workbook(None, snap=snap, examples=True, illustrative=bool(snap and snap.illustrative),
                        shared_dir=shared_dir, progress=say)
    say(f"saving {out}")
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def cli_main(args) -> int:
    if not str(args.out).lower().endswith(".xlsx"):
        print(f"{args.out}: the template is an Excel workbook; give a file name ending in .xlsx.")
        return 2
    try:
        p = write_template(args.out, progress=lambda m: print(f"  {m}", flush=True))
    except (FileNotFoundError, OSError) as e:
        print(f"template failed: {e}", file=sys.stderr)
        return 1
    print(f"Wrote {p}.")
    return 0

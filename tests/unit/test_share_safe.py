"""Formula-injection neutralisation in CSV and XLSX (OWASP), numbers untouched."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.share import safe

EVIL = ["=1+1", "+62 812", "-2+3", "@SUM(A1:A2)", "\tcmd", "\rx", "\ny", '=HYPERLINK("http://x","y")',
        "=cmd|' /C calc'!A0"]


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "text": EVIL + ["plain", "a=b"],
        "number": [-1.5, -2, 3, 0, 5, 6, -7, 8, 9, -10, 11],
        "count": pd.array([1, -2, 3, 4, 5, 6, 7, 8, 9, 10, None], dtype="Int64"),
    })


@pytest.mark.parametrize("value", EVIL)
def test_dangerous_text_is_prefixed(value):
    assert safe.is_dangerous(value)
    assert safe.neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["plain", "a=b", "", " =x", "10", "Desa Sukamaju"])
def test_harmless_text_unchanged(value):
    assert safe.neutralise(value) == value


@pytest.mark.parametrize("value", [-5, -5.5, 0, 3])
def test_numbers_are_not_text_and_unchanged(value):
    assert safe.neutralise(value) == value


def _read_csv(b: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b.decode("utf-8-sig"), newline="")))


def test_csv_prefixes_text_cells_and_keeps_numbers_numeric():
    rows = _read_csv(safe.csv_bytes(frame()))
    assert rows[0] == ["text", "number", "count"]
    body = rows[1:]
    for value, row in zip(EVIL, body):
        assert row[0] == "'" + value
    assert body[-2][0] == "plain" and body[-1][0] == "a=b"
    # numeric columns stay plain numbers, negative ones included
    assert [r[1] for r in body[:3]] == ["-1.5", "-2", "3"]
    assert body[1][2] == "-2" and body[-1][2] == ""
    back = pd.read_csv(io.BytesIO(safe.csv_bytes(frame())), encoding="utf-8-sig")
    assert pd.api.types.is_numeric_dtype(back["number"]) and back["number"].min() == -10
    assert pd.api.types.is_numeric_dtype(back["count"])


def test_csv_header_cells_are_neutralised_too():
    rows = _read_csv(safe.csv_bytes(pd.DataFrame({"=bad": [1]})))
    assert rows[0] == ["'=bad"]


def _cells(xlsx: bytes):
    wb = openpyxl.load_workbook(io.BytesIO(xlsx))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            yield from ((ws.title, c) for c in row)


def test_xlsx_has_no_formula_cells_and_keeps_text_and_numbers():
    b = safe.xlsx_bytes(frame(), readme=[("Title", "=1+2"), ("Source", "@evil")])
    cells = list(_cells(b))
    assert not [c.coordinate for _, c in cells if c.data_type == "f"]
    wb = openpyxl.load_workbook(io.BytesIO(b))
    ws = wb["data"]
    for i, value in enumerate(EVIL, start=2):
        c = ws.cell(row=i, column=1)
        # the original text, stored as text (XML reads a bare CR back as LF)
        assert c.value == value.replace("\r", "\n")
        assert c.data_type == "s"
        assert c.quotePrefix is True
    assert ws.cell(row=2, column=2).value == -1.5 and ws.cell(row=2, column=2).data_type == "n"
    assert ws.cell(row=3, column=3).value == -2 and ws.cell(row=3, column=3).data_type == "n"
    assert ws.cell(row=12, column=3).value is None
    readme = wb["README"]
    assert readme["B1"].value == "=1+2" and readme["B1"].data_type == "s"


@settings(max_examples=60, deadline=None, database=None)
@given(st.lists(st.text(min_size=0, max_size=12), min_size=1, max_size=8))
def test_any_text_never_becomes_a_formula(texts):
    df = pd.DataFrame({"t": texts})
    cells = [c for _, c in _cells(safe.xlsx_bytes(df))]
    assert not [c for c in cells if c.data_type == "f"]
    rows = _read_csv(safe.csv_bytes(df))
    for row in rows[1:]:
        if row and row[0]:
            assert not row[0].startswith(safe.FORMULA_TRIGGERS)

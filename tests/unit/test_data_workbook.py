"""Pure helpers of the workbook format."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from data.workbook import Problem, cell_text, xml_escape_text, xml_unescape_text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_excel_text_escaping_round_trips_any_text(s):
    escaped = xml_escape_text(s)
    assert xml_unescape_text(escaped) == s
    assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in escaped)


def test_cell_text_is_exact():
    assert cell_text(None) is None and cell_text("   ") is None
    assert cell_text(2013.0) == "2013" and cell_text(0.1) == "0.1" and cell_text(7) == "7"
    assert cell_text(float("nan")) == "nan" and cell_text(float("-inf")) == "-inf"
    assert cell_text(True) == "TRUE" and cell_text(False) == "FALSE"
    assert cell_text(dt.datetime(2017, 6, 30)) == "2017-06-30"
    assert cell_text(dt.datetime(2017, 6, 30, 12, 5)) == "2017-06-30T12:05:00"
    assert cell_text(dt.date(2017, 6, 30)) == "2017-06-30"
    assert cell_text(" =1+1 ") == " =1+1 "  # text is kept as typed
    assert cell_text("a_x000D_b") == "a\rb"  # how Excel stores a carriage return


def test_problem_message_names_everything():
    p = Problem("observations", 7, "value", "-3", "Negative numbers are not allowed here.", "Type zero or more.",
                "Q7")
    assert str(p) == ("Sheet 'observations', row 7, column 'value' (Q7): value '-3' — Negative numbers are not "
                      "allowed here. What to do: Type zero or more.")

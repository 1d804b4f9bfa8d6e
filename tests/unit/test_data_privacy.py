"""Small village-level counts are suppressed in public outputs."""

from __future__ import annotations

import pandas as pd

from data.privacy import suppress


def _frame():
    return pd.DataFrame({
        "place_level": ["village", "village", "village", "regency", "national", "village"],
        "place_code": ["11.01.01.2001", "11.01.01.2002", "11.01.01.2003", "11.01", "", "11.01.01.2004"],
        "value": [3, 5, 0, 2, 1, None],
    })


def test_default_threshold_from_settings(monkeypatch):
    monkeypatch.delenv("PETA_SUPPRESS_THRESHOLD", raising=False)
    df = _frame()
    out = suppress(df)
    assert out["suppressed"].tolist() == [True, False, False, False, False, False]
    assert out["value"].isna().tolist() == [True, False, False, False, False, True]
    assert out.loc[2, "value"] == 0  # a zero singles no one out
    assert out["value"].dtype == "float64"
    assert out.loc[1, "value"] == 5 and out.loc[3, "value"] == 2  # regency/national rows untouched
    assert df["value"].tolist()[:3] == [3, 5, 0]  # the input is not modified


def test_threshold_setting_and_argument(monkeypatch):
    monkeypatch.setenv("PETA_SUPPRESS_THRESHOLD", "10")
    assert suppress(_frame())["suppressed"].tolist()[:3] == [True, True, False]
    assert suppress(_frame(), threshold=1)["suppressed"].tolist()[:3] == [False, False, False]


def test_frames_without_place_level_use_the_code_shape():
    df = pd.DataFrame({"place_code": ["11.01.01.2001", "11.01"], "value": [2, 2]})
    assert suppress(df, threshold=5)["suppressed"].tolist() == [True, False]
    no_place = pd.DataFrame({"value": [1, 2]})
    out = suppress(no_place)
    assert out["suppressed"].tolist() == [False, False] and out["value"].tolist() == [1, 2]


def test_already_suppressed_rows_stay_suppressed():
    df = _frame().assign(suppressed=[False, True, False, False, False, False])
    assert suppress(df, threshold=5)["suppressed"].tolist()[:2] == [True, True]

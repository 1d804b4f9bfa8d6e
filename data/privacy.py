"""Small-count suppression for every public output.

Village-level counts below ``PETA_SUPPRESS_THRESHOLD`` (default 5) are
replaced by NA and flagged ``suppressed=True``, so that no one in a small
community can be singled out. Charts, tables, downloads and exports all pass
their rows through :func:`suppress` before they leave the server.
"""

from __future__ import annotations

import pandas as pd

from data.schema import CODE_PATTERNS
from data.settings import get_settings


def _village_mask(df: pd.DataFrame) -> pd.Series:
    if "place_level" in df.columns:
        return df["place_level"].astype("string").eq("village").fillna(False).astype(bool)
    if "place_code" in df.columns:
        return df["place_code"].astype("string").str.fullmatch(CODE_PATTERNS["village"][1:-1]).fillna(False)
    return pd.Series(False, index=df.index)


def suppress(df: pd.DataFrame, threshold: int | None = None, value_columns: tuple[str, ...] = ("value",)
             ) -> pd.DataFrame:
    """Return a copy of ``df`` with small village-level counts suppressed.

    A row is at village level when ``place_level == "village"`` (or, for
    frames without that column, when ``place_code`` is a village code).
    Values from 1 up to below ``threshold`` (default: the
    ``PETA_SUPPRESS_THRESHOLD`` setting) in ``value_columns`` become NA
    (NaN in a float column; a zero singles no one out and stays) and the row gets
    ``suppressed=True``; every other row gets ``suppressed=False``. A frame
    that already has a ``suppressed`` column keeps rows already flagged.
    The input is never modified.
    """
    t = get_settings().suppress_threshold if threshold is None else int(threshold)
    out = df.copy()
    village = _village_mask(out)
    small = pd.Series(False, index=out.index)
    for col in value_columns:
        if col not in out.columns:
            continue
        values = pd.to_numeric(out[col], errors="coerce")
        small |= (village & values.gt(0) & values.lt(t)).fillna(False).astype(bool)
    for col in value_columns:
        if col in out.columns:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
            out.loc[small, col] = float("nan")
    previous = out["suppressed"].fillna(False).astype(bool) if "suppressed" in out.columns else False
    out["suppressed"] = (small | previous).astype(bool)
    return out

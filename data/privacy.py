"""Small-count suppression for every public output.

The rule (README, "Share and reuse"; setting ``PETA_SUPPRESS_THRESHOLD``,
default 5), so that no one in a small community can be singled out:

1. **Small village counts are withheld before anything is added up.**
   :func:`protect` runs on the observations table in the base step of every
   query (``data.query``): a village-level value from 1 up to below the
   threshold becomes NA and its row gets ``suppressed=True``. Aggregates
   (regency, province and national figures, trends, sums per scheme or
   partner) are then made from the published values only, so a total minus
   the published villages never gives a withheld value back. A total that
   leaves a withheld value out is marked ``lower_bound`` ("more than ...");
   a total made of withheld values only is withheld itself.
2. **No figure may give a withheld one away by subtraction.** A published
   figure of an additive indicator (aggregation ``sum``) that covers a
   withheld village value (the same indicator and period end, a place that
   contains the village or is the village, and the same or a wider
   breakdown: all programmes/themes/partners/schemes/groups, or sex
   ``total``) is withheld as well (``suppressed=True``). Pages then fall
   back to the sum of the published villages, marked as a lower bound.
3. **Reach flags are not counts of people.** Indicators that count places
   (aggregation ``distinct``, e.g. villages reached: 1 per village) are not
   suppressed; the row itself already says that the village is reached.

A zero singles no one out and stays. :func:`suppress` is the row-level rule 1
for frames that are not observations tables (or when no indicator
metadata is at hand).
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


def threshold() -> int:
    """The suppression threshold of the app's settings (``PETA_SUPPRESS_THRESHOLD``)."""
    return int(get_settings().suppress_threshold)


# breakdown columns: a row with an empty value here covers every value of it
_WIDE_COLUMNS = ("programme_id", "theme_id", "partner_id", "scheme_id", "beneficiary_group")
# (level, length of the code prefix that names the ancestor at that level; None = national)
_ANCESTORS = (("village", 13), ("district", 8), ("regency", 5), ("province", 2), ("national", None))


def _text(s: pd.Series) -> pd.Series:
    if isinstance(s.dtype, pd.CategoricalDtype):  # loaded snapshots: a take on the categories, no string copies
        return s.astype(object).where(s.notna(), "")
    return s.astype("string").fillna("").astype(object)


def covering_rows(obs: pd.DataFrame, withheld: pd.Series, additive: pd.Series) -> pd.Series:
    """Published rows of additive indicators that would reveal a withheld village value by subtraction.

    A row covers a withheld one when it has the same indicator and period end,
    its place is the village or contains it (national contains everything), and
    each breakdown (programme, theme, partner, scheme, group) is the same or
    empty, and its sex is the same or ``total``/empty.
    """
    out = pd.Series(False, index=obs.index)
    small = obs[withheld & additive]
    if small.empty:
        return out
    published = obs[~withheld & additive & pd.to_numeric(obs["value"], errors="coerce").notna()]
    if published.empty:
        return out
    key_cols = ["indicator_id", "period_end"]
    s = pd.DataFrame({c: _text(small[c]) for c in ("indicator_id", *_WIDE_COLUMNS, "sex")})
    s["period_end"] = small["period_end"].astype(str).to_numpy()
    code = _text(small["place_code"])
    p_level = _text(published["place_level"])
    for level, n in _ANCESTORS:
        cand = published[p_level == level]
        if cand.empty:
            continue
        c = pd.DataFrame({col: _text(cand[col]) for col in ("indicator_id", *_WIDE_COLUMNS, "sex")})
        c["period_end"] = cand["period_end"].astype(str).to_numpy()
        c["_anc"] = "" if n is None else _text(cand["place_code"])
        c["_row"] = cand.index
        left = s.assign(_anc="" if n is None else code.str[:n])
        if n is not None:
            # only codes of that level's shape (a village code cut to 5 characters is its regency)
            left = left[code.str.len() >= n]
        m = left.merge(c, on=[*key_cols, "_anc"], suffixes=("_s", "_c"))
        if m.empty:
            continue
        ok = pd.Series(True, index=m.index)
        for col in _WIDE_COLUMNS:
            ok &= (m[f"{col}_c"] == "") | (m[f"{col}_c"] == m[f"{col}_s"])
        ok &= m["sex_c"].isin(("", "total")) | (m["sex_c"] == m["sex_s"])
        out.loc[pd.Index(m.loc[ok, "_row"].unique())] = True
    return out


def protect(obs: pd.DataFrame, threshold: int | None = None,
            aggregation: dict[str, str] | None = None) -> pd.DataFrame:
    """The observations table as it may be published (rules 1-3 of this module).

    ``aggregation`` maps indicator ids to their aggregation (``sum``,
    ``distinct``, ``none``; from the indicators table): ``distinct`` rows are
    never suppressed, ``sum`` rows covering a withheld value are withheld too.
    Without it every indicator is treated as additive. Returns a new frame with
    ``value`` as float (NA when withheld) and a boolean ``suppressed`` column;
    the input is never modified.
    """
    t = get_settings().suppress_threshold if threshold is None else int(threshold)
    out = obs.copy(deep=False)
    values = pd.to_numeric(out["value"], errors="coerce").astype("float64")
    ind = _text(out["indicator_id"]) if "indicator_id" in out.columns else pd.Series("", index=out.index)
    agg = ind.map(aggregation).fillna("sum") if aggregation else pd.Series("sum", index=out.index)
    counts = (agg != "distinct").to_numpy()
    small = (_village_mask(out).to_numpy() & counts & (values.gt(0) & values.lt(t)).to_numpy())
    small = pd.Series(small, index=out.index)
    if "suppressed" in out.columns:
        small |= out["suppressed"].fillna(False).astype(bool)
    cover = covering_rows(out, small, pd.Series((agg == "sum").to_numpy(), index=out.index)) \
        if small.any() else pd.Series(False, index=out.index)
    hidden = small | cover
    out["value"] = values.mask(hidden)
    out["suppressed"] = hidden.astype(bool)
    return out

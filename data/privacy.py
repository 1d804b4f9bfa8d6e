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

import functools
import os

import numpy as np
import pandas as pd

from data.schema import CODE_PATTERNS
from data.settings import get_settings


def _village_mask(df: pd.DataFrame) -> pd.Series:
    if "place_level" in df.columns and isinstance(df["place_level"].dtype, pd.CategoricalDtype):
        s = df["place_level"]  # compare the categories, not every row
        table = np.array([str(c) == "village" for c in s.cat.categories] + [False], dtype=bool)
        return pd.Series(table[s.cat.codes.to_numpy()], index=df.index)
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
    """The suppression threshold of the app's settings (``PETA_SUPPRESS_THRESHOLD``).

    Every cached query asks (it is part of their keys), hundreds of times per page: only that
    variable is read each time, and parsed once per raw value.
    """
    return _threshold(os.environ.get(THRESHOLD_ENV))


THRESHOLD_ENV = "PETA_SUPPRESS_THRESHOLD"


@functools.lru_cache(maxsize=8)
def _threshold(raw: str | None) -> int:
    return int(get_settings().suppress_threshold)


# breakdown columns: a row with an empty value here covers every value of it
_WIDE_COLUMNS = ("programme_id", "theme_id", "partner_id", "scheme_id", "beneficiary_group")
# (level, length of the code prefix that names the ancestor at that level; None = national)
_ANCESTORS = (("village", 13), ("district", 8), ("regency", 5), ("province", 2), ("national", None))


def _text(s: pd.Series) -> pd.Series:
    if isinstance(s.dtype, pd.CategoricalDtype):  # loaded snapshots: a take on the categories, no string copies
        return s.astype(object).where(s.notna(), "")
    return s.astype("string").fillna("").astype(object)


def _text_codes(s: pd.Series) -> np.ndarray:
    """Integer codes of a column read as text (:func:`_text`): equal texts share a code, and a
    missing value has the code of "". Codes of one column share one space."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        texts = pd.Index([str(c) for c in s.cat.categories], dtype=object)
        codes = s.cat.codes.to_numpy().astype(np.int64)
    else:
        codes, uniques = pd.factorize(s.to_numpy(dtype=object), use_na_sentinel=True)
        texts = pd.Index([str(u) for u in uniques], dtype=object)
        codes = codes.astype(np.int64)
    # texts may repeat (e.g. a category that prints like another): one code per distinct text
    tcodes, tuniq = pd.factorize(pd.Index(list(texts) + [""], dtype=object))
    tcodes = tcodes.astype(np.int64)
    return np.where(codes < 0, tcodes[-1], tcodes[np.maximum(codes, 0)]) if len(codes) else codes


def _period_codes(s: pd.Series) -> np.ndarray:
    """Integer codes of ``s.astype(str)`` (period ends): rows whose values print alike share one."""
    codes, uniques = pd.factorize(s.to_numpy(dtype=object), use_na_sentinel=True)
    texts = pd.Series(np.asarray(uniques, dtype=object), dtype=object).astype(str).astype(object).tolist()
    tcodes, _ = pd.factorize(pd.Index(texts + ["\x00missing"], dtype=object))
    tcodes = tcodes.astype(np.int64)
    return np.where(codes < 0, tcodes[-1], tcodes[np.maximum(codes, 0)]) if len(codes) else codes.astype(np.int64)


def covering_rows(obs: pd.DataFrame, withheld: pd.Series, additive: pd.Series) -> pd.Series:
    """Published rows of additive indicators that would reveal a withheld village value by subtraction.

    A row covers a withheld one when it has the same indicator and period end,
    its place is the village or contains it (national contains everything), and
    each breakdown (programme, theme, partner, scheme, group) is the same or
    empty, and its sex is the same or ``total``/empty.

    The rule of :func:`_covering_rows_direct` on integer codes (a unit test compares them): a
    full-size snapshot has ~250k withheld village values and took seconds to join as text.
    """
    out = np.zeros(len(obs), dtype=bool)
    w = withheld.to_numpy(dtype=bool)
    a = additive.to_numpy(dtype=bool)
    small = np.flatnonzero(w & a)
    if len(small) == 0:
        return pd.Series(out, index=obs.index)
    has_value = pd.to_numeric(obs["value"], errors="coerce").notna().to_numpy()
    published = np.flatnonzero(~w & a & has_value)
    if len(published) == 0:
        return pd.Series(out, index=obs.index)
    code = {c: _text_codes(obs[c]) for c in ("indicator_id", *_WIDE_COLUMNS, "sex", "place_level")}
    empty = {c: _text_code_of(obs[c], "") for c in code}
    total = _text_code_of(obs["sex"], "total")
    period = _period_codes(obs["period_end"])
    # place codes as text: the ancestor of a withheld row is its code cut to n characters
    place_codes, place_uniques = _factor_text(obs["place_code"])
    place_len = np.fromiter((len(u) for u in place_uniques), dtype=np.int64, count=len(place_uniques))
    lookup = {u: i for i, u in enumerate(place_uniques)}
    n_per = int(period.max()) + 1
    size = max(int(place_codes.max()) + 2, 2)
    level_text = _text(obs["place_level"]).to_numpy(dtype=object)[published]
    for level, n in _ANCESTORS:
        cand = published[level_text == level]
        if len(cand) == 0:
            continue
        left = small
        if n is None:
            s_anc = np.zeros(len(left), dtype=np.int64)
            c_anc = np.zeros(len(cand), dtype=np.int64)
        else:
            ok_len = place_len[place_codes[left]] >= n
            left = left[ok_len]
            cut = np.array([lookup.get(u[:n], -1) for u in place_uniques], dtype=np.int64)
            s_anc = cut[place_codes[left]]
            c_anc = place_codes[cand].astype(np.int64)
            keep = s_anc >= 0
            left, s_anc = left[keep], s_anc[keep]
        if len(left) == 0:
            continue
        s_key = (code["indicator_id"][left] * n_per + period[left]) * size + s_anc
        c_key = (code["indicator_id"][cand] * n_per + period[cand]) * size + c_anc
        m = pd.DataFrame({"k": s_key, "s": left}).merge(pd.DataFrame({"k": c_key, "c": cand}), on="k")
        if m.empty:
            continue
        si, ci = m["s"].to_numpy(), m["c"].to_numpy()
        ok = np.ones(len(m), dtype=bool)
        for col in _WIDE_COLUMNS:
            cc, sc = code[col][ci], code[col][si]
            ok &= (cc == empty[col]) | (cc == sc)
        cs, ss = code["sex"][ci], code["sex"][si]
        ok &= (cs == empty["sex"]) | (cs == total) | (cs == ss)
        out[ci[ok]] = True
    return pd.Series(out, index=obs.index)


def _factor_text(s: pd.Series) -> tuple[np.ndarray, list[str]]:
    """(codes, distinct texts) of :func:`_text` of ``s`` without converting every row."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        texts = [str(c) for c in s.cat.categories] + [""]
        codes = s.cat.codes.to_numpy().astype(np.int64)
        codes = np.where(codes < 0, len(texts) - 1, codes)
    else:
        codes, uniques = pd.factorize(_text(s).to_numpy(dtype=object))
        texts = [str(u) for u in uniques]
    tcodes, tuniq = pd.factorize(pd.Index(texts, dtype=object))  # one code per distinct text
    return tcodes.astype(np.int64)[codes] if len(codes) else codes.astype(np.int64), list(tuniq)


def _text_code_of(s: pd.Series, text: str) -> int:
    """The code :func:`_text_codes` gives ``text`` in column ``s`` (-1 when no row has it)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        texts = [str(c) for c in s.cat.categories]
    else:
        texts = [str(u) for u in pd.factorize(s.to_numpy(dtype=object), use_na_sentinel=True)[1]]
    tcodes, tuniq = pd.factorize(pd.Index(texts + [""], dtype=object))
    where = list(tuniq).index(text) if text in set(tuniq) else -1
    return int(where)


def _covering_rows_direct(obs: pd.DataFrame, withheld: pd.Series, additive: pd.Series) -> pd.Series:
    """:func:`covering_rows` joined as text with pandas (the reference the fast one is tested against).

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


def _aggregation_per_row(obs: pd.DataFrame, aggregation: dict[str, str] | None) -> np.ndarray:
    """Each row's indicator aggregation (an indicator not in ``aggregation``: ``sum``), looked up
    once per distinct indicator."""
    if not aggregation or "indicator_id" not in obs.columns:
        return np.full(len(obs), "sum", dtype=object)
    codes, texts = _factor_text(obs["indicator_id"])
    per_text = np.array([aggregation.get(t) for t in texts] or [None], dtype=object)
    per_text = np.array([a if isinstance(a, str) else "sum" for a in per_text], dtype=object)
    return per_text[codes] if len(codes) else np.empty(0, dtype=object)


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
    agg = _aggregation_per_row(out, aggregation)
    counts = agg != "distinct"
    small = (_village_mask(out).to_numpy() & counts & (values.gt(0) & values.lt(t)).to_numpy())
    small = pd.Series(small, index=out.index)
    if "suppressed" in out.columns:
        small |= out["suppressed"].fillna(False).astype(bool)
    cover = covering_rows(out, small, pd.Series(agg == "sum", index=out.index)) \
        if small.any() else pd.Series(False, index=out.index)
    hidden = small | cover
    out["value"] = values.mask(hidden)
    out["suppressed"] = hidden.astype(bool)
    return out

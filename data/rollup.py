"""Integer-code machinery behind the fast paths of ``data.query`` (no Dash, no I/O, no global state).

A full-size snapshot has ~690k village observations. Grouping them with pandas on every new
filter combination took 0.5-4 s, so the queries the map page asks for work on integer arrays:

- :class:`Columns`: the published (``data.privacy.protect``-ed) observations as integer codes:
  the categorical columns' own codes (views, no copies), period-end ranks, years, each
  indicator's row positions. Built once per snapshot and threshold.
- :func:`latest_positions`: the rows ``query._latest_per_series`` keeps, as positions.
- :func:`totals_flags`: ``query._prefer_totals``'s decisions for EVERY filter combination at once.
  Filters on programme, scheme, place remove whole groups of that rule, so its decision for a
  row does not change; a sex, theme or partner filter only changes it in the ways
  :class:`TotalsFlags` records (see :meth:`TotalsFlags.keep`).
- :func:`per_target`: the per-place aggregates of ``query._summarise`` with ``np.bincount``.

Privacy is unchanged: everything here reads the protected rows (withheld values already NA,
``suppressed`` set) and adds up only what is published, exactly as the direct pandas code does.
The unit tests compare every fast answer with the direct one.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

FILTER_COLUMNS = ("indicator_id", "programme_id", "theme_id", "partner_id", "scheme_id", "sex", "place_level")
KEY_COLUMNS = ("indicator_id", "programme_id", "theme_id", "partner_id", "scheme_id", "beneficiary_group", "sex",
               "place_level", "place_code", "place_name")
QUALIFIERS = ("exact", "lower_bound", "upper_bound", "approximate")


def _as_categorical(s: pd.Series) -> pd.Categorical:
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s.array
    return pd.Categorical(s.astype("string").astype(object).where(s.notna(), None))


class Columns:
    """Integer view of the published observations (one frame; never modified).

    ``raw[c]``: category codes (-1 = missing) of a text column; ``cats[c]``: its categories.
    ``key(c, pos)``: codes where missing and "" are one value (``query._keycol``'s rule).
    """

    def __init__(self, obs: pd.DataFrame) -> None:
        self.frame = obs
        self.n = len(obs)
        self.raw: dict[str, np.ndarray] = {}
        self.cats: dict[str, pd.Index] = {}
        self._empty: dict[str, int] = {}
        for c in KEY_COLUMNS + ("qualifier", "source_id", "citation"):
            if c not in obs.columns:
                continue
            cat = _as_categorical(obs[c])
            self.raw[c] = np.asarray(cat.codes)
            self.cats[c] = pd.Index(cat.categories)
            self._empty[c] = int(self.cats[c].get_loc("")) if "" in self.cats[c] else -1
        self.value = pd.to_numeric(obs["value"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        self.has_value = ~np.isnan(self.value)
        sup = obs["suppressed"] if "suppressed" in obs.columns else pd.Series(False, index=obs.index)
        self.suppressed = sup.fillna(False).astype(bool).to_numpy()
        self.illustrative = obs["illustrative"].fillna(False).astype(bool).to_numpy() \
            if "illustrative" in obs.columns else np.zeros(self.n, dtype=bool)
        # period ends: rank of each row's value among the sorted distinct values; missing last
        pe = obs["period_end"]
        codes, uniques = pd.factorize(pe.to_numpy(dtype=object), sort=True)
        self.period_values = np.asarray(uniques, dtype=object)
        self.pe_rank = np.where(codes < 0, len(uniques), codes).astype(np.int32)
        years = pd.DatetimeIndex(pd.to_datetime(pd.Series(self.period_values, dtype=object), errors="coerce")).year
        self._year_of_rank = np.append(np.asarray(years, dtype="float64"), np.nan)
        ind = self.raw["indicator_id"]
        order = np.argsort(ind, kind="stable")
        bounds = np.searchsorted(ind[order], np.arange(len(self.cats["indicator_id"]) + 1))
        self.by_indicator = {str(self.cats["indicator_id"][i]): np.sort(order[bounds[i]:bounds[i + 1]])
                             for i in range(len(self.cats["indicator_id"]))}
        self._sorted_codes = bool(self.cats["place_code"].is_monotonic_increasing) if "place_code" in self.cats \
            else False
        self._prefix: dict[int, tuple[pd.Index, np.ndarray]] = {}

    # --- selection -------------------------------------------------------------------

    def rows(self, indicator: str | None) -> np.ndarray:
        """Positions of the indicator's rows (every row for None), ascending."""
        if indicator is None:
            return np.arange(self.n)
        return self.by_indicator.get(str(indicator), np.empty(0, dtype=np.intp))

    def code_of(self, col: str, value: str) -> int:
        """The category code of ``value`` in ``col`` (-2, matching nothing, when absent)."""
        cats = self.cats[col]
        return int(cats.get_loc(value)) if value in cats else -2

    def equals(self, col: str, value: str, pos: np.ndarray) -> np.ndarray:
        """``obs[col] == value`` at ``pos`` (missing values never match)."""
        return self.raw[col][pos] == self.code_of(col, value)

    def isin(self, col: str, values: tuple[str, ...], pos: np.ndarray) -> np.ndarray:
        codes = [self.code_of(col, v) for v in values]
        return np.isin(self.raw[col][pos], [c for c in codes if c >= 0])

    def years(self, pos: np.ndarray) -> np.ndarray:
        """The year each row's period ends (NaN when unknown)."""
        return self._year_of_rank[self.pe_rank[pos]]

    def key(self, col: str, pos: np.ndarray) -> np.ndarray:
        """Grouping codes at ``pos``: a missing value is the same key as "" (``query._keycol``)."""
        if col not in self.raw:
            return np.zeros(len(pos), dtype=np.int64)
        c = self.raw[col][pos].astype(np.int64)
        return np.where(c < 0, self._empty[col] if self._empty[col] >= 0 else len(self.cats[col]), c)

    def code_starts_with(self, prefix: str, pos: np.ndarray) -> np.ndarray:
        """``place_code`` starts with ``prefix`` (missing codes never do)."""
        cats = self.cats["place_code"]
        codes = self.raw["place_code"][pos]
        if self._sorted_codes:  # sorted text: the codes starting with ``prefix`` are one range
            values = cats.to_numpy(dtype=object)
            lo = bisect.bisect_left(values, prefix)
            hi = bisect.bisect_left(values, prefix + "\U0010ffff", lo=lo)
            return (codes >= lo) & (codes < hi)
        table = np.asarray(cats.astype(str).str.startswith(prefix), dtype=bool)
        return (codes >= 0) & table[np.maximum(codes, 0)]

    def targets(self, n: int) -> tuple[pd.Index, np.ndarray]:
        """(distinct ``place_code[:n]`` values sorted, index of each place-code category in them)."""
        if n not in self._prefix:
            cut = pd.Index(self.cats["place_code"].astype(str)).str[:n]
            names, where = np.unique(np.asarray(cut, dtype=object).astype(str), return_inverse=True)
            self._prefix[n] = (pd.Index(names, dtype=object), where.astype(np.int64).reshape(-1))
        return self._prefix[n]


def _group_ids(parts: list[np.ndarray]) -> np.ndarray:
    """One integer per distinct combination of the (non-negative integer) key arrays."""
    if not parts or len(parts[0]) == 0:
        return np.zeros(len(parts[0]) if parts else 0, dtype=np.int64)
    key = np.zeros(len(parts[0]), dtype=np.int64)
    size = 1
    for p in parts:
        p = np.asarray(p, dtype=np.int64)
        m = int(p.max()) + 1 if len(p) else 1
        if size * m >= 2 ** 62:
            key, _ = pd.factorize(key)
            key = key.astype(np.int64)
            size = int(key.max()) + 1 if len(key) else 1
        key = key * m + p
        size *= m
    return pd.factorize(key)[0].astype(np.int64)


def _any_in_group(groups: np.ndarray, flag: np.ndarray) -> np.ndarray:
    """For each row: does any row of its group have ``flag``?"""
    if len(groups) == 0:
        return np.zeros(0, dtype=bool)
    return (np.bincount(groups, weights=flag.astype(np.float64), minlength=int(groups.max()) + 1) > 0)[groups]


def latest_positions(cols: Columns, pos: np.ndarray) -> np.ndarray:
    """``query._latest_per_series`` as positions: one row per series, the one whose period ends last
    (ties: the later row; a missing period end counts as the latest, as pandas sorts it last).

    Returned in that function's order: by period end, then position.
    """
    if len(pos) == 0:
        return pos
    series = _group_ids([cols.key(c, pos) for c in KEY_COLUMNS])
    rank = cols.pe_rank[pos]
    order = np.lexsort((pos, rank))  # by period end, then position
    s = series[order]
    rev = s[::-1]
    _, first = np.unique(rev, return_index=True)
    chosen = np.sort(len(s) - 1 - first)  # the last row of each series in that order
    return pos[order[chosen]]


@dataclass
class TotalsFlags:
    """``query._prefer_totals`` for every filter combination, over rows ``pos``.

    Step 1 (drop female/male rows where a published total exists) is decided on all sexes
    (``keep_all``); with a sex filter only rows of that sex remain, so only total rows can be
    dropped, as on all sexes (``keep_sex``). Step 2 (a programme-wide row covers theme and
    partner rows; a theme row covers its partner rows) runs on what step 1 kept:
    ``*_wide`` marks rows covered by a programme-wide row, ``*_theme`` by a theme row. A theme
    filter removes the programme-wide rows (only ``*_theme`` applies); a partner filter removes
    both kinds (nothing is covered).
    """

    pos: np.ndarray
    keep_all: np.ndarray
    keep_sex: np.ndarray
    wide_all: np.ndarray
    theme_all: np.ndarray
    wide_sex: np.ndarray
    theme_sex: np.ndarray

    def keep(self, sex: bool, theme: bool, partner: bool) -> np.ndarray:
        """Rows kept with (a sex filter, a theme filter, a partner filter)."""
        keep = self.keep_sex if sex else self.keep_all
        if partner:
            return keep
        covered = self.theme_sex if sex else self.theme_all
        if not theme:
            covered = covered | (self.wide_sex if sex else self.wide_all)
        return keep & ~covered


def totals_flags(cols: Columns, pos: np.ndarray, extra: list[np.ndarray] | None = None) -> TotalsFlags:
    """:class:`TotalsFlags` for rows ``pos``; ``extra`` keys split every group (e.g. period end)."""
    extra = extra or []
    k = {c: cols.key(c, pos) for c in ("indicator_id", "programme_id", "theme_id", "partner_id", "scheme_id",
                                       "place_level", "place_code", "sex")}
    total = k["sex"] == cols.code_of("sex", "total") if "total" in cols.cats["sex"] else np.zeros(len(pos), bool)
    no_theme = k["theme_id"] == _empty_key(cols, "theme_id")
    no_partner = k["partner_id"] == _empty_key(cols, "partner_id")
    live = ~cols.suppressed[pos]
    base = _group_ids([k[c] for c in ("indicator_id", "programme_id", "theme_id", "partner_id", "scheme_id",
                                      "place_level", "place_code")] + extra)
    is_total = total & live
    keep_all = ~(_any_in_group(base, is_total) & ~is_total)
    keep_sex = np.where(total, keep_all, True)
    group = _group_ids([k[c] for c in ("indicator_id", "programme_id", "scheme_id", "place_level", "place_code",
                                       "sex")] + extra)
    group_theme = _group_ids([group, k["theme_id"]])
    wide = no_theme & no_partner & live
    np_live = no_partner & live

    def step2(keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        has_wide = _any_in_group(group, wide & keep)
        has_theme_row = _any_in_group(group_theme, np_live & keep)
        return has_wide & ~wide, ~np_live & has_theme_row

    wide_all, theme_all = step2(keep_all)
    wide_sex, theme_sex = step2(keep_sex)
    return TotalsFlags(pos, keep_all, keep_sex, wide_all, theme_all, wide_sex, theme_sex)


def _empty_key(cols: Columns, col: str) -> int:
    e = cols._empty.get(col, -1)
    return e if e >= 0 else len(cols.cats[col])


# --- per-place aggregates ---------------------------------------------------------------

def _class_of_qualifiers(cols: Columns) -> np.ndarray:
    """Per qualifier category (plus a last entry for missing): 0 exact, 1 lower, 2 upper, 3 approx, 4 other."""
    cats = [str(c) for c in cols.cats["qualifier"]]
    return np.array([QUALIFIERS.index(c) if c in QUALIFIERS else 4 for c in cats] + [0], dtype=np.int64)


def per_target(cols: Columns, pos: np.ndarray, tgt: np.ndarray, n_targets: int) -> dict[str, np.ndarray]:
    """Per target (0..n_targets-1) of rows ``pos`` (target ``tgt``): the inputs of ``query._summarise``.

    n_rows, value sum and count of published values, any withheld, qualifier flags (exact,
    lower, upper, approx as ``query._qualifiers`` reads them), latest period-end rank, any
    illustrative, the source codes present (bool matrix), the citation code of a lone row.
    """
    m = n_targets
    out: dict[str, Any] = {}
    out["n_rows"] = np.bincount(tgt, minlength=m)
    v = cols.value[pos]
    have = cols.has_value[pos]
    out["sum"] = np.bincount(tgt, weights=np.where(have, v, 0.0), minlength=m)
    out["n_values"] = np.bincount(tgt, weights=have.astype(np.float64), minlength=m)
    out["withheld"] = np.bincount(tgt, weights=cols.suppressed[pos].astype(np.float64), minlength=m) > 0
    q = cols.raw["qualifier"][pos]
    qclass = _class_of_qualifiers(cols)[np.where(q < 0, len(cols.cats["qualifier"]), q)]
    qm = np.bincount(tgt * 5 + qclass, minlength=m * 5).reshape(m, 5) > 0
    out["q_exact"], out["q_lower"], out["q_upper"], out["q_approx"] = qm[:, 0], qm[:, 1], qm[:, 2], qm[:, 3]
    out["last_rank"] = _max_rank(cols, pos, tgt, m)
    out["illustrative"] = np.bincount(tgt, weights=cols.illustrative[pos].astype(np.float64), minlength=m) > 0
    src = cols.raw["source_id"][pos]
    ns = len(cols.cats["source_id"])
    ok = src >= 0
    out["sources"] = np.bincount(tgt[ok] * ns + src[ok], minlength=m * ns).reshape(m, ns) > 0
    cit = np.full(m, -1, dtype=np.int64)
    cit[tgt] = cols.raw["citation"][pos]  # only read where a target has one row
    out["citation"] = cit
    return out


def _max_rank(cols: Columns, pos: np.ndarray, tgt: np.ndarray, m: int) -> np.ndarray:
    """Per target: the highest period-end rank of its rows with a period end (-1: none)."""
    r = len(cols.period_values)
    rank = cols.pe_rank[pos]
    if m * (r + 1) <= 4_000_000:  # few period ends: a presence matrix (ufunc.at is slow)
        seen = np.bincount(tgt * (r + 1) + rank, minlength=m * (r + 1)).reshape(m, r + 1)[:, :r] > 0
        last = r - 1 - np.argmax(seen[:, ::-1], axis=1)
        return np.where(seen.any(axis=1), last, -1).astype(np.int64)
    last = np.full(m, -1, dtype=np.int64)
    np.maximum.at(last, tgt, np.where(rank >= r, -1, rank))
    return last


def distinct_places(cols: Columns, pos: np.ndarray, tgt_of_code: np.ndarray, n_targets: int) -> np.ndarray:
    """Per target: the number of distinct place codes among rows ``pos`` (missing codes not counted)."""
    codes = cols.raw["place_code"][pos]
    seen = np.zeros(len(cols.cats["place_code"]), dtype=bool)
    seen[codes[codes >= 0]] = True
    return np.bincount(tgt_of_code[np.flatnonzero(seen)], minlength=n_targets)

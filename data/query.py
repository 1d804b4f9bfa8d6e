"""Pure, cached queries over an immutable snapshot.

Every function takes a :class:`data.snapshot.Snapshot` and (usually) a
:class:`data.filters.Filters` and returns a fresh DataFrame or dict. Results
are cached with ``functools.lru_cache`` keyed by VALUE: the snapshot's
``key`` (data dir, version) and the frozen ``Filters``; never ``id()``.
Snapshots are immutable, so a cached answer never goes stale.

Aggregation follows each indicator's ``aggregation``:

- ``sum``: figures stated for finer places are added up to the province or
  regency; a place with a figure stated at exactly that level uses it.
- ``distinct``: counts distinct finer places (e.g. villages reached) under
  each place; a figure stated at exactly that level is used as stated.
- ``none``: not additive; only figures stated at exactly that level are shown.

Period ``all`` uses the latest figure of each series (most seed figures are
cumulative: adding releases would count people twice); a year uses the
latest figure whose period ends in that year.

Privacy: the base step (:func:`_base_obs`) reads the observations through
``data.privacy.protect`` (cached per snapshot and threshold), so small
village-level counts are withheld BEFORE anything is added up; aggregates are
sums of published values only, marked ``lower_bound`` when a withheld value is
left out and withheld (``suppressed``) when nothing published is left. A
total minus the published villages therefore never gives a withheld value
back. The threshold (``PETA_SUPPRESS_THRESHOLD``) is part of every cache key.
No Dash imports.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from data import privacy, rollup
from data import snapshot as snapshot_mod
from data.filters import ALL, PRESENCE, Filters

SERIES_KEY = ["indicator_id", "programme_id", "theme_id", "partner_id", "scheme_id", "beneficiary_group", "sex",
              "place_level", "place_code", "place_name"]
LEVEL_LEN = {"province": 2, "regency": 5}
FINER = {"province": ("regency", "district", "village"), "regency": ("district", "village")}


#: Hashable handle on a snapshot, equal by value (its key): what the caches here are keyed by.
_Ref = snapshot_mod.SnapshotRef


def cached(maxsize: int = 256, uses: tuple[str, ...] | None = None) -> Callable:
    """lru_cache keyed by (snapshot.key, suppression threshold, *hashable args); returns copies of frames.

    ``uses`` names the :class:`Filters` fields the function reads: a ``Filters`` argument is
    reduced to them (the rest at their defaults) before it becomes part of the key, so views
    that differ only in what the query ignores (language, tab, level for a time series, ...)
    share one cached answer.
    """
    def deco(fn: Callable) -> Callable:
        @functools.lru_cache(maxsize=maxsize)
        def inner(ref: _Ref, threshold: int, *args: Any) -> Any:
            return fn(ref.snap, *args)

        def key(a: Any) -> Any:
            return Filters(**{n: getattr(a, n) for n in uses}) if uses is not None and isinstance(a, Filters) else a

        @functools.wraps(fn)
        def wrapper(snapshot: Any, *args: Any) -> Any:
            out = inner(_Ref(snapshot), privacy.threshold(), *(key(a) for a in args))
            return _copy(out)

        wrapper.cache_info = inner.cache_info  # type: ignore[attr-defined]
        wrapper.cache_clear = inner.cache_clear  # type: ignore[attr-defined]
        return wrapper
    return deco


def _copy(out: Any) -> Any:
    # pandas 3 is copy-on-write: a shallow copy shares the cached frame's data, and the first
    # change to either copies it first, so a caller can never change the cached answer.
    if isinstance(out, pd.DataFrame):
        return out.copy(deep=False)
    if isinstance(out, dict):
        return {k: _copy(v) for k, v in out.items()}
    return out


# --- privacy ----------------------------------------------------------------

def suppress(df: pd.DataFrame, threshold: int | None = None) -> pd.DataFrame:
    """``data.privacy.suppress`` for frames with values; others get ``suppressed=False``."""
    if "value" not in df.columns:
        out = df.copy()
        if "suppressed" not in out.columns:
            out["suppressed"] = False
        return out
    return privacy.suppress(df, threshold)


# --- small helpers ------------------------------------------------------------

def _str(v: Any) -> str:
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)


@functools.lru_cache(maxsize=16)
def _indicator_rows(ref: _Ref) -> dict[str, dict]:
    # Not @cached: that copies the whole catalogue per call; indicator_row copies one row.
    ind = ref.snap.tables["indicators"]
    out: dict[str, dict] = {}
    for row in ind.to_dict("records"):
        out.setdefault(str(row["indicator_id"]), row)
    return out


def indicator_row(snapshot: Any, indicator_id: str) -> dict | None:
    """The indicator's catalogue row as a dict (a fresh copy), or None."""
    row = _indicator_rows(_Ref(snapshot)).get(str(indicator_id))
    return dict(row) if row is not None else None


def aggregation_of(snapshot: Any, indicator_id: str) -> str:
    row = indicator_row(snapshot, indicator_id)
    return str(row["aggregation"]) if row else "none"


def _year(d: Any) -> int | None:
    try:
        return int(d.year)
    except AttributeError:
        return None


@functools.lru_cache(maxsize=8)
def _protected(ref: _Ref, threshold: int) -> pd.DataFrame:
    """The whole observations table as it may be published (``data.privacy.protect``), once per snapshot.

    Suppression is decided on the whole table, never on a filtered part, so no
    choice of filters changes what is withheld. Internal and shared: never
    modified in place.
    """
    snap = ref.snap
    ind = snap.tables["indicators"]
    aggregation = dict(zip(ind["indicator_id"].astype(str), ind["aggregation"].astype(str)))
    return _compact(privacy.protect(snap.tables["observations"], threshold, aggregation))


def _compact(obs: pd.DataFrame) -> pd.DataFrame:
    """The published observations with the compact text columns as categoricals (same values).

    Snapshots loaded from disk already hold them so (``data.snapshot.COMPACT_COLUMNS``);
    this covers frames built in memory.
    """
    cols = snapshot_mod.COMPACT_COLUMNS["observations"]
    return obs.assign(**{c: snapshot_mod.categorical_text(obs[c]) for c in cols if c in obs.columns})


def _keycol(s: pd.Series) -> pd.Series:
    """A column as a grouping key: missing values become "" (categoricals stay categoricals)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        if "" not in s.cat.categories:
            s = s.cat.add_categories([""])
        return s.fillna("")
    return s.astype("string").fillna("")


@functools.lru_cache(maxsize=8)
def _columns(ref: _Ref, threshold: int) -> rollup.Columns:
    """The published observations as integer codes (``data.rollup.Columns``), once per snapshot.

    Holds the protected frame itself (no second copy) and, per indicator, only row positions.
    """
    return rollup.Columns(_protected(ref, threshold))


def published_observations(snapshot: Any, threshold: int | None = None) -> pd.DataFrame:
    """Every observation as it may be published: small village counts and what would reveal them withheld."""
    t = privacy.threshold() if threshold is None else int(threshold)
    return _protected(_Ref(snapshot), t).copy()


def _base_positions(snapshot: Any, f: Filters, indicator: str | None, *, use_scheme: bool = True,
                    use_sex: bool = True, levels: tuple[str, ...] | None = None
                    ) -> tuple[rollup.Columns, np.ndarray]:
    """(the published observations' codes, positions of the rows matching the filters), ascending."""
    cols = _columns(_Ref(snapshot), privacy.threshold())
    pos = cols.rows(indicator or None)
    m = np.ones(len(pos), dtype=bool)
    for col, val in (("programme_id", f.programme), ("theme_id", f.theme), ("partner_id", f.partner)):
        if val != ALL:
            m &= cols.equals(col, val, pos)
    if use_scheme and f.scheme != ALL:
        m &= cols.equals("scheme_id", f.scheme, pos)
    if use_sex and f.sex != ALL:
        m &= cols.equals("sex", f.sex, pos)
    if levels is not None:
        m &= cols.isin("place_level", levels, pos)
    pos = pos[m]
    if f.period != ALL:
        pos = pos[cols.years(pos) == int(f.period)]
    return cols, pos


def _base_obs(snapshot: Any, f: Filters, indicator: str | None, *, use_scheme: bool = True,
              use_sex: bool = True, levels: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Published observations (``data.privacy.protect``) matching the filters (no period reduction yet).

    ``levels``: only rows stated at those place levels (e.g. national).
    """
    cols, pos = _base_positions(snapshot, f, indicator, use_scheme=use_scheme, use_sex=use_sex, levels=levels)
    return cols.frame.take(pos)


def _years(dates: pd.Series) -> "pd.Index":
    """Years of a column of dates (vectorised)."""
    return pd.DatetimeIndex(pd.to_datetime(dates, errors="coerce")).year


def _latest_per_series(df: pd.DataFrame) -> pd.DataFrame:
    """One row per series: the one whose period ends last."""
    if df.empty:
        return df
    key = [c for c in SERIES_KEY if c in df.columns]
    keys = pd.DataFrame({f"_k{i}": _keycol(df[c]) for i, c in enumerate(key)}, index=df.index)
    order = pd.concat([df, keys], axis=1).sort_values("period_end", kind="stable")
    return order.drop_duplicates(list(keys.columns), keep="last").drop(columns=list(keys.columns))


def _prefer_totals(df: pd.DataFrame) -> pd.DataFrame:
    """Avoid double counting at one place.

    - sex: when a 'total' row exists for the same series, its female/male rows are dropped;
    - breakdowns: a row is a subset of a less specific one in the same indicator/programme/
      scheme/place/sex: the programme-wide row (no theme, no partner) covers every theme and
      partner row; a theme row without partner covers that theme's partner rows.

    A withheld row (``suppressed``, see ``data.privacy``) covers nothing: the published
    parts are added instead (and the withheld row marks the sum as a lower bound).
    """
    if df.empty:
        return df
    cols = ("indicator_id", "programme_id", "theme_id", "partner_id", "scheme_id", "place_level", "place_code", "sex")
    k = {c: _keycol(df[c]) for c in cols}
    flags = pd.DataFrame({"total": (k["sex"] == "total").to_numpy(), "no_theme": (k["theme_id"] == "").to_numpy(),
                          "no_partner": (k["partner_id"] == "").to_numpy()}, index=df.index)
    # Group on integer codes: grouping on categoricals makes pandas re-code their categories
    # (tens of thousands of place codes) on every groupby.
    d = pd.DataFrame({c: (v.cat.codes if isinstance(v.dtype, pd.CategoricalDtype) else pd.factorize(v)[0])
                      for c, v in k.items()}, index=df.index)
    live = ~df["suppressed"].fillna(False).astype(bool) if "suppressed" in df.columns \
        else pd.Series(True, index=df.index)
    base = ["indicator_id", "programme_id", "theme_id", "partner_id", "scheme_id", "place_level", "place_code"]
    is_total = flags["total"] & live
    has_total = is_total.groupby([d[c] for c in base]).transform("any")
    keep = ~(has_total & ~is_total)
    d, live, flags = d[keep], live[keep], flags[keep]
    group = ["indicator_id", "programme_id", "scheme_id", "place_level", "place_code", "sex"]
    wide = flags["no_theme"] & flags["no_partner"] & live
    no_partner = flags["no_partner"] & live
    has_wide = wide.groupby([d[c] for c in group]).transform("any")
    has_theme_row = no_partner.groupby([d[c] for c in group + ["theme_id"]]).transform("any")
    dominated = (has_wide & ~wide) | (~no_partner & has_theme_row)
    return df.loc[d.index[~dominated.to_numpy()]]


def _qualifier_of(qs: pd.Series) -> str:
    return _qualifier_of_set({str(v) for v in qs.dropna().unique()})


def _qualifier_of_set(vals: set[str]) -> str:
    """The qualifier of a figure made of rows with these qualifiers."""
    if not vals or vals == {"exact"}:
        return "exact"
    if vals <= {"exact", "lower_bound"}:
        return "lower_bound"
    if "upper_bound" in vals and len(vals) == 1:
        return "upper_bound"
    return "approximate"


def _total_qualifier(used: pd.DataFrame) -> str:
    """The qualifier of a sum of ``used``: a lower bound when it leaves a withheld value out."""
    q = _qualifier_of(used["qualifier"])
    withheld = "suppressed" in used.columns and bool(used["suppressed"].fillna(False).astype(bool).any())
    return _partial_qualifier(q) if withheld else q


def _sources_of(df: pd.DataFrame) -> str:
    return " ".join(sorted({str(v) for v in df["source_id"].dropna().unique()}))


def _finalise(rows: list[dict], level: str) -> pd.DataFrame:
    cols = ["code", "value", "qualifier", "n_rows", "source_ids", "period_end", "citation", "illustrative"]
    out = pd.DataFrame(rows, columns=cols)
    out["place_level"] = level
    out = suppress(out)
    return out.sort_values("code").reset_index(drop=True)


# --- values by place ----------------------------------------------------------

@cached(uses=("indicator", "programme", "theme", "partner", "period", "level", "province", "sex", "scheme"))
def values_by_place(snapshot: Any, f: Filters) -> pd.DataFrame:
    """The indicator's value for each province or regency that has one.

    Columns: code, value, qualifier, n_rows, source_ids, period_end, citation,
    illustrative, place_level, suppressed. Places without a figure are absent
    (the map shows them as "no data", never as zero). With ``f.province`` only
    that province's regencies are returned.
    """
    level = f.effective_level
    if f.indicator == PRESENCE:
        pres = presence_by_place(snapshot, f)
        pres = pres.rename(columns={"n_actors": "value"})
        pres["qualifier"] = "exact"
        return pres
    return _values_by_place_fast(snapshot, f)


PLACE_LEVELS = ("province", "regency", "district", "village")


@functools.lru_cache(maxsize=32)
def _placed(ref: _Ref, threshold: int, indicator: str, period: str) -> rollup.TotalsFlags:
    """The indicator's latest published place rows for a period, with every filter's
    :func:`_prefer_totals` decision (``data.rollup.TotalsFlags``), once per snapshot.

    The same rows as ``_latest_per_series(_base_obs(...))`` restricted to places: the filters
    select whole series, so taking the latest of each series first gives the same rows.
    """
    cols = _columns(ref, threshold)
    pos = cols.rows(indicator)
    if period != ALL:
        pos = pos[cols.years(pos) == int(period)]
    pos = rollup.latest_positions(cols, pos)
    pos = pos[cols.isin("place_level", PLACE_LEVELS, pos) & (cols.raw["place_code"][pos] >= 0)]
    return rollup.totals_flags(cols, pos)


def _filter_mask(cols: rollup.Columns, pos: np.ndarray, f: Filters) -> np.ndarray:
    """Rows at ``pos`` matching programme, theme, partner, scheme and sex (as :func:`_base_obs`)."""
    m = np.ones(len(pos), dtype=bool)
    for col, val in (("programme_id", f.programme), ("theme_id", f.theme), ("partner_id", f.partner),
                     ("scheme_id", f.scheme), ("sex", f.sex)):
        if val != ALL:
            m &= cols.equals(col, val, pos)
    return m


# what the stated rows' own steps read (qualifiers, sums, _summarise for not-additive indicators)
STATED_COLUMNS = ["value", "qualifier", "source_id", "period_end", "citation", "illustrative", "suppressed"]


def _target_names(names: pd.Index) -> pd.Index:
    """Target codes typed as the direct path makes them (``place_code.astype(str).str[:n]``)."""
    return pd.Index(pd.Series(names, dtype=object).astype(str), name="target")


def _values_by_place_fast(snapshot: Any, f: Filters) -> pd.DataFrame:
    """:func:`values_by_place` for an indicator, on integer codes (same frame as the direct path)."""
    level = f.effective_level
    agg = aggregation_of(snapshot, f.indicator)
    ref, threshold = _Ref(snapshot), privacy.threshold()
    cols = _columns(ref, threshold)
    flags = _placed(ref, threshold, str(f.indicator), f.period)
    pos = flags.pos
    m = _filter_mask(cols, pos, f)
    if f.province:
        m &= cols.code_starts_with(f.province, pos)
    m &= flags.keep(sex=f.sex != ALL, theme=f.theme != ALL, partner=f.partner != ALL)
    pos = pos[m]  # in _latest_per_series's order: by period end, then position
    names, tgt_of_code = cols.targets(LEVEL_LEN[level])
    names = _target_names(names)
    tgt = tgt_of_code[cols.raw["place_code"][pos]]
    is_stated = cols.equals("place_level", level, pos)
    is_finer = cols.isin("place_level", FINER[level], pos) if agg != "none" else np.zeros(len(pos), dtype=bool)

    def frame(p: np.ndarray, t: np.ndarray) -> pd.DataFrame:
        return cols.frame[STATED_COLUMNS].take(p).assign(target=names[t].to_numpy())

    stated = frame(pos[is_stated], tgt[is_stated])
    if agg == "none":
        used = stated.sort_values("period_end", kind="stable").drop_duplicates("target", keep="last")
        out = _summarise(used, used.groupby("target")["value"].sum(min_count=1))
    elif agg == "distinct":
        fpos, ftgt = pos[is_finer], tgt[is_finer]
        positive = cols.value[fpos] > 0  # NaN is not
        counts = rollup.distinct_places(cols, fpos[positive], tgt_of_code, len(names))
        counted = pd.Series(counts[counts > 0].astype(float), index=names[counts > 0], name="place_code")
        stated_v = stated.groupby("target")["value"].max()
        value = pd.concat([stated_v, counted], axis=1).max(axis=1)
        both_pos = np.concatenate([pos[is_stated], fpos])
        both_tgt = np.concatenate([tgt[is_stated], ftgt])
        out = _summarise_positions(cols, both_pos, both_tgt, names, value)
        n_stated = stated.groupby("target").size()
        both = set(n_stated[n_stated > 1].index) | (set(stated_v.index) & set(counted.index))
        out.loc[out["code"].isin(both) & (out["value"] > 0), "qualifier"] = "lower_bound"
        only_stated = out["code"].isin(set(stated_v.index) - set(counted.index))
        stated_q = stated.groupby("target")["qualifier"].agg(_qualifier_of)
        out.loc[only_stated, "qualifier"] = out.loc[only_stated, "code"].map(stated_q)
    else:
        # a stated figure withheld (it would reveal a small village count) falls back to the villages
        spos, stgt = pos[is_stated], tgt[is_stated]
        published = cols.has_value[spos]
        have = np.zeros(len(names), dtype=bool)
        have[stgt[published]] = True
        fb = is_finer & ~have[tgt]
        fallback_targets = np.zeros(len(names), dtype=bool)
        fallback_targets[tgt[fb]] = True
        keep = published | (~published & ~fallback_targets[stgt])
        used_pos = np.concatenate([spos[keep], pos[fb]])
        used_tgt = np.concatenate([stgt[keep], tgt[fb]])
        sums = rollup.per_target(cols, used_pos, used_tgt, len(names))
        value = pd.Series(sums["sum"], index=names).where(sums["n_values"] > 0)[sums["n_rows"] > 0]
        out = _summarise_positions(cols, used_pos, used_tgt, names, value, sums)
    out["place_level"] = level
    out = suppress(out)
    return out.sort_values("code").reset_index(drop=True)


def _values_by_place_direct(snapshot: Any, f: Filters) -> pd.DataFrame:
    """:func:`values_by_place` for an indicator, grouping the rows with pandas (the reference the
    fast path is tested against)."""
    level = f.effective_level
    agg = aggregation_of(snapshot, f.indicator)
    obs = _latest_per_series(_base_obs(snapshot, f, f.indicator))
    obs = obs[obs["place_level"].isin(("province", "regency", "district", "village"))]
    obs = obs[obs["place_code"].notna()]
    if f.province:
        obs = obs[obs["place_code"].astype(str).str.startswith(f.province)]
    obs = _prefer_totals(obs)
    n = LEVEL_LEN[level]
    obs = obs.assign(target=obs["place_code"].astype(str).str[:n])
    stated = obs[obs["place_level"] == level]
    finer = obs[obs["place_level"].isin(FINER[level])] if agg != "none" else obs.iloc[0:0]
    if agg == "none":
        used = stated.sort_values("period_end", kind="stable").drop_duplicates("target", keep="last")
        out = _summarise(used, used.groupby("target")["value"].sum(min_count=1))
    elif agg == "distinct":
        positive = finer[finer["value"].fillna(0) > 0]
        counted = positive.groupby("target")["place_code"].nunique().astype(float)
        stated_v = stated.groupby("target")["value"].max()
        value = pd.concat([stated_v, counted], axis=1).max(axis=1)
        out = _summarise(pd.concat([stated, finer]), value)
        n_stated = stated.groupby("target").size()
        both = set(n_stated[n_stated > 1].index) | (set(stated_v.index) & set(counted.index))
        out.loc[out["code"].isin(both) & (out["value"] > 0), "qualifier"] = "lower_bound"
        only_stated = out["code"].isin(set(stated_v.index) - set(counted.index))
        stated_q = stated.groupby("target")["qualifier"].agg(_qualifier_of)
        out.loc[only_stated, "qualifier"] = out.loc[only_stated, "code"].map(stated_q)
    else:
        # a stated figure withheld (it would reveal a small village count) falls back to the villages
        published = stated[stated["value"].notna()]
        have = set(published["target"])
        fallback = finer[~finer["target"].isin(have)]
        withheld = stated[stated["value"].isna() & ~stated["target"].isin(set(fallback["target"]))]
        used = pd.concat([published, fallback, withheld])
        out = _summarise(used, used.groupby("target")["value"].sum(min_count=1))
    out["place_level"] = level
    out = suppress(out)
    return out.sort_values("code").reset_index(drop=True)


def _joined(df: pd.DataFrame, col: str, sep: str = " ") -> pd.Series:
    """Per target: the distinct values of ``col``, sorted and joined (deduplicated before grouping)."""
    d = df[["target", col]].dropna()
    d = d.assign(**{col: d[col].astype(str)}).drop_duplicates().sort_values(["target", col])
    return d.groupby("target")[col].agg(sep.join)


def _qualifiers(df: pd.DataFrame) -> pd.Series:
    """Per target: the combined qualifier of its rows (vectorised :func:`_qualifier_of`)."""
    q = df["qualifier"].astype("string").fillna("exact")
    flags = pd.DataFrame({"target": df["target"].to_numpy(), "exact": (q == "exact").to_numpy(),
                          "lower": (q == "lower_bound").to_numpy(), "upper": (q == "upper_bound").to_numpy(),
                          "approx": (q == "approximate").to_numpy()})
    any_ = flags.groupby("target")[["exact", "lower", "upper", "approx"]].any()
    out = pd.Series("approximate", index=any_.index, dtype=object)
    out[~any_["lower"] & ~any_["upper"] & ~any_["approx"]] = "exact"
    out[any_["lower"] & ~any_["upper"] & ~any_["approx"]] = "lower_bound"
    out[any_["upper"] & ~any_["lower"] & ~any_["approx"] & ~any_["exact"]] = "upper_bound"
    return out


def _partial_qualifier(q: str) -> str:
    """The qualifier of a total that leaves a withheld value out: it is at least the published sum."""
    return q if q in ("lower_bound", "approximate") else ("lower_bound" if q == "exact" else "approximate")


def _privacy_marks(used: pd.DataFrame, by: Any) -> tuple[pd.Series, pd.Series]:
    """Per group: (leaves a withheld value out, has no published value at all)."""
    s = used["suppressed"].fillna(False).astype(bool) if "suppressed" in used.columns \
        else pd.Series(False, index=used.index)
    any_s = s.groupby(by).any()
    none_published = used["value"].notna().groupby(by).sum() == 0
    return any_s, any_s & none_published


def _summarise(used: pd.DataFrame, value: pd.Series) -> pd.DataFrame:
    """One row per target place: value, combined qualifier, sources, latest period, citation, suppressed.

    A place whose total leaves out a withheld village value is a lower bound; one
    with nothing published is kept, withheld (value NA, ``suppressed``).
    """
    if used.empty or value.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    g = used.groupby("target")
    n_rows = g.size()
    parts = {
        "qualifier": _qualifiers(used),
        "n_rows": n_rows,
        "source_ids": _joined(used, "source_id"),
        "period_end": g["period_end"].max(),
        "citation": g["citation"].first().astype(object).where(n_rows == 1, ""),
        "illustrative": g["illustrative"].any(),
    }
    partial, withheld = _privacy_marks(used, used["target"])
    return _summary(value, parts, partial, withheld)


SUMMARY_COLUMNS = ["code", "value", "qualifier", "n_rows", "source_ids", "period_end", "citation", "illustrative",
                   "suppressed"]


def _summary(value: pd.Series, parts: dict[str, pd.Series], partial: pd.Series, withheld: pd.Series
             ) -> pd.DataFrame:
    """:func:`_summarise`'s frame from its per-target parts (also made by :func:`_summarise_positions`)."""
    out = pd.DataFrame({"value": value.astype(float), **parts})
    out["suppressed"] = withheld.reindex(out.index, fill_value=False).astype(bool)
    part = partial.reindex(out.index, fill_value=False).astype(bool) & ~out["suppressed"]
    out.loc[part, "qualifier"] = out.loc[part, "qualifier"].map(_partial_qualifier)
    out.loc[out["suppressed"], "value"] = float("nan")
    out = out[out["value"].notna() | out["suppressed"]]
    return out.rename_axis("code").reset_index()[SUMMARY_COLUMNS]


def _summarise_positions(cols: rollup.Columns, pos: np.ndarray, tgt: np.ndarray, names: pd.Index,
                         value: pd.Series, per_target: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
    """:func:`_summarise` of the published rows at ``pos`` whose target is ``names[tgt]``, with numpy.

    The same frame as ``_summarise`` of those rows (a unit test compares them) without grouping
    hundreds of thousands of rows in pandas.
    """
    if len(pos) == 0 or value.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    a = per_target if per_target is not None else rollup.per_target(cols, pos, tgt, len(names))
    present = np.flatnonzero(a["n_rows"] > 0)
    idx = pd.Index(names[present], name="target")
    n_rows = pd.Series(a["n_rows"][present].astype(np.int64), index=idx)
    lower, upper, approx = a["q_lower"][present], a["q_upper"][present], a["q_approx"][present]
    exact = a["q_exact"][present]
    q = np.full(len(present), "approximate", dtype=object)
    q[~lower & ~upper & ~approx] = "exact"
    q[lower & ~upper & ~approx] = "lower_bound"
    q[upper & ~lower & ~approx & ~exact] = "upper_bound"
    src_names = np.asarray([str(c) for c in cols.cats["source_id"]], dtype=object)
    sources = [" ".join(src_names[row]) if row.any() else np.nan for row in a["sources"][present]]
    last = a["last_rank"][present]
    period_end = pd.Series([cols.period_values[r] if r >= 0 else np.nan for r in last], index=idx, dtype=object)
    cit_names = cols.cats["citation"].to_numpy(dtype=object)
    cit = a["citation"][present]
    citation = pd.Series([(cit_names[c] if c >= 0 else np.nan) if n == 1 else "" for c, n in
                          zip(cit, a["n_rows"][present])], index=idx, dtype=object)
    src = pd.Series(sources, index=idx, dtype=object)
    parts = {
        "qualifier": pd.Series(q, index=idx, dtype=object),
        "n_rows": n_rows,
        "source_ids": src[src.notna()].astype("str"),
        "period_end": period_end,
        "citation": citation,
        "illustrative": pd.Series(a["illustrative"][present], index=idx),
    }
    withheld = pd.Series(a["withheld"][present], index=idx)
    return _summary(value, parts, withheld, withheld & (a["n_values"][present] == 0))


# --- presence -------------------------------------------------------------------

@functools.lru_cache(maxsize=16)
def _observed_actors(ref: _Ref, period: str) -> pd.DataFrame:
    """Who the observations say works where: one row per distinct (place, programme, partner, area,
    source), once per snapshot and period (a full-size snapshot has 686k observations but far
    fewer such rows). Internal and shared: never modified in place."""
    obs = ref.snap.tables["observations"]
    if period != ALL:
        obs = obs[_years(obs["period_end"]) == int(period)]
    cols = ["place_code", "place_level", "programme_id", "partner_id", "theme_id", "source_id", "illustrative"]
    d = obs[cols].drop_duplicates()
    return pd.DataFrame({
        "code": d["place_code"].astype(object), "place_level": d["place_level"].astype(object),
        "programme_id": d["programme_id"].astype(object), "partner_id": d["partner_id"].astype(object),
        "theme_id": d["theme_id"].astype(object), "community": pd.NA, "source_id": d["source_id"].astype(object),
        "illustrative": d["illustrative"]}).reset_index(drop=True)


def _actor_rows(snapshot: Any, f: Filters) -> pd.DataFrame:
    """Who works where: one row per (place code, programme, partner) from presence, observations, policies."""
    parts = []
    pres = snapshot.tables["presence"]
    parts.append(pd.DataFrame({
        "code": pres["place_code"], "place_level": pres["place_level"], "programme_id": pres["programme_id"],
        "partner_id": pres["partner_id"], "theme_id": pres["theme_id"], "community": pres["community"],
        "source_id": pres["source_id"], "illustrative": pres["illustrative"]}))
    parts.append(_observed_actors(_Ref(snapshot), f.period))
    pol = snapshot.tables["policies"]
    if f.period != ALL:
        pol = pol[pol["date"].map(_year) == int(f.period)]
    pol_rows = []
    for r in pol.itertuples(index=False):
        partners = _str(r.partner_ids).split() or [None]
        for p in partners:
            pol_rows.append(dict(code=r.place_code, place_level=r.place_level, programme_id=r.programme_id,
                                 partner_id=p, theme_id=r.theme_id, community=pd.NA, source_id=r.source_id,
                                 illustrative=r.illustrative))
    if pol_rows:
        parts.append(pd.DataFrame(pol_rows))
    df = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else parts[0]
    df = df[df["place_level"].isin(("province", "regency", "district", "village")) & df["code"].notna()]
    for col, val in (("programme_id", f.programme), ("theme_id", f.theme), ("partner_id", f.partner)):
        if val != ALL:
            df = df[df[col] == val]
    return df


@cached()
def presence_by_place(snapshot: Any, f: Filters) -> pd.DataFrame:
    """Number of distinct organisations (partner, or the programme when no partner is named) per place."""
    if len(f.province) > CELL_CODE_LEN:
        return _presence_by_place_direct(snapshot, f)
    cells = _actor_cells(_Ref(snapshot), f.period)
    for col, val in (("programme_id", f.programme), ("theme_id", f.theme), ("partner_id", f.partner)):
        if val != ALL:
            cells = cells[cells[col] == val]
    return _presence_summary(cells, f)


# actor rows are collapsed to regencies: every level the map shows is that long or shorter
CELL_CODE_LEN = 5


@functools.lru_cache(maxsize=16)
def _actor_cells(ref: _Ref, period: str) -> pd.DataFrame:
    """:func:`_actor_rows` (all programmes, themes, partners) with codes cut to regencies and identical
    rows collapsed into one with their number in ``_n``, once per snapshot and period.

    :func:`presence_by_place` counts distinct values per place and rows (``n_rows``), so the
    collapsed rows give the same answer: a full-size snapshot's hundreds of thousands of village
    rows become a few thousand. Internal and shared: never modified in place.
    """
    df = _actor_rows(ref.snap, Filters(period=period))
    code = df["code"].astype(str)
    df = df.assign(code=code.where(code.str.len() <= CELL_CODE_LEN, code.str[:CELL_CODE_LEN]))
    keys = ["code", "place_level", "programme_id", "partner_id", "theme_id", "community", "source_id", "illustrative"]
    groups = rollup._group_ids([pd.factorize(df[c])[0] + 1 for c in keys])
    if len(groups) == 0:
        return df.assign(_n=np.zeros(0, dtype=np.int64))
    first = np.sort(np.unique(groups, return_index=True)[1])
    counts = np.bincount(groups)
    return df.iloc[first].assign(_n=counts[groups[first]]).reset_index(drop=True)


def _presence_by_place_direct(snapshot: Any, f: Filters) -> pd.DataFrame:
    """:func:`presence_by_place` from every actor row (the reference the collapsed rows are tested against)."""
    return _presence_summary(_actor_rows(snapshot, f).assign(_n=1), f)


def _presence_summary(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """presence_by_place of actor rows, each standing for ``_n`` identical ones."""
    level = f.effective_level
    n = LEVEL_LEN[level]
    if f.province:
        df = df[df["code"].astype(str).str.startswith(f.province)]
    allowed_levels = ("province",) + FINER["province"] if level == "province" else (level,) + FINER[level]
    df = df[df["place_level"].isin(allowed_levels)].copy()
    df["target"] = df["code"].astype(str).str[:n]
    cols = ["code", "n_actors", "n_programmes", "n_partners", "programme_ids", "partner_ids", "communities",
            "source_ids", "n_rows", "illustrative"]
    if df.empty:
        out = pd.DataFrame(columns=cols)
        out["place_level"] = level
        out["suppressed"] = False
        return out
    df["programme_id"] = df["programme_id"].astype(str)
    named = df[df["partner_id"].notna()].assign(partner_id=lambda x: x["partner_id"].astype(str))
    pairs = named[["target", "partner_id"]].drop_duplicates()
    covered = set(zip(named["target"], named["programme_id"]))
    bare = df[df["partner_id"].isna()][["target", "programme_id"]].drop_duplicates()
    keep = pd.Series([(t_, p_) not in covered for t_, p_ in zip(bare["target"], bare["programme_id"])],
                     index=bare.index, dtype=bool)
    bare = bare.loc[keep]
    n_actors = pairs.groupby("target").size().add(bare.groupby("target").size(), fill_value=0)

    g = df.groupby("target")
    out = pd.DataFrame({
        "n_actors": n_actors.astype(float),
        "n_programmes": g["programme_id"].nunique(),
        "n_partners": named.groupby("target")["partner_id"].nunique(),
        "programme_ids": _joined(df, "programme_id"),
        "partner_ids": _joined(named, "partner_id"),
        "communities": _joined(df, "community", "; "),
        "source_ids": _joined(df, "source_id"),
        "n_rows": g["_n"].sum(),
        "illustrative": g["illustrative"].any(),
    })
    out["communities"] = out["communities"].fillna("")
    out["n_partners"] = out["n_partners"].fillna(0).astype(int)
    out["partner_ids"] = out["partner_ids"].fillna("")
    out = out.rename_axis("code").reset_index()[cols]
    out["place_level"] = level
    out["suppressed"] = False
    return out


# --- KPIs and national figures -----------------------------------------------------

@cached(uses=("indicator", "programme", "theme", "partner", "period", "sex", "scheme"))
def kpis(snapshot: Any, f: Filters, limit: int = 0) -> pd.DataFrame:
    """National headline figures with their qualifiers, one per series (latest).

    Programme-wide figures come first (theme and partner empty), then the rest,
    in indicator order. ``limit`` > 0 keeps the first N.
    """
    indicator = None if f.indicator == PRESENCE else f.indicator
    # place_level is part of every series: national rows first, then the latest of each
    obs = _latest_per_series(_base_obs(snapshot, f, indicator, levels=("national",)))
    if obs.empty:
        return _empty_kpis()
    out = _with_indicator(obs, snapshot)
    out["wide"] = out["theme_id"].isna() & out["partner_id"].isna()
    out = out.sort_values(["wide", "sort_order", "programme_id", "sex", "scheme_id"],
                          ascending=[False, True, True, True, True], na_position="first")
    out = out.drop(columns="wide").reset_index(drop=True)
    if limit:
        out = out.head(limit)
    return suppress(out)


# Beranda's headline set, chosen deliberately: one group per category, in this order:
# reach, groups, policy, social-protection enrolment.
HEADLINE_INDICATORS = ("villages_reached", "communities_reached", "groups_formed", "group_members",
                       "policy_decisions", "sp_enrolment")


@cached(uses=("period",))
def headline_kpis(snapshot: Any, f: Filters) -> pd.DataFrame:
    """Beranda's headline figures, with their qualifiers ("lebih dari 600").

    Every national figure of :data:`HEADLINE_INDICATORS` (the latest of each series) that is a
    programme's own: programme-wide or for one of its thematic areas; a partner's figure only when
    its programme states none for that indicator. Ordered by the headline list, then programme,
    programme-wide before thematic, sex and scheme. Only ``f.period`` applies. When the snapshot
    has none of the headline indicators, the general :func:`kpis`.
    """
    base = Filters(period=f.period)
    parts = []
    for ind_id in HEADLINE_INDICATORS:
        obs = _latest_per_series(_base_obs(snapshot, base, ind_id, levels=("national",)))
        if obs.empty:
            continue
        own = obs[obs["partner_id"].isna()]
        by_partner = obs[obs["partner_id"].notna() & ~obs["programme_id"].isin(set(own["programme_id"]))]
        parts.append(pd.concat([own, by_partner]))
    if not parts:
        return kpis(snapshot, base)
    out = _with_indicator(pd.concat(parts, ignore_index=True), snapshot)
    schemes = dict(zip(snapshot.tables["schemes"]["scheme_id"], snapshot.tables["schemes"]["sort_order"]))
    out = out.assign(_h=out["indicator_id"].map({i: k for k, i in enumerate(HEADLINE_INDICATORS)}),
                     _thematic=out["theme_id"].notna(), _sex=out["sex"].map({"total": 0, "female": 1, "male": 2}),
                     _scheme=out["scheme_id"].map(schemes))
    out = out.sort_values(["_h", "programme_id", "_thematic", "theme_id", "_sex", "_scheme"], na_position="first",
                          kind="stable")
    out = out.drop(columns=["_h", "_thematic", "_sex", "_scheme"]).reset_index(drop=True)
    return suppress(out)


def _with_indicator(obs: pd.DataFrame, snapshot: Any) -> pd.DataFrame:
    """Observations with their indicator's catalogue entry (names, units, order, category, aggregation)."""
    ind = snapshot.tables["indicators"][["indicator_id", "sort_order", "name_id", "name_en", "unit_id", "unit_en",
                                         "category", "aggregation"]]
    return obs.merge(ind, on="indicator_id", how="left")


def _empty_kpis() -> pd.DataFrame:
    return pd.DataFrame(columns=["observation_id", "indicator_id", "programme_id", "value", "qualifier", "sex",
                                 "scheme_id", "source_id", "citation", "name_id", "name_en", "unit_id", "unit_en",
                                 "period_end", "suppressed"])


@cached()
def national_totals(snapshot: Any, f: Filters, by: tuple[str, ...], indicator: str) -> pd.DataFrame:
    """The indicator per group in ``by`` (e.g. scheme_id): national rows when stated, else the sum of places.

    Columns: *by, value, qualifier, source_ids, period_end, illustrative, from_places (bool).
    """
    obs = _latest_per_series(_base_obs(snapshot, f, indicator))
    if f.province:
        obs = obs[obs["place_code"].astype("string").fillna("").str.startswith(f.province)]
    rows = []
    if obs.empty:
        return pd.DataFrame(columns=[*by, "value", "qualifier", "source_ids", "period_end", "illustrative",
                                     "from_places"])
    keys = list(by)
    grouped = obs.groupby([obs[k].astype("string").fillna("") for k in keys]) if keys else [((), obs)]
    agg = aggregation_of(snapshot, indicator)
    for gkey, g in grouped:
        gkey = gkey if isinstance(gkey, tuple) else (gkey,)
        nat = _prefer_totals(g[g["place_level"] == "national"])
        nat = nat[nat["value"].notna()]  # a withheld national figure: the published places instead
        if len(nat) and not f.province:
            used, from_places = nat, False
            value = float(used["value"].sum())
        else:
            places = g[g["place_level"].isin(("province", "regency", "district", "village"))]
            if places.empty:
                continue
            # The finest level stated (e.g. villages) is the one that adds up without overlap.
            rank = places["place_level"].map({"village": 0, "district": 1, "regency": 2, "province": 3})
            finest = places[rank == rank.min()]
            used, from_places = _prefer_totals(finest), True
            if agg == "distinct":
                value = float(used[used["value"].fillna(0) > 0]["place_code"].nunique())
            elif agg == "none":
                continue
            else:
                value = float(used["value"].sum(min_count=1))
            if pd.isna(value):  # every figure withheld (small counts): nothing to publish
                continue
        row = {k: (v if v != "" else None) for k, v in zip(keys, gkey)}
        row.update(value=value, qualifier=_total_qualifier(used), source_ids=_sources_of(used),
                   period_end=used["period_end"].max(), illustrative=bool(used["illustrative"].any()),
                   from_places=from_places)
        rows.append(row)
    return pd.DataFrame(rows, columns=[*by, "value", "qualifier", "source_ids", "period_end", "illustrative",
                                       "from_places"])


@cached()
def enrolment_by_scheme(snapshot: Any, f: Filters) -> pd.DataFrame:
    """Social-protection enrolment per scheme and programme (national if stated, else summed places)."""
    df = national_totals(snapshot, f.replace(scheme=f.scheme), ("scheme_id", "programme_id"), "sp_enrolment")
    sch = snapshot.tables["schemes"][["scheme_id", "name_id", "name_en", "kind", "sort_order"]]
    out = df.merge(sch, on="scheme_id", how="left").sort_values(["sort_order", "programme_id"])
    return out.reset_index(drop=True)


@cached()
def enrolment_by_partner(snapshot: Any, f: Filters) -> pd.DataFrame:
    """Enrolment per programme and partner (all schemes unless one is chosen)."""
    return national_totals(snapshot, f, ("programme_id", "partner_id"), "sp_enrolment")


@cached()
def indicators_summary(snapshot: Any, f: Filters) -> pd.DataFrame:
    """One value per indicator and programme under the filters (for theme and partner pages)."""
    rows = []
    ind = snapshot.tables["indicators"].sort_values("sort_order")
    for r in ind.itertuples(index=False):
        if r.aggregation == "none":
            obs = _latest_per_series(_base_obs(snapshot, f, r.indicator_id))
            obs = obs[obs["place_level"] == "national"]
            for o in obs.itertuples(index=False):
                rows.append(dict(indicator_id=r.indicator_id, programme_id=o.programme_id, value=o.value,
                                 qualifier=o.qualifier, source_ids=o.source_id, period_end=o.period_end,
                                 illustrative=o.illustrative, from_places=False))
            continue
        t = national_totals(snapshot, f, ("programme_id",), r.indicator_id)
        for o in t.itertuples(index=False):
            rows.append(dict(indicator_id=r.indicator_id, programme_id=o.programme_id, value=o.value,
                             qualifier=o.qualifier, source_ids=o.source_ids, period_end=o.period_end,
                             illustrative=o.illustrative, from_places=o.from_places))
    out = pd.DataFrame(rows, columns=["indicator_id", "programme_id", "value", "qualifier", "source_ids",
                                      "period_end", "illustrative", "from_places"])
    meta = ind[["indicator_id", "name_id", "name_en", "unit_id", "unit_en", "sort_order", "category"]]
    return out.merge(meta, on="indicator_id", how="left").reset_index(drop=True)


# --- observation rows (the read API) --------------------------------------------------

@cached(maxsize=64)
def observations(snapshot: Any, f: Filters) -> pd.DataFrame:
    """Observation rows as published (withheld values NA, ``suppressed``), filtered like the pages.

    Row filters: indicator (``presence`` = every indicator), programme, theme,
    partner, scheme, sex (a value other than ``all``), period (the year the
    period ends), province/place (that place and everything inside it).
    The same base step as every chart (:func:`_base_obs`), so the API and the
    pages apply one rule. Sorted by indicator, period end, place, id.
    """
    obs = _base_obs(snapshot, f, None if f.indicator == PRESENCE else f.indicator)
    codes = obs["place_code"].astype("string").fillna("")
    for code in (f.province, f.place):
        if code:
            obs = obs[((codes == code) | codes.str.startswith(code + ".")).loc[obs.index].to_numpy()]
    return obs.sort_values(["indicator_id", "period_end", "place_code", "observation_id"],
                           na_position="first", kind="stable").reset_index(drop=True)


# --- time series ------------------------------------------------------------------

@cached(uses=("indicator", "programme", "theme", "partner", "province", "sex", "scheme"))
def time_series(snapshot: Any, f: Filters) -> pd.DataFrame:
    """The indicator over time: one point per (period end, programme).

    National rows when the programme states them; otherwise the place figures
    of that period summed (or distinct places counted). Columns: period_end,
    year, programme_id, value, qualifier, source_ids, illustrative.
    """
    return _time_series_fast(snapshot, f)


TIME_SERIES_COLUMNS = ["period_end", "year", "programme_id", "value", "qualifier", "source_ids", "illustrative"]


@functools.lru_cache(maxsize=32)
def _series_flags(ref: _Ref, threshold: int, indicator: str) -> rollup.TotalsFlags:
    """All the indicator's published rows with :func:`_prefer_totals`'s decisions per period end
    (``time_series`` applies it within each period end and programme), once per snapshot."""
    cols = _columns(ref, threshold)
    pos = cols.rows(indicator)
    return rollup.totals_flags(cols, pos, extra=[cols.pe_rank[pos]])


def _time_series_fast(snapshot: Any, f: Filters) -> pd.DataFrame:
    """:func:`time_series` on integer codes (the same frame as :func:`_time_series_direct`)."""
    indicator = "villages_reached" if f.indicator == PRESENCE else f.indicator
    ref, threshold = _Ref(snapshot), privacy.threshold()
    cols = _columns(ref, threshold)
    flags = _series_flags(ref, threshold, str(indicator))
    pos = flags.pos
    m = _filter_mask(cols, pos, f)
    if f.province:
        m &= cols.code_starts_with(f.province, pos)
    pos = pos[m & flags.keep(sex=f.sex != ALL, theme=f.theme != ALL, partner=f.partner != ALL)]
    agg = aggregation_of(snapshot, indicator)
    rank, prog = cols.pe_rank[pos], cols.raw["programme_id"][pos]
    nprog = len(cols.cats["programme_id"])
    ok = (rank < len(cols.period_values)) & (prog >= 0)
    group = rank.astype(np.int64) * nprog + prog
    pos, group = pos[ok], group[ok]
    small = group.astype(np.uint16) if len(group) and group.max() < 2 ** 16 else group  # radix sort
    order = np.argsort(small, kind="stable")  # each group's rows together
    pos, group = pos[order], group[order]
    national = cols.equals("place_level", "national", pos)
    counts = np.bincount(group) if len(group) else np.zeros(0, dtype=np.int64)
    ends = np.cumsum(counts)
    rows = []
    for gid in np.flatnonzero(counts):
        g = slice(int(ends[gid] - counts[gid]), int(ends[gid]))
        gpos, gnat = pos[g], national[g]
        nat = gpos[gnat & cols.has_value[gpos]]
        if len(nat) and not f.province:
            used = nat
            value = float(cols.value[used].sum())
        else:
            used = gpos[~gnat]
            if len(used) == 0 or agg == "none":
                continue
            if agg == "distinct":
                codes = cols.raw["place_code"][used[cols.value[used] > 0]]
                value = float(np.count_nonzero(np.bincount(codes[codes >= 0]))) if len(codes) else 0.0
            else:
                have = cols.has_value[used]
                if not have.any():  # every figure withheld (small counts)
                    continue
                value = float(cols.value[used][have].sum())
        end = cols.period_values[gid // nprog]
        rows.append(dict(period_end=end, year=int(end.year), programme_id=cols.cats["programme_id"][gid % nprog],
                         value=value, qualifier=_total_qualifier_at(cols, used),
                         source_ids=" ".join(sorted(_texts_at(cols, "source_id", used))),
                         illustrative=bool(cols.illustrative[used].any())))
    return pd.DataFrame(rows, columns=TIME_SERIES_COLUMNS)


def _texts_at(cols: rollup.Columns, col: str, pos: np.ndarray) -> set[str]:
    """The distinct (non-missing) values of a text column at ``pos``, as strings."""
    codes = cols.raw[col][pos]
    present = np.flatnonzero(np.bincount(codes[codes >= 0], minlength=len(cols.cats[col])))
    return {str(cols.cats[col][c]) for c in present}


def _total_qualifier_at(cols: rollup.Columns, pos: np.ndarray) -> str:
    """:func:`_total_qualifier` of the rows at ``pos``."""
    q = _qualifier_of_set(_texts_at(cols, "qualifier", pos))
    return _partial_qualifier(q) if cols.suppressed[pos].any() else q


def _time_series_direct(snapshot: Any, f: Filters) -> pd.DataFrame:
    """:func:`time_series` grouping the rows with pandas (the reference the fast path is tested against)."""
    indicator = f.indicator
    if indicator == PRESENCE:
        indicator = "villages_reached"
    obs = _base_obs(snapshot, f.replace(period=ALL), indicator)
    if f.province:
        obs = obs[obs["place_code"].astype("string").fillna("").str.startswith(f.province)]
    agg = aggregation_of(snapshot, indicator)
    rows = []
    for (end, prog), g in obs.groupby(["period_end", "programme_id"], sort=True):
        nat = _prefer_totals(g[g["place_level"] == "national"])
        nat = nat[nat["value"].notna()]  # a withheld national figure: the published places instead
        if len(nat) and not f.province:
            used = nat
            value = float(used["value"].sum())
        else:
            used = _prefer_totals(g[g["place_level"] != "national"])
            if used.empty or agg == "none":
                continue
            value = (float(used[used["value"].fillna(0) > 0]["place_code"].nunique()) if agg == "distinct"
                     else float(used["value"].sum(min_count=1)))
            if pd.isna(value):  # every figure withheld (small counts)
                continue
        rows.append(dict(period_end=end, year=int(end.year), programme_id=prog, value=value,
                         qualifier=_total_qualifier(used), source_ids=_sources_of(used),
                         illustrative=bool(used["illustrative"].any())))
    return pd.DataFrame(rows, columns=["period_end", "year", "programme_id", "value", "qualifier", "source_ids",
                                       "illustrative"])


# --- policies ---------------------------------------------------------------------

LEVEL_ORDER = {"village": 0, "regency": 1, "province": 2, "national": 3}


@cached()
def policies(snapshot: Any, f: Filters) -> pd.DataFrame:
    """Policy wins under the filters, searched (``q``) and sorted (``sort``)."""
    pol = snapshot.tables["policies"].copy()
    m = pd.Series(True, index=pol.index)
    if f.programme != ALL:
        m &= pol["programme_id"] == f.programme
    if f.theme != ALL:
        m &= pol["theme_id"] == f.theme
    if f.partner != ALL:
        m &= pol["partner_ids"].astype("string").fillna("").str.split().map(lambda xs: f.partner in xs)
    if f.policy_level != ALL:
        m &= pol["level"] == f.policy_level
    if f.instrument != ALL:
        m &= pol["instrument"].astype("string").str.lower() == f.instrument
    if f.period != ALL:
        m &= pol["date"].map(_year) == int(f.period)
    province = f.province or (f.place[:2] if f.place else "")
    if province:
        code = f.place or province
        m &= pol["place_code"].astype("string").fillna("").str.startswith(code)
    pol = pol[m.fillna(False)]
    if f.q:
        hay = (pol["title_id"].astype("string").fillna("") + " " + pol["title_en"].astype("string").fillna("") + " "
               + pol["place_name"].astype("string").fillna("") + " " + pol["instrument"].astype("string").fillna("")
               + " " + pol["citation"].astype("string").fillna("")).str.lower()
        for word in f.q.lower().split():
            pol = pol[hay.loc[pol.index].str.contains(word, regex=False)]
    key = f.sort.lstrip("-")
    desc = f.sort.startswith("-")
    if key == "level":
        pol = pol.assign(_o=pol["level"].map(LEVEL_ORDER))
        pol = pol.sort_values(["_o", "date"], ascending=[not desc, False]).drop(columns="_o")
    elif key == "title":
        # the title the reader sees: English when lang=en (falling back to the Indonesian one)
        shown = pol["title_id"].astype("string").fillna("")
        if f.lang == "en":
            en = pol["title_en"].astype("string").fillna("").str.strip()
            shown = en.where(en != "", shown)
        pol = pol.assign(_o=shown.str.lower()).sort_values(["_o", "policy_id"], ascending=[not desc, True])
        pol = pol.drop(columns="_o")
    elif key == "place":
        pol = pol.assign(_o=pol["place_name"].astype("string").fillna("").str.lower())
        pol = pol.sort_values(["_o", "date"], ascending=[not desc, False]).drop(columns="_o")
    else:
        pol = pol.sort_values(["date", "policy_id"], ascending=[not desc, True])
    return pol.reset_index(drop=True)


@cached()
def policies_by_place(snapshot: Any, f: Filters) -> pd.DataFrame:
    """Number of policy wins per province or regency (national wins are counted separately)."""
    level = f.effective_level
    n = LEVEL_LEN[level]
    pol = policies(snapshot, f.replace(q="", sort="-date"))
    placed = pol[pol["place_code"].notna() & pol["place_level"].isin(("province",) + FINER["province"])]
    if level == "regency":
        placed = placed[placed["place_level"] != "province"]
    rows = []
    for code, g in placed.groupby(placed["place_code"].astype(str).str[:n]):
        rows.append(dict(code=code, value=float(len(g)), qualifier="exact", n_rows=len(g),
                         source_ids=_sources_of(g), period_end=g["date"].max(),
                         citation=str(g["citation"].iloc[0]) if len(g) == 1 else "",
                         illustrative=bool(g["illustrative"].any())))
    return _finalise(rows, level)


def national_policy_count(snapshot: Any, f: Filters) -> int:
    pol = policies(snapshot, f.replace(q="", sort="-date"))
    return int((pol["place_level"] == "national").sum())


# --- profiles ----------------------------------------------------------------------

@cached()
def place_profile(snapshot: Any, code: str, period: str = ALL) -> dict[str, pd.DataFrame]:
    """Everything stated in or under a province/regency: figures, who works there, policies."""
    f = Filters(period=period)
    obs = _latest_per_series(_base_obs(snapshot, f, None))
    inside = obs["place_code"].astype("string").fillna("")
    obs = obs[(inside == code) | inside.str.startswith(code + ".")]
    level = "province" if len(code) == 2 else "regency"
    figures = []
    for ind_id, g in obs.groupby("indicator_id"):
        v = values_by_place(snapshot, Filters(indicator=str(ind_id), level=level, province=code[:2]
                                              if level == "regency" else code, period=period))
        if level == "province":
            v = values_by_place(snapshot, Filters(indicator=str(ind_id), level="province", period=period))
        hit = v[v["code"] == code]
        if len(hit):
            figures.append(dict(indicator_id=ind_id, **hit.iloc[0].drop(labels=["code"]).to_dict()))
    fig = pd.DataFrame(figures)
    if len(fig):
        ind = snapshot.tables["indicators"][["indicator_id", "name_id", "name_en", "unit_id", "unit_en",
                                             "sort_order"]]
        fig = fig.merge(ind, on="indicator_id", how="left").sort_values("sort_order").reset_index(drop=True)
    actors = _actor_rows(snapshot, f)
    a_in = actors["code"].astype(str)
    actors = actors[(a_in == code) | a_in.str.startswith(code + ".")]
    named = set(actors.dropna(subset=["partner_id"])["programme_id"].astype(str))
    actors = actors[actors["partner_id"].notna() | ~actors["programme_id"].astype(str).isin(named)]
    pres = (actors.groupby(["programme_id", actors["partner_id"].astype("string").fillna("")], dropna=False)
            .agg(communities=("community", lambda s: "; ".join(sorted({str(x) for x in s.dropna()}))),
                 source_ids=("source_id", lambda s: " ".join(sorted(set(s.dropna().astype(str))))),
                 n_places=("code", "nunique"))
            .reset_index())
    pol = policies(snapshot, Filters(place=code, period=period))
    # the observations come from the protected base step: withheld values are already NA
    return {"figures": fig, "presence": pres, "policies": pol, "observations": obs.reset_index(drop=True)}


@cached()
def partner_profile(snapshot: Any, partner_id: str) -> dict[str, Any]:
    """A partner, its initiatives, themes, where it works, its figures and policy wins."""
    partners = snapshot.tables["partners"]
    row = partners[partners["partner_id"] == partner_id]
    if row.empty:
        return {}
    f = Filters(partner=partner_id)
    inits = snapshot.tables["initiatives"]
    themes = snapshot.tables["partner_themes"]
    obs = _latest_per_series(_base_obs(snapshot, f, None))
    ind = snapshot.tables["indicators"][["indicator_id", "name_id", "name_en", "unit_id", "unit_en", "sort_order"]]
    obs = obs.merge(ind, on="indicator_id", how="left").sort_values(["sort_order", "place_level"])
    where = presence_by_place(snapshot, f.replace(level="province"))
    return {
        "partner": row.iloc[0].to_dict(),
        "initiatives": inits[inits["partner_id"] == partner_id].reset_index(drop=True),
        "themes": themes[themes["partner_id"] == partner_id]["theme_id"].tolist(),
        "figures": obs.reset_index(drop=True),  # protected in the base step
        "places": where,
        "regencies": presence_by_place(snapshot, f.replace(level="regency")),
        "policies": policies(snapshot, f),
        "children": partners[partners["parent_partner_id"] == partner_id].reset_index(drop=True),
    }


@cached()
def partners_overview(snapshot: Any, f: Filters) -> pd.DataFrame:
    """Each partner with its programme, themes, initiatives and number of provinces/regencies it works in."""
    partners = snapshot.tables["partners"]
    if f.programme != ALL:
        partners = partners[partners["programme_id"] == f.programme]
    pt = snapshot.tables["partner_themes"]
    if f.theme != ALL:
        partners = partners[partners["partner_id"].isin(pt[pt["theme_id"] == f.theme]["partner_id"])]
    actors = _actor_rows(snapshot, Filters())
    inits = snapshot.tables["initiatives"]
    rows = []
    for r in partners.itertuples(index=False):
        a = actors[actors["partner_id"] == r.partner_id]
        codes = a["code"].astype(str)
        rows.append(dict(partner_id=r.partner_id, name=r.name, programme_id=r.programme_id,
                         themes=" ".join(sorted(pt[pt["partner_id"] == r.partner_id]["theme_id"])),
                         initiatives=", ".join(sorted(inits[inits["partner_id"] == r.partner_id]["name"])),
                         n_provinces=int(codes.str[:2].nunique()),
                         n_regencies=int(codes[codes.str.len() >= 5].str[:5].nunique())))
    out = pd.DataFrame(rows, columns=["partner_id", "name", "programme_id", "themes", "initiatives", "n_provinces",
                                      "n_regencies"])
    if f.q:
        hay = (out["name"] + " " + out["initiatives"] + " " + out["partner_id"]).str.lower()
        for w in f.q.lower().split():
            out = out[hay.loc[out.index].str.contains(w, regex=False)]
    return out.sort_values(["programme_id", "name"]).reset_index(drop=True)


# --- thematic areas ---------------------------------------------------------------

PLACE_LEVELS = ("province", "regency", "district", "village")


@cached()
def theme_place_figures(snapshot: Any, f: Filters) -> pd.DataFrame:
    """A thematic area's (``f.theme``) figures by place, at the level the sources state them.

    For every indicator with figures stated for places in the area: one row per regency (figures
    for its districts and villages rolled up as the indicator's aggregation allows; see
    :func:`values_by_place`) and one per province stated as such. National figures are not here.
    Columns: indicator_id, place_level, code, value, qualifier, source_ids, period_end, citation,
    illustrative, suppressed, sort_order.
    """
    cols = ["indicator_id", "place_level", "code", "value", "qualifier", "source_ids", "period_end", "citation",
            "illustrative", "suppressed", "sort_order"]
    if f.theme == ALL:
        return pd.DataFrame(columns=cols)
    base = Filters(theme=f.theme, period=f.period)
    obs = _base_obs(snapshot, base, None)
    placed = obs[obs["place_level"].isin(PLACE_LEVELS) & obs["place_code"].notna()]
    parts = []
    for ind_id in sorted(set(placed["indicator_id"].astype(str))):
        rows = placed[placed["indicator_id"] == ind_id]
        if (rows["place_level"] != "province").any():
            v = values_by_place(snapshot, base.replace(indicator=ind_id, level="regency"))
            parts.append(v.assign(indicator_id=ind_id))
        stated = set(rows.loc[rows["place_level"] == "province", "place_code"].astype(str))
        if stated:
            v = values_by_place(snapshot, base.replace(indicator=ind_id, level="province"))
            parts.append(v[v["code"].isin(stated)].assign(indicator_id=ind_id))
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    order = snapshot.tables["indicators"][["indicator_id", "sort_order"]]
    out = out.merge(order, on="indicator_id", how="left")
    out["_lv"] = out["place_level"].map({"province": 0, "regency": 1})
    out = out.sort_values(["sort_order", "_lv", "code"], kind="stable").drop(columns="_lv")
    return out[cols].reset_index(drop=True)


# --- releases ---------------------------------------------------------------------

FACT_KEYS = {"observations": ("observation_id", ("value", "qualifier", "period_end")),
             "policies": ("policy_id", ("date", "stage", "title_id")),
             "presence": ("presence_id", ("place_code", "programme_id", "partner_id"))}


def release_changes(new: Any, old: Any | None) -> dict[str, Any]:
    """What changed from ``old`` to ``new``.

    ``changes``: one row per changed series from ``data.diff.diff_versions``
    (appeared / disappeared / rose / fell / restated), the same rows the
    ``peta-inklusi diff`` command prints; ``tables``: added / removed /
    changed counts per fact table (policies and presence included).
    """
    if old is None:
        return {"old": None, "tables": {}, "changes": pd.DataFrame()}
    return _copy(_release_changes_cached(_Ref(new), _Ref(old), privacy.threshold()))


def _withhold_changes(changes: pd.DataFrame, snap: Any, threshold: int, side: str) -> pd.DataFrame:
    """Blank ``value_<side>`` where that version withholds the observation (public output)."""
    from data.diff import SERIES
    pub = _protected(_Ref(snap), threshold)
    hidden = pub[pub["suppressed"]]
    col, end = f"value_{side}", f"period_end_{side}"
    if hidden.empty or changes.empty:
        return changes
    key = lambda df, e: (df[list(SERIES)].astype("string").fillna("").agg("|".join, axis=1)  # noqa: E731
                         + "|" + df[e].astype(str))
    gone = set(key(hidden, "period_end"))
    mask = key(changes, end).isin(gone).to_numpy()
    changes = changes.copy()
    changes.loc[mask, col] = pd.NA
    changes.loc[mask, f"qualifier_{side}"] = None
    if "delta" in changes.columns:
        changes.loc[mask, "delta"] = pd.NA
    return changes


@functools.lru_cache(maxsize=16)
def _release_changes_cached(new_ref: _Ref, old_ref: _Ref, threshold: int) -> dict[str, Any]:
    from data.diff import diff_versions
    new, old = new_ref.snap, old_ref.snap
    tables = {}
    for name, (key, cols) in FACT_KEYS.items():
        a = old.tables[name].set_index(key)
        b = new.tables[name].set_index(key)
        common = a.index.intersection(b.index)
        changed = [i for i in common if any(_str(a.at[i, c]) != _str(b.at[i, c]) for c in cols if c in a.columns)]
        tables[name] = {"added": len(b.index.difference(a.index)), "removed": len(a.index.difference(b.index)),
                        "changed": len(changed)}
    changes = diff_versions(old, new)
    # public output: a withheld value (small village count) is not shown in the change list either
    changes = _withhold_changes(_withhold_changes(changes, old, threshold, "a"), new, threshold, "b")
    return {"old": old.version, "tables": tables, "changes": changes}


def previous_version(snapshot: Any) -> str | None:
    """The version published just before ``snapshot`` in the same data directory."""
    from data.snapshot import list_versions
    root = snapshot.metadata.get("data_dir") or None
    versions = [m["version"] for m in list_versions(root)]
    if snapshot.version not in versions:
        return None
    i = versions.index(snapshot.version)
    return versions[i - 1] if i > 0 else None

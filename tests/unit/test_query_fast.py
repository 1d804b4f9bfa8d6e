"""data.query's fast paths (data.rollup: integer codes, decisions made once per snapshot) give
exactly the frames of the direct pandas code, on a snapshot built to hit every rule: totals and
female/male rows, programme-wide, theme and partner rows at the same place, figures stated at
every level, withheld small village counts and the totals that would reveal them, ties in
period ends, every qualifier."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import numpy as np
import pandas as pd
import pytest

from data import privacy, rollup
from data import query as Q
from data.filters import Filters
from data.snapshot import load_snapshot, publish
from tests.conftest import DEMO_REGENCIES, _obs, seed_tables

D = dt.date
ENDS = (D(2016, 12, 31), D(2017, 6, 30), D(2017, 12, 31))
BREAKDOWNS = {  # programme: (theme, partner) pairs; None = programme-wide / all partners
    "mampu": [(None, None), ("perlindungan-sosial", None), ("perlindungan-sosial", "pekka"),
              ("perlindungan-sosial", "kpi"), ("buruh-migran", None), ("buruh-migran", "migrant-care"),
              (None, "pekka")],
    "peduli": [(None, None), ("masyarakat-adat", None), ("masyarakat-adat", "kemitraan")],
}
INDICATORS = ("group_members", "villages_reached", "regencies_reached", "sp_enrolment", "groups_formed")


def _places(rng: random.Random) -> list[tuple[str, str]]:
    out = [("national", None)]
    for reg in DEMO_REGENCIES[:8]:
        out += [("province", reg[:2]), ("regency", reg)]
        for d in (1, 2):
            out.append(("district", f"{reg}.{d:02d}"))
            for v in range(1, 4):
                out.append(("village", f"{reg}.{d:02d}.{2000 + v:04d}"))
    return out


def tricky_tables(seed: int = 7) -> dict[str, pd.DataFrame]:
    rng = random.Random(seed)
    t = seed_tables()
    rows = []
    k = 0
    for level, code in _places(rng):
        for ind in INDICATORS:
            if rng.random() < (0.35 if level in ("national", "province", "regency") else 0.75):
                continue
            for prog, pairs in BREAKDOWNS.items():
                if rng.random() < 0.3:
                    continue
                for theme, partner in pairs:
                    if rng.random() < 0.4:
                        continue
                    schemes = (None, "jkn-kis", "ktp") if ind == "sp_enrolment" else (None,)
                    for scheme in schemes:
                        if scheme is not None and rng.random() < 0.5:
                            continue
                        sexes = rng.choice([("total",), ("female", "male"), ("total", "female", "male"),
                                            ("total", "female")])
                        for sex in sexes:
                            for end in rng.sample(ENDS, rng.choice([1, 1, 2, 3])):
                                k += 1
                                if ind == "villages_reached":
                                    value = rng.choice([0, 1, 1, 1]) if level == "village" else rng.randint(0, 9)
                                else:
                                    value = rng.choice([0, 1, 2, 3, 4, 5, 7, 12, 40, 150])
                                qual = rng.choice(["exact"] * 12 + ["lower_bound", "upper_bound", "approximate"])
                                src = rng.choice(["mampu-program", "kemitraan-peduli", "mampu-perlindungan-sosial"])
                                rows.append(_obs(f"t-{k}", ind, prog, value, qual, src, rng.choice(["c1", "c2"]),
                                                 D(end.year, 1, 1), end, theme=theme, partner=partner,
                                                 scheme=scheme, sex=sex, level=level, code=code,
                                                 name=None if code is None else f"Tempat {code}",
                                                 illustrative=rng.random() < 0.5))
    # places made of withheld village counts only (the total is withheld) and of small and large
    # ones (the total is a lower bound), in regencies the random part leaves alone
    for reg, values in (("11.01", (1, 2, 4)), ("91.01", (3, 60, 2)), ("64.01", (0, 4, 1))):
        for v, value in enumerate(values, start=1):
            for ind in ("group_members", "sp_enrolment"):
                k += 1
                code = f"{reg}.01.{2000 + v:04d}"
                rows.append(_obs(f"t-{k}", ind, "mampu", value, "exact", "mampu-program", "c1", D(2017, 1, 1),
                                 D(2017, 12, 31), theme="perlindungan-sosial", partner="pekka", sex="female",
                                 scheme="ktp" if ind == "sp_enrolment" else None, level="village", code=code,
                                 name=f"Desa {code}"))
    t["observations"] = pd.concat([t["observations"], pd.DataFrame(rows)], ignore_index=True)
    return t


@pytest.fixture(scope="module")
def tricky_snapshot(tmp_path_factory):
    root = tmp_path_factory.mktemp("tricky-data")
    publish(tricky_tables(), root=root, illustrative=True, notes="tricky", data_date="2017-12-31",
            version="20261122.1")
    return load_snapshot(root=root)


def _filters() -> list[Filters]:
    grid = dict(indicator=INDICATORS, level=("province", "regency"), programme=("all", "mampu", "peduli"),
                theme=("all", "perlindungan-sosial", "masyarakat-adat"), partner=("all", "pekka", "kemitraan"),
                sex=("all", "total", "female", "male"), scheme=("all", "jkn-kis"), period=("all", "2017", "2016"),
                province=("", "73", "33"))
    every = [dict(zip(grid, combo)) for combo in itertools.product(*grid.values())]
    rng = random.Random(3)
    picked = rng.sample(every, 250)
    # and every indicator/level/sex/theme/partner shape with nothing else set
    for ind, lvl, sex, theme, partner in itertools.product(INDICATORS, ("province", "regency"), ("all", "female"),
                                                           ("all", "perlindungan-sosial"), ("all", "pekka")):
        picked.append(dict(indicator=ind, level=lvl, sex=sex, theme=theme, partner=partner))
    return [Filters(**d) for d in picked]


def test_tricky_snapshot_has_the_hard_cases(tricky_snapshot):
    pub = Q.published_observations(tricky_snapshot)
    village = pub["place_level"] == "village"
    assert (pub["suppressed"] & village).sum() > 20  # small village counts withheld
    assert (pub["suppressed"] & ~village).sum() > 5  # totals that would reveal them
    vb = [Q._values_by_place_direct(tricky_snapshot, Filters(indicator=i, level=lv))
          for i in ("group_members", "sp_enrolment") for lv in ("province", "regency")]
    both = pd.concat(vb)
    assert (both["qualifier"] == "lower_bound").any() and both["suppressed"].any()


def test_values_by_place_fast_equals_direct(tricky_snapshot):
    rows = withheld = lower = 0
    for f in _filters():
        fast = Q._values_by_place_fast(tricky_snapshot, f)
        direct = Q._values_by_place_direct(tricky_snapshot, f)
        pd.testing.assert_frame_equal(fast, direct, obj=repr(f))
        rows += len(direct)
        withheld += int(direct["suppressed"].sum())
        lower += int((direct["qualifier"] == "lower_bound").sum())
    assert rows > 500 and withheld > 5 and lower > 20


def test_values_by_place_fast_equals_direct_on_the_demo(demo_snapshot):
    for ind, lvl, prov, per in itertools.product(("group_members", "villages_reached", "sp_enrolment"),
                                                 ("province", "regency"), ("", "73"), ("all", "2016")):
        f = Filters(indicator=ind, level=lvl, province=prov, period=per)
        pd.testing.assert_frame_equal(Q._values_by_place_fast(demo_snapshot, f),
                                      Q._values_by_place_direct(demo_snapshot, f), obj=repr(f))


def test_fast_path_with_another_threshold(tricky_snapshot, monkeypatch):
    monkeypatch.setattr(privacy, "threshold", lambda: 13)
    for f in _filters()[:80]:
        pd.testing.assert_frame_equal(Q._values_by_place_fast(tricky_snapshot, f),
                                      Q._values_by_place_direct(tricky_snapshot, f), obj=repr(f))


def test_latest_positions_and_totals_flags_match_pandas(tricky_snapshot):
    cols = Q._columns(Q._Ref(tricky_snapshot), privacy.threshold())
    obs = cols.frame
    pos = rollup.latest_positions(cols, np.arange(cols.n))
    direct = Q._latest_per_series(obs)
    assert list(obs.index[pos]) == list(direct.index)
    flags = rollup.totals_flags(cols, pos)
    kept = obs.index[pos[flags.keep(sex=False, theme=False, partner=False)]]
    assert list(kept) == list(Q._prefer_totals(direct).index)


def test_base_obs_selects_like_the_frame_masks(tricky_snapshot):
    obs = Q.published_observations(tricky_snapshot)
    f = Filters(indicator="sp_enrolment", programme="mampu", scheme="jkn-kis", sex="total", period="2017")
    got = Q._base_obs(tricky_snapshot, f, f.indicator)
    m = ((obs["indicator_id"] == "sp_enrolment") & (obs["programme_id"] == "mampu")
         & (obs["scheme_id"] == "jkn-kis") & (obs["sex"] == "total")).fillna(False).to_numpy()
    want = obs[m]
    want = want[Q._years(want["period_end"]) == 2017]
    pd.testing.assert_frame_equal(got, want)
    assert len(got) > 0


def test_time_series_fast_equals_direct(tricky_snapshot):
    points = partial = 0
    seen = set()
    for f in _filters():
        key = (f.indicator, f.programme, f.theme, f.partner, f.sex, f.scheme, f.province)
        if key in seen:
            continue
        seen.add(key)
        fast = Q._time_series_fast(tricky_snapshot, f)
        direct = Q._time_series_direct(tricky_snapshot, f)
        pd.testing.assert_frame_equal(fast, direct, obj=repr(f))
        points += len(direct)
        partial += int((direct["qualifier"] == "lower_bound").sum())
    assert points > 200 and partial > 5


def test_time_series_fast_equals_direct_on_the_demo(demo_snapshot):
    for ind, prov in itertools.product(("group_members", "villages_reached", "sp_enrolment", "presence"), ("", "73")):
        f = Filters(indicator=ind, province=prov)
        pd.testing.assert_frame_equal(Q._time_series_fast(demo_snapshot, f), Q._time_series_direct(demo_snapshot, f))


def test_kpis_take_national_rows_then_the_latest(tricky_snapshot):
    """kpis selects national rows before the latest of each series: the same rows as after."""
    for f in _filters()[:60]:
        obs = Q._latest_per_series(Q._base_obs(tricky_snapshot, f, f.indicator))
        want = obs[obs["place_level"] == "national"]
        got = Q._latest_per_series(Q._base_obs(tricky_snapshot, f, f.indicator, levels=("national",)))
        pd.testing.assert_frame_equal(got, want, obj=repr(f))


@pytest.mark.parametrize("threshold", [5, 13])
def test_covering_rows_on_codes_equals_the_text_join(tricky_snapshot, threshold):
    obs = tricky_snapshot.tables["observations"]
    ind = tricky_snapshot.tables["indicators"]
    agg = dict(zip(ind["indicator_id"].astype(str), ind["aggregation"].astype(str)))
    values = pd.to_numeric(obs["value"], errors="coerce")
    kind = obs["indicator_id"].astype(str).map(agg).fillna("sum")
    withheld = pd.Series(((obs["place_level"] == "village").to_numpy() & (kind != "distinct").to_numpy()
                          & (values.gt(0) & values.lt(threshold)).to_numpy()), index=obs.index)
    additive = pd.Series((kind == "sum").to_numpy(), index=obs.index)
    for frame in (obs, obs.astype({c: object for c in obs.columns if isinstance(obs[c].dtype, pd.CategoricalDtype)})):
        fast = privacy.covering_rows(frame, withheld, additive)
        direct = privacy._covering_rows_direct(frame, withheld, additive)
        pd.testing.assert_series_equal(fast, direct)
    covered = obs.loc[fast, "place_level"].astype(str)
    assert set(covered) >= {"national", "province", "regency", "district", "village"}


def test_presence_from_collapsed_rows_equals_every_row(tricky_snapshot, seed_snapshot, demo_snapshot):
    for snap in (tricky_snapshot, seed_snapshot, demo_snapshot):
        for lvl, prog, theme, partner, prov, per in itertools.product(
                ("province", "regency"), ("all", "mampu", "peduli"), ("all", "perlindungan-sosial"),
                ("all", "pekka", "kemitraan"), ("", "73"), ("all", "2017")):
            f = Filters(level=lvl, programme=prog, theme=theme, partner=partner, province=prov, period=per)
            pd.testing.assert_frame_equal(Q.presence_by_place(snap, f), Q._presence_by_place_direct(snap, f),
                                          obj=repr(f))
    cells = Q._actor_cells(Q._Ref(tricky_snapshot), "all")
    assert (cells["_n"] > 1).any()  # rows were collapsed


def test_changing_an_answer_never_changes_the_cached_one(demo_snapshot):
    """Cached answers are handed out as shallow (copy-on-write) copies: whatever a caller does to
    its frame or dict, the next caller gets the original."""
    f = Filters(indicator="group_members", level="regency")
    calls = [lambda: Q.values_by_place(demo_snapshot, f), lambda: Q.observations(demo_snapshot, Filters(indicator="group_members")),
             lambda: Q.time_series(demo_snapshot, Filters(indicator="group_members")), lambda: Q.policies(demo_snapshot, Filters())]
    for get in calls:
        before = get()
        assert len(before) and before.equals(get())
        mine = get()
        col = mine.columns[0]
        mine.iloc[0, 0] = None
        mine.loc[mine.index[-1], col] = None
        mine[col] = mine[col].astype(str) + "!"
        mine["extra"] = 1
        after = get()
        assert after.equals(before) and "extra" not in after.columns
    original = {k: v.copy(deep=True) for k, v in Q.place_profile(demo_snapshot, "73").items()
                if isinstance(v, pd.DataFrame) and len(v)}
    assert original
    for k, frame in Q.place_profile(demo_snapshot, "73").items():
        if k in original:
            frame.iloc[0, 0] = None
            frame["extra"] = 1
    again = Q.place_profile(demo_snapshot, "73")
    assert all(again[k].equals(v) for k, v in original.items())
    row = Q.indicator_row(demo_snapshot, "group_members")
    row["aggregation"] = "changed"
    assert Q.indicator_row(demo_snapshot, "group_members")["aggregation"] != "changed"

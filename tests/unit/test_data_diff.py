"""diff_versions: rose, fell, appeared, disappeared, restated per indicator and place."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from data import diff, seed, snapshot


def _snap(version, obs, illustrative=False, policies=None):
    tables = {"observations": obs, "policies": policies if policies is not None else seed.build_tables()["policies"]}
    return snapshot.Snapshot(version, {"illustrative": illustrative}, tables)


def test_every_kind_of_change():
    base = seed.build_tables()["observations"]
    a = _snap("a", base)
    o = base.copy()
    o.loc[o.observation_id == "mampu-villages-2017", "value"] = 940  # restated
    later = o[o.observation_id == "mampu-groups-2017"].assign(observation_id="g-2018", period_end=dt.date(2018, 6, 30),
                                                              value=2500.0)  # rose
    fell = o[o.observation_id == "mampu-provinces-2017"].assign(observation_id="p-2018",
                                                                period_end=dt.date(2018, 6, 30), value=25.0)
    new = o[o.observation_id == "mampu-groups-2017"].assign(observation_id="n", place_level="province",
                                                            place_code="73", place_name="Sulawesi Selatan")
    o = pd.concat([o[o.observation_id != "mampu-groups-studied-2017"], later, fell, new], ignore_index=True)
    d = diff.diff_versions(a, _snap("b", o))
    got = {(r.change, r.indicator_id, r.place_code) for r in d.itertuples()}
    assert got == {
        ("restated", "villages_reached", ""), ("rose", "groups_formed", ""), ("fell", "provinces_reached", ""),
        ("appeared", "groups_formed", "73"), ("disappeared", "groups_studied", ""),
    }
    rose = d[d.change == "rose"].iloc[0]
    assert (rose.value_a, rose.value_b, rose.delta) == (2200, 2500, 300)
    assert list(d.columns) == list(diff.COLUMNS)
    text = diff.format_diff(d, "a", "b")
    assert "1 appeared, 1 disappeared, 1 rose, 1 fell, 1 restated" in text


def test_identical_versions_have_no_changes_and_illustrative_is_carried():
    obs = seed.build_tables()["observations"]
    d = diff.diff_versions(_snap("a", obs), _snap("b", obs, illustrative=True))
    assert d.empty and "No differences" in diff.format_diff(d, "a", "b")
    o = obs.copy()
    o.loc[0, "value"] = 1
    d = diff.diff_versions(_snap("a", obs), _snap("b", o, illustrative=True))
    assert d["illustrative"].all() and "ILLUSTRATIVE" in diff.format_diff(d, "a", "b")


def test_policy_changes():
    t = seed.build_tables()
    pol = t["policies"].copy()
    pol.loc[pol.policy_id == "perdes-itsbat-nikah-dana-sosial-kesehatan", "stage"] = "adopted"
    pol = pol[pol.policy_id != "uu-7-2016-perlindungan-nelayan"]
    extra = pol.iloc[[0]].assign(policy_id="perda-baru")
    pol = pd.concat([pol, extra], ignore_index=True)
    d = diff.diff_policies(_snap("a", t["observations"]), _snap("b", t["observations"], policies=pol))
    assert {(r.change, r.policy_id) for r in d.itertuples()} == {
        ("restated", "perdes-itsbat-nikah-dana-sosial-kesehatan"), ("disappeared", "uu-7-2016-perlindungan-nelayan"),
        ("appeared", "perda-baru")}
    r = d[d.change == "restated"].iloc[0]
    assert (r.stage_a, r.stage_b) == ("drafted", "adopted")

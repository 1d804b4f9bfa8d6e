"""Small village counts cannot be recovered by subtraction from any published figure.

A small snapshot (the seed tables of tests/conftest.py plus Peduli village rows)
holds village counts below the threshold (5). Every aggregate the dashboard,
the downloads and the API publish (regency, province and national figures,
the trend, the API's village rows) is checked: a total minus the published
villages inside it never equals a withheld value (it is 0, or the total is a
lower bound / withheld).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data import privacy
from data import query as Q
from data.filters import Filters
from data.snapshot import load_snapshot, publish
from tests.conftest import _obs, seed_tables

END = dt.date(2017, 12, 31)
START = dt.date(2017, 1, 1)
THRESHOLD = 5

# (code, sex, value): Peduli group members in villages; values below 5 must be withheld
VILLAGES = [
    ("32.02.01.2001", "female", 4),   # hidden; its regency's other villages are published
    ("32.02.01.2002", "female", 40),
    ("32.02.02.2003", "female", 41),
    ("32.03.01.2001", "female", 30),
    ("33.01.01.2001", "female", 3),   # hidden; a stated regency figure (50) covers it
    ("33.01.01.2002", "female", 47),
    ("35.07.01.2001", "female", 2),   # hidden; the village's own total row (22) covers it
    ("35.07.01.2001", "male", 20),
    ("35.07.01.2001", "total", 22),
    ("35.25.01.2001", "female", 1),   # hidden; the only figure of its regency
]
HIDDEN = {(c, s): v for c, s, v in VILLAGES if 0 < v < THRESHOLD}


def privacy_tables() -> dict[str, pd.DataFrame]:
    t = seed_tables()
    rows = list(t["observations"].to_dict("records"))
    kw = dict(theme="masyarakat-adat", partner="kemitraan")
    for i, (code, sex, value) in enumerate(VILLAGES):
        rows.append(_obs(f"v-members-{i}", "group_members", "peduli", value, "exact", "kemitraan-peduli",
                         "village figure", START, END, level="village", code=code, name=f"Desa {code}", sex=sex,
                         **kw))
    for code in sorted({c for c, _, _ in VILLAGES}):
        rows.append(_obs(f"v-reach-{code}", "villages_reached", "peduli", 1, "exact", "kemitraan-peduli",
                         "village reached", START, END, level="village", code=code, name=f"Desa {code}", **kw))
    rows.append(_obs("stated-33.01", "group_members", "peduli", 50, "exact", "kemitraan-peduli",
                     "50 anggota di Kabupaten Cilacap", START, END, level="regency", code="33.01",
                     name="Kabupaten Cilacap", sex="female", **kw))
    t["observations"] = pd.DataFrame(rows)
    return t


@pytest.fixture(scope="module")
def snap(tmp_path_factory):
    root = tmp_path_factory.mktemp("privacy")
    publish(privacy_tables(), root=root, notes="privacy cases", data_date="2017-12-31", version="20261201.1")
    return load_snapshot(root=root)


@pytest.fixture(autouse=True)
def _threshold(monkeypatch):
    monkeypatch.setenv("PETA_SUPPRESS_THRESHOLD", str(THRESHOLD))


def _published_villages(snap, f: Filters) -> pd.DataFrame:
    """What the API publishes: the village rows of group members under ``f``."""
    obs = Q.observations(snap, f.replace(indicator="group_members"))
    return obs[obs["place_level"] == "village"]


def _hidden_in(code: str) -> list[int]:
    return [v for (c, _), v in HIDDEN.items() if c == code or c.startswith(code + ".")]


def test_the_base_step_withholds_small_counts_and_what_would_reveal_them(snap):
    pub = Q.published_observations(snap)
    by_id = pub.set_index("observation_id")
    for i, (code, sex, value) in enumerate(VILLAGES):
        row = by_id.loc[f"v-members-{i}"]
        if (code, sex) in HIDDEN:
            assert bool(row["suppressed"]) and pd.isna(row["value"]), (code, sex)
    # the stated regency figure and the village's own total would give the small counts away
    assert bool(by_id.loc["stated-33.01", "suppressed"]) and pd.isna(by_id.loc["stated-33.01", "value"])
    total = by_id.loc["v-members-8"]
    assert bool(total["suppressed"]) and pd.isna(total["value"])
    # the male figure of that village and the big villages are published
    assert by_id.loc["v-members-7", "value"] == 20 and by_id.loc["v-members-1", "value"] == 40
    # reach flags (1 per village, aggregation "distinct") are not counts of people: never withheld
    reach = pub[pub["indicator_id"] == "villages_reached"]
    assert not reach["suppressed"].any() and (reach[reach["place_level"] == "village"]["value"] == 1).all()
    # national figures the programmes state (other periods) stay as stated
    assert by_id.loc["mampu-members-f", "value"] == 52000 and not by_id.loc["mampu-members-f", "suppressed"]


@pytest.mark.parametrize("level", ["regency", "province"])
@pytest.mark.parametrize("extra", [{}, {"period": "2017"}, {"sex": "female"}, {"partner": "kemitraan"}])
def test_no_place_total_gives_a_hidden_village_count_back(snap, level, extra):
    f = Filters(indicator="group_members", programme="peduli", level=level, **extra)
    places = Q.values_by_place(snap, f)
    villages = _published_villages(snap, f)
    assert not villages["value"].isna().any() or villages.loc[villages["value"].isna(), "suppressed"].all()
    checked = 0
    for r in places.itertuples(index=False):
        inside = villages[villages["place_code"].str.startswith(r.code + ".")]
        hidden = [v for (c, s), v in HIDDEN.items() if c.startswith(r.code + ".")
                  and (f.sex == "all" or s == f.sex)]
        if r.suppressed:
            assert pd.isna(r.value)
            continue
        # every combination of published village figures: the remainder is never a small count
        remainder = r.value - inside["value"].sum()
        assert not 0 < remainder < THRESHOLD, (r.code, r.value, remainder)
        assert remainder not in hidden
        if hidden:
            assert r.qualifier == "lower_bound", (r.code, r.qualifier)
            checked += 1
    assert checked, "the fixture has small counts under these places"
    by_code = places.set_index("code")
    if level == "regency" and not extra.get("sex") == "male":
        # 32.02: 40 + 41 published, 4 withheld -> 81, "more than"
        assert by_code.loc["32.02", "value"] == 81 and by_code.loc["32.02", "qualifier"] == "lower_bound"
        # 33.01: the stated 50 would reveal the 3: the published villages instead, as a lower bound
        assert by_code.loc["33.01", "value"] == 47 and by_code.loc["33.01", "qualifier"] == "lower_bound"
        # 35.25: its only figure is withheld: the place is withheld, not shown as zero
        assert bool(by_code.loc["35.25", "suppressed"]) and pd.isna(by_code.loc["35.25", "value"])


def test_national_totals_and_the_trend_leave_hidden_counts_out(snap):
    f = Filters(indicator="group_members", programme="peduli")
    published = _published_villages(snap, f)["value"].sum()
    nat = Q.national_totals(snap, f, ("programme_id",), "group_members")
    row = nat[nat["programme_id"] == "peduli"].iloc[0]
    assert row["from_places"] and row["value"] == published and row["qualifier"] == "lower_bound"
    ts = Q.time_series(snap, f)
    point = ts[(ts["programme_id"] == "peduli") & (ts["year"] == 2017)].iloc[0]
    assert point["value"] == published and point["qualifier"] == "lower_bound"
    # the province total equals the national one: no difference between levels reveals anything either
    prov = Q.values_by_place(snap, f.replace(level="province"))
    assert prov["value"].sum() == published


def test_reach_counts_every_village(snap):
    f = Filters(indicator="villages_reached", programme="peduli", level="regency")
    v = Q.values_by_place(snap, f).set_index("code")
    assert v.loc["32.02", "value"] == 3 and v.loc["35.25", "value"] == 1 and not v["suppressed"].any()


def test_the_threshold_setting_is_part_of_the_cache_key(snap, monkeypatch):
    f = Filters(indicator="group_members", programme="peduli", level="regency")
    assert Q.values_by_place(snap, f).set_index("code").loc["32.03", "value"] == 30
    monkeypatch.setenv("PETA_SUPPRESS_THRESHOLD", "31")
    assert privacy.threshold() == 31
    again = Q.values_by_place(snap, f).set_index("code")
    assert bool(again.loc["32.03", "suppressed"]) and pd.isna(again.loc["32.03", "value"])


def test_protect_without_indicator_metadata_treats_everything_as_counts():
    df = pd.DataFrame({"indicator_id": ["x", "x"], "place_level": ["village", "regency"],
                       "place_code": ["11.01.01.2001", "11.01"], "period_end": [END, END], "sex": ["total"] * 2,
                       "programme_id": ["mampu"] * 2, "theme_id": [None] * 2, "partner_id": [None] * 2,
                       "scheme_id": [None] * 2, "beneficiary_group": [None] * 2, "value": [2, 30]})
    out = privacy.protect(df, 5)
    assert out["suppressed"].tolist() == [True, True]  # the regency total covers the village
    assert df["value"].tolist() == [2, 30]  # the input is not modified
    narrower = df.assign(partner_id=[None, "pekka"])  # a partner's regency figure does not cover all partners
    assert privacy.protect(narrower, 5)["suppressed"].tolist() == [True, False]


def test_the_change_list_does_not_show_withheld_values(tmp_path):
    first = privacy_tables()
    first["observations"] = first["observations"][~first["observations"]["observation_id"].isin(
        ["v-members-0", "v-members-9"])]
    publish(first, root=tmp_path, notes="before", data_date="2017-12-31", version="20261201.1")
    publish(privacy_tables(), root=tmp_path, notes="after", data_date="2017-12-31", version="20261202.1")
    old, new = load_snapshot("20261201.1", root=tmp_path), load_snapshot("20261202.1", root=tmp_path)
    ch = Q.release_changes(new, old)["changes"]
    appeared = ch[ch["place_code"].isin(["32.02.01.2001", "35.25.01.2001"])]
    assert len(appeared) == 2 and appeared["value_b"].isna().all()
    assert not appeared["value_b"].isin([4, 1]).any()


def test_downloads_and_the_api_together_give_no_hidden_count_back(snap):
    """The audit's recipe: a regency/province total from the CSV minus the API's villages inside it."""
    import csv
    import io

    import flask

    from components import share
    from data.settings import get_settings

    app = flask.Flask("privacy")
    share.install(app, get_settings({"PETA_DATA_DIR": snap.metadata["data_dir"]}))
    c = app.test_client()
    api = c.get("/api/v1/observations?indicator=group_members&programme=peduli&limit=5000").get_json()
    villages = [r for r in api["data"] if r["place_level"] == "village"]
    assert all(r["value"] is None for r in villages if r["suppressed"])
    assert {(r["place_code"], r["sex"]) for r in villages if r["suppressed"]} >= set(HIDDEN)
    stated = [r for r in api["data"] if r["observation_id"] == "stated-33.01"]
    assert stated and stated[0]["value"] is None and stated[0]["suppressed"] is True
    checked = 0
    for level in ("regency", "province"):
        r = c.get(f"/download/peta.csv?indicator=group_members&programme=peduli&level={level}&lang=en")
        rows = list(csv.DictReader(io.StringIO(r.data.decode("utf-8-sig"))))
        assert rows
        for row in rows:
            code = row["Code"]
            if row["Value"] == "":
                continue
            total = float(row["Value"])
            published = sum(v["value"] for v in villages
                            if v["value"] is not None and v["place_code"].startswith(code + "."))
            remainder = total - published
            assert not 0 < remainder < THRESHOLD, (level, code, total, published)
            if _hidden_in(code):
                assert "more than" in row["Value (as stated)"], row
                checked += 1
    assert checked >= 4

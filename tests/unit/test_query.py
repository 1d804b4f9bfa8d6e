"""data.query: aggregation rules, qualifiers, presence, policies, profiles, caching by value."""

import pandas as pd
import pytest

from data import query as Q
from data.filters import Filters
from data.snapshot import load_snapshot


def test_presence_counts_organisations_per_province(seed_snapshot):
    df = Q.values_by_place(seed_snapshot, Filters())
    by = dict(zip(df["code"], df["value"]))
    # Sulawesi Selatan: KEMITRAAN (Peduli) and KAPAL Perempuan (MAMPU, so MAMPU itself is not counted again)
    assert by["73"] == 2.0
    assert by["32"] == 1.0  # Sukabumi: PEKKA
    assert by["33"] == 1.0  # Jawa Tengah: MAMPU itself (no partner named)
    assert "31" not in by  # nothing stated for Jakarta: absent, i.e. "no data", not zero
    assert (df["place_level"] == "province").all()


def test_presence_at_regency_level_only_uses_regency_or_finer_rows(seed_snapshot):
    df = Q.values_by_place(seed_snapshot, Filters(level="regency"))
    assert set(df["code"]) >= {"96.01", "53.11", "73.10", "32.02", "36.74"}
    assert all(len(c) == 5 for c in df["code"])
    # Riau is stated only as a province: it cannot appear as any regency.
    assert not any(c.startswith("14.") for c in df["code"])


def test_presence_filters_by_programme_and_partner(seed_snapshot):
    peduli = Q.values_by_place(seed_snapshot, Filters(programme="peduli"))
    assert "32" not in set(peduli["code"]) and "14" in set(peduli["code"])
    pekka = Q.values_by_place(seed_snapshot, Filters(partner="pekka"))
    assert set(pekka["code"]) == {"32"}


def test_sum_indicator_rolls_villages_up(demo_snapshot):
    prov = Q.values_by_place(demo_snapshot, Filters(indicator="group_members", period="2017"))
    obs = demo_snapshot.tables["observations"]
    raw = obs[(obs["indicator_id"] == "group_members") & (obs["period_end"].map(lambda d: d.year) == 2017)]
    expected = raw[raw["place_code"].str[:2] == "73"]["value"].sum()
    assert prov.set_index("code").at["73", "value"] == expected


def test_distinct_indicator_counts_distinct_villages(demo_snapshot):
    reg = Q.values_by_place(demo_snapshot, Filters(indicator="villages_reached", province="73"))
    assert reg.set_index("code").at["73.10", "value"] == 3.0  # three villages, two periods each: counted once


def test_not_additive_indicator_only_at_its_stated_level(seed_snapshot):
    prov = Q.values_by_place(seed_snapshot, Filters(indicator="share_recommendations_adopted"))
    assert prov.empty  # stated for a regency only: never summed up to the province
    reg = Q.values_by_place(seed_snapshot, Filters(indicator="share_recommendations_adopted", level="regency"))
    row = reg.set_index("code").loc["73.10"]
    assert row["value"] == 50 and row["qualifier"] == "lower_bound"


def test_national_only_indicator_has_no_places(seed_snapshot):
    assert Q.values_by_place(seed_snapshot, Filters(indicator="villages_reached")).empty


def test_kpis_keep_qualifiers_and_latest_value(seed_snapshot):
    k = Q.kpis(seed_snapshot, Filters())
    groups = k[(k["indicator_id"] == "groups_formed") & (k["theme_id"] == "perlindungan-sosial")
               & k["partner_id"].isna()]
    assert groups["value"].tolist() == [600.0] and groups["qualifier"].tolist() == ["lower_bound"]
    villages = k[(k["indicator_id"] == "villages_reached") & (k["programme_id"] == "mampu")]
    assert villages["value"].tolist() == [936.0]  # the 2017 figure, not 800 from 2016 nor their sum
    # programme-wide figures first
    assert k.iloc[0]["theme_id"] is pd.NA or pd.isna(k.iloc[0]["theme_id"])


def test_period_selects_figures_ending_that_year(seed_snapshot):
    k = Q.kpis(seed_snapshot, Filters(period="2016", programme="mampu", indicator="villages_reached"))
    assert k["value"].tolist() == [800.0] and k["qualifier"].tolist() == ["approximate"]


def test_time_series_one_point_per_period(seed_snapshot):
    ts = Q.time_series(seed_snapshot, Filters(indicator="villages_reached", programme="mampu"))
    assert ts["value"].tolist() == [800.0, 936.0]
    assert ts["year"].tolist() == [2016, 2017]


def test_subsets_are_not_double_counted(seed_snapshot):
    s = Q.indicators_summary(seed_snapshot, Filters(theme="perlindungan-sosial"))
    groups = s[s["indicator_id"] == "groups_formed"]
    assert groups["value"].tolist() == [600.0]  # KPI's 74 Balai Perempuan are part of the 600


def test_enrolment_by_scheme(seed_snapshot, demo_snapshot):
    e = Q.enrolment_by_scheme(seed_snapshot, Filters())
    assert dict(zip(e["scheme_id"], e["value"])) == {"jkn-kis": 2116.0, "kip": 1804.0, "ktp": 1975.0,
                                                      "birth-certificate": 1000.0}
    d = Q.enrolment_by_scheme(demo_snapshot, Filters(period="2017"))
    assert d["from_places"].all() and (d["value"] > 0).all()


def test_policies_filter_search_and_sort(seed_snapshot):
    assert len(Q.policies(seed_snapshot, Filters())) == 6
    assert Q.policies(seed_snapshot, Filters(q="sukabumi"))["policy_id"].tolist() == ["perbup-sukabumi-slrt"]
    assert Q.policies(seed_snapshot, Filters(q="SLRT sukabumi"))["policy_id"].tolist() == ["perbup-sukabumi-slrt"]
    assert Q.policies(seed_snapshot, Filters(q="zzz")).empty
    mou = Q.policies(seed_snapshot, Filters(instrument="mou"))
    assert set(mou["instrument"]) == {"MoU"}
    assert set(Q.policies(seed_snapshot, Filters(policy_level="national"))["level"]) == {"national"}
    newest = Q.policies(seed_snapshot, Filters())["date"].tolist()
    assert newest == sorted(newest, reverse=True)
    titles = Q.policies(seed_snapshot, Filters(sort="title"))["title_id"].str.lower().tolist()
    assert titles == sorted(titles)
    assert Q.policies(seed_snapshot, Filters(partner="migrant-care"))["policy_id"].tolist() == ["mou-desmigratif"]


def test_policies_by_place_and_national_count(seed_snapshot):
    by = Q.policies_by_place(seed_snapshot, Filters())
    assert dict(zip(by["code"], by["value"])) == {"32": 1.0, "33": 1.0, "73": 1.0}
    assert Q.national_policy_count(seed_snapshot, Filters()) == 3


def test_place_profile(seed_snapshot):
    prof = Q.place_profile(seed_snapshot, "73.10")
    assert set(prof["presence"]["partner_id"]) == {"kapal-perempuan"}
    assert prof["policies"]["policy_id"].tolist() == ["perdes-partisipasi-pangkep"]
    assert "share_recommendations_adopted" in set(prof["figures"]["indicator_id"])
    prov = Q.place_profile(seed_snapshot, "73")
    assert {"kemitraan", "kapal-perempuan"} <= set(prov["presence"]["partner_id"])


def test_partner_profile(seed_snapshot):
    p = Q.partner_profile(seed_snapshot, "pekka")
    assert p["partner"]["name"] == "PEKKA"
    assert p["initiatives"]["initiative_id"].tolist() == ["klik-pekka"]
    assert set(p["figures"]["indicator_id"]) == {"consultations", "groups_formed"}
    assert p["places"]["code"].tolist() == ["32"]
    assert Q.partner_profile(seed_snapshot, "nobody") == {}


def test_partners_overview_search(seed_snapshot):
    assert Q.partners_overview(seed_snapshot, Filters(q="klik"))["partner_id"].tolist() == ["pekka"]
    assert set(Q.partners_overview(seed_snapshot, Filters(programme="peduli"))["partner_id"]) == {"kemitraan"}


def test_release_changes_between_versions(seed_dir, seed_snapshot):
    prev = Q.previous_version(seed_snapshot)
    assert prev == "20261101.1"
    ch = Q.release_changes(seed_snapshot, load_snapshot(prev, root=seed_dir))
    assert ch["tables"]["observations"]["added"] == 1
    assert ch["changes"]["change"].tolist() == ["appeared"]
    assert Q.release_changes(seed_snapshot, None)["old"] is None


def test_village_counts_are_suppressed_in_public_frames(demo_snapshot):
    prof = Q.place_profile(demo_snapshot, "73.10")
    obs = prof["observations"]
    small = obs[(obs["place_level"] == "village") & obs["suppressed"]]
    assert len(small) and small["value"].isna().all()


def test_cache_is_keyed_by_value_and_returns_copies(seed_dir, seed_snapshot):
    Q.values_by_place.cache_clear()
    a = Q.values_by_place(seed_snapshot, Filters())
    a.loc[:, "value"] = -1
    again = load_snapshot(root=seed_dir)  # another object, same key
    b = Q.values_by_place(again, Filters())
    assert (b["value"] > 0).all()
    info = Q.values_by_place.cache_info()
    assert info.hits >= 1 and info.misses == 1


@pytest.mark.parametrize("f", [Filters(period="2016"), Filters(programme="peduli", indicator="sp_enrolment"),
                               Filters(indicator="group_members", sex="female", level="regency")])
def test_queries_answer_every_combination(seed_snapshot, f):
    for fn in (Q.values_by_place, Q.kpis, Q.time_series, Q.policies, Q.policies_by_place, Q.enrolment_by_scheme,
               Q.indicators_summary, Q.partners_overview):
        assert isinstance(fn(seed_snapshot, f), pd.DataFrame)


def test_observations_text_columns_are_compact_but_equal(demo_snapshot):
    """Loaded snapshots (and the queries' working copy) hold text dimensions as categoricals:
    same values, far less memory than text."""
    raw = demo_snapshot.tables["observations"]
    work = Q.published_observations(demo_snapshot)
    cols = ["indicator_id", "programme_id", "partner_id", "place_code", "sex", "qualifier", "citation"]
    text = raw[cols].astype("string")  # what the loader would hold without COMPACT_COLUMNS
    for frame in (raw, work):
        for c in cols:
            assert isinstance(frame[c].dtype, pd.CategoricalDtype), c
            assert frame[c].astype(object).where(frame[c].notna(), None).tolist() == \
                text[c].astype(object).where(text[c].notna(), None).tolist(), c
            assert "" in frame[c].cat.categories  # grouping keys fill missing values without re-coding
        assert frame[cols].memory_usage(deep=True).sum() < text.memory_usage(deep=True).sum() / 2
    # min/max behave as on text (ordered categories), and missing values stay missing
    assert str(work["place_code"].min()) == str(text["place_code"].dropna().min())
    assert work["partner_id"].isna().sum() == text["partner_id"].isna().sum()


def test_categorical_text_keeps_values_and_gaps():
    from data.snapshot import categorical_text
    s = pd.Series(["b", None, "a", "", "b"], dtype="string")
    c = categorical_text(s)
    assert list(c.cat.categories) == ["", "a", "b"] and c.cat.ordered
    assert c.astype(object).where(c.notna(), None).tolist() == ["b", None, "a", "", "b"]
    assert categorical_text(c) is c  # already compact: unchanged

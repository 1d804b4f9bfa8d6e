"""The data layer's lookup over the official Kemendagri codes."""

from __future__ import annotations

from data import places


def test_levels_and_counts():
    assert len(places.places("province")) == 38
    assert len(places.places("regency")) == 514
    assert len(places.places("village")) == 83762
    assert places.name_of("53.11") == "Kabupaten Sumba Timur"
    assert places.exists("96") and not places.exists("73.99")


def test_geo_codes_and_the_official_csvs_agree():
    csv = places.reference_dir()
    for level in places.LEVELS:
        a = places.places(level).sort_values("code").reset_index(drop=True)
        b = places.places(level, csv.parent.parent).sort_values("code").reset_index(drop=True)
        assert a["code"].tolist() == b["code"].tolist(), level
        assert a["name"].tolist() == b["name"].tolist(), level


def test_suggestions_for_names_and_codes():
    assert ("73.10", "Kabupaten Pangkajene dan Kepulauan") in places.suggest("Pangkajene dan Kepulauan", "regency")
    codes = [c for c, _ in places.suggest("73.99", "regency")]
    assert codes and all(c.startswith("73.") for c in codes)
    assert places.suggest("") == []
    assert places.suggest("Pangkep", "regency")[0][0] == "73.10"

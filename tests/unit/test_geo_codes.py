"""Official code tables and the resolver (reads the committed geo/generated/codes.parquet)."""

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from data.settings import get_settings
from geo import codes
from geo.aliases import ALIASES
from geo.codes import Resolution, children_of, explain, level_of, name_of, parent_of, places, resolve, suggest

AREA = get_settings().shared_dir / "reference" / "idn-area-data"


def _csv(name):
    with open(AREA / f"{name}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_places_match_the_official_tables():
    for level, fname, parent in [("province", "provinces", None), ("regency", "regencies", "province_code"),
                                 ("district", "districts", "regency_code"), ("village", "villages", "district_code")]:
        rows = _csv(fname)
        df = places(level)
        assert list(df.columns) == ["code", "name", "parent_code"]
        assert len(df) == len(rows) and df["code"].is_unique
        assert set(df["code"]) == {r["code"] for r in rows}
        if parent:
            assert dict(zip(df["code"], df["parent_code"])) == {r["code"]: r[parent] for r in rows}
        else:
            assert df["parent_code"].isna().all()
    assert len(places("province")) == 38 and len(places("regency")) == 514


def test_places_returns_a_copy():
    df = places("province")
    df.loc[0, "name"] = "changed"
    assert places("province").loc[0, "name"] != "changed"


def test_unknown_level_is_refused():
    with pytest.raises(ValueError, match="unknown level"):
        places("kecamatan")


def test_lookups():
    assert name_of("73.10") == "Kabupaten Pangkajene dan Kepulauan"
    assert name_of("73.09") == "Kabupaten Maros"  # Kemendagri code; BPS uses 7309 for Pangkep
    assert level_of("73") == "province" and level_of("73.10") == "regency"
    assert level_of("73.10.04") == "district" and level_of("11.01.01.2001") == "village"
    assert parent_of("73.10.04") == "73.10" and parent_of("73.10") == "73" and parent_of("73") is None
    assert name_of("99.99") is None and level_of("xx") is None and parent_of("99") is None
    assert children_of("31") == ["31.01", "31.71", "31.72", "31.73", "31.74", "31.75"]
    assert "73.10.04" in children_of("73.10")
    assert children_of("99") == []
    # Papua 2022: Merauke has its current code only
    assert name_of("93.01") == "Kabupaten Merauke" and parent_of("93.01") == "93"


@pytest.mark.parametrize("text,code", [
    ("73.10", "73.10"), ("7310", "73.10"), (" 73 10 ", "73.10"), ("73", "73"),
    ("Pangkep", "73.10"), ("Kab. Pangkep", "73.10"), ("pangkajene dan kepulauan", "73.10"),
    ("KABUPATEN PANGKAJENE DAN KEPULAUAN", "73.10"),
    ("Kabupaten Bandung", "32.04"), ("Kab. Bandung", "32.04"), ("Kab Bandung", "32.04"),
    ("kota bandung", "32.73"), ("Bandung Regency", "32.04"),
    ("Toba Samosir", "12.12"), ("Kabupaten Toba Samosir", "12.12"), ("Toba", "12.12"),
    ("Mamuju Utara", "76.01"), ("Maluku Tenggara Barat", "81.03"),
    ("Kota Baru", "63.02"), ("Kotabaru", "63.02"), ("Kota Waringin Barat", "62.01"),
    ("Banyu Asin", "16.07"), ("Bau-Bau", "74.72"), ("Kota Baubau", "74.72"),
    ("Kepulauan Seribu", "31.01"), ("Jakarta Pusat", "31.71"), ("Jakpus", "31.71"),
    ("Sitaro", "71.09"), ("Mahakam Hulu", "64.11"),
    ("Jateng", "33"), ("Jatim", "35"), ("Jabar", "32"), ("NTT", "53"), ("NTB", "52"),
    ("Sulsel", "73"), ("Sulteng", "72"), ("Kaltim", "64"), ("Prov. Jawa Tengah", "33"),
    ("Provinsi Jawa Tengah", "33"), ("DKI Jakarta", "31"), ("DIY", "34"),
    ("Papua Selatan", "93"), ("Papua Barat Daya", "96"), ("Merauke", "93.01"),
    ("West Java", "32"), ("South Sulawesi Province", "73"), ("Highland Papua", "95"),
    # abbreviations: "Kep." Kepulauan, "Adm." Administrasi, "&" dan
    ("Kep. Seribu", "31.01"), ("Kab. Adm. Kep. Seribu", "31.01"), ("Kab. Kep. Selayar", "73.01"),
    ("Kota Adm. Jakarta Pusat", "31.71"), ("Kota Adm. Jakarta Utara", "31.72"),
    ("Pangkajene & Kepulauan", "73.10"), ("Kab. Pangkajene & Kep.", "73.10"), ("Kep. Riau", "21"),
    ("Kep. Bangka Belitung", "19"), ("Sangihe", "71.03"), ("Kab. Sangihe", "71.03"),
])
def test_resolve_finds_one_code(text, code):
    r = resolve(text)
    assert r.ok and r.code == code and r.name == name_of(code)
    assert r.candidates == [(code, name_of(code), 1.0)]


@pytest.mark.parametrize("text,expected", [
    ("Bandung", {"32.04", "32.73"}),
    ("BANDUNG", {"32.04", "32.73"}),
    ("Gorontalo", {"75", "75.01", "75.71"}),
    ("Yogyakarta", {"34", "34.71"}),
    ("Pontianak", {"61.02", "61.71"}),  # Kota Pontianak, and the old name of Kabupaten Mempawah
])
def test_ambiguous_names_are_not_guessed(text, expected):
    r = resolve(text)
    assert r.code is None and r.name is None and r.ambiguous
    assert {c for c, _n, s in r.candidates} == expected
    assert all(s == 1.0 for _c, _n, s in r.candidates)


def test_level_narrows_the_search():
    assert resolve("Gorontalo", level="province").code == "75"
    assert resolve("Kota Gorontalo", level="regency").code == "75.71"
    assert resolve("Bandung", level="regency").ambiguous
    assert resolve("73.10", level="province").code is None
    assert resolve("73.10.04").code == "73.10.04"  # a code is never ambiguous
    assert resolve("Pangkajene", level="district").code == "73.10.04"
    # the official district name is itself abbreviated; both spellings find it
    assert resolve("Kep. Masaloka Raya", level="district").code == "74.06.17"
    assert resolve("Kepulauan Masaloka Raya", level="district").code == "74.06.17"


def test_parents_after_commas_pick_one_village():
    assert resolve("Sukamaju, Kabupaten Bogor", level="village").ambiguous
    r = resolve("Sukamaju, Cibungbulang, Kabupaten Bogor", level="village")
    assert r.code == "32.01.16.2013" and r.name == "Sukamaju"
    assert resolve("Cibungbulang, Kab. Bogor", level="district").code == "32.01.16"


def test_excel_style_numbers():
    assert resolve(73.10).code == "73.10"
    assert resolve(11).code == "11"


def test_no_match_suggests_nearest():
    r = resolve("Pangkajene")
    assert r.code is None and not r.ambiguous
    assert r.candidates[0][:2] == ("73.10", "Kabupaten Pangkajene dan Kepulauan")
    assert 0 < r.candidates[0][2] < 1
    assert resolve("Makasar").candidates[0][0] == "73.71"
    assert suggest("Kota Makasar", n=1) == [("73.71", "Kota Makassar", pytest.approx(0.933, abs=0.05))]
    assert suggest("Sukamju, Cibungbulang, Kabupaten Bogor", level="village")[0][0] == "32.01.16.2013"
    assert suggest("", n=3) == []
    assert len(suggest("Sumatera", n=2)) == 2


def test_empty_and_garbage():
    assert resolve("") == Resolution(None, None, [], "", None)
    assert resolve(None).code is None
    assert resolve("zzqqxx").candidates == []
    assert resolve("91.01").code is None  # an old Papua code, not in the current list


def test_explain_in_both_languages():
    assert explain("Kabupaten Bandung") is None
    assert explain("Pangkajene", lang="en") == (
        "'Pangkajene' is not a known province or regency/city. "
        "Did you mean 73.10 Kabupaten Pangkajene dan Kepulauan?")
    assert explain("Pangkajene", lang="id") == (
        "'Pangkajene' tidak dikenali sebagai provinsi atau kabupaten/kota. "
        "Maksud Anda 73.10 Kabupaten Pangkajene dan Kepulauan?")
    en = explain("Bandung", lang="en")
    assert "32.04 Kabupaten Bandung" in en and "32.73 Kota Bandung" in en and "more than one" in en
    assert "lebih dari satu wilayah" in explain("Bandung", lang="id")
    assert "is a regency/city code, not a province code" in explain("73.10", level="province", lang="en")
    assert "not a province or regency/city code in the current Kemendagri list" in explain("91.01", lang="en")
    assert "Papua Selatan" in explain("91.01", lang="id")
    assert explain("zzqqxx", lang="en") == "'zzqqxx' is not a known province or regency/city code or name."
    assert "Cibungbulang, Kabupaten Bogor" in explain("Sukamaju, Kabupaten Bogor", level="village", lang="en")
    assert explain(resolve("Bandung"), lang="en") == en
    with pytest.raises(ValueError):
        explain("x", lang="fr")


def test_every_alias_points_at_a_real_place_and_resolves():
    for alias, code, why in ALIASES:
        assert name_of(code) is not None, alias
        assert why, alias
        r = resolve(alias, level=level_of(code))
        assert r.code == code or code in {c for c, _n, _s in r.candidates}, alias


def test_no_io_until_first_use(tmp_path, monkeypatch):
    codes._table.cache_clear()
    codes._level_table.cache_clear()
    codes._lookup.cache_clear()
    codes._name_index.cache_clear()
    monkeypatch.setattr(codes, "CODES_FILE", Path(tmp_path) / "missing.parquet")
    with pytest.raises(FileNotFoundError, match="peta-inklusi geo build"):
        name_of("73")
    monkeypatch.undo()
    codes._table.cache_clear()
    codes._lookup.cache_clear()
    assert name_of("73") == "Sulawesi Selatan"


def test_lookups_agree_with_the_code_table_for_every_place():
    """name_of / level_of / parent_of / children_of answer from a compact sorted index (no
    per-code Python tuples): for each of the ~91,600 official codes they give the table's row."""
    table = codes._table()
    assert len(codes._lookup().keys) == len(table) and list(codes._lookup().keys) == sorted(table["code"])
    kids: dict[str, list[str]] = {}
    for code, name, parent, level in zip(table["code"], table["name"], table["parent_code"], table["level"]):
        assert name_of(code) == name and level_of(code) == level, code
        assert parent_of(code) == (None if pd.isna(parent) else parent), code
        if not pd.isna(parent):
            kids.setdefault(parent, []).append(code)
    for code in list(kids)[:: max(1, len(kids) // 400)] + ["73", "73.10", "73.10.01", "91"]:
        assert children_of(code) == sorted(kids.get(code, [])), code
    assert children_of("11.01.01.2001") == [] and name_of(" 73.10 ") == name_of("73.10")
    for junk in ("", "7", "73.", "73.10.", "99", "73.1O", "Sulawesi", "７３", "73.10.01.2001.1", None):
        assert name_of(junk) is None and level_of(junk) is None and parent_of(junk) is None, junk
        assert children_of(junk) == [], junk


def test_a_code_table_whose_parents_are_not_prefixes_is_refused(monkeypatch):
    table = codes._table().copy()
    table.loc[table["code"] == "73.10", "parent_code"] = "74"
    monkeypatch.setattr(codes, "_table", lambda: table)
    codes._lookup.cache_clear()
    try:
        with pytest.raises(ValueError, match="73.10.*geo build"):
            codes._lookup()
    finally:
        monkeypatch.undo()
        codes._lookup.cache_clear()


def test_code_lengths_match_the_shapes_of_their_levels():
    for level, n in codes._LENGTH.items():
        example = {"province": "73", "regency": "73.10", "district": "73.10.01", "village": "73.10.01.2001"}[level]
        assert len(example) == n and codes.code_shape(example) == level and codes._LEVEL_BY_LENGTH[n] == level

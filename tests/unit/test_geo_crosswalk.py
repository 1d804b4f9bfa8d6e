"""Name normalisation and the boundary-name -> official-code crosswalk (pure, small inputs)."""

import pytest

from geo.crosswalk import NON_ADMIN, OVERRIDES, CrosswalkError, match
from geo.names import compact, official_key, source_key, split_kind, words

OFFICIAL = {
    "12.12": "Kabupaten Toba",
    "16.07": "Kabupaten Banyuasin",
    "32.04": "Kabupaten Bandung",
    "32.73": "Kota Bandung",
    "31.01": "Kabupaten Administrasi Kepulauan Seribu",
    "31.71": "Kota Administrasi Jakarta Pusat",
    "63.02": "Kabupaten Kotabaru",
}
SOURCE = ["Toba Samosir", "Banyu Asin", "Bandung", "Kota Bandung", "Kepulauan Seribu",
          "Kota Jakarta Pusat", "Kota Baru", "Danau Toba"]
SMALL_OVERRIDES = {"Toba Samosir": ("12.12", "renamed"), "Kota Baru": ("63.02", "a kabupaten")}
SMALL_NON_ADMIN = {"Danau Toba": "a lake"}


@pytest.mark.parametrize("text,kind,rest", [
    ("Kabupaten Bandung", "kabupaten", "bandung"),
    ("Kab. Bandung", "kabupaten", "bandung"),
    ("KAB BANDUNG", "kabupaten", "bandung"),
    ("Kota Administrasi Jakarta Pusat", "kota", "jakarta pusat"),
    ("Kabupaten Administrasi Kepulauan Seribu", "kabupaten", "kepulauan seribu"),
    ("Prov. Jawa Tengah", "province", "jawa tengah"),
    ("Provinsi Jawa Tengah", "province", "jawa tengah"),
    ("Bandung Regency", "kabupaten", "bandung"),
    ("Bandung", None, "bandung"),
    ("Kotabaru", None, "kotabaru"),
    ("Kota Adm. Jakarta Pusat", "kota", "jakarta pusat"),
    ("Kab. Adm. Kep. Seribu", "kabupaten", "kepulauan seribu"),
    ("Kab. Kep. Selayar", "kabupaten", "kepulauan selayar"),
    ("Kab. Pangkajene & Kep.", "kabupaten", "pangkajene dan kepulauan"),
])
def test_split_kind(text, kind, rest):
    assert split_kind(text) == (kind, rest)


def test_compact_ignores_spacing_hyphens_case_and_accents():
    assert compact("Banyu Asin") == compact("BANYUASIN") == "banyuasin"
    assert compact("Bau-Bau") == compact("Baubau")
    assert compact("Tojo Una-Una") == "tojounauna"
    assert compact("Minasate'ne") == "minasatene"
    assert compact("Sérang") == "serang"


def test_words_writes_out_abbreviations():
    assert words("Kep. Seribu") == "kepulauan seribu"
    assert words("Kota Adm. Jakarta Pusat") == "kota administrasi jakarta pusat"
    assert words("Pangkajene&Kep.") == words("PANGKAJENE DAN KEPULAUAN") == "pangkajene dan kepulauan"
    # whole words only
    assert words("Kepahiang") == "kepahiang" and words("Admiral Kepler") == "admiral kepler"


def test_source_and_official_keys():
    assert source_key("Bandung") == ("kabupaten", "bandung")
    assert source_key("Kota Bandung") == ("kota", "bandung")
    assert official_key("Kota Administrasi Jakarta Pusat") == ("kota", "jakartapusat")
    with pytest.raises(ValueError):
        official_key("Jawa Tengah")


def test_match_pairs_every_unit_once():
    cw = match(SOURCE, OFFICIAL, SMALL_OVERRIDES, SMALL_NON_ADMIN)
    assert cw.codes == {
        "Toba Samosir": "12.12", "Banyu Asin": "16.07", "Bandung": "32.04", "Kota Bandung": "32.73",
        "Kepulauan Seribu": "31.01", "Kota Jakarta Pusat": "31.71", "Kota Baru": "63.02",
    }
    assert cw.dropped == ("Danau Toba",)
    assert cw.overrides_used == ("Kota Baru", "Toba Samosir")
    assert cw.variants == (("Banyu Asin", "Kabupaten Banyuasin"),)


def test_unmatched_source_unit_fails_naming_it():
    with pytest.raises(CrosswalkError, match="unmatched source unit: 'Atlantis'"):
        match(SOURCE + ["Atlantis"], OFFICIAL, SMALL_OVERRIDES, SMALL_NON_ADMIN)


def test_leftover_official_regency_fails_naming_it():
    official = dict(OFFICIAL, **{"73.10": "Kabupaten Pangkajene dan Kepulauan"})
    with pytest.raises(CrosswalkError, match="73.10 Kabupaten Pangkajene dan Kepulauan"):
        match(SOURCE, official, SMALL_OVERRIDES, SMALL_NON_ADMIN)


def test_double_match_fails_naming_both():
    with pytest.raises(CrosswalkError, match=r"code 16.07 .* matched by several units: \['Banyu Asin', 'Banyuasin'\]"):
        match(SOURCE + ["Banyuasin"], OFFICIAL, SMALL_OVERRIDES, SMALL_NON_ADMIN)


def test_repeated_source_name_fails_naming_it():
    with pytest.raises(CrosswalkError, match=r"source names appear more than once: \['Bandung'\]"):
        match(SOURCE + ["Bandung"], OFFICIAL, SMALL_OVERRIDES, SMALL_NON_ADMIN)


def test_name_matching_several_official_codes_fails_naming_them():
    # two official regencies whose names differ only in spacing: the source name cannot choose
    official = dict(OFFICIAL, **{"16.99": "Kabupaten Banyu Asin"})
    with pytest.raises(CrosswalkError,
                       match=r"source unit 'Banyu Asin' matches several codes: \['16.07', '16.99'\]"):
        match(SOURCE, official, SMALL_OVERRIDES, SMALL_NON_ADMIN)


def test_kota_baru_without_override_is_not_matched():
    # "Kota Baru" reads as a city; only the explicit override makes it Kabupaten Kotabaru
    with pytest.raises(CrosswalkError, match="unmatched source unit: 'Kota Baru'"):
        match(SOURCE, OFFICIAL, {"Toba Samosir": ("12.12", "renamed")}, SMALL_NON_ADMIN)


def test_unused_override_and_missing_non_admin_fail():
    with pytest.raises(CrosswalkError) as e:
        match([n for n in SOURCE if n != "Danau Toba"], OFFICIAL,
              dict(SMALL_OVERRIDES, **{"Nowhere": ("12.12", "x")}), SMALL_NON_ADMIN)
    msg = str(e.value)
    assert "override not used (no such source unit): 'Nowhere'" in msg
    assert "expected non-administrative unit not in source: 'Danau Toba'" in msg


def test_override_to_unknown_code_fails():
    with pytest.raises(CrosswalkError, match="not in the official list: 99.99"):
        match(SOURCE, OFFICIAL, dict(SMALL_OVERRIDES, **{"Bandung": ("99.99", "x")}), SMALL_NON_ADMIN)


def test_override_table_has_a_reason_per_row_and_the_known_cases():
    assert all(code and len(why) > 10 for code, why in OVERRIDES.values())
    assert OVERRIDES["Toba Samosir"][0] == "12.12"
    assert OVERRIDES["Mamuju Utara"][0] == "76.01"
    assert OVERRIDES["Maluku Tenggara Barat"][0] == "81.03"
    assert OVERRIDES["Kota Baru"][0] == "63.02"
    assert set(NON_ADMIN) == {"Danau", "Danau Toba", "Hutan", "Waduk Cirata", "Wadung Kedungombo"}

"""The seed snapshot holds every figure of the seed documents, each with its citation."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest

from data import places, seed, seed_records, snapshot
from data.schema import TABLES
from data.settings import PROJECT_ROOT

D = dt.date

# (observation id, indicator, value, qualifier, sex, scheme, period_end) transcribed by
# hand from the seed files, independent of data/seed_records.py.
EXPECTED = [
    # 000: Peduli / KEMITRAAN, "Hingga tahun 2016"
    ("peduli-communities-2016", "communities_reached", 11000, "lower_bound", "total", None, D(2016, 12, 31)),
    ("peduli-provinces-2016", "provinces_reached", 14, "exact", "total", None, D(2016, 12, 31)),
    ("peduli-regencies-2016", "regencies_reached", 20, "exact", "total", None, D(2016, 12, 31)),
    ("peduli-villages-2016", "villages_reached", 45, "exact", "total", None, D(2016, 12, 31)),
    ("peduli-health-cover", "sp_enrolment", 2116, "exact", "total", "health-cover", D(2016, 12, 31)),
    ("peduli-education-support", "sp_enrolment", 1804, "exact", "total", "education-support", D(2016, 12, 31)),
    ("peduli-legal-identity", "sp_enrolment", 1975, "approximate", "total", "legal-identity", D(2016, 12, 31)),
    ("peduli-local-partners", "partner_organisations", 14, "exact", "total", None, D(2016, 12, 31)),
    ("peduli-local-partner-provinces", "provinces_reached", 13, "exact", "total", None, D(2016, 12, 31)),
    # 001: MAMPU, access to social protection (no data date stated)
    ("mampu-sp-groups", "groups_formed", 600, "lower_bound", "total", None, D(2017, 12, 31)),
    ("mampu-sp-members-female", "group_members", 10800, "lower_bound", "female", None, D(2017, 12, 31)),
    ("mampu-sp-cadres", "cadres", 5000, "exact", "female", None, D(2017, 12, 31)),
    ("mampu-klik-pekka-consultations", "consultations", 150000, "lower_bound", "total", None, D(2017, 12, 31)),
    ("mampu-birth-certificates", "sp_enrolment", 1000, "exact", "total", "birth-certificate", D(2017, 12, 31)),
    ("mampu-sekolah-perempuan-replication", "groups_replicated", 131, "exact", "total", None, D(2017, 12, 31)),
    ("mampu-gender-watch-leaders", "women_leaders", 680, "exact", "female", None, D(2017, 12, 31)),
    ("mampu-recommendations-2017", "recommendations_accommodated", 50, "lower_bound", "total", None,
     D(2017, 12, 31)),
    ("mampu-balai-women-decision-making", "women_in_decision_making", 10000, "lower_bound", "female", None,
     D(2017, 12, 31)),
    ("mampu-balai-perempuan-groups", "groups_formed", 74, "exact", "total", None, D(2017, 12, 31)),
    ("mampu-balai-perempuan-provinces", "provinces_reached", 8, "exact", "total", None, D(2017, 12, 31)),
    ("mampu-sp-partners", "partner_organisations", 3, "exact", "total", None, D(2017, 12, 31)),
    # 002: MAMPU programme page, "Data per Juni 2017"
    ("mampu-villages-2017", "villages_reached", 936, "exact", "total", None, D(2017, 6, 30)),
    ("mampu-regencies-2017", "regencies_reached", 145, "exact", "total", None, D(2017, 6, 30)),
    ("mampu-provinces-2017", "provinces_reached", 27, "exact", "total", None, D(2017, 6, 30)),
    ("mampu-groups-2017", "groups_formed", 2200, "exact", "total", None, D(2017, 6, 30)),
    ("mampu-members-female-2017", "group_members", 52000, "exact", "female", None, D(2017, 6, 30)),
    ("mampu-members-male-2017", "group_members", 2300, "exact", "male", None, D(2017, 6, 30)),
    ("mampu-groups-studied-2017", "groups_studied", 8, "exact", "total", None, D(2017, 6, 30)),
    ("mampu-policy-decisions-2016-2017", "policy_decisions", 12, "exact", "total", None, D(2017, 3, 31)),
    ("mampu-themes-with-policy-2017", "themes_with_policy_decisions", 4, "exact", "total", None, D(2017, 3, 31)),
    ("mampu-potential-beneficiaries-2020", "women_potential_beneficiaries", 720000, "approximate", "female", None,
     D(2020, 12, 31)),
    ("mampu-desmigratif-ministries", "ministries_signing", 8, "exact", "total", None, D(2017, 5, 31)),
]

# How each number is written in the seed text (Indonesian thousands separator, words).
WRITTEN = {11000: "11.000", 2116: "2.116", 1804: "1.804", 1975: "1.975", 10800: "10.800", 150000: "150.000",
           2200: "2.200", 52000: "52.000", 2300: "2.300", 720000: "720.000", 10000: "10.000", 3: "tiga",
           4: "empat", 50: "50%"}


@pytest.fixture(scope="module")
def tables():
    return seed.build_tables()


@pytest.fixture(scope="module")
def texts():
    return seed.seed_texts()


def test_every_expected_figure_is_present_with_a_verbatim_citation(tables, texts):
    obs = tables["observations"].set_index("observation_id")
    assert len(obs) == len(EXPECTED) == 32
    for oid, ind, value, qual, sex, scheme, end in EXPECTED:
        row = obs.loc[oid]
        assert (row.indicator_id, row.value, row.qualifier, row.sex) == (ind, value, qual, sex), oid
        assert (row.scheme_id if isinstance(row.scheme_id, str) else None) == scheme, oid
        assert row.period_end == end, oid
        assert row.citation in texts[row.source_id], oid
        assert WRITTEN.get(value, str(value)) in row.citation, oid
        assert not bool(row.illustrative), oid


def test_qualifiers_follow_the_source_wording(tables):
    obs = tables["observations"]
    for _, r in obs.iterrows():
        low = r.citation.lower()
        if r.qualifier == "lower_bound":
            assert "lebih dari" in low or ">" in r.citation
        if r.qualifier == "approximate":
            assert "sekitar" in low or "potensi" in low


def test_periods_and_labels(tables):
    obs = tables["observations"].set_index("observation_id")
    assert obs.loc["peduli-villages-2016", "period_label_id"] == "hingga 2016"
    assert obs.loc["peduli-villages-2016", "period_label_en"] == "up to 2016"
    assert "Juni 2017" in obs.loc["mampu-villages-2017", "period_label_id"]
    assert obs.loc["mampu-villages-2017", "period_start"] == D(2013, 1, 1)
    assert obs.loc["mampu-policy-decisions-2016-2017", "period_start"] == D(2016, 5, 1)
    assert (tables["observations"]["period_end"] >= tables["observations"]["period_start"]).all()


def test_every_observation_has_a_bilingual_note(tables):
    obs = tables["observations"]
    assert obs["note_id"].notna().all() and obs["note_en"].notna().all()


def test_members_by_sex_have_no_invented_total(tables):
    m = tables["observations"]
    members = m[(m.indicator_id == "group_members") & (m.source_id == "mampu-program")]
    assert sorted(zip(members.sex, members.value)) == [("female", 52000), ("male", 2300)]
    assert "total" not in set(members.sex)


def test_ambiguities_are_recorded_as_stated_with_notes(tables):
    obs = tables["observations"].set_index("observation_id")
    assert "implausible" in obs.loc["peduli-communities-2016", "note_en"]
    assert "13 provinces" in obs.loc["peduli-provinces-2016", "note_en"]
    assert "Contradicts" in obs.loc["peduli-local-partner-provinces", "note_en"]
    pres = tables["presence"].set_index("presence_id")
    bulo = pres.loc["peduli-togaribo-tobalo-bulo-bulo"]
    assert (bulo.place_level, bulo.place_code, bulo.place_name) == ("unresolved", "", "Kabupaten Bulo-bulo")
    nuaulu = pres.loc["peduli-nuaulu-maluku-utara"]
    assert (nuaulu.place_code, nuaulu.place_name) == ("82", "Maluku Utara") and "Seram" in nuaulu.note_en
    assert set(pres[pres.community == "Suku Anak Dalam (SAD)"].place_code) == {"13", "15"}
    sorong = pres.loc["peduli-kokoda-sorong"]
    assert sorong.place_level == "province" and "96.01" in sorong.note_en


def test_every_place_code_is_official_and_matches_its_level(tables):
    for name in ("observations", "policies", "presence"):
        for _, r in tables[name].iterrows():
            if r.place_level in ("national", "unresolved"):
                assert r.place_code == ""
            else:
                assert places.exists(r.place_code), (name, r.place_code)
    pres = tables["presence"]
    assert len(pres[pres.programme_id == "peduli"]) == 16  # every community/place named on the Peduli page
    assert places.name_of("73.10") == "Kabupaten Pangkajene dan Kepulauan"


def test_policies_are_recorded_with_honest_dates_and_stages(tables, texts):
    pol = tables["policies"].set_index("policy_id")
    assert len(pol) == 16
    d = pol.loc["mou-desmigratif-8-kementerian"]
    assert (d.date, d.date_precision, d.instrument, d.stage, d.level) == (D(2017, 5, 31), "day", "MoU", "adopted",
                                                                          "national")
    assert pol.loc["uu-8-2016-penyandang-disabilitas", "date_precision"] == "year"
    assert pol.loc["uu-7-2016-perlindungan-nelayan", "partner_ids"] == "kpi"
    assert pol.loc["perbup-sukabumi-slrt", "place_code"] == "32.02"
    assert pol.loc["perdes-itsbat-nikah-dana-sosial-kesehatan", "stage"] == "drafted"
    assert pol.loc["perdes-itsbat-nikah-dana-sosial-kesehatan", "place_level"] == "unresolved"
    perdes = pol[pol.index.str.startswith("perdes-partisipasi-perempuan-")]
    assert set(perdes.place_code) == {"73.10", "35.25", "52.08", "52.03"}
    assert pol.loc["mou-jawa-tengah-kekerasan-perempuan", "theme_id"] == "kekerasan-terhadap-perempuan"
    for pid, r in pol.iterrows():
        assert r.citation in texts[r.source_id], pid
        assert r.note_en or r.date_precision == "day", pid


def test_catalogue(tables):
    ind = tables["indicators"].set_index("indicator_id")
    for i in ("villages_reached", "regencies_reached", "provinces_reached", "groups_formed", "group_members",
              "cadres", "consultations", "policy_decisions", "sp_enrolment", "women_leaders"):
        assert i in ind.index
        assert ind.loc[i, "name_id"] and ind.loc[i, "name_en"] and ind.loc[i, "definition_en"]
    assert ind.loc["villages_reached", "aggregation"] == "distinct"
    assert ind.loc["regencies_reached", "aggregation"] == "none"
    assert ind.loc["provinces_reached", "aggregation"] == "none"
    assert ind.loc["sp_enrolment", "category"] == "social_protection"
    schemes = set(tables["schemes"].scheme_id)
    assert {"jkn-kis", "bpjs-kesehatan", "jamkesda", "kip", "education-other", "ktp", "birth-certificate",
            "marriage-certificate", "kartu-keluarga", "pkh", "bpnt"} <= schemes
    assert set(tables["themes"].theme_id) == {"perlindungan-sosial", "pekerja-rumahan", "buruh-migran",
                                               "kesehatan-reproduksi", "kekerasan-terhadap-perempuan",
                                               "masyarakat-adat"}
    prog = tables["programmes"].set_index("programme_id")
    assert prog.loc["mampu", "start_year"] == 2013 and "Cowater" in prog.loc["mampu", "implementer"]
    assert (prog.loc["peduli", "start_year"], prog.loc["peduli", "end_year"]) == (2015, 2020)
    partners = tables["partners"].set_index("partner_id")
    assert {"kapal-perempuan", "pekka", "kpi", "migrant-care", "kemitraan"} <= set(partners.index)
    assert partners.loc["kemitraan-mitra-lokal", "parent_partner_id"] == "kemitraan"
    assert set(tables["initiatives"].initiative_id) >= {"sekolah-perempuan", "klik-pekka", "pipa-jkn",
                                                         "balai-perempuan", "desbumi"}


def test_sources_carry_file_hashes_and_dates(tables):
    src = tables["sources"].set_index("source_id")
    folder = seed.seeds_dir()
    for sid, r in src.iterrows():
        assert hashlib.sha256((folder / r.file).read_bytes()).hexdigest() == r.sha256
        assert r.licence
    assert src.loc["mampu-program", "data_date"] == D(2017, 6, 30)
    assert src.loc["kemitraan-peduli", "data_date"] == D(2016, 12, 31)
    # seed 004 is a generic article: a cited source for scheme definitions, no figures
    assert "artikel-kesejahteraan-sosial" in src.index
    assert not (tables["observations"].source_id == "artikel-kesejahteraan-sosial").any()
    text = seed.seed_texts()["artikel-kesejahteraan-sosial"]
    for passage in seed_records.SCHEME_DEFINITIONS.values():
        assert passage in text


def test_seed_tables_conform_to_the_schema(tables):
    for name, df in tables.items():
        t = TABLES[name]
        assert list(df.columns) == list(t.column_names)
        assert not df.duplicated(list(t.key)).any()
        snapshot.to_arrow(name, df)  # types convert
        for c in t.columns:
            if c.pattern:
                assert df[c.name].dropna().map(lambda v: bool(re.match(c.pattern, v))).all(), (name, c.name)
            if c.enum:
                assert set(df[c.name].dropna()) <= set(c.enum), (name, c.name)


def test_committed_snapshot_is_up_to_date(tables):
    root = PROJECT_ROOT / "data" / "snapshots"
    snap = snapshot.load_snapshot(root=root)
    assert seed.tables_equal(tables, dict(snap.tables))
    assert snap.illustrative is False and snap.data_date == "2017-06-30"
    assert {e["file"] for e in snap.metadata["created_from"]} == {f"seeds/{s['file']}" for s in seed_records.SOURCES}


def test_seed_publish_is_idempotent(tmp_path):
    v1, new1 = seed.publish_seed(root=tmp_path)
    before = (tmp_path / "manifest.json").read_bytes()
    v2, new2 = seed.publish_seed(root=tmp_path)
    assert (v1, new1, v2, new2) == (seed.SEED_VERSION, True, seed.SEED_VERSION, False)
    assert (tmp_path / "manifest.json").read_bytes() == before
    assert [m["version"] for m in snapshot.list_versions(tmp_path)] == [seed.SEED_VERSION]


def test_a_changed_transcription_is_published_as_a_new_version(tmp_path, monkeypatch):
    seed.publish_seed(root=tmp_path)
    changed = [dict(p) for p in seed_records.POLICIES]
    changed[0]["note_en"] = "changed note"
    monkeypatch.setattr(seed_records, "POLICIES", changed)
    v, new = seed.publish_seed(root=tmp_path)
    assert new and v != seed.SEED_VERSION and snapshot.current_version(tmp_path) == v
    assert seed.publish_seed(root=tmp_path) == (v, False)
    assert len(snapshot.list_versions(tmp_path)) == 2


def test_a_wrong_citation_is_refused(monkeypatch):
    bad = [dict(o) for o in seed_records.OBSERVATIONS]
    bad[0]["citation"] = "Peduli telah menjangkau 99.999 komunitas"
    monkeypatch.setattr(seed_records, "OBSERVATIONS", bad)
    with pytest.raises(seed.SeedError, match="citation not found"):
        seed.build_tables()


def test_sources_have_a_date_accessed_and_say_what_it_is(tables):
    src = tables["sources"]
    assert src["accessed_date"].notna().all()
    assert set(src["accessed_date"]) == {seed_records.ACCESSED}
    # the stored copies record no retrieval date: the note says which date this is
    assert src["note_en"].str.startswith("Date accessed: the date the stored copy of this page").all()
    assert src["note_id"].str.startswith("Tanggal akses: tanggal salinan tersimpan").all()


def test_programmes_themes_and_partners_cite_document_and_passage(tables, texts):
    for name in ("programmes", "themes", "partners", "initiatives"):
        df = tables[name]
        assert "citation" in TABLES[name].column_names and df["citation"].notna().all(), name
        for _, r in df.iterrows():
            assert r.citation in texts[r.source_id], (name, r.citation)
    partners = tables["partners"].set_index("partner_id")
    assert "KAPAL Perempuan" in partners.loc["kapal-perempuan", "citation"]
    assert "Migrant CARE" in partners.loc["migrant-care", "citation"]


def test_policy_dates_known_only_as_by_a_month_or_year(tables):
    from components.i18n import date as fmt_date

    pol = tables["policies"].set_index("policy_id")
    # the two examples of the "12 keputusan kebijakan" of May 2016 - March 2017
    for pid in ("mou-jawa-tengah-kekerasan-perempuan", "replikasi-sekolah-perempuan-pangkep"):
        r = pol.loc[pid]
        assert (r.date, r.date_precision) == (D(2017, 3, 31), "by_month"), pid
        assert "May 2016" in r.note_en and "by March 2017" in r.note_en, pid
        assert fmt_date(r.date, "id", r.date_precision) == "hingga Maret 2017"
        assert fmt_date(r.date, "en", r.date_precision) == "by March 2017"
    # seed 001 states no dates: its policies existed by 2017, the latest year it mentions
    by_2017 = pol[pol.source_id == "mampu-perlindungan-sosial"].drop(
        ["uu-7-2016-perlindungan-nelayan", "uu-8-2016-penyandang-disabilitas"])
    assert len(by_2017) == 11
    assert set(zip(by_2017.date, by_2017.date_precision)) == {(D(2017, 12, 31), "by_year")}
    assert by_2017.note_en.str.contains("'by 2017'").all()
    assert fmt_date(D(2017, 12, 31), "id", "by_year") == "hingga 2017"
    assert fmt_date(D(2017, 12, 31), "en", "by_year") == "by 2017"
    # a law dated by its number keeps the plain year
    assert pol.loc["uu-7-2016-perlindungan-nelayan", "date_precision"] == "year"


def test_notes_on_the_replication_statements_and_cina_benteng(tables):
    obs = tables["observations"].set_index("observation_id")
    pol = tables["policies"].set_index("policy_id")
    for note in (obs.loc["mampu-sekolah-perempuan-replication", "note_en"],
                 pol.loc["replikasi-sekolah-perempuan-rencana-pangkep", "note_en"]):
        assert "has been replicated in Kabupaten Pangkajene dan Kepulauan" in note  # seed 002
        assert "may mean the 131 existing schools are the model" in note
    assert "has been replicated" not in pol.loc["replikasi-sekolah-perempuan-rencana-gresik", "note_en"]
    assert "'will be replicated'" in pol.loc["replikasi-sekolah-perempuan-pangkep", "note_en"]
    cina = tables["presence"].set_index("presence_id").loc["peduli-cina-benteng-tangerang-selatan"]
    assert (cina.place_code, cina.place_name) == ("36.74", "Tangerang Selatan")
    assert "Kota Tangerang (36.71) and Kabupaten Tangerang (36.03)" in cina.note_en
    assert "Kota Tangerang (36.71) dan Kabupaten Tangerang (36.03)" in cina.note_id


def test_every_row_of_every_seed_table_says_it_is_not_illustrative(tables):
    for name, df in tables.items():
        assert "illustrative" in df.columns and (df["illustrative"] == False).all(), name  # noqa: E712

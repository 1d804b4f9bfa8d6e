"""Shared test fixtures: small, schema-conformant snapshots built in code.

``seed_tables()`` mirrors what the published seed snapshot holds: mostly
national totals transcribed from the four seed pages (with their qualifiers),
a few named provinces/regencies in ``presence`` and ``policies``. It is not
illustrative. ``demo_tables()`` is an illustrative village-level snapshot (like
``peta-inklusi demo``) so the maps fill in at both levels.

Both are published with ``data.snapshot.publish`` into temporary data
directories; the session fixtures set nothing globally, tests that need the app
pass ``PETA_DATA_DIR`` explicitly.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path

import pandas as pd
import pytest

from data.snapshot import load_snapshot, publish

D = dt.date

# Tests build every figure through plotly's validation (production skips it for speed;
# tests/unit/test_components.py checks both ways give the same JSON).
os.environ.setdefault("PETA_VALIDATE_FIGURES", "true")

SOURCES = [
    dict(source_id="kemitraan-peduli", title="Social Inclusion and Plunarism — Program Peduli",
         publisher="KEMITRAAN", url="https://www.kemitraan.or.id/", file="000_35a2a991f2379b8d.txt",
         data_date=D(2016, 12, 31), accessed_date=D(2026, 11, 1), licence="© KEMITRAAN; quoted for reporting",
         language="id"),
    dict(source_id="mampu-perlindungan-sosial", title="Akses Kepada Perlindungan Sosial",
         publisher="MAMPU", url="https://www.mampu.or.id/", file="001_b07c1d645dfab4a5.txt",
         data_date=D(2017, 6, 30), accessed_date=D(2026, 11, 1), licence="© MAMPU; quoted for reporting",
         language="id"),
    dict(source_id="mampu-program", title="Program MAMPU", publisher="MAMPU",
         url="https://www.mampu.or.id/", file="002_2e690a2de6d45810.txt", data_date=D(2017, 6, 30),
         accessed_date=D(2026, 11, 1), licence="© MAMPU; quoted for reporting", language="id"),
]

PROGRAMMES = [
    dict(programme_id="mampu", name="MAMPU",
         full_name_id="Kemitraan Australia–Indonesia untuk Kesetaraan Gender dan Pemberdayaan Perempuan",
         full_name_en="Australia–Indonesia Partnership for Gender Equality and Women's Empowerment",
         description_id="Akses perempuan miskin terhadap layanan penting dan program pemerintah.",
         description_en="Poor women's access to essential services and government programmes.",
         implementer="Cowater International", funder="Pemerintah Australia", start_year=2013,
         source_id="mampu-program"),
    dict(programme_id="peduli", name="Peduli", full_name_id="Program Peduli",
         full_name_en="Peduli Programme",
         description_id="Pengakuan hukum dan sosial bagi masyarakat yang terpinggirkan.",
         description_en="Legal and social recognition for marginalised communities.",
         implementer="KEMITRAAN", funder="Pemerintah Australia", start_year=2014,
         source_id="kemitraan-peduli"),
]

_THEMES = [
    ("perlindungan-sosial", "mampu", "Akses kepada perlindungan sosial", "Access to social protection"),
    ("pekerja-rumahan", "mampu", "Perlindungan pekerja rumahan", "Protection of home-based workers"),
    ("buruh-migran", "mampu", "Buruh migran perempuan", "Women migrant workers"),
    ("kesehatan-reproduksi", "mampu", "Kesehatan reproduksi dan gizi", "Reproductive health and nutrition"),
    ("kekerasan-terhadap-perempuan", "mampu", "Kekerasan terhadap perempuan", "Violence against women"),
    ("masyarakat-adat", "peduli", "Masyarakat adat", "Indigenous communities"),
]
THEMES = [
    dict(theme_id=t, programme_id=p, name_id=ni, name_en=ne,
         description_id=f"Area tematik {ni.lower()}.", description_en=f"The {ne.lower()} thematic area.",
         sort_order=i, source_id="mampu-program" if p == "mampu" else "kemitraan-peduli")
    for i, (t, p, ni, ne) in enumerate(_THEMES)
]

PARTNERS = [
    dict(partner_id="kapal-perempuan", name="KAPAL Perempuan", programme_id="mampu",
         description_id="Sekolah Perempuan.", description_en="Women's Schools.", source_id="mampu-perlindungan-sosial"),
    dict(partner_id="pekka", name="PEKKA", programme_id="mampu",
         description_id="Pemberdayaan perempuan kepala keluarga.", description_en="Women heads of household.",
         source_id="mampu-perlindungan-sosial"),
    dict(partner_id="kpi", name="Koalisi Perempuan Indonesia (KPI)", programme_id="mampu",
         description_id="Balai Perempuan dan PIPA-JKN.", description_en="Balai Perempuan and PIPA-JKN.",
         source_id="mampu-perlindungan-sosial"),
    dict(partner_id="migrant-care", name="Migrant CARE", programme_id="mampu",
         description_id="Model DESBUMI.", description_en="The DESBUMI model.", source_id="mampu-program"),
    dict(partner_id="kemitraan", name="KEMITRAAN", programme_id="peduli",
         description_id="Pelaksana Peduli untuk masyarakat adat.",
         description_en="Peduli implementer for indigenous communities.", source_id="kemitraan-peduli"),
]

INITIATIVES = [
    dict(initiative_id="klik-pekka", partner_id="pekka", theme_id="perlindungan-sosial", name="KLIK PEKKA",
         description_id="Layanan informasi dan konsultasi.", description_en="Information and consultation service.",
         source_id="mampu-perlindungan-sosial", citation="KLIK PEKKA, model inisiatif PEKKA"),
    dict(initiative_id="sekolah-perempuan", partner_id="kapal-perempuan", theme_id="perlindungan-sosial",
         name="Sekolah Perempuan", description_id="Mengorganisasi perempuan.", description_en="Organising women.",
         source_id="mampu-perlindungan-sosial", citation="Sekolah Perempuan, inisiatif dari KAPAL Perempuan"),
    dict(initiative_id="pipa-jkn", partner_id="kpi", theme_id="perlindungan-sosial", name="PIPA-JKN",
         description_id="Memantau akses perempuan ke JKN.", description_en="Monitoring women's access to JKN.",
         source_id="mampu-perlindungan-sosial", citation="PIPA-JKN inisiatif dari KPI"),
    dict(initiative_id="desbumi", partner_id="migrant-care", theme_id="buruh-migran", name="DESBUMI",
         description_id="Desa Peduli Buruh Migran.", description_en="Migrant-worker-caring villages.",
         source_id="mampu-program", citation="model DESBUMI dari Migrant CARE"),
]

PARTNER_THEMES = [
    dict(partner_id="kapal-perempuan", theme_id="perlindungan-sosial"),
    dict(partner_id="pekka", theme_id="perlindungan-sosial"),
    dict(partner_id="kpi", theme_id="perlindungan-sosial"),
    dict(partner_id="migrant-care", theme_id="buruh-migran"),
    dict(partner_id="kemitraan", theme_id="masyarakat-adat"),
]

_IND = [
    ("villages_reached", "reach", "Desa terjangkau", "Villages reached", "desa", "villages", "distinct"),
    ("regencies_reached", "reach", "Kabupaten/kota terjangkau", "Regencies reached", "kabupaten/kota",
     "regencies", "distinct"),
    ("provinces_reached", "reach", "Provinsi terjangkau", "Provinces reached", "provinsi", "provinces", "distinct"),
    ("groups_formed", "groups", "Kelompok terbentuk", "Groups formed", "kelompok", "groups", "sum"),
    ("group_members", "groups", "Anggota kelompok", "Group members", "orang", "people", "sum"),
    ("cadres", "groups", "Kader perempuan", "Women cadres", "orang", "people", "sum"),
    ("consultations", "services", "Warga berkonsultasi", "People consulted", "orang", "people", "sum"),
    ("policy_decisions", "policy", "Keputusan kebijakan", "Policy decisions", "keputusan", "decisions", "sum"),
    ("sp_enrolment", "social_protection", "Kepesertaan perlindungan sosial", "Social-protection enrolment",
     "orang", "people", "sum"),
    ("women_leaders", "groups", "Pemimpin perempuan", "Women leaders", "orang", "people", "sum"),
    ("share_recommendations_adopted", "policy", "Rekomendasi diakomodasi", "Recommendations adopted", "%", "%",
     "none"),
]
INDICATORS = [
    dict(indicator_id=i, category=c, name_id=ni, name_en=ne, definition_id=f"Jumlah {ni.lower()}.",
         definition_en=f"Number of {ne.lower()}.", unit_id=ui, unit_en=ue, aggregation=a, sort_order=k)
    for k, (i, c, ni, ne, ui, ue, a) in enumerate(_IND)
]

_SCH = [("jkn-kis", "JKN-KIS", "JKN-KIS", "health"), ("kip", "KIP", "KIP", "education"),
        ("ktp", "KTP", "ID card (KTP)", "identity"),
        ("birth-certificate", "Akta kelahiran", "Birth certificate", "identity"),
        ("pkh", "PKH", "PKH", "cash"), ("bpnt", "BPNT", "BPNT", "food")]
SCHEMES = [dict(scheme_id=s, name_id=ni, name_en=ne, kind=k, sort_order=i) for i, (s, ni, ne, k) in enumerate(_SCH)]


def _obs(oid, ind, prog, value, qual, src, cit, start, end, *, theme=None, partner=None, scheme=None,
         sex="total", level="national", code=None, name=None, illustrative=False, group=None):
    return dict(observation_id=oid, indicator_id=ind, programme_id=prog, theme_id=theme, partner_id=partner,
                scheme_id=scheme, beneficiary_group=group, place_level=level, place_code=code, place_name=name,
                period_start=start, period_end=end, period_label_id=None, period_label_en=None, sex=sex,
                value=float(value), qualifier=qual, source_id=src, citation=cit, note_id=None, note_en=None,
                illustrative=illustrative)


def seed_observations() -> list[dict]:
    M, P, S = "mampu-program", "kemitraan-peduli", "mampu-perlindungan-sosial"
    m0, m1 = D(2013, 1, 1), D(2017, 6, 30)
    p0, p1 = D(2014, 1, 1), D(2016, 12, 31)
    return [
        _obs("mampu-villages", "villages_reached", "mampu", 936, "exact", M, "telah mencapai 936 desa", m0, m1),
        _obs("mampu-regencies", "regencies_reached", "mampu", 145, "exact", M, "145 kota/kabupaten", m0, m1),
        _obs("mampu-provinces", "provinces_reached", "mampu", 27, "exact", M, "27 provinsi", m0, m1),
        _obs("mampu-groups", "groups_formed", "mampu", 2200, "exact", M, "2.200 kelompok perempuan lokal", m0, m1),
        _obs("mampu-members-f", "group_members", "mampu", 52000, "exact", M, "52.000 perempuan", m0, m1,
             sex="female"),
        _obs("mampu-members-m", "group_members", "mampu", 2300, "exact", M, "(dan 2.300 laki-laki)", m0, m1,
             sex="male"),
        _obs("mampu-policy", "policy_decisions", "mampu", 12, "exact", M, "12 keputusan kebijakan",
             D(2016, 5, 1), D(2017, 3, 31)),
        _obs("ps-groups", "groups_formed", "mampu", 600, "lower_bound", S, ">600 kelompok", m0, m1,
             theme="perlindungan-sosial"),
        _obs("ps-members", "group_members", "mampu", 10800, "lower_bound", S, ">10.800 perempuan kepala keluarga",
             m0, m1, theme="perlindungan-sosial", sex="female"),
        _obs("ps-cadres", "cadres", "mampu", 5000, "exact", S, "5000 kader perempuan", m0, m1,
             theme="perlindungan-sosial", sex="female"),
        _obs("ps-consult", "consultations", "mampu", 150000, "lower_bound", S, "Lebih dari 150.000 warga", m0, m1,
             theme="perlindungan-sosial", partner="pekka"),
        _obs("ps-birth", "sp_enrolment", "mampu", 1000, "exact", S, "1000 akta kelahiran", m0, m1,
             theme="perlindungan-sosial", scheme="birth-certificate"),
        _obs("ps-leaders", "women_leaders", "mampu", 10000, "lower_bound", S, "Lebih dari 10.000 perempuan", m0,
             m1, theme="perlindungan-sosial", partner="kpi", sex="female"),
        _obs("ps-recs", "share_recommendations_adopted", "mampu", 50, "lower_bound", S,
             "Lebih dari 50% rekomendasi", D(2017, 1, 1), D(2017, 12, 31), theme="perlindungan-sosial"),
        _obs("peduli-villages", "villages_reached", "peduli", 45, "exact", P, "45 desa", p0, p1,
             theme="masyarakat-adat"),
        _obs("peduli-regencies", "regencies_reached", "peduli", 20, "exact", P, "20 kabupaten", p0, p1,
             theme="masyarakat-adat"),
        _obs("peduli-provinces", "provinces_reached", "peduli", 14, "exact", P, "14 provinsi", p0, p1,
             theme="masyarakat-adat"),
        _obs("peduli-jkn", "sp_enrolment", "peduli", 2116, "exact", P, "Sebanyak 2.116 masyarakat adat", p0, p1,
             theme="masyarakat-adat", scheme="jkn-kis", partner="kemitraan"),
        _obs("peduli-kip", "sp_enrolment", "peduli", 1804, "exact", P, "1.804 orang memperoleh fasilitas", p0, p1,
             theme="masyarakat-adat", scheme="kip", partner="kemitraan"),
        _obs("peduli-ktp", "sp_enrolment", "peduli", 1975, "approximate", P, "sekitar 1.975 masyarakat adat",
             p0, p1, theme="masyarakat-adat", scheme="ktp", partner="kemitraan"),
        # The one figure stated for named regencies: 680 leaders in Pangkep, Lombok Utara and Gresik
        # jointly; stored once at national level (not additive to regencies).
        _obs("leaders-680", "women_leaders", "mampu", 680, "exact", S, "Munculnya 680 pemimpin perempuan", m0, m1,
             theme="perlindungan-sosial", partner="kapal-perempuan", sex="female"),
        # Earlier release of the same series, so time series have two points.
        _obs("mampu-villages-2016", "villages_reached", "mampu", 800, "approximate", M, "sekitar 800 desa", m0,
             D(2016, 6, 30)),
        _obs("kpi-balai-prov", "groups_formed", "mampu", 74, "exact", S, "74 Balai Perempuan di 8 provinsi", m0,
             m1, theme="perlindungan-sosial", partner="kpi"),
        _obs("sukabumi-groups", "groups_formed", "mampu", 12, "exact", S, "kelompok di Kabupaten Sukabumi", m0,
             m1, theme="perlindungan-sosial", partner="pekka", level="regency", code="32.02",
             name="Kabupaten Sukabumi"),
        _obs("pangkep-recs", "share_recommendations_adopted", "mampu", 50, "lower_bound", S,
             "Lebih dari 50% rekomendasi", D(2017, 1, 1), D(2017, 12, 31), theme="perlindungan-sosial",
             level="regency", code="73.10", name="Kabupaten Pangkajene dan Kepulauan"),
    ]


_PRESENCE = [
    ("peduli", "kemitraan", "masyarakat-adat", "regency", "96.01", "Sorong", "Suku Kokoda"),
    ("peduli", "kemitraan", "masyarakat-adat", "regency", "53.11", "Sumba Timur", "Suku Marapu"),
    ("peduli", "kemitraan", "masyarakat-adat", "province", "82", "Maluku Utara", "Suku Nuaulu"),
    ("peduli", "kemitraan", "masyarakat-adat", "province", "14", "Riau", "Suku Talang Mamak"),
    ("peduli", "kemitraan", "masyarakat-adat", "province", "53", "Nusa Tenggara Timur", "Suku Boti dan Suku Bajo"),
    ("peduli", "kemitraan", "masyarakat-adat", "province", "73", "Sulawesi Selatan", "suku Kahayya"),
    ("peduli", "kemitraan", "masyarakat-adat", "province", "72", "Sulawesi Tengah", "Topo Uma dan Kulawi Uma"),
    ("peduli", "kemitraan", "masyarakat-adat", "province", "13", "Sumatera Barat", "Suku Anak Dalam"),
    ("peduli", "kemitraan", "masyarakat-adat", "province", "15", "Jambi", "Suku Anak Dalam"),
    ("peduli", "kemitraan", "masyarakat-adat", "regency", "36.74", "Tangerang Selatan", "Cina Benteng"),
    ("peduli", "kemitraan", "masyarakat-adat", "province", "36", "Banten", "Kasepuhan dan Baduy"),
    ("peduli", "kemitraan", "masyarakat-adat", "province", "64", "Kalimantan Timur", "masyarakat Dayak"),
    ("mampu", "kapal-perempuan", "perlindungan-sosial", "regency", "73.10", "Kabupaten Pangkajene dan Kepulauan", None),
    ("mampu", "kapal-perempuan", "perlindungan-sosial", "regency", "35.25", "Gresik", None),
    ("mampu", "kapal-perempuan", "perlindungan-sosial", "regency", "52.08", "Lombok Utara", None),
    ("mampu", "kapal-perempuan", "perlindungan-sosial", "regency", "52.03", "Lombok Timur", None),
    ("mampu", "pekka", "perlindungan-sosial", "regency", "32.02", "Kabupaten Sukabumi", None),
    ("mampu", None, "kekerasan-terhadap-perempuan", "province", "33", "Jawa Tengah", None),
]


def seed_presence() -> list[dict]:
    out = []
    for i, (prog, partner, theme, level, code, name, community) in enumerate(_PRESENCE):
        out.append(dict(presence_id=f"p{i:03d}", programme_id=prog, partner_id=partner, theme_id=theme,
                        place_level=level, place_code=code, place_name=name, community=community,
                        source_id="kemitraan-peduli" if prog == "peduli" else "mampu-perlindungan-sosial",
                        citation=f"{community or name}", note_id=None, note_en=None, illustrative=False))
    return out


def _pol(pid, date, prec, level, plevel, code, name, instr, tid, ten, stage, theme, partners, src, cit, url=None):
    return dict(policy_id=pid, date=date, date_precision=prec, level=level, place_level=plevel, place_code=code,
                place_name=name, instrument=instr, title_id=tid, title_en=ten, stage=stage, programme_id="mampu",
                theme_id=theme, partner_ids=partners, source_id=src, citation=cit, url=url, note_id=None,
                note_en=None, illustrative=False)


def seed_policies() -> list[dict]:
    M, S = "mampu-program", "mampu-perlindungan-sosial"
    return [
        _pol("uu-7-2016", D(2016, 1, 1), "year", "national", "national", None, None, "UU",
             "UU No. 7 Tahun 2016 tentang Perlindungan Nelayan", "Law 7/2016 on the Protection of Fishers",
             "adopted", "perlindungan-sosial", "kpi", S, "UU no. 7 tahun 2016", "https://peraturan.go.id/"),
        _pol("uu-8-2016", D(2016, 1, 1), "year", "national", "national", None, None, "UU",
             "UU No. 8 Tahun 2016 tentang Penyandang Disabilitas", "Law 8/2016 on Persons with Disabilities",
             "adopted", "perlindungan-sosial", "kpi", S, "UU No 8 tahun 2016"),
        _pol("perbup-sukabumi-slrt", D(2017, 1, 1), "year", "regency", "regency", "32.02", "Kabupaten Sukabumi",
             "Perbup", "Perbup Sukabumi tentang SLRT", "Sukabumi regent regulation on integrated referral (SLRT)",
             "adopted", "perlindungan-sosial", "pekka", S, "Peraturan Bupati (Perbup) Sukabumi"),
        _pol("mou-jateng-kekerasan", D(2017, 1, 1), "year", "province", "province", "33", "Jawa Tengah", "MoU",
             "MoU penanganan kasus kekerasan terhadap perempuan di Jawa Tengah",
             "MoU on handling violence against women in Central Java", "adopted",
             "kekerasan-terhadap-perempuan", None, M, "di Jawa Tengah, sebuah nota kesepahaman (MoU)"),
        _pol("mou-desmigratif", D(2017, 5, 31), "day", "national", "national", None, None, "MoU",
             "MoU 8 Kementerian untuk DESMIGRATIF", "Eight-ministry MoU on DESMIGRATIF", "adopted", "buruh-migran",
             "migrant-care", M, "Pada 31 Mei 2017, 8 Kementerian menandatangani MoU"),
        _pol("perdes-partisipasi-pangkep", D(2017, 1, 1), "year", "village", "regency", "73.10",
             "Kabupaten Pangkep", "Perdes", "Perdes partisipasi perempuan dalam pembangunan desa",
             "Village regulation on women's participation in village development", "adopted",
             "perlindungan-sosial", "kapal-perempuan", S, "Peraturan Desa Partisipasi Perempuan"),
    ]


def seed_tables() -> dict[str, pd.DataFrame]:
    return {
        "sources": pd.DataFrame(SOURCES), "programmes": pd.DataFrame(PROGRAMMES),
        "themes": pd.DataFrame(THEMES), "partners": pd.DataFrame(PARTNERS),
        "initiatives": pd.DataFrame(INITIATIVES), "partner_themes": pd.DataFrame(PARTNER_THEMES),
        "indicators": pd.DataFrame(INDICATORS), "schemes": pd.DataFrame(SCHEMES),
        "observations": pd.DataFrame(seed_observations()), "presence": pd.DataFrame(seed_presence()),
        "policies": pd.DataFrame(seed_policies()),
    }


# Regencies (and their provinces) the illustrative demo fills in.
DEMO_REGENCIES = ["32.02", "33.01", "33.02", "35.07", "35.25", "52.03", "52.08", "53.11", "73.10", "72.10",
                  "96.01", "14.02", "36.02", "64.01", "11.01", "91.01"]


def demo_tables() -> dict[str, pd.DataFrame]:
    """Illustrative village-level rows: deterministic, every row flagged illustrative."""
    t = seed_tables()
    rows = []
    k = 0
    for r_i, reg in enumerate(DEMO_REGENCIES):
        for v in range(1, 4 + r_i % 4):
            code = f"{reg}.{v:02d}.{2000 + v:04d}"
            for year in (2016, 2017):
                k += 1
                prog = "peduli" if reg[:2] in {"96", "53", "14", "72", "64", "91"} else "mampu"
                partner = "kemitraan" if prog == "peduli" else ("pekka" if r_i % 2 else "kapal-perempuan")
                members = 3 + (r_i * 7 + v * 5 + year) % 40
                rows.append(_obs(f"demo-{k}", "group_members", prog, members, "exact", "mampu-program",
                                 "illustrative", D(year, 1, 1), D(year, 12, 31), partner=partner, sex="female",
                                 level="village", code=code, name=f"Desa {code}", illustrative=True,
                                 theme="perlindungan-sosial" if prog == "mampu" else "masyarakat-adat"))
                rows.append(_obs(f"demo-v-{k}", "villages_reached", prog, 1, "exact", "mampu-program",
                                 "illustrative", D(year, 1, 1), D(year, 12, 31), partner=partner,
                                 level="village", code=code, name=f"Desa {code}", illustrative=True))
                rows.append(_obs(f"demo-sp-{k}", "sp_enrolment", prog, 2 + (v * 11 + r_i) % 30, "exact",
                                 "mampu-program", "illustrative", D(year, 1, 1), D(year, 12, 31),
                                 partner=partner, scheme="jkn-kis" if v % 2 else "ktp", level="village",
                                 code=code, name=f"Desa {code}", illustrative=True))
    t["observations"] = pd.DataFrame(rows)
    pres = []
    for i, reg in enumerate(DEMO_REGENCIES):
        prog = "peduli" if reg[:2] in {"96", "53", "14", "72", "64", "91"} else "mampu"
        pres.append(dict(presence_id=f"demo-p{i}", programme_id=prog,
                         partner_id="kemitraan" if prog == "peduli" else "pekka", theme_id=None,
                         place_level="regency", place_code=reg, place_name=reg, community=None,
                         source_id="mampu-program", citation="illustrative", note_id=None, note_en=None,
                         illustrative=True))
    t["presence"] = pd.DataFrame(pres)
    pol = pd.DataFrame(seed_policies())
    pol["illustrative"] = True
    t["policies"] = pol
    return t


def publish_seed(root: Path) -> str:
    root = Path(root)
    # Two versions, so "what the latest release changed" has something to compare.
    first = seed_tables()
    first["observations"] = first["observations"][first["observations"]["observation_id"] != "ps-recs"]
    publish(first, root=root, notes="first release", data_date="2017-06-30", version="20261101.1")
    return publish(seed_tables(), root=root, notes="seed release", data_date="2017-06-30", version="20261120.1")


def publish_demo(root: Path) -> str:
    return publish(demo_tables(), root=Path(root), illustrative=True, notes="illustrative demo",
                   data_date="2017-12-31", version="20261121.1")


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("seed-data")
    publish_seed(root)
    return root


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("demo-data")
    publish_demo(root)
    return root


@pytest.fixture(scope="session")
def seed_snapshot(seed_dir):
    return load_snapshot(root=seed_dir)


@pytest.fixture(scope="session")
def demo_snapshot(demo_dir):
    return load_snapshot(root=demo_dir)


# --- boundaries ---------------------------------------------------------------

def _ring(cx: float, cy: float, r: float, n: int = 7) -> list[list[float]]:
    """A closed polygon ring, clockwise (as plotly's go.Choropleth needs)."""
    pts = [[round(cx + r * math.cos(-2 * math.pi * i / n), 4), round(cy + r * math.sin(-2 * math.pi * i / n), 4)]
           for i in range(n)]
    return pts + [pts[0]]


def _reference_places():
    """Official names from the shared idn-area-data tables (tests only)."""
    import csv
    from data.settings import get_settings
    ref = get_settings().shared_dir / "reference" / "idn-area-data"
    with open(ref / "provinces.csv", encoding="utf-8") as f:
        prov = [(r["code"], r["name"]) for r in csv.DictReader(f)]
    with open(ref / "regencies.csv", encoding="utf-8") as f:
        regs = [(r["code"], r["name"]) for r in csv.DictReader(f)]
    return prov, regs


def fallback_geojson(level: str, province: str | None = None) -> dict:
    """Synthetic code-keyed shapes for tests run before geo/ has landed."""
    PROVINCES, REGENCIES = _reference_places()
    feats = []
    if level == "province":
        for i, (code, name) in enumerate(PROVINCES):
            cx, cy = 96 + (i % 10) * 4.5, 4 - (i // 10) * 3.5
            feats.append({"type": "Feature", "id": code, "properties": {"code": code, "name": name},
                          "geometry": {"type": "Polygon", "coordinates": [_ring(cx, cy, 1.4)]}})
    else:
        regs = [(c, n) for c, n in REGENCIES if province is None or c.startswith(province + ".")]
        for i, (code, name) in enumerate(regs):
            cx, cy = 96 + (i % 25) * 1.8, 5 - (i // 25) * 0.9
            feats.append({"type": "Feature", "id": code, "properties": {"code": code, "name": name},
                          "geometry": {"type": "Polygon", "coordinates": [_ring(cx, cy, 0.4)]}})
    return {"type": "FeatureCollection", "features": feats}


def geo_available() -> bool:
    try:
        import geo.boundaries  # noqa: F401
        import geo.codes  # noqa: F401
    except ImportError:
        return False
    here = Path(__file__).resolve().parents[1] / "geo" / "generated"
    return here.is_dir() and any(here.iterdir())


@pytest.fixture(autouse=True)
def _boundaries(monkeypatch):
    """Use geo/ when its generated files exist; otherwise synthetic shapes."""
    if not geo_available():
        import components.geodata as gd
        monkeypatch.setattr(gd, "_provider", gd.FallbackProvider(fallback_geojson))
    yield


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


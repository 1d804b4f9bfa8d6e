"""The transcription of the seed documents, as reviewed records.

Every figure, named place and policy in ``<PETA_SHARED_DIR>/seeds`` is written
down here by hand, with the verbatim passage it comes from (``citation``; a
test checks each passage occurs in its seed file). ``data.seed`` turns these
records into snapshot tables. Nothing here is computed or estimated: where a
seed is vague, the record keeps the seed's own qualifier and the note says
what is uncertain and why.

Conventions used in this transcription
- "lebih dari N", ">N"       -> qualifier ``lower_bound``
- "sekitar N"                -> qualifier ``approximate``
- "Hingga tahun 2016"        -> period_end 2016-12-31, label "hingga 2016"
- "Data per Juni 2017"       -> period_end 2017-06-30, label "per Juni 2017"
- A period start that a page does not state is the programme's start year
  (MAMPU 2013, Peduli 2015, both stated in the seeds); the note says so.
- Policy dates the page does not give are recorded as "known by" a date:
  ``date_precision`` ``by_month`` or ``by_year`` with ``date`` the last day
  of that month or year (shown as "hingga Maret 2017" / "by March 2017"),
  and a note saying what the bound rests on.
- Sources: ``accessed_date`` is :data:`ACCESSED` (see there); the seed files
  do not say when the web pages were retrieved.
- Place codes are current Kemendagri codes (idn-area-data 4.0.1); a place the
  text names but that cannot be pinned to one official code is kept with
  ``place_level='unresolved'`` (or at the level that is certain) and a note.

Context figures considered and deliberately NOT recorded as achievements
(they describe the setting or the aims, not what a programme did):
- seed 001: "Program perlindungan sosial berkontribusi pada 14 dari 17 Sustainable Developments Goals (SDG)"
  (a claim about social protection in general);
- seed 001: "Jaminan Kesehatan Nasional (JKN) yang dimulai di tahun 2014 dan ditargetkan mencapai 100%
  jangkauan di tahun 2019" (the government's JKN start and target, not a MAMPU result);
- seed 001: "program nasional 100.000 Akta Kelahiran Gratis" (the name of a national programme; noted on
  ``mampu-birth-certificates``);
- seed 000: "Peduli berupaya mencapai tiga tujuan" (the number of Peduli's goals);
- seed 002: "lima area tematik" (the number of MAMPU's thematic areas: the themes table itself).
Seed 004 is a general article on welfare programmes; it holds no programme figures and is used only for
the scheme definitions.
"""

from __future__ import annotations

import datetime as dt

D = dt.date

# --- sources ----------------------------------------------------------------

LICENCE = "all rights reserved by publisher; quoted for reference"
# "Date accessed": the seed files record no retrieval date. ACCESSED is the date the stored copies in
# ../shared/seeds were read and transcribed into this module (its first commit, 21 November 2026). The
# files' modification time is not used: it is the time the copy was placed on a machine (it differs from
# machine to machine; 2026-12-06 on the one this was checked on), not the time anyone consulted the page.
ACCESSED = D(2026, 11, 21)
_ACCESSED_NOTE_ID = ("Tanggal akses: tanggal salinan tersimpan halaman ini (folder seeds) dibaca dan ditranskripsi "
                     "untuk Peta Inklusi. Salinan tidak mencatat kapan halaman web aslinya diambil.")
_ACCESSED_NOTE_EN = ("Date accessed: the date the stored copy of this page (seeds folder) was read and transcribed "
                     "for Peta Inklusi. The copy does not record when the original web page was retrieved.")
_SOURCE_NOTES = dict(accessed_date=ACCESSED, note_id=_ACCESSED_NOTE_ID, note_en=_ACCESSED_NOTE_EN)

SOURCES = [
    {
        "source_id": "kemitraan-peduli",
        "file": "000_35a2a991f2379b8d.txt",
        "title": "Social Inclusion and Plunarism (Home / What We Do) — Program Peduli",
        "publisher": "KEMITRAAN",
        "url": None,
        "data_date": D(2016, 12, 31),
        "licence": LICENCE,
        "language": "id",
        **_SOURCE_NOTES,
    },
    {
        "source_id": "mampu-perlindungan-sosial",
        "file": "001_b07c1d645dfab4a5.txt",
        "title": "Area Tematik Program Kami: Akses Kepada Perlindungan Sosial",
        "publisher": "MAMPU",
        "url": None,
        "data_date": None,  # the page states no data date
        "licence": LICENCE,
        "language": "id",
        **_SOURCE_NOTES,
    },
    {
        "source_id": "mampu-program",
        "file": "002_2e690a2de6d45810.txt",
        "title": "Program MAMPU",
        "publisher": "MAMPU (Australian Aid; managed by Cowater International Inc. on behalf of the Australian Government)",
        "url": None,
        "data_date": D(2017, 6, 30),
        "licence": LICENCE,
        "language": "id",
        **_SOURCE_NOTES,
    },
    {
        "source_id": "artikel-kesejahteraan-sosial",
        "file": "004_e5e2a64c1f3150a5.txt",
        "title": "Program Kesejahteraan Sosial untuk Kelompok Rentan (Berita)",
        "publisher": "not named on the page (news article)",
        "url": None,
        "data_date": None,
        "licence": LICENCE,
        "language": "id",
        **_SOURCE_NOTES,
    },
]

# --- programmes -------------------------------------------------------------

PROGRAMMES = [
    {
        "programme_id": "mampu",
        "name": "MAMPU",
        "full_name_id": "Program MAMPU",
        "full_name_en": "The MAMPU programme",
        "description_id": "MAMPU bertujuan untuk meningkatkan akses perempuan miskin di Indonesia terhadap layanan "
                          "penting dan program pemerintah lainnya dalam rangka mewujudkan kesetaraan gender dan "
                          "pemberdayaan perempuan.",
        "description_en": "MAMPU aims to improve poor Indonesian women's access to essential services and other "
                          "government programmes, towards gender equality and women's empowerment.",
        "implementer": "Cowater International Inc. (managing on behalf of the Australian Government) "
                       "with civil-society partner organisations",
        "funder": "Australian Government (Australian Aid)",
        "start_year": 2013,
        "end_year": None,
        "source_id": "mampu-program",
        "citation": "Australian Aid - Managed by Cowater International Inc. on behalf of The Australian Government",
    },
    {
        "programme_id": "peduli",
        "name": "Peduli",
        "full_name_id": "Program Peduli",
        "full_name_en": "The Peduli programme",
        "description_id": "Program pengembangan masyarakat yang bermitra dengan organisasi masyarakat sipil untuk "
                          "menjangkau penerima manfaat yang mengalami pengecualian dari program pemerintah, "
                          "dilaksanakan di bawah koordinasi KemenKo PMK.",
        "description_en": "A community development programme that works with civil-society organisations to reach "
                          "people excluded from government programmes, coordinated by the Coordinating Ministry "
                          "for Human Development and Culture (KemenKo PMK).",
        "implementer": "KEMITRAAN (one of the implementing organisations), under the coordination of KemenKo PMK",
        "funder": "not stated in the source",
        "start_year": 2015,
        "end_year": 2020,
        "source_id": "kemitraan-peduli",
        "citation": "Program Peduli berjalan dari 2015 hingga 2020.",
    },
]

# --- themes -----------------------------------------------------------------

THEMES = [
    {
        "theme_id": "perlindungan-sosial", "programme_id": "mampu", "sort_order": 1,
        "name_id": "Akses kepada perlindungan sosial", "name_en": "Access to social protection",
        "description_id": "Meningkatkan akses terhadap Program perlindungan sosial Pemerintah Indonesia, khususnya "
                          "skema jaminan kesehatan nasional.",
        "description_en": "Improving access to the Government of Indonesia's social-protection programmes, in "
                          "particular the national health insurance scheme.",
        "source_id": "mampu-program",
        "citation": "Meningkatkan akses terhadap Program perlindungan sosial Pemerintah Indonesia, khususnya skema "
                    "jaminan kesehatan nasional",
    },
    {
        "theme_id": "pekerja-rumahan", "programme_id": "mampu", "sort_order": 2,
        "name_id": "Perlindungan pekerja rumahan", "name_en": "Protection of home-based workers",
        "description_id": "Perlindungan di tempat kerja, khususnya jaminan kesehatan bagi perempuan pekerja rumahan.",
        "description_en": "Protection at work, in particular health insurance for women home-based workers.",
        "source_id": "mampu-program",
        "citation": "Perlindungan di tempat kerja, khususnya jaminan kesehatan bagi perempuan pekerja rumahan",
    },
    {
        "theme_id": "buruh-migran", "programme_id": "mampu", "sort_order": 3,
        "name_id": "Buruh migran perempuan", "name_en": "Women migrant workers",
        "description_id": "Layanan yang meningkatkan kondisi buruh perempuan untuk migrasi ke luar negeri.",
        "description_en": "Services that improve conditions for women workers migrating abroad.",
        "source_id": "mampu-program",
        "citation": "Layanan yang meningkatkan kondisi buruh perempuan untuk migrasi ke luar negeri",
    },
    {
        "theme_id": "kesehatan-reproduksi", "programme_id": "mampu", "sort_order": 4,
        "name_id": "Kesehatan reproduksi dan gizi", "name_en": "Reproductive health and nutrition",
        "description_id": "Layanan yang menangani kebutuhan kesehatan reproduksi dan gizi perempuan.",
        "description_en": "Services that address women's reproductive health and nutrition needs.",
        "source_id": "mampu-program",
        "citation": "Layanan yang menangani kebutuhan kesehatan reproduksi dan gizi perempuan",
    },
    {
        "theme_id": "kekerasan-terhadap-perempuan", "programme_id": "mampu", "sort_order": 5,
        "name_id": "Kekerasan terhadap perempuan", "name_en": "Violence against women",
        "description_id": "Layanan konseling dan dukungan yang menangani kebutuhan perempuan korban dan penyintas "
                          "kekerasan.",
        "description_en": "Counselling and support services for women victims and survivors of violence.",
        "source_id": "mampu-program",
        "citation": "Layanan konseling dan dukungan yang menangani kebutuhan perempuan korban dan penyintas "
                    "kekerasan.",
    },
    {
        "theme_id": "masyarakat-adat", "programme_id": "peduli", "sort_order": 6,
        "name_id": "Masyarakat adat dan terpencil", "name_en": "Indigenous and remote communities",
        "description_id": "Pemenuhan hak-hak dasar, penerimaan sosial dan kebijakan inklusi sosial bagi masyarakat "
                          "adat yang terpinggirkan karena faktor geografis, sosial, dan politik.",
        "description_en": "Basic rights, social acceptance and socially inclusive policy for indigenous communities "
                          "marginalised for geographic, social and political reasons.",
        "source_id": "kemitraan-peduli",
        "citation": "KEMITRAAN sebagai salah satu organisasi pelaksana memfokuskan pekerjaannya pada masyarakat adat "
                    "dan berupaya untuk mencapai pemenuhan hak-hak dasar, mendorong penerimaan sosial, dan "
                    "mempromosikan nilai-nilai inklusi sosial ke dalam kebijakan.",
    },
]

# --- partners, initiatives ----------------------------------------------------

PARTNERS = [
    {
        "partner_id": "kapal-perempuan", "name": "KAPAL Perempuan", "programme_id": "mampu",
        "parent_partner_id": None,
        "description_id": "Mitra MAMPU; penggagas Sekolah Perempuan.",
        "description_en": "MAMPU partner; initiator of the Sekolah Perempuan (women's schools).",
        "source_id": "mampu-perlindungan-sosial",
        "citation": "Sekolah Perempuan, inisiatif dari KAPAL Perempuan",
        "themes": ["perlindungan-sosial"],
    },
    {
        "partner_id": "pekka", "name": "PEKKA", "programme_id": "mampu", "parent_partner_id": None,
        "description_id": "Mitra MAMPU; pengembang KLIK PEKKA.",
        "description_en": "MAMPU partner; runs KLIK PEKKA information and consultation clinics.",
        "source_id": "mampu-perlindungan-sosial",
        "citation": "KLIK PEKKA, model inisiatif PEKKA",
        "themes": ["perlindungan-sosial"],
    },
    {
        "partner_id": "kpi", "name": "KPI", "programme_id": "mampu", "parent_partner_id": None,
        "description_id": "Mitra MAMPU; penggagas PIPA-JKN yang mengorganisasi Balai Perempuan.",
        "description_en": "MAMPU partner; runs PIPA-JKN, organising women's groups (Balai Perempuan).",
        "source_id": "mampu-perlindungan-sosial",
        "citation": "PIPA-JKN inisiatif dari KPI",
        "themes": ["perlindungan-sosial"],
    },
    {
        "partner_id": "migrant-care", "name": "Migrant CARE", "programme_id": "mampu", "parent_partner_id": None,
        "description_id": "Mitra MAMPU; pengembang model DESBUMI untuk perempuan buruh migran.",
        "description_en": "MAMPU partner; developed the DESBUMI model for women migrant workers.",
        "source_id": "mampu-program",
        "citation": "yang didasarkan pada keberhasilan model DESBUMI dari Migrant CARE",
        "themes": ["buruh-migran"],
    },
    {
        "partner_id": "kemitraan", "name": "KEMITRAAN", "programme_id": "peduli", "parent_partner_id": None,
        "description_id": "Salah satu organisasi pelaksana Program Peduli; berfokus pada masyarakat adat.",
        "description_en": "One of Peduli's implementing organisations; focuses on indigenous communities.",
        "source_id": "kemitraan-peduli",
        "citation": "KEMITRAAN sebagai salah satu organisasi pelaksana memfokuskan pekerjaannya pada masyarakat adat",
        "themes": ["masyarakat-adat"],
    },
    {
        "partner_id": "kemitraan-mitra-lokal", "name": "14 organisasi masyarakat lokal (mitra KEMITRAAN)",
        "programme_id": "peduli", "parent_partner_id": "kemitraan",
        "description_id": "Empat belas organisasi masyarakat lokal mitra KEMITRAAN di 13 provinsi. Sumber tidak "
                          "menyebutkan nama-namanya.",
        "description_en": "KEMITRAAN's fourteen local community organisations in 13 provinces. The source does not "
                          "name them.",
        "source_id": "kemitraan-peduli",
        "citation": "Program Peduli KEMITRAAN dilakukan melalui kemitraan dengan 14 organisasi masyarakat\u00a0 lokal"
                    " di 13 provinsi.",
        "themes": ["masyarakat-adat"],
    },
]

INITIATIVES = [
    {
        "initiative_id": "sekolah-perempuan", "partner_id": "kapal-perempuan", "theme_id": "perlindungan-sosial",
        "name": "Sekolah Perempuan",
        "description_id": "Mengorganisasi perempuan, mengajarkan hak-hak perempuan dan membentuk pemimpin perempuan.",
        "description_en": "Organises women, teaches women's rights and builds women leaders active in private and "
                          "public decision-making.",
        "source_id": "mampu-perlindungan-sosial",
        "citation": "Sekolah Perempuan, inisiatif dari KAPAL Perempuan ini mengorganisasi perempuan, mengajarkan "
                    "mereka tentang hak-hak perempuan serta membentuk pemimpin perempuan yang aktif terlibat dalam "
                    "proses pembuatan keputusan di ranah pribadi dan publik.",
    },
    {
        "initiative_id": "klik-pekka", "partner_id": "pekka", "theme_id": "perlindungan-sosial",
        "name": "KLIK PEKKA",
        "description_id": "Layanan informasi dan konsultasi untuk program perlindungan sosial pemerintah dan dokumen "
                          "legal.",
        "description_en": "Information and consultation services on government social-protection programmes and "
                          "legal documents.",
        "source_id": "mampu-perlindungan-sosial",
        "citation": "KLIK PEKKA, model inisiatif PEKKA mendukung layanan informasi dan konsultasi untuk program "
                    "perlindungan sosial pemerintah dan dokumen legal.",
    },
    {
        "initiative_id": "pipa-jkn", "partner_id": "kpi", "theme_id": "perlindungan-sosial", "name": "PIPA-JKN",
        "description_id": "Mengorganisasi kelompok perempuan (Balai Perempuan) dan membentuk pemimpin perempuan yang "
                          "memantau akses perempuan ke JKN dengan menampung keluhan masyarakat.",
        "description_en": "Organises women's groups (Balai Perempuan) and builds women leaders who monitor women's "
                          "access to JKN by collecting complaints.",
        "source_id": "mampu-perlindungan-sosial",
        "citation": "PIPA-JKN inisiatif dari KPI, mengorganisasi kelompok perempuan (Balai Perempuan) dan membentuk "
                    "pemimpin perempuan yang memonitor akses perempuan ke JKN dengan menampung keluhan masyarakat.",
    },
    {
        "initiative_id": "balai-perempuan", "partner_id": "kpi", "theme_id": "perlindungan-sosial",
        "name": "Balai Perempuan",
        "description_id": "Kelompok perempuan yang diorganisasi KPI melalui PIPA-JKN.",
        "description_en": "Women's groups organised by KPI through PIPA-JKN.",
        "source_id": "mampu-perlindungan-sosial",
        "citation": "74 Balai Perempuan di 8 provinsi sebagai PIPA-JKN",
    },
    {
        "initiative_id": "desbumi", "partner_id": "migrant-care", "theme_id": "buruh-migran",
        "name": "DESBUMI",
        "description_id": "Model desa peduli buruh migran dari Migrant CARE; dasar program pemerintah DESMIGRATIF "
                          "(Desa Buruh Migran Produktif).",
        "description_en": "Migrant CARE's migrant-worker-aware village model; the basis of the government's "
                          "DESMIGRATIF (Productive Migrant Worker Villages) programme.",
        "source_id": "mampu-program",
        "citation": "yang didasarkan pada keberhasilan model DESBUMI dari Migrant CARE",
    },
    {
        # The page does not name the partner behind Gender Watch; it lists it
        # in the regencies where KAPAL Perempuan's Sekolah Perempuan works.
        "initiative_id": "gender-watch", "partner_id": "kapal-perempuan", "theme_id": "perlindungan-sosial",
        "name": "Gender Watch",
        "description_id": "Pemimpin perempuan 'Gender Watch' dan Forum Multi Pihak yang terlibat dalam RPJMD dan RKP "
                          "di Pangkep, Lombok Utara dan Gresik. (Mitra pelaksana tidak disebut di halaman; "
                          "dicatat pada KAPAL Perempuan karena disebut bersama wilayah Sekolah Perempuan.)",
        "description_en": "'Gender Watch' women leaders and multi-stakeholder forums taking part in regional plans "
                          "(RPJMD, RKP) in Pangkep, North Lombok and Gresik. (The page does not name the partner; "
                          "listed under KAPAL Perempuan because it is named with the Sekolah Perempuan regencies.)",
        "source_id": "mampu-perlindungan-sosial",
        "citation": "Munculnya 680 pemimpin perempuan ‘Gender Watch’ dan Forum Multi Pihak di Pangkep, Lombok Utara, "
                    "dan Gresik dalam RPJMD dan RKP",
    },
]

# --- schemes ------------------------------------------------------------------
# Individual schemes (ids agreed in the brief) and three "as stated" groups:
# Peduli's page reports enrolment for several schemes together, and splitting
# those figures by scheme would invent numbers.

SCHEMES = [
    ("jkn-kis", "JKN/KIS (Jaminan Kesehatan Nasional/Kartu Indonesia Sehat)",
     "JKN/KIS (National Health Insurance/Healthy Indonesia Card)", "health"),
    ("bpjs-kesehatan", "BPJS Kesehatan", "BPJS Kesehatan (health insurance agency)", "health"),
    ("jamkesda", "Jamkesda (Jaminan Kesehatan Daerah)", "Jamkesda (regional health insurance)", "health"),
    ("kip", "KIP (Kartu Indonesia Pintar)", "KIP (Smart Indonesia Card)", "education"),
    ("education-other", "Bantuan pendidikan lain", "Other education support", "education"),
    ("ktp", "KTP (Kartu Tanda Penduduk)", "KTP (identity card)", "identity"),
    ("birth-certificate", "Akta kelahiran", "Birth certificate", "identity"),
    ("marriage-certificate", "Akta nikah", "Marriage certificate", "identity"),
    ("kartu-keluarga", "Kartu Keluarga (KK)", "Family card (KK)", "identity"),
    ("pkh", "PKH (Program Keluarga Harapan)", "PKH (Family Hope Programme, conditional cash transfer)", "cash"),
    ("bpnt", "BPNT (Bantuan Pangan Non-Tunai)/Kartu Sembako", "BPNT (non-cash food assistance)/Kartu Sembako",
     "food"),
    ("health-cover", "Jaminan kesehatan (KIS, BPJS Kesehatan, Jamkesda; gabungan sesuai sumber)",
     "Health cover (KIS, BPJS Kesehatan, Jamkesda; combined as in the source)", "health"),
    ("education-support", "Fasilitas pendidikan (KIP, pendidikan formal, Kejar Paket A, B, C; gabungan sesuai "
     "sumber)", "Education support (KIP, formal education, Kejar Paket A, B, C equivalency; combined as in the "
     "source)", "education"),
    ("legal-identity", "Identitas hukum (KTP, akta kelahiran, akta nikah, KK; gabungan sesuai sumber)",
     "Legal identity (KTP, birth and marriage certificates, family card; combined as in the source)", "identity"),
]

# Scheme definitions from the generic article (seed 004). It contains no
# programme figures; these passages are kept as the cited definition of the
# schemes (since schema 1.1 they are stored in schemes.definition_id, with an English rendering).
SCHEME_DEFINITIONS = {
    "pkh": "Program Keluarga Harapan (PKH): Memberikan bantuan tunai bersyarat kepada keluarga sangat miskin dengan "
           "komponen ibu hamil/balita, anak sekolah, lansia, dan penyandang disabilitas, dengan syarat kepatuhan pada "
           "pendidikan dan kesehatan.",
    "bpnt": "Bantuan Pangan Non-Tunai (BPNT)/Kartu Sembako: Memberikan bantuan untuk membeli bahan pangan pokok di "
            "e-warong yang ditunjuk, memastikan asupan gizi yang lebih baik dan memberdayakan ekonomi lokal.",
    "jkn-kis": "Jaminan Kesehatan Nasional (JKN) bagi fakir miskin dan orang tidak mampu (PBI-JKN)",
    "kip": "Program Indonesia Pintar (PIP) melalui KIP (Kartu Indonesia Pintar)",
}
SCHEME_DEFINITION_SOURCE = "artikel-kesejahteraan-sosial"
# English renderings of the passages above (Peta Inklusi's translation).
SCHEME_DEFINITIONS_EN = {
    "pkh": "Family Hope Programme (PKH): conditional cash transfers to very poor families with pregnant women or "
           "young children, schoolchildren, older people or people with disabilities, conditional on meeting "
           "education and health requirements.",
    "bpnt": "Non-cash food assistance (BPNT)/Kartu Sembako: support for buying staple foods at designated "
            "e-warong outlets, for better nutrition and to strengthen the local economy.",
    "jkn-kis": "National Health Insurance (JKN) for the poor and people unable to pay (premium-assisted, PBI-JKN).",
    "kip": "The Smart Indonesia Programme (PIP) through the Smart Indonesia Card (KIP).",
}

# --- indicators -----------------------------------------------------------------
# (id, category, aggregation, name_id, name_en, definition_id, definition_en, unit_id, unit_en)

INDICATORS = [
    ("villages_reached", "reach", "distinct", "Desa terjangkau", "Villages reached",
     "Jumlah desa berbeda tempat program bekerja. Desa yang dijangkau dua mitra dihitung sekali.",
     "Number of distinct villages where the programme works. A village reached by two partners counts once.",
     "desa", "villages"),
    ("regencies_reached", "reach", "none", "Kabupaten/kota terjangkau", "Regencies/cities reached",
     "Jumlah kabupaten/kota tempat program bekerja, seperti dilaporkan. Tidak dijumlahkan antar program atau mitra.",
     "Number of regencies/cities where the programme works, as reported. Not added up across programmes or partners.",
     "kabupaten/kota", "regencies/cities"),
    ("provinces_reached", "reach", "none", "Provinsi terjangkau", "Provinces reached",
     "Jumlah provinsi tempat program bekerja, seperti dilaporkan. Tidak dijumlahkan antar program atau mitra.",
     "Number of provinces where the programme works, as reported. Not added up across programmes or partners.",
     "provinsi", "provinces"),
    ("communities_reached", "reach", "sum", "Komunitas adat terjangkau", "Indigenous communities reached",
     "Jumlah komunitas adat yang dijangkau, sesuai sumber.", "Number of indigenous communities reached, as stated "
     "in the source.", "komunitas", "communities"),
    ("partner_organisations", "reach", "none", "Organisasi mitra", "Partner organisations",
     "Jumlah organisasi masyarakat sipil yang bermitra dengan program.",
     "Number of civil-society organisations working with the programme.", "organisasi", "organisations"),
    ("groups_formed", "groups", "sum", "Kelompok terbentuk", "Groups formed",
     "Jumlah kelompok perempuan atau masyarakat yang dibentuk atau diorganisasi.",
     "Number of women's or community groups formed or organised.", "kelompok", "groups"),
    ("group_members", "groups", "sum", "Anggota kelompok", "Group members",
     "Jumlah anggota kelompok, menurut jenis kelamin bila tersedia.",
     "Number of group members, by sex where reported.", "orang", "people"),
    ("cadres", "groups", "sum", "Kader", "Cadres",
     "Jumlah kader (relawan terlatih) yang lahir dari kelompok.", "Number of cadres (trained volunteers) "
     "emerging from the groups.", "orang", "people"),
    ("women_leaders", "groups", "sum", "Pemimpin perempuan", "Women leaders",
     "Jumlah pemimpin perempuan yang muncul dan terlibat dalam perencanaan pembangunan.",
     "Number of women leaders who emerged and take part in development planning.", "orang", "people"),
    ("women_in_decision_making", "groups", "sum", "Perempuan dalam pengambilan keputusan",
     "Women in decision-making", "Jumlah perempuan yang terlibat dalam proses pengambilan keputusan dan posisi "
     "strategis di publik.", "Number of women involved in decision-making and strategic public positions.",
     "orang", "people"),
    ("groups_studied", "groups", "none", "Kelompok dalam penelitian kualitatif", "Groups in qualitative research",
     "Jumlah kelompok yang diteliti dalam penelitian kualitatif program.",
     "Number of groups covered by the programme's qualitative research.", "kelompok", "groups"),
    ("consultations", "services", "sum", "Konsultasi", "Consultations",
     "Jumlah warga yang berkonsultasi tentang program perlindungan sosial pemerintah.",
     "Number of residents who consulted on government social-protection programmes.", "orang", "people"),
    ("sp_enrolment", "social_protection", "sum", "Kepesertaan perlindungan sosial", "Social-protection enrolment",
     "Jumlah orang yang memperoleh kepesertaan atau dokumen suatu skema perlindungan sosial, menurut skema.",
     "Number of people who obtained enrolment in, or a document of, a social-protection scheme, by scheme.",
     "orang", "people"),
    ("policy_decisions", "policy", "sum", "Keputusan kebijakan", "Policy decisions",
     "Jumlah keputusan kebijakan pemerintah yang memperhitungkan masukan mitra program.",
     "Number of government policy decisions that took programme partners' input into account.",
     "keputusan", "decisions"),
    ("groups_replicated", "policy", "sum", "Kelompok direplikasi pemerintah", "Groups replicated by government",
     "Jumlah kelompok (mis. Sekolah Perempuan) yang direplikasi atau akan direplikasi oleh pemerintah.",
     "Number of groups (e.g. Sekolah Perempuan) that government has replicated or will replicate.",
     "kelompok", "groups"),
    ("recommendations_accommodated", "policy", "none", "Rekomendasi diakomodasi", "Recommendations accommodated",
     "Persentase rekomendasi yang diakomodasi dalam dokumen perencanaan dan anggaran pemerintah.",
     "Share of recommendations taken up in government planning and budget documents.", "persen", "percent"),
    ("themes_with_policy_decisions", "policy", "none", "Area tematik tersentuh keputusan kebijakan",
     "Thematic areas touched by policy decisions",
     "Jumlah area tematik program yang disentuh keputusan kebijakan.",
     "Number of the programme's thematic areas touched by policy decisions.", "area tematik", "thematic areas"),
    ("ministries_signing", "policy", "none", "Kementerian penandatangan", "Ministries signing",
     "Jumlah kementerian yang menandatangani suatu nota kesepahaman.",
     "Number of ministries signing a memorandum of understanding.", "kementerian", "ministries"),
    ("women_potential_beneficiaries", "policy", "none", "Perempuan berpotensi mendapat manfaat",
     "Women who could benefit", "Perkiraan jumlah perempuan yang berpotensi mendapat manfaat dari keputusan "
     "kebijakan (proyeksi, bukan capaian).", "Estimated number of women who could benefit from policy decisions "
     "(a projection, not an achievement).", "orang", "people"),
]

# --- observations -----------------------------------------------------------------
# Each: id suffix, indicator, programme, theme, partner, scheme, beneficiary group,
# place (level, code, name as stated), period, sex, value, qualifier, source, citation, notes.

_PEDULI_2016 = dict(programme_id="peduli", theme_id="masyarakat-adat", source_id="kemitraan-peduli",
                    period_start=D(2015, 1, 1), period_end=D(2016, 12, 31),
                    period_label_id="hingga 2016", period_label_en="up to 2016")
_PEDULI_REACH = ("Hingga tahun 2016, Peduli telah menjangkau lebih dari 11.000 komunitas adat di 14 provinsi, "
                 "20 kabupaten dan 45 desa di Indonesia.")
_MAMPU_2017 = dict(programme_id="mampu", source_id="mampu-program", period_start=D(2013, 1, 1),
                   period_end=D(2017, 6, 30), period_label_id="2013 – per Juni 2017",
                   period_label_en="2013 – as of June 2017")
_MAMPU_SP = dict(programme_id="mampu", theme_id="perlindungan-sosial", source_id="mampu-perlindungan-sosial",
                 period_start=D(2013, 1, 1), period_end=D(2017, 12, 31),
                 period_label_id="sejak 2013 (tanggal data tidak dinyatakan)",
                 period_label_en="since 2013 (data date not stated)")
_NO_DATE_ID = ("Halaman tidak menyebut tanggal data; periode dicatat dari awal MAMPU (2013) hingga akhir 2017, "
               "tahun terakhir yang disebut halaman.")
_NO_DATE_EN = ("The page gives no data date; the period is recorded from MAMPU's start (2013) to the end of 2017, "
               "the latest year the page mentions.")
_PEDULI_START_ID = "Awal periode = awal Program Peduli (2015), karena sumber hanya menyebut 'hingga tahun 2016'."
_PEDULI_START_EN = "Period start = start of Peduli (2015); the source only says 'up to 2016'."
_NATIONAL = dict(place_level="national", place_code="", place_name="Indonesia")
_MANIS_ID = ("Semua OMS mitra MAMPU bersama. Sumber data menurut halaman: MANIS, data internal MAMPU, per Juni "
             "2017.")
_MANIS_EN = ("All MAMPU partner CSOs together. Data source given by the page: MANIS, MAMPU's internal data, as of "
             "June 2017.")

# Seed 001 (no data date) says the 131 Sekolah Perempuan "akan direplikasi" (will be replicated) in Pangkep,
# Gresik and North Lombok; seed 002 (data as of June 2017) says Sekolah Perempuan "telah direplikasi" (has been
# replicated) in Pangkep with government funding. Both are recorded as stated; the notes point at each other.
_REPLIC_002_ID = ("Halaman program MAMPU (data per Juni 2017) menyebut Sekolah Perempuan 'telah direplikasi di "
                  "Kabupaten Pangkajene dan Kepulauan' dengan pendanaan pemerintah (lihat catatan "
                  "replikasi-sekolah-perempuan-pangkep): di Pangkep replikasi setidaknya sebagian sudah terlaksana. ")
_REPLIC_002_EN = ("The MAMPU programme page (data as of June 2017) says Sekolah Perempuan 'has been replicated in "
                  "Kabupaten Pangkajene dan Kepulauan' with government funding (see the record "
                  "replikasi-sekolah-perempuan-pangkep): in Pangkep the replication had at least partly happened. ")
_REPLIC_131_ID = ("'131 Sekolah Perempuan akan direplikasi … di desa-desa lain' dapat berarti 131 Sekolah Perempuan "
                  "yang ada menjadi model untuk direplikasi di desa lain, bukan 131 sekolah baru; sumber tidak "
                  "menjelaskan. ")
_REPLIC_131_EN = ("'131 Sekolah Perempuan will be replicated … in other villages' may mean the 131 existing schools "
                  "are the model to be replicated in other villages, rather than 131 new schools; the source does not "
                  "say. ")


OBSERVATIONS = [
    # ---- seed 000: Peduli / KEMITRAAN -----------------------------------------
    dict(id="peduli-communities-2016", indicator_id="communities_reached", **_PEDULI_2016, **_NATIONAL,
         beneficiary_group="masyarakat adat / indigenous communities",
         sex="total", value=11000, qualifier="lower_bound", citation=_PEDULI_REACH,
         note_id="Dicatat sesuai sumber: 'lebih dari 11.000 komunitas adat' di hanya 45 desa tidak masuk akal "
                 "(lebih dari 240 komunitas per desa); kemungkinan yang dimaksud orang atau anggota masyarakat adat. "
                 + _PEDULI_START_ID,
         note_en="Recorded as stated: 'more than 11,000 indigenous communities' in only 45 villages is implausible "
                 "(over 240 communities per village); the figure probably counts people or members of indigenous "
                 "communities. " + _PEDULI_START_EN),
    dict(id="peduli-provinces-2016", indicator_id="provinces_reached", **_PEDULI_2016, **_NATIONAL,
         beneficiary_group=None, sex="total", value=14, qualifier="exact", citation=_PEDULI_REACH,
         note_id="Bagian lain halaman yang sama menyebut mitra lokal KEMITRAAN bekerja di 13 provinsi. "
                 + _PEDULI_START_ID,
         note_en="Elsewhere the same page says KEMITRAAN's local partners work in 13 provinces. " + _PEDULI_START_EN),
    dict(id="peduli-regencies-2016", indicator_id="regencies_reached", **_PEDULI_2016, **_NATIONAL,
         beneficiary_group=None, sex="total", value=20, qualifier="exact", citation=_PEDULI_REACH,
         note_id=_PEDULI_START_ID, note_en=_PEDULI_START_EN),
    dict(id="peduli-villages-2016", indicator_id="villages_reached", **_PEDULI_2016, **_NATIONAL,
         beneficiary_group=None, sex="total", value=45, qualifier="exact", citation=_PEDULI_REACH,
         note_id=_PEDULI_START_ID, note_en=_PEDULI_START_EN),
    dict(id="peduli-health-cover", indicator_id="sp_enrolment", scheme_id="health-cover", **_PEDULI_2016,
         **_NATIONAL, beneficiary_group="masyarakat adat / indigenous communities", sex="total", value=2116,
         qualifier="exact",
         citation="Sebanyak 2.116 masyarakat adat telah mendapatkan jaminan kesehatan seperti KIS, BPJS Kesehatan, "
                  "dan Jamkesda.",
         note_id="Satu angka untuk KIS, BPJS Kesehatan dan Jamkesda bersama; sumber tidak merinci per skema. "
                 "Periode mengikuti 'hingga tahun 2016' di paragraf sebelumnya.",
         note_en="One figure for KIS, BPJS Kesehatan and Jamkesda together; the source does not split it by scheme. "
                 "Period taken from 'up to 2016' in the previous paragraph."),
    dict(id="peduli-education-support", indicator_id="sp_enrolment", scheme_id="education-support", **_PEDULI_2016,
         **_NATIONAL, beneficiary_group="masyarakat adat / indigenous communities", sex="total", value=1804,
         qualifier="exact",
         citation="Selain itu 1.804 orang memperoleh fasilitas pendidikan seperti KIP, pendidikan formal, dan Kejar "
                  "Paket A,B,C",
         note_id="Satu angka untuk KIP, pendidikan formal dan Kejar Paket A, B, C bersama; tidak dirinci per skema. "
                 "Periode mengikuti 'hingga tahun 2016' di paragraf sebelumnya.",
         note_en="One figure for KIP, formal education and Kejar Paket A, B, C together; not split by scheme. "
                 "Period taken from 'up to 2016' in the previous paragraph."),
    dict(id="peduli-legal-identity", indicator_id="sp_enrolment", scheme_id="legal-identity", **_PEDULI_2016,
         **_NATIONAL, beneficiary_group="masyarakat adat / indigenous communities", sex="total", value=1975,
         qualifier="approximate",
         citation="sekitar 1.975 masyarakat adat mendapatkan identitas hukum seperti KTP, akta kelahiran, akta nikah, "
                  "dan KK (Kartu Keluarga)",
         note_id="'Sekitar': angka perkiraan. Satu angka untuk KTP, akta kelahiran, akta nikah dan KK bersama. "
                 "Periode mengikuti 'hingga tahun 2016' di paragraf sebelumnya.",
         note_en="'Around': an approximate figure. One figure for KTP, birth and marriage certificates and family "
                 "cards together. Period taken from 'up to 2016' in the previous paragraph."),
    dict(id="peduli-local-partners", indicator_id="partner_organisations", partner_id="kemitraan", **_PEDULI_2016,
         **_NATIONAL, beneficiary_group=None, sex="total", value=14, qualifier="exact",
         citation="Program Peduli KEMITRAAN dilakukan melalui kemitraan dengan 14 organisasi masyarakat\u00a0 lokal di 13 "
                  "provinsi.",
         note_id="Nama ke-14 organisasi tidak disebutkan. Tanggal tidak dinyatakan; dicatat dengan periode halaman "
                 "(hingga 2016).",
         note_en="The 14 organisations are not named. No date is given; recorded with the page's period "
                 "(up to 2016)."),
    dict(id="peduli-local-partner-provinces", indicator_id="provinces_reached", partner_id="kemitraan-mitra-lokal",
         **_PEDULI_2016, **_NATIONAL, beneficiary_group=None, sex="total", value=13, qualifier="exact",
         citation="Program Peduli KEMITRAAN dilakukan melalui kemitraan dengan 14 organisasi masyarakat\u00a0 lokal di 13 "
                  "provinsi.",
         note_id="Bertentangan dengan '14 provinsi' di paragraf sebelumnya pada halaman yang sama; keduanya dicatat "
                 "sesuai sumber.",
         note_en="Contradicts '14 provinces' in the earlier paragraph of the same page; both are recorded as "
                 "stated."),
    # ---- seed 001: MAMPU, access to social protection -------------------------
    dict(id="mampu-sp-groups", indicator_id="groups_formed", **_MAMPU_SP, **_NATIONAL,
         beneficiary_group="perempuan kepala keluarga / women heads of household", sex="total", value=600,
         qualifier="lower_bound",
         citation="Terbentuknya >600 kelompok beranggotakan >10.800 perempuan kepala keluarga, melahirkan 5000 kader "
                  "perempuan",
         note_id="Capaian bersama tiga mitra (KAPAL Perempuan, PEKKA, KPI) di area perlindungan sosial; bagian dari "
                 "2.200 kelompok MAMPU secara keseluruhan. " + _NO_DATE_ID,
         note_en="Joint result of the three partners (KAPAL Perempuan, PEKKA, KPI) in social protection; part of "
                 "MAMPU's 2,200 groups overall. " + _NO_DATE_EN),
    dict(id="mampu-sp-members-female", indicator_id="group_members", **_MAMPU_SP, **_NATIONAL,
         beneficiary_group="perempuan kepala keluarga / women heads of household", sex="female", value=10800,
         qualifier="lower_bound",
         citation="Terbentuknya >600 kelompok beranggotakan >10.800 perempuan kepala keluarga, melahirkan 5000 kader "
                  "perempuan",
         note_id="Bagian dari 52.000 anggota perempuan MAMPU secara keseluruhan. " + _NO_DATE_ID,
         note_en="Part of MAMPU's 52,000 women members overall. " + _NO_DATE_EN),
    dict(id="mampu-sp-cadres", indicator_id="cadres", **_MAMPU_SP, **_NATIONAL, beneficiary_group=None,
         sex="female", value=5000, qualifier="exact",
         citation="Terbentuknya >600 kelompok beranggotakan >10.800 perempuan kepala keluarga, melahirkan 5000 kader "
                  "perempuan",
         note_id=_NO_DATE_ID, note_en=_NO_DATE_EN),
    dict(id="mampu-klik-pekka-consultations", indicator_id="consultations", partner_id="pekka", **_MAMPU_SP,
         **_NATIONAL, beneficiary_group=None, sex="total", value=150000, qualifier="lower_bound",
         citation="Lebih dari 150.000 warga di wilayah kerja mengkonsultasikan isu terkait program perlindungan sosial "
                  "pemerintah melalui KLIK PEKKA.",
         note_id=_NO_DATE_ID, note_en=_NO_DATE_EN),
    dict(id="mampu-birth-certificates", indicator_id="sp_enrolment", scheme_id="birth-certificate", **_MAMPU_SP,
         **_NATIONAL, beneficiary_group=None, sex="total", value=1000, qualifier="exact",
         citation="Mendorong terbitnya 1000 akta kelahiran mendukung program nasional 100.000 Akta Kelahiran Gratis.",
         note_id="'100.000 Akta Kelahiran Gratis' adalah nama program nasional, bukan capaian MAMPU. " + _NO_DATE_ID,
         note_en="'100,000 Free Birth Certificates' is the name of a national programme, not a MAMPU result. "
                 + _NO_DATE_EN),
    dict(id="mampu-sekolah-perempuan-replication", indicator_id="groups_replicated", partner_id="kapal-perempuan",
         **_MAMPU_SP, place_level="national", place_code="",
         place_name="Kabupaten Pangkajene dan Kepulauan, Gresik dan Lombok Utara", beneficiary_group=None,
         sex="total", value=131, qualifier="exact",
         citation="131 Sekolah Perempuan akan direplikasi pemerintah di Kabupaten Pangkajene dan Kepulauan, Gresik dan "
                  "Lombok Utara di desa-desa lain di luar wilayah kerja MAMPU",
         note_id="'Akan direplikasi': rencana pada saat penulisan. Satu angka untuk tiga kabupaten bersama (tidak "
                 "dirinci per kabupaten), jadi dicatat tanpa satu kode wilayah. " + _REPLIC_131_ID
                 + _REPLIC_002_ID + _NO_DATE_ID,
         note_en="'Will be replicated': planned at the time of writing. One figure for three regencies together "
                 "(not split by regency), so recorded without a single place code. " + _REPLIC_131_EN
                 + _REPLIC_002_EN + _NO_DATE_EN),
    dict(id="mampu-gender-watch-leaders", indicator_id="women_leaders", **_MAMPU_SP, place_level="national",
         place_code="", place_name="Pangkep, Lombok Utara, dan Gresik", beneficiary_group=None, sex="female",
         value=680, qualifier="exact",
         citation="Munculnya 680 pemimpin perempuan ‘Gender Watch’ dan Forum Multi Pihak di Pangkep, Lombok Utara, "
                  "dan Gresik dalam RPJMD dan RKP",
         note_id="Satu angka untuk tiga kabupaten bersama; mitra tidak disebut. " + _NO_DATE_ID,
         note_en="One figure for three regencies together; the partner is not named. " + _NO_DATE_EN),
    dict(id="mampu-recommendations-2017", indicator_id="recommendations_accommodated", programme_id="mampu",
         theme_id="perlindungan-sosial", source_id="mampu-perlindungan-sosial", period_start=D(2017, 1, 1),
         period_end=D(2017, 12, 31), period_label_id="2017", period_label_en="2017", **_NATIONAL,
         beneficiary_group=None, sex="total", value=50, qualifier="lower_bound",
         citation="Lebih dari 50% rekomendasi Sekolah Perempuan dan Musrenbang tingkat desa, kecamatan dan Kabupaten "
                  "tahun 2017 diakomodasi RPJMDes",
         note_id="Persentase (lebih dari 50%), bukan jumlah. Wilayah tidak disebutkan.",
         note_en="A percentage (more than 50%), not a count. The places are not named."),
    dict(id="mampu-balai-women-decision-making", indicator_id="women_in_decision_making", partner_id="kpi",
         **_MAMPU_SP, **_NATIONAL, beneficiary_group=None, sex="female", value=10000, qualifier="lower_bound",
         citation="Lebih dari 10.000 perempuan terlibat dalam proses pengambilan keputusan dan posisi strategis di "
                  "publik melalui Balai Perempuan",
         note_id=_NO_DATE_ID, note_en=_NO_DATE_EN),
    dict(id="mampu-balai-perempuan-groups", indicator_id="groups_formed", partner_id="kpi", **_MAMPU_SP,
         **_NATIONAL, beneficiary_group=None, sex="total", value=74, qualifier="exact",
         citation="74 Balai Perempuan di 8 provinsi sebagai PIPA-JKN",
         note_id="Balai Perempuan (PIPA-JKN, KPI); mungkin termasuk dalam '>600 kelompok' di atas. " + _NO_DATE_ID,
         note_en="Balai Perempuan (PIPA-JKN, KPI); possibly included in the '>600 groups' above. " + _NO_DATE_EN),
    dict(id="mampu-balai-perempuan-provinces", indicator_id="provinces_reached", partner_id="kpi", **_MAMPU_SP,
         **_NATIONAL, beneficiary_group=None, sex="total", value=8, qualifier="exact",
         citation="74 Balai Perempuan di 8 provinsi sebagai PIPA-JKN",
         note_id="Provinsinya tidak disebutkan. " + _NO_DATE_ID,
         note_en="The provinces are not named. " + _NO_DATE_EN),
    dict(id="mampu-sp-partners", indicator_id="partner_organisations", **_MAMPU_SP, **_NATIONAL,
         beneficiary_group=None, sex="total", value=3, qualifier="exact",
         citation="MAMPU mendukung tiga mitra untuk meningkatkan akses perempuan terhadap program-program "
                  "perlindungan sosial Pemerintah Indonesia",
         note_id="Ketiga mitra: KAPAL Perempuan, PEKKA dan KPI. " + _NO_DATE_ID,
         note_en="The three partners: KAPAL Perempuan, PEKKA and KPI. " + _NO_DATE_EN),
    # ---- seed 002: MAMPU programme page (data as of June 2017) ------------------
    dict(id="mampu-villages-2017", indicator_id="villages_reached", **_MAMPU_2017, **_NATIONAL,
         beneficiary_group=None, sex="total", value=936, qualifier="exact",
         citation="Sejak dimulai pada tahun 2013, OMS yang bekerja melalui MAMPU telah mencapai 936 desa di 145 "
                  "kota/kabupaten dan 27 provinsi di Indonesia.",
         note_id=_MANIS_ID, note_en=_MANIS_EN),
    dict(id="mampu-regencies-2017", indicator_id="regencies_reached", **_MAMPU_2017, **_NATIONAL,
         beneficiary_group=None, sex="total", value=145, qualifier="exact",
         citation="Sejak dimulai pada tahun 2013, OMS yang bekerja melalui MAMPU telah mencapai 936 desa di 145 "
                  "kota/kabupaten dan 27 provinsi di Indonesia.",
         note_id=_MANIS_ID, note_en=_MANIS_EN),
    dict(id="mampu-provinces-2017", indicator_id="provinces_reached", **_MAMPU_2017, **_NATIONAL,
         beneficiary_group=None, sex="total", value=27, qualifier="exact",
         citation="Sejak dimulai pada tahun 2013, OMS yang bekerja melalui MAMPU telah mencapai 936 desa di 145 "
                  "kota/kabupaten dan 27 provinsi di Indonesia.",
         note_id=_MANIS_ID, note_en=_MANIS_EN),
    dict(id="mampu-groups-2017", indicator_id="groups_formed", **_MAMPU_2017, **_NATIONAL, beneficiary_group=None,
         sex="total", value=2200, qualifier="exact",
         citation="Secara keseluruhan, para OMS Mitra MAMPU telah membentuk 2.200 kelompok perempuan lokal, dengan "
                  "52.000 perempuan (dan 2.300 laki-laki) sebagai anggota.",
         note_id=_MANIS_ID, note_en=_MANIS_EN),
    dict(id="mampu-members-female-2017", indicator_id="group_members", **_MAMPU_2017, **_NATIONAL,
         beneficiary_group=None, sex="female", value=52000, qualifier="exact",
         citation="Secara keseluruhan, para OMS Mitra MAMPU telah membentuk 2.200 kelompok perempuan lokal, dengan "
                  "52.000 perempuan (dan 2.300 laki-laki) sebagai anggota.",
         note_id="Sumber tidak menyebut total anggota; tidak ada baris total yang diturunkan. " + _MANIS_ID,
         note_en="The source gives no total membership; no total row is derived. " + _MANIS_EN),
    dict(id="mampu-members-male-2017", indicator_id="group_members", **_MAMPU_2017, **_NATIONAL,
         beneficiary_group=None, sex="male", value=2300, qualifier="exact",
         citation="Secara keseluruhan, para OMS Mitra MAMPU telah membentuk 2.200 kelompok perempuan lokal, dengan "
                  "52.000 perempuan (dan 2.300 laki-laki) sebagai anggota.",
         note_id="Sumber tidak menyebut total anggota; tidak ada baris total yang diturunkan. " + _MANIS_ID,
         note_en="The source gives no total membership; no total row is derived. " + _MANIS_EN),
    dict(id="mampu-groups-studied-2017", indicator_id="groups_studied", **_MAMPU_2017, **_NATIONAL,
         beneficiary_group=None, sex="total", value=8, qualifier="exact",
         citation="Penelitian kualitif terbaru terhadap 8 kelompok perempuan MAMPU",
         note_id="Ukuran sampel penelitian kualitatif, bukan capaian program.",
         note_en="Sample size of the qualitative research, not a programme result."),
    dict(id="mampu-policy-decisions-2016-2017", indicator_id="policy_decisions", programme_id="mampu",
         source_id="mampu-program", period_start=D(2016, 5, 1), period_end=D(2017, 3, 31),
         period_label_id="Mei 2016 – Maret 2017", period_label_en="May 2016 – March 2017", **_NATIONAL,
         beneficiary_group=None, sex="total", value=12, qualifier="exact",
         citation="Antara Mei 2016 hingga Maret 2017, 12 keputusan kebijakan pemerintah yang signifikan diambil dengan "
                  "memerhitungkan masukan dari para Mitra MAMPU.",
         note_id="Hanya dua dari 12 keputusan yang disebut contohnya (MoU Jawa Tengah, replikasi Sekolah Perempuan di "
                 "Pangkep).",
         note_en="Only two of the 12 decisions are given as examples (the Central Java MoU and the Sekolah Perempuan "
                 "replication in Pangkep)."),
    dict(id="mampu-themes-with-policy-2017", indicator_id="themes_with_policy_decisions", programme_id="mampu",
         source_id="mampu-program", period_start=D(2016, 5, 1), period_end=D(2017, 3, 31),
         period_label_id="Mei 2016 – Maret 2017", period_label_en="May 2016 – March 2017", **_NATIONAL,
         beneficiary_group=None, sex="total", value=4, qualifier="exact",
         citation="Kebijakan-kebijakan ini menyentuh empat dari lima area tematik MAMPU",
         note_id="Empat dari lima area tematik; sumber tidak menyebut yang mana.",
         note_en="Four of the five thematic areas; the source does not say which."),
    dict(id="mampu-potential-beneficiaries-2020", indicator_id="women_potential_beneficiaries", programme_id="mampu",
         source_id="mampu-program", period_start=D(2016, 5, 1), period_end=D(2020, 12, 31),
         period_label_id="perkiraan pada 2020", period_label_en="projected for 2020", **_NATIONAL,
         beneficiary_group=None, sex="female", value=720000, qualifier="approximate",
         citation="memiliki potensi signifikan untuk menguntungkan 720.000 perempuan pada tahun 2020 melalui perbaikan "
                  "akses terhadap layanan*",
         note_id="Proyeksi, bukan capaian: 'Perkiraan dihitung berdasarkan sumber data dari Pemerintah dan Bank "
                 "Dunia'. Awal periode = awal 12 keputusan kebijakan (Mei 2016).",
         note_en="A projection, not a result: 'estimate based on Government and World Bank data'. Period start = "
                 "start of the 12 policy decisions (May 2016)."),
    dict(id="mampu-desmigratif-ministries", indicator_id="ministries_signing", programme_id="mampu",
         theme_id="buruh-migran", partner_id="migrant-care", source_id="mampu-program", period_start=D(2017, 5, 31),
         period_end=D(2017, 5, 31), period_label_id="31 Mei 2017", period_label_en="31 May 2017", **_NATIONAL,
         beneficiary_group="perempuan buruh migran / women migrant workers", sex="total", value=8,
         qualifier="exact",
         citation="Pada 31 Mei 2017, 8 Kementerian menandatangani MoU gabungan untuk memulai percobaan program "
                  "pemerintah yaitu DESMIGRATIF (Desa Buruh Migran Produktif)",
         note_id="Lihat juga catatan kebijakan MoU DESMIGRATIF.", note_en="See also the DESMIGRATIF MoU policy record."),
]

# --- policies -------------------------------------------------------------------

_KNOWN_BY_2017_ID = ("Halaman tidak menyebut tanggal; dicatat 'hingga 2017' (tahun terakhir yang disebut halaman): "
                     "kebijakan sudah ada pada saat halaman ditulis; kapan tepatnya tidak diketahui.")
_KNOWN_BY_2017_EN = ("The page gives no date; recorded as 'by 2017' (the latest year the page mentions): the policy "
                     "existed when the page was written; exactly when is not known.")
# "Known by" dates (date_precision by_year / by_month): the last day of the year or month.
_BY_2017 = dict(date=D(2017, 12, 31), date_precision="by_year")
# The two examples the MAMPU page gives of its "12 keputusan kebijakan" of May 2016 - March 2017.
_BY_MARCH_2017 = dict(date=D(2017, 3, 31), date_precision="by_month")
_PERDES_CIT = ("Adanya Peraturan Desa Partisipasi Perempuan dalam proses pembangunan desa berdasarkan data hasil "
               "pemantauan RPJMD di Kabupaten Pangkep. Gresik. Lombok Utara dan Lombok Timur")
_MUSRENBANG_CIT = "Penyelenggaraan Musrenbang Perempuan di Lombok Timur dan Utara"
_REPLIC_CIT = ("131 Sekolah Perempuan akan direplikasi pemerintah di Kabupaten Pangkajene dan Kepulauan, Gresik dan "
               "Lombok Utara di desa-desa lain di luar wilayah kerja MAMPU")

_REGENCIES = {
    "pangkep": ("73.10", "Pangkep"),
    "gresik": ("35.25", "Gresik"),
    "lombok-utara": ("52.08", "Lombok Utara"),
    "lombok-timur": ("52.03", "Lombok Timur"),
}


def _perdes(slug: str) -> dict:
    code, name = _REGENCIES[slug]
    return dict(
        policy_id=f"perdes-partisipasi-perempuan-{slug}", **_BY_2017,
        level="village", place_level="regency", place_code=code, place_name=name, instrument="Perdes",
        title_id=f"Peraturan Desa Partisipasi Perempuan dalam proses pembangunan desa ({name})",
        title_en=f"Village regulations on women's participation in village development ({name})",
        stage="adopted", programme_id="mampu", theme_id="perlindungan-sosial", partner_ids=None,
        source_id="mampu-perlindungan-sosial", citation=_PERDES_CIT,
        note_id="Desa dan jumlah Perdes tidak disebutkan; dicatat per kabupaten. " + _KNOWN_BY_2017_ID,
        note_en="The villages and the number of regulations are not named; recorded per regency. "
                + _KNOWN_BY_2017_EN)


def _musrenbang(slug: str) -> dict:
    code, name = _REGENCIES[slug]
    return dict(
        policy_id=f"musrenbang-perempuan-{slug}", **_BY_2017, level="regency",
        place_level="regency", place_code=code, place_name=name, instrument="Musrenbang",
        title_id=f"Penyelenggaraan Musrenbang Perempuan di {name}",
        title_en=f"Women's development planning forum (Musrenbang Perempuan) held in {name}",
        stage="implemented", programme_id="mampu", theme_id="perlindungan-sosial", partner_ids=None,
        source_id="mampu-perlindungan-sosial", citation=_MUSRENBANG_CIT,
        note_id="Sumber menulis 'Lombok Timur dan Utara'. " + _KNOWN_BY_2017_ID,
        note_en="The source says 'Lombok Timur dan Utara' (East and North Lombok). " + _KNOWN_BY_2017_EN)


def _replication_plan(slug: str) -> dict:
    code, name = _REGENCIES[slug]
    seen_in_002 = slug == "pangkep"
    return dict(
        policy_id=f"replikasi-sekolah-perempuan-rencana-{slug}", **_BY_2017,
        level="regency", place_level="regency", place_code=code, place_name=name,
        instrument="Replikasi pemerintah daerah",
        title_id=f"Rencana replikasi Sekolah Perempuan oleh pemerintah di {name}",
        title_en=f"Government plan to replicate Sekolah Perempuan in {name}",
        stage="adopted", programme_id="mampu", theme_id="perlindungan-sosial", partner_ids="kapal-perempuan",
        source_id="mampu-perlindungan-sosial", citation=_REPLIC_CIT,
        note_id="'Akan direplikasi': keputusan sudah diambil, replikasi belum terlaksana pada saat penulisan. "
                "131 Sekolah Perempuan untuk tiga kabupaten bersama. " + _REPLIC_131_ID
                + (_REPLIC_002_ID if seen_in_002 else "") + _KNOWN_BY_2017_ID,
        note_en="'Will be replicated': the decision is taken, replication not yet done at the time of writing. "
                "131 Sekolah Perempuan for the three regencies together. " + _REPLIC_131_EN
                + (_REPLIC_002_EN if seen_in_002 else "") + _KNOWN_BY_2017_EN)


POLICIES = [
    dict(policy_id="perdes-itsbat-nikah-dana-sosial-kesehatan", **_BY_2017,
         level="village", place_level="unresolved", place_code="", place_name="berbagai wilayah kerja MAMPU",
         instrument="Perdes",
         title_id="Peraturan Desa Itsbat Nikah, Dana Sosial dan Kesehatan (Layanan Identitas Hukum)",
         title_en="Village regulations on marriage legalisation (itsbat nikah), social funds and health "
                  "(legal identity services)",
         stage="drafted", programme_id="mampu", theme_id="perlindungan-sosial", partner_ids=None,
         source_id="mampu-perlindungan-sosial",
         citation="Advokasi kebijakan Layanan Identitas Hukum (Peraturan Desa Itsbat Nikah, Dana Sosial dan "
                  "Kesehatan) di berbagai wilayah kerja MAMPU.",
         note_id="Sumber menyebut advokasi, bukan pengesahan; dicatat pada tahap paling awal (drafted). Desa tidak "
                 "disebutkan ('berbagai wilayah kerja MAMPU'). Mungkin tiga jenis Perdes (itsbat nikah; dana "
                 "sosial; kesehatan); dicatat sebagai satu catatan seperti dalam sumber. " + _KNOWN_BY_2017_ID,
         note_en="The source speaks of advocacy, not adoption; recorded at the earliest stage (drafted). The "
                 "villages are not named ('various MAMPU working areas'). This may mean three kinds of village "
                 "regulation (marriage legalisation; social funds; health); recorded as one record, as the source "
                 "lists it. " + _KNOWN_BY_2017_EN),
    *[_perdes(s) for s in ("pangkep", "gresik", "lombok-utara", "lombok-timur")],
    *[_musrenbang(s) for s in ("lombok-timur", "lombok-utara")],
    *[_replication_plan(s) for s in ("pangkep", "gresik", "lombok-utara")],
    dict(policy_id="perbup-sukabumi-slrt", **_BY_2017, level="regency",
         place_level="regency", place_code="32.02", place_name="Sukabumi", instrument="Perbup",
         title_id="Peraturan Bupati Sukabumi tentang Sistem Layanan dan Rujukan Terpadu (SLRT) dan Partisipasi Warga "
                  "dan Organisasi Masyarakat Sipil untuk Perlindungan Sosial",
         title_en="Sukabumi Regent Regulation on the Integrated Service and Referral System (SLRT) and citizen and "
                  "civil-society participation in social protection",
         stage="adopted", programme_id="mampu", theme_id="perlindungan-sosial", partner_ids=None,
         source_id="mampu-perlindungan-sosial",
         citation="Peraturan Bupati (Perbup) Sukabumi tentang Sistem Layanan dan Rujukan Terpadu (SLRT) dan "
                  "Partisipasi Warga dan Organisasi Masyarakat Sipil untuk Perlindungan Sosial.",
         note_id="Peraturan Bupati, jadi Kabupaten Sukabumi (32.02), bukan Kota Sukabumi. " + _KNOWN_BY_2017_ID,
         note_en="A Regent (Bupati) regulation, hence Kabupaten Sukabumi (32.02), not Kota Sukabumi. "
                 + _KNOWN_BY_2017_EN),
    dict(policy_id="uu-7-2016-perlindungan-nelayan", date=D(2016, 1, 1), date_precision="year", level="national",
         place_level="national", place_code="", place_name="Indonesia", instrument="UU",
         title_id="UU No. 7 Tahun 2016 tentang Perlindungan Nelayan, Pembudidaya Ikan dan Petambak Garam",
         title_en="Law No. 7 of 2016 on the Protection of Fishers, Fish Farmers and Salt Farmers",
         stage="adopted", programme_id="mampu", theme_id="perlindungan-sosial", partner_ids="kpi",
         source_id="mampu-perlindungan-sosial",
         citation="KPI bersama dengan jaringannya mendorong disahkannya UU no. 7 tahun 2016 tentang Perlindungan "
                  "Nelayan, Pembudidaya Ikan dan Petambak Garam",
         note_id="Sumber hanya menyebut tahun 2016.", note_en="The source gives only the year 2016."),
    dict(policy_id="uu-8-2016-penyandang-disabilitas", date=D(2016, 1, 1), date_precision="year", level="national",
         place_level="national", place_code="", place_name="Indonesia", instrument="UU",
         title_id="UU No. 8 Tahun 2016 tentang Penyandang Disabilitas",
         title_en="Law No. 8 of 2016 on Persons with Disabilities",
         stage="adopted", programme_id="mampu", theme_id="perlindungan-sosial", partner_ids="kpi",
         source_id="mampu-perlindungan-sosial",
         citation="KPI bersama dengan jaringannya mendorong disahkannya UU No 8 tahun 2016 tentang Penyandang "
                  "Disabilitas",
         note_id="Sumber hanya menyebut tahun 2016.", note_en="The source gives only the year 2016."),
    dict(policy_id="mou-jawa-tengah-kekerasan-perempuan", **_BY_MARCH_2017,
         level="province", place_level="province", place_code="33", place_name="Jawa Tengah", instrument="MoU",
         title_id="Nota kesepahaman (MoU) implementasi gabungan penanganan kasus kekerasan terhadap perempuan di "
                  "Jawa Tengah",
         title_en="Memorandum of understanding on joint handling of cases of violence against women in Central Java",
         stage="adopted", programme_id="mampu", theme_id="kekerasan-terhadap-perempuan", partner_ids=None,
         source_id="mampu-program",
         citation="Contohnya, di Jawa Tengah, sebuah nota kesepahaman (MoU) tentang implementasi gabungan untuk "
                  "menangani kasus kekerasan terhadap perempuan telah ditandatangani.",
         note_id="Tanggal penandatanganan tidak disebut. Halaman memberinya sebagai contoh dari 12 keputusan "
                 "kebijakan 'antara Mei 2016 hingga Maret 2017', jadi ditandatangani dalam kurun itu; dicatat "
                 "'hingga Maret 2017'. Mitra tidak disebut.",
         note_en="The signing date is not given. The page gives it as an example of the 12 policy decisions "
                 "'between May 2016 and March 2017', so it was signed in that span; recorded as 'by March 2017'. "
                 "The partner is not named."),
    dict(policy_id="replikasi-sekolah-perempuan-pangkep", **_BY_MARCH_2017,
         level="regency", place_level="regency", place_code="73.10",
         place_name="Kabupaten Pangkajene dan Kepulauan, Sulawesi Selatan", instrument="Pendanaan pemerintah",
         title_id="Replikasi Sekolah Perempuan dengan pendanaan pemerintah di Kabupaten Pangkajene dan Kepulauan",
         title_en="Government-funded replication of Sekolah Perempuan in Pangkajene and Kepulauan regency",
         stage="implemented", programme_id="mampu", theme_id="perlindungan-sosial", partner_ids="kapal-perempuan",
         source_id="mampu-program",
         citation="Sebagai hasil dari pendanaan Pemerintah untuk pengembangan di tingkat subnasional, Sekolah "
                  "Perempuan yang diinisiasi KAPAL Perempuan telah direplikasi di Kabupaten Pangkajene dan "
                  "Kepulauan, Sulawesi Selatan.",
         note_id="Tanggal tidak disebut. Halaman memberinya sebagai contoh dari 12 keputusan kebijakan 'antara Mei "
                 "2016 hingga Maret 2017' (di sini: pendanaan pemerintah untuk replikasi); dicatat 'hingga Maret "
                 "2017'. Halaman Akses Kepada Perlindungan Sosial (tanpa tanggal data) menyebut 131 Sekolah "
                 "Perempuan 'akan direplikasi' di Pangkep, Gresik dan Lombok Utara (lihat "
                 "replikasi-sekolah-perempuan-rencana-pangkep); keduanya dicatat sesuai sumber.",
         note_en="No date given. The page gives it as an example of the 12 policy decisions 'between May 2016 and "
                 "March 2017' (here: government funding for replication); recorded as 'by March 2017'. The Access "
                 "to Social Protection page (no data date) says 131 Sekolah Perempuan 'will be replicated' in "
                 "Pangkep, Gresik and North Lombok (see replikasi-sekolah-perempuan-rencana-pangkep); both are "
                 "recorded as stated."),
    dict(policy_id="mou-desmigratif-8-kementerian", date=D(2017, 5, 31), date_precision="day", level="national",
         place_level="national", place_code="", place_name="Indonesia", instrument="MoU",
         title_id="MoU gabungan 8 kementerian untuk uji coba program DESMIGRATIF (Desa Buruh Migran Produktif)",
         title_en="Joint MoU of 8 ministries to pilot the DESMIGRATIF (Productive Migrant Worker Villages) programme",
         stage="adopted", programme_id="mampu", theme_id="buruh-migran", partner_ids="migrant-care",
         source_id="mampu-program",
         citation="Pada 31 Mei 2017, 8 Kementerian menandatangani MoU gabungan untuk memulai percobaan program "
                  "pemerintah yaitu DESMIGRATIF (Desa Buruh Migran Produktif), yang didasarkan pada keberhasilan "
                  "model DESBUMI dari Migrant CARE",
         note_id="Kementerian penandatangan tidak disebutkan namanya.",
         note_en="The signing ministries are not named."),
]

# --- presence: where programmes and partners work ---------------------------------

_PEDULI_COMMUNITIES = (
    "Suku Kokoda di Sorong, Suku Marapu di Sumba Timur, Suku Nuaulu di Maluku Utara, Suku Talang Mamak di Riau, Suku "
    "Boti dan Suku Bajo di Nusa Tenggara Timur (NTT), masyarakat Togaribo dan Tobalo di Kabupaten Bulo-bulo, suku "
    "Kahayya di Sulawesi Selatan, suku Topo Uma dan Kulawi Uma di Sulawesi Tengah, suku Suku Anak Dalam (SAD) di "
    "Sumatera Barat dan Jambi, Cina Benteng di Tangerang Selatan, suku Kasepuhan dan Baduy di Banten serta masyarakat "
    "Dayak di Timur Kalimantan."
)

# (slug, community, place_level, place_code, place_name as stated, note_id, note_en)
_PEDULI_PLACES = [
    ("kokoda-sorong", "Suku Kokoda", "province", "96", "Sorong",
     "'Sorong' bisa Kabupaten Sorong (96.01) atau Kota Sorong (96.71); dicatat di tingkat provinsi yang pasti, Papua "
     "Barat Daya (96; sebelum 2022 bagian dari Papua Barat).",
     "'Sorong' may be Kabupaten Sorong (96.01) or Kota Sorong (96.71); recorded at the level that is certain, the "
     "province of Papua Barat Daya (96; part of Papua Barat before 2022)."),
    ("marapu-sumba-timur", "Suku Marapu", "regency", "53.11", "Sumba Timur", None, None),
    ("nuaulu-maluku-utara", "Suku Nuaulu", "province", "82", "Maluku Utara",
     "Dicatat sesuai sumber (Maluku Utara). Suku Nuaulu dikenal tinggal di Pulau Seram, Provinsi Maluku (81).",
     "Recorded as stated (North Maluku). The Nuaulu are known to live on Seram island, Maluku province (81)."),
    ("talang-mamak-riau", "Suku Talang Mamak", "province", "14", "Riau", None, None),
    ("boti-ntt", "Suku Boti", "province", "53", "Nusa Tenggara Timur (NTT)", None, None),
    ("bajo-ntt", "Suku Bajo", "province", "53", "Nusa Tenggara Timur (NTT)", None, None),
    ("togaribo-tobalo-bulo-bulo", "Masyarakat Togaribo dan Tobalo", "unresolved", "", "Kabupaten Bulo-bulo",
     "Tidak ada kabupaten bernama Bulo-bulo dalam kode resmi Kemendagri; tidak ditebak.",
     "There is no regency called Bulo-bulo in the official Kemendagri codes; not guessed."),
    ("kahayya-sulawesi-selatan", "Suku Kahayya", "province", "73", "Sulawesi Selatan", None, None),
    ("topo-uma-sulawesi-tengah", "Suku Topo Uma", "province", "72", "Sulawesi Tengah", None, None),
    ("kulawi-uma-sulawesi-tengah", "Suku Kulawi Uma", "province", "72", "Sulawesi Tengah", None, None),
    ("sad-sumatera-barat", "Suku Anak Dalam (SAD)", "province", "13", "Sumatera Barat",
     "Dicatat sesuai sumber ('Sumatera Barat dan Jambi'); Suku Anak Dalam terutama dikenal di Jambi dan Sumatera "
     "Selatan.",
     "Recorded as stated ('West Sumatra and Jambi'); the Suku Anak Dalam are mainly known in Jambi and South "
     "Sumatra."),
    ("sad-jambi", "Suku Anak Dalam (SAD)", "province", "15", "Jambi", None, None),
    ("cina-benteng-tangerang-selatan", "Cina Benteng", "regency", "36.74", "Tangerang Selatan",
     "Dicatat sesuai sumber (Tangerang Selatan, 36.74). Komunitas Cina Benteng biasanya dikaitkan dengan Kota "
     "Tangerang (36.71) dan Kabupaten Tangerang (36.03).",
     "Recorded as stated (Tangerang Selatan, 36.74). The Cina Benteng community is usually associated with Kota "
     "Tangerang (36.71) and Kabupaten Tangerang (36.03)."),
    ("kasepuhan-banten", "Suku Kasepuhan", "province", "36", "Banten", None, None),
    ("baduy-banten", "Suku Baduy", "province", "36", "Banten", None, None),
    ("dayak-kalimantan-timur", "Masyarakat Dayak", "province", "64", "Timur Kalimantan",
     "Sumber menulis 'Timur Kalimantan'; dibaca sebagai Provinsi Kalimantan Timur (64).",
     "The source writes 'Timur Kalimantan'; read as the province of Kalimantan Timur (64)."),
]

PRESENCE = [
    dict(presence_id=f"peduli-{slug}", programme_id="peduli", partner_id="kemitraan", theme_id="masyarakat-adat",
         place_level=level, place_code=code, place_name=name, community=community, source_id="kemitraan-peduli",
         citation=_PEDULI_COMMUNITIES, note_id=nid, note_en=nen)
    for slug, community, level, code, name, nid, nen in _PEDULI_PLACES
] + [
    dict(presence_id=f"mampu-sekolah-perempuan-{slug}", programme_id="mampu", partner_id="kapal-perempuan",
         theme_id="perlindungan-sosial", place_level="regency", place_code=_REGENCIES[slug][0],
         place_name=name, community=None, source_id="mampu-perlindungan-sosial",
         citation="Munculnya 680 pemimpin perempuan ‘Gender Watch’ dan Forum Multi Pihak di Pangkep, Lombok Utara, "
                  "dan Gresik dalam RPJMD dan RKP",
         note_id="Wilayah Sekolah Perempuan/Gender Watch.", note_en="Sekolah Perempuan/Gender Watch area.")
    for slug, name in (("pangkep", "Pangkep"), ("lombok-utara", "Lombok Utara"), ("gresik", "Gresik"))
] + [
    dict(presence_id="mampu-lombok-timur", programme_id="mampu", partner_id=None, theme_id="perlindungan-sosial",
         place_level="regency", place_code="52.03", place_name="Lombok Timur", community=None,
         source_id="mampu-perlindungan-sosial", citation=_MUSRENBANG_CIT,
         note_id="Mitra tidak disebut.", note_en="The partner is not named."),
    dict(presence_id="mampu-sukabumi", programme_id="mampu", partner_id=None, theme_id="perlindungan-sosial",
         place_level="regency", place_code="32.02", place_name="Sukabumi", community=None,
         source_id="mampu-perlindungan-sosial", citation="Peraturan Bupati (Perbup) Sukabumi",
         note_id="Mitra tidak disebut.", note_en="The partner is not named."),
    dict(presence_id="mampu-jawa-tengah", programme_id="mampu", partner_id=None,
         theme_id="kekerasan-terhadap-perempuan", place_level="province", place_code="33", place_name="Jawa Tengah",
         community=None, source_id="mampu-program",
         citation="Contohnya, di Jawa Tengah, sebuah nota kesepahaman (MoU)",
         note_id="Mitra tidak disebut.", note_en="The partner is not named."),
]

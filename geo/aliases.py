"""Other names people write for official places: old names, short forms, abbreviations.

Each row is (alias, official code, why). An alias is an extra name of that
place, not a rule that wins: "Pontianak" is both Kota Pontianak and the old
name of Kabupaten Mempawah, so the resolver reports both and lets the person
choose. Codes are Kemendagri codes (idn-area-data), which differ from BPS codes
for some regencies: Pangkajene dan Kepulauan is 73.10 here (BPS 7309), and
73.09 is Kabupaten Maros. ``tests/unit/test_geo_codes.py`` checks every row.
"""

from __future__ import annotations

ALIASES: tuple[tuple[str, str, str], ...] = (
    # regencies and cities: old names and short forms
    ("Pangkep", "73.10", "common short name of Kabupaten Pangkajene dan Kepulauan"),
    ("Toba Samosir", "12.12", "former name of Kabupaten Toba (renamed 2020)"),
    ("Tobasa", "12.12", "short form of Toba Samosir, the former name of Kabupaten Toba"),
    ("Mamuju Utara", "76.01", "former name of Kabupaten Pasangkayu (renamed 2017)"),
    ("Maluku Tenggara Barat", "81.03", "former name of Kabupaten Kepulauan Tanimbar (renamed 2019)"),
    ("Mahakam Hulu", "64.11", "spelling used by BPS and geoBoundaries for Kabupaten Mahakam Ulu"),
    ("Siau Tagulandang Biaro", "71.09", "the name without 'Kepulauan'"),
    ("Sitaro", "71.09", "common short name of Kepulauan Siau Tagulandang Biaro"),
    ("Selayar", "73.01", "short name of Kabupaten Kepulauan Selayar"),
    ("Kabupaten Pontianak", "61.02", "former name of Kabupaten Mempawah (renamed 2014)"),
    ("Pasir", "64.01", "former spelling of Kabupaten Paser"),
    ("Bolmong", "71.01", "common short name of Kabupaten Bolaang Mongondow"),
    ("Jakpus", "31.71", "short form of Jakarta Pusat"),
    ("Jakut", "31.72", "short form of Jakarta Utara"),
    ("Jakbar", "31.73", "short form of Jakarta Barat"),
    ("Jaksel", "31.74", "short form of Jakarta Selatan"),
    ("Jaktim", "31.75", "short form of Jakarta Timur"),
    ("Jogja", "34", "colloquial for Yogyakarta: the province ..."),
    ("Jogja", "34.71", "... or the city, so it stays ambiguous"),
    # provinces: abbreviations in everyday use
    ("NAD", "11", "Nanggroe Aceh Darussalam, the former name of Aceh"),
    ("Nanggroe Aceh Darussalam", "11", "former name of Aceh"),
    ("Sumut", "12", "Sumatera Utara"),
    ("Sumbar", "13", "Sumatera Barat"),
    ("Sumsel", "16", "Sumatera Selatan"),
    ("Babel", "19", "Kepulauan Bangka Belitung"),
    ("Bangka Belitung", "19", "the name without 'Kepulauan'"),
    ("Kepri", "21", "Kepulauan Riau"),
    ("DKI", "31", "Daerah Khusus Ibukota Jakarta"),
    ("DKI Jakarta", "31", "Daerah Khusus Ibukota Jakarta"),
    ("Jakarta", "31", "Daerah Khusus Ibukota Jakarta"),
    ("Jabar", "32", "Jawa Barat"),
    ("Jateng", "33", "Jawa Tengah"),
    ("DIY", "34", "Daerah Istimewa Yogyakarta"),
    ("Yogyakarta", "34", "the province, also the name of Kota Yogyakarta (34.71): ambiguous on purpose"),
    ("Jatim", "35", "Jawa Timur"),
    ("NTB", "52", "Nusa Tenggara Barat"),
    ("NTT", "53", "Nusa Tenggara Timur"),
    ("Kalbar", "61", "Kalimantan Barat"),
    ("Kalteng", "62", "Kalimantan Tengah"),
    ("Kalsel", "63", "Kalimantan Selatan"),
    ("Kaltim", "64", "Kalimantan Timur"),
    ("Kaltara", "65", "Kalimantan Utara"),
    ("Sulut", "71", "Sulawesi Utara"),
    ("Sulteng", "72", "Sulawesi Tengah"),
    ("Sulsel", "73", "Sulawesi Selatan"),
    ("Sultra", "74", "Sulawesi Tenggara"),
    ("Sulbar", "76", "Sulawesi Barat"),
    ("Malut", "82", "Maluku Utara"),
    ("Irian Jaya Barat", "92", "former name of Papua Barat (until 2007)"),
    ("PBD", "96", "Papua Barat Daya"),
)

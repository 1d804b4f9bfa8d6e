"""Bilingual strings of the share features (embeds, exports, downloads, API).

Every key has both an Indonesian (``id``) and an English (``en``) text; a unit
test checks that no entry lacks either. Indonesian comes first everywhere.
"""

from __future__ import annotations

LANGS = ("id", "en")
DEFAULT_LANG = "id"

CATALOG: dict[str, dict[str, str]] = {
    "illustrative": {"id": "ILUSTRATIF", "en": "ILLUSTRATIVE"},
    "illustrative_both": {"id": "ILUSTRATIF / ILLUSTRATIVE", "en": "ILLUSTRATIVE / ILUSTRATIF"},
    "illustrative_note": {
        "id": "Data ilustratif (simulasi), bukan angka yang dipublikasikan.",
        "en": "Illustrative (simulated) data, not published figures.",
    },
    "source": {"id": "Sumber", "en": "Source"},
    "data_version": {"id": "Versi data", "en": "Data version"},
    "data_date": {"id": "tanggal data", "en": "data date"},
    "view": {"id": "Lihat", "en": "View"},
    "open_full_view": {"id": "Buka tampilan lengkap", "en": "Open the full view"},
    "newer_version": {"id": "Versi data lebih baru tersedia", "en": "A newer data version is available"},
    "newer_version_link": {"id": "Lihat data terbaru", "en": "See the latest data"},
    "pinned_version": {"id": "Versi data disematkan", "en": "Pinned data version"},
    "pinned_note": {"id": "grafik ini memakai versi {pinned}; versi terbaru {latest}.",
                    "en": "this chart uses version {pinned}; the latest is {latest}."},
    "all_data": {"id": "semua", "en": "all"},
    "title": {"id": "Judul", "en": "Title"},
    "subtitle": {"id": "Subjudul", "en": "Subtitle"},
    "filters": {"id": "Filter", "en": "Filters"},
    "citation": {"id": "Sitasi", "en": "Citation"},
    "licence": {"id": "Lisensi", "en": "Licence"},
    "link": {"id": "Tautan", "en": "Link"},
    "generated": {"id": "Dibuat", "en": "Generated"},
    "privacy": {"id": "Privasi", "en": "Privacy"},
    "suppression": {
        "id": ("Angka tingkat desa di bawah {threshold} disembunyikan untuk melindungi privasi (kolom suppressed), "
               "sebelum dijumlahkan: total yang tidak memuat angka tersembunyi ditandai 'lebih dari', dan angka "
               "yang akan membuka angka tersembunyi lewat pengurangan ikut disembunyikan."),
        "en": ("Village-level counts below {threshold} are suppressed to protect privacy (column suppressed), "
               "before anything is added up: a total that leaves a hidden count out is marked 'more than', and "
               "a figure that would reveal a hidden count by subtraction is suppressed too."),
    },
    "yes": {"id": "ya", "en": "yes"},
    "full_citations": {"id": "sitasi lengkap: {url}", "en": "full citations: {url}"},
    "more_rows": {"id": "+{n} baris lagi — lihat CSV", "en": "+{n} more rows — see the CSV"},
    "more_figures": {"id": "+{n} angka lagi — lihat CSV", "en": "+{n} more figures — see the CSV"},
    "no": {"id": "tidak", "en": "no"},
    "embed_title": {"id": "Grafik Peta Inklusi", "en": "Peta Inklusi chart"},
    "chart": {"id": "Grafik", "en": "Chart"},
    "table": {"id": "Tabel", "en": "Table"},
    "map": {"id": "Peta", "en": "Map"},
    "unknown_chart": {
        "id": "Grafik '{chart_id}' tidak ada. Buka Peta Inklusi untuk melihat semua grafik.",
        "en": "There is no chart '{chart_id}'. Open Peta Inklusi to see every chart.",
    },
    "unknown_version": {
        "id": "Versi data '{version}' tidak ada. Versi yang ada: {known}.",
        "en": "There is no data version '{version}'. Known versions: {known}.",
    },
    "no_data": {"id": "Belum ada data yang dipublikasikan.", "en": "No data has been published yet."},
    "site_name": {"id": "Peta Inklusi", "en": "Peta Inklusi"},
    "licence_text": {
        "id": ("Angka program: disalin dari halaman web program MAMPU dan Peduli (lihat tabel sources, "
               "kolom licence, untuk lisensi tiap sumber). Kode wilayah: idn-area-data (ODbL). "
               "Batas wilayah: geoBoundaries IDN ADM2 (CC BY 3.0 IGO)."),
        "en": ("Programme figures: transcribed from the MAMPU and Peduli programme web pages (see the "
               "sources table, column licence, for each source's licence). Place codes: idn-area-data "
               "(ODbL). Boundaries: geoBoundaries IDN ADM2 (CC BY 3.0 IGO)."),
    },
}


def norm_lang(lang: str | None) -> str:
    """``id`` or ``en`` (anything else falls back to Indonesian)."""
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str | None = None, **kw) -> str:
    """The text for ``key`` in ``lang``, formatted with ``kw``."""
    text = CATALOG[key][norm_lang(lang)]
    return text.format(**kw) if kw else text

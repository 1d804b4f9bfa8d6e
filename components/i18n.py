"""Translation catalogs (Bahasa Indonesia first, English second) and locale formatting.

Every label, definition, note, tooltip and piece of chart text shown by the
interface comes from ``CATALOG`` through :func:`t`. A test fails when a key
lacks either language, and when code calls ``t("...")`` with an unknown key.
Numbers and dates use Babel (CLDR): 52.000 in Indonesian, 52,000 in English,
"November" (not "Nopember"). Plotly gets its separators from
:data:`PLOTLY_SEPARATORS` because its own ``id`` locale has none.

Data values (indicator names, definitions, partner descriptions) come from the
snapshot's ``*_id``/``*_en`` columns through :func:`col`.
No Dash imports.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

LANGS = ("id", "en")
DEFAULT_LANG = "id"
BABEL_LOCALE = {"id": "id_ID", "en": "en_GB"}
# plotly layout.separators: decimal mark then thousands separator.
PLOTLY_SEPARATORS = {"id": ",.", "en": ".,"}

CATALOG: dict[str, tuple[str, str]] = {
    # --- site & shell
    "site.name": ("Peta Inklusi", "Peta Inklusi"),
    "site.tagline": ("Capaian program inklusi sosial di Indonesia: MAMPU dan Peduli",
                     "What Indonesia's social-inclusion programmes achieve: MAMPU and Peduli"),
    "shell.skip": ("Langsung ke isi utama", "Skip to main content"),
    "shell.nav_label": ("Navigasi utama", "Main navigation"),
    "shell.menu": ("Menu", "Menu"),
    "shell.lang_switch": ("English", "Bahasa Indonesia"),
    "shell.lang_switch_label": ("Switch to English", "Ganti ke Bahasa Indonesia"),
    "shell.illustrative": ("Data ilustratif: angka pada versi ini disimulasikan untuk demonstrasi dan bukan capaian "
                           "program yang sebenarnya.",
                           "Illustrative data: the figures in this version are simulated for demonstration and are "
                           "not real programme results."),
    "shell.notices_title": ("Catatan tentang alamat (URL) ini", "About this address (URL)"),
    "notice.invalid": ("“{value}” bukan nilai yang sah untuk “{param}”; ditampilkan “{default}”.",
                       "“{value}” is not a valid value for “{param}”; showing “{default}” instead."),
    "notice.unknown_param": ("Parameter URL “{param}” tidak dikenal dan diabaikan.",
                             "The URL parameter “{param}” is not known and was ignored."),
    "notice.unavailable": ("“{value}” tidak tersedia untuk “{param}” di halaman ini; ditampilkan “{default}”.",
                           "“{value}” is not available for “{param}” on this page; showing “{default}” instead."),
    "notice.none": ("(kosong)", "(none)"),
    "shell.footer_version": ("Versi data {version}, data per {date}.", "Data version {version}, figures as of {date}."),
    "shell.footer_credits": ("Sumber dan lisensi", "Sources and licences"),
    "shell.footer_programme": ("Angka program: dikutip dari halaman web MAMPU dan Peduli, lihat halaman Data.",
                               "Programme figures: transcribed from MAMPU and Peduli web pages; see the Data page."),
    "shell.no_data_snapshot": ("Belum ada data yang diterbitkan.", "No data has been published yet."),
    "shell.old_version": ("Anda melihat versi data {v}; versi terbaru adalah {live}.",
                          "You are viewing data version {v}; the latest is {live}."),
    "shell.see_latest": ("Lihat versi terbaru", "See the latest version"),
    "shell.current": ("halaman ini", "this page"),
    "shell.home_link": ("Peta Inklusi — beranda", "Peta Inklusi — home"),
    # --- page names (navbar) and titles
    "page.home": ("Beranda", "Home"),
    "page.peta": ("Peta", "Map"),
    "page.tema": ("Area tematik", "Thematic areas"),
    "page.kebijakan": ("Kebijakan", "Policy wins"),
    "page.perlindungan": ("Perlindungan sosial", "Social protection"),
    "page.mitra": ("Mitra", "Partners"),
    "page.wilayah": ("Wilayah", "Places"),
    "page.data": ("Data", "Data"),
    "page.tentang": ("Tentang", "About"),
    "page.404": ("Halaman tidak ditemukan", "Page not found"),
    # --- page descriptions (<meta name="description">, og:description, twitter:description)
    "meta.home": ("Capaian program inklusi sosial MAMPU dan Peduli: desa terjangkau, kelompok, kebijakan, "
                  "perlindungan sosial.",
                  "What the MAMPU and Peduli social-inclusion programmes achieve: villages reached, groups, policy "
                  "wins, social protection."),
    "meta.peta": ("Peta capaian dan wilayah kerja program MAMPU dan Peduli per provinsi dan kabupaten/kota.",
                  "Map of the results and working areas of MAMPU and Peduli by province and regency."),
    "meta.tema": ("Area tematik program MAMPU dan Peduli.", "The thematic areas of the MAMPU and Peduli programmes."),
    "meta.tema_profile": ("Area tematik {name}: apa area ini, mitra dan inisiatifnya, indikator dari waktu ke waktu "
                          "dan menurut wilayah, kemenangan kebijakan.",
                          "Thematic area {name}: what it is, its partners and initiatives, its indicators over time "
                          "and by place, its policy wins."),
    "meta.kebijakan": ("Kemenangan kebijakan yang didorong mitra MAMPU dan Peduli, dari desa hingga nasional.",
                       "Policy wins that MAMPU and Peduli partners helped bring about, from village to national "
                       "level."),
    "meta.perlindungan": ("Kepesertaan perlindungan sosial (JKN-KIS, KIP, identitas hukum, PKH, BPNT) yang dibantu "
                          "mitra.",
                          "Social-protection enrolment (JKN-KIS, KIP, legal identity, PKH, BPNT) that partners "
                          "helped with."),
    "meta.mitra": ("Mitra pelaksana MAMPU dan Peduli.", "The partners that carry out MAMPU and Peduli."),
    "meta.mitra_profile": ("Mitra {name}: inisiatif, wilayah kerja, capaian dan kemenangan kebijakan.",
                           "Partner {name}: initiatives, where it works, results and policy wins."),
    "meta.wilayah": ("Daftar provinsi dan profil wilayahnya.", "The provinces and their place profiles."),
    "meta.wilayah_profile": ("Profil {name}: program, mitra, angka dan kemenangan kebijakan di wilayah ini.",
                             "Profile of {name}: programmes, partners, figures and policy wins in this place."),
    "meta.data": ("Sumber, metodologi, definisi indikator, lisensi dan unduhan data Peta Inklusi.",
                  "Sources, methodology, indicator definitions, licences and data downloads of Peta Inklusi."),
    "meta.tentang": ("Tentang Peta Inklusi.", "About Peta Inklusi."),
    "meta.404": ("Halaman tidak ditemukan.", "Page not found."),
    "home.h1": ("Peta Inklusi: capaian program inklusi sosial", "Peta Inklusi: social-inclusion results"),
    "home.intro": ("Desa yang dijangkau, kelompok yang terbentuk, kebijakan yang dimenangkan dan kepesertaan "
                   "perlindungan sosial dari program MAMPU (perempuan miskin) dan Peduli (masyarakat terpinggirkan).",
                   "Villages reached, groups formed, policy wins and social-protection enrolment from the MAMPU "
                   "(poor women) and Peduli (marginalised communities) programmes."),
    "home.kpis": ("Angka utama", "Headline figures"),
    "home.map": ("Di mana program bekerja", "Where the programmes work"),
    "home.changes": ("Apa yang berubah pada rilis data terbaru", "What the latest data release changed"),
    "home.changes_none": ("Ini rilis pertama; belum ada versi sebelumnya untuk dibandingkan.",
                          "This is the first release; there is no earlier version to compare with."),
    "home.changes_same": ("Tidak ada angka yang berubah dibanding versi {old}.",
                          "No figure changed compared with version {old}."),
    "home.changes_intro": ("Dibanding versi {old}:", "Compared with version {old}:"),
    "home.changes_table": ("{table}: {added} baru, {removed} dihapus, {changed} berubah",
                           "{table}: {added} new, {removed} removed, {changed} changed"),
    "change.appeared": ("Baru", "New"),
    "change.disappeared": ("Dihapus", "Removed"),
    "change.rose": ("Naik", "Rose"),
    "change.fell": ("Turun", "Fell"),
    "change.restated": ("Diralat", "Restated"),
    "table.observations": ("Angka", "Figures"),
    "table.policies": ("Kebijakan", "Policy wins"),
    "table.presence": ("Wilayah kerja", "Where programmes work"),
    "home.themes": ("Jelajahi area tematik", "Explore the thematic areas"),
    "home.more_map": ("Buka penjelajah peta", "Open the map explorer"),
    "peta.h1": ("Penjelajah peta", "Map explorer"),
    "peta.intro": ("Pilih indikator, program, area tematik, mitra, periode dan tingkat wilayah. Klik atau ketuk "
                   "provinsi untuk melihat kabupaten/kotanya.",
                   "Choose an indicator, programme, thematic area, partner, period and area level. Click or tap a "
                   "province to see its regencies."),
    "peta.kpis": ("Angka nasional untuk pilihan ini", "National figures for this selection"),
    # --- controls
    "ctl.filters": ("Filter", "Filters"),
    "ctl.show_filters": ("Tampilkan filter", "Show filters"),
    "ctl.indicator": ("Indikator", "Indicator"),
    "ctl.programme": ("Program", "Programme"),
    "ctl.theme": ("Area tematik", "Thematic area"),
    "ctl.partner": ("Mitra", "Partner"),
    "ctl.period": ("Periode", "Period"),
    "ctl.level": ("Tingkat wilayah", "Area level"),
    "ctl.province": ("Provinsi (kabupaten/kotanya)", "Province (its regencies)"),
    "ctl.sex": ("Jenis kelamin", "Sex"),
    "ctl.scheme": ("Skema", "Scheme"),
    "ctl.policy_level": ("Tingkat kebijakan", "Policy level"),
    "ctl.instrument": ("Instrumen", "Instrument"),
    "ctl.q": ("Cari", "Search"),
    "ctl.q_placeholder": ("judul, wilayah, instrumen…", "title, place, instrument…"),
    "ctl.search_button": ("Cari", "Search"),
    "ctl.sort": ("Urutkan", "Sort by"),
    "ctl.apply": ("Terapkan", "Apply"),
    "ctl.reset": ("Atur ulang filter", "Reset filters"),
    "opt.all": ("Semua", "All"),
    "opt.all_provinces": ("Semua provinsi", "All provinces"),
    "opt.all_periods": ("Semua (angka terbaru)", "All (latest figures)"),
    "opt.presence": ("Kehadiran program dan mitra", "Programme and partner presence"),
    "opt.province": ("Provinsi", "Province"),
    "opt.regency": ("Kabupaten/kota", "Regency/city"),
    "opt.female": ("Perempuan", "Women"),
    "opt.male": ("Laki-laki", "Men"),
    "opt.total": ("Tidak terpilah", "Not disaggregated"),
    "opt.level.village": ("Desa", "Village"),
    "opt.level.regency": ("Kabupaten/kota", "Regency/city"),
    "opt.level.province": ("Provinsi", "Province"),
    "opt.level.national": ("Nasional", "National"),
    "opt.sort.-date": ("Tanggal (terbaru dulu)", "Date (newest first)"),
    "opt.sort.date": ("Tanggal (terlama dulu)", "Date (oldest first)"),
    "opt.sort.title": ("Judul (A–Z)", "Title (A–Z)"),
    "opt.sort.-title": ("Judul (Z–A)", "Title (Z–A)"),
    "opt.sort.level": ("Tingkat (desa → nasional)", "Level (village → national)"),
    "opt.sort.-level": ("Tingkat (nasional → desa)", "Level (national → village)"),
    "opt.sort.place": ("Wilayah (A–Z)", "Place (A–Z)"),
    "opt.sort.-place": ("Wilayah (Z–A)", "Place (Z–A)"),
    "lite.notice": ("Tampilan ringan: peta, grafik dan tabel digambar di server, tanpa JavaScript.",
                    "Lite view: maps, charts and tables drawn on the server, without JavaScript."),
    "lite.full_view": ("Buka tampilan lengkap", "Open the full view"),
    # --- chart card
    "card.tabs_label": ("Tampilan", "View"),
    "card.tab.map": ("Peta", "Map"),
    "card.tab.chart": ("Grafik", "Chart"),
    "card.tab.table": ("Tabel", "Table"),
    "card.source": ("Sumber", "Source"),
    "card.data_date": ("Data per {date} · versi {version}", "Figures as of {date} · version {version}"),
    "card.download": ("Unduh", "Download"),
    "card.download_csv": ("Unduh data (CSV)", "Download data (CSV)"),
    "card.download_xlsx": ("Unduh data (XLSX)", "Download data (XLSX)"),
    "card.image_png": ("Gambar PNG (halaman Word)", "PNG image (Word page)"),
    "card.image_png_slide": ("Gambar PNG (slide 16:9)", "PNG image (16:9 slide)"),
    "card.image_svg": ("Gambar SVG", "SVG image"),
    "card.embed": ("Sematkan", "Embed"),
    "card.embed_title": ("Sematkan grafik ini", "Embed this chart"),
    "card.embed_help": ("Salin kode ini ke halaman web Anda:", "Copy this code into your web page:"),
    "card.embed_code_label": ("Kode sematan", "Embed code"),
    "card.embed_latest_help": ("Kode ini selalu menampilkan data terbaru: grafik di halaman Anda ikut berubah "
                               "saat data baru terbit.",
                               "This code always shows the latest data: the chart on your page changes when new "
                               "data are published."),
    "card.embed_pinned_help": ("Kode dengan versi tetap (v={version}) selalu menampilkan data versi {version}, "
                               "sehingga angka di halaman Anda tidak berubah; sematan memberi tahu pembaca bila "
                               "ada versi yang lebih baru.",
                               "The version-pinned code (v={version}) always shows data version {version}, so "
                               "the figures on your page do not change; the embed tells readers when a newer "
                               "version exists."),
    "card.embed_pinned_label": ("Kode sematan dengan versi tetap", "Version-pinned embed code"),
    "card.close": ("Tutup", "Close"),
    "card.link": ("Tautan ke tampilan ini", "Link to this view"),
    "card.summary": ("Ringkasan", "Summary"),
    "card.empty": ("Tidak ada data untuk pilihan ini.", "No data for this selection."),
    "card.illustrative": ("ilustratif", "illustrative"),
    "card.no_js": ("Grafik interaktif memerlukan JavaScript; tabel di bawah menampilkan data yang sama.",
                   "The interactive chart needs JavaScript; the table below shows the same data."),
    # --- map
    "map.no_data": ("Tidak ada data", "No data"),
    "map.no_data_note": ("Abu-abu = tidak ada angka untuk wilayah ini (berbeda dari nol).",
                         "Grey = no figure stated for this place (not the same as zero)."),
    "map.national_note": ("Sebagian besar angka yang diterbitkan adalah total nasional; lihat kartu angka utama.",
                          "Most published figures are national totals; see the headline cards."),
    "map.drill_hint": ("Klik atau ketuk provinsi untuk melihat kabupaten/kotanya.",
                       "Click or tap a province to see its regencies."),
    "map.back": ("← Kembali ke semua provinsi", "← Back to all provinces"),
    "map.in_province": ("Kabupaten/kota di {name}", "Regencies in {name}"),
    "map.hover_value": ("Nilai", "Value"),
    "map.hover_source": ("Sumber", "Source"),
    "map.hover_date": ("Data per", "As of"),
    "map.presence_value": ("Mitra/program", "Partners/programmes"),
    "map.open_place": ("Profil wilayah", "Place profile"),
    # --- chart titles (templates)
    "chart.map.title": ("{indicator} menurut {level}", "{indicator} by {level}"),
    "chart.presence.title": ("Jumlah mitra dan program yang bekerja di tiap {level}",
                             "Number of partners and programmes working in each {level}"),
    "chart.presence.unit": ("mitra/program", "partners/programmes"),
    "chart.presence.def": ("Jumlah organisasi berbeda (mitra; program bila mitra tidak disebut) yang disebut sumber "
                           "bekerja di wilayah itu, dari tabel wilayah kerja, angka dan kebijakan per wilayah.",
                           "Number of distinct organisations (partners; the programme when no partner is named) "
                           "that a source states work in the place, from the presence table and place-level "
                           "figures and policies."),
    "chart.trend.title": ("{indicator} dari waktu ke waktu", "{indicator} over time"),
    "chart.kpi.title": ("Angka utama", "Headline figures"),
    "chart.headline.title": ("Angka utama: jangkauan, kelompok, kebijakan, kepesertaan",
                             "Headline figures: reach, groups, policy, enrolment"),
    "chart.theme_places.title": ("Angka area {theme} menurut wilayah", "Figures in {theme} by place"),
    "chart.policy_timeline.title": ("Kemenangan kebijakan dari waktu ke waktu", "Policy wins over time"),
    "chart.policy_map.title": ("Kemenangan kebijakan menurut {level}", "Policy wins by {level}"),
    "chart.policy_table.title": ("Daftar kemenangan kebijakan", "List of policy wins"),
    "chart.sp_scheme.title": ("Kepesertaan perlindungan sosial menurut skema",
                              "Social-protection enrolment by scheme"),
    "chart.sp_programme.title": ("Kepesertaan perlindungan sosial menurut program dan mitra",
                                 "Social-protection enrolment by programme and partner"),
    "chart.sp_map.title": ("Kepesertaan perlindungan sosial menurut {level}",
                           "Social-protection enrolment by {level}"),
    "chart.theme_indicators.title": ("Capaian area {theme}", "Results in {theme}"),
    "chart.partner_results.title": ("Capaian {partner}", "Results of {partner}"),
    "chart.partner_places.title": ("Di mana {partner} bekerja", "Where {partner} works"),
    "chart.place_indicators.title": ("Angka untuk {place}", "Figures for {place}"),
    "chart.partners_overview.title": ("Mitra menurut jumlah wilayah kerja", "Partners by number of places"),
    "chart.filters_all": ("semua program, semua area, semua mitra", "all programmes, all areas, all partners"),
    "chart.all.programme": ("semua program", "all programmes"),
    "chart.all.theme": ("semua area", "all areas"),
    "chart.all.partner": ("semua mitra", "all partners"),
    "chart.period_all": ("angka terbaru", "latest figures"),
    "chart.period_year": ("tahun {year}", "year {year}"),
    "chart.sub.programme": ("program {v}", "programme {v}"),
    "chart.sub.theme": ("area {v}", "area {v}"),
    "chart.sub.partner": ("mitra {v}", "partner {v}"),
    "chart.sub.sex": ("{v}", "{v}"),
    "chart.sub.scheme": ("skema {v}", "scheme {v}"),
    "chart.sub.province": ("di {v}", "in {v}"),
    "chart.sub.policy_level": ("tingkat {v}", "{v} level"),
    "chart.sub.instrument": ("instrumen {v}", "instrument {v}"),
    "chart.sub.q": ("pencarian “{v}”", "search “{v}”"),
    "chart.source_line": ("Sumber: {sources}. Peta Inklusi, versi {version}.",
                          "Source: {sources}. Peta Inklusi, version {version}."),
    "chart.no_source": ("tabel wilayah kerja dan kebijakan Peta Inklusi", "Peta Inklusi presence and policy tables"),
    "chart.count": ("Jumlah", "Count"),
    "chart.year": ("Tahun", "Year"),
    "chart.policies_unit": ("kebijakan", "policies"),
    "chart.people": ("orang", "people"),
    # --- text alternatives (one sentence per chart)
    "alt.map": ("Peta {title}. {n} dari {total} wilayah punya angka; tertinggi {top} ({value}).",
                "Map of {title}. {n} of {total} places have a figure; the highest is {top} ({value})."),
    "alt.map_empty": ("Peta {title}. Tidak ada wilayah dengan angka untuk pilihan ini.",
                      "Map of {title}. No place has a figure for this selection."),
    "alt.bar": ("Grafik batang {title}: {n} batang; terbesar {top} ({value}).",
                "Bar chart of {title}: {n} bars; the largest is {top} ({value})."),
    "alt.line": ("Grafik garis {title}: {n} titik dari {first} sampai {last}; terakhir {value}.",
                 "Line chart of {title}: {n} points from {first} to {last}; latest {value}."),
    "alt.timeline": ("Linimasa {title}: {n} kebijakan dari {first} sampai {last}.",
                     "Timeline of {title}: {n} policies from {first} to {last}."),
    "alt.table": ("Tabel {title} dengan {n} baris.", "Table of {title} with {n} rows."),
    "alt.kpi": ("{n} angka utama: {items}.", "{n} headline figures: {items}."),
    "alt.empty": ("{title}: tidak ada data untuk pilihan ini.", "{title}: no data for this selection."),
    # one item (English needs the singular; Indonesian does not inflect)
    "alt.bar_one": ("Grafik batang {title}: 1 batang, {top} ({value}).",
                    "Bar chart of {title}: one bar, {top} ({value})."),
    "alt.line_one": ("Grafik garis {title}: 1 titik, {first}; {value}.",
                     "Line chart of {title}: one point, {first}; {value}."),
    "alt.timeline_one": ("Linimasa {title}: 1 kebijakan, {first}.", "Timeline of {title}: one policy, {first}."),
    "alt.table_one": ("Tabel {title} dengan 1 baris.", "Table of {title} with one row."),
    "alt.kpi_one": ("1 angka utama: {items}.", "One headline figure: {items}."),
    # --- qualifiers
    "qual.exact": ("{v}", "{v}"),
    "qual.lower_bound": ("lebih dari {v}", "more than {v}"),
    "qual.approximate": ("sekitar {v}", "about {v}"),
    "qual.upper_bound": ("hingga {v}", "up to {v}"),
    "qual.label.exact": ("tepat", "exact"),
    "qual.label.lower_bound": ("batas bawah", "lower bound"),
    "qual.label.approximate": ("perkiraan", "approximate"),
    "qual.label.upper_bound": ("batas atas", "upper bound"),
    "qual.suppressed": ("disembunyikan (<{n})", "suppressed (<{n})"),
    # --- dates known only as "by" a month or year (policy date_precision by_month / by_year)
    "date.by": ("hingga {date}", "by {date}"),
    # --- table columns
    "col.code": ("Kode", "Code"),
    "col.place": ("Wilayah", "Place"),
    "col.value": ("Nilai", "Value"),
    "col.value_text": ("Nilai (seperti disebut sumber)", "Value (as stated)"),
    "col.qualifier": ("Keterangan", "Qualifier"),
    "col.unit": ("Satuan", "Unit"),
    "col.indicator": ("Indikator", "Indicator"),
    "col.programme": ("Program", "Programme"),
    "col.partner": ("Mitra", "Partner"),
    "col.partners": ("Mitra", "Partners"),
    "col.programmes": ("Program", "Programmes"),
    "col.theme": ("Area tematik", "Thematic area"),
    "col.scheme": ("Skema", "Scheme"),
    "col.sex": ("Jenis kelamin", "Sex"),
    "col.period": ("Periode", "Period"),
    "col.date": ("Tanggal", "Date"),
    "col.level": ("Tingkat", "Level"),
    "col.instrument": ("Instrumen", "Instrument"),
    "col.title": ("Judul", "Title"),
    "col.stage": ("Tahap", "Stage"),
    "col.source": ("Sumber", "Source"),
    "col.citation": ("Kutipan", "Citation"),
    "col.communities": ("Komunitas", "Communities"),
    "col.count": ("Jumlah", "Count"),
    "col.n_places": ("Jumlah wilayah", "Number of places"),
    "col.initiatives": ("Inisiatif", "Initiatives"),
    "col.suppressed": ("Disembunyikan", "Suppressed"),
    "col.illustrative": ("Ilustratif", "Illustrative"),
    "col.series": ("Seri", "Series"),
    "col.link": ("Tautan", "Link"),
    "col.definition": ("Definisi", "Definition"),
    "col.aggregation": ("Cara menjumlah", "How it adds up"),
    "col.category": ("Kategori", "Category"),
    "col.publisher": ("Penerbit", "Publisher"),
    "col.licence": ("Lisensi", "Licence"),
    "col.accessed": ("Diakses", "Accessed"),
    "col.file": ("Berkas", "File"),
    "stage.drafted": ("dirancang", "drafted"),
    "stage.adopted": ("disahkan", "adopted"),
    "stage.implemented": ("dilaksanakan", "implemented"),
    "agg.sum": ("dijumlahkan antarwilayah", "summed across places"),
    "agg.distinct": ("dihitung wilayah berbeda", "distinct places counted"),
    "agg.none": ("tidak dapat dijumlahkan; hanya di tingkat yang disebut", "not additive; only at the stated level"),
    "cat.reach": ("Jangkauan", "Reach"),
    "cat.groups": ("Kelompok", "Groups"),
    "cat.policy": ("Kebijakan", "Policy"),
    "cat.social_protection": ("Perlindungan sosial", "Social protection"),
    "cat.services": ("Layanan", "Services"),
    "sex.female": ("perempuan", "women"),
    "sex.male": ("laki-laki", "men"),
    "sex.total": ("total", "total"),
    "sex.all": ("semua", "all"),
    # --- theme page
    "tema.h1": ("Area tematik: {name}", "Thematic area: {name}"),
    "tema.index_h1": ("Area tematik", "Thematic areas"),
    "tema.what": ("Tentang area ini", "About this area"),
    "tema.partners": ("Mitra dan inisiatif", "Partners and initiatives"),
    "tema.indicators": ("Indikator", "Indicators"),
    "tema.policies": ("Kemenangan kebijakan", "Policy wins"),
    "tema.no_policies": ("Belum ada kemenangan kebijakan tercatat untuk area ini.",
                         "No policy win is recorded for this area yet."),
    "tema.no_partners": ("Belum ada mitra tercatat untuk area ini.", "No partner is recorded for this area yet."),
    "tema.initiatives": ("Inisiatif", "Initiatives"),
    "tema.choose": ("Pilih indikator", "Choose an indicator"),
    "tema.by_place": ("Menurut wilayah", "By place"),
    "tema.no_place_figures": ("Sumber tidak menyebut angka area ini per wilayah; angka di atas adalah total nasional. "
                              "Peta di atas menunjukkan di mana mitra dan program area ini bekerja.",
                              "The sources state no figure of this area for a place; the figures above are national "
                              "totals. The map above shows where the area's partners and programmes work."),
    "tema.programme": ("Program: {name}", "Programme: {name}"),
    "tema.unknown": ("Area tematik “{slug}” tidak dikenal.", "The thematic area “{slug}” is not known."),
    # --- policy page
    "kebijakan.h1": ("Kemenangan kebijakan", "Policy wins"),
    "kebijakan.intro": ("Peraturan dan kesepakatan yang didorong mitra program, dari desa hingga nasional. Setiap "
                        "baris menautkan ke sumbernya.",
                        "Regulations and agreements that programme partners helped bring about, from village to "
                        "national level. Every row links to its source."),
    "kebijakan.count": ("{n} kebijakan", "{n} policies"),
    "kebijakan.none": ("Tidak ada kebijakan yang cocok dengan pilihan ini.", "No policy matches this selection."),
    "kebijakan.source_link": ("sumber", "source"),
    "kebijakan.citation_link": ("kutipan lengkap sumber", "full source citation"),
    "kebijakan.national_note": ("{n} kebijakan tingkat nasional tidak ditampilkan di peta.",
                                "{n} national-level policies are not shown on the map."),
    # --- social protection page
    "sp.h1": ("Kepesertaan perlindungan sosial", "Social-protection enrolment"),
    "sp.intro": ("Berapa orang yang dibantu mitra memperoleh JKN-KIS, KIP, dokumen identitas hukum, PKH dan BPNT.",
                 "How many people partners helped to enrol in JKN-KIS, KIP, legal identity, PKH and BPNT."),
    "sp.schemes": ("Skema dan definisinya", "Schemes and their definitions"),
    # --- partners
    "mitra.h1": ("Mitra", "Partners"),
    "mitra.intro": ("Organisasi masyarakat sipil yang melaksanakan MAMPU dan Peduli.",
                    "The civil-society organisations that carry out MAMPU and Peduli."),
    "mitra.profile_h1": ("Mitra: {name}", "Partner: {name}"),
    "mitra.initiatives": ("Inisiatif", "Initiatives"),
    "mitra.where": ("Di mana mitra bekerja", "Where the partner works"),
    "mitra.results": ("Capaian", "Results"),
    "mitra.policies": ("Kebijakan yang didorong", "Policy wins"),
    "mitra.themes": ("Area tematik", "Thematic areas"),
    "mitra.unknown": ("Mitra “{id}” tidak dikenal.", "The partner “{id}” is not known."),
    "mitra.none": ("Belum ada angka tercatat untuk mitra ini.", "No figure is recorded for this partner yet."),
    "mitra.website": ("Situs web", "Website"),
    "mitra.all": ("Semua mitra", "All partners"),
    "mitra.parent": ("Bagian dari {name}", "Part of {name}"),
    # --- places
    "wilayah.h1": ("{name}", "{name}"),
    "wilayah.kind.province": ("Provinsi", "Province"),
    "wilayah.kind.regency": ("Kabupaten/kota", "Regency/city"),
    "wilayah.parent": ("Bagian dari", "Part of"),
    "wilayah.children": ("Kabupaten/kota di wilayah ini", "Regencies in this place"),
    "wilayah.programmes": ("Program dan mitra yang bekerja di sini", "Programmes and partners working here"),
    "wilayah.indicators": ("Angka", "Figures"),
    "wilayah.policies": ("Kemenangan kebijakan", "Policy wins"),
    "wilayah.none_programmes": ("Tidak ada program atau mitra yang disebut sumber untuk wilayah ini.",
                                "No source names a programme or partner working in this place."),
    "wilayah.none_indicators": ("Tidak ada angka yang disebut untuk wilayah ini; sebagian besar angka adalah total "
                                "nasional.",
                                "No figure is stated for this place; most figures are national totals."),
    "wilayah.unknown": ("Kode wilayah “{code}” tidak dikenal. Kode provinsi 2 digit (mis. 73) atau kabupaten/kota "
                        "NN.NN (mis. 73.10).",
                        "The place code “{code}” is not known. Use a 2-digit province code (e.g. 73) or a regency "
                        "code NN.NN (e.g. 73.10)."),
    "wilayah.on_map": ("Lihat di peta", "See on the map"),
    "wilayah.index_h1": ("Wilayah", "Places"),
    "wilayah.index_intro": ("Pilih provinsi untuk melihat profilnya.", "Choose a province to see its profile."),
    # --- data page
    "data.h1": ("Data, sumber dan metodologi", "Data, sources and methodology"),
    "data.snapshot": ("Versi data", "Data version"),
    "data.snapshot_text": ("Versi {version}, diterbitkan {created}, angka per {date}. Skema {schema}.",
                           "Version {version}, published {created}, figures as of {date}. Schema {schema}."),
    "data.versions": ("Versi yang tersedia", "Available versions"),
    "data.sources": ("Sumber", "Sources"),
    "data.methodology": ("Metodologi", "Methodology"),
    "data.method_text": ("Angka dikutip apa adanya dari halaman web program, dengan kutipan kalimat sumbernya dan "
                         "keterangannya (tepat, batas bawah, perkiraan). Kode wilayah mengikuti Kemendagri. Angka "
                         "tingkat desa di bawah {n} disembunyikan untuk melindungi privasi. Periode \"semua\" memakai "
                         "angka terbaru setiap seri, agar angka kumulatif tidak terhitung dua kali.",
                         "Figures are transcribed as stated on the programme web pages, with the sentence they come "
                         "from and their qualifier (exact, lower bound, approximate). Place codes follow "
                         "Kemendagri. Village-level counts below {n} are suppressed to protect privacy. Period "
                         "\"all\" uses the latest figure of each series, so cumulative figures are not counted "
                         "twice."),
    "data.indicators": ("Definisi indikator", "Indicator definitions"),
    "data.credits": ("Kredit dan lisensi", "Credits and licences"),
    "data.credit_programme": ("Angka program: MAMPU dan Peduli (KEMITRAAN), dikutip dari halaman web yang tercantum "
                              "di atas; hak cipta tetap pada penerbitnya.",
                              "Programme figures: MAMPU and Peduli (KEMITRAAN), transcribed from the web pages "
                              "listed above; copyright stays with their publishers."),
    "data.credit_app": ("Kode Peta Inklusi: lisensi MIT.", "Peta Inklusi code: MIT licence."),
    "data.downloads": ("Unduhan", "Downloads"),
    "data.download_all": ("Seluruh snapshot (ZIP: semua tabel, README, datapackage.json)",
                          "The full snapshot (ZIP: every table, README, datapackage.json)"),
    "data.download_chart": ("Data setiap grafik dapat diunduh dari kartunya (CSV/XLSX).",
                            "Every chart's data can be downloaded from its card (CSV/XLSX)."),
    "data.live": ("aktif", "live"),
    "data.cite_date": ("Data per {date}.", "Figures as of {date}."),
    "data.cite_no_date": ("Halaman tidak menyebut tanggal datanya.", "The page states no data date."),
    "data.cite_no_url": ("Halaman web; alamatnya tidak dicatat.", "Web page; its address was not recorded."),
    "data.cite_accessed": ("Diakses {date}.", "Accessed {date}."),
    "data.cite_language": ("Bahasa: {v}.", "Language: {v}."),
    "data.cite_licence": ("Lisensi: {v}.", "Licence: {v}."),
    "data.cite_details": ("Rincian: berkas dan kutipan ({n})", "Details: file and passages ({n})"),
    "data.cite_file": ("Salinan yang ditranskripsi: berkas {file}", "Transcribed copy: file {file}"),
    "data.cite_sha": ("SHA-256 {sha}", "SHA-256 {sha}"),
    "data.cite_used": ("Dikutip untuk {n_obs} angka dan {n_pol} kemenangan kebijakan. Kalimat yang dikutip:",
                       "Quoted for {n_obs} figures and {n_pol} policy wins. The passages quoted:"),
    "language.id": ("Indonesia", "Indonesian"),
    "language.en": ("Inggris", "English"),
    # data values stated in English in the snapshot, shown in the page's language (see DATA_TERMS)
    "term.licence_quoted": ("seluruh hak cipta pada penerbit; dikutip sebagai rujukan",
                            "all rights reserved by publisher; quoted for reference"),
    "term.publisher_unnamed_news": ("tidak disebut di halaman (artikel berita)", "not named on the page (news article)"),
    "term.publisher_mampu": ("MAMPU (Australian Aid; dikelola Cowater International Inc. atas nama Pemerintah "
                             "Australia)",
                             "MAMPU (Australian Aid; managed by Cowater International Inc. on behalf of the "
                             "Australian Government)"),
    # --- about
    "tentang.h1": ("Tentang Peta Inklusi", "About Peta Inklusi"),
    "tentang.p1": ("Peta Inklusi menampilkan capaian program inklusi sosial Indonesia, MAMPU dan Peduli, dalam peta, "
                   "grafik dan tabel yang dapat dibagikan, diunduh dan disematkan.",
                   "Peta Inklusi shows what Indonesia's social-inclusion programmes, MAMPU and Peduli, achieve, in "
                   "maps, charts and tables that can be shared, downloaded and embedded."),
    "tentang.p2": ("Setiap angka membawa sumber dan kutipannya. Angka yang disimulasikan selalu ditandai "
                   "\"ilustratif\".",
                   "Every figure carries its source and citation. Simulated figures are always marked "
                   "\"illustrative\"."),
    "tentang.p3": ("Situs ini dirancang agar ringan di ponsel murah dan jaringan lambat, dapat dipakai dengan papan "
                   "ketik dan pembaca layar, dan tersedia dalam Bahasa Indonesia dan English.",
                   "The site is built to stay light on cheap phones and slow networks, to work with a keyboard and "
                   "screen readers, and to be available in Bahasa Indonesia and English."),
    "tentang.programmes": ("Program", "Programmes"),
    "tentang.how": ("Cara memakai", "How to use it"),
    "tentang.how_text": ("Setiap pilihan filter tersimpan di alamat (URL): salin alamatnya untuk membagikan tampilan "
                         "yang sama persis.",
                         "Every filter choice is kept in the address (URL): copy it to share exactly the same "
                         "view."),
    # --- 404
    "404.h1": ("Halaman tidak ditemukan", "Page not found"),
    "404.text": ("Alamat {path} tidak ada di Peta Inklusi. Mungkin salah ketik, atau halamannya sudah pindah.",
                 "The address {path} does not exist on Peta Inklusi. It may be mistyped, or the page has moved."),
    "404.try": ("Coba salah satu halaman ini:", "Try one of these pages:"),
    # --- plotly's own interface: the modebar tooltips and image-download messages our graphs can show
    # (components.perf.graph_config removes the select, lasso, autoscale and spike buttons and the tips).
    # The English text is plotly's own string, the key of its locale dictionary (PLOTLY_UI, plotly_locales)
    "plotly.compare_hover": ("Bandingkan data saat kursor di atasnya", "Compare data on hover"),
    "plotly.closest_hover": ("Tampilkan data terdekat saat kursor di atasnya", "Show closest data on hover"),
    "plotly.toggle_hover": ("Nyalakan/matikan data terdekat saat kursor di atasnya",
                            "Toggle show closest data on hover"),
    "plotly.download": ("Unduh grafik", "Download plot"),
    "plotly.download_png": ("Unduh grafik sebagai PNG", "Download plot as a PNG"),
    "plotly.preparing": ("Menyiapkan gambar, mungkin perlu beberapa detik",
                         "Preparing image - this may take a few seconds"),
    "plotly.downloaded": ("Gambar berhasil diunduh", "Image download succeeded"),
    "plotly.download_failed": ("Maaf, gambar gagal diunduh.", "Sorry, there was a problem downloading your image!"),
    "plotly.pan": ("Geser", "Pan"),
    "plotly.zoom": ("Perbesar area", "Zoom"),
    "plotly.zoom_in": ("Perbesar", "Zoom in"),
    "plotly.zoom_out": ("Perkecil", "Zoom out"),
    "plotly.reset": ("Kembalikan", "Reset"),
    "plotly.reset_axes": ("Kembalikan sumbu", "Reset axes"),
    "plotly.reset_view": ("Kembalikan tampilan", "Reset view"),
    "plotly.reset_views": ("Kembalikan semua tampilan", "Reset views"),
}

#: plotly.js's English interface strings (its locale dictionary keys) -> our catalog keys.
PLOTLY_UI: dict[str, str] = {CATALOG[k][1]: k for k in CATALOG if k.startswith("plotly.")}


# Free-text data values the snapshot states in English (the sources table has one language for its
# licence and publisher): shown through the catalog in the page's language. Other values pass through.
DATA_TERMS: dict[str, str] = {
    "all rights reserved by publisher; quoted for reference": "term.licence_quoted",
    "not named on the page (news article)": "term.publisher_unnamed_news",
    "MAMPU (Australian Aid; managed by Cowater International Inc. on behalf of the Australian Government)":
        "term.publisher_mampu",
}


def data_text(value: Any, lang: str = DEFAULT_LANG) -> str:
    """A free-text data value in ``lang`` when the catalog knows it (:data:`DATA_TERMS`), else as stated."""
    text = "" if _isna(value) else str(value)
    key = DATA_TERMS.get(text.strip())
    return t(key, lang) if key else text


def notice_text(notice: Any, lang: str = DEFAULT_LANG) -> str:
    """A ``data.filters.Notice`` (catalog key + params) in ``lang``."""
    params = dict(notice.params)
    if not params.get("default"):
        params["default"] = t("notice.none", lang)
    return t(notice.key, lang, **params)


def t(key: str, lang: str = DEFAULT_LANG, **kw: Any) -> str:
    """The catalog text for ``key`` in ``lang``, formatted with ``kw``."""
    pair = CATALOG[key]
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**kw) if kw else text


def t_count(key: str, count: int, lang: str = DEFAULT_LANG, **kw: Any) -> str:
    """Like :func:`t` for a sentence about ``count`` items: ``<key>_one`` when there is one (and
    the catalog has it; English needs the singular, Indonesian does not inflect)."""
    return t(f"{key}_one" if count == 1 and has(f"{key}_one") else key, lang, **kw)


def has(key: str) -> bool:
    return key in CATALOG


def lang_or_default(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def col(row: Mapping | Any, base: str, lang: str) -> str:
    """A bilingual data column (``name_id``/``name_en``) for ``lang``, falling back to the other language."""
    first, second = (f"{base}_en", f"{base}_id") if lang == "en" else (f"{base}_id", f"{base}_en")
    for c in (first, second):
        try:
            v = row[c]
        except (KeyError, IndexError):
            continue
        if v is not None and not (isinstance(v, float) and math.isnan(v)) and str(v) not in ("", "<NA>"):
            return str(v)
    return ""


def _isna(v: Any) -> bool:
    try:
        import pandas as pd
        return v is None or bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def number(v: Any, lang: str = DEFAULT_LANG, decimals: int | None = None) -> str:
    """52.000 (id) / 52,000 (en); integers without decimals; '–' for missing."""
    if _isna(v):
        return "–"
    x = float(v)
    if decimals is None:
        decimals = 0 if x == int(x) else 1
    fmt = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round(x, decimals), format=fmt, locale=BABEL_LOCALE[lang_or_default(lang)])


def qualified(v: Any, qualifier: str | None, lang: str = DEFAULT_LANG, unit: str = "") -> str:
    """A value with its source qualifier: 'lebih dari 600', 'about 1,975'."""
    n = number(v, lang)
    if unit == "%":
        n = f"{n}%"
    key = f"qual.{qualifier}" if qualifier in ("exact", "lower_bound", "approximate", "upper_bound") else "qual.exact"
    return t(key, lang, v=n)


def date(d: Any, lang: str = DEFAULT_LANG, precision: str = "day") -> str:
    """A date in the locale: '30 Juni 2017' / '30 June 2017'; month or year precision honoured.

    ``by_month`` / ``by_year`` (a date known only as an upper bound, see data.schema) read
    'hingga Maret 2017' / 'by March 2017' and 'hingga 2017' / 'by 2017'.
    """
    if precision in ("by_month", "by_year"):
        inner = date(d, lang, precision.removeprefix("by_"))
        return inner if inner == "–" else t("date.by", lang, date=inner)
    if _isna(d) or d == "":
        return "–"
    if isinstance(d, str):
        try:
            d = dt.date.fromisoformat(d[:10])
        except ValueError:
            return d
    if isinstance(d, dt.datetime):
        d = d.date()
    if hasattr(d, "to_pydatetime"):
        d = d.to_pydatetime().date()
    loc = BABEL_LOCALE[lang_or_default(lang)]
    if precision == "year":
        return str(d.year)
    if precision == "month":
        return format_date(d, "MMMM y", locale=loc)
    return format_date(d, "d MMMM y", locale=loc)


def month_names(lang: str) -> list[str]:
    loc = BABEL_LOCALE[lang_or_default(lang)]
    return [format_date(dt.date(2000, m, 1), "MMMM", locale=loc) for m in range(1, 13)]


def plotly_locale(lang: str) -> dict:
    """Layout settings so plotly's numbers and dates follow the language."""
    return {"separators": PLOTLY_SEPARATORS[lang_or_default(lang)]}


def plotly_locales(lang: str) -> dict:
    """plotly.js ``config.locales`` for ``lang``: its modebar and messages from the catalogs.

    plotly.js's own ``id`` locale has an empty dictionary (the modebar stays English) and old
    month names ("Nopember"), so the ``id`` locale comes from here: the dictionary from
    :data:`PLOTLY_UI`, day and month names from CLDR (Babel). Numbers still take the figure's
    ``layout.separators`` (:func:`plotly_locale`), which win over a locale's. English is
    plotly's default: nothing to send.
    """
    lang = lang_or_default(lang)
    if lang == "en":
        return {}
    from babel.dates import get_day_names, get_month_names

    loc = BABEL_LOCALE[lang]
    days, short_days = get_day_names("wide", locale=loc), get_day_names("abbreviated", locale=loc)
    months, short_months = get_month_names("wide", locale=loc), get_month_names("abbreviated", locale=loc)
    sunday_first = (6, 0, 1, 2, 3, 4, 5)  # CLDR counts from Monday, plotly (d3) from Sunday
    decimal, thousands = PLOTLY_SEPARATORS[lang]
    return {lang: {
        "dictionary": {english: t(key, lang) for english, key in PLOTLY_UI.items()},
        "format": {
            "days": [days[i] for i in sunday_first], "shortDays": [short_days[i] for i in sunday_first],
            "months": [months[m] for m in range(1, 13)], "shortMonths": [short_months[m] for m in range(1, 13)],
            "date": "%d/%m/%Y", "decimal": decimal, "thousands": thousands,
        },
    }}


def level_name(level: str, lang: str) -> str:
    return t(f"opt.{level}", lang) if level in ("province", "regency") else level

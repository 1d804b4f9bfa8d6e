"""components.i18n: complete catalogs, locale number/date formats, plotly separators."""

import datetime as dt
import re
from pathlib import Path

import pytest

from components import i18n
from components.i18n import CATALOG, date, number, qualified, t

ROOT = Path(__file__).resolve().parents[2]


def test_every_key_has_both_languages():
    missing = [k for k, pair in CATALOG.items() if len(pair) != 2 or not pair[0].strip() or not pair[1].strip()]
    assert not missing, f"keys lacking a translation: {missing}"


def test_placeholders_agree_between_languages():
    for key, (id_, en) in CATALOG.items():
        assert set(re.findall(r"{(\w+)}", id_)) == set(re.findall(r"{(\w+)}", en)), key


def _literal_keys() -> set[str]:
    keys = set()
    for folder in ("components", "pages", "app.py"):
        paths = [ROOT / folder] if folder.endswith(".py") else sorted((ROOT / folder).glob("*.py"))
        for p in paths:
            keys |= set(re.findall(r"""\bt\(\s*["']([a-z][a-z0-9_.\-]*)["']""", p.read_text(encoding="utf-8")))
    return keys


def test_every_key_used_in_code_exists():
    used = _literal_keys()
    assert len(used) > 100
    unknown = sorted(k for k in used if k not in CATALOG)
    assert not unknown, f"t() called with keys missing from the catalog: {unknown}"


def test_dynamic_keys_exist():
    for prefix, values in {"opt.level.": ("village", "regency", "province", "national"),
                           "stage.": ("drafted", "adopted", "implemented"), "agg.": ("sum", "distinct", "none"),
                           "cat.": ("reach", "groups", "policy", "social_protection", "services"),
                           "qual.": ("exact", "lower_bound", "approximate", "upper_bound"),
                           "sex.": ("female", "male", "total", "all"), "card.tab.": ("map", "chart", "table"),
                           "change.": ("appeared", "disappeared", "rose", "fell", "restated"),
                           "opt.sort.": ("-date", "date", "title", "-title", "level", "-level", "place", "-place")
                           }.items():
        for v in values:
            assert prefix + v in CATALOG, prefix + v


def test_page_nav_keys_exist():
    for p in sorted((ROOT / "pages").glob("*.py")):
        for key in re.findall(r'nav_key="([^"]+)"', p.read_text(encoding="utf-8")):
            assert key in CATALOG


def test_numbers_follow_the_locale():
    assert number(52000, "id") == "52.000"
    assert number(52000, "en") == "52,000"
    assert number(1234.5, "id") == "1.234,5"
    assert number(1234.5, "en") == "1,234.5"
    assert number(None, "en") == "–"


def test_qualifiers_are_spelled_out():
    assert qualified(600, "lower_bound", "id") == "lebih dari 600"
    assert qualified(600, "lower_bound", "en") == "more than 600"
    assert qualified(1975, "approximate", "id") == "sekitar 1.975"
    assert qualified(10800, "exact", "en") == "10,800"
    assert qualified(50, "lower_bound", "en", "%") == "more than 50%"


def test_dates_use_cldr_month_names():
    d = dt.date(2017, 11, 30)
    assert date(d, "id") == "30 November 2017"  # CLDR: "November", never "Nopember"
    assert date(d, "en") == "30 November 2017"
    assert date(dt.date(2017, 6, 30), "id", "month") == "Juni 2017"
    assert date(dt.date(2017, 6, 30), "en", "month") == "June 2017"
    assert date("2017-06-30", "id", "year") == "2017"
    assert "Nopember" not in i18n.month_names("id")


def test_plotly_separators_per_language():
    assert i18n.plotly_locale("id") == {"separators": ",."}
    assert i18n.plotly_locale("en") == {"separators": ".,"}


def test_t_formats_and_falls_back_to_indonesian():
    assert t("kebijakan.count", "en", n="3") == "3 policies"
    assert t("kebijakan.count", "xx", n="3") == "3 kebijakan"
    with pytest.raises(KeyError):
        t("no.such.key", "id")


def test_col_picks_the_language_with_fallback():
    row = {"name_id": "Desa", "name_en": ""}
    assert i18n.col(row, "name", "en") == "Desa"
    assert i18n.col({"name_id": "Desa", "name_en": "Village"}, "name", "en") == "Village"


def test_notice_and_data_term_keys_exist():
    from data.filters import NOTICE_KEYS
    for key in [*NOTICE_KEYS.values(), "notice.none", *i18n.DATA_TERMS.values()]:
        assert key in CATALOG, key


def test_notices_are_rendered_through_the_catalog():
    from data.filters import Notice
    n = Notice("level", "village", "province")
    assert n.key == "notice.invalid" and n.params == {"param": "level", "value": "village", "default": "province"}
    assert i18n.notice_text(n, "en") == t("notice.invalid", "en", **n.params) == n.text("en")
    assert i18n.notice_text(n, "id") == t("notice.invalid", "id", **n.params)
    assert "(kosong)" in i18n.notice_text(Notice("province", "7x", ""), "id")
    assert "(none)" in i18n.notice_text(Notice("province", "7x", ""), "en")
    assert i18n.notice_text(Notice("zz", "", "", "unknown_param"), "id") == t("notice.unknown_param", "id", param="zz")
    # no sentence is written in data/filters.py itself
    src = (ROOT / "data" / "filters.py").read_text(encoding="utf-8")
    assert "is not a valid value" not in src and "bukan nilai yang sah" not in src


def test_data_terms_translate_known_english_values_only():
    assert i18n.data_text("all rights reserved by publisher; quoted for reference", "id").startswith(
        "seluruh hak cipta")
    assert i18n.data_text("all rights reserved by publisher; quoted for reference", "en").startswith(
        "all rights reserved")
    assert i18n.data_text("KEMITRAAN", "id") == "KEMITRAAN" and i18n.data_text(None, "id") == ""


# --- every page in both languages, rendered by the app -------------------------------------------

# Interface text that only one language uses: it must never show on a page in the other language.
ENGLISH_ONLY = ("Download data", "Source:", "Figures as of", "is not a valid value", "The URL parameter",
                "all rights reserved", "not named on the page", "managed by", "Licence", "Choose an indicator",
                "Headline figures", "latest figures", "No data", "Summary:", "Embed", "Thematic area",
                "Policy wins", "Partners and", "Skip to main content", "Transcribed copy", "Web page;")
INDONESIAN_ONLY = ("Unduh data", "Sumber:", "Data per", "bukan nilai yang sah", "Parameter URL", "Lisensi",
                   "seluruh hak cipta", "Pilih indikator", "Angka utama", "angka terbaru", "Tidak ada data",
                   "Ringkasan:", "Sematkan", "Area tematik", "Kemenangan kebijakan", "Langsung ke isi utama",
                   "Salinan yang ditranskripsi", "Halaman web;", "dikelola")
PAGES = ["/", "/peta", "/peta?indicator=nope&bogus=1", "/tema", "/tema/perlindungan-sosial",
         "/tema/masyarakat-adat?indicator=cadres", "/kebijakan", "/kebijakan?sort=title", "/perlindungan-sosial",
         "/mitra", "/mitra/pekka", "/mitra/kapal-perempuan", "/wilayah", "/wilayah/73", "/wilayah/73.10", "/data",
         "/tentang", "/halaman-yang-tidak-ada"]


@pytest.fixture(scope="module")
def real_seed_dir(tmp_path_factory):
    """The real seed transcription (its sources state licence and publisher in English)."""
    from data import seed
    root = tmp_path_factory.mktemp("i18n-real-seed")
    seed.publish_seed(root=root)
    return root


def _visible_text(body: str) -> str:
    """The page's text as a reader sees it (no scripts, no attributes, no language switch)."""
    import html as H
    page = body.split('id="react-entry-point"', 1)[1]
    page = re.sub(r"<(script|style|textarea)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r'<a id="lang-switch".*?</a>', " ", page, flags=re.S)
    return H.unescape(re.sub(r"<[^>]+>", " ", page))


# On the real transcription, the pages that show its sources' own words (publisher, licence, notes).
REAL_PAGES = ["/", "/tema/perlindungan-sosial", "/kebijakan", "/mitra/kapal-perempuan", "/wilayah/73.10", "/data"]


@pytest.mark.parametrize("data", ["fixture", "real"])
def test_every_page_speaks_one_language(monkeypatch, request, data):
    root = request.getfixturevalue("seed_dir" if data == "fixture" else "real_seed_dir")
    monkeypatch.setenv("PETA_DATA_DIR", str(root))
    import app as app_module
    client = app_module.server.test_client()
    for path in PAGES if data == "fixture" else REAL_PAGES:
        for lang in ("id", "en"):
            url = path if lang == "id" else path + ("&" if "?" in path else "?") + "lang=en"
            r = client.get(url)
            assert r.status_code in (200, 404), (url, r.status_code)  # a missing catalog key would be a 500
            text = _visible_text(r.get_data(as_text=True))
            assert ("Skip to main content" if lang == "en" else "Langsung ke isi utama") in text, url
            wrong = ENGLISH_ONLY if lang == "id" else INDONESIAN_ONLY
            found = [w for w in wrong if w in text]
            assert not found, (url, found)

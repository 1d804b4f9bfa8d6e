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

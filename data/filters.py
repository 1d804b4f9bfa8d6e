"""URL query <-> frozen, validated ``Filters``.

Every view's state lives in the query string. ``parse(query, snapshot)``
turns a query mapping into a hashable ``Filters`` value plus a tuple of
``Notice`` objects for values that were unknown or invalid (each falls back to
its default; a bad URL never raises). ``Filters.to_query()`` writes back only
values that differ from their defaults, so links stay short and stable (as in
Our World in Data's Grapher).

The fields are declared once in ``FIELDS`` (name, default, allowed values,
parser, bilingual help); the README's URL-parameter table and the tests are
checked against it. No Dash imports here.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from data import schema
from data.snapshot import SnapshotRef

ALL = "all"
LANGS = ("id", "en")
LEVELS = ("province", "regency")
TABS = ("map", "chart", "table")
SEX_CHOICES = (ALL, "female", "male", "total")
PRESENCE = "presence"  # pseudo-indicator: how many programmes/partners work in a place
POLICY_SORTS = ("-date", "date", "title", "-title", "level", "-level", "place", "-place")
MAX_Q = 80


NOTICE_KEYS = {"invalid": "notice.invalid", "unknown_param": "notice.unknown_param",
               "unavailable": "notice.unavailable"}


@dataclass(frozen=True)
class Notice:
    """A visible note about a query value that was not used: data (a catalog key and its params).

    Pages render it in their language with ``components.i18n.notice_text`` (``t(key, lang, **params)``).
    """

    param: str
    value: str
    default: str
    reason: str = "invalid"  # invalid | unknown_param | unavailable (valid, but not offered on this page)

    @property
    def key(self) -> str:
        """The catalog key of the notice's sentence."""
        return NOTICE_KEYS.get(self.reason, NOTICE_KEYS["invalid"])

    @property
    def params(self) -> dict[str, str]:
        """The values the sentence names (a long value is shortened; "" default = none)."""
        shown = self.value if len(self.value) <= 40 else self.value[:37] + "..."
        return {"param": self.param, "value": shown, "default": self.default}

    def text(self, lang: str) -> str:
        """The notice in ``lang``, through the translation catalogs."""
        from components.i18n import notice_text  # the catalogs; no Dash
        return notice_text(self, lang)


@dataclass(frozen=True)
class Filters:
    """The state of a view. Frozen and hashable: used as a cache key."""

    lang: str = "id"
    indicator: str = PRESENCE
    programme: str = ALL
    theme: str = ALL
    partner: str = ALL
    period: str = ALL
    level: str = "province"
    province: str = ""
    place: str = ""
    tab: str = "map"
    sex: str = ALL
    scheme: str = ALL
    policy_level: str = ALL
    instrument: str = ALL
    q: str = ""
    sort: str = "-date"
    v: str = ""
    lite: str = "0"
    views: str = ""  # the other chart cards' views: "chart:view,..." (only non-default, sorted by chart)

    def replace(self, **kw: Any) -> "Filters":
        return dataclasses.replace(self, **kw)

    def view_of(self, chart_id: str) -> str:
        """The view chosen for a (non-primary) chart card in ``views``, or "" for its default."""
        return views_dict(self.views).get(chart_id, "")

    def with_view(self, chart_id: str, view: str) -> "Filters":
        """``views`` with ``chart_id`` set to ``view`` (its default view, or "", removes the entry)."""
        d = views_dict(self.views)
        d[chart_id] = view
        return self.replace(views=_views_string(d, card_views()))

    def to_query(self) -> dict[str, str]:
        """Only the values that differ from the defaults, in field order."""
        return {f.name: getattr(self, f.name) for f in FIELDS if getattr(self, f.name) != f.default}

    def query_string(self, **override: str) -> str:
        """``?a=1&b=2`` (or ``""``) for the current values, with overrides."""
        from urllib.parse import urlencode
        q = self.replace(**override).to_query() if override else self.to_query()
        return ("?" + urlencode(q)) if q else ""

    @property
    def effective_level(self) -> str:
        """Regencies are shown when asked for, or when drilled into a province."""
        return "regency" if (self.level == "regency" or self.province) else "province"


# --- the declarative field registry ------------------------------------------

Choices = Callable[[Any], Iterable[str]] | None
Parser = Callable[[str, Any], str | None]


@dataclass(frozen=True)
class Field:
    name: str
    default: str
    choices: Choices  # allowed values given a snapshot (None: free or pattern-checked)
    parser: Parser  # raw string + snapshot -> normalised value, or None when invalid
    help_id: str
    help_en: str
    pages: tuple[str, ...] = ()
    example: str = ""


def _norm(raw: str) -> str:
    return str(raw).strip()


def _enum_parser(field_choices: Choices) -> Parser:
    def parse(raw: str, snapshot: Any) -> str | None:
        v = _norm(raw).lower()
        allowed = tuple(field_choices(snapshot)) if field_choices else ()
        return v if v in allowed else None
    return parse


def _per_snapshot(fn: Callable[[Any], tuple[str, ...]]) -> Callable[[Any], tuple[str, ...]]:
    """``fn(snapshot)`` computed once per snapshot (by value): every URL and control value is checked
    against these choices, several times per request (the full-size snapshot's periods took 0.5 s)."""
    cached = functools.lru_cache(maxsize=8)(lambda ref: fn(ref.snap))

    @functools.wraps(fn)
    def wrapper(snapshot: Any) -> tuple[str, ...]:
        if snapshot is None or not hasattr(snapshot, "key"):
            return fn(snapshot)
        return cached(SnapshotRef(snapshot))
    return wrapper


def _table_ids(table: str, col: str, extra: tuple[str, ...] = (ALL,)) -> Choices:
    @_per_snapshot
    def choices(snapshot: Any) -> tuple[str, ...]:
        if snapshot is None:
            return extra
        return extra + tuple(sorted(str(x) for x in snapshot.tables[table][col].dropna().unique()))
    return choices


@_per_snapshot
def _indicator_choices(snapshot: Any) -> tuple[str, ...]:
    base = (PRESENCE,)
    if snapshot is None:
        return base
    ind = snapshot.tables["indicators"].sort_values("sort_order")
    return base + tuple(str(x) for x in ind["indicator_id"])


@_per_snapshot
def _period_choices(snapshot: Any) -> tuple[str, ...]:
    if snapshot is None:
        return (ALL,)
    years: set[int] = set()
    # distinct dates first: a few hundred, not a row per village
    years.update(int(d.year) for d in snapshot.tables["observations"]["period_end"].dropna().unique())
    years.update(int(d.year) for d in snapshot.tables["policies"]["date"].dropna().unique())
    return (ALL,) + tuple(str(y) for y in sorted(years))


@_per_snapshot
def _instrument_choices(snapshot: Any) -> tuple[str, ...]:
    if snapshot is None:
        return (ALL,)
    vals = snapshot.tables["policies"]["instrument"].dropna().unique()
    return (ALL,) + tuple(sorted(str(v).lower() for v in vals))


def _province_parser(raw: str, snapshot: Any) -> str | None:
    v = _norm(raw)
    if v == "":
        return ""
    if not re.fullmatch(schema.CODE_PATTERNS["province"], v):
        return None
    return v if _place_exists(v) else None


def _place_parser(raw: str, snapshot: Any) -> str | None:
    v = _norm(raw)
    if v == "":
        return ""
    if schema.level_of_code(v) not in ("province", "regency"):
        return None
    return v if _place_exists(v) else None


def _place_exists(code: str) -> bool:
    """True when the official code table knows ``code``."""
    from geo import codes
    try:
        return codes.name_of(code) is not None
    except (OSError, LookupError, ValueError):
        return True


def _q_parser(raw: str, snapshot: Any) -> str | None:
    v = re.sub(r"\s+", " ", _norm(raw))
    if len(v) > MAX_Q:
        return None
    # Control characters never belong in a search.
    if any(ord(c) < 32 for c in v):
        return None
    return v


def _version_parser(raw: str, snapshot: Any) -> str | None:
    v = _norm(raw)
    if v == "":
        return ""
    return v if re.fullmatch(r"\d{8}\.\d{1,4}", v) else None


def _fixed(*values: str) -> Choices:
    return lambda snapshot: values


# --- views: the chart cards' Map/Chart/Table switches (other than the page's own ``tab``) ----------

MAX_VIEWS = 400


def card_views() -> dict[str, tuple[str, ...]]:
    """Chart id -> the views its card offers (the first is the default), from the chart registry.

    ``components.specs`` is pure (no Dash, no I/O); it is imported here, lazily, because the
    registry, not this module, knows the charts.
    """
    from components.specs import REGISTRY
    return {k: s.views for k, s in REGISTRY.items()}


def views_dict(value: str) -> dict[str, str]:
    """``"a:table,b:chart"`` -> ``{"a": "table", "b": "chart"}`` (no validation)."""
    out: dict[str, str] = {}
    for part in str(value or "").split(","):
        chart, sep, view = part.partition(":")
        if sep and chart.strip():
            out[chart.strip().lower()] = view.strip().lower()
    return out


def _views_string(d: Mapping[str, str], vocab: Mapping[str, tuple[str, ...]]) -> str:
    """The canonical form: known charts, valid non-default views, sorted by chart id."""
    return ",".join(f"{c}:{v}" for c, v in sorted(d.items())
                    if c in vocab and v in vocab[c] and v != vocab[c][0])


def parse_views(raw: str) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """(canonical value, the rejected entries as (entry, its default)).

    An entry is ``chart:view``; a chart the registry does not know, or a view its card does
    not offer, is rejected (that card shows its default view). Entries naming the default view
    are dropped silently; a later entry for the same chart wins. None when the whole value is
    unreadable (too long or with control characters).
    """
    v = _norm(raw)
    if len(v) > MAX_VIEWS or any(ord(c) < 32 for c in v):
        return None, ()
    vocab = card_views()
    good: dict[str, str] = {}
    bad: list[tuple[str, str]] = []
    for part in (p.strip() for p in v.split(",")):
        if not part:
            continue
        chart, sep, view = (x.strip().lower() for x in part.partition(":"))
        if not sep or chart not in vocab or view not in vocab[chart]:
            bad.append((part, f"{chart}:{vocab[chart][0]}" if chart in vocab else ""))
            good.pop(chart, None)
            continue
        good[chart] = view
    return _views_string(good, vocab), tuple(bad)


def _views_parser(raw: str, snapshot: Any) -> str | None:
    value, bad = parse_views(raw)
    return None if bad else value


def _views_choices(snapshot: Any) -> tuple[str, ...]:
    return tuple(f"{c}:{v}" for c, views in sorted(card_views().items()) for v in views[1:])


FIELDS: tuple[Field, ...] = (
    Field("lang", "id", _fixed(*LANGS), _enum_parser(_fixed(*LANGS)),
          "Bahasa antarmuka: id (Bahasa Indonesia) atau en (English).",
          "Interface language: id (Bahasa Indonesia) or en (English).", ("*",), "en"),
    Field("indicator", PRESENCE, _indicator_choices, None,  # parser set below (case-sensitive ids)
          "Indikator yang dipetakan; presence = jumlah program/mitra yang bekerja di wilayah itu.",
          "Indicator to map; presence = number of programmes/partners working in a place.",
          ("/peta", "/tema/<slug>"), "villages_reached"),
    Field("programme", ALL, _table_ids("programmes", "programme_id"), None,
          "Program (mampu, peduli) atau all.", "Programme (mampu, peduli) or all.",
          ("/peta", "/kebijakan", "/perlindungan-sosial", "/mitra"), "mampu"),
    Field("theme", ALL, _table_ids("themes", "theme_id"), None,
          "Area tematik (slug) atau all.", "Thematic area (slug) or all.",
          ("/peta", "/kebijakan", "/perlindungan-sosial", "/mitra"), "perlindungan-sosial"),
    Field("partner", ALL, _table_ids("partners", "partner_id"), None,
          "Mitra (id) atau all.", "Partner (id) or all.",
          ("/peta", "/kebijakan", "/perlindungan-sosial"), "pekka"),
    Field("period", ALL, _period_choices, None,
          "Tahun (akhir periode) atau all = angka terbaru tiap seri.",
          "Year (end of period) or all = the latest figure of each series.",
          ("/peta", "/tema/<slug>", "/kebijakan", "/perlindungan-sosial", "/wilayah/<code>"), "2017"),
    Field("level", "province", _fixed(*LEVELS), _enum_parser(_fixed(*LEVELS)),
          "Tingkat peta: province (provinsi) atau regency (kabupaten/kota).",
          "Map level: province or regency (kabupaten/kota).", ("/peta", "/perlindungan-sosial"), "regency"),
    Field("province", "", None, _province_parser,
          "Kode provinsi (2 digit) untuk menampilkan kabupaten/kotanya (drill-down).",
          "Province code (2 digits) to show its regencies (drill-down: a map click or the province list).",
          ("/peta", "/perlindungan-sosial"),
          "73"),
    Field("place", "", None, _place_parser,
          "Kode wilayah (provinsi atau kabupaten/kota) untuk grafik profil wilayah.",
          "Place code (province or regency) for place-profile charts.", ("/wilayah/<code>", "/embed"), "73.10"),
    Field("tab", "map", _fixed(*TABS), _enum_parser(_fixed(*TABS)),
          "Tampilan kartu grafik: map, chart atau table.", "Chart-card view: map, chart or table.",
          ("/peta", "/kebijakan", "/perlindungan-sosial"), "table"),
    Field("sex", ALL, _fixed(*SEX_CHOICES), _enum_parser(_fixed(*SEX_CHOICES)),
          "Jenis kelamin: all, female, male, total (tidak terpilah).",
          "Sex: all, female, male, total (not disaggregated).", ("/peta",), "female"),
    Field("scheme", ALL, _table_ids("schemes", "scheme_id"), None,
          "Skema perlindungan sosial (id) atau all.", "Social-protection scheme (id) or all.",
          ("/peta", "/perlindungan-sosial"), "jkn-kis"),
    Field("policy_level", ALL, _fixed(ALL, *schema.POLICY_LEVELS), _enum_parser(_fixed(ALL, *schema.POLICY_LEVELS)),
          "Tingkat kebijakan: all, village, regency, province, national.",
          "Policy level: all, village, regency, province, national.", ("/kebijakan",), "regency"),
    Field("instrument", ALL, _instrument_choices, _enum_parser(_instrument_choices),
          "Instrumen kebijakan (mis. perdes, perbup, uu, mou) atau all.",
          "Policy instrument (e.g. perdes, perbup, uu, mou) or all.", ("/kebijakan",), "mou"),
    Field("q", "", None, _q_parser,
          f"Kata pencarian di tabel kebijakan (maks. {MAX_Q} karakter).",
          f"Search words for the policy table (max. {MAX_Q} characters).", ("/kebijakan", "/mitra"), "sukabumi"),
    Field("sort", "-date", _fixed(*POLICY_SORTS), _enum_parser(_fixed(*POLICY_SORTS)),
          "Urutan tabel kebijakan: date, title, level, place; awalan - = menurun.",
          "Policy-table order: date, title, level, place; leading - = descending.", ("/kebijakan",), "title"),
    Field("v", "", None, _version_parser,
          "Versi snapshot yang dipatok (YYYYMMDD.N); kosong = versi terbaru. Halaman versi lama menautkan ke "
          "yang terbaru.",
          "Pinned snapshot version (YYYYMMDD.N); empty = the live version. A page of an older version links to "
          "the latest.", ("*",), "20261121.1"),
    Field("lite", "0", _fixed("0", "1"), _enum_parser(_fixed("0", "1")),
          "1 = tampilan ringan tanpa JavaScript grafik (juga otomatis dengan Save-Data).",
          "1 = lite view without chart JavaScript (also automatic with Save-Data).", ("*",), "1"),
    Field("views", "", _views_choices, _views_parser,
          "Tampilan kartu grafik lain di halaman (selain tab): pasangan grafik:tampilan dipisah koma; hanya "
          "yang berbeda dari bawaan kartu.",
          "Views of the page's other chart cards (besides tab): comma-separated chart:view pairs; only those "
          "that differ from the card's default.",
          ("/", "/peta", "/tema/<slug>", "/kebijakan", "/perlindungan-sosial", "/mitra", "/mitra/<id>"),
          "tren:table"),
)


def _id_parser(choices: Choices) -> Parser:
    def parse(raw: str, snapshot: Any) -> str | None:
        v = _norm(raw)
        allowed = tuple(choices(snapshot)) if choices else ()
        if v in allowed:
            return v
        low = v.lower()
        return low if low in allowed else None
    return parse


FIELDS = tuple(
    dataclasses.replace(f, parser=_id_parser(f.choices)) if f.parser is None else f for f in FIELDS
)
FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
DEFAULTS = Filters()

assert tuple(f.name for f in FIELDS) == tuple(f.name for f in dataclasses.fields(Filters)), "FIELDS out of sync"
assert all(getattr(DEFAULTS, f.name) == f.default for f in FIELDS), "defaults out of sync"

# Parameters other parts of the app read themselves; never reported as unknown.
PASSTHROUGH = frozenset({"embed", "size", "width", "height", "format", "_"})


def _first(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return "" if value is None else str(value)


def parse(query: Mapping[str, Any] | None, snapshot: Any = None) -> tuple[Filters, tuple[Notice, ...]]:
    """Validate a query mapping; bad values fall back to their defaults with a notice.

    ``snapshot`` supplies the allowed ids (indicators, programmes, ...); with
    ``None`` only the fixed vocabularies are checked. Never raises for user input.
    """
    query = query or {}
    values: dict[str, str] = {}
    notices: list[Notice] = []
    for key, raw in query.items():
        key = str(key)
        if key in FIELD_BY_NAME:
            continue
        if key not in PASSTHROUGH:
            notices.append(Notice(key[:40], "", "", "unknown_param"))
    for f in FIELDS:
        if f.name not in query:
            continue
        raw = _first(query[f.name])
        if raw.strip() == "":
            continue
        if f.name == "views":
            v, bad = parse_views(raw)
            if v is None:
                notices.append(Notice(f.name, raw, f.default))
                continue
            # each unknown chart or view falls back on its own; the valid entries stay
            notices.extend(Notice(f.name, entry, default) for entry, default in bad)
            values[f.name] = v
            continue
        try:
            v = f.parser(raw, snapshot)
        except (TypeError, ValueError, KeyError, AttributeError):
            v = None
        if v is None:
            notices.append(Notice(f.name, raw, f.default))
            continue
        values[f.name] = v
    filters = Filters(**values)
    filters, extra = _consistent(filters, snapshot)
    return filters, tuple(notices) + extra


def _consistent(f: Filters, snapshot: Any) -> tuple[Filters, tuple[Notice, ...]]:
    """Cross-field rules: a partner or theme must belong to the chosen programme."""
    notices: list[Notice] = []
    if snapshot is None or f.programme == ALL:
        return f, ()
    partners = snapshot.tables["partners"]
    if f.partner != ALL:
        prog = partners.loc[partners["partner_id"] == f.partner, "programme_id"]
        if len(prog) and str(prog.iloc[0]) != f.programme:
            notices.append(Notice("partner", f.partner, ALL))
            f = f.replace(partner=ALL)
    themes = snapshot.tables["themes"]
    if f.theme != ALL:
        prog = themes.loc[themes["theme_id"] == f.theme, "programme_id"]
        if len(prog) and str(prog.iloc[0]) != f.programme:
            notices.append(Notice("theme", f.theme, ALL))
            f = f.replace(theme=ALL)
    return f, tuple(notices)


def allowed(name: str, snapshot: Any) -> tuple[str, ...]:
    """The values a field accepts for this snapshot (empty for free-text fields)."""
    f = FIELD_BY_NAME[name]
    return tuple(f.choices(snapshot)) if f.choices else ()


def from_controls(base: Filters, values: Mapping[str, Any], snapshot: Any) -> tuple[Filters, tuple[Notice, ...]]:
    """Merge control values (name -> value) into ``base`` through the same validation as URLs."""
    q = base.to_query()
    for k, v in values.items():
        if k in FIELD_BY_NAME:
            q[k] = "" if v is None else str(v)
    return parse(q, snapshot)

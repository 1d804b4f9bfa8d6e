"""ONE declarative registry of every chart Peta Inklusi shows.

A :class:`ChartSpec` names a chart's kind, the ``data.query`` function behind
it, its bilingual title template (which states the filters), its unit,
palette and the card views it offers. Pages, the embed view, the CSV/XLSX
download and the PNG/SVG export all start from ``get_spec(chart_id)`` and a
``Filters`` value:

- :func:`data_for` returns the canonical frame the figure is drawn from;
- :func:`table_for` is exactly what the chart shows, with localized headers
  (the table tab and the downloads use it);
- :func:`components.figures.build_figure` draws it.

No Dash imports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from components import geodata
from components.i18n import col, data_text, date as fmt_date, level_name, number, qualified, t
from data import query
from data.filters import ALL, PRESENCE, Filters

KINDS = ("choropleth", "bar", "line", "timeline", "table", "kpi")


@dataclass(frozen=True)
class ChartSpec:
    """One chart. ``fixed`` pins filter values (e.g. the indicator) for this chart."""

    id: str
    kind: str
    query: str
    title: str  # catalog key of the title template
    unit: str = ""  # catalog key; "" = the indicator's own unit
    palette: str = "viridis"
    views: tuple[str, ...] = ("chart", "table")
    params: tuple[str, ...] = ()  # Filters fields that change this chart (stated in the subtitle)
    fixed: tuple[tuple[str, str], ...] = ()
    description: str = ""
    page: str = "/peta"  # the page that shows this chart (the embed's "full view" link)

    def filters(self, f: Filters) -> Filters:
        """The filters this chart actually uses: pinned values applied, unused fields reset."""
        keep = {name: getattr(f, name) for name in ("lang", "v", "lite", "tab", *self.params)}
        out = Filters(**keep)
        if self.fixed:
            out = out.replace(**dict(self.fixed))
        if self.query == "time_series" and out.indicator == PRESENCE:
            # presence has no history of its own: the trend of the map's presence view is villages reached
            out = out.replace(indicator="villages_reached")
        return out


_MAP_PARAMS = ("indicator", "programme", "theme", "partner", "period", "level", "province", "sex", "scheme")
_POLICY_PARAMS = ("programme", "theme", "partner", "period", "policy_level", "instrument", "level", "province", "q",
                  "sort", "place")

REGISTRY: dict[str, ChartSpec] = {s.id: s for s in (
    ChartSpec("peta", "choropleth", "values_by_place", "chart.map.title", views=("map", "chart", "table"),
              params=_MAP_PARAMS, description="The map explorer: an indicator or presence by place."),
    ChartSpec("tren", "line", "time_series", "chart.trend.title", params=_MAP_PARAMS,
              description="The chosen indicator over time, one line per programme."),
    ChartSpec("angka-utama", "kpi", "kpis", "chart.kpi.title", params=("programme", "theme", "partner", "period"),
              description="National headline figures with the source's qualifiers.", page="/"),
    ChartSpec("kebijakan-linimasa", "timeline", "policies", "chart.policy_timeline.title", unit="chart.policies_unit",
              palette="okabe-ito", params=_POLICY_PARAMS, description="Policy wins on a timeline by level.", page="/kebijakan"),
    ChartSpec("kebijakan-peta", "choropleth", "policies_by_place", "chart.policy_map.title",
              unit="chart.policies_unit", views=("map", "chart", "table"), params=_POLICY_PARAMS,
              description="Number of policy wins per province or regency.", page="/kebijakan"),
    ChartSpec("kebijakan-tabel", "table", "policies", "chart.policy_table.title", unit="chart.policies_unit",
              views=("table",), params=_POLICY_PARAMS, description="The searchable, sortable list of policy wins.", page="/kebijakan"),
    ChartSpec("perlindungan-skema", "bar", "enrolment_by_scheme", "chart.sp_scheme.title",
              params=("programme", "theme", "partner", "period", "scheme", "province"),
              fixed=(("indicator", "sp_enrolment"),), description="Enrolment by social-protection scheme.", page="/perlindungan-sosial"),
    ChartSpec("perlindungan-mitra", "bar", "enrolment_by_partner", "chart.sp_programme.title",
              params=("programme", "theme", "partner", "period", "scheme", "province"),
              fixed=(("indicator", "sp_enrolment"),), palette="okabe-ito",
              description="Enrolment by programme and partner.", page="/perlindungan-sosial"),
    ChartSpec("perlindungan-peta", "choropleth", "values_by_place", "chart.sp_map.title",
              views=("map", "chart", "table"),
              params=("programme", "theme", "partner", "period", "scheme", "level", "province"),
              fixed=(("indicator", "sp_enrolment"),), description="Enrolment by place.", page="/perlindungan-sosial"),
    ChartSpec("tema-indikator", "bar", "indicators_summary", "chart.theme_indicators.title", params=("theme", "period"),
              palette="okabe-ito", description="A thematic area's figures, per indicator and programme.", page="/tema/{theme}"),
    ChartSpec("mitra-ringkasan", "bar", "partners_overview", "chart.partners_overview.title", unit="col.n_places",
              params=("programme", "theme", "q"), palette="okabe-ito",
              description="Partners by the number of provinces and regencies they work in.", page="/mitra"),
    ChartSpec("mitra-capaian", "table", "partner_figures", "chart.partner_results.title", views=("table",),
              params=("partner",), description="Every figure stated for a partner.", page="/mitra/{partner}"),
    ChartSpec("mitra-peta", "choropleth", "values_by_place", "chart.partner_places.title",
              views=("map", "table"), params=("partner", "level", "province"), fixed=(("indicator", PRESENCE),),
              description="Where a partner works.", page="/mitra/{partner}"),
    ChartSpec("wilayah-angka", "table", "place_figures", "chart.place_indicators.title", views=("table",),
              params=("place", "period"), description="Every figure stated in or under a place.", page="/wilayah/{place}"),
    ChartSpec("tema-peta", "choropleth", "values_by_place", "chart.map.title", views=("map", "chart", "table"),
              params=("indicator", "theme", "period", "level", "province"),
              description="One indicator of a thematic area by place.", page="/tema/{theme}"),
    ChartSpec("tema-wilayah", "table", "theme_place_figures", "chart.theme_places.title", views=("table",),
              params=("theme", "period"), description="A thematic area's figures by place, at the level stated.",
              page="/tema/{theme}"),
    ChartSpec("beranda-angka", "kpi", "headline_kpis", "chart.headline.title", params=("period",),
              description="The headline figures: reach, groups, policy and enrolment, with the source's qualifiers.",
              page="/"),
)}


def get_spec(chart_id: str) -> ChartSpec:
    """The spec for ``chart_id``; ``KeyError`` if there is none."""
    return REGISTRY[chart_id]


# --- names -----------------------------------------------------------------------

@query.cached(maxsize=64)
def _names(snapshot: Any, table: str, key: str, lang: str) -> dict[str, str]:
    """id -> display name for one dimension table (built once per snapshot and language)."""
    df = snapshot.tables[table]
    out: dict[str, str] = {}
    for _, r in df.iterrows():
        k = str(r[key])
        if k not in out:
            out[k] = str(r["name"]) if "name" in df.columns else (col(r, "name", lang) or k)
    return out


def _lookup(snapshot: Any, table: str, key: str, value: str, lang: str, missing: str | None = None) -> str:
    """The display name of ``value``; an unknown id gives ``missing`` (default: the id itself)."""
    return _names(snapshot, table, key, lang).get(str(value), value if missing is None else missing)


def indicator_name(snapshot: Any, indicator_id: str, lang: str) -> str:
    if indicator_id == PRESENCE:
        return t("opt.presence", lang)
    row = query.indicator_row(snapshot, indicator_id)
    return col(row, "name", lang) if row else indicator_id


def indicator_unit(snapshot: Any, indicator_id: str, lang: str) -> str:
    if indicator_id == PRESENCE:
        return t("chart.presence.unit", lang)
    row = query.indicator_row(snapshot, indicator_id)
    return col(row, "unit", lang) if row else ""


def programme_name(snapshot: Any, pid: str, lang: str) -> str:
    return _lookup(snapshot, "programmes", "programme_id", pid, lang) if pid else ""


def partner_name(snapshot: Any, pid: str, lang: str, missing: str | None = None) -> str:
    return _lookup(snapshot, "partners", "partner_id", pid, lang, missing) if pid else ""


def theme_name(snapshot: Any, tid: str, lang: str, missing: str | None = None) -> str:
    return _lookup(snapshot, "themes", "theme_id", tid, lang, missing) if tid else ""


def scheme_name(snapshot: Any, sid: str, lang: str) -> str:
    return _lookup(snapshot, "schemes", "scheme_id", sid, lang) if sid else ""


@query.cached(maxsize=1024)
def short_source(snapshot: Any, source_ids: str, lang: str) -> str:
    """“Title” (year) of each source: for table cells and cards (full citations are on /data)."""
    src = snapshot.tables["sources"]
    out = []
    for sid in str(source_ids or "").split():
        hit = src[src["source_id"] == sid]
        if hit.empty:
            out.append(sid)
            continue
        r = hit.iloc[0]
        year = fmt_date(r["data_date"], lang, "year") if not pd.isna(r["data_date"]) else ""
        out.append(f"“{r['title']}”" + (f" ({year})" if year else ""))
    return "; ".join(out)


@query.cached(maxsize=1024)
def source_label(snapshot: Any, source_ids: str, lang: str) -> str:
    src = snapshot.tables["sources"]
    out = []
    for sid in str(source_ids or "").split():
        hit = src[src["source_id"] == sid]
        if hit.empty:
            out.append(sid)
            continue
        r = hit.iloc[0]
        year = fmt_date(r["data_date"], lang, "year") if not pd.isna(r["data_date"]) else ""
        out.append(f"{data_text(r['publisher'], lang)}, “{r['title']}”" + (f" ({year})" if year else ""))
    return "; ".join(out)


# --- titles -----------------------------------------------------------------------

def title(spec: ChartSpec, f: Filters, snapshot: Any, lang: str) -> str:
    """The chart's title; it names the indicator and level."""
    f = spec.filters(f)
    level = level_name(f.effective_level, lang).lower()
    key = spec.title
    if spec.id == "peta" and f.indicator == PRESENCE:
        key = "chart.presence.title"
    kw = dict(indicator=indicator_name(snapshot, f.indicator, lang), level=level,
              theme=theme_name(snapshot, f.theme, lang) if f.theme != ALL else t("opt.all", lang).lower(),
              partner=partner_name(snapshot, f.partner, lang) if f.partner != ALL else t("mitra.all", lang),
              place=geodata.name_of(f.place) if f.place else "")
    return t(key, lang, **kw)


def subtitle(spec: ChartSpec, f: Filters, snapshot: Any, lang: str) -> str:
    """The filters in words: 'programme MAMPU · area … · year 2017 · in Sulawesi Selatan'."""
    f = spec.filters(f)
    parts = []
    fixed = dict(spec.fixed)
    if "programme" in spec.params and f.programme != ALL:
        parts.append(t("chart.sub.programme", lang, v=programme_name(snapshot, f.programme, lang)))
    if "theme" in spec.params and f.theme != ALL:
        parts.append(t("chart.sub.theme", lang, v=theme_name(snapshot, f.theme, lang)))
    if "partner" in spec.params and f.partner != ALL and "partner" not in fixed:
        parts.append(t("chart.sub.partner", lang, v=partner_name(snapshot, f.partner, lang)))
    if "sex" in spec.params and f.sex != ALL:
        parts.append(t(f"sex.{f.sex}", lang))
    if "scheme" in spec.params and f.scheme != ALL:
        parts.append(t("chart.sub.scheme", lang, v=scheme_name(snapshot, f.scheme, lang)))
    if "policy_level" in spec.params and f.policy_level != ALL:
        parts.append(t("chart.sub.policy_level", lang, v=t(f"opt.level.{f.policy_level}", lang).lower()))
    if "instrument" in spec.params and f.instrument != ALL:
        parts.append(t("chart.sub.instrument", lang, v=f.instrument.upper()))
    if "q" in spec.params and f.q:
        parts.append(t("chart.sub.q", lang, v=f.q))
    if "province" in spec.params and f.province:
        parts.append(t("chart.sub.province", lang, v=geodata.name_of(f.province)))
    if "place" in spec.params and f.place and spec.query != "place_figures":
        parts.append(t("chart.sub.province", lang, v=geodata.name_of(f.place)))
    if not [p for p in parts if p]:
        # only the choices this chart has (a chart pinned to one area never says "all areas")
        alls = [d for d in ("programme", "theme", "partner")
                if d in spec.params and d not in fixed and getattr(f, d) == ALL]
        if len(alls) == 3:
            parts.append(t("chart.filters_all", lang))
        else:
            parts += [t(f"chart.all.{d}", lang) for d in alls]
    if "period" in spec.params:
        parts.append(t("chart.period_all", lang) if f.period == ALL else t("chart.period_year", lang, v=f.period,
                                                                             year=f.period))
    return " · ".join(p for p in parts if p)


def source_line(spec: ChartSpec, f: Filters, snapshot: Any, lang: str, frame: pd.DataFrame | None = None) -> str:
    frame = data_for(spec, f, snapshot, lang) if frame is None else frame
    found: set[str] = set()
    if "source_ids" in frame.columns:
        for v in frame["source_ids"].unique():  # a few distinct lists, however many rows
            if isinstance(v, str):
                found.update(v.split())
    ids = " ".join(sorted(found))
    sources = source_label(snapshot, ids, lang) if ids else t("chart.no_source", lang)
    return t("chart.source_line", lang, sources=sources, version=snapshot.version)


def card_texts(spec: ChartSpec, f: Filters, snapshot: Any, lang: str | None = None) -> dict[str, str]:
    """The card's words: title (stating the filters), subtitle, source line, data date, text alternative."""
    from components.figures import text_alternative
    lang = lang or f.lang
    frame = data_for(spec, f, snapshot, lang)
    return {
        "title": title(spec, f, snapshot, lang),
        "subtitle": subtitle(spec, f, snapshot, lang),
        "source": source_line(spec, f, snapshot, lang, frame),
        "data_date": data_date_line(snapshot, lang),
        "alt": text_alternative(spec, f, snapshot, lang, frame),
    }


def page_path(spec: ChartSpec, f: Filters) -> str:
    """The path of the page that shows ``spec`` for these filters."""
    f = spec.filters(f)
    slots = {"theme": f.theme, "partner": f.partner, "place": f.place}
    path = spec.page
    for k, v in slots.items():
        if "{" + k + "}" in path:
            if not v or v == ALL:
                return "/" + path.strip("/").split("/")[0]
            path = path.replace("{" + k + "}", v)
    return path


def data_date_line(snapshot: Any, lang: str) -> str:
    return t("card.data_date", lang, date=fmt_date(snapshot.data_date, lang), version=snapshot.version)


# --- canonical frames (what each chart draws) --------------------------------------

# Canonical columns: key (code/id), label, value, value_text, qualifier, series,
# x (for lines/timelines), source_ids, date_text, illustrative, suppressed, plus extras.


def _place_frame(df: pd.DataFrame, snapshot: Any, f: Filters, lang: str, unit: str) -> pd.DataFrame:
    out = pd.DataFrame({
        "key": df["code"].astype(str),
        "label": [geodata.name_of(c) for c in df["code"].astype(str)],
        "value": df["value"].astype(float),
        "qualifier": df["qualifier"].astype(str),
        "source_ids": df["source_ids"].astype(str),
        "illustrative": df["illustrative"].astype(bool),
        "suppressed": df["suppressed"].astype(bool) if "suppressed" in df else False,
    })
    out["value_text"] = [
        t("qual.suppressed", lang, n=number(snapshot_threshold(), lang)) if s else qualified(v, q, lang, unit)
        for v, q, s in zip(out["value"], out["qualifier"], out["suppressed"])]
    if "period_end" in df:
        out["date_text"] = [fmt_date(d, lang, "month") for d in df["period_end"]]
    else:
        out["date_text"] = fmt_date(snapshot.data_date, lang)
    for extra in ("programme_ids", "partner_ids", "communities"):
        if extra in df:
            out[extra] = df[extra].astype(str).values
    if "programme_ids" in out:
        out["programmes"] = [", ".join(programme_name(snapshot, p, lang) for p in s.split()) for s in
                             out["programme_ids"]]
        out["partners"] = [", ".join(partner_name(snapshot, p, lang) for p in s.split()) for s in out["partner_ids"]]
    out["source"] = [short_source(snapshot, s, lang) for s in out["source_ids"]]
    return out.sort_values(["value", "label"], ascending=[False, True]).reset_index(drop=True)


def snapshot_threshold() -> int:
    from data.settings import get_settings
    return get_settings().suppress_threshold


def _values_by_place(spec, f, snapshot, lang):
    df = query.values_by_place(snapshot, f)
    unit = indicator_unit(snapshot, f.indicator, lang)
    return _place_frame(df, snapshot, f, lang, "%" if unit == "%" else "")


def _policies_by_place(spec, f, snapshot, lang):
    return _place_frame(query.policies_by_place(snapshot, f), snapshot, f, lang, "")


def _time_series(spec, f, snapshot, lang):
    df = query.time_series(snapshot, f)
    return pd.DataFrame({
        "key": [f"{p}-{d}" for p, d in zip(df["programme_id"], df["period_end"])],
        "series": [programme_name(snapshot, p, lang) for p in df["programme_id"]],
        "x": pd.to_datetime(df["period_end"]),
        "label": [fmt_date(d, lang, "month") for d in df["period_end"]],
        "value": df["value"].astype(float),
        "qualifier": df["qualifier"].astype(str),
        "value_text": [qualified(v, q, lang) for v, q in zip(df["value"], df["qualifier"])],
        "source_ids": df["source_ids"].astype(str),
        "illustrative": df["illustrative"].astype(bool),
    })


def _series_label(snapshot, r, lang) -> str:
    bits = [programme_name(snapshot, r["programme_id"], lang)]
    if not pd.isna(r.get("theme_id")) and r.get("theme_id"):
        bits.append(theme_name(snapshot, r["theme_id"], lang))
    if not pd.isna(r.get("partner_id")) and r.get("partner_id"):
        bits.append(partner_name(snapshot, r["partner_id"], lang))
    if r.get("sex") in ("female", "male"):
        bits.append(t(f"sex.{r['sex']}", lang))
    if not pd.isna(r.get("scheme_id")) and r.get("scheme_id"):
        bits.append(scheme_name(snapshot, r["scheme_id"], lang))
    return " · ".join(b for b in bits if b)


def _kpis(spec, f, snapshot, lang):
    df = query.headline_kpis(snapshot, f) if spec.query == "headline_kpis" else query.kpis(snapshot, f)
    rows = []
    for _, r in df.iterrows():
        unit = col(r, "unit", lang)
        rows.append(dict(
            key=str(r["observation_id"]), label=col(r, "name", lang), series=_series_label(snapshot, r, lang),
            value=float(r["value"]) if not pd.isna(r["value"]) else float("nan"), qualifier=str(r["qualifier"]),
            value_text=qualified(r["value"], r["qualifier"], lang, "%" if unit == "%" else ""),
            unit=unit, indicator_id=str(r["indicator_id"]), source_ids=str(r["source_id"]),
            citation=str(r["citation"]), date_text=fmt_date(r["period_end"], lang, "month"),
            illustrative=bool(r["illustrative"]), suppressed=bool(r.get("suppressed", False))))
    return pd.DataFrame(rows, columns=["key", "label", "series", "value", "qualifier", "value_text", "unit",
                                       "indicator_id", "source_ids", "citation", "date_text", "illustrative",
                                       "suppressed"])


def _policies(spec, f, snapshot, lang):
    df = query.policies(snapshot, f)
    return pd.DataFrame({
        "key": df["policy_id"].astype(str),
        "x": pd.to_datetime(df["date"]),
        "date_text": [fmt_date(d, lang, p) for d, p in zip(df["date"], df["date_precision"])],
        "label": [col(r, "title", lang) for _, r in df.iterrows()],
        "level": df["level"].astype(str),
        "level_text": [t(f"opt.level.{lv}", lang) for lv in df["level"]],
        "place": [str(n) if not pd.isna(n) else (geodata.name_of(str(c)) if not pd.isna(c) else "")
                  for n, c in zip(df["place_name"], df["place_code"])],
        "place_code": df["place_code"].astype("string").fillna("").astype(str),
        "instrument": df["instrument"].astype(str),
        "stage": [t(f"stage.{s}", lang) for s in df["stage"]],
        "programme": [programme_name(snapshot, p, lang) for p in df["programme_id"]],
        "partners": [", ".join(partner_name(snapshot, p, lang) for p in str(x).split()) if not pd.isna(x) else ""
                     for x in df["partner_ids"]],
        "source": [short_source(snapshot, s, lang) for s in df["source_id"]],
        "source_ids": df["source_id"].astype(str),
        "citation": df["citation"].astype(str),
        "url": [str(u) if not pd.isna(u) else "" for u in df["url"]],
        "source_url": [_source_url(snapshot, s) for s in df["source_id"]],
        "illustrative": df["illustrative"].astype(bool),
        "value": 1.0,
    })


def _source_url(snapshot: Any, sid: str) -> str:
    src = snapshot.tables["sources"]
    hit = src[src["source_id"] == sid]
    if hit.empty or pd.isna(hit.iloc[0]["url"]):
        return ""
    return str(hit.iloc[0]["url"])


def source_anchor(source_id: str) -> str:
    """The id of a source's citation on /data (``/data#src-<source_id>``)."""
    return f"src-{source_id}"


def citation_href(source_id: str, lang: str, v: str = "") -> str:
    """The source's full citation on /data, keeping the language (and a pinned version)."""
    from components.urls import page_url
    return page_url("/data", Filters(lang=lang, v=v)) + "#" + source_anchor(str(source_id).split()[0]
                                                                          if str(source_id).split() else "")


def policy_href(row: Any, f: Filters) -> str:
    """Where a policy win's "source" link goes: its own URL, its source's URL, else the source's
    citation on /data (most transcribed sources have no URL)."""
    return row["url"] or row["source_url"] or citation_href(row["source_ids"], f.lang, f.v)


def _enrolment_by_scheme(spec, f, snapshot, lang):
    df = query.enrolment_by_scheme(snapshot, f)
    return pd.DataFrame({
        "key": [f"{s}-{p}" for s, p in zip(df["scheme_id"], df["programme_id"])],
        "label": [col(r, "name", lang) or r["scheme_id"] for _, r in df.iterrows()],
        "series": [programme_name(snapshot, p, lang) for p in df["programme_id"]],
        "value": df["value"].astype(float),
        "qualifier": df["qualifier"].astype(str),
        "value_text": [qualified(v, q, lang) for v, q in zip(df["value"], df["qualifier"])],
        "source_ids": df["source_ids"].astype(str),
        "date_text": [fmt_date(d, lang, "month") for d in df["period_end"]],
        "illustrative": df["illustrative"].astype(bool),
    })


def _enrolment_by_partner(spec, f, snapshot, lang):
    df = query.enrolment_by_partner(snapshot, f)
    return pd.DataFrame({
        "key": [f"{p}-{q}" for p, q in zip(df["programme_id"], df["partner_id"])],
        "label": [partner_name(snapshot, q, lang) if q else programme_name(snapshot, p, lang)
                  for p, q in zip(df["programme_id"], df["partner_id"].fillna(""))],
        "series": [programme_name(snapshot, p, lang) for p in df["programme_id"]],
        "value": df["value"].astype(float),
        "qualifier": df["qualifier"].astype(str),
        "value_text": [qualified(v, q, lang) for v, q in zip(df["value"], df["qualifier"])],
        "source_ids": df["source_ids"].astype(str),
        "date_text": [fmt_date(d, lang, "month") for d in df["period_end"]],
        "illustrative": df["illustrative"].astype(bool),
    })


def _indicators_summary(spec, f, snapshot, lang):
    df = query.indicators_summary(snapshot, f)
    return pd.DataFrame({
        "key": [f"{i}-{p}" for i, p in zip(df["indicator_id"], df["programme_id"])],
        "label": [col(r, "name", lang) for _, r in df.iterrows()],
        "series": [programme_name(snapshot, p, lang) for p in df["programme_id"]],
        "unit": [col(r, "unit", lang) for _, r in df.iterrows()],
        "value": df["value"].astype(float),
        "qualifier": df["qualifier"].astype(str),
        "value_text": [qualified(v, q, lang, "%" if col(r, "unit", lang) == "%" else "")
                       for (v, q), (_, r) in zip(zip(df["value"], df["qualifier"]), df.iterrows())],
        "source_ids": df["source_ids"].astype(str),
        "date_text": [fmt_date(d, lang, "month") for d in df["period_end"]],
        "illustrative": df["illustrative"].astype(bool),
    })


def _partners_overview(spec, f, snapshot, lang):
    df = query.partners_overview(snapshot, f)
    return pd.DataFrame({
        "key": df["partner_id"].astype(str),
        "label": df["name"].astype(str),
        "series": [programme_name(snapshot, p, lang) for p in df["programme_id"]],
        "value": df["n_regencies"].astype(float),
        "value2": df["n_provinces"].astype(float),
        "qualifier": "exact",
        "value_text": [number(v, lang) for v in df["n_regencies"]],
        "initiatives": df["initiatives"].astype(str),
        "themes": [", ".join(theme_name(snapshot, x, lang) for x in s.split()) for s in df["themes"]],
        "source_ids": "",
        "illustrative": False,
    })


def _observation_rows(df: pd.DataFrame, snapshot: Any, lang: str) -> pd.DataFrame:
    ind = snapshot.tables["indicators"]
    names = {r["indicator_id"]: col(r, "name", lang) for _, r in ind.iterrows()}
    units = {r["indicator_id"]: col(r, "unit", lang) for _, r in ind.iterrows()}
    return pd.DataFrame({
        "key": df["observation_id"].astype(str),
        "label": [names.get(i, i) for i in df["indicator_id"]],
        "series": [_series_label(snapshot, r, lang) for _, r in df.iterrows()],
        "place": [str(n) if not pd.isna(n) else (geodata.name_of(str(c)) if not pd.isna(c) else
                                                  t("opt.level.national", lang))
                  for n, c in zip(df["place_name"], df["place_code"])],
        "value": df["value"].astype(float),
        "qualifier": df["qualifier"].astype(str),
        "value_text": [t("qual.suppressed", lang, n=snapshot_threshold()) if s else
                       qualified(v, q, lang, "%" if units.get(i) == "%" else "")
                       for v, q, s, i in zip(df["value"], df["qualifier"], df["suppressed"], df["indicator_id"])],
        "date_text": [fmt_date(d, lang, "month") for d in df["period_end"]],
        "source_ids": df["source_id"].astype(str),
        "citation": df["citation"].astype(str),
        "illustrative": df["illustrative"].astype(bool),
        "suppressed": df["suppressed"].astype(bool),
    })


def _partner_figures(spec, f, snapshot, lang):
    prof = query.partner_profile(snapshot, f.partner) if f.partner != ALL else {}
    if not prof:
        return _observation_rows(query.suppress(snapshot.tables["observations"].iloc[0:0].assign(
            suppressed=False)), snapshot, lang)
    return _observation_rows(prof["figures"], snapshot, lang)


def _place_figures(spec, f, snapshot, lang):
    if not f.place:
        return _observation_rows(snapshot.tables["observations"].iloc[0:0].assign(suppressed=False), snapshot, lang)
    prof = query.place_profile(snapshot, f.place, f.period)
    return _observation_rows(prof["observations"], snapshot, lang)


def _theme_place_figures(spec, f, snapshot, lang):
    df = query.theme_place_figures(snapshot, f)
    units = {i: indicator_unit(snapshot, i, lang) for i in set(df["indicator_id"])}
    codes = df["code"].astype(str).tolist()
    return pd.DataFrame({
        "key": codes,
        "indicator_id": df["indicator_id"].astype(str).tolist(),
        "series": [indicator_name(snapshot, i, lang) for i in df["indicator_id"]],
        "label": [geodata.name_of(c) or c for c in codes],
        "level_text": [level_name(lv, lang) for lv in df["place_level"]],
        "value": df["value"].astype(float).tolist(),
        "qualifier": df["qualifier"].astype(str).tolist(),
        "value_text": [t("qual.suppressed", lang, n=number(snapshot_threshold(), lang)) if bool(sp) else
                       qualified(v, q, lang, "%" if units.get(i) == "%" else "")
                       for v, q, sp, i in zip(df["value"], df["qualifier"], df["suppressed"], df["indicator_id"])],
        "source_ids": df["source_ids"].astype(str).tolist(),
        "source": [short_source(snapshot, s_, lang) for s_ in df["source_ids"]],
        "date_text": [fmt_date(d, lang, "month") for d in df["period_end"]],
        "illustrative": df["illustrative"].astype(bool).tolist(),
        "suppressed": df["suppressed"].astype(bool).tolist(),
    }, columns=["key", "indicator_id", "series", "label", "level_text", "value", "qualifier", "value_text",
                "source_ids", "source", "date_text", "illustrative", "suppressed"])


ADAPTERS: dict[str, Callable[..., pd.DataFrame]] = {
    "values_by_place": _values_by_place,
    "policies_by_place": _policies_by_place,
    "time_series": _time_series,
    "kpis": _kpis,
    "policies": _policies,
    "enrolment_by_scheme": _enrolment_by_scheme,
    "enrolment_by_partner": _enrolment_by_partner,
    "indicators_summary": _indicators_summary,
    "partners_overview": _partners_overview,
    "partner_figures": _partner_figures,
    "place_figures": _place_figures,
    "theme_place_figures": _theme_place_figures,
    "headline_kpis": _kpis,
}


def data_for(spec: ChartSpec, f: Filters, snapshot: Any, lang: str | None = None) -> pd.DataFrame:
    """The canonical frame a chart draws; cached by (snapshot key, spec, the spec's Filters, lang)."""
    lang = lang or f.lang
    return _data_for(snapshot, spec, spec.filters(f), lang)


@query.cached(maxsize=512)
def _data_for(snapshot: Any, spec: ChartSpec, f: Filters, lang: str) -> pd.DataFrame:
    return ADAPTERS[spec.query](spec, f, snapshot, lang)


# Visible table columns per query: (canonical column, catalog key of the header).
TABLE_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "values_by_place": (("key", "col.code"), ("label", "col.place"), ("value", "col.value"),
                        ("value_text", "col.value_text"), ("source", "col.source"), ("date_text", "col.period")),
    "policies_by_place": (("key", "col.code"), ("label", "col.place"), ("value", "col.count"),
                          ("source", "col.source"), ("date_text", "col.date")),
    "time_series": (("series", "col.programme"), ("label", "col.period"), ("value", "col.value"),
                    ("value_text", "col.value_text"), ("source_ids", "col.source")),
    "kpis": (("label", "col.indicator"), ("series", "col.series"), ("value", "col.value"),
             ("value_text", "col.value_text"), ("unit", "col.unit"), ("date_text", "col.period"),
             ("citation", "col.citation"), ("source_ids", "col.source")),
    "policies": (("date_text", "col.date"), ("label", "col.title"), ("level_text", "col.level"),
                 ("place", "col.place"), ("instrument", "col.instrument"), ("stage", "col.stage"),
                 ("partners", "col.partners"), ("source", "col.source"), ("citation", "col.citation")),
    "enrolment_by_scheme": (("label", "col.scheme"), ("series", "col.programme"), ("value", "col.value"),
                            ("value_text", "col.value_text"), ("date_text", "col.period"),
                            ("source_ids", "col.source")),
    "enrolment_by_partner": (("label", "col.partner"), ("series", "col.programme"), ("value", "col.value"),
                             ("value_text", "col.value_text"), ("date_text", "col.period"),
                             ("source_ids", "col.source")),
    "indicators_summary": (("label", "col.indicator"), ("series", "col.programme"), ("value", "col.value"),
                           ("value_text", "col.value_text"), ("unit", "col.unit"), ("date_text", "col.period"),
                           ("source_ids", "col.source")),
    "partners_overview": (("label", "col.partner"), ("series", "col.programme"), ("value", "col.n_places"),
                          ("themes", "col.theme"), ("initiatives", "col.initiatives")),
    "partner_figures": (("label", "col.indicator"), ("series", "col.series"), ("place", "col.place"),
                        ("value", "col.value"), ("value_text", "col.value_text"), ("date_text", "col.period"),
                        ("citation", "col.citation"), ("source_ids", "col.source")),
    "place_figures": (("label", "col.indicator"), ("series", "col.series"), ("place", "col.place"),
                      ("value", "col.value"), ("value_text", "col.value_text"), ("date_text", "col.period"),
                      ("citation", "col.citation"), ("source_ids", "col.source")),
    "theme_place_figures": (("series", "col.indicator"), ("level_text", "col.level"), ("key", "col.code"),
                            ("label", "col.place"), ("value", "col.value"), ("value_text", "col.value_text"),
                            ("date_text", "col.period"), ("source", "col.source")),
}
TABLE_COLUMNS["headline_kpis"] = TABLE_COLUMNS["kpis"]


def table_for(spec: ChartSpec, f: Filters, snapshot: Any, lang: str | None = None,
              frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Exactly what the chart shows, with headers in ``lang``.

    Used by the card's table tab and by the CSV/XLSX downloads. Numbers stay
    numbers (the ``value`` column); the qualifier is spelled out beside it.
    Illustrative rows get an extra column saying so.
    """
    lang = lang or f.lang
    frame = data_for(spec, f, snapshot, lang) if frame is None else frame
    cols = TABLE_COLUMNS[spec.query]
    out = pd.DataFrame({t(key, lang): frame[c] if c in frame else pd.Series(dtype=object) for c, key in cols})
    if len(frame) and "illustrative" in frame and bool(frame["illustrative"].any()):
        out[t("col.illustrative", lang)] = frame["illustrative"].map(
            lambda b: t("card.illustrative", lang) if b else "").values
    return out.reset_index(drop=True)

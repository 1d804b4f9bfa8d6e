"""/data: sources with full citations, methodology and indicator definitions, credits and licences,
snapshot version and date, downloads."""

from __future__ import annotations

import dash
import pandas as pd
from dash import html

from components import geodata, shell, state
from components.chart_card import render_table
from components.i18n import col, data_text, date as fmt_date, number, t
from components.specs import source_anchor
from data import schema
from data.settings import get_settings

PATH = "/data"


def _passages(snap, source_id: str) -> tuple[int, int, list[str]]:
    """(figures, policy wins, distinct passages) quoted from one source."""
    obs = snap.tables["observations"]
    pol = snap.tables["policies"]
    obs = obs[obs["source_id"] == source_id]
    pol = pol[pol["source_id"] == source_id]
    seen: dict[str, None] = {}
    for c in list(obs["citation"]) + list(pol["citation"]):
        if isinstance(c, str) and c.strip():
            seen.setdefault(" ".join(c.split()), None)
    return len(obs), len(pol), list(seen)


def source_citation(r, snap, lang: str) -> html.Li:
    """One source as a full, readable citation; the file it was transcribed from is a detail.

    The entry's id (``src-<source_id>``) is where figures and policy wins link when their source has
    no URL of its own.
    """
    url = r["url"] if isinstance(r["url"], str) and r["url"] else ""
    parts: list = [html.Strong(f"“{r['title']}”"), ". ", data_text(r["publisher"], lang), ". "]
    parts.append(t("data.cite_date", lang, date=fmt_date(r["data_date"], lang, "month"))
                 if not pd.isna(r["data_date"]) else t("data.cite_no_date", lang))
    parts.append(" ")
    parts += [html.A(url, href=url, rel="noopener"), ". "] if url else [t("data.cite_no_url", lang), " "]
    if not pd.isna(r["accessed_date"]):
        parts += [t("data.cite_accessed", lang, date=fmt_date(r["accessed_date"], lang)), " "]
    language = r.get("language")
    if isinstance(language, str) and language in ("id", "en"):
        parts += [t("data.cite_language", lang, v=t(f"language.{language}", lang)), " "]
    parts.append(t("data.cite_licence", lang, v=data_text(r["licence"], lang)))
    n_obs, n_pol, passages = _passages(snap, r["source_id"])
    detail: list = []
    if isinstance(r["file"], str) and r["file"]:
        sha = r.get("sha256")
        detail.append(html.P([t("data.cite_file", lang, file=r["file"])]
                             + ([" · ", t("data.cite_sha", lang, sha=sha)] if isinstance(sha, str) and sha else [])))
    note = col(r, "note", lang)  # e.g. what the date accessed means (schema 1.2)
    if note:
        detail.append(html.P(note, className="source-note"))
    detail.append(html.P(t("data.cite_used", lang, n_obs=number(n_obs, lang), n_pol=number(n_pol, lang))))
    if passages:
        detail.append(html.Ul([html.Li(f"“{x}”") for x in passages], className="passages"))
    parts.append(html.Details(className="source-detail", children=[
        html.Summary(t("data.cite_details", lang, n=number(len(passages), lang))), *detail]))
    return html.Li(parts, id=source_anchor(r["source_id"]), className="source-citation")


def sources_table(snap, lang: str):
    src = snap.tables["sources"]
    return html.Ol([source_citation(r, snap, lang) for _, r in src.iterrows()], className="inline-list sources")


def indicators_table(snap, lang: str):
    ind = snap.tables["indicators"].sort_values("sort_order")
    df = pd.DataFrame({
        t("col.indicator", lang): [col(r, "name", lang) for _, r in ind.iterrows()],
        t("col.definition", lang): [col(r, "definition", lang) for _, r in ind.iterrows()],
        t("col.unit", lang): [col(r, "unit", lang) for _, r in ind.iterrows()],
        t("col.aggregation", lang): [t(f"agg.{a}", lang) for a in ind["aggregation"]],
        t("col.category", lang): [t(f"cat.{c}", lang) for c in ind["category"]],
        "id": ind["indicator_id"].tolist(),
    })
    extra = pd.DataFrame({df.columns[0]: [t("opt.presence", lang)], df.columns[1]: [t("chart.presence.def", lang)],
                          df.columns[2]: [t("chart.presence.unit", lang)], df.columns[3]: [t("agg.distinct", lang)],
                          df.columns[4]: [t("cat.reach", lang)], "id": ["presence"]})
    return render_table(pd.concat([df, extra], ignore_index=True), t("data.indicators", lang), lang)


def layout(**query_args):
    st = state.from_query(query_args)
    f = st.filters
    lang = f.lang
    if st.snapshot is None:
        return shell.no_data_page(PATH, f, t("data.h1", lang))
    snap = st.snapshot
    versions = state.versions()
    version_items = [html.Li(f"{m['version']} · {fmt_date(m.get('created_at', '')[:10], lang)}"
                             + (f" · {t('data.live', lang)}" if m["version"] == snap.version else "")
                             + (f" · {t('card.illustrative', lang)}" if m.get("illustrative") else ""))
                     for m in reversed(versions)]
    credits = [html.Li(line) for line in geodata.credits(lang)]
    credits += [html.Li(t("data.credit_programme", lang)), html.Li(t("data.credit_app", lang))]
    content = [
        html.H1(t("data.h1", lang)),
        html.Section(className="section", **{"aria-labelledby": "snap-h"}, children=[
            html.H2(t("data.snapshot", lang), id="snap-h"),
            html.P(t("data.snapshot_text", lang, version=snap.version, created=fmt_date(snap.created_at[:10], lang),
                     date=fmt_date(snap.data_date, lang), schema=schema.SCHEMA_VERSION)),
            html.H3(t("data.versions", lang)),
            html.Ul(version_items, className="inline-list"),
        ]),
        html.Section(className="section", **{"aria-labelledby": "dl-h"}, children=[
            html.H2(t("data.downloads", lang), id="dl-h"),
            html.P(html.A(t("data.download_all", lang), href=f"/download/snapshot.zip?v={snap.version}"
                          + ("&lang=en" if lang == "en" else ""), download="")),
            html.P(t("data.download_chart", lang)),
        ]),
        html.Section(className="section", **{"aria-labelledby": "src-h"}, children=[
            html.H2(t("data.sources", lang), id="src-h"),
            sources_table(snap, lang),
        ]),
        html.Section(className="section", **{"aria-labelledby": "meth-h"}, children=[
            html.H2(t("data.methodology", lang), id="meth-h"),
            html.P(t("data.method_text", lang, n=get_settings().suppress_threshold)),
            indicators_table(snap, lang),
        ]),
        html.Section(className="section", **{"aria-labelledby": "cred-h"}, children=[
            html.H2(t("data.credits", lang), id="cred-h"),
            html.Ul(credits, className="inline-list"),
        ]),
    ]
    return shell.page(content, path=PATH, f=f, snapshot=snap, notices=st.notices)


dash.register_page(__name__, path=PATH, title="Data — Peta Inklusi", name="Data", nav_key="page.data", nav_order=8,
                   layout=layout, description=t("meta.data", "id"))

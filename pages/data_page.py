"""/data: sources with full citations, methodology and indicator definitions, credits and licences,
snapshot version and date, downloads."""

from __future__ import annotations

import dash
import pandas as pd
from dash import html

from components import geodata, shell, state
from components.chart_card import render_table
from components.i18n import col, date as fmt_date, t
from data import schema
from data.settings import get_settings

PATH = "/data"


def sources_table(snap, lang: str):
    src = snap.tables["sources"]
    rows = []
    for _, r in src.iterrows():
        url = r["url"] if isinstance(r["url"], str) else ""
        rows.append(html.Li([
            html.Strong(r["title"]), f". {r['publisher']}",
            f" ({fmt_date(r['data_date'], lang, 'month')})" if not pd.isna(r["data_date"]) else "", ". ",
            html.A(url, href=url, rel="noopener") if url else None, " ",
            f"{t('col.accessed', lang)} {fmt_date(r['accessed_date'], lang)}. " if not pd.isna(r["accessed_date"])
            else "",
            f"{t('col.licence', lang)}: {r['licence']}. ",
            f"{t('col.file', lang)}: {r['file']}" if isinstance(r["file"], str) else "",
        ]))
    return html.Ol(rows, className="inline-list")


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
                   layout=layout,
                   description="Sumber, metodologi, definisi indikator, lisensi dan unduhan data Peta Inklusi.")

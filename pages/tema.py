"""/tema/<slug>: one thematic area: what it is, partners and initiatives, indicators over time and by place,
policy wins."""

from __future__ import annotations

import dash
from dash import dcc, html

from components import prerender, shell, state
from components.blocks import partner_links, policy_list
from components.chart_card import chart_card
from components.i18n import col, t
from components.specs import programme_name
from components.urls import lang_url
from data.filters import PRESENCE


def _theme_indicator(snap, slug: str) -> str:
    """The theme's indicator with the most figures over time (for its trend chart)."""
    obs = snap.tables["observations"]
    obs = obs[obs["theme_id"] == slug]
    if obs.empty:
        return "villages_reached"
    counts = obs.groupby("indicator_id")["period_end"].nunique().sort_values(ascending=False)
    return str(counts.index[0])


def layout(slug: str = "", **query_args):
    st = state.from_query(query_args)
    f = st.filters
    lang = f.lang
    path = f"/tema/{slug}"
    if st.snapshot is None:
        return shell.no_data_page(path, f, t("tema.index_h1", lang))
    snap = st.snapshot
    themes = snap.tables["themes"]
    row = themes[themes["theme_id"] == slug]
    if row.empty:
        prerender.mark_not_found()
        links = [html.Li(dcc.Link(col(r, "name", lang), href=lang_url(f"/tema/{r['theme_id']}", lang)))
                 for _, r in themes.sort_values("sort_order").iterrows()]
        return shell.page([html.H1(t("tema.index_h1", lang)), html.P(t("tema.unknown", lang, slug=slug)),
                           html.Ul(links, className="inline-list")], path=path, f=f, snapshot=snap,
                          notices=st.notices)
    r = row.iloc[0]
    tf = f.replace(theme=slug, programme="all", partner="all")
    pt = snap.tables["partner_themes"]
    partner_ids = sorted(set(pt[pt["theme_id"] == slug]["partner_id"]))
    inits = snap.tables["initiatives"]
    inits = inits[inits["theme_id"] == slug]
    init_items = [html.Li([html.Strong(i["name"]), f" ({i['partner_id']}): ", col(i, "description", lang)])
                  for _, i in inits.iterrows()]
    content = [
        html.H1(t("tema.h1", lang, name=col(r, "name", lang))),
        html.Section(className="section", **{"aria-labelledby": "what-h"}, children=[
            html.H2(t("tema.what", lang), id="what-h"),
            html.P(col(r, "description", lang), className="lead"),
            html.P(t("tema.programme", lang, name=programme_name(snap, r["programme_id"], lang))),
        ]),
        html.Section(className="section", **{"aria-labelledby": "partners-h"}, children=[
            html.H2(t("tema.partners", lang), id="partners-h"),
            partner_links(snap, partner_ids, lang) if partner_ids else html.P(t("tema.no_partners", lang)),
            html.Ul(init_items, className="inline-list") if init_items else None,
        ]),
        html.Section(className="section", **{"aria-labelledby": "ind-h"}, children=[
            html.H2(t("tema.indicators", lang), id="ind-h"),
            chart_card("tema-indikator", tf, snap, heading="h3"),
            html.Div(className="grid-2", children=[
                chart_card("tren", tf.replace(indicator=_theme_indicator(snap, slug)), snap, heading="h3"),
                chart_card("peta", tf.replace(indicator=PRESENCE, level="province", province=""), snap,
                           heading="h3"),
            ]),
        ]),
        html.Section(className="section", **{"aria-labelledby": "pol-h"}, children=[
            html.H2(t("tema.policies", lang), id="pol-h"),
            policy_list(tf, snap, "tema.no_policies"),
        ]),
    ]
    return shell.page(content, path=path, f=f, snapshot=snap, notices=st.notices)


def title(slug: str = "", **_):
    return f"{slug} — Peta Inklusi"


dash.register_page(__name__, path_template="/tema/<slug>", path="/tema/perlindungan-sosial", title=title,
                   name="Tema", layout=layout,
                   description="Area tematik program inklusi sosial: mitra, inisiatif, indikator dan kebijakan.")

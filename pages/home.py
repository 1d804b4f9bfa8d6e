"""/ Beranda: headline figures, the national map, what the latest release changed, the themes."""

from __future__ import annotations

import dash
from dash import dcc, html

from components import shell, state
from components.blocks import kpi_cards, theme_links
from components.chart_card import chart_card
from components.geodata import name_of
from components.i18n import number, qualified, t
from components.specs import indicator_name, indicator_unit, partner_name, programme_name
from components.urls import lang_url
from data import query
from data.filters import Filters

PATH = "/"


def changes_block(snap, lang: str) -> list:
    """The latest release compared with the one before (data.diff, as `peta-inklusi diff` prints it)."""
    prev = query.previous_version(snap)
    old = state.load(prev) if prev else None
    if old is None:
        return [html.P(t("home.changes_none", lang))]
    ch = query.release_changes(snap, old)
    tables = ch["tables"]
    changes = ch["changes"]
    if changes.empty and not any(sum(v.values()) for v in tables.values()):
        return [html.P(t("home.changes_same", lang, old=prev))]
    items = []
    for _, r in changes.head(8).iterrows():
        place = r["place_name"] or (name_of(r["place_code"]) if r["place_code"] else t("opt.level.national", lang))
        what = " · ".join(x for x in (indicator_name(snap, r["indicator_id"], lang),
                                      programme_name(snap, r["programme_id"], lang),
                                      partner_name(snap, r["partner_id"], lang) if r["partner_id"] else "",
                                      place) if x)
        unit = "%" if indicator_unit(snap, r["indicator_id"], lang) == "%" else ""
        items.append(html.Li([html.Strong(t(f"change.{r['change']}", lang)), f": {what}: ",
                              qualified(r["value_a"], r["qualifier_a"], lang, unit) if r["qualifier_a"] else "–",
                              " → ",
                              qualified(r["value_b"], r["qualifier_b"], lang, unit) if r["qualifier_b"] else "–"]))
    counts = [t("home.changes_table", lang, table=t(f"table.{name}", lang), added=number(v["added"], lang),
                removed=number(v["removed"], lang), changed=number(v["changed"], lang))
              for name, v in tables.items() if sum(v.values())]
    out = [html.P(t("home.changes_intro", lang, old=prev))]
    if items:
        out.append(html.Ul(items, className="inline-list"))
    if counts:
        out.append(html.P("; ".join(counts), className="map-note"))
    return out


def layout(**query_args):
    st = state.from_query(query_args)
    f = st.filters
    lang = f.lang
    if st.snapshot is None:
        return shell.no_data_page(PATH, f, t("home.h1", lang))
    snap = st.snapshot
    # The home map is always the national presence view; other filters belong to /peta.
    home_f = Filters(lang=lang, v=f.v, views=f.views)  # the cards keep their views (URL `views`)
    content = [
        html.H1(t("home.h1", lang)),
        html.P(t("home.intro", lang), className="lead"),
        html.Section(className="section", **{"aria-labelledby": "kpi-h"}, children=[
            html.H2(t("home.kpis", lang), id="kpi-h"),
            kpi_cards(home_f, snap, limit=0, heading_id="kpi-h", spec_id="beranda-angka"),
        ]),
        html.Section(className="section", **{"aria-labelledby": "map-h"}, children=[
            html.H2(t("home.map", lang), id="map-h", className="visually-hidden"),
            chart_card("peta", home_f, snap, heading="h3"),
            html.P(dcc.Link(t("home.more_map", lang), href=lang_url("/peta", lang))),
        ]),
        html.Section(className="section", **{"aria-labelledby": "changes-h"}, children=[
            html.H2(t("home.changes", lang), id="changes-h"),
            *changes_block(snap, lang),
        ]),
        html.Section(className="section", **{"aria-labelledby": "themes-h"}, children=[
            html.H2(t("home.themes", lang), id="themes-h"),
            theme_links(snap, lang),
        ]),
    ]
    return shell.page(content, path=PATH, f=f, snapshot=snap, notices=st.notices)


dash.register_page(__name__, path=PATH, title="Peta Inklusi", name="Beranda", nav_key="page.home", nav_order=1,
                   layout=layout, description=t("meta.home", "id"))

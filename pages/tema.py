"""/tema/<slug>: one thematic area: what it is, partners and initiatives, indicators over time and by place,
policy wins.

``indicator=`` chooses which of the area's indicators the trend and by-place charts show (a list of
links, so it works without JavaScript); the default is the one with the most releases.
"""

from __future__ import annotations

import dash
from dash import dcc, html

from components import prerender, shell, state
from components.blocks import partner_links, policy_list
from components.chart_card import chart_card
from components.i18n import col, t
from components.specs import data_for, get_spec, indicator_name, partner_name, programme_name, theme_name
from components.urls import lang_url, page_url
from data import query
from data.filters import PRESENCE, Notice


def theme_indicators(snap, slug: str) -> list[str]:
    """The area's indicators with any figure, in indicator order."""
    obs = snap.tables["observations"]
    present = set(obs.loc[obs["theme_id"] == slug, "indicator_id"].dropna().astype(str))
    ind = snap.tables["indicators"].sort_values("sort_order")
    return [str(i) for i in ind["indicator_id"] if str(i) in present]


def default_indicator(snap, slug: str, indicators: list[str]) -> str:
    """The indicator shown first: the most releases, then the headline indicators' order, then indicator order."""
    if not indicators:
        return ""
    obs = snap.tables["observations"]
    periods = obs[obs["theme_id"] == slug].groupby("indicator_id")["period_end"].nunique()
    head = {i: k for k, i in enumerate(query.HEADLINE_INDICATORS)}
    return min(indicators, key=lambda i: (-int(periods.get(i, 0)), head.get(i, len(head)), indicators.index(i)))


def indicator_selector(slug: str, f, snap, indicators: list[str], chosen: str, default: str) -> html.Nav:
    """Links that choose the indicator of the trend and by-place charts (``indicator=`` in the URL)."""
    lang = f.lang
    items = []
    for ind in indicators:
        name = indicator_name(snap, ind, lang)
        if ind == chosen:
            items.append(html.Li(html.Span(name, className="current", **{"aria-current": "true"})))
        else:
            # a full page load that lands back on the selector (works without JavaScript too)
            param = PRESENCE if ind == default else ind  # the default is not written into the URL
            items.append(html.Li(html.A(name, href=page_url(f"/tema/{slug}", f, indicator=param) + "#ind-choose")))
    return html.Nav(id="ind-choose", className="indicator-choice", **{"aria-label": t("tema.choose", lang)},
                    children=[html.H3(t("tema.choose", lang)), html.Ul(items, className="inline-list")])


def by_place(slug: str, tf, snap, chosen: str) -> list:
    """The chosen indicator on a map (when stated for places) and every figure of the area by place."""
    lang = tf.lang
    out: list = []
    if chosen:
        vf = tf.replace(indicator=chosen, level="province", province="")
        if query.values_by_place(snap, vf).empty and not query.values_by_place(snap, vf.replace(level="regency")).empty:
            vf = vf.replace(level="regency")
        if not query.values_by_place(snap, vf).empty:
            out.append(chart_card("tema-peta", vf, snap, heading="h3"))
    if len(data_for(get_spec("tema-wilayah"), tf, snap, lang)):
        out.append(chart_card("tema-wilayah", tf, snap, heading="h3"))
    else:
        out.append(html.P(t("tema.no_place_figures", lang), className="map-note", id="tema-no-place"))
    return out


def initiative_items(snap, inits, lang: str) -> list:
    items = []
    for _, i in inits.iterrows():
        who = []
        if isinstance(i["partner_id"], str) and i["partner_id"]:
            who = [" (", dcc.Link(partner_name(snap, i["partner_id"], lang),
                                  href=lang_url(f"/mitra/{i['partner_id']}", lang)), ")"]
        items.append(html.Li([html.Strong(i["name"]), *who, ": ", col(i, "description", lang)]))
    return items


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
    name = col(r, "name", lang)
    prerender.set_description(t("meta.tema_profile", lang, name=name))
    notices = list(st.notices)
    indicators = theme_indicators(snap, slug)
    default = default_indicator(snap, slug, indicators)
    chosen = f.indicator if f.indicator in indicators else default
    if f.indicator != PRESENCE and f.indicator not in indicators:
        notices.append(Notice("indicator", f.indicator, chosen, "unavailable"))
    # an unknown indicator falls back to this page's default, not to the map's "presence"
    notices = [Notice(n.param, n.value, chosen, n.reason) if n.param == "indicator" and n.reason == "invalid"
               else n for n in notices]
    # the page's own filters: the area; the chosen indicator only when it is not the default one
    f = f.replace(indicator=chosen if chosen != default else PRESENCE)
    tf = f.replace(theme=slug, programme="all", partner="all")
    pt = snap.tables["partner_themes"]
    partner_ids = sorted(set(pt[pt["theme_id"] == slug]["partner_id"]))
    inits = snap.tables["initiatives"]
    init_items = initiative_items(snap, inits[inits["theme_id"] == slug], lang)
    over_time = [chart_card("tren", tf.replace(indicator=chosen), snap, heading="h3")] if chosen else []
    content = [
        html.H1(t("tema.h1", lang, name=name)),
        html.Section(className="section", **{"aria-labelledby": "what-h"}, children=[
            html.H2(t("tema.what", lang), id="what-h"),
            html.P(col(r, "description", lang), className="lead"),
            html.P(t("tema.programme", lang, name=programme_name(snap, r["programme_id"], lang))),
        ]),
        html.Section(className="section", **{"aria-labelledby": "partners-h"}, children=[
            html.H2(t("tema.partners", lang), id="partners-h"),
            partner_links(snap, partner_ids, lang) if partner_ids else html.P(t("tema.no_partners", lang)),
            html.H3(t("tema.initiatives", lang)) if init_items else None,
            html.Ul(init_items, className="inline-list", id="tema-initiatives") if init_items else None,
            chart_card("peta", tf.replace(indicator=PRESENCE, level="province", province=""), snap, heading="h3"),
        ]),
        html.Section(className="section", **{"aria-labelledby": "ind-h"}, children=[
            html.H2(t("tema.indicators", lang), id="ind-h"),
            chart_card("tema-indikator", tf, snap, heading="h3"),
            indicator_selector(slug, f, snap, indicators, chosen, default) if indicators else None,
            *over_time,
            html.H3(t("tema.by_place", lang), id="place-h"),
            *by_place(slug, tf, snap, chosen),
        ]),
        html.Section(className="section", **{"aria-labelledby": "pol-h"}, children=[
            html.H2(t("tema.policies", lang), id="pol-h"),
            policy_list(tf, snap, "tema.no_policies"),
        ]),
    ]
    return shell.page(content, path=path, f=f, snapshot=snap, notices=notices)


def _theme_name(slug: str) -> str:
    snap = state.load("")
    return "" if snap is None else theme_name(snap, slug, "id", missing="")


def title(slug: str = "", **_):
    """The tab title Dash's router sets on navigation (assets/peta.js then follows the H1)."""
    name = _theme_name(slug)
    return (t("tema.h1", "id", name=name) if name else t("tema.index_h1", "id")) + " — Peta Inklusi"


def description(slug: str = "", **_):
    name = _theme_name(slug)
    return t("meta.tema_profile", "id", name=name) if name else t("meta.tema", "id")


dash.register_page(__name__, path_template="/tema/<slug>", path="/tema/perlindungan-sosial", title=title,
                   name="Tema", layout=layout, description=description)

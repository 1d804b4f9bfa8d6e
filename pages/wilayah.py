"""/wilayah/<code>: the profile of a province or regency, with links to its parent and children."""

from __future__ import annotations

import dash
from dash import dcc, html

from components import prerender, geodata, shell, state
from components.blocks import policy_list
from components.chart_card import chart_card
from components.i18n import t
from components.specs import partner_name, programme_name
from components.urls import lang_url
from data import query, schema


def presence_list(prof, snap, lang: str):
    pres = prof["presence"]
    if pres.empty:
        return html.P(t("wilayah.none_programmes", lang))
    items = []
    for _, r in pres.iterrows():
        who = [html.Strong(programme_name(snap, r["programme_id"], lang))]
        if r["partner_id"]:
            who += [" · ", dcc.Link(partner_name(snap, r["partner_id"], lang),
                                    href=lang_url(f"/mitra/{r['partner_id']}", lang))]
        if r["communities"]:
            who += [f" ({t('col.communities', lang)}: {r['communities']})"]
        items.append(html.Li(who))
    return html.Ul(items, className="inline-list")


def layout(code: str = "", **query_args):
    st = state.from_query(query_args)
    f = st.filters
    lang = f.lang
    path = f"/wilayah/{code}"
    if st.snapshot is None:
        return shell.no_data_page(path, f, t("wilayah.index_h1", lang))
    snap = st.snapshot
    level = schema.level_of_code(code)
    if level not in ("province", "regency") or not geodata.known(code):
        prerender.mark_not_found()
        return shell.page([html.H1(t("wilayah.index_h1", lang)), html.P(t("wilayah.unknown", lang, code=code)),
                           html.P(dcc.Link(t("wilayah.index_h1", lang), href=lang_url("/wilayah", lang)))],
                          path=path, f=f, snapshot=snap, notices=st.notices)
    name = geodata.name_of(code)
    prerender.set_description(t("meta.wilayah_profile", lang, name=name))
    prof = query.place_profile(snap, code, f.period)
    pf = f.replace(place=code)
    facts: list = [html.P([html.Strong(t(f"wilayah.kind.{level}", lang)), f" · {t('col.code', lang)} {code}"])]
    parent = geodata.parent_of(code) if level == "regency" else None
    if parent:
        facts.append(html.P([t("wilayah.parent", lang), ": ",
                             dcc.Link(geodata.name_of(parent), href=lang_url(f"/wilayah/{parent}", lang))]))
    map_q = f"?province={code[:2]}" + ("&lang=en" if lang == "en" else "")
    facts.append(html.P(dcc.Link(t("wilayah.on_map", lang), href=f"/peta{map_q}")))
    sections = [
        html.Section(className="section", **{"aria-labelledby": "who-h"}, children=[
            html.H2(t("wilayah.programmes", lang), id="who-h"),
            presence_list(prof, snap, lang),
        ]),
        html.Section(className="section", **{"aria-labelledby": "fig-h"}, children=[
            html.H2(t("wilayah.indicators", lang), id="fig-h"),
            chart_card("wilayah-angka", pf, snap, heading="h3") if len(prof["observations"])
            else html.P(t("wilayah.none_indicators", lang)),
        ]),
        html.Section(className="section", **{"aria-labelledby": "pol-h"}, children=[
            html.H2(t("wilayah.policies", lang), id="pol-h"),
            policy_list(f.replace(place=code), snap),
        ]),
    ]
    if level == "province":
        kids = geodata.children_of(code)
        sections.append(html.Section(className="section", **{"aria-labelledby": "kids-h"}, children=[
            html.H2(t("wilayah.children", lang), id="kids-h"),
            html.Ul(className="link-grid", children=[
                html.Li(dcc.Link(geodata.name_of(k), href=lang_url(f"/wilayah/{k}", lang))) for k in kids]),
        ]))
    content = [html.H1(t("wilayah.h1", lang, name=name)), *facts, *sections]
    return shell.page(content, path=path, f=f, snapshot=snap, notices=st.notices)


def title(code: str = "", **_):
    """The tab title Dash's router sets on navigation (assets/peta.js then follows the H1)."""
    name = geodata.name_of(code) if geodata.known(code) else None
    return f"{name or t('wilayah.index_h1', 'id')} — Peta Inklusi"


def description(code: str = "", **_):
    name = geodata.name_of(code) if geodata.known(code) else None
    return t("meta.wilayah_profile", "id", name=name) if name else t("meta.wilayah", "id")


dash.register_page(__name__, path_template="/wilayah/<code>", path="/wilayah/73", title=title, name="Wilayah",
                   layout=layout, description=description)

"""/mitra/<id>: one partner: its initiatives, themes, where it works, what it achieved, its policy wins."""

from __future__ import annotations

import dash
from dash import dcc, html

from components import prerender, shell, state
from components.blocks import definition_list, policy_list
from components.chart_card import chart_card
from components.i18n import col, t
from components.specs import partner_name, programme_name, theme_name
from components.urls import lang_url
from data import query


def layout(partner_id: str = "", **query_args):
    st = state.from_query(query_args)
    f = st.filters
    lang = f.lang
    path = f"/mitra/{partner_id}"
    if st.snapshot is None:
        return shell.no_data_page(path, f, t("mitra.h1", lang))
    snap = st.snapshot
    prof = query.partner_profile(snap, partner_id)
    if not prof:
        prerender.mark_not_found()
        return shell.page([html.H1(t("mitra.h1", lang)), html.P(t("mitra.unknown", lang, id=partner_id)),
                           html.P(dcc.Link(t("mitra.all", lang), href=lang_url("/mitra", lang)))],
                          path=path, f=f, snapshot=snap, notices=st.notices)
    p = prof["partner"]
    prerender.set_description(t("meta.mitra_profile", lang, name=p["name"]))
    pf = f.replace(partner=partner_id, programme="all", theme="all")
    website = p.get("url")
    facts = [
        (t("col.programme", lang), programme_name(snap, p["programme_id"], lang)),
        (t("mitra.themes", lang), [dcc.Link(theme_name(snap, th, lang), href=lang_url(f"/tema/{th}", lang),
                                            className="me-2") for th in prof["themes"]] or None),
        (t("mitra.website", lang), html.A(website, href=website, rel="noopener") if isinstance(website, str)
         and website else None),
    ]
    parent = p.get("parent_partner_id")
    if isinstance(parent, str) and parent:
        facts.append((t("col.partner", lang), dcc.Link(t("mitra.parent", lang, name=partner_name(snap, parent, lang)),
                                                       href=lang_url(f"/mitra/{parent}", lang))))
    inits = [html.Li([html.Strong(r["name"]), ": ", col(r, "description", lang), " ",
                      dcc.Link(f"({theme_name(snap, r['theme_id'], lang)})", href=lang_url(f"/tema/{r['theme_id']}",
                                                                                          lang))])
             for _, r in prof["initiatives"].iterrows()]
    content = [
        html.H1(t("mitra.profile_h1", lang, name=p["name"])),
        html.P(col(p, "description", lang), className="lead"),
        definition_list([(k, v) for k, v in facts if v]),
        html.Section(className="section", **{"aria-labelledby": "init-h"}, children=[
            html.H2(t("mitra.initiatives", lang), id="init-h"),
            html.Ul(inits, className="inline-list") if inits else html.P(t("card.empty", lang)),
        ]),
        html.Section(className="section", **{"aria-labelledby": "where-h"}, children=[
            html.H2(t("mitra.where", lang), id="where-h"),
            chart_card("mitra-peta", pf, snap, heading="h3"),
        ]),
        html.Section(className="section", **{"aria-labelledby": "res-h"}, children=[
            html.H2(t("mitra.results", lang), id="res-h"),
            chart_card("mitra-capaian", pf, snap, heading="h3"),
        ]),
        html.Section(className="section", **{"aria-labelledby": "pol-h"}, children=[
            html.H2(t("mitra.policies", lang), id="pol-h"),
            policy_list(pf, snap),
        ]),
    ]
    return shell.page(content, path=path, f=f, snapshot=snap, notices=st.notices)


def _name(partner_id: str) -> str:
    snap = state.load("")
    return "" if snap is None else partner_name(snap, partner_id, "id", missing="")


def title(partner_id: str = "", **_):
    """The tab title Dash's router sets on navigation (assets/peta.js then follows the H1)."""
    name = _name(partner_id)
    return t("mitra.profile_h1", "id", name=name) + " — Peta Inklusi" if name else "Mitra — Peta Inklusi"


def description(partner_id: str = "", **_):
    name = _name(partner_id)
    return t("meta.mitra_profile", "id", name=name) if name else t("meta.mitra", "id")


dash.register_page(__name__, path_template="/mitra/<partner_id>", path="/mitra/pekka", title=title,
                   name="Mitra", layout=layout, description=description)

"""/mitra: the partners, what they do and how widely they work."""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html

from components import controls, shell, state, url_state
from components.chart_card import card_outputs, card_states, card_values, chart_card
from components.i18n import t
from components.specs import programme_name
from components.urls import lang_url
from data import query

PAGE = "mitra"
PATH = "/mitra"
CONTROLS = ("programme", "theme", "q")


def partner_table(f, snap) -> html.Div:
    lang = f.lang
    df = query.partners_overview(snap, f)
    rows = [html.Tr([
        html.Td(dcc.Link(r["name"], href=lang_url(f"/mitra/{r['partner_id']}", lang))),
        html.Td(programme_name(snap, r["programme_id"], lang)),
        html.Td(r["initiatives"]),
        html.Td(str(r["n_provinces"]), className="num"),
        html.Td(str(r["n_regencies"]), className="num"),
    ]) for _, r in df.iterrows()]
    if not rows:
        rows = [html.Tr(html.Td(t("card.empty", lang), colSpan=5))]
    head = html.Thead(html.Tr([html.Th(t(k, lang), scope="col") for k in
                               ("col.partner", "col.programme", "col.initiatives", "opt.province", "opt.regency")]))
    return html.Div(className="table-wrap", tabIndex=0, role="region", **{"aria-label": t("mitra.h1", lang)},
                    children=html.Table([html.Caption(t("mitra.h1", lang)), head, html.Tbody(rows)],
                                        className="table"))


def layout(**query_args):
    st = state.from_query(query_args)
    f = st.filters
    lang = f.lang
    if st.snapshot is None:
        return shell.no_data_page(PATH, f, t("mitra.h1", lang))
    snap = st.snapshot
    panel = controls.filter_panel(lang, [
        controls.labelled_text(PAGE, "q", f.q, lang),
        controls.select(PAGE, "programme", f, snap, lang),
        controls.select(PAGE, "theme", f, snap, lang),
    ])
    content = [
        html.H1(t("mitra.h1", lang)),
        html.P(t("mitra.intro", lang), className="lead"),
        html.Div(className="layout-explorer", children=[
            panel,
            html.Div([
                html.Div(partner_table(f, snap), id="mitra-table"),
                chart_card("mitra-ringkasan", f, snap),
            ]),
        ]),
        *url_state.page_stores(PAGE, f),
    ]
    return shell.page(content, path=PATH, f=f, snapshot=snap, notices=st.notices)


dash.register_page(__name__, path=PATH, title="Mitra — Peta Inklusi", name="Mitra", nav_key="page.mitra",
                   nav_order=6, layout=layout, description=t("meta.mitra", "id"))


@dash.callback(
    [Output(controls.control_id(PAGE, n), "value") for n in CONTROLS]
    + [Output(controls.control_id(PAGE, "theme"), "options"), Output("mitra-table", "children")]
    + card_outputs("mitra-ringkasan")
    + [Output("mitra-query", "data"), url_state.query_output(), Output("notices", "children", allow_duplicate=True)],
    [Input(controls.control_id(PAGE, n), "value") for n in CONTROLS] + [url_state.pop_input(PAGE)],
    [State("mitra-query", "data")] + card_states("mitra-ringkasan"),
    prevent_initial_call=True,
)
def update(*args):
    """Programme, theme and search -> the partner table, the chart and the URL."""
    n = len(CONTROLS)
    values, pop, current = args[:n], args[n], args[n + 1]
    st = url_state.resolve(PAGE, PATH, CONTROLS, values, pop, current)
    f, snap = st.filters, st.snapshot
    return ([getattr(f, c) for c in CONTROLS]
            + [controls.options("theme", snap, f.lang, f), partner_table(f, snap)]
            + card_values("mitra-ringkasan", f, snap)
            + [f.query_string(), url_state.url_value(PAGE, f), shell.notices_children(st.notices, f.lang)])

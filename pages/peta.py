"""/peta: the map explorer (indicator, programme, theme, partner, period, level; drill-down)."""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, dcc, html

from components import controls, shell, state, url_state
from components.blocks import kpi_cards
from components.chart_card import card_outputs, card_values, chart_card, default_view
from components.geodata import name_of
from components.i18n import t
from components.specs import get_spec
from components.urls import lang_url
from data import query

PAGE = "peta"
PATH = "/peta"
CONTROLS = ("indicator", "programme", "theme", "partner", "period", "level", "province", "sex", "scheme", "tab")


def drill_children(f) -> list:
    lang = f.lang
    if not f.province:
        return [html.P(t("map.drill_hint", lang), className="map-note")]
    return [html.P([t("map.in_province", lang, name=name_of(f.province)), " · ",
                    dcc.Link(t("map.open_place", lang), href=lang_url(f"/wilayah/{f.province}", lang))])]


def national(f, snap) -> list:
    """National figures for the selection: most published figures are national totals."""
    lang = f.lang
    kf = f.replace(province="", level="province")
    out = [html.H2(t("peta.kpis", lang), id="peta-kpis-h")]
    if f.indicator != "presence" and query.values_by_place(snap, f).empty:
        out.append(html.P(t("map.national_note", lang), className="map-note"))
    out.append(kpi_cards(kf, snap, limit=9, heading_id="peta-kpis-h"))
    return out


def layout(**query_args):
    st = state.from_query(query_args)
    f = st.filters
    lang = f.lang
    if st.snapshot is None:
        return shell.no_data_page(PATH, f, t("peta.h1", lang))
    snap = st.snapshot
    panel = controls.filter_panel(lang, [
        controls.select(PAGE, "indicator", f, snap, lang),
        controls.radios(PAGE, "level", f, snap, lang),
        controls.select(PAGE, "province", f, snap, lang),
        controls.select(PAGE, "programme", f, snap, lang),
        controls.select(PAGE, "theme", f, snap, lang),
        controls.select(PAGE, "partner", f, snap, lang),
        controls.select(PAGE, "period", f, snap, lang),
        controls.select(PAGE, "sex", f, snap, lang),
        controls.select(PAGE, "scheme", f, snap, lang),
    ])
    drill = [
        html.Div(drill_children(f), id="peta-drill"),
        html.Button(t("map.back", lang), id="peta-up", n_clicks=0, hidden=not f.province,
                    className="btn btn-outline back-link", type="button"),
    ]
    content = [
        html.H1(t("peta.h1", lang)),
        html.P(t("peta.intro", lang), className="lead"),
        html.Div(className="layout-explorer", children=[
            panel,
            html.Div(children=[
                chart_card("peta", f, snap, primary_page=PAGE, extra_top=drill),
                html.Section(national(f, snap), id="peta-kpis", className="section"),
                chart_card("tren", f, snap),
            ]),
        ]),
        *url_state.page_stores(PAGE, f),
    ]
    return shell.page(content, path=PATH, f=f, snapshot=snap, notices=st.notices)


dash.register_page(__name__, path=PATH, title="Peta — Peta Inklusi", name="Peta", nav_key="page.peta",
                   nav_order=2, layout=layout,
                   description="Peta capaian dan wilayah kerja program MAMPU dan Peduli per provinsi dan kabupaten/kota.")


@dash.callback(
    [Output(controls.control_id(PAGE, n), "value") for n in CONTROLS]
    + [Output(controls.control_id(PAGE, "partner"), "options"), Output(controls.control_id(PAGE, "theme"), "options")]
    + card_outputs("peta") + card_outputs("tren")
    + [Output("peta-kpis", "children"), Output("peta-drill", "children"), Output("peta-up", "hidden"), Output("peta-query", "data"),
       url_state.query_output(), Output("notices", "children", allow_duplicate=True)],
    [Input(controls.control_id(PAGE, n), "value") for n in CONTROLS]
    + [Input({"type": "graph", "chart": ALL, "scope": PAGE}, "clickData"), Input("peta-up", "n_clicks"), url_state.pop_input(PAGE)],
    State("peta-query", "data"),
    prevent_initial_call=True,
)
def update(*args):
    """Controls / map click / back / Back-Forward -> Filters -> every view on the page + the URL."""
    n = len(CONTROLS)
    values, clicks, pop, current = args[:n], args[n], args[n + 2], args[n + 3]
    trig = dash.ctx.triggered_id
    st = url_state.resolve(PAGE, PATH, CONTROLS, values, pop, current,
                           force=isinstance(trig, dict) or trig == "peta-up")
    f = st.filters
    if isinstance(trig, dict) and trig.get("type") == "graph" and trig.get("chart") == "peta":
        points = next((c for c in clicks if c), None) or {}
        code = str((points.get("points") or [{}])[0].get("location") or "")
        if len(code) == 2 and not f.province:
            f = f.replace(province=code)
        else:
            raise dash.exceptions.PreventUpdate
    elif trig == "peta-up":
        f = f.replace(province="", level="province")
    snap = st.snapshot
    lang = f.lang
    view = default_view(get_spec("peta"), f, True)
    return (
        [getattr(f, c) if c != "tab" else view for c in CONTROLS]
        + [controls.options("partner", snap, lang, f), controls.options("theme", snap, lang, f)]
        + card_values("peta", f, snap, view, PAGE) + card_values("tren", f, snap)
        + [national(f, snap), drill_children(f), not f.province, f.query_string(), f.query_string(),
           shell.notices_children(st.notices, lang)]
    )

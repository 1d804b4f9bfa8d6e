"""/peta: the map explorer (indicator, programme, theme, partner, period, level; drill-down)."""

from __future__ import annotations

import dash
from dash import Input, Output, State, html

from components import controls, drill, shell, state, url_state
from components.blocks import keyed_class, kpi_cards
from components.chart_card import card_outputs, card_states, card_values, chart_card, default_view, no_updates
from components.i18n import t
from components.share import site_base
from components.specs import get_spec
from data import query
from data.filters import Filters

PAGE = "peta"
PATH = "/peta"
CONTROLS = ("indicator", "programme", "theme", "partner", "period", "level", "province", "sex", "scheme", "tab")


def national(f, snap) -> list:
    """National figures for the selection: most published figures are national totals."""
    lang = f.lang
    kf = f.replace(province="", level="province", tab=Filters().tab)  # the map's view is not theirs
    out = [html.H2(t("peta.kpis", lang), id="peta-kpis-h")]
    if _national_note(f, snap):
        out.append(html.P(t("map.national_note", lang), className="map-note"))
    out.append(kpi_cards(kf, snap, limit=9, heading_id="peta-kpis-h"))
    return out


def _national_note(f, snap) -> bool:
    return f.indicator != "presence" and query.values_by_place(snap, f).empty


def national_class(f, snap) -> str:
    """The section's class names, with a key of what :func:`national` shows: a change that leaves
    it as it is (another indicator, level or province) sends nothing for it."""
    kf = f.replace(province="", level="province", tab=Filters().tab)
    return keyed_class("section", get_spec("angka-utama").filters(kf), _national_note(f, snap), snap.key,
                       site_base())


def layout(**query_args):
    st = state.from_query(query_args)
    f = st.filters
    lang = f.lang
    if st.snapshot is None:
        return shell.no_data_page(PATH, f, t("peta.h1", lang))
    snap = st.snapshot
    panel = controls.filter_panel(lang, [
        controls.select(PAGE, "indicator", f, snap, lang),
        drill.level_control(PAGE, f, snap, lang),
        drill.province_control(PAGE, f, snap, lang),
        controls.select(PAGE, "programme", f, snap, lang),
        controls.select(PAGE, "theme", f, snap, lang),
        controls.select(PAGE, "partner", f, snap, lang),
        controls.select(PAGE, "period", f, snap, lang),
        controls.select(PAGE, "sex", f, snap, lang),
        controls.select(PAGE, "scheme", f, snap, lang),
    ])
    content = [
        html.H1(t("peta.h1", lang)),
        html.P(t("peta.intro", lang), className="lead"),
        html.Div(className="layout-explorer", children=[
            panel,
            html.Div(children=[
                chart_card("peta", f, snap, primary_page=PAGE, extra_top=drill.block(PAGE, "peta", f, snap)),
                html.Section(national(f, snap), id="peta-kpis", className=national_class(f, snap)),
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
    + [Output("peta-kpis", "children"), Output("peta-kpis", "className")] + drill.outputs(PAGE)
    + [Output("peta-query", "data"), url_state.query_output(), Output("notices", "children", allow_duplicate=True)],
    [Input(controls.control_id(PAGE, n), "value") for n in CONTROLS] + drill.inputs(PAGE) + [url_state.pop_input(PAGE)],
    [State("peta-query", "data")] + card_states("peta", "tren") + [State("peta-kpis", "className")],
    prevent_initial_call=True,
)
def update(*args):
    """Controls / map click / back / Back-Forward -> Filters -> every view on the page + the URL."""
    n = len(CONTROLS)
    values, clicks, pop, current = args[:n], args[n], args[n + 2], args[n + 3]
    st = url_state.resolve(PAGE, PATH, CONTROLS, values, pop, current, force=drill.forced(PAGE),
                           derived=drill.DERIVED)
    step = drill.apply(PAGE, "peta", st.filters, clicks)
    f, snap = step.filters, st.snapshot
    outputs = dash.ctx.outputs_list
    if step.describe_only:  # a tapped regency: say what its tooltip says, change nothing else
        return no_updates(outputs)[:-5] + drill.values("peta", step, snap) + [dash.no_update] * 3
    lang = f.lang
    view = default_view(get_spec("peta"), f, True)
    kpi_class = national_class(f, snap)
    kpis = [dash.no_update] * 2 if kpi_class == args[-1] else [national(f, snap), kpi_class]
    return (
        [f.effective_level if c == "level" else view if c == "tab" else getattr(f, c) for c in CONTROLS]
        + [controls.options("partner", snap, lang, f), controls.options("theme", snap, lang, f)]
        + card_values("peta", f, snap, view, PAGE) + card_values("tren", f, snap)
        + kpis + drill.values("peta", step, snap)
        + [f.query_string(), url_state.url_value(PAGE, f), shell.notices_children(st.notices, lang)]
    )

"""/perlindungan-sosial: enrolment in social protection by scheme, programme, partner and place."""

from __future__ import annotations

import dash
from dash import Input, Output, State, html

from components import controls, drill, shell, state, url_state
from components.chart_card import card_outputs, card_states, card_values, chart_card, default_view, no_updates
from components.i18n import col, t
from components.specs import get_spec, short_source

PAGE = "sp"
PATH = "/perlindungan-sosial"
CONTROLS = ("programme", "partner", "period", "scheme", "level", "province", "tab")
MAP = "perlindungan-peta"
CARDS = ("perlindungan-skema", "perlindungan-mitra", "perlindungan-peta")


def scheme_definitions(snap, lang: str) -> html.Section:
    """Each scheme with its cited definition (schema 1.1; empty definitions are left out)."""
    sch = snap.tables["schemes"].sort_values("sort_order")
    items = []
    for _, r in sch.iterrows():
        definition = col(r, "definition", lang) if "definition_id" in sch.columns else ""
        source = short_source(snap, r["source_id"], lang) if "source_id" in sch.columns and \
            isinstance(r.get("source_id"), str) else ""
        items += [html.Dt(col(r, "name", lang)),
                  html.Dd([definition or "–", html.Span(f" ({source})", className="kpi-meta") if source else None])]
    return html.Section(className="section", **{"aria-labelledby": "schemes-h"}, children=[
        html.H2(t("sp.schemes", lang), id="schemes-h"), html.Dl(items, className="facts")])


def layout(**query_args):
    st = state.from_query(query_args)
    f = st.filters
    lang = f.lang
    if st.snapshot is None:
        return shell.no_data_page(PATH, f, t("sp.h1", lang))
    snap = st.snapshot
    panel = controls.filter_panel(lang, [
        controls.select(PAGE, "scheme", f, snap, lang),
        controls.select(PAGE, "programme", f, snap, lang),
        controls.select(PAGE, "partner", f, snap, lang),
        controls.select(PAGE, "period", f, snap, lang),
        drill.level_control(PAGE, f, snap, lang),
        drill.province_control(PAGE, f, snap, lang),
    ])
    content = [
        html.H1(t("sp.h1", lang)),
        html.P(t("sp.intro", lang), className="lead"),
        html.Div(className="layout-explorer", children=[
            panel,
            html.Div([
                chart_card("perlindungan-skema", f, snap),
                chart_card("perlindungan-mitra", f, snap),
                chart_card(MAP, f, snap, primary_page=PAGE, extra_top=drill.block(PAGE, MAP, f, snap)),
                scheme_definitions(snap, lang),
            ]),
        ]),
        *url_state.page_stores(PAGE, f),
    ]
    return shell.page(content, path=PATH, f=f, snapshot=snap, notices=st.notices)


dash.register_page(__name__, path=PATH, title="Perlindungan sosial — Peta Inklusi", name="Perlindungan sosial",
                   nav_key="page.perlindungan", nav_order=5, layout=layout,
                   description="Kepesertaan perlindungan sosial (JKN-KIS, KIP, identitas hukum, PKH, BPNT) yang dibantu mitra.")


@dash.callback(
    [Output(controls.control_id(PAGE, n), "value") for n in CONTROLS]
    + [Output(controls.control_id(PAGE, "partner"), "options")]
    + [o for c in CARDS for o in card_outputs(c)]
    + drill.outputs(PAGE)
    + [Output("sp-query", "data"), url_state.query_output(), Output("notices", "children", allow_duplicate=True)],
    [Input(controls.control_id(PAGE, n), "value") for n in CONTROLS] + drill.inputs(PAGE) + [url_state.pop_input(PAGE)],
    [State("sp-query", "data")] + card_states(*CARDS),
    prevent_initial_call=True,
)
def update(*args):
    """Scheme, programme, partner, period, level, province, map click, back -> the three cards and the URL."""
    n = len(CONTROLS)
    values, clicks, pop, current = args[:n], args[n], args[n + 2], args[n + 3]
    st = url_state.resolve(PAGE, PATH, CONTROLS, values, pop, current, force=drill.forced(PAGE),
                           derived=drill.DERIVED)
    step = drill.apply(PAGE, MAP, st.filters, clicks)
    f, snap = step.filters, st.snapshot
    if step.describe_only:  # a tapped regency: say what its tooltip says, change nothing else
        return no_updates(dash.ctx.outputs_list)[:-5] + drill.values(MAP, step, snap) + [dash.no_update] * 3
    view = default_view(get_spec(MAP), f, True)
    return (
        [f.effective_level if c == "level" else view if c == "tab" else getattr(f, c) for c in CONTROLS]
        + [controls.options("partner", snap, f.lang, f)]
        + card_values("perlindungan-skema", f, snap) + card_values("perlindungan-mitra", f, snap)
        + card_values(MAP, f, snap, view, PAGE)
        + drill.values(MAP, step, snap)
        + [f.query_string(), url_state.url_value(PAGE, f), shell.notices_children(st.notices, f.lang)]
    )

"""/kebijakan: policy wins on a timeline, a map and a searchable, sortable table."""

from __future__ import annotations

import dash
from dash import Input, Output, State, html

from components import controls, shell, state, url_state
from components.chart_card import card_outputs, card_states, card_values, chart_card, default_view
from components.i18n import number, t
from components.specs import get_spec
from data import query

PAGE = "kebijakan"
PATH = "/kebijakan"
CONTROLS = ("programme", "theme", "partner", "period", "policy_level", "instrument", "level", "q", "sort", "tab")
CARDS = ("kebijakan-linimasa", "kebijakan-peta", "kebijakan-tabel")


def summary(f, snap):
    n = len(query.policies(snap, f))
    nat = query.national_policy_count(snap, f)
    out = [html.Strong(t("kebijakan.count", f.lang, n=number(n, f.lang)))]
    if nat:
        out += [" · ", t("kebijakan.national_note", f.lang, n=number(nat, f.lang))]
    return out


def layout(**query_args):
    st = state.from_query(query_args)
    f = st.filters
    lang = f.lang
    if st.snapshot is None:
        return shell.no_data_page(PATH, f, t("kebijakan.h1", lang))
    snap = st.snapshot
    panel = controls.filter_panel(lang, [
        controls.labelled_text(PAGE, "q", f.q, lang),
        controls.select(PAGE, "sort", f, snap, lang),
        controls.select(PAGE, "policy_level", f, snap, lang),
        controls.select(PAGE, "instrument", f, snap, lang),
        controls.select(PAGE, "programme", f, snap, lang),
        controls.select(PAGE, "theme", f, snap, lang),
        controls.select(PAGE, "partner", f, snap, lang),
        controls.select(PAGE, "period", f, snap, lang),
        controls.radios(PAGE, "level", f, snap, lang),
    ])
    content = [
        html.H1(t("kebijakan.h1", lang)),
        html.P(t("kebijakan.intro", lang), className="lead"),
        html.Div(className="layout-explorer", children=[
            panel,
            html.Div([
                html.P(summary(f, snap), id="kebijakan-summary", role="status"),
                chart_card("kebijakan-tabel", f, snap, scope=PAGE),
                chart_card("kebijakan-linimasa", f, snap),
                chart_card("kebijakan-peta", f, snap, primary_page=PAGE),
            ]),
        ]),
        *url_state.page_stores(PAGE, f),
    ]
    return shell.page(content, path=PATH, f=f, snapshot=snap, notices=st.notices)


dash.register_page(__name__, path=PATH, title="Kebijakan — Peta Inklusi", name="Kebijakan",
                   nav_key="page.kebijakan", nav_order=4, layout=layout, description=t("meta.kebijakan", "id"))


@dash.callback(
    [Output(controls.control_id(PAGE, n), "value") for n in CONTROLS]
    + [Output(controls.control_id(PAGE, "partner"), "options"), Output(controls.control_id(PAGE, "theme"), "options")]
    + [o for c in CARDS for o in card_outputs(c)]
    + [Output("kebijakan-summary", "children"), Output("kebijakan-query", "data"), url_state.query_output(),
       Output("notices", "children", allow_duplicate=True)],
    [Input(controls.control_id(PAGE, n), "value") for n in CONTROLS] + [url_state.pop_input(PAGE)],
    [State("kebijakan-query", "data")] + card_states(*CARDS),
    prevent_initial_call=True,
)
def update(*args):
    """Filters, search and sort -> timeline, map, table and the URL."""
    n = len(CONTROLS)
    values, pop, current = args[:n], args[n], args[n + 1]
    st = url_state.resolve(PAGE, PATH, CONTROLS, values, pop, current)
    f, snap = st.filters, st.snapshot
    view = default_view(get_spec("kebijakan-peta"), f, True)
    return (
        [getattr(f, c) if c != "tab" else view for c in CONTROLS]
        + [controls.options("partner", snap, f.lang, f), controls.options("theme", snap, f.lang, f)]
        + card_values("kebijakan-linimasa", f, snap) + card_values("kebijakan-peta", f, snap, view, PAGE)
        + card_values("kebijakan-tabel", f, snap, None, PAGE)
        + [summary(f, snap), f.query_string(), url_state.url_value(PAGE, f), shell.notices_children(st.notices, f.lang)]
    )

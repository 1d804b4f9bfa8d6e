"""Drill-down from the provinces into one province's regencies, the same on every map page.

/peta and /perlindungan-sosial share it: the level radios and the province select
(the drill-down without a pointer), the "back to all provinces" button, and the
``<page>-drill`` box above the map. The box says in text, in the page's language,
what a map tooltip would say about the province drilled into or the place just
tapped (its value, source and date), so a phone, where a tap drills down at once
and nothing hovers, shows it too.

The level control shows the *effective* level (regencies once a province is
chosen); choosing "province" there clears the province (:func:`level_choice`).
The page's callback uses :data:`DERIVED`, :func:`forced`, :func:`apply` and the
``outputs``/``inputs``/``values`` helpers; the rules live here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dash
from dash import ALL, Input, Output, dcc, html

from components import controls
from components.geodata import name_of
from components.i18n import t
from components.specs import data_for, get_spec
from components.urls import lang_url
from data.filters import LEVELS, PRESENCE, Filters

def level_choice(shown: Filters, value: Any) -> dict:
    """The level radios show ``shown.effective_level``; a different value is the user's choice.

    "province" leaves the drill-down (clears the province); "regency" shows every regency.
    """
    if value not in LEVELS or value == shown.effective_level:
        return {}
    return {"level": value, "province": "" if value == "province" else shown.province}


#: Controls showing a derived value, for ``url_state.resolve(derived=...)``.
DERIVED = {"level": level_choice}


def drill_id(page: str) -> str:
    return f"{page}-drill"


def up_id(page: str) -> str:
    return f"{page}-up"


def level_control(page: str, f: Filters, snapshot: Any, lang: str) -> Any:
    """The level radios, showing the level the map really shows."""
    return controls.radios(page, "level", f, snapshot, lang, value=f.effective_level)


def province_control(page: str, f: Filters, snapshot: Any, lang: str) -> Any:
    return controls.select(page, "province", f, snapshot, lang)


def block(page: str, chart_id: str, f: Filters, snapshot: Any) -> list:
    """The drill box and the back button (placed above the map card's view switch)."""
    return [
        html.Div(children(chart_id, f, snapshot), id=drill_id(page), className="drill",
                 **{"aria-live": "polite"}),
        html.Button(t("map.back", f.lang), id=up_id(page), n_clicks=0, hidden=not f.province,
                    className="btn btn-outline back-link", type="button"),
    ]


def children(chart_id: str, f: Filters, snapshot: Any, place: str = "") -> list:
    """What the drill box says: the place's facts, then the hint or where we are."""
    lang = f.lang
    out: list = []
    code = place or f.province
    if code and snapshot is not None:
        out.append(place_facts(chart_id, f, snapshot, code))
    if not f.province:
        out.append(html.P(t("map.drill_hint", lang), className="map-note"))
    else:
        out.append(html.P([t("map.in_province", lang, name=name_of(f.province)), " · ",
                           dcc.Link(t("map.open_place", lang), href=lang_url(f"/wilayah/{f.province}", lang))]))
    return out


def place_facts(chart_id: str, f: Filters, snapshot: Any, code: str) -> html.Div:
    """The map tooltip of one place as text: name, value, programmes/partners, source, date."""
    lang = f.lang
    spec = get_spec(chart_id)
    level_f = f.replace(province="", level="province") if len(code) == 2 else f.replace(level="regency")
    frame = data_for(spec, level_f, snapshot, lang)
    row = frame[frame["key"].astype(str) == code] if len(frame) else frame
    name = name_of(code)
    if row.empty or row.iloc[0].get("value") is None:
        return html.Div(className="drill-place", children=[
            html.P([html.Strong(name), ": ", t("map.no_data", lang)])])
    r = row.iloc[0]
    presence = spec.filters(f).indicator == PRESENCE and spec.id != "kebijakan-peta"
    pairs = [(t("map.presence_value" if presence else "map.hover_value", lang), r.get("value_text"))]
    for col_name, key in (("programmes", "col.programmes"), ("partners", "col.partners"),
                          ("communities", "col.communities")):
        if col_name in r and isinstance(r[col_name], str) and r[col_name]:
            pairs.append((t(key, lang), r[col_name]))
    pairs += [(t("map.hover_source", lang), r.get("source")), (t("map.hover_date", lang), r.get("date_text"))]
    items: list = []
    for label, value in pairs:
        if isinstance(value, str) and value:
            items += [html.Dt(label), html.Dd(value)]
    return html.Div(className="drill-place", children=[html.P(html.Strong(name)), html.Dl(items, className="facts")])


# --- the page callback's side ---------------------------------------------------------

def inputs(page: str) -> list:
    """Map clicks on the page's own graphs and the back button (after the page's controls)."""
    return [Input({"type": "graph", "chart": ALL, "scope": page}, "clickData"), Input(up_id(page), "n_clicks")]


def outputs(page: str) -> list:
    return [Output(drill_id(page), "children"), Output(up_id(page), "hidden")]


def forced(page: str) -> bool:
    """A map click or the back button change the view without a control."""
    trig = dash.ctx.triggered_id
    return isinstance(trig, dict) or trig == up_id(page)


@dataclass(frozen=True)
class Step:
    filters: Filters
    place: str = ""  # the place to describe in the drill box
    describe_only: bool = False  # a tap on a regency: only the drill box changes (nothing in the URL)


def apply(page: str, chart_id: str, f: Filters, clicks: list | None) -> Step:
    """The filters after a map click or the back button (``f``: the merged controls).

    A tap on a province drills into it; a tap on a regency (or on a province when already
    drilled in) only describes it. Clicks without a place raise PreventUpdate.
    """
    trig = dash.ctx.triggered_id
    if isinstance(trig, dict) and trig.get("type") == "graph":
        if trig.get("chart") != chart_id:
            raise dash.exceptions.PreventUpdate
        points = next((c for c in (clicks or []) if c), None) or {}
        code = str((points.get("points") or [{}])[0].get("location") or "")
        if not code:
            raise dash.exceptions.PreventUpdate
        if len(code) == 2 and not f.province:
            return Step(f.replace(province=code), code)
        return Step(f, code, describe_only=True)
    if trig == up_id(page):
        return Step(f.replace(province="", level="province"))
    return Step(f)


def values(chart_id: str, step: Step, snapshot: Any) -> list:
    """The values of :func:`outputs`."""
    f = step.filters
    return [children(chart_id, f, snapshot, step.place), not f.province]

"""Controls -> Filters -> url.search, one way; Back/Forward back into the page.

- Each page's callback turns its control values into a validated ``Filters``
  (:func:`merge`), redraws, and writes ``Filters.to_query()`` (only values that
  differ from the defaults) to the ``url-query`` store.
- A clientside function (assets/peta.js) pushes that query into the address
  bar as a new history entry (no reload; replacing the entry when the callback
  answered Back/Forward, see :func:`url_value`) and refreshes the language switch.
- Chart cards other than the page's primary one write their view switch to
  ``views`` in the browser (assets/peta.js); ``Filters.views`` brings it back.
- On Back/Forward, assets/peta.js puts the restored URL into the page's ``<page>-pop`` store; the
  page's callback parses it (:func:`popped`) and sets its controls and cards.
- First render needs no callback: pages parse the query in ``layout(**query)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import dash
from dash import ClientsideFunction, Input, Output, dcc, html

from components import state as page_state
from data import filters as flt
from data.filters import Filters

URL_QUERY = "url-query"


def stores() -> list:
    """The store every page writes its query to (placed once in app.layout)."""
    return [dcc.Store(id=URL_QUERY)]


def page_stores(page: str, f: Filters) -> list:
    """A page's own stores: its current query and its Back/Forward target.

    assets/peta.js finds the Back/Forward store through ``#page-pop-target``
    (``data-store``), so only the page on screen is told about a popstate, and the
    query store (``data-query-store``), which it updates when a chart card's view
    switch writes ``views`` (so the page's next redraw keeps those views).
    """
    return [
        dcc.Store(id=f"{page}-query", data=f.query_string()),
        dcc.Store(id=f"{page}-pop"),
        html.Div(id="page-pop-target", hidden=True,
                 **{"data-store": f"{page}-pop", "data-query-store": f"{page}-query"}),
    ]


dash.clientside_callback(
    ClientsideFunction(namespace="peta", function_name="push_url"),
    Output("lang-switch", "href"),
    Input(URL_QUERY, "data"),
    prevent_initial_call=True,
)


def query_output() -> Output:
    return Output(URL_QUERY, "data", allow_duplicate=True)


def url_value(page: str, f: Filters) -> str | dict:
    """What a page's callback writes to the ``url-query`` store for the view ``f``.

    After Back/Forward the answer names the popstate it answers (the token assets/peta.js put
    after ``#`` in the page's pop store): the browser then *replaces* the history entry (the
    restored URL in canonical form; Forward survives) and ignores an answer to an older
    Back/Forward that arrives late. Otherwise the query string itself (a new entry).
    """
    search = f.query_string()
    if not is_pop(page):
        return search
    pop = str(dash.ctx.inputs.get(f"{page}-pop.data") or "")
    return {"search": search, "pop": pop.partition("#")[2]}


def pop_input(page: str) -> Input:
    return Input(f"{page}-pop", "data")


def is_pop(page: str) -> bool:
    return dash.ctx.triggered_id == f"{page}-pop"


#: A control showing a value derived from the filters: (the filters it shows, its value) -> the fields
#: the user's choice sets ({} when the control only mirrors the view).
Derived = Callable[[Filters, Any], dict]


def merge(base_search: str | None, names: Sequence[str], values: Iterable,
          derived: Mapping[str, Derived] | None = None, **fixed: str) -> page_state.PageState:
    """Control values over the page's current query, validated like a URL.

    ``derived`` controls (e.g. the level radios, which show the effective level) are not
    copied: their function turns the value into the fields to set, given the shown filters.
    """
    st = page_state.from_search(base_search or "", **fixed)
    if st.snapshot is None:
        return st
    vals = dict(zip(names, values))
    for name, rule in (derived or {}).items():
        if name in vals:
            vals.update(rule(st.filters, vals.pop(name)))
    f, notices = flt.from_controls(st.filters, vals, st.snapshot)
    if fixed:
        f = f.replace(**fixed)
    return page_state.PageState(st.snapshot, f, notices)


def unchanged(st: page_state.PageState, current: str | None) -> bool:
    """True when the controls describe exactly the view already shown (and in the URL)."""
    return st.snapshot is not None and not st.notices and st.filters.query_string() == (current or "")


def popped(pop: str | None, path: str) -> str | None:
    """The query of a Back/Forward URL when it belongs to ``path`` (else None)."""
    if not pop:
        return None
    url = urlsplit(pop.split("#")[0])
    if url.path.rstrip("/") != path.rstrip("/"):
        return None
    return "?" + url.query if url.query else ""


def resolve(page: str, path: str, names: Sequence[str], values: Iterable, pop: str | None,
            current: str | None, *, force: bool = False,
            derived: Mapping[str, Derived] | None = None) -> page_state.PageState:
    """The view a page's callback must draw, or PreventUpdate when there is nothing to redraw.

    Back/Forward (the page's pop store) restores the popped URL's query; otherwise the control
    values are merged over the current query. Dash also calls a page's callback when it inserts
    the page (every input "changed"); when the controls describe the view already shown (and in
    the URL), nothing is redrawn and the server-rendered notices and URL stay, unless ``force``
    (e.g. a map click or the "back out" button, which change the view without a control).
    ``derived``: see :func:`merge`.
    """
    if is_pop(page):
        search = popped(pop, path)
        if search is None:
            raise dash.exceptions.PreventUpdate
        st = page_state.from_search(search)
    else:
        st = merge(current, names, values, derived)
        if unchanged(st, current) and not force:
            raise dash.exceptions.PreventUpdate
    if st.snapshot is None:
        raise dash.exceptions.PreventUpdate
    return st

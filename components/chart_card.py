"""The chart card: title stating the filters, map/chart/table views, source, date, links.

Layout of a card (ids are pattern-matching dicts keyed by the chart id)::

    section.chart-card
      h2/h3 title            {"type": "card-title", "chart": id}
      p subtitle             {"type": "card-subtitle", "chart": id}
      fieldset view switch   "<page>-tab" (the page's primary card: ``tab`` in the URL) or
                             {"type": "card-tab", ...} (any other card: ``views`` in the URL, written by
                             assets/peta.js from the fieldset's data-views-chart/-default)
      div body               {"type": "card-body", "chart": id}   (graph or table)
      p text alternative     {"type": "card-alt", "chart": id}
      footer                 {"type": "card-foot", "chart": id}   (source, date, CSV/XLSX/PNG/SVG, embed)
      store                  {"type": "card-state", "chart": id}  (what the card shows: card_state)

Pages build cards with :func:`chart_card` (first render on the server, no
callback needed) and update them with :func:`card_outputs` /
:func:`card_values`. One pattern-matching callback here serves every
secondary card's view switch.
"""

from __future__ import annotations

import functools
from typing import Any

import dash
import pandas as pd
from dash import ALL, MATCH, Input, Output, State, dcc, html

from components import state as page_state
from components import widgets
from components.figures import build_figure, figure_signature, figure_update_ops, text_alternative
from components.i18n import number, t
from components.specs import (ChartSpec, data_for, data_date_line, get_spec, policy_href, source_line, subtitle,
                              table_for, title)
from components.share import site_base
from components.urls import chart_urls
from data.filters import Filters
from data.snapshot import SnapshotRef

#: plotly.js's own default height, for a figure that sets none.
DEFAULT_CHART_HEIGHT = 450
MAP_STYLE = {"height": "calc(40cqw + 110px)", "minHeight": "230px", "maxHeight": "560px"}
PARTS = ("card-title", "card-subtitle", "card-body", "card-alt", "card-foot", "card-state")


def _id(kind: str, chart_id: str) -> dict:
    return {"type": kind, "chart": chart_id}


def chart_style(fig: dict) -> dict:
    """The box of a chart that is not a map: the height its figure was built for."""
    height = (fig.get("layout") or {}).get("height") or DEFAULT_CHART_HEIGHT
    return {"height": f"{int(height)}px"}


def graph_config(lang: str) -> dict:
    from components.perf import graph_config as perf_config
    return perf_config(lang)


def default_view(spec: ChartSpec, f: Filters, primary: bool) -> str:
    """The page's primary card follows ``tab``; every other card its entry in ``views``."""
    if primary and f.tab in spec.views:
        return f.tab
    if primary and f.tab == "map" and "map" not in spec.views:
        return spec.views[0]
    if not primary and f.view_of(spec.id) in spec.views:
        return f.view_of(spec.id)
    return spec.views[0]


# --- body renderers -----------------------------------------------------------------

def render_table(df: pd.DataFrame, caption: str, lang: str, links: dict[int, str] | None = None,
                 link_col: str | None = None, max_rows: int = 500,
                 sort_links: dict[str, tuple[str, str]] | None = None, new_tab: bool = False) -> html.Div:
    """A plain, light HTML table (server-rendered; sortable/searchable through URL params).

    ``sort_links`` maps a header to (href, aria-sort state): the header becomes a link that
    re-sorts the table through the page's ``sort`` parameter. ``new_tab`` (embeds): every link
    is a plain ``<a target="_blank" rel="noopener">``, never a client-side ``dcc.Link``, so the
    dashboard never opens inside another site's frame.
    """
    ths = []
    for c in df.columns:
        if sort_links and c in sort_links:
            href, state_ = sort_links[c]
            mark = {"ascending": " ▲", "descending": " ▼"}.get(state_, "")
            label = [c, html.Span(mark, **{"aria-hidden": "true"})]
            ths.append(html.Th(_link(label, href, new_tab), scope="col", **{"aria-sort": state_}))
        else:
            ths.append(html.Th(c, scope="col"))
    head = html.Thead(html.Tr(ths))
    rows = []
    for i, (_, r) in enumerate(df.head(max_rows).iterrows()):
        cells = []
        for c in df.columns:
            v = r[c]
            text = _cell(v, lang)
            if links and link_col == c and links.get(i):
                cells.append(html.Td(_link(text, links[i], new_tab)))
            else:
                numeric = isinstance(v, (int, float)) and not isinstance(v, bool)
                # long free text (titles, citations) gets a readable column width
                cells.append(html.Td(text, className="num" if numeric else ("long" if len(text) > 60 else None)))
        rows.append(html.Tr(cells))
    body = html.Tbody(rows if rows else [html.Tr(html.Td(t("card.empty", lang), colSpan=max(1, len(df.columns))))])
    return html.Div(className="table-wrap", tabIndex=0, role="region", **{"aria-label": caption}, children=[
        html.Table(className="table table-wide" if len(df.columns) > 5 else "table",
                   children=[html.Caption(caption), head, body]),
    ])


def _link(children: Any, href: str, new_tab: bool = False) -> Any:
    """A link in a table: in an embed (``new_tab``) a new-tab ``<a>``; otherwise in-app links navigate
    without reloading (``dcc.Link``), except a #fragment (a citation on /data), which needs the
    browser's own navigation to scroll to it; external links get rel=noopener."""
    if new_tab:
        return html.A(children, href=href, target="_blank", rel="noopener")
    if href.startswith("/") and "#" not in href:
        return dcc.Link(children, href=href)
    return html.A(children, href=href, **({} if href.startswith("/") else {"rel": "noopener"}))


def _cell(v: Any, lang: str) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "✓" if v else ""
    if isinstance(v, (int, float)):
        return "–" if pd.isna(v) else number(v, lang)
    if v is pd.NA or (not isinstance(v, str) and pd.isna(v)):
        return ""
    return str(v)


def body(spec: ChartSpec, f: Filters, snapshot: Any, view: str, frame: pd.DataFrame | None = None,
         scope: str = "card", embed: bool = False) -> list:
    """The card's body for one view: a dcc.Graph or an HTML table.

    The graph's id is ``{"type": "graph", "chart": id, "scope": scope}``; a page
    that listens to clicks on its own card passes its name as ``scope`` so
    cards on other pages never feed its callback. ``embed``: links open in a new tab.
    """
    lang = f.lang
    frame = data_for(spec, f, snapshot, lang) if frame is None else frame
    head = title(spec, f, snapshot, lang)
    if view == "table" or spec.kind in ("table", "kpi"):
        df = table_for(spec, f, snapshot, lang, frame=frame)
        links, link_col = None, None
        if spec.query == "policies" and len(frame):
            link_col = t("col.source", lang)
            # its URL, its source's URL, else the source's full citation on /data
            links = {i: policy_href(r, f) for i, (_, r) in enumerate(frame.iterrows())}
        elif spec.query in ("values_by_place", "policies_by_place", "theme_place_figures") and len(frame):
            from components.urls import lang_url
            link_col = t("col.place", lang)
            links = {i: lang_url(f"/wilayah/{code}", lang) for i, code in enumerate(frame["key"])}
        sort_links = _policy_sort_links(f, lang, scope) if spec.query == "policies" and scope != "card" else None
        return [render_table(df, head, lang, links, link_col, sort_links=sort_links, new_tab=embed)]
    return _graph_body(spec, f, snapshot, view, scope, head)[0]


def _graph_body(spec: ChartSpec, f: Filters, snapshot: Any, view: str, scope: str,
                head: str) -> tuple[list, dict, str]:
    """The body of a graph view, the figure (as a dict) and its signature.

    The graph's class names carry the signature (``fig-<signature>``): the page's next callback
    reads it back (:func:`card_states`) and, when the new figure has the same one, updates the
    figure in place (:func:`card_values`) instead of sending a new body.
    """
    lang = f.lang
    fig_json, is_map, sig = _page_figure(spec.id, spec.filters(f), view, SnapshotRef(snapshot))
    graph = dcc.Graph(id={"type": "graph", "chart": spec.id, "scope": scope}, figure=fig_json, config=graph_config(lang),
                      className=f"graph graph-map fig-{sig}" if is_map else f"graph fig-{sig}", responsive=True,
                      # Maps follow the card's width (Indonesia is wide): see .card-body-view in peta.css.
                      # A chart keeps the height its builder chose: dcc.Graph drops layout.height when
                      # responsive, and a box of no set height collapses while plotly redraws (then
                      # the chart is drawn twice, at plotly's default 450 px).
                      style=MAP_STYLE if is_map else chart_style(fig_json))
    out: list = [html.Div(graph, className="graph-wrap", **{"data-label": head})]
    if spec.kind == "choropleth" and view == "map":
        out.append(html.P(className="map-note", children=[
            html.Span(className="swatch-nodata", **{"aria-hidden": "true"}), " ", t("map.no_data_note", lang)]))
    return out, fig_json, sig


@functools.lru_cache(maxsize=64)
def _page_figure(spec_id: str, f: Filters, view: str, ref: SnapshotRef) -> tuple[dict, bool, str]:
    """(the figure as a dict, is it a map, its signature) for a card on a page, cached by value: the
    chart, the filters it uses (``spec.filters``, language and version included), the view and the
    snapshot. (A card's scope, the page that owns its clicks, never changes on a page, so the
    signature leaves it out.)

    Building a figure costs ~10 ms even unvalidated (plotly copies every trace); a view already
    drawn in this worker costs a look-up. The dict is shared: nothing mutates it (Dash serialises
    it, a Patch reads it, the server-drawn SVG copies what it changes).
    """
    spec = get_spec(spec_id)
    fig = build_figure(spec, f, ref.snap, f.lang, view=view, on_page=True)
    is_map = fig.layout.geo is not None and fig.layout.geo.visible is False and spec.kind == "choropleth" \
        and view == "map"
    # the figure's own JSON, read without to_plotly_json()'s deep copy
    fig_json = {"data": fig._data, "layout": fig._layout}
    return fig_json, is_map, figure_signature(fig_json, spec_id, view, f.lang, is_map)


def no_updates(outputs_list: list) -> list:
    """``no_update`` for every output of a callback (a list of them for a wildcard output)."""
    return [[dash.no_update] * len(o) if isinstance(o, list) else dash.no_update for o in outputs_list]


def graph_pattern(spec_id: str) -> dict:
    """The ids of a card's graph, whichever page owns its clicks."""
    return {"type": "graph", "chart": spec_id, "scope": ALL}


def card_states(*spec_ids: str) -> list[State]:
    """What a page's callback reads to update its cards in place: each graph's class names (they
    carry the signature of the figure shown; no graph, e.g. the table view: an empty list) and
    each card's state (what the card shows: :func:`card_state`)."""
    return [State(graph_pattern(s), "className") for s in spec_ids] \
        + [State(_id("card-state", s), "data") for s in spec_ids]


def card_state(spec: ChartSpec, f: Filters, snapshot: Any, view: str) -> dict:
    """What a card shows, kept in its store: ``q`` the query of the filters the chart uses (the view
    switch of a secondary card redraws from it) and ``k`` a digest of everything else its parts
    depend on (view, data version, the site's address in the embed codes)."""
    from components.figures import _digest
    # the page's tab only chooses the view, which the card has in hand
    q = spec.filters(f).replace(tab=Filters().tab).query_string()
    return {"q": q, "k": _digest([spec.id, view, snapshot.key, site_base()])}


def _state_query(data: Any) -> str:
    """The query in a card's store (a plain string in stores written before :func:`card_state`)."""
    return str(data.get("q") or "") if isinstance(data, dict) else str(data or "")


def _shown(kind: str, spec_id: str, prop: str) -> list:
    """The values of ``prop`` of the card's components of ``kind`` (``graph``, ``card-state``) on
    screen, as the running callback read them through :func:`card_states` (none outside one)."""
    import json
    try:
        states = dash.ctx.states
    except Exception:
        return []
    out = []
    for key, value in (states or {}).items():
        cid, _, p = key.rpartition(".")
        if p != prop or not cid.startswith("{"):
            continue
        try:
            parsed = json.loads(cid)
        except ValueError:
            continue
        if parsed.get("type") == kind and parsed.get("chart") == spec_id:
            out.append(value)
    return out


def _shown_state(spec_id: str) -> Any:
    """The card's state on screen, when the callback reads :func:`card_states` (else None)."""
    found = _shown("card-state", spec_id, "data")
    return found[0] if found else None


def _graph_outputs(spec_id: str) -> list | None:
    """The card's graphs among the running callback's outputs (None outside a callback)."""
    try:
        entries = dash.ctx.outputs_list
    except Exception:  # not in a callback (the first render)
        return None
    for entry in entries or []:
        if isinstance(entry, list) and entry and isinstance(entry[0].get("id"), dict) \
                and entry[0]["id"].get("type") == "graph" and entry[0]["id"].get("chart") == spec_id:
            return entry
    return []  # none on screen (a wildcard output matching nothing is an empty list)


def _shown_classes(spec_id: str) -> list[str]:
    """The class names of the card's graphs on screen, when the callback reads :func:`card_states`."""
    return [str(v or "") for v in _shown("graph", spec_id, "className")]


def figure_patch(fig_json: dict) -> dash.Patch:
    """A ``dash.Patch`` that turns the figure shown into ``fig_json`` (same signature): only the
    values travel, and plotly.js redraws the graph it has instead of mounting a new one."""
    p = dash.Patch()
    for path, value in figure_update_ops(fig_json):
        node = p
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    return p


SORTABLE = (("col.date", "date"), ("col.title", "title"), ("col.level", "level"), ("col.place", "place"))


def _policy_sort_links(f: Filters, lang: str, page: str) -> dict[str, tuple[str, str]]:
    """Header -> (link that sorts by it, aria-sort): a second click reverses the order."""
    from components.urls import page_url
    out = {}
    for key, field in SORTABLE:
        current = f.sort.lstrip("-") == field
        descending = f.sort.startswith("-")
        state_ = ("descending" if descending else "ascending") if current else "none"
        new = (field if descending else f"-{field}") if current else (f"-{field}" if field == "date" else field)
        out[t(key, lang)] = (page_url(f"/{page}", f, sort=new), state_)
    return out


def footer(spec: ChartSpec, f: Filters, snapshot: Any, view: str | None = None) -> list:
    """Source, data date, downloads, images and the Embed dialog; ``view``: the card's view, kept
    in the image and embed links (downloads are the table whatever the view).

    Kept by value (the chart, filters, view, snapshot and the site's address the embed codes name):
    a footer is some 25 components, and most filter changes leave some card's footer as it was."""
    return list(_footer(spec.id, spec.filters(f), view, SnapshotRef(snapshot), site_base()))


@functools.lru_cache(maxsize=256)
def _footer(spec_id: str, f: Filters, view: str | None, ref: SnapshotRef, base: str) -> tuple:
    """:func:`footer` for the filters the chart uses (``spec.filters``: all the footer reads)."""
    spec, snapshot, lang = get_spec(spec_id), ref.snap, f.lang
    urls = chart_urls(spec.id, f, view=view)
    head = title(spec, f, snapshot, lang)
    embed_code = _embed_code(spec, f, lang, head, urls["embed"], base)
    embed_parts: list = [
        html.P(t("card.embed_help", lang)),
        html.Label(t("card.embed_code_label", lang), htmlFor=f"embed-{spec.id}",
                   className="visually-hidden form-label"),
        dcc.Textarea(id=f"embed-{spec.id}", value=embed_code, readOnly=True, rows=4,
                     className="form-control embed-code"),
    ]
    if not f.v:  # the live view: also offer the code pinned to this data version
        embed_parts.insert(1, html.P(t("card.embed_latest_help", lang), className="embed-note"))
        pinned = chart_urls(spec.id, f.replace(v=snapshot.version), view=view)["embed"]
        embed_parts += [
            html.P(t("card.embed_pinned_help", lang, version=snapshot.version), className="embed-note"),
            html.Label(t("card.embed_pinned_label", lang), htmlFor=f"embed-{spec.id}-pinned",
                       className="form-label"),
            dcc.Textarea(id=f"embed-{spec.id}-pinned", value=_embed_code(spec, f, lang, head, pinned, base),
                         readOnly=True, rows=4, className="form-control embed-code embed-code-pinned"),
        ]
    embed_parts.append(html.A(t("card.link", lang), href=urls["embed"]))
    return (
        html.P(source_line(spec, f, snapshot, lang), className="source-line"),
        html.P(data_date_line(snapshot, lang), className="data-date"),
        html.Ul(className="card-links", children=[
            html.Li(html.A(t("card.download_csv", lang), href=urls["csv"], download="")),
            html.Li(html.A(t("card.download_xlsx", lang), href=urls["xlsx"], download="")),
            html.Li(html.A(t("card.image_png", lang), href=urls["png"], download="")),
            html.Li(html.A(t("card.image_png_slide", lang), href=urls["png_slide"], download="")),
            html.Li(html.A(t("card.image_svg", lang), href=urls["svg"], download="")),
            html.Li(html.Details(className="embed", children=[
                html.Summary(t("card.embed", lang)),
                html.Div(className="embed-body", children=embed_parts),
            ])),
        ]),
    )


def _embed_code(spec: ChartSpec, f: Filters, lang: str, head: str, path: str, base: str) -> str:
    """The iframe code for ``path`` (``/embed/<id>?<the card's query>``) on the site at ``base``,
    titled with the card's translated title + " — Peta Inklusi" (screen readers announce the
    frame by it)."""
    from components.share import embed_code
    return embed_code(spec.id, spec.filters(f), base, lang, title=f"{head} — Peta Inklusi", path=path)


def card_values(spec_id: str, f: Filters, snapshot: Any, view: str | None = None, scope: str = "card",
                embed: bool = False) -> list:
    """[title, subtitle, body, alt, footer, state, figures] for one card (the order of
    :func:`card_outputs`).

    In a callback that reads :func:`card_states`, a graph already showing a figure with the same
    signature gets a ``dash.Patch`` of the new values and the body stays (``no_update``); otherwise
    the body is new. ``embed``: the card of /embed/<id> (its links open in a new tab)."""
    spec = get_spec(spec_id)
    lang = f.lang
    view = view if view in spec.views else default_view(spec, f, False)
    graphs = _graph_outputs(spec_id)  # None outside a callback
    state = card_state(spec, f, snapshot, view)
    if graphs is not None and _shown_state(spec_id) == state:
        # the card already shows exactly this: nothing to send, nothing for the browser to redo
        return [dash.no_update] * (len(PARTS) - 1) + [dash.no_update, [dash.no_update] * len(graphs)]
    frame = data_for(spec, f, snapshot, lang)
    shown = _shown_classes(spec_id)
    figures: list = [dash.no_update] * len(graphs or [])
    if view == "table" or spec.kind in ("table", "kpi"):
        card_body = body(spec, f, snapshot, view, frame, scope, embed=embed)
    else:
        card_body, fig_json, sig = _graph_body(spec, f, snapshot, view, scope, title(spec, f, snapshot, lang))
        if graphs and len(shown) == len(graphs) and all(f"fig-{sig}" in c.split() for c in shown):
            # the same kind of figure is on screen: update it in place, keep the body
            card_body, figures = dash.no_update, [figure_patch(fig_json) for _ in graphs]
    return [
        title(spec, f, snapshot, lang),
        subtitle(spec, f, snapshot, lang),
        card_body,
        text_alternative(spec, f, snapshot, lang, frame),
        footer(spec, f, snapshot, view=view),
        state,
        figures,
    ]


def card_outputs(spec_id: str) -> list[Output]:
    """The outputs of :func:`card_values`: the card's parts and its graph's figure (a list: one
    graph, or none when the card shows a table)."""
    # The body is also switch_view's output (MATCH): allow_duplicate, or Dash's checks (debug
    # mode) stop every page callback ("Overlapping wildcard callback outputs").
    return [Output(_id(p, spec_id), "children" if p != "card-state" else "data",
                   allow_duplicate=p == "card-body") for p in PARTS] \
        + [Output(graph_pattern(spec_id), "figure")]


def chart_card(spec_id: str, f: Filters, snapshot: Any, *, heading: str = "h2", primary_page: str | None = None,
               extra_top: list | None = None, scope: str | None = None, view: str | None = None,
               embed: bool = False) -> html.Section:
    """A complete card, rendered on the server for the first view.

    ``primary_page`` makes the card's view switch the page's ``tab`` filter
    (id ``<page>-tab``, written to the URL); other cards switch views locally.
    ``scope`` (default: the primary page) names the page that owns the card's graph
    clicks and table sort links. ``view``: the initial view (e.g. the embed's ``tab``),
    when the spec offers it. ``embed``: the card of /embed/<id>: its links open in a new
    tab (also after a view switch: the body carries the ``embed-scope`` class).
    """
    spec = get_spec(spec_id)
    lang = f.lang
    view = view if view in spec.views else default_view(spec, f, primary_page is not None)
    values = card_values(spec_id, f, snapshot, view, scope or primary_page or "card", embed=embed)
    h = html.H2 if heading == "h2" else html.H3
    children: list = [
        html.Div(className="card-head", children=[
            h(values[0], id=_id("card-title", spec_id), className="card-title"),
            html.P(values[1], id=_id("card-subtitle", spec_id), className="card-subtitle"),
        ]),
    ]
    if extra_top:
        children.extend(extra_top)
    if len(spec.views) > 1:
        tab_id = f"{primary_page}-tab" if primary_page else _id("card-tab", spec_id)
        # A secondary card's switch is written to the URL's ``views`` by assets/peta.js.
        in_views = {} if primary_page else {"data-views-chart": spec_id, "data-views-default": spec.views[0]}
        children.append(html.Fieldset(className="view-switch", **in_views, children=[
            html.Legend(t("card.tabs_label", lang), className="visually-hidden"),
            # the page's own switch is the ``tab`` field; another card's group is named by its id
            widgets.RadioItems(id=tab_id, value=view, inline=True, **({"name": "tab"} if primary_page else {}),
                               options=[{"label": t(f"card.tab.{v}", lang), "value": v} for v in spec.views],
                               className="btn-group-radios", input_class_name="btn-check",
                               label_class_name="btn btn-outline", label_checked_class_name="active"),
        ]))
    children += [
        html.Div(values[2], id=_id("card-body", spec_id),
                 className="card-body-view embed-scope" if embed else "card-body-view"),
        html.P(className="alt-text", children=[
            html.Span(t("card.summary", lang) + ": ", className="alt-label"),
            html.Span(values[3], id=_id("card-alt", spec_id)),
        ]),
        html.Footer(values[4], id=_id("card-foot", spec_id), className="card-foot"),
        dcc.Store(id=_id("card-state", spec_id), data=values[5]),
    ]
    return html.Section(className="chart-card", id=f"card-{spec_id}", **{"aria-label": values[0]},
                        children=children)


@dash.callback(
    Output(_id("card-body", MATCH), "children"),
    Input(_id("card-tab", MATCH), "value"),
    State(_id("card-state", MATCH), "data"),
    State(_id("card-body", MATCH), "className"),
    prevent_initial_call=True,
)
def switch_view(view: str, query: str, body_class: str | None = None):
    """A secondary card's Map/Chart/Table switch: the same spec and filters, another view.

    An embed's card (body class ``embed-scope``) keeps its new-tab links."""
    chart_id = dash.ctx.triggered_id["chart"]
    st = page_state.from_search(_state_query(query))
    if st.snapshot is None:
        raise dash.exceptions.PreventUpdate
    embed = "embed-scope" in (body_class or "").split()
    return body(get_spec(chart_id), st.filters, st.snapshot, view, embed=embed)

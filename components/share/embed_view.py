"""The frame of the embed page around a chart card (Dash components, no callbacks).

Kept apart from ``pages/embed.py`` so the page stays thin glue. The newer
version check is a pure function of the settings and the snapshot.
"""

from __future__ import annotations

from urllib.parse import urlencode

from dash import html

from components.share import bridge
from components.share.text import t
from data.settings import get_settings


def newer_version(snap) -> str | None:
    """The live version when it is newer than the (pinned) ``snap``."""
    return bridge.newer_version(get_settings(), snap)


def initial_view(chart_id: str, f) -> str | None:
    """The embed's first view: the card's own entry in ``views`` if any, else ``tab`` when the chart
    offers it, else None (the chart's first view)."""
    views = tuple(getattr(bridge.get_spec(chart_id), "views", ()))
    own = f.view_of(chart_id) if hasattr(f, "view_of") else ""
    if own in views:
        return own
    return f.tab if f.tab in views else None


def _view_href(chart_id: str, f) -> str:
    try:
        return bridge.chart_urls(chart_id, f).get("view") or "/"
    except (ImportError, KeyError):
        return "/"


def _newer_note(chart_id: str, f, snap, lang: str):
    newer = newer_version(snap) if f.v else None
    if not newer:
        return None
    latest = f.replace(v="")
    q = urlencode(latest.to_query())
    return html.P(className="embed-newer", role="note", children=[
        html.Strong(t("newer_version", lang) + ":"), " ", t("pinned_note", lang, pinned=snap.version, latest=newer),
        " ",
        html.A(t("newer_version_link", lang), href=f"/embed/{chart_id}" + (f"?{q}" if q else "")),
    ])


def frame(chart_id: str, f, snap, notices, card) -> html.Div:
    """The whole embed document body: banner, notes, the card, the link back."""
    lang = f.lang
    title = bridge.chart_texts(bridge.get_spec(chart_id), f, snap, lang)["title"]
    children = [html.H1(f"{title} — Peta Inklusi", className="visually-hidden")]
    if snap.illustrative:
        children.append(html.P(t("illustrative_both", lang) + ": " + t("illustrative_note", lang),
                               className="embed-illustrative", role="note"))
    note = _newer_note(chart_id, f, snap, lang)
    if note is not None:
        children.append(note)
    if notices:
        children.append(html.Ul(className="embed-notices", role="status",
                                children=[html.Li(n.text(lang)) for n in notices]))
    children.append(card)
    children.append(html.P(className="embed-back", children=[
        html.A([t("open_full_view", lang), html.Span(" ↗", **{"aria-hidden": "true"})],
               href=_view_href(chart_id, f), target="_blank", rel="noopener"),
        " · ",
        html.Span("Peta Inklusi", className="embed-brand"),
    ]))
    return html.Div(className="peta-embed-root", lang=lang, children=html.Main(children, className="embed-main"))


def _mark_not_found() -> None:
    """Answer HTTP 404 for the page of an unknown chart (see ``install``'s after_request)."""
    from flask import g, has_request_context

    if has_request_context():
        g.peta_embed_missing = True


def missing(chart_id: str, lang: str, *, has_data: bool) -> html.Div:
    """An unknown chart id (or nothing published): a short message and a link home."""
    msg = t("unknown_chart", lang, chart_id=chart_id) if has_data else t("no_data", lang)
    _mark_not_found()
    return html.Div(className="peta-embed-root", lang=lang, children=html.Main(className="embed-main", children=[
        html.H1("Peta Inklusi"),
        html.P(msg),
        html.A(t("open_full_view", lang), href="/" + ("?lang=en" if lang == "en" else ""), target="_blank",
               rel="noopener"),
    ]))

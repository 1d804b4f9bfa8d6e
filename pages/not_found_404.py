"""The helpful, bilingual 404 page (Dash uses it for every unknown path)."""

from __future__ import annotations

import dash
from dash import dcc, html
from flask import has_request_context, request

from components import shell, state
from components.i18n import t
from components.urls import lang_url


def layout(**query):
    st = state.from_query({k: v for k, v in query.items() if k == "lang"})
    f = st.filters
    lang = f.lang
    path = request.path if has_request_context() and not request.path.startswith("/_dash") else ""
    links = [html.Li(dcc.Link(t(p["nav_key"], lang), href=lang_url(p["path"], lang))) for p in shell.nav_items()]
    content = [
        html.H1(t("404.h1", lang)),
        html.P(t("404.text", lang, path=path or "…")),
        html.P(t("404.try", lang)),
        html.Ul(links, className="inline-list"),
    ]
    return shell.page(content, path="/404", f=f, snapshot=st.snapshot)


dash.register_page(__name__, path="/404", title="404 — Peta Inklusi", name="404", layout=layout,
                   description=t("meta.404", "id"), description_key="meta.404")

"""The frame around every page: skip link, header + navigation, language switch,
illustrative-data banner, URL notices, main landmark and footer.

Pages call :func:`page(...)` from their ``layout`` function, so the shell is
rendered in the request's language on the server. Navigation comes from
``dash.page_registry`` (entries with a ``nav_key``), in Indonesian paths; links
keep only ``lang``.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import dcc, html

from components import geodata
from components.i18n import date as fmt_date, notice_text, t
from components.urls import lang_url, page_url
from data.filters import Filters, Notice


def nav_items() -> list[dict]:
    pages = [p for p in dash.page_registry.values() if p.get("nav_key")]
    return sorted(pages, key=lambda p: p.get("nav_order", 99))


def _is_current(item_path: str, path: str) -> bool:
    if item_path == "/":
        return path == "/"
    return path == item_path or path.startswith(item_path.rstrip("/") + "/")


def lang_switch_href(path: str, f: Filters) -> str:
    other = "id" if f.lang == "en" else "en"
    return page_url(path, f, lang=other)


def header(path: str, f: Filters) -> html.Header:
    lang = f.lang
    other = "id" if lang == "en" else "en"
    links = []
    for p in nav_items():
        current = _is_current(p["path"], path)
        label = [t(p["nav_key"], lang)]
        if current:
            label.append(html.Span(f" ({t('shell.current', lang)})", className="visually-hidden"))
        links.append(html.Li(dcc.Link(label, href=lang_url(p["path"], lang),
                                      className="nav-link" + (" active" if current else ""))))
    return html.Header(className="site-header", children=[
        html.Div(className="container header-row", children=[
            dcc.Link(href=lang_url("/", lang), className="brand", title=t("shell.home_link", lang),
                     children=[html.Span("Peta", className="brand-a"), html.Span("Inklusi", className="brand-b")]),
            html.A(t("shell.lang_switch", lang), id="lang-switch", href=lang_switch_href(path, f), lang=other,
                   hrefLang=other, className="lang-switch", title=t("shell.lang_switch_label", lang)),
        ]),
        html.Nav(className="site-nav", **{"aria-label": t("shell.nav_label", lang)}, children=[
            html.Ul(links, className="container nav-list"),
        ]),
    ])


def banner(snapshot: Any, lang: str) -> html.Div | None:
    if snapshot is not None and snapshot.illustrative:
        return html.Div(t("shell.illustrative", lang), className="banner-illustrative", role="note",
                        id="illustrative-banner")
    return None


def version_note(path: str, f: Filters, snapshot: Any) -> html.Div | None:
    """A pinned older version (``v=``) says so and links to the latest."""
    if snapshot is None or not f.v:
        return None
    from components import state
    live = state.load("")
    if live is None or live.version == snapshot.version:
        return None
    lang = f.lang
    return html.Div(className="notice", role="note", children=[
        t("shell.old_version", lang, v=snapshot.version, live=live.version), " ",
        dcc.Link(t("shell.see_latest", lang), href=page_url(path, f, v="")),
    ])


def notices_area(notices: tuple[Notice, ...] | list[Notice], lang: str) -> html.Div:
    return html.Div(id="notices", className="notices", role="status", children=notices_children(notices, lang))


def notices_children(notices, lang: str) -> list:
    if not notices:
        return []
    return [html.Div(className="notice", children=[
        html.Strong(t("shell.notices_title", lang)),
        html.Ul([html.Li(notice_text(n, lang)) for n in notices]),
    ])]


def footer(snapshot: Any, lang: str) -> html.Footer:
    items: list = []
    if snapshot is not None:
        items.append(html.P(t("shell.footer_version", lang, version=snapshot.version,
                              date=fmt_date(snapshot.data_date, lang))))
    else:
        items.append(html.P(t("shell.no_data_snapshot", lang)))
    items.append(html.P(t("shell.footer_programme", lang)))
    for line in geodata.credits(lang):
        items.append(html.P(line))
    items.append(html.P(dcc.Link(t("shell.footer_credits", lang), href=lang_url("/data", lang))))
    return html.Footer(className="site-footer", children=html.Div(items, className="container"))


def page(content: list, *, path: str, f: Filters, snapshot: Any, notices=()) -> html.Div:
    """The whole page: exactly one ``main``; the content brings exactly one H1."""
    lang = f.lang
    return html.Div(className="page", lang=lang, children=[
        html.A(t("shell.skip", lang), href="#main", className="skip-link"),
        header(path, f),
        banner(snapshot, lang),
        html.Main(id="main", tabIndex="-1", className="container main", children=[
            version_note(path, f, snapshot),
            notices_area(notices, lang),
            *content,
        ]),
        footer(snapshot, lang),
    ])


def no_data_page(path: str, f: Filters, heading: str) -> html.Div:
    return page([html.H1(heading), html.P(t("shell.no_data_snapshot", f.lang))], path=path, f=f, snapshot=None)

"""Small page building blocks shared by several pages (no callbacks)."""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd
from dash import dcc, html

from components.i18n import col, t
from components.specs import data_for, get_spec, policy_href, short_source
from components.urls import lang_url
from data.filters import Filters
from data.snapshot import SnapshotRef


def kpi_cards(f: Filters, snapshot: Any, limit: int = 12, heading_id: str | None = None,
              spec_id: str = "angka-utama") -> html.Div:
    """Headline figures as cards; each keeps the source's qualifier ("lebih dari 600").

    ``spec_id``: the KPI spec (``angka-utama`` follows the filters; ``beranda-angka`` is Beranda's
    deliberate headline set). ``limit`` 0 shows every figure. The cards are kept by value (the
    filters the spec uses, the snapshot): a page's other filters leave them as they are.
    """
    spec = get_spec(spec_id)
    cards = _kpi_list(spec_id, spec.filters(f), SnapshotRef(snapshot), limit, heading_id)
    return html.Div([cards, kpi_share(f, snapshot, spec_id)], className="kpi-block")


@functools.lru_cache(maxsize=128)
def _kpi_list(spec_id: str, f: Filters, ref: SnapshotRef, limit: int, heading_id: str | None) -> html.Ul:
    lang, snapshot = f.lang, ref.snap
    frame = data_for(get_spec(spec_id), f, snapshot, lang)
    if limit:
        frame = frame.head(limit)
    items = []
    for r in frame.to_dict("records"):
        meta = [r["series"], r["date_text"]]
        items.append(html.Li(className="kpi", children=[
            html.Span(r["value_text"], className="kpi-value"),
            html.Span(r["label"], className="kpi-label"),
            html.Span(" · ".join(m for m in meta if m), className="kpi-meta"),
            _kpi_citation(f"{t('card.source', lang)}: {short_source(snapshot, r['source_ids'], lang)}",
                          r["citation"]),
            html.Span(t("card.illustrative", lang), className="tag-illustrative") if r["illustrative"] else None,
        ]))
    if not items:
        return html.Ul([html.Li(t("card.empty", lang))], className="kpis")
    return html.Ul(items, className="kpis", **({"aria-labelledby": heading_id} if heading_id else {}))


def keyed_class(base: str, *parts: Any) -> str:
    """``base`` plus a class naming ``parts`` (a digest): a page callback reads the class names of
    a block on screen back as a State and leaves the block alone when the key is the same."""
    from components.figures import _digest
    return f"{base} key-{_digest([repr(p) for p in parts])}"


def kpi_share(f: Filters, snapshot: Any, spec_id: str = "angka-utama") -> html.Footer:
    """The headline figures' card footer: source, data date, CSV/XLSX/PNG/SVG and the Embed dialog
    (the spec's routes: /download/<id>, /export/<id>, /embed/<id>), as under every chart card."""
    from components.chart_card import footer

    return html.Footer(footer(get_spec(spec_id), f, snapshot), className="card-foot kpi-foot")


def _kpi_citation(source: str, citation: Any) -> Any:
    """The KPI's source; its quoted citation one tap or Enter away (a <details>, no hover needed)."""
    quote = "" if citation is None or (not isinstance(citation, str) and pd.isna(citation)) else str(citation)
    if not quote.strip():
        return html.Span(source, className="kpi-meta")
    return html.Details(className="kpi-cite", children=[
        html.Summary(source, className="kpi-meta"),
        html.P(f"“{quote}”", className="kpi-quote"),
    ])


def theme_links(snapshot: Any, lang: str) -> html.Ul:
    themes = snapshot.tables["themes"].sort_values("sort_order")
    return html.Ul(className="link-grid", children=[
        html.Li(dcc.Link(href=lang_url(f"/tema/{r['theme_id']}", lang), children=[
            html.Strong(col(r, "name", lang)),
            html.Span(col(r, "description", lang), className="desc"),
        ])) for _, r in themes.iterrows()
    ])


def definition_list(pairs: list[tuple[str, Any]]) -> html.Dl:
    children = []
    for k, v in pairs:
        if v is None or v == "" or (not isinstance(v, (list, html.A)) and not hasattr(v, "_type") and pd.isna(v)):
            continue
        children += [html.Dt(k), html.Dd(v)]
    return html.Dl(children, className="facts")


def policy_list(f: Filters, snapshot: Any, empty_key: str = "kebijakan.none") -> html.Ul | html.P:
    """Policy wins as a list; each links to its source."""
    lang = f.lang
    frame = data_for(get_spec("kebijakan-tabel"), f, snapshot, lang)
    if frame.empty:
        return html.P(t(empty_key, lang))
    items = []
    for _, r in frame.iterrows():
        href = policy_href(r, f)
        if href.startswith("/"):  # the source's citation on /data (a full load, so the #anchor scrolls)
            src = html.A(t("kebijakan.citation_link", lang), href=href)
        else:
            src = html.A(t("kebijakan.source_link", lang), href=href, rel="noopener")
        meta = " · ".join(x for x in (r["date_text"], r["level_text"], r["place"], r["instrument"], r["stage"]) if x)
        items.append(html.Li([
            html.Strong(r["label"]), html.Br(), html.Span(meta, className="kpi-meta"),
            html.Span([f"{r['source']}: “{r['citation']}” ", src], className="kpi-meta policy-source"),
            html.Span(t("card.illustrative", lang), className="tag-illustrative") if r["illustrative"] else None,
        ]))
    return html.Ul(items, className="inline-list policy-list")


def partner_links(snapshot: Any, partner_ids: list[str], lang: str) -> html.Ul:
    partners = snapshot.tables["partners"]
    rows = partners[partners["partner_id"].isin(partner_ids)].sort_values("name")
    return html.Ul(className="link-grid", children=[
        html.Li(dcc.Link(href=lang_url(f"/mitra/{r['partner_id']}", lang), children=[
            html.Strong(r["name"]), html.Span(col(r, "description", lang), className="desc")]))
        for _, r in rows.iterrows()])

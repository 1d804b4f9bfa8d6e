"""Every link a chart card offers, from one function.

``chart_urls(chart_id, filters, view=None)`` gives the view, download
(CSV/XLSX), image (PNG/SVG) and embed URLs, all carrying the same query as the
page (only non-default ``Filters`` values). Downloads leave the card's view
out (CSV/XLSX are the table whatever the view); images and the embed keep it
as ``tab`` (the card's view, or the page's ``tab``), so a PNG made from the
chart view is the chart. The routes behind them are served by
``components.share``; pages and the share module both call this function.
"""

from __future__ import annotations

from urllib.parse import urlencode

from data.filters import Filters

VIEW_ONLY = ("tab", "views")  # the cards' views do not change the data: left out of downloads
DEFAULT_TAB = Filters().tab


def chart_query(chart_id: str, filters: Filters, *, keep_view: bool = True, view: str | None = None) -> str:
    """The card's query: its spec's filters; ``keep_view`` keeps the view as ``tab`` (``view``: the
    card's own view, written only when it is not the spec's first view), else no view at all."""
    from components.specs import get_spec
    spec = get_spec(chart_id)
    f = spec.filters(filters)
    if view is not None and view in spec.views:
        f = f.replace(tab=view if view != spec.views[0] else DEFAULT_TAB)
    q = f.to_query()
    q.pop("views", None)  # a card's own view travels as tab
    if not keep_view:
        for k in VIEW_ONLY:
            q.pop(k, None)
    return ("?" + urlencode(q)) if q else ""


def chart_urls(chart_id: str, filters: Filters, view: str | None = None) -> dict[str, str]:
    """``view``, ``csv``, ``xlsx``, ``png`` (Word page), ``png_slide`` (16:9 slide), ``svg`` and ``embed``
    URLs (site-relative) for one card. ``view``: the card's current view (default: the page's ``tab``)."""
    from components.specs import get_spec, page_path
    spec = get_spec(chart_id)
    data_q = chart_query(chart_id, filters, keep_view=False)
    view_q = chart_query(chart_id, filters, view=view)
    return {
        "view": page_path(spec, filters) + ("?" + urlencode(filters.to_query()) if filters.to_query() else ""),
        "csv": f"/download/{chart_id}.csv{data_q}",
        "xlsx": f"/download/{chart_id}.xlsx{data_q}",
        "png": f"/export/{chart_id}.png{view_q}",
        "svg": f"/export/{chart_id}.svg{view_q}",
        "png_slide": f"/export/{chart_id}.png{view_q}{'&' if view_q else '?'}size=slide",
        "embed": f"/embed/{chart_id}{view_q}",
    }


def page_url(path: str, filters: Filters | None = None, **override: str) -> str:
    """``path`` with the query of ``filters`` (+ overrides), only non-defaults."""
    if filters is None:
        filters = Filters()
    q = filters.replace(**override).to_query() if override else filters.to_query()
    return path + (("?" + urlencode(q)) if q else "")


def lang_url(path: str, lang: str) -> str:
    """A navigation link keeping only the language (the other filters belong to the page)."""
    return path + ("?lang=en" if lang == "en" else "")

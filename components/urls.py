"""Every link a chart card offers, from one function.

``chart_urls(chart_id, filters)`` gives the view, download (CSV/XLSX), image
(PNG/SVG) and embed URLs, all carrying the same query as the page (only
non-default ``Filters`` values). The routes behind them are served by
``components.share``; pages and the share module both call this function.
"""

from __future__ import annotations

from urllib.parse import urlencode

from data.filters import Filters

VIEW_ONLY = ("tab",)  # the card's view does not change the data: left out of downloads


def chart_query(chart_id: str, filters: Filters, *, keep_view: bool = True) -> str:
    from components.specs import get_spec
    f = get_spec(chart_id).filters(filters)
    q = f.to_query()
    if not keep_view:
        for k in VIEW_ONLY:
            q.pop(k, None)
    return ("?" + urlencode(q)) if q else ""


def chart_urls(chart_id: str, filters: Filters) -> dict[str, str]:
    """``view``, ``csv``, ``xlsx``, ``png`` (Word page), ``png_slide`` (16:9 slide), ``svg`` and
    ``embed`` URLs (site-relative) for one card."""
    from components.specs import get_spec, page_path
    spec = get_spec(chart_id)
    data_q = chart_query(chart_id, filters, keep_view=False)
    view_q = chart_query(chart_id, filters)
    return {
        "view": page_path(spec, filters) + ("?" + urlencode(filters.to_query()) if filters.to_query() else ""),
        "csv": f"/download/{chart_id}.csv{data_q}",
        "xlsx": f"/download/{chart_id}.xlsx{data_q}",
        "png": f"/export/{chart_id}.png{data_q}",
        "svg": f"/export/{chart_id}.svg{data_q}",
        "png_slide": f"/export/{chart_id}.png{data_q}{'&' if data_q else '?'}size=slide",
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

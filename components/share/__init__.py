"""Share and reuse: embeds, brief-ready image exports, data downloads and a read API.

``install(app, settings)`` is called once by app.py (the composition root). It

- registers the Flask routes: ``/download/<chart-id>.csv|xlsx``,
  ``/download/snapshot.zip``, ``/export/<chart-id>.png|svg`` and the JSON API
  under ``/api/v1`` (see :mod:`components.share.api`);
- wraps the WSGI app so that only ``/embed/*`` may be framed by other sites
  (:mod:`components.share.framing`);
- keeps per-app state (settings, the lazily started kaleido renderer and a
  bytes cache keyed by value) in ``server.extensions["peta_share"]``, not in
  module globals.

The embed page itself is ``pages/embed.py``; :func:`embed_code` gives the
iframe HTML for the card's Embed dialog (its Dash frame is in
:mod:`components.share.embed_view`). Importing this package does no I/O and
does not import Dash.
"""

from __future__ import annotations

import atexit
import html
from dataclasses import dataclass, field
from urllib.parse import urlencode

from components.share.cache import BytesCache
from components.share.images import Renderer
from components.share.text import norm_lang, t

__all__ = ["install", "embed_code", "embed_url", "ShareState"]


@dataclass
class ShareState:
    """Per-app state of the share features."""

    settings: object
    renderer: Renderer = field(default=None)
    cache: BytesCache = field(default_factory=BytesCache)

    def __post_init__(self):
        if self.renderer is None:
            self.renderer = Renderer(getattr(self.settings, "chromium", "/usr/bin/chromium"))


def install(app, settings) -> None:
    """Register the share routes and the framing rule on a Dash app (or a bare Flask app)."""
    from components.share import api, framing, routes

    server = getattr(app, "server", app)
    if "peta_share" in server.extensions:
        return
    state = ShareState(settings)
    server.extensions["peta_share"] = state
    server.register_blueprint(routes.blueprint())
    server.register_blueprint(api.blueprint())
    server.wsgi_app = framing.FramingMiddleware(server.wsgi_app)

    @server.after_request
    def _embed_status(response):
        # pages/embed.py rendered "no such chart" (server-side render of the index)
        from flask import g

        if getattr(g, "peta_embed_missing", False) and response.status_code == 200:
            response.status_code = 404
        return response
    atexit.register(state.renderer.close)


def _query(chart_id: str, filters) -> str:
    return urlencode(dict(filters.to_query())) if filters is not None else ""


def site_base() -> str:
    """The address embed codes name: ``PETA_PUBLIC_URL``, else the request's own host ('' outside
    a request)."""
    from data.settings import get_settings
    return get_settings().public_url.rstrip("/") or _request_base()


def _request_base() -> str:
    """The request's own host (PETA_PUBLIC_URL empty): an embed code must hold an absolute URL."""
    from flask import has_request_context, request
    return request.host_url.rstrip("/") if has_request_context() else ""


def _chart_title(chart_id: str, filters, lang: str) -> str:
    """The card's title for the iframe's title attribute ('' when it cannot be made)."""
    if filters is None:
        return ""
    from components.share import bridge
    from data.settings import get_settings

    try:
        snap = bridge.load(get_settings(), getattr(filters, "v", "") or None)
        texts = bridge.chart_texts(bridge.get_spec(chart_id), filters, snap, lang)
    except (bridge.ShareError, ImportError, LookupError, AttributeError, ValueError):
        return ""
    return f"{texts['title']} — Peta Inklusi"


def embed_url(chart_id: str, filters, base_url: str = "") -> str:
    """``<base>/embed/<chart-id>?<the page's query>`` (same query as the page)."""
    q = _query(chart_id, filters)
    return f"{base_url.rstrip('/')}/embed/{chart_id}" + (f"?{q}" if q else "")


def embed_code(chart_id: str, filters, base_url: str, lang: str = "id", *, title: str | None = None,
               height: int = 520, path: str | None = None) -> str:
    """The HTML a site pastes to embed a chart card.

    An ``<iframe>`` (title attribute for screen readers: the card's title +
    " — Peta Inklusi", ``loading="lazy"``, full width) plus the tiny resize
    script that sets the iframe's height from the embed's
    ``peta-inklusi:resize`` messages. ``path``: the site-relative embed URL
    when the caller has it (``components.urls.chart_urls(...)["embed"]``,
    which carries the card's view); otherwise it is made from ``filters``.
    """
    lang = norm_lang(lang)
    base_url = base_url or _request_base()
    if filters is not None and getattr(filters, "lang", lang) != lang:
        filters = filters.replace(lang=lang)
    src = base_url.rstrip("/") + path if path else embed_url(chart_id, filters, base_url)
    label = title or _chart_title(chart_id, filters, lang) or f"{t('embed_title', lang)}: {chart_id}"
    script = f"{base_url.rstrip('/')}/assets/embed-resize.js"
    return (
        f'<iframe src="{html.escape(src, quote=True)}" title="{html.escape(label, quote=True)}" '
        f'loading="lazy" width="100%" height="{int(height)}" '
        f'style="border:0;width:100%;max-width:100%;min-height:240px" '
        f'referrerpolicy="strict-origin-when-cross-origin"></iframe>\n'
        f'<script src="{html.escape(script, quote=True)}" async></script>'
    )

"""Peta Inklusi: the composition root. No callbacks here.

- ``python app.py``: Dash's development server (``PETA_DEBUG=true`` for dev tools).
- ``gunicorn app:server``: production (sync workers, e.g. ``-w 2``).

It builds the Dash app (``use_pages`` over ``pages/``; layouts are built per
request, never all at start-up), serves everything locally (no CDN, no web
fonts, plotly's topojson from ``assets/vendor``), sets the security headers
(a Content-Security-Policy with Dash's inline-script hashes and no
'unsafe-eval', nosniff, Referrer-Policy), writes the request's language into
``<html lang>``, and installs the performance and share modules.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

# plotly imports numpy lazily; importing both here keeps a worker from
# meeting the half-initialised module from two threads (see BRIEF).
import numpy  # noqa: F401  (imported for its side effect, see above)
import plotly.graph_objects  # noqa: F401

import dash
from dash import html
from flask import request

from components import geodata, perf, prerender, share, state, url_state
from data.filters import Filters, allowed
from data.settings import get_settings

HERE = Path(__file__).resolve().parent
settings = get_settings()

app = dash.Dash(
    __name__,
    use_pages=True,
    pages_folder=str(HERE / "pages"),
    assets_folder=str(HERE / "assets"),
    # Pages are built when requested; with False Dash would build every page's
    # layout at start-up to validate callbacks.
    suppress_callback_exceptions=True,
    serve_locally=True,
    compress=False,
    title="Peta Inklusi",
    update_title=None,
    meta_tags=[
        {"name": "viewport", "content": "width=device-width, initial-scale=1"},
        {"name": "theme-color", "content": "#0b5394"},
    ],
)
server = app.server
app.layout = prerender.app_layout(url_state.stores())

app.index_string = """<!DOCTYPE html>
<html lang="id">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""

prerender.install(app)
geodata.install(app)

perf.install(app, settings, cache_key=state.live_key)
share.install(app, settings)


# --- worker warm-up (gunicorn.conf.py calls it before a worker takes requests) -------

def warm_urls() -> tuple[list[str], list[str], list[str], list[str]]:
    """What every worker answers once (``perf.warm``): before it takes requests, the landing pages
    in full and the map explorer for each indicator (its first control) as a filter change draws
    it; then, in the background, the other pages and the explorer for each province and programme
    (one of each comes first, so their code is imported before a second thread runs). Nothing
    when the optimisations are off (the benchmark's baseline)."""
    if not settings.optimize:
        return [], [], [], []
    snap = state.load("")
    if snap is None:
        return ["/"], [], [], []
    default = Filters()
    indicators = [f"/peta?indicator={quote(i)}" for i in allowed("indicator", snap) if i != default.indicator]
    provinces = [f"/peta?province={quote(c)}" for c, _name in geodata.places("province")]
    programmes = [f"/peta?programme={quote(p)}" for p in allowed("programme", snap) if p != default.programme]
    first = provinces[:1] + programmes[:1]
    others = [p["path"] for p in dash.page_registry.values()
              if p.get("nav_key") and "<" not in p["path"] and p["path"] not in ("/", "/peta")]
    return ["/", "/peta"], indicators + first, others, provinces[1:] + programmes[1:]


def warm(base_url: str = "http://localhost") -> perf.Warmed:
    pages, views, later_pages, later_views = warm_urls()
    return perf.warm(server, pages, views, later_pages, later_views, base_url=base_url)


server.extensions["peta_warm"] = warm


# --- per-request headers ------------------------------------------------------------

_HTML_LANG = re.compile(rb'<html lang="[a-z]{2}"', re.I)


def csp() -> str:
    """The Content-Security-Policy: only this origin, Dash's inline scripts by hash."""
    scripts = " ".join(["'self'", *app.csp_hashes()])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        # plotly.js adds <style> rules at run time; styles cannot run code.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


@server.before_request
def _register_component_paths():
    """Register Dash's component bundles in every worker before serving any of them.

    Dash records the allowed ``_dash-component-suites`` paths while it renders
    the index page; a gunicorn worker that has not rendered it yet would answer
    500 for a lazily loaded chunk another worker's page asked for.
    """
    if not app.registered_paths:
        app._generate_scripts_html()
        app._generate_css_dist_html()


@server.after_request
def _headers(response):
    h = response.headers
    h.setdefault("X-Content-Type-Options", "nosniff")
    h.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    h.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if "Content-Security-Policy" not in h:
        h["Content-Security-Policy"] = csp()
    if response.mimetype == "text/html" and response.status_code in (200, 404) and not response.direct_passthrough:
        lang = "en" if request.args.get("lang", "").strip().lower() == "en" else "id"
        if "Content-Encoding" not in h:
            body = response.get_data()
            new = _HTML_LANG.sub(f'<html lang="{lang}"'.encode(), body, count=1)
            if new != body:
                response.set_data(new)
    return response


if __name__ == "__main__":
    app.run(host=settings.host, port=settings.port, debug=settings.debug,
            dev_tools_ui=settings.debug, dev_tools_props_check=settings.debug,
            # nothing is fetched from the internet at run time, not even Dash's version check
            dev_tools_disable_version_check=True)

"""Server-rendered HTML of the requested page inside Dash's index document.

Dash normally sends an empty ``react-entry-point`` and builds the page in the
browser. Here the index already carries the page's HTML (its one H1, the
headline figures, tables and links, rendered from the same ``layout``
function), so the content is readable before the scripts arrive, on slow
phones and without JavaScript; React replaces it when it mounts.

Only ``dash.html``/``dcc.Link``/the app's own form controls (``components.widgets``) are turned into HTML;
graphs become a labelled placeholder (the performance module may put a
server-drawn SVG there). Unknown paths get HTTP 404 with the helpful page.

Dash's own layout (``/_dash-layout``, :func:`app_layout`) carries the requested page too, so
the browser mounts it at once instead of asking Dash's page router for it in one more round trip
(about 0.6 s on 3G) after every script has run.
"""

from __future__ import annotations

import html as H
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from flask import g, request

from components import widgets

VOID = {"br", "hr", "img", "input", "meta", "link", "col", "wbr"}
ATTRS = {
    "className": "class", "htmlFor": "for", "tabIndex": "tabindex", "colSpan": "colspan", "rowSpan": "rowspan",
    "hrefLang": "hreflang", "readOnly": "readonly", "maxLength": "maxlength",
}
PLAIN = {"id", "href", "lang", "role", "title", "hidden", "scope", "download", "open", "target", "rel", "name",
         "type", "value", "placeholder", "rows", "dir"}
SKIP_TYPES = {"Store", "Location", "Interval", "Download"}


def _attr_text(name: str, value: Any) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return f" {name}"
    if isinstance(value, dict):
        import json
        value = json.dumps(value, sort_keys=True, separators=(",", ":"))
    return f' {name}="{H.escape(str(value), quote=True)}"'


def _attrs(comp: Any) -> str:
    out = []
    props = comp.to_plotly_json()["props"]
    for k, v in props.items():
        if k == "children":
            continue
        if k in ATTRS:
            out.append(_attr_text(ATTRS[k], v))
        elif k in PLAIN or k.startswith("aria-") or k.startswith("data-"):
            out.append(_attr_text(k, v))
    return "".join(out)


def to_html(node: Any, ctx: dict | None = None) -> str:
    """HTML for a Dash component tree (text is escaped).

    ``ctx``: ``lang`` (number format of server-drawn charts) and, internally,
    the label of the graph being drawn. Filter panels become GET forms, so
    the HTML works before (or without) JavaScript: the lite view.
    """
    ctx = {"lang": "id"} if ctx is None else ctx
    if node is None:
        return ""
    if isinstance(node, (str, int, float)):
        return H.escape(str(node))
    if isinstance(node, (list, tuple)):
        return "".join(to_html(n, ctx) for n in node)
    typ = getattr(node, "_type", "")
    ns = getattr(node, "_namespace", "")
    children = getattr(node, "children", None)
    if typ in SKIP_TYPES:
        return ""
    if ns == "dash_html_components":
        tag = typ.lower()
        if tag in VOID:
            return f"<{tag}{_attrs(node)}>"
        props = node.to_plotly_json()["props"]
        if tag == "details" and "filters" in str(props.get("className", "")):
            return _filters_form(node, ctx)
        inner = {**ctx, "label": props["data-label"]} if props.get("data-label") else ctx
        return f"<{tag}{_attrs(node)}>{to_html(children, inner)}</{tag}>"
    if typ == "Link":
        cls = _attr_text("class", getattr(node, "className", None))
        return f'<a href="{H.escape(str(node.href), quote=True)}"{cls}>{to_html(children, ctx)}</a>'
    if typ == "Graph":
        ctx.setdefault("graphs", []).append(1)
        return _graph(node, ctx)
    if ns == widgets.NAMESPACE:
        return _widget(node)
    if typ == "Textarea":
        value = H.escape(str(node.value or ""))
        return f'<textarea{_attrs(node)} readonly class="form-control embed-code">{value}</textarea>'
    return to_html(children, ctx)


def _classes(*parts: Any) -> str:
    """Class names, each once, in the order given (``cx`` in assets/peta-widgets.js)."""
    out: list[str] = []
    for part in parts:
        for c in str(part or "").split():
            if c not in out:
                out.append(c)
    return " ".join(out)


def _widget(node: Any) -> str:
    """The HTML assets/peta-widgets.js renders for a ``components.widgets`` control, so nothing moves
    when React takes over. What the browser keeps as a property, the server writes as an attribute
    (``selected`` on the chosen option, ``checked`` on the chosen radio, the input's ``value``), and a
    radio group without a name of its own (a secondary card's view switch: its view lives in ``views``,
    which only the browser writes) is ``disabled`` here, since without JavaScript it could do nothing."""
    props = node.to_plotly_json()["props"]
    sid = widgets.stringify_id(props.get("id"))
    idattr = _attr_text("id", sid if "id" in props else None)
    value = props.get("value")
    if node._type == "RadioItems":
        name = props.get("name") or sid
        items = []
        for i, o in enumerate(props.get("options") or []):
            checked, iid = o["value"] == value, f"{sid}-{i}"
            box = _classes("form-check", props.get("inline") and "form-check-inline")
            radio = _classes("form-check-input", props.get("input_class_name"))
            label = _classes("form-check-label", props.get("label_class_name"),
                             checked and props.get("label_checked_class_name"))
            items.append(f'<div class="{box}"><input type="radio"{_attr_text("id", iid)}{_attr_text("name", name)}'
                         f'{_attr_text("value", o["value"])}{_attr_text("checked", checked)}'
                         f'{_attr_text("disabled", not props.get("name"))}{_attr_text("class", radio)}>'
                         f'<label{_attr_text("for", iid)}{_attr_text("class", label)}>{H.escape(str(o["label"]))}'
                         f'</label></div>')
        return f'<div{idattr}{_attr_text("class", _classes(props.get("className")) or None)}>{"".join(items)}</div>'
    if node._type == "Select":
        shown = "" if value is None else value
        opts = "".join(f'<option{_attr_text("value", o["value"])}{_attr_text("selected", o["value"] == shown)}>'
                       f'{H.escape(str(o["label"]))}</option>' for o in props.get("options") or [])
        return (f'<select{idattr}{_attr_text("name", props.get("name"))}'
                f'{_attr_text("class", _classes("form-select", props.get("className")))}>{opts}</select>')
    if node._type == "Input":
        return (f'<input{idattr}{_attr_text("type", props.get("type") or "text")}'
                f'{_attr_text("name", props.get("name"))}{_attr_text("value", "" if value is None else value)}'
                f'{_attr_text("placeholder", props.get("placeholder"))}'
                f'{_attr_text("maxlength", props.get("maxLength"))}'
                f'{_attr_text("class", _classes(props.get("className"), "form-control"))}>')
    raise ValueError(f"no server HTML for widgets.{node._type}")


def _filters_form(node: Any, ctx: dict) -> str:
    """The filter panel as a plain GET form (works without JavaScript)."""
    from components.i18n import t
    lang = ctx.get("lang", "id")
    hidden = '<input type="hidden" name="lang" value="en">' if lang == "en" else ""
    if ctx.get("lite"):
        hidden += '<input type="hidden" name="lite" value="1">'  # stay in the lite view
    for name, value in (ctx.get("keep") or {}).items():  # the other cards' views and a pinned version
        hidden += f'<input type="hidden"{_attr_text("name", name)}{_attr_text("value", value)}>'
    body = to_html(node.children, ctx)
    button = f'<button type="submit" class="btn btn-primary">{H.escape(t("ctl.apply", lang))}</button>'
    return (f'<details class="filters" open><form method="get" class="filters-form">{body}{hidden}'
            f'<div class="filters-body">{button}</div></form></details>')


def _inline_geojson(figure: Any) -> Any:
    """Maps on pages point at /geo/*.geojson; the server-drawn SVG needs the shapes themselves."""
    from components import geodata
    fig = figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure
    data = fig.get("data", []) if isinstance(fig, dict) else []
    if not any(isinstance(tr.get("geojson"), str) for tr in data):
        return figure
    out = dict(fig, data=[])
    for tr in data:
        parsed = geodata.parse_geojson_url(tr.get("geojson")) if isinstance(tr.get("geojson"), str) else None
        out["data"].append(dict(tr, geojson=geodata.geojson(*parsed)) if parsed else tr)
    return out


def _graph(node: Any, ctx: dict) -> str:
    """A server-drawn SVG of the figure (components.perf), else an empty placeholder."""
    from components.i18n import number
    from components.perf import figure_svg
    lang = ctx.get("lang", "id")
    fig = node.figure.to_plotly_json() if hasattr(node.figure, "to_plotly_json") else node.figure
    for tr in (fig.get("data") or []) if isinstance(fig, dict) else []:
        url = tr.get("geojson")
        if isinstance(url, str) and "geojson" in ctx and url not in ctx["geojson"]:
            ctx["geojson"].append(url)  # named in the page's head, fetched early (plotly-loader.js)
    figure = _inline_geojson(fig)
    try:
        svg = figure_svg(figure, label=ctx.get("label", ""), number_format=lambda v: number(v, lang))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, ZeroDivisionError):
        svg = ""  # the interactive chart and the table still carry the data
    if not svg:
        return '<div class="graph-placeholder" aria-hidden="true"></div>'
    return f'<div class="graph-placeholder">{svg}</div>'


def _page_for(path: str) -> tuple[dict | None, dict, bool]:
    """(the page registered for ``path``, its path variables, whether one matched), the way Dash's
    router finds it; an unmatched path gets the not-found page (None when there is none)."""
    from dash import _pages
    page, variables = _pages._path_to_page(path.strip("/"))
    if page:
        return page, variables or {}, True
    missing = next((p for m, p in _pages.PAGE_REGISTRY.items() if m.split(".")[-1] == "not_found_404"), None)
    return missing, {}, False


def _call_layout(page: dict, variables: dict, args: dict) -> Any:
    layout = page.get("layout")
    return layout(**{**variables, **args}) if callable(layout) else layout


def render_path(path: str, args: dict, ctx: dict | None = None) -> tuple[str, bool]:
    """(HTML of the page at ``path`` with query ``args``, whether a page matched).

    ``ctx`` (optional) receives ``graphs``: one entry per chart on the page, and ``geojson``: the
    boundary URLs its maps use.
    """
    page, variables, found = _page_for(path)
    if page is None:
        return "", False
    layout = _call_layout(page, variables, args)
    lang = "en" if str(args.get("lang", "")).strip().lower() == "en" else "id"
    ctx = {} if ctx is None else ctx
    ctx.update(lang=lang, graphs=ctx.get("graphs", []), geojson=ctx.get("geojson", []),
               lite=str(args.get("lite", "")).strip() == "1", page=page,
               keep={k: str(args[k])[:200] for k in ("views", "v") if str(args.get(k) or "").strip()})
    return to_html(layout, ctx), found


def set_description(text: str) -> None:
    """A page's own description (e.g. naming the place or partner) for the document's meta tags."""
    from flask import has_request_context
    if has_request_context():
        g.peta_description = text


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")
# The page meta tags Dash writes from the page registry (in Indonesian, whatever the language).
_PAGE_METAS = re.compile(r'\s*<meta (?:name="description"|property="(?:og|twitter):[a-z_:]+")[^>]*>')


def document_title(body: str) -> str:
    """'<the page's H1> — Peta Inklusi' (the H1 alone when it already starts with the site name).

    The same rule as assets/peta.js applies in the browser, so the tab title is the same with or
    without JavaScript (WCAG 2.4.2).
    """
    m = _H1.search(body or "")
    if not m:
        return "Peta Inklusi"
    h1 = " ".join(H.unescape(_TAG.sub("", m.group(1))).split())
    if not h1:
        return "Peta Inklusi"
    return h1 if h1.startswith("Peta Inklusi") else f"{h1} — Peta Inklusi"


def page_description(page: dict | None, lang: str) -> str:
    """The description set by the page's layout, else the catalog's ``meta.<page>``, else the tagline."""
    from components.i18n import has, t
    own = getattr(g, "peta_description", "")
    if own:
        return own
    page = page or {}
    key = page.get("description_key") or ""
    if not key and str(page.get("nav_key", "")).startswith("page."):
        key = "meta." + page["nav_key"].split(".", 1)[1]
    return t(key, lang) if key and has(key) else t("site.tagline", lang)


def meta_tags(title: str, description: str, lang: str, url: str) -> str:
    """description, Open Graph and Twitter tags in the request's language."""
    tags = [("name", "description", description),
            ("property", "og:title", title), ("property", "og:description", description),
            ("property", "og:type", "website"), ("property", "og:url", url),
            ("property", "og:locale", "en_GB" if lang == "en" else "id_ID"),
            ("property", "og:site_name", "Peta Inklusi"),
            ("property", "twitter:card", "summary"), ("property", "twitter:title", title),
            ("property", "twitter:description", description), ("property", "twitter:url", url)]
    return "\n".join(f'<meta {a}="{n}" content="{H.escape(c, quote=True)}">' for a, n, c in tags)


def mark_not_found() -> None:
    """Called by a page that cannot find what its path names: the index answers 404."""
    from flask import has_request_context
    if has_request_context():
        g.peta_not_found = True


_GRAPH_PRELOAD = re.compile(r'<link[^>]*rel="preload"[^>]*async-graph\.js[^>]*>\s*|'
                            r'<link[^>]*async-graph\.js[^>]*rel="preload"[^>]*>\s*')


def install(app) -> None:
    """Put the requested page's HTML into Dash's index; mark unknown paths 404."""
    original = app.interpolate_index

    def interpolate_index(**kw):
        try:
            args = {k: (v[0] if len(v) == 1 else v) for k, v in parse_qs(request.query_string.decode("utf-8",
                                                                                                   "replace")).items()}
            ctx: dict = {}
            body, found = render_path(request.path, args, ctx)
            if not found:
                g.peta_not_found = True
            # The document's title and meta tags in the request's language, naming what the page shows.
            lang = ctx.get("lang", "id")
            title = document_title(body)
            kw["title"] = H.escape(title)
            metas = _PAGE_METAS.sub("", kw.get("metas", ""))
            kw["metas"] = meta_tags(title, page_description(ctx.get("page"), lang), lang, request.url) + "\n" + metas
            if ctx.get("geojson"):
                # The boundaries the page's maps will ask for: assets/vendor/plotly-loader.js fetches them
                # while the scripts download, into plotly's own GeoJSON cache (one round trip fewer).
                urls = " ".join(ctx["geojson"])
                kw["metas"] += f'\n<meta name="peta-geojson" content="{H.escape(urls, quote=True)}">'
            if not ctx.get("graphs"):
                # No chart on this page: do not preload dcc.Graph's code (it would go unused and
                # the browser warns about it); it loads on demand if the visitor opens a map.
                kw["css"] = _GRAPH_PRELOAD.sub("", kw.get("css", ""))
        except RuntimeError:
            body = ""
        if body:
            entry = kw.get("app_entry", "")
            kw["app_entry"] = entry.replace('<div class="_dash-loading">\nLoading...\n</div>', body, 1) \
                if "_dash-loading" in entry else entry
            if kw["app_entry"] == entry:
                kw["app_entry"] = f'<div id="react-entry-point">{body}</div>'
        return original(**kw)

    app.interpolate_index = interpolate_index

    @app.server.after_request
    def _layout_varies_by_page(response):
        # Dash's layout carries the page that asked for it (its Referer): never cached across pages.
        if request.path.endswith("/_dash-layout"):
            vary = response.headers.get("Vary", "")
            response.headers["Vary"] = f"{vary}, Referer" if vary else "Referer"
            response.headers["Cache-Control"] = "no-cache"
        return response

    @app.server.after_request
    def _status(response):
        if getattr(g, "peta_not_found", False) and response.status_code == 200:
            response.status_code = 404
        return response


# --------------------------------------------------------------------------- Dash's layout

LOCATION_ID, CONTENT_ID, STORE_ID, DUMMY_ID = "_pages_location", "_pages_content", "_pages_store", "_pages_dummy"


def _query_args(query: str) -> dict:
    return {k: (v[0] if len(v) == 1 else v) for k, v in parse_qs(query).items()}


def page_layout(path: str, args: dict) -> tuple[Any, str] | None:
    """(layout, title) as Dash's page router would build them for ``path`` and query ``args``; None
    for a path no page serves or a page that cannot find what the path names (the router then
    answers, as usual)."""
    page, variables, found = _page_for(path)
    if not found:
        return None
    missing_before = bool(getattr(g, "peta_not_found", False))
    layout = _call_layout(page, variables, args)
    if getattr(g, "peta_not_found", False) and not missing_before:
        g.peta_not_found = False  # a 404 page: let the router render it (Dash's layout stays 200)
        return None
    title = page.get("title")
    return layout, (title(**variables) if callable(title) else title)


def page_container(url: str | None = None) -> Any:
    """``dash.page_container``, with the page at ``url`` already in it when one serves that URL.

    The location then holds that URL's path, query and address: dcc.Location changes nothing on
    mount when its properties are set, so Dash's router is not called until the visitor navigates.
    """
    import dash
    from dash import dcc, html
    if not url:
        return dash.page_container
    parts = urlsplit(url)
    found = page_layout(parts.path or "/", _query_args(parts.query))
    if found is None:
        return dash.page_container
    layout, title = found
    return html.Div([
        dcc.Location(id=LOCATION_ID, refresh="callback-nav", pathname=parts.path or "/",
                     search=f"?{parts.query}" if parts.query else "", hash="", href=url),
        html.Div(id=CONTENT_ID, disable_n_clicks=True, children=layout),
        dcc.Store(id=STORE_ID, data={"title": title}),  # what the router would store (Dash sets the title)
        html.Div(id=DUMMY_ID, disable_n_clicks=True),
    ])


def requested_page_url() -> str | None:
    """For Dash's ``/_dash-layout`` request: the address of the page asking for it (its ``Referer``,
    same origin only; the app sends ``Referrer-Policy: strict-origin-when-cross-origin``, so a
    same-origin request names the full path and query). None otherwise."""
    from flask import has_request_context
    if not has_request_context() or not request.path.endswith("/_dash-layout"):
        return None
    ref = request.headers.get("Referer") or ""
    parts = urlsplit(ref)
    if parts.scheme not in ("http", "https") or parts.netloc != request.host:
        return None
    return ref.split("#", 1)[0]


def app_layout(extra: list) -> Any:
    """``app.layout``: the page container (with the requested page, see :func:`page_container`)
    and the app-wide ``extra`` components."""
    def layout():
        from dash import html
        return html.Div([page_container(requested_page_url()), *extra])
    return layout

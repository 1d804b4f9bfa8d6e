"""Server-rendered HTML of the requested page inside Dash's index document.

Dash normally sends an empty ``react-entry-point`` and builds the page in the
browser. Here the index already carries the page's HTML (its one H1, the
headline figures, tables and links, rendered from the same ``layout``
function), so the content is readable before the scripts arrive, on slow
phones and without JavaScript; React replaces it when it mounts.

Only ``dash.html``/``dcc.Link``/dbc form components are turned into HTML;
graphs become a labelled placeholder (the performance module may put a
server-drawn SVG there). Unknown paths get HTTP 404 with the helpful page.
"""

from __future__ import annotations

import html as H
from typing import Any
from urllib.parse import parse_qs

from flask import g, request

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


def to_html(node: Any) -> str:
    """HTML for a Dash component tree (text is escaped)."""
    if node is None:
        return ""
    if isinstance(node, (str, int, float)):
        return H.escape(str(node))
    if isinstance(node, (list, tuple)):
        return "".join(to_html(n) for n in node)
    typ = getattr(node, "_type", "")
    ns = getattr(node, "_namespace", "")
    children = getattr(node, "children", None)
    if typ in SKIP_TYPES:
        return ""
    if ns == "dash_html_components":
        tag = typ.lower()
        if tag in VOID:
            return f"<{tag}{_attrs(node)}>"
        return f"<{tag}{_attrs(node)}>{to_html(children)}</{tag}>"
    if typ == "Link":
        return f'<a href="{H.escape(str(node.href), quote=True)}"{_attr_text("class", getattr(node, "className", None))}>' \
               f"{to_html(children)}</a>"
    if typ == "Graph":
        return '<div class="graph-placeholder" aria-hidden="true"></div>'
    if typ == "Label":
        return f'<label{_attr_text("for", getattr(node, "html_for", None))} class="form-label">{to_html(children)}</label>'
    if typ == "Select":
        opts = "".join(
            f'<option value="{H.escape(str(o["value"]), quote=True)}"'
            f'{" selected" if o["value"] == node.value else ""}>{H.escape(str(o["label"]))}</option>'
            for o in (node.options or []))
        return f'<select id="{H.escape(str(node.id))}" class="form-select" disabled>{opts}</select>'
    if typ == "RadioItems":
        opts = "".join(
            f'<span class="form-check"><input type="radio" disabled{" checked" if o["value"] == node.value else ""}'
            f' id="{H.escape(str(node.id))}-{i}" class="btn-check"><label for="{H.escape(str(node.id))}-{i}" '
            f'class="btn btn-outline{" active" if o["value"] == node.value else ""}">{H.escape(str(o["label"]))}'
            f'</label></span>' for i, o in enumerate(node.options or []))
        return f'<div class="btn-group-radios">{opts}</div>'
    if typ == "Textarea":
        return f'<textarea{_attrs(node)} readonly class="form-control embed-code">{H.escape(str(node.value or ""))}</textarea>'
    if typ == "Input":
        return f'<input{_attrs(node)} class="form-control">'
    return to_html(children)


def render_path(path: str, args: dict) -> tuple[str, bool]:
    """(HTML of the page at ``path`` with query ``args``, whether a page matched)."""
    from dash import _pages
    page, variables = _pages._path_to_page(path.strip("/"))
    found = bool(page)
    if not page:
        page = next((p for m, p in _pages.PAGE_REGISTRY.items() if m.split(".")[-1] == "not_found_404"), None)
        if page is None:
            return "", False
    layout = page.get("layout")
    if callable(layout):
        layout = layout(**{**(variables or {}), **args})
    return to_html(layout), found


def mark_not_found() -> None:
    """Called by a page that cannot find what its path names: the index answers 404."""
    from flask import has_request_context
    if has_request_context():
        g.peta_not_found = True


def install(app) -> None:
    """Put the requested page's HTML into Dash's index; mark unknown paths 404."""
    original = app.interpolate_index

    def interpolate_index(**kw):
        try:
            args = {k: (v[0] if len(v) == 1 else v) for k, v in parse_qs(request.query_string.decode("utf-8",
                                                                                                   "replace")).items()}
            body, found = render_path(request.path, args)
            if not found:
                g.peta_not_found = True
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
    def _status(response):
        if getattr(g, "peta_not_found", False) and response.status_code == 200:
            response.status_code = 404
        return response

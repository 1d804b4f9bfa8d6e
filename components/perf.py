"""Performance plumbing: the small plotly.js bundle, local topojson, compression, caching.

``install(app, settings)`` is called once by app.py (after every other
``app.config`` change, since it appends to ``external_scripts``). It only
registers Flask hooks and one route; it does no I/O itself.

What it does
- Always: serves ``assets/vendor/**`` (the custom plotly.js bundle and the
  empty topojson stand-ins for plotly's geo base layers) at
  ``<prefix>assets/vendor/...`` and keeps Dash from auto-loading that folder
  as page scripts. So no map ever asks plotly's CDN for ``world_110m.json``,
  whatever ``settings.optimize`` says (the project serves nothing from the
  internet).
- With ``settings.optimize`` (the default):
  * loads ``plotly-custom.min.js`` (plotly.js with only scatter, bar and
    choropleth; same plotly.js version as plotly.py's) through the small
    ``plotly-loader.js``: preloaded from the head, executed as soon as it
    arrives without blocking Dash's renderer, and awaited by dcc.Graph (it
    finds ``window.Plotly`` defined, so it never downloads Dash's full
    ~4.8 MB ``plotly.min.js``); the bundle also registers the empty topojson,
    so maps fetch nothing more;
  * preloads dcc.Graph's chunk and Dash's layout and callback graph
    (``preload_links``) so they are not extra round trips;
  * answers static files (Dash's component suites, ``assets/``, the vendor
    folder) with brotli or gzip bodies compressed once at the highest level
    and kept in a content-addressed cache folder shared by all workers;
  * marks versioned URLs (Dash's fingerprinted suites, ``?m=`` assets,
    ``?v=`` vendor files) ``public, max-age=31536000, immutable`` and the rest
    ``no-cache`` with an ETag;
  * compresses dynamic responses (HTML, layout and callback JSON) on the fly;
  * answers a Dash callback it has answered before from a per-worker cache keyed by value
    (:class:`CallbackCache`: the request body, the host and ``cache_key()``, e.g. the live data
    version), so a view other visitors already asked for costs a look-up;
  * serves the lite view: with ``?lite=1`` or the browser's ``Save-Data: on``
    (unless ``?lite=0``) the HTML page goes out without any script, i.e. only
    what the server rendered into it (see ``figure_svg``) and the CSS.
- With ``optimize`` off, Dash's defaults stay (full plotly.js, no compression)
  so the benchmark can report the difference.

Dash serialises figures and callback responses with plotly's JSON encoder. With ``optimize``
on it uses the standard-library engine (:data:`JSON_ENGINE`): plotly's orjson engine first walks
the whole response in Python to clean it, and measured here that made a /peta callback answer
(16 vs 9 ms) and a page layout (17 vs 11 ms) slower. ``json_engine()`` tells which is in use.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import itertools
import mimetypes
import os
import re
import sys
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VENDOR_DIR = PROJECT_ROOT / "assets" / "vendor"
BUNDLE_NAME = "plotly-custom.min.js"
BUNDLE_PATH = VENDOR_DIR / BUNDLE_NAME
TOPOJSON_DIR = VENDOR_DIR / "topojson"
PACKAGE_LOCK = PROJECT_ROOT / "package-lock.json"

#: Dash's URL for the full plotly.js bundle (requested only if window.Plotly is missing).
FULL_PLOTLY_PATH = "_dash-component-suites/plotly/package_data/plotly.min.js"

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

#: Content types worth compressing (images and fonts are compressed already).
COMPRESSIBLE = frozenset({
    "text/html", "text/css", "text/plain", "text/csv", "text/xml", "text/javascript",
    "application/javascript", "application/json", "application/xml", "application/geo+json",
    "image/svg+xml", "application/manifest+json", "image/x-icon", "image/vnd.microsoft.icon",
})
#: Below this size compression costs more than it saves.
MIN_COMPRESS_BYTES = 1024
ENCODINGS = ("br", "gzip")
_STATIC_LEVEL = {"br": 11, "gzip": 9}
_DYNAMIC_LEVEL = {"br": 5, "gzip": 6}

#: plotly.js locale names for our languages (see graph_config: the id locale travels in config.locales).
PLOTLY_LOCALES = {"id": "id", "en": "en"}


# --------------------------------------------------------------------------- bundle facts

@dataclass(frozen=True)
class BundleInfo:
    """What the generated bundle's header says about how it was made."""

    plotlyjs_version: str
    esbuild_version: str
    traces: tuple[str, ...]
    lock_sha256: str
    #: plotly.js components registered (empty: the header predates the list, i.e. all of them)
    components: tuple[str, ...] = ()


_HEADER_RE = re.compile(
    r"plotly\.js v(?P<version>\S+) \(traces: (?P<traces>[^;)]*)(?:; components: (?P<components>[^;)]*))?"
    r"(?:;[^)]*)?\), bundled by esbuild (?P<esbuild>\S+)"
    r".*?sha256 (?P<lock>[0-9a-f]{64})",
    re.S,
)


def parse_bundle_header(text: str) -> BundleInfo:
    """Parse the header comment written by scripts/build_plotly.mjs.

    Raises ValueError when the text does not start with that header.
    """
    head = text[:2000]
    if "GENERATED" not in head:
        raise ValueError("not a generated plotly bundle: the header comment is missing")
    m = _HEADER_RE.search(head)
    if not m:
        raise ValueError("plotly bundle header lacks the plotly.js version, traces or lock checksum")
    traces = tuple(t.strip() for t in m["traces"].split(",") if t.strip())
    components = tuple(c.strip() for c in (m["components"] or "").split(",") if c.strip())
    return BundleInfo(m["version"], m["esbuild"], traces, m["lock"], components)


def bundle_info(path: Path = BUNDLE_PATH) -> BundleInfo:
    """Read the committed bundle's header."""
    with open(path, encoding="utf-8") as fh:
        return parse_bundle_header(fh.read(2000))


def plotlyjs_version() -> str:
    """The plotly.js version bundled with plotly.py (what Dash would load)."""
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@lru_cache(maxsize=256)
def _read_keyed(path: str, mtime_ns: int, size: int) -> tuple[bytes, str]:
    # Keyed by value (path + mtime + size): a changed file is a new key.
    data = Path(path).read_bytes()
    return data, hashlib.sha256(data).hexdigest()


def read_static(path: Path) -> tuple[bytes, str]:
    """(content, sha256) of a static file, memoised on (path, mtime, size)."""
    st = os.stat(path)
    return _read_keyed(str(path), st.st_mtime_ns, st.st_size)


def fingerprint(path: Path = BUNDLE_PATH) -> str:
    """Short content hash used as the ``?v=`` cache-buster of a vendor file."""
    return read_static(path)[1][:16]


JSON_ENGINE = "json"


def json_engine() -> str:
    """The JSON engine plotly (and therefore Dash) serialises with: 'orjson' or 'json'."""
    import plotly.io as pio

    engine = pio.json.config.default_engine
    if engine == "auto":
        try:
            import orjson  # noqa: F401
        except ImportError:
            return "json"
        return "orjson"
    return engine


# --------------------------------------------------------------------------- graph config

def graph_config(lang: str = "id", base_path: str = "/", **overrides: Any) -> dict:
    """The ``config`` dict for every dcc.Graph.

    ``topojsonURL`` points plotly's geo subplot at the local, empty base-layer
    files (plotly otherwise fetches ``world_110m.json`` from its CDN);
    ``base_path`` is the app's ``requests_pathname_prefix``. The plotly logo,
    scroll-zoom (it traps page scrolling on phones) and the select/lasso
    buttons (no chart uses selections) are off. ``locales`` carries the ``id``
    locale (modebar tooltips from the catalogs, see ``i18n.plotly_locales``).
    ``overrides`` win.
    """
    base = base_path if base_path.endswith("/") else base_path + "/"
    config = {
        "topojsonURL": f"{base}assets/vendor/topojson/",
        "displaylogo": False,
        "responsive": True,
        "scrollZoom": False,
        "showTips": False,
        # plotly.js 4 shows a "Share chart..." button that uploads to plotlyServerURL (none here:
        # a click only logs an error, and no data may leave the server).
        "showSendToCloud": False,
        "locale": PLOTLY_LOCALES.get(lang, "en"),
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
    }
    # The modebar's tooltips in the page's language (plotly.js's own ``id`` locale has none).
    from components.i18n import plotly_locales

    locales = plotly_locales(lang) if lang in PLOTLY_LOCALES else {}
    if locales:
        config["locales"] = locales
    config.update(overrides)
    return config


# --------------------------------------------------------------------------- server-drawn SVG

#: Attribute marking a server-drawn map (the benchmark's "first map visible").
SSR_MAP_ATTR = "data-peta-map"
SVG_WIDTH = 800


def _esc(text: Any) -> str:
    import html

    return html.escape("" if text is None else str(text), quote=True)


def _parse_color(c: str) -> tuple[float, float, float, float]:
    c = c.strip()
    if c.startswith("#"):
        h = c[1:]
        if len(h) in (3, 4):
            h = "".join(ch * 2 for ch in h)
        a = int(h[6:8], 16) / 255 if len(h) == 8 else 1.0
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), a
    m = re.match(r"rgba?\(([^)]*)\)", c)
    if m:
        parts = [p.strip() for p in m.group(1).split(",")]
        r, g, b = (float(x) for x in parts[:3])
        return r, g, b, float(parts[3]) if len(parts) > 3 else 1.0
    raise ValueError(f"unsupported colour {c!r}")


@lru_cache(maxsize=64)
def _stops(colorscale: tuple) -> tuple:
    return tuple(sorted((float(p), _parse_color(c)) for p, c in colorscale))


def colorscale_color(colorscale: list, t: float) -> str:
    """The colour at ``t`` in [0, 1] of a plotly colorscale ([[pos, colour], ...]), as #rrggbb."""
    stops = _stops(tuple((p, c) for p, c in colorscale))
    t = 0.0 if t != t else min(1.0, max(0.0, t))  # NaN -> 0
    lo = stops[0]
    for hi in stops[1:]:
        if t <= hi[0]:
            span = hi[0] - lo[0] or 1.0
            k = (t - lo[0]) / span
            rgb = [lo[1][i] + (hi[1][i] - lo[1][i]) * k for i in range(3)]
            return "#%02x%02x%02x" % tuple(int(round(v)) for v in rgb)
        lo = hi
    return "#%02x%02x%02x" % tuple(int(round(v)) for v in stops[-1][1][:3])


def _mercator_y(lat: float) -> float:
    import math

    lat = max(-85.0, min(85.0, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _rings(geometry: dict) -> list:
    if not geometry:
        return []
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for poly in geometry["coordinates"] for ring in poly]
    return []


def _feature_key(feature: dict, featureidkey: str):
    if featureidkey in ("id", None, ""):
        return feature.get("id")
    node: Any = feature
    for part in featureidkey.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _fig_dict(fig: Any) -> dict:
    # A go.Figure keeps its JSON in ``_data``/``_layout``; reading them avoids
    # to_plotly_json()'s deep copy of every GeoJSON coordinate (half the time
    # of a 514-regency map). Nothing here mutates them.
    data, layout = getattr(fig, "_data", None), getattr(fig, "_layout", None)
    if isinstance(data, list) and isinstance(layout, dict):
        return {"data": data, "layout": layout}
    if hasattr(fig, "to_plotly_json"):
        fig = fig.to_plotly_json()
    return {"data": list(fig.get("data") or []), "layout": dict(fig.get("layout") or {})}


def _fmt_default(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 or float(v).is_integer() else f"{v:,.2f}"


def _choropleth_svg(fig: dict, label: str, fmt) -> str:
    traces = [t for t in fig["data"] if t.get("type") == "choropleth"]
    geo = fig["layout"].get("geo") or {}
    lon_rng = (geo.get("lonaxis") or {}).get("range")
    lat_rng = (geo.get("lataxis") or {}).get("range")
    shapes = []  # (rings, fill, stroke, stroke_width, title)
    xs, ys = [], []
    legend = []
    for tr in traces:
        gj = tr.get("geojson") or {}
        key = tr.get("featureidkey") or "id"
        by_key = {str(_feature_key(f, key)): f for f in gj.get("features", [])}
        locs = list(tr.get("locations") or [])
        z = list(tr.get("z") or [])
        cs = tr.get("colorscale") or [[0, "#f7fbff"], [1, "#08306b"]]
        zs = [float(v) for v in z if v is not None and v == v]
        zmin = tr.get("zmin", min(zs) if zs else 0)
        zmax = tr.get("zmax", max(zs) if zs else 1)
        line = (tr.get("marker") or {}).get("line") or {}
        custom = list(tr.get("customdata") or [])
        for i, loc in enumerate(locs):
            feat = by_key.get(str(loc))
            if feat is None or i >= len(z) or z[i] is None or z[i] != z[i]:
                continue
            span = (zmax - zmin) or 1
            fill = colorscale_color(cs, (float(z[i]) - zmin) / span)
            cd = custom[i] if i < len(custom) else None
            if isinstance(cd, (list, tuple)) and cd:
                title = " — ".join(str(x) for x in cd[:2] if x not in (None, ""))
            else:
                props = feat.get("properties") or {}
                title = f"{props.get('name', loc)} — {fmt(float(z[i]))}"
            rings = _rings(feat.get("geometry"))
            for ring in rings:
                for lon, lat, *_ in ring:
                    xs.append(lon)
                    ys.append(lat)
            shapes.append((rings, fill, line.get("color", "#ffffff"), line.get("width", 0.5), title))
        if tr.get("showscale") is False or tr.get("showlegend"):
            if tr.get("showlegend") and tr.get("name"):
                legend.append(("swatch", colorscale_color(cs, 0.5), tr["name"]))
        elif zs:
            legend.append(("scale", cs, (zmin, zmax), ((tr.get("colorbar") or {}).get("title") or {}).get("text")))
    if not shapes:
        return ""
    x0, x1 = lon_rng if lon_rng else (min(xs), max(xs))
    lat0, lat1 = lat_rng if lat_rng else (min(ys), max(ys))
    y0, y1 = _mercator_y(lat0), _mercator_y(lat1)
    W = SVG_WIDTH
    scale = W / ((x1 - x0) or 1)
    H = max(1, int(round((y1 - y0) * scale)))
    paths = []
    # Whole-pixel coordinates in an 800-wide box, written as relative moves:
    # what a phone can show, in a fraction of the bytes (514 regencies ~25 KB br).
    import numpy as np

    for rings, fill, stroke, sw, title in shapes:
        projected = []
        for ring in rings:
            arr = np.asarray([pt[:2] for pt in ring], dtype=float)
            if arr.size == 0:
                continue
            lat = np.radians(np.clip(arr[:, 1], -85.0, 85.0))
            xs_ = np.rint((arr[:, 0] - x0) * scale).astype(int)
            ys_ = np.rint((y1 - np.degrees(np.log(np.tan(np.pi / 4 + lat / 2)))) * scale).astype(int)
            pts = np.column_stack([xs_, ys_])
            keep_mask = np.ones(len(pts), dtype=bool)
            keep_mask[1:] = np.any(pts[1:] != pts[:-1], axis=1)
            pts = pts[keep_mask]
            if len(pts) > 1 and (pts[0] == pts[-1]).all():
                pts = pts[:-1]
            projected.append(pts)
        # Drop rings that round to (almost) nothing, but keep every shape's largest ring.
        keep = [r for r in projected if len(r) >= 3]
        if not keep and projected:
            biggest = max(projected, key=len)
            if len(biggest):
                keep = [np.vstack([biggest] + [biggest[-1:]] * (3 - len(biggest)))]
        d = []
        for pts in keep:
            deltas = np.diff(pts, axis=0)
            d.append(f"M{pts[0][0]} {pts[0][1]}l" + " ".join(f"{dx} {dy}" for dx, dy in deltas.tolist()) + "z")
        if d:
            paths.append(f'<path d="{"".join(d)}" fill="{fill}" stroke="{_esc(stroke)}" '
                         f'stroke-width="{sw}"><title>{_esc(title)}</title></path>')
    legend_svg, lh = _legend_svg(legend, W, H, fmt)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" {SSR_MAP_ATTR}="server" viewBox="0 0 {W} {H + lh}" '
            f'width="100%" role="img" aria-label="{_esc(label)}" preserveAspectRatio="xMidYMid meet" '
            f'style="max-width:100%;height:auto" font-family="sans-serif">'
            f'<title>{_esc(label)}</title><g stroke-linejoin="round">{"".join(paths)}</g>{legend_svg}</svg>')


def _legend_svg(items: list, W: int, H: int, fmt) -> tuple[str, int]:
    if not items:
        return "", 0
    out, y = [], H + 12
    x = 10
    for item in items:
        if item[0] == "swatch":
            _, color, name = item
            out.append(f'<rect x="{x}" y="{y}" width="16" height="12" fill="{color}" stroke="#767676" '
                       f'stroke-width="0.5"/><text x="{x + 22}" y="{y + 10}" font-size="13" '
                       f'fill="#1b1b1b">{_esc(name)}</text>')
            x += 40 + 7 * len(str(name))
    for item in items:
        if item[0] == "scale":
            _, cs, (zmin, zmax), title = item
            gid = "g" + hashlib.sha1(repr(cs).encode()).hexdigest()[:6]
            stops = "".join(f'<stop offset="{float(p):g}" stop-color="{colorscale_color(cs, float(p))}"/>'
                            for p, _c in cs)
            bx = max(x, W // 2 - 150)
            label = f'<text x="{bx}" y="{y - 2}" font-size="12" fill="#1b1b1b">{_esc(title)}</text>' if title else ""
            out.append(f'<defs><linearGradient id="{gid}">{stops}</linearGradient></defs>{label}'
                       f'<rect x="{bx}" y="{y + 2}" width="300" height="12" fill="url(#{gid})"/>'
                       f'<text x="{bx}" y="{y + 30}" font-size="12" fill="#1b1b1b">{_esc(fmt(zmin))}</text>'
                       f'<text x="{bx + 300}" y="{y + 30}" font-size="12" fill="#1b1b1b" '
                       f'text-anchor="end">{_esc(fmt(zmax))}</text>')
    return "".join(out), 48


_PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"]
_TAG_RE = re.compile(r"<br\s*/?>|<[^>]+>", re.I)


def _plain(text: Any) -> str:
    """Plotly rich text (``<br>``, ``<b>``) as plain text."""
    return re.sub(r"\s+", " ", _TAG_RE.sub(" ", "" if text is None else str(text))).strip()


def _trace_color(tr: dict, k: int) -> str:
    for c in ((tr.get("marker") or {}).get("color"), (tr.get("line") or {}).get("color")):
        if isinstance(c, str):
            return c
    return _PALETTE[k % len(_PALETTE)]


def _value_text(tr: dict, i: int, v: float, fmt) -> str:
    text = tr.get("text")
    if isinstance(text, (list, tuple)) and i < len(text) and text[i] not in (None, ""):
        return _plain(text[i])
    return fmt(v)


def _svg_legend(entries: list[tuple[str, str]], y: int, width: int) -> tuple[str, int]:
    """Colour swatches with names, wrapped over lines; returns (svg, height)."""
    if len(entries) < 2:
        return "", 0
    out, x, line = [], 10, 0
    for name, color in entries:
        w = 40 + 8 * len(name)
        if x + w > width and x > 10:
            x, line = 10, line + 1
        yy = y + line * 20
        out.append(f'<rect x="{x}" y="{yy}" width="14" height="14" fill="{_esc(color)}"/>'
                   f'<text x="{x + 20}" y="{yy + 12}" font-size="13">{_esc(name)}</text>')
        x += w
    return "".join(out), (line + 1) * 20 + 6


def _svg_open(kind: str, width: int, height: int, label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" data-peta-chart="{kind}" viewBox="0 0 {width} {height}" '
            f'width="100%" role="img" aria-label="{_esc(label)}" style="max-width:100%;height:auto" '
            f'font-family="sans-serif" fill="#1b1b1b"><title>{_esc(label)}</title>')


def _bar_svg(fig: dict, label: str, fmt) -> str:
    bars = [t for t in fig["data"] if t.get("type") == "bar"]
    layout = fig["layout"]
    horizontal = any(t.get("orientation") == "h" for t in bars)
    cat_axis = (layout.get("yaxis") if horizontal else layout.get("xaxis")) or {}
    cats: list = []
    series = []  # (name, color, {category: (value, text)})
    for k, tr in enumerate(bars):
        cs = list((tr.get("y") if horizontal else tr.get("x")) or [])
        vs = list((tr.get("x") if horizontal else tr.get("y")) or [])
        values = {}
        for i, (c, v) in enumerate(zip(cs, vs)):
            if v is None or v != v:
                continue
            if c not in cats:
                cats.append(c)
            values[c] = (float(v), _value_text(tr, i, float(v), fmt))
        series.append((_plain(tr.get("name") or ""), _trace_color(tr, k), values))
    if not cats:
        return ""
    if horizontal and cat_axis.get("autorange") != "reversed":
        cats.reverse()  # plotly draws the first category at the bottom
    vmax = max((v for _, _, vals in series for v, _t in vals.values()), default=1) or 1
    W, bar_h, gap, label_w = SVG_WIDTH, 20, 10, 300
    parts, y = [], 6
    for c in cats:
        name = _plain(c)
        short = name if len(name) <= 40 else name[:39] + "…"
        group = [(sname, color, vals[c]) for sname, color, vals in series if c in vals]
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" font-size="13" text-anchor="end">{_esc(short)}</text>')
        for sname, color, (v, vtext) in group:
            w = max(1.0, (W - label_w - 110) * max(v, 0) / vmax)
            what = f"{name} · {sname}" if sname and len(series) > 1 else name
            parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{w:.0f}" height="{bar_h - 4}" fill="{_esc(color)}">'
                         f'<title>{_esc(what)}: {_esc(vtext)}</title></rect>'
                         f'<text x="{label_w + w + 6:.0f}" y="{y + 15}" font-size="12">{_esc(vtext)}</text>')
            y += bar_h
        y += gap
    legend, lh = _svg_legend([(n, c) for n, c, _v in series if n], y + 4, W)
    return _svg_open("server", W, y + lh + 4, label) + "".join(parts) + legend + "</svg>"


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _as_date(v: Any):
    import datetime as _dt

    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    if isinstance(v, str) and _ISO_DATE.match(v):
        try:
            return _dt.date.fromisoformat(v[:10])
        except ValueError:
            return None
    return None


def _line_svg(fig: dict, label: str, fmt) -> str:
    lines = [t for t in fig["data"] if (t.get("type") or "scatter") == "scatter" and t.get("y") is not None]
    if not lines:
        return ""
    xaxis = fig["layout"].get("xaxis") or {}
    xs_all = [x for tr in lines for x in (tr.get("x") if tr.get("x") is not None else range(len(tr["y"])))]
    dates = [_as_date(x) for x in xs_all]
    if xs_all and all(d is not None for d in dates):
        def xval(x):
            return _as_date(x).toordinal()

        rng = [_as_date(v) for v in (xaxis.get("range") or [])]
        lo, hi = (rng[0].toordinal(), rng[1].toordinal()) if len(rng) == 2 and all(rng) else \
            (min(xval(x) for x in xs_all), max(xval(x) for x in xs_all))
        tickfmt = xaxis.get("tickformat") or "%Y-%m-%d"

        def xlabel(x):
            return _as_date(x).strftime(tickfmt)
    elif all(isinstance(x, (int, float)) for x in xs_all):
        def xval(x):
            return float(x)

        lo, hi = min(xs_all), max(xs_all)

        def xlabel(x):
            return f"{x:g}"
    else:
        order = list(dict.fromkeys(xs_all))

        def xval(x):
            return float(order.index(x))

        lo, hi = 0.0, float(len(order) - 1)

        def xlabel(x):
            return _plain(x)
    ys = [float(v) for tr in lines for v in tr["y"] if v is not None and v == v]
    if not ys:
        return ""
    ymin, ymax = min(0.0, min(ys)), max(ys) or 1.0
    W, H, L, R, T, B = SVG_WIDTH, 300, 64, 40, 26, 34
    span = (hi - lo) or 1.0

    def px(x):
        return L + (W - L - R) * ((xval(x) - lo) / span if hi != lo else 0.5)

    def py(y):
        return T + (H - B - T) * (1 - (y - ymin) / ((ymax - ymin) or 1))

    parts = [f'<line x1="{L}" y1="{py(ymin):.0f}" x2="{W - R}" y2="{py(ymin):.0f}" stroke="#767676"/>',
             f'<text x="{L - 6}" y="{py(ymax) + 4:.0f}" font-size="12" text-anchor="end">{_esc(fmt(ymax))}</text>',
             f'<text x="{L - 6}" y="{py(ymin) + 4:.0f}" font-size="12" text-anchor="end">{_esc(fmt(ymin))}</text>']
    ticks = list(dict.fromkeys(xs_all))
    ticks = sorted(ticks, key=xval)
    if len(ticks) > 8:
        ticks = [ticks[0], ticks[-1]]
    seen_labels = set()
    for x in ticks:
        text = xlabel(x)
        if text in seen_labels:
            continue
        seen_labels.add(text)
        parts.append(f'<text x="{px(x):.0f}" y="{H - 10}" font-size="12" text-anchor="middle">{_esc(text)}</text>')
    legend_entries = []
    for k, tr in enumerate(lines):
        color = _trace_color(tr, k)
        xs = list(tr.get("x") if tr.get("x") is not None else range(len(tr["y"])))
        pts = [(px(x), py(float(y)), _value_text(tr, i, float(y), fmt))
               for i, (x, y) in enumerate(zip(xs, tr["y"])) if y is not None and y == y]
        if not pts:
            continue
        name = _plain(tr.get("name") or "")
        legend_entries.append((name, color))
        if len(pts) > 1:
            poly = " ".join(f"{x:.0f},{y:.0f}" for x, y, _t in pts)
            parts.append(f'<polyline points="{poly}" fill="none" stroke="{_esc(color)}" stroke-width="3">'
                         f'<title>{_esc(name)}</title></polyline>')
        for x, y, text in pts:
            parts.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="5" fill="{_esc(color)}">'
                         f'<title>{_esc(name)}: {_esc(text)}</title></circle>'
                         f'<text x="{x:.0f}" y="{y - 10:.0f}" font-size="12" text-anchor="middle">{_esc(text)}</text>')
    legend, lh = _svg_legend([e for e in legend_entries if e[0]], H, W)
    return _svg_open("server", W, H + lh, label) + "".join(parts) + legend + "</svg>"


def figure_svg(fig: Any, label: str = "", number_format=None) -> str:
    """A light, static SVG of a plotly figure, drawn on the server without plotly.js.

    For the HTML the server sends first (and the lite view): choropleth maps
    (projected like the figure's mercator geo, coloured with its colorscale,
    each shape titled with its customdata name and value), bar charts and
    line charts. Returns "" for figures it does not draw (the page then
    shows its table/text alternative). A map's ``<svg>`` carries
    ``data-peta-map="server"``; ``label`` is its accessible name;
    ``number_format(v) -> str`` formats legend/axis numbers in the page's
    locale (default: 52,000 style).
    """
    fmt = number_format or _fmt_default
    f = _fig_dict(fig)
    types = {t.get("type") or "scatter" for t in f["data"]}
    if "choropleth" in types:
        return _choropleth_svg(f, label, fmt)
    if "bar" in types:
        return _bar_svg(f, label, fmt)
    if types and types <= {"scatter"}:
        return _line_svg(f, label, fmt)
    return ""


# --------------------------------------------------------------------------- compression

def negotiate_encoding(accept_encoding: str | None) -> str | None:
    """Pick 'br' or 'gzip' from an Accept-Encoding header, or None for identity.

    Honours q-values (``br;q=0`` refuses brotli) and ``*``; prefers brotli on ties.
    """
    if not accept_encoding:
        return None
    q: dict[str, float] = {}
    for part in accept_encoding.split(","):
        token, _, params = part.strip().partition(";")
        token = token.strip().lower()
        if not token:
            continue
        weight = 1.0
        for p in params.split(";"):
            k, _, v = p.strip().partition("=")
            if k.strip().lower() == "q":
                try:
                    weight = float(v)
                except ValueError:
                    weight = 0.0
        q[token] = weight
    star = q.get("*")
    best, best_q = None, 0.0
    for enc in ENCODINGS:
        w = q.get(enc, star if star is not None else 0.0)
        if w > best_q:
            best, best_q = enc, w
    return best


def compress(data: bytes, encoding: str, static: bool = True) -> bytes:
    """Compress with the level for static (max, cached) or dynamic (fast) bodies."""
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown encoding {encoding!r}")
    level = (_STATIC_LEVEL if static else _DYNAMIC_LEVEL)[encoding]
    if encoding == "br":
        import brotli

        return brotli.compress(data, quality=level)
    if encoding == "gzip":
        return gzip.compress(data, compresslevel=level, mtime=0)
    raise ValueError(f"unknown encoding {encoding!r}")


def decompress(data: bytes, encoding: str) -> bytes:
    if encoding == "br":
        import brotli

        return brotli.decompress(data)
    if encoding == "gzip":
        return gzip.decompress(data)
    raise ValueError(f"unknown encoding {encoding!r}")


def default_cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / "peta-inklusi-precompressed"


class PrecompressedStore:
    """Content-addressed cache of compressed static bodies.

    Keyed by the sha256 of the uncompressed content and the encoding, so every
    gunicorn worker (and the next start) reuses the same files; written
    atomically. A small in-memory LRU avoids re-reading hot files.
    """

    def __init__(self, directory: Path, memory_bytes: int = 64 << 20):
        self.directory = Path(directory)
        self.memory_bytes = memory_bytes
        self._mem: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._mem_size = 0
        self._lock = threading.Lock()

    def path_for(self, sha: str, encoding: str) -> Path:
        return self.directory / f"{sha}.{'br' if encoding == 'br' else 'gz'}"

    def get(self, data: bytes, sha: str, encoding: str, sibling: Path | None = None) -> bytes:
        """The compressed body of ``data`` (whose sha256 is ``sha``).

        ``sibling`` is a pre-compressed file shipped next to the original
        (``x.js.br``); it is used when it decompresses to exactly ``data``.
        """
        key = (sha, encoding)
        with self._lock:
            hit = self._mem.get(key)
            if hit is not None:
                self._mem.move_to_end(key)
                return hit
        path = self.path_for(sha, encoding)
        shipped = _verified_sibling(sibling, sha, encoding) if sibling is not None else None
        try:
            body = shipped if shipped is not None else path.read_bytes()
        except FileNotFoundError:
            body = compress(data, encoding, static=True)
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(body)
                os.replace(tmp, path)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
        with self._lock:
            if key not in self._mem and len(body) <= self.memory_bytes:
                self._mem[key] = body
                self._mem_size += len(body)
                while self._mem_size > self.memory_bytes:
                    _, old = self._mem.popitem(last=False)
                    self._mem_size -= len(old)
        return body


def _verified_sibling(sibling: Path, sha: str, encoding: str) -> bytes | None:
    try:
        st = os.stat(sibling)
    except OSError:
        return None
    return _verified_sibling_keyed(str(sibling), st.st_mtime_ns, st.st_size, sha, encoding)


@lru_cache(maxsize=64)
def _verified_sibling_keyed(path: str, mtime_ns: int, size: int, sha: str, encoding: str) -> bytes | None:
    # Keyed by value; a stale sibling (built from another version) is ignored.
    body = Path(path).read_bytes()
    try:
        ok = hashlib.sha256(decompress(body, encoding)).hexdigest() == sha
    except Exception:
        ok = False
    return body if ok else None


def _mimetype(path: str) -> str:
    if path.endswith((".js", ".mjs")):
        return "application/javascript"
    if path.endswith(".map"):
        return "application/json"
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


def _compressible(mimetype: str) -> bool:
    return mimetype.split(";")[0].strip() in COMPRESSIBLE


def _safe_join(root: Path, rel: str) -> Path | None:
    """root/rel if it is a file inside root, else None (no traversal)."""
    try:
        target = (root / rel).resolve()
        root_r = root.resolve()
    except (OSError, ValueError):
        return None
    if root_r != target and root_r not in target.parents:
        return None
    return target if target.is_file() else None


def _add_vary(response) -> None:
    vary = response.headers.get("Vary", "")
    if "accept-encoding" not in vary.lower():
        response.headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"


def static_response(path: Path, request, store: PrecompressedStore | None, immutable: bool):
    """A Flask response for a static file: compressed if allowed, cached, ETagged."""
    from flask import Response

    data, sha = read_static(path)
    mimetype = _mimetype(path.name)
    encoding = None
    if store is not None and _compressible(mimetype) and len(data) >= MIN_COMPRESS_BYTES:
        encoding = negotiate_encoding(request.headers.get("Accept-Encoding"))
    etag = f'"{sha[:32]}{"-" + encoding if encoding else ""}"'
    cache = IMMUTABLE if immutable and store is not None else REVALIDATE
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        resp = Response(status=304)
    else:
        sibling = path.with_name(path.name + (".br" if encoding == "br" else ".gz")) if encoding else None
        body = store.get(data, sha, encoding, sibling=sibling) if encoding else data
        resp = Response(body, mimetype=mimetype)
        if encoding:
            resp.headers["Content-Encoding"] = encoding
    resp.headers["ETag"] = etag
    resp.headers["Cache-Control"] = cache
    resp.headers["X-Content-Type-Options"] = "nosniff"
    if store is not None and _compressible(mimetype):
        _add_vary(resp)
    return resp


# --------------------------------------------------------------------------- lite view

_SCRIPT_RE = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.S | re.I)
_PRELOAD_RE = re.compile(r"<link\b[^>]*\brel=[\"']?(?:preload|modulepreload|prefetch)\b[^>]*>", re.I)
_BODY_RE = re.compile(r"<body\b[^>]*>", re.I)


def lite_requested(args: Any, headers: Any) -> bool:
    """``?lite=1``, or the browser's ``Save-Data: on`` unless ``?lite=0``."""
    value = (args.get("lite") or "").strip()
    if value == "1":
        return True
    if value == "0":
        return False
    return (headers.get("Save-Data") or "").strip().lower() == "on"


def lite_notice(lang: str, full_view_href: str) -> str:
    """The lite view's banner (from WEB's catalog; empty if its keys are missing)."""
    try:
        from components import i18n
    except ImportError:
        return ""
    if not (i18n.has("lite.notice") and i18n.has("lite.full_view")):
        return ""
    return (f'<p class="lite-notice" role="note">{_esc(i18n.t("lite.notice", lang))} '
            f'<a href="{_esc(full_view_href)}">{_esc(i18n.t("lite.full_view", lang))}</a></p>')


def make_lite(html_text: str, notice: str = "") -> str:
    """The page without any script: Dash's config, bundles and renderer all go,
    and so do the preloads of scripts and data that only scripts would use.

    What stays is the HTML the server rendered into the page (headline
    figures, server-drawn SVG maps and charts, tables, links) and the CSS.
    """
    out = _PRELOAD_RE.sub("", _SCRIPT_RE.sub("", html_text))
    if notice:
        out = _BODY_RE.sub(lambda m: m.group(0) + notice, out, count=1)
    return out


def _full_view_href(path: str, args: Any) -> str:
    from urllib.parse import urlencode

    query = [(k, v) for k, v in args.items(multi=True) if k != "lite"] if hasattr(args, "items") else []
    return f"{path}?{urlencode(query + [('lite', '0')])}"


# --------------------------------------------------------------------------- install

def _component_suite_file(app, rel: str) -> tuple[Path, bool] | None:
    """Resolve ``<pkg>/<fingerprinted path>`` the way Dash does, or None."""
    from dash.fingerprint import check_fingerprint

    package, _, fingerprinted = rel.partition("/")
    if not package or not fingerprinted:
        return None
    path_in_pkg, has_fingerprint = check_fingerprint(fingerprinted)
    # Only what Dash itself registered for this app (same rule as its own handler).
    if path_in_pkg not in app.registered_paths.get(package, ()):
        return None
    module = sys.modules.get(package)
    if module is None or not getattr(module, "__file__", None):
        return None
    target = _safe_join(Path(module.__file__).parent, path_in_pkg)
    return (target, has_fingerprint) if target else None


def preload_links(app) -> list[dict]:
    """``<link rel="preload">`` tags for what Dash otherwise asks for only later.

    dcc.Graph's code chunk is requested after React has rendered the first
    graph, and the layout and callback graph after every script has run: each
    is a round trip (~0.6 s on Fast 3G) in the critical path to the
    interactive map. Preloaded, they arrive while the big scripts download.
    The renderer fetches with credentials "same-origin", which
    ``crossorigin="anonymous"`` matches, so the preloaded responses are used.
    """
    prefix = app.config.requests_pathname_prefix
    return [
        {"rel": "preload", "href": bundle_url(app), "as": "script"},
        {"rel": "preload", "href": f"{prefix}_dash-component-suites/dash/dcc/async-graph.js", "as": "script"},
        {"rel": "preload", "href": f"{prefix}_dash-layout", "as": "fetch", "crossorigin": "anonymous"},
        {"rel": "preload", "href": f"{prefix}_dash-dependencies", "as": "fetch", "crossorigin": "anonymous"},
    ]


def bundle_url(app) -> str:
    """The versioned URL of the custom plotly.js bundle for this app."""
    prefix = app.config.requests_pathname_prefix
    return f"{prefix}assets/vendor/{BUNDLE_NAME}?v={fingerprint(BUNDLE_PATH)}"


LOADER_PATH = VENDOR_DIR / "plotly-loader.js"


def loader_script(app) -> dict:
    """The page script that loads the bundle without blocking Dash (see plotly-loader.js)."""
    prefix = app.config.requests_pathname_prefix
    return {"src": f"{prefix}assets/vendor/{LOADER_PATH.name}?v={fingerprint(LOADER_PATH)}",
            "data-plotly-src": bundle_url(app)}


RUNTIME_PATH = VENDOR_DIR / "dash-runtime.min.js"
_POLYFILL_TAG = re.compile(r'<script src="([^"]*/deps/polyfill@[^"]*)"></script>')


def swap_polyfill(scripts_html: str, runtime_src: str) -> str:
    """Dash's script tags with its 29 KB @babel/polyfill replaced by ``dash-runtime.min.js``
    (regenerator-runtime, ~3 KB brotli, which writes Dash's polyfill in for a browser that lacks
    the modern built-ins; it gets its URL from ``data-legacy-polyfill``)."""
    return _POLYFILL_TAG.sub(
        lambda m: f'<script src="{_esc(runtime_src)}" data-legacy-polyfill="{m.group(1)}"></script>',
        scripts_html, count=1)


_DASH_TABLE_TAG = re.compile(r'<script src="[^"]*/dash/dash_table/bundle[^"]*"></script>\s*')


def drop_dash_table(scripts_html: str) -> str:
    """Dash's script tags without dash_table's loader (8 KB): Dash registers it on import, but no
    page uses a DataTable (tables are plain HTML; a test checks no module imports one)."""
    return _DASH_TABLE_TAG.sub("", scripts_html)


def runtime_url(app) -> str:
    prefix = app.config.requests_pathname_prefix
    return f"{prefix}assets/vendor/{RUNTIME_PATH.name}?v={fingerprint(RUNTIME_PATH)}"


class CallbackCache:
    """Answers of Dash callbacks (``/_dash-update-component``), kept by value in one worker.

    A callback here is a pure function of its request: the inputs and states in the body (which
    input changed included), the host (embed codes name it when ``PETA_PUBLIC_URL`` is empty) and
    the data, named by ``key_extra()`` (the live snapshot's version, so publishing a new one never
    serves an old answer). Same key, same answer: an LRU of 256 answers (at most ``max_bytes``
    each), kept as they go on the wire, brotli-compressed once (``CACHED_ENCODING``): a regency
    map's answer is then about ten times smaller than its JSON, and a hit goes out without being
    compressed again. Every worker computes the same key for the same request. A request with
    ``Cache-Control: no-cache`` (or ``Pragma: no-cache``) is answered afresh.
    """

    def __init__(self, key_extra: Callable[[], Any] | None = None, maxsize: int = 256,
                 max_bytes: int = 1_000_000) -> None:
        self.key_extra = key_extra or (lambda: None)
        self.maxsize, self.max_bytes = maxsize, max_bytes
        self._entries: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def key(self, body: bytes, host: str) -> str:
        h = hashlib.sha256(body)
        h.update(b"\0" + host.encode() + b"\0" + repr(self.key_extra()).encode())
        return h.hexdigest()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            data = self._entries.get(key)
            if data is not None:
                self._entries.move_to_end(key)
            return data

    def put(self, key: str, data: bytes) -> None:
        if len(data) > self.max_bytes:
            return
        with self._lock:
            self._entries[key] = data
            self._entries.move_to_end(key)
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


CALLBACK_CACHE_HEADER = "X-Peta-Callback-Cache"
#: Requests between two returns of freed memory to the system (``install``'s ``give_back``).
TRIM_EVERY = 100
#: How the callback cache keeps its answers (what nearly every browser accepts).
CACHED_ENCODING = "br"


def cached_answer(data: bytes, accept_encoding: str | None) -> tuple[bytes, str | None]:
    """A cached (``CACHED_ENCODING``) answer for a client that sent ``accept_encoding``:
    (body, its Content-Encoding), as kept when the client takes it, else decompressed (None)."""
    if negotiate_encoding(accept_encoding) == CACHED_ENCODING:
        return data, CACHED_ENCODING
    return decompress(data, CACHED_ENCODING), None


def install(app, settings, cache_dir: Path | None = None, cache_key: Callable[[], Any] | None = None) -> None:
    """Register the performance hooks on a Dash ``app`` (see the module docstring).

    ``cache_key()``: what, besides the request, a callback's answer depends on (the app passes the
    live data version); see :class:`CallbackCache`."""
    from flask import abort, g, request

    server = app.server
    routes_prefix = app.config.routes_pathname_prefix
    optimize = bool(settings.optimize)
    store = PrecompressedStore(cache_dir or default_cache_dir()) if optimize else None
    if optimize:
        import plotly.io as pio
        pio.json.config.default_engine = JSON_ENGINE  # set once, at start-up (see the module docstring)

    # Dash walks assets/ on its first request and would load every .js there,
    # the bundle included (even with optimize off): keep vendor/ out of that.
    ignore = list(app.config.assets_path_ignore or [])
    if r"^vendor$" not in ignore:
        app.config.assets_path_ignore = ignore + [r"^vendor$"]

    vendor_rule = f"{routes_prefix}assets/vendor/<path:filename>"

    def serve_vendor(filename: str):
        target = _safe_join(VENDOR_DIR, filename)
        if target is None:
            abort(404)
        versioned = "v" in request.args and request.args["v"] == fingerprint(target)
        return static_response(target, request, store, immutable=versioned)

    server.add_url_rule(vendor_rule, endpoint=f"{routes_prefix}peta_vendor", view_func=serve_vendor)

    if not optimize:
        return

    app.config.external_scripts = [*app.config.external_scripts, loader_script(app)]
    app.config.external_stylesheets = [*app.config.external_stylesheets, *preload_links(app)]

    index = app.interpolate_index

    def interpolate_index(**kw):
        kw["scripts"] = drop_dash_table(swap_polyfill(kw.get("scripts", ""), runtime_url(app)))
        return index(**kw)

    app.interpolate_index = interpolate_index

    suites_prefix = f"{routes_prefix}_dash-component-suites/"
    assets_prefix = f"{routes_prefix}{app.config.assets_url_path.strip('/')}/"
    assets_root = Path(app.config.assets_folder)

    def precompressed_static():
        if request.method not in ("GET", "HEAD"):
            return None
        path = request.path
        if path.startswith(suites_prefix):
            found = _component_suite_file(app, path[len(suites_prefix):])
            if found is None:
                return None  # Dash answers (and reports) it
            target, has_fp = found
            return static_response(target, request, store, immutable=has_fp)
        if path.startswith(assets_prefix) and not path.startswith(assets_prefix + "vendor/"):
            target = _safe_join(assets_root, path[len(assets_prefix):])
            if target is None or not _compressible(_mimetype(target.name)):
                return None
            return static_response(target, request, store, immutable="m" in request.args)
        return None

    def lite_and_compress(response):
        if (response.mimetype == "text/html" and not response.direct_passthrough
                and "Content-Encoding" not in response.headers):
            vary = response.headers.get("Vary", "")
            if "save-data" not in vary.lower():
                response.headers["Vary"] = f"{vary}, Save-Data" if vary else "Save-Data"
            if response.status_code in (200, 404) and lite_requested(request.args, request.headers):
                lang = "en" if (request.args.get("lang") or "").strip().lower() == "en" else "id"
                notice = lite_notice(lang, _full_view_href(request.path, request.args))
                response.set_data(make_lite(response.get_data(as_text=True), notice))
        return compress_dynamic(response)

    def compress_dynamic(response):
        if (response.direct_passthrough or response.is_streamed or response.status_code != 200
                or "Content-Encoding" in response.headers or not _compressible(response.mimetype or "")):
            return response
        encoding = negotiate_encoding(request.headers.get("Accept-Encoding"))
        _add_vary(response)
        if encoding is None:
            return response
        data = response.get_data()
        if len(data) < MIN_COMPRESS_BYTES:
            return response
        response.set_data(compress(data, encoding, static=False))
        response.headers["Content-Encoding"] = encoding
        etag = response.headers.get("ETag")
        if etag and not etag.startswith("W/"):
            response.headers["ETag"] = "W/" + etag
        return response

    callbacks = CallbackCache(cache_key)
    app.peta_callback_cache = callbacks
    update_path = f"{routes_prefix}_dash-update-component"

    def cached_callback():
        if request.method != "POST" or request.path != update_path:
            return None
        key = callbacks.key(request.get_data(cache=True), request.host)
        # A client's "Cache-Control: no-cache" asks for a fresh answer (then kept as usual).
        fresh = "no-cache" in (request.headers.get("Cache-Control") or "").lower() \
            or "no-cache" in (request.headers.get("Pragma") or "").lower()
        data = None if fresh else callbacks.get(key)
        if data is None:
            g.peta_callback_key = key
            return None
        body, encoding = cached_answer(data, request.headers.get("Accept-Encoding"))
        response = server.response_class(body, status=200, mimetype="application/json")
        if encoding:
            response.headers["Content-Encoding"] = encoding
        _add_vary(response)
        response.headers[CALLBACK_CACHE_HEADER] = "hit"
        return response

    def keep_callback(response):
        key = getattr(g, "peta_callback_key", None)
        if key and response.status_code == 200 and not response.direct_passthrough \
                and "Content-Encoding" not in response.headers and response.mimetype == "application/json":
            data = response.get_data()
            packed = compress(data, CACHED_ENCODING, static=False)
            callbacks.put(key, packed)
            response.headers[CALLBACK_CACHE_HEADER] = "miss"
            if negotiate_encoding(request.headers.get("Accept-Encoding")) == CACHED_ENCODING:
                response.set_data(packed)  # compressed once: compress_dynamic leaves it be
                response.headers["Content-Encoding"] = CACHED_ENCODING
                _add_vary(response)
        return response

    # Runs after Dash's own _setup_server (registered in Dash()), so Dash has
    # registered its component paths before we resolve one.
    server.before_request(precompressed_static)
    server.before_request(cached_callback)
    server.after_request(lite_and_compress)
    server.after_request(keep_callback)  # registered last: runs first, on the uncompressed body (and
    # compresses it itself: compress_dynamic then leaves an encoded body alone)

    ticks = itertools.count(1)

    def give_back(response):
        # Every TRIM_EVERY requests, once the response has gone out: the memory requests freed goes
        # back to the system (glibc keeps freed pages otherwise; a full-size snapshot's worker
        # crept up by ~60 MB under load, all of it reclaimable).
        if next(ticks) % TRIM_EVERY == 0:
            from data.snapshot import release_memory
            response.call_on_close(release_memory)
        return response

    server.after_request(give_back)


# --------------------------------------------------------------------------- worker warm-up

@dataclass(frozen=True)
class Warmed:
    """What :func:`warm` did before returning: seconds per URL, the URLs that failed (with their
    status), how many objects it froze, and the thread warming the rest (None when nothing is
    left; its own report is :attr:`later`, filled in when it ends)."""
    seconds: dict
    failed: dict
    frozen: int
    background: threading.Thread | None = None
    later: dict = field(default_factory=dict)

    def summary(self) -> str:
        total = sum(self.seconds.values())
        bad = f"; failed: {self.failed}" if self.failed else ""
        rest = f"; {self.background.name} goes on in the background" if self.background is not None else ""
        return f"answered {len(self.seconds)} URLs once in {total:.1f} s; {self.frozen} objects frozen{bad}{rest}"


def warm(server, pages: list[str], views: list[str], later_pages: list[str] = (), later_views: list[str] = (),
         base_url: str = "http://localhost") -> Warmed:
    """Answer what first visitors ask for once, in this process, before it takes requests.

    A gunicorn worker loads the snapshot, reads the boundaries, imports the figure code and fills
    its caches (all keyed by value) on its first requests: a visitor whose first page or filter
    change lands on a fresh worker waited for that (seconds on a full-size snapshot). Here
    ``pages`` are fetched in full (the HTML, with its server-rendered map, and Dash's layout for
    it) and ``views`` only as Dash's layout (what a filter change to that view computes), through
    the app itself (Flask's test client, ``base_url`` as the host). Then the objects made so far
    are moved out of the garbage collector's reach (``gc.freeze``): they live as long as the
    worker, and a full collection walking them took ~100 ms, now and then, in the middle of a
    request. A URL that fails is noted, never raised: the worker starts anyway.

    ``later_pages`` and ``later_views`` are answered the same way by a daemon thread at the lowest
    CPU priority once this returns, while the worker already serves (start-up stays short; the
    code they run was imported by the first part, so no two threads import a module at once).
    Its report goes into the returned :attr:`Warmed.later` when it ends.
    """
    import gc
    import time

    base = base_url.rstrip("/")
    headers = {"Accept-Encoding": "br, gzip"}

    def run(full: list[str], layout_only: list[str]) -> tuple[dict, dict]:
        client = server.test_client()
        seconds: dict[str, float] = {}
        failed: dict[str, int | str] = {}

        def fetch(url: str, whole: bool) -> None:
            t0 = time.perf_counter()
            try:
                if whole:
                    r = client.get(url, base_url=base, headers=headers)
                    if r.status_code != 200:
                        failed[url] = r.status_code
                r = client.get("/_dash-layout", base_url=base, headers={**headers, "Referer": base + url})
                if r.status_code != 200:
                    failed[url] = r.status_code
            except Exception as exc:  # noqa: BLE001 - a worker must start even if one view fails
                failed[url] = f"{type(exc).__name__}: {exc}"[:200]
            seconds[url] = time.perf_counter() - t0

        for url in full:
            fetch(url, True)
        for url in layout_only:
            fetch(url, False)
        return seconds, failed

    def settle() -> None:
        from data.snapshot import release_memory
        gc.collect()
        gc.freeze()
        release_memory()  # what the warm-up freed goes back to the system (glibc and Arrow keep it otherwise)

    seconds, failed = run(list(pages), list(views))
    settle()
    later = list(later_pages) + list(later_views)
    if not later:
        return Warmed(seconds, failed, gc.get_freeze_count())
    report: dict = {}

    def background() -> None:
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)  # this thread only (Linux)
        t0 = time.perf_counter()
        secs, bad = run(list(later_pages), list(later_views))
        settle()
        report.update(seconds=secs, failed=bad, total=time.perf_counter() - t0)

    thread = threading.Thread(target=background, name=f"warm-up of {len(later)} more URLs", daemon=True)
    thread.start()
    return Warmed(seconds, failed, gc.get_freeze_count(), thread, report)

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
    choropleth; same plotly.js version as plotly.py's) as a page script.
    dcc.Graph then finds ``window.Plotly`` and never downloads Dash's full
    ~4.8 MB ``plotly.min.js``;
  * answers static files (Dash's component suites, ``assets/``, the vendor
    folder) with brotli or gzip bodies compressed once at the highest level
    and kept in a content-addressed cache folder shared by all workers;
  * marks versioned URLs (Dash's fingerprinted suites, ``?m=`` assets,
    ``?v=`` vendor files) ``public, max-age=31536000, immutable`` and the rest
    ``no-cache`` with an ETag;
  * compresses dynamic responses (HTML, layout and callback JSON) on the fly.
- With ``optimize`` off, Dash's defaults stay (full plotly.js, no compression)
  so the benchmark can report the difference.

Dash serialises figures and callback responses with plotly's JSON encoder,
which uses orjson when it is installed (``json_engine()`` tells which).
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import os
import re
import sys
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
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
    "image/svg+xml", "application/manifest+json",
})
#: Below this size compression costs more than it saves.
MIN_COMPRESS_BYTES = 1024
ENCODINGS = ("br", "gzip")
_STATIC_LEVEL = {"br": 11, "gzip": 9}
_DYNAMIC_LEVEL = {"br": 5, "gzip": 6}

#: plotly.js locales that exist upstream for our languages (see graph_config).
PLOTLY_LOCALES = {"id": "id", "en": "en"}


# --------------------------------------------------------------------------- bundle facts

@dataclass(frozen=True)
class BundleInfo:
    """What the generated bundle's header says about how it was made."""

    plotlyjs_version: str
    esbuild_version: str
    traces: tuple[str, ...]
    lock_sha256: str


_HEADER_RE = re.compile(
    r"plotly\.js v(?P<version>\S+) \(traces: (?P<traces>[^)]*)\), bundled by esbuild (?P<esbuild>\S+)"
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
    return BundleInfo(m["version"], m["esbuild"], traces, m["lock"])


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
    buttons (no chart uses selections) are off. ``overrides`` win.
    """
    base = base_path if base_path.endswith("/") else base_path + "/"
    config = {
        "topojsonURL": f"{base}assets/vendor/topojson/",
        "displaylogo": False,
        "responsive": True,
        "scrollZoom": False,
        "showTips": False,
        "locale": PLOTLY_LOCALES.get(lang, "en"),
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
    }
    config.update(overrides)
    return config


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

    def get(self, data: bytes, sha: str, encoding: str) -> bytes:
        key = (sha, encoding)
        with self._lock:
            hit = self._mem.get(key)
            if hit is not None:
                self._mem.move_to_end(key)
                return hit
        path = self.path_for(sha, encoding)
        try:
            body = path.read_bytes()
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
        body = store.get(data, sha, encoding) if encoding else data
        resp = Response(body, mimetype=mimetype)
        if encoding:
            resp.headers["Content-Encoding"] = encoding
    resp.headers["ETag"] = etag
    resp.headers["Cache-Control"] = cache
    resp.headers["X-Content-Type-Options"] = "nosniff"
    if store is not None and _compressible(mimetype):
        _add_vary(resp)
    return resp


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


def bundle_url(app) -> str:
    """The versioned URL of the custom plotly.js bundle for this app."""
    prefix = app.config.requests_pathname_prefix
    return f"{prefix}assets/vendor/{BUNDLE_NAME}?v={fingerprint(BUNDLE_PATH)}"


def install(app, settings, cache_dir: Path | None = None) -> None:
    """Register the performance hooks on a Dash ``app`` (see the module docstring)."""
    from flask import abort, request

    server = app.server
    routes_prefix = app.config.routes_pathname_prefix
    optimize = bool(settings.optimize)
    store = PrecompressedStore(cache_dir or default_cache_dir()) if optimize else None

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

    url = bundle_url(app)
    app.config.external_scripts = [*app.config.external_scripts, url]

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

    # Runs after Dash's own _setup_server (registered in Dash()), so Dash has
    # registered its component paths before we resolve one.
    server.before_request(precompressed_static)
    server.after_request(compress_dynamic)

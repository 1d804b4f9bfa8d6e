"""The one place components reach boundaries, place names and credits.

Delegates to ``geo.boundaries``, ``geo.codes`` and ``geo.credits`` (the GEO
module's agreed API). Tests that run before geo/ has generated its files swap
in a :class:`FallbackProvider` with synthetic shapes. No Dash imports.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


class GeoProvider:
    """The real thing: geo.boundaries / geo.codes / geo.credits."""

    def geojson(self, level: str, province: str | None = None) -> dict:
        from geo import boundaries
        return boundaries.geojson(level, province)

    def bounds(self, level: str, province: str | None = None) -> tuple[float, float, float, float]:
        from geo import boundaries
        return tuple(boundaries.bounds(level, province))

    def geojson_bytes(self, level: str, province: str | None = None) -> bytes:
        from geo import boundaries
        return boundaries.geojson_path(level, province).read_bytes()

    def name_of(self, code: str) -> str | None:
        from geo import codes
        return codes.name_of(code)

    def parent_of(self, code: str) -> str | None:
        from geo import codes
        return codes.parent_of(code)

    def children_of(self, code: str) -> list[str]:
        from geo import codes
        return list(codes.children_of(code))

    def places(self, level: str) -> list[tuple[str, str]]:
        from geo import codes
        df = codes.places(level)
        return [(str(c), str(n)) for c, n in zip(df["code"], df["name"])]

    def credits(self, lang: str) -> list[str]:
        from geo import credits
        return [credits.boundaries_credit(lang), credits.codes_credit(lang)]


class FallbackProvider(GeoProvider):
    """Names and shapes from a geojson function (tests before geo/ lands)."""

    def __init__(self, geojson_fn: Callable[..., dict]) -> None:
        self._fn = geojson_fn

    def geojson(self, level: str, province: str | None = None) -> dict:
        return self._fn(level, province)

    def bounds(self, level: str, province: str | None = None) -> tuple[float, float, float, float]:
        return bounds_of(self._fn(level, province))

    def geojson_bytes(self, level: str, province: str | None = None) -> bytes:
        import json
        return json.dumps(self._fn(level, province)).encode()

    @functools.cached_property
    def _names(self) -> dict[str, str]:
        out = {}
        for level in ("province", "regency"):
            for feat in self._fn(level, None)["features"]:
                out[feat["properties"]["code"]] = feat["properties"]["name"]
        return out

    def name_of(self, code: str) -> str | None:
        return self._names.get(code)

    def parent_of(self, code: str) -> str | None:
        return code[:2] if len(code) == 5 else None

    def children_of(self, code: str) -> list[str]:
        return sorted(c for c in self._names if len(c) == 5 and c.startswith(code + ".")) if len(code) == 2 else []

    def places(self, level: str) -> list[tuple[str, str]]:
        n = 2 if level == "province" else 5
        return sorted((c, nm) for c, nm in self._names.items() if len(c) == n)

    def credits(self, lang: str) -> list[str]:
        return ["Boundaries: synthetic test shapes." if lang == "en" else "Batas wilayah: bentuk uji sintetis."]


_provider: GeoProvider = GeoProvider()


def provider() -> GeoProvider:
    return _provider


def geojson(level: str, province: str | None = None) -> dict:
    return _provider.geojson(level, province or None)


def bounds(level: str, province: str | None = None) -> tuple[float, float, float, float]:
    """(minlon, minlat, maxlon, maxlat) of a level (optionally one province)."""
    return _provider.bounds(level, province or None)


def bounds_of(gj: dict) -> tuple[float, float, float, float]:
    xs, ys = [], []

    def walk(c):
        if c and isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for x in c:
                walk(x)
    for f in gj.get("features", []):
        walk(f["geometry"]["coordinates"])
    return (min(xs), min(ys), max(xs), max(ys)) if xs else (95.0, -11.0, 141.0, 6.0)


# --- boundaries as cacheable static files (the page's maps fetch them once) ----------

URL_PREFIX = "/geo/"


def _name(level: str, province: str | None) -> str:
    return f"regency-{province}" if level == "regency" and province else level


@functools.lru_cache(maxsize=64)
def _file(level: str, province: str | None) -> tuple[bytes, str]:
    """(bytes, short sha256) of a boundaries file; the generated files never change while running."""
    import hashlib
    data = _provider.geojson_bytes(level, province)
    return data, hashlib.sha256(data).hexdigest()[:16]


def geojson_url(level: str, province: str | None = None) -> str:
    """The versioned URL of a level's boundaries (``?v=`` changes when the file does)."""
    _, digest = _file(level, province or None)
    return f"{URL_PREFIX}{_name(level, province or None)}.geojson?v={digest}"


def parse_geojson_url(url: str) -> tuple[str, str | None] | None:
    """(level, province) of a URL made by :func:`geojson_url`, else None."""
    import re
    m = re.fullmatch(r"/geo/(province|regency)(?:-(\d{2}))?\.geojson(?:\?v=[0-9a-f]+)?", url or "")
    if not m or (m.group(1) == "province" and m.group(2)):
        return None
    return m.group(1), m.group(2)


def install(app) -> None:
    """Serve ``/geo/<province|regency|regency-NN>.geojson`` with long cache lifetimes (no callbacks)."""
    from flask import abort, request

    def serve(name: str):
        parsed = parse_geojson_url(f"{URL_PREFIX}{name}.geojson")
        if parsed is None:
            abort(404)
        level, province = parsed
        if province and not known(province):
            abort(404)
        data, digest = _file(level, province)
        resp = app.server.response_class(data, mimetype="application/geo+json")
        resp.set_etag(digest)
        versioned = request.args.get("v") == digest
        resp.headers["Cache-Control"] = "public, max-age=31536000, immutable" if versioned else "no-cache"
        return resp.make_conditional(request)

    app.server.add_url_rule(f"{URL_PREFIX}<name>.geojson", endpoint="peta_geojson", view_func=serve)


def name_of(code: str) -> str:
    """Official name of a place code, or the code itself when unknown."""
    try:
        return _provider.name_of(code) or code
    except (ImportError, OSError, LookupError):
        return code


def known(code: str) -> bool:
    try:
        return _provider.name_of(code) is not None
    except (ImportError, OSError, LookupError):
        return False


def parent_of(code: str) -> str | None:
    try:
        return _provider.parent_of(code)
    except (ImportError, OSError, LookupError):
        return code[:2] if len(code) == 5 else None


def children_of(code: str) -> list[str]:
    try:
        return [c for c in _provider.children_of(code) if len(c) == 5]
    except (ImportError, OSError, LookupError):
        return []


def places(level: str) -> list[tuple[str, str]]:
    return _provider.places(level)


def credits(lang: str) -> list[str]:
    try:
        return _provider.credits(lang)
    except (ImportError, OSError, AttributeError):
        return []


@functools.lru_cache(maxsize=64)
def _feature_names(level: str, province: str | None, digest: str) -> tuple[tuple[str, str], ...]:
    return tuple(names_for(_provider.geojson(level, province)).items())


def feature_names(level: str, province: str | None = None) -> dict[str, str]:
    """code -> name of every feature of a boundaries file, in file order.

    Cached by the file's content digest, so a map that only needs the codes (pages point
    plotly at the boundaries' URL) never parses the GeoJSON again.
    """
    _, digest = _file(level, province or None)
    return dict(_feature_names(level, province or None, digest))


def names_for(gj: dict) -> dict[str, Any]:
    return {str(f["properties"]["code"]): f["properties"].get("name", "") for f in gj.get("features", [])}

"""The read-only JSON API ``/api/v1`` and its OpenAPI 3.1 document.

Endpoints (all GET, all answers JSON objects carrying ``illustrative``):

- ``/api/v1/`` index; ``/api/v1/openapi.json``;
- ``/api/v1/versions``: published snapshot versions;
- ``/api/v1/indicators`` and ``/api/v1/indicators/<id>``;
- ``/api/v1/observations``: filtered with the SAME query parameters and
  ``Filters`` as the pages (``data.filters.parse``), small counts suppressed;
- ``/api/v1/policies``: policy wins, filtered like the policy page;
- ``/api/v1/places`` and ``/api/v1/places/<code>``: official Kemendagri codes.

Unlike the pages, which fall back to defaults with a notice, the API answers
a bad parameter with HTTP 400 and a JSON message naming it: an invalid value
(with the values allowed), a parameter given twice, and a parameter that does
not apply to the endpoint (``q`` on ``/observations``, ``indicator`` on
``/policies``, page-only ones such as ``lang`` or ``tab``), listing the ones
that do. ``v=`` pins a snapshot version on every data endpoint.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd
from flask import Blueprint, Response, current_app, request

from components.share import bridge, jsonutil
from components.share.bridge import ShareError

API_PREFIX = "/api/v1"
MAX_LIMIT = 5000
DEFAULT_LIMIT = 500
PLACE_LEVELS = ("province", "regency", "district", "village")

# Parameters every list endpoint accepts besides its own.
COMMON = {
    "v": "Pin a data version (e.g. 20261121.1); default: the live version.",
    "limit": f"Rows per page, 1-{MAX_LIMIT} (default {DEFAULT_LIMIT}).",
    "offset": "Rows to skip (default 0).",
}
# The page parameters (data.filters.FIELDS) each endpoint applies; any other is a 400.
OBSERVATION_FILTERS = ("indicator", "programme", "theme", "partner", "scheme", "sex", "period", "province", "place")
POLICY_FILTERS = ("programme", "theme", "partner", "period", "policy_level", "instrument", "province", "place", "q",
                  "sort")
PLACE_PARAMS = {
    "level": "province (default), regency, district or village.",
    "parent": "Only the children of this code (e.g. 11 for Aceh's regencies).",
    "q": "Name contains this text (case-insensitive).",
}


def _settings():
    return current_app.extensions["peta_share"].settings


def _json(payload: dict, status: int = 200) -> Response:
    import orjson

    body = orjson.dumps(payload, default=jsonutil.jsonable, option=orjson.OPT_NON_STR_KEYS)
    resp = Response(body, status=status, mimetype="application/json")
    resp.headers["Cache-Control"] = "public, max-age=300" if status == 200 else "no-store"
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


def _error(message: str, status: int = 400, **extra) -> Response:
    return _json({"error": {"status": status, "message": message, **extra}, "illustrative": False}, status)


# --- parameter handling ---------------------------------------------------------

def _args(allowed: Mapping[str, str]) -> dict[str, str]:
    """request.args as a flat dict; 400 for a repeated name or one ``allowed`` does not list."""
    out = {}
    for name in request.args.keys():
        vals = request.args.getlist(name)
        if len(vals) > 1:
            raise ShareError(f"Parameter '{name}' is given {len(vals)} times; give it once.")
        if name not in allowed:
            listed = ", ".join(allowed) or "none"
            shown = name if len(name) <= 40 else name[:37] + "..."
            if name in _filter_params():
                raise ShareError(f"Parameter '{shown}' does not apply to {request.path}. Allowed parameters: "
                                 f"{listed}.", parameter=name, allowed=list(allowed))
            raise ShareError(f"Unknown parameter '{shown}'. Allowed parameters for {request.path}: {listed}.",
                             parameter=name, allowed=list(allowed))
        out[name] = vals[0]
    return out


def _int(args: dict, name: str, default: int, lo: int, hi: int) -> int:
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    if not re.fullmatch(r"\d{1,9}", raw.strip()):
        raise ShareError(f"Parameter '{name}' must be a whole number from {lo} to {hi}; got '{raw}'.")
    v = int(raw)
    if not lo <= v <= hi:
        raise ShareError(f"Parameter '{name}' must be from {lo} to {hi}; got {v}.")
    return v


def _snapshot(args: dict):
    v = args.get("v") or None
    if v is not None and not re.fullmatch(r"\d{8}\.\d{1,4}", v):
        raise ShareError(f"Parameter 'v' must be a data version like 20261121.1; got '{v}'.")
    try:
        return bridge.load(_settings(), v)
    except ShareError as e:
        if e.status == 404:  # an unknown version is a bad parameter here
            raise ShareError(e.message, 400) from e
        raise


def _page(df: pd.DataFrame, args: dict) -> tuple[pd.DataFrame, dict]:
    limit = _int(args, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = _int(args, "offset", 0, 0, 10**9)
    return df.iloc[offset: offset + limit], {"total": int(len(df)), "limit": limit, "offset": offset}


def _envelope(snap, data, **extra) -> dict:
    return {
        "version": snap.version,
        "data_date": snap.data_date or None,
        "illustrative": bool(snap.illustrative),
        **extra,
        "data": data,
    }


def _filter_schemas(snap) -> dict[str, dict]:
    """JSON schemas of the page parameters: the values this snapshot accepts."""
    filters_mod = bridge._mod("data.filters")
    out = {}
    for f in getattr(filters_mod, "FIELDS", ()):
        s = {"type": "string", "default": f.default}
        if f.choices is not None:
            try:
                s["enum"] = list(f.choices(snap))
            except (KeyError, AttributeError, TypeError):
                pass
        if f.example:
            s["examples"] = [f.example]
        out[f.name] = s
    return out


def _filter_params(names: tuple[str, ...] | None = None) -> dict[str, str]:
    """The page query parameters (``data.filters.FIELDS``, or only ``names``) with their help texts."""
    fields = {f.name: f.help_en for f in getattr(bridge._mod("data.filters"), "FIELDS", ())}
    return fields if names is None else {n: fields[n] for n in names}


def _allowed_values(name: str, snap) -> list[str]:
    field = next((f for f in getattr(bridge._mod("data.filters"), "FIELDS", ()) if f.name == name), None)
    if field is None or field.choices is None:
        return []
    try:
        return [str(c) for c in field.choices(snap)]
    except (KeyError, AttributeError, TypeError):
        return []


def _value_message(notice, snap) -> str:
    """An API message for a value the pages would replace by its default (no 'showing ... instead')."""
    name = str(getattr(notice, "param", ""))
    value = str(getattr(notice, "value", ""))
    shown = value if len(value) <= 40 else value[:37] + "..."
    allowed = _allowed_values(name, snap)
    if allowed:
        more = f" (and {len(allowed) - 30} more)" if len(allowed) > 30 else ""
        return f"Parameter '{name}' has an invalid value '{shown}'. Allowed values: {', '.join(allowed[:30])}{more}."
    help_text = _filter_params().get(name, "")
    return f"Parameter '{name}' has an invalid value '{shown}'." + (f" Expected: {help_text}" if help_text else "")


def _parse(args: dict):
    """(snapshot, Filters) from API arguments; an invalid value is a 400 naming the parameter."""
    snap = _snapshot(args)
    query = {k: v for k, v in args.items() if k not in ("limit", "offset")}
    filters, notices = bridge.parse_filters(query, snap)
    if notices:
        first = notices[0]
        raise ShareError(" ".join(_value_message(n, snap) for n in notices)
                         + f" See {API_PREFIX}/openapi.json for the parameters and their values.",
                         parameter=str(getattr(first, "param", "")))
    return snap, filters


# --- endpoints ------------------------------------------------------------------

def index():
    _args({})  # no parameters: anything given is a 400
    base = request.host_url.rstrip("/") + API_PREFIX
    return _json({
        "name": "Peta Inklusi read API",
        "version": "1",
        "illustrative": _live_illustrative(),
        "openapi": f"{base}/openapi.json",
        "endpoints": [f"{base}/{p}" for p in ("versions", "indicators", "observations", "policies", "places")],
    })


def _live_illustrative() -> bool:
    try:
        return bool(bridge.load(_settings()).illustrative)
    except ShareError:
        return False


def versions():
    _args({})  # no parameters: anything given is a 400
    s = _settings()
    from data import snapshot as snapshot_mod

    metas = snapshot_mod.list_versions(s.data_dir)
    try:
        live = bridge.live_version(s)
    except snapshot_mod.SnapshotError:
        live = None
    data = [
        {
            "version": m["version"], "live": m["version"] == live, "created_at": m.get("created_at"),
            "data_date": m.get("data_date") or None, "illustrative": bool(m.get("illustrative")),
            "notes": m.get("notes", ""), "schema_version": m.get("schema_version"),
            "row_counts": m.get("row_counts", {}),
        }
        for m in metas
    ]
    live_ill = next((d["illustrative"] for d in data if d["live"]), False)
    return _json({"live": live, "illustrative": live_ill, "data": data})


def indicators():
    args = _args(COMMON)
    snap = _snapshot(args)
    df = snap.tables["indicators"].sort_values(["sort_order", "indicator_id"])
    page, meta = _page(df, args)
    return _json(_envelope(snap, jsonutil.records(page), **meta))


def indicator(indicator_id: str):
    args = _args({"v": COMMON["v"]})
    snap = _snapshot(args)
    df = snap.tables["indicators"]
    row = df[df["indicator_id"] == indicator_id]
    if row.empty:
        return _error(f"There is no indicator '{indicator_id}'. See {API_PREFIX}/indicators.", 404)
    return _json(_envelope(snap, jsonutil.records(row)[0]))


def observations():
    args = _args({**COMMON, **_filter_params(OBSERVATION_FILTERS)})
    snap, filters = _parse(args)
    df = observation_rows(snap, filters)
    page, meta = _page(df, args)
    return _json(_envelope(snap, jsonutil.records(page), filters=bridge.filters_query(filters), **meta,
                           suppress_threshold=bridge.threshold()))


def observation_rows(snap, filters) -> pd.DataFrame:
    """Observations exactly as the pages read them (``data.query.observations``: one data path).

    The same base step as every chart: small village counts, and figures that
    would reveal them by subtraction, are withheld (value null, suppressed true).
    """
    return bridge._mod("data.query").observations(snap, filters)


def policies():
    args = _args({**COMMON, **_filter_params(POLICY_FILTERS)})
    snap, filters = _parse(args)
    df = policy_rows(snap, filters)
    page, meta = _page(df, args)
    return _json(_envelope(snap, jsonutil.records(page), filters=bridge.filters_query(filters), **meta))


def policy_rows(snap, filters) -> pd.DataFrame:
    """Policy wins exactly as the policy page lists them (``data.query.policies``)."""
    return bridge._mod("data.query").policies(snap, filters)


def _places_frame(level: str) -> pd.DataFrame:
    codes = bridge._mod("geo.codes")
    return codes.places(level)


def places():
    args = _args({**{k: COMMON[k] for k in ("limit", "offset")}, **PLACE_PARAMS})
    level = args.get("level") or "province"
    if level not in PLACE_LEVELS:
        raise ShareError(f"Parameter 'level' must be one of {', '.join(PLACE_LEVELS)}; got '{level}'.")
    df = _places_frame(level)
    if parent := args.get("parent"):
        from data import schema

        if schema.level_of_code(parent) is None:
            raise ShareError(f"Parameter 'parent' must be a Kemendagri code like 11 or 11.01; got '{parent}'.")
        df = df[df["parent_code"].astype("string") == parent]
    if q := args.get("q"):
        df = df[df["name"].astype("string").str.contains(q, case=False, regex=False).fillna(False)]
    page, meta = _page(df, args)
    rows = jsonutil.records(page[[c for c in ("code", "name", "parent_code") if c in page.columns]])
    for r in rows:
        r["level"] = level
    return _json({"illustrative": False, "source": _codes_credit(), **meta, "data": rows})


def place(code: str):
    _args({})
    from data import schema

    level = schema.level_of_code(code)
    if level is None:
        return _error(f"'{code}' is not a Kemendagri code (NN, NN.NN, NN.NN.NN or NN.NN.NN.NNNN).", 400)
    df = _places_frame(level)
    row = df[df["code"].astype("string") == code]
    if row.empty:
        return _error(f"There is no {level} with code '{code}'.", 404)
    rec = jsonutil.records(row[[c for c in ("code", "name", "parent_code") if c in row.columns]])[0]
    rec["level"] = level
    codes = bridge._mod("geo.codes")
    rec["children"] = list(codes.children_of(code)) if level != "village" else []
    return _json({"illustrative": False, "source": _codes_credit(), "data": rec})


def _codes_credit() -> str:
    try:
        return str(bridge._mod("geo.credits").codes_credit("en"))
    except (ImportError, AttributeError):
        return "Kemendagri codes via idn-area-data (ODbL)"


def openapi_json():
    _args({})
    try:
        snap = bridge.load(_settings())
    except ShareError:
        snap = None
    return _json(openapi_document(request.host_url.rstrip("/"), snap))


# --- OpenAPI --------------------------------------------------------------------

def _qparams(spec: Mapping[str, str], schemas: Mapping[str, dict] | None = None) -> list[dict]:
    schemas = schemas or {}
    return [
        {"name": n, "in": "query", "required": False, "description": d, "schema": schemas.get(n, {"type": "string"})}
        for n, d in spec.items()
    ]


_INT = {"type": "integer"}
_COMMON_SCHEMAS = {
    "v": {"type": "string", "pattern": r"^\d{8}\.\d{1,4}$"},
    "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
    "offset": {"type": "integer", "minimum": 0, "default": 0},
}


def openapi_document(server_url: str = "", snap=None) -> dict:
    """The OpenAPI 3.1 description of every endpoint and parameter."""
    from data import schema

    err = {"description": "Bad parameter: the message names it and what to do.",
           "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    nf = {"description": "Not found.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}

    def ok(ref: str, desc: str) -> dict:
        return {"description": desc, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}

    def row_schema(table: str) -> dict:
        t = schema.TABLES[table]
        types = {"string": "string", "int": "integer", "float": "number", "bool": "boolean", "date": "string"}
        props = {}
        for c in t.columns:
            s = {"type": [types[c.dtype], "null"] if not c.required else types[c.dtype]}
            if c.dtype == "date":
                s["format"] = "date"
            if c.enum:
                s["enum"] = list(c.enum) + ([None] if not c.required else [])
            if c.help_en:
                s["description"] = c.help_en
            props[c.name] = s
        return {"type": "object", "properties": props}

    obs_row = row_schema("observations")
    obs_row["properties"]["value"] = {"type": ["number", "null"], "description": "null when suppressed"}
    obs_row["properties"]["suppressed"] = {"type": "boolean", "description": "value withheld: small count"}
    common = _qparams(COMMON, _COMMON_SCHEMAS)
    schemas = _filter_schemas(snap)
    obs_params = _qparams(_filter_params(OBSERVATION_FILTERS), schemas)
    pol_params = _qparams(_filter_params(POLICY_FILTERS), schemas)

    def page_of(row_ref: str) -> dict:
        return {"type": "object", "required": ["illustrative", "data"], "properties": {
            "version": {"type": "string"}, "data_date": {"type": ["string", "null"]},
            "illustrative": {"type": "boolean", "description": "true when the data are simulated"},
            "total": _INT, "limit": _INT, "offset": _INT,
            "data": {"type": "array", "items": {"$ref": f"#/components/schemas/{row_ref}"}}}}

    paths = {
        "/api/v1/": {"get": {"summary": "Index of the API", "operationId": "index",
                             "responses": {"200": {"description": "Links", "content": {"application/json": {"schema": {"type": "object"}}}}, "400": err}}},
        "/api/v1/openapi.json": {"get": {"summary": "This document", "operationId": "openapi",
                                         "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}, "400": err}}},
        "/api/v1/versions": {"get": {"summary": "Published data versions", "operationId": "versions",
                                     "responses": {"200": ok("Versions", "Versions, oldest first"), "400": err}}},
        "/api/v1/indicators": {"get": {"summary": "Indicators and their definitions", "operationId": "indicators",
                                       "parameters": common,
                                       "responses": {"200": ok("IndicatorPage", "Indicators"), "400": err}}},
        "/api/v1/indicators/{indicator_id}": {"get": {
            "summary": "One indicator", "operationId": "indicator",
            "parameters": [{"name": "indicator_id", "in": "path", "required": True, "schema": {"type": "string"}},
                           *_qparams({"v": COMMON["v"]}, _COMMON_SCHEMAS)],
            "responses": {"200": {"description": "The indicator", "content": {"application/json": {"schema": {"type": "object"}}}}, "400": err, "404": nf}}},
        "/api/v1/observations": {"get": {
            "summary": "Observations, filtered with the same query parameters as the pages",
            "description": "Village-level counts below the suppression threshold, and figures that would "
                           "reveal them by subtraction, have value null and suppressed true. A parameter "
                           "this endpoint does not list, or an invalid value, gives 400.",
            "operationId": "observations", "parameters": common + obs_params,
            "responses": {"200": ok("ObservationPage", "Matching observations"), "400": err}}},
        "/api/v1/policies": {"get": {
            "summary": "Policy wins", "operationId": "policies",
            "description": "Filtered with the same query parameters as the policy page "
                           "(programme, theme, partner, period, policy_level, instrument, province, place, q, sort). "
                           "A parameter this endpoint does not list, or an invalid value, gives 400.",
            "parameters": common + pol_params,
            "responses": {"200": ok("PolicyPage", "Matching policy wins"), "400": err}}},
        "/api/v1/places": {"get": {
            "summary": "Official place codes (Kemendagri)", "operationId": "places",
            "parameters": _qparams({k: COMMON[k] for k in ("limit", "offset")}, _COMMON_SCHEMAS)
            + _qparams(PLACE_PARAMS, {"level": {"type": "string", "enum": list(PLACE_LEVELS)}}),
            "responses": {"200": ok("PlacePage", "Places"), "400": err}}},
        "/api/v1/places/{code}": {"get": {
            "summary": "One place with its children", "operationId": "place",
            "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "The place", "content": {"application/json": {"schema": {"type": "object"}}}}, "400": err, "404": nf}}},
    }
    place_row = {"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"},
                                                  "parent_code": {"type": ["string", "null"]}, "level": {"type": "string"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Peta Inklusi read API", "version": "1.0.0",
                 "description": "Read-only data of the Peta Inklusi dashboard. Every answer carries "
                                "`illustrative`; `v` pins a data version. Licences: see /data."},
        "servers": [{"url": server_url or "/"}],
        "paths": paths,
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "properties": {
                "status": _INT, "message": {"type": "string"}}}, "illustrative": {"type": "boolean"}}},
            "Versions": {"type": "object", "properties": {"live": {"type": ["string", "null"]},
                                                          "illustrative": {"type": "boolean"},
                                                          "data": {"type": "array", "items": {"type": "object"}}}},
            "Indicator": row_schema("indicators"),
            "Observation": obs_row,
            "Policy": row_schema("policies"),
            "Place": place_row,
            "IndicatorPage": page_of("Indicator"),
            "ObservationPage": page_of("Observation"),
            "PolicyPage": page_of("Policy"),
            "PlacePage": page_of("Place"),
        }},
    }


# --- blueprint ------------------------------------------------------------------

def _guard(fn):
    def wrapper(*a, **kw):
        try:
            return fn(*a, **kw)
        except ShareError as e:
            return _error(e.message, e.status, **e.extra)

    wrapper.__name__ = fn.__name__
    return wrapper


def blueprint() -> Blueprint:
    bp = Blueprint("peta_api", __name__, url_prefix=API_PREFIX)
    bp.add_url_rule("/", view_func=_guard(index))
    bp.add_url_rule("/openapi.json", view_func=_guard(openapi_json))
    bp.add_url_rule("/versions", view_func=_guard(versions))
    bp.add_url_rule("/indicators", view_func=_guard(indicators))
    bp.add_url_rule("/indicators/<indicator_id>", view_func=_guard(indicator))
    bp.add_url_rule("/observations", view_func=_guard(observations))
    bp.add_url_rule("/policies", view_func=_guard(policies))
    bp.add_url_rule("/places", view_func=_guard(places))
    bp.add_url_rule("/places/<code>", view_func=_guard(place))

    def unknown(rest: str):  # unknown /api/v1/... path: JSON, not the dashboard's HTML page
        return _error(f"No such API endpoint '{API_PREFIX}/{rest}'. See {API_PREFIX}/openapi.json.", 404)

    bp.add_url_rule("/<path:rest>", view_func=unknown)

    @bp.errorhandler(405)
    def _na(e):
        return _error("The API is read-only: use GET.", 405)

    return bp


"""Flask routes for downloads and image exports.

- ``/download/<chart-id>.csv|.xlsx?<query>``: exactly the chart's table view;
- ``/download/snapshot.zip[?v=]``: every table, README.md, datapackage.json;
- ``/export/<chart-id>.png|.svg?<query>&size=word|slide&lang=id|en``.

Query values are read as the pages read them (``data.filters.parse``): a bad
value falls back to its default (listed in the XLSX README sheet). Every
answer is an attachment whose file name carries the chart, the filters and
the data version. Views only convert, call and return.
"""

from __future__ import annotations

import logging

from flask import Blueprint, Response, current_app, request

from components.share import bridge, charts, images, package, safe
from components.share.bridge import ShareError
from components.share.text import norm_lang

log = logging.getLogger(__name__)

# Flask adds "; charset=utf-8" to text/* types itself (giving it here too doubled it)
TABLE_FORMATS = {"csv": "text/csv",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _state():
    return current_app.extensions["peta_share"]


def base_url() -> str:
    """PETA_PUBLIC_URL, or this request's own host."""
    public = getattr(_state().settings, "public_url", "") or ""
    return public.rstrip("/") if public else request.host_url.rstrip("/")


def attachment(data: bytes, filename: str, mimetype: str, *, pinned: bool) -> Response:
    resp = Response(data, mimetype=mimetype)
    resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A pinned version never changes; the live one may be replaced by a new release.
    resp.headers["Cache-Control"] = "public, max-age=31536000, immutable" if pinned else "public, max-age=300"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    return resp


def _text_error(e: ShareError) -> Response:
    return Response(e.message + "\n", status=e.status, mimetype="text/plain")


def table_filename(chart: charts.Chart, fmt: str) -> str:
    slug = charts.slug(chart)
    return f"peta-inklusi_{chart.chart_id}_{slug}_v{chart.snap.version}.{fmt}"


def table_bytes(chart: charts.Chart, fmt: str, settings, base: str) -> bytes:
    """CSV or XLSX bytes of the chart's table view (suppressed, illustrative column, no formulas).

    The privacy note states the threshold the data were suppressed with (``data.privacy``).
    """
    df = charts.table(chart)
    if fmt == "csv":
        return safe.csv_bytes(df)
    info = charts.export_info(chart, base)
    return safe.xlsx_bytes(df, sheet_title=chart.chart_id, readme=charts.readme(chart, info, bridge.threshold()))


def download(filename: str):
    settings = _state().settings
    try:
        if filename == "snapshot.zip":
            return _snapshot_zip(settings)
        chart_id, _, fmt = filename.rpartition(".")
        if fmt not in TABLE_FORMATS or not chart_id:
            raise ShareError(f"Downloads are .csv, .xlsx or snapshot.zip; not '{filename}'.", 404)
        chart = charts.resolve(settings, chart_id, request.args)
        base = base_url()
        # the notices are part of the key: the XLSX README lists them
        key = ("table", chart.key, chart.notices, chart.lang, fmt, base, bridge.threshold())
        data = _state().cache.get(key,
                                  lambda: table_bytes(chart, fmt, settings, base))
        return attachment(data, table_filename(chart, fmt), TABLE_FORMATS[fmt], pinned=bool(chart.filters.v))
    except ShareError as e:
        return _text_error(e)


def _snapshot_zip(settings):
    v = request.args.get("v", "").strip() or None
    snap = charts.bridge.load(settings, v)
    base, threshold = base_url(), bridge.threshold()
    data = _state().cache.get(("zip", snap.key, threshold, base),
                              lambda: package.snapshot_zip(snap, threshold, base))
    return attachment(data, package.zip_filename(snap), "application/zip", pinned=bool(v))


def export(filename: str):
    state = _state()
    settings = state.settings
    try:
        chart_id, _, fmt = filename.rpartition(".")
        if fmt not in images.FORMATS or not chart_id:
            raise ShareError(f"Image exports are .png or .svg; not '{filename}'.", 404)
        size = request.args.get("size", images.DEFAULT_SIZE)
        if size not in images.SIZES:
            size = images.DEFAULT_SIZE
        lang = request.args.get("lang")
        chart = charts.resolve(settings, chart_id, request.args, norm_lang(lang) if lang else None)
        base = base_url()
        key = ("export", chart.key, size, chart.lang, fmt, base)

        def make() -> bytes:
            fig = images.decorate(charts.figure(chart), charts.export_info(chart, base), size, chart.lang)
            try:
                return state.renderer.render(fig, fmt, size)
            except Exception as e:  # noqa: BLE001 - Chromium missing or crashed: say so, do not 500
                log.exception("image export failed")
                raise ShareError(f"The image could not be made on the server ({type(e).__name__}). "
                                 "Download the CSV or try again later.", 503) from e

        data = state.cache.get(key, make)
        slug = charts.slug(chart)
        name = images.filename(chart.chart_id, slug, chart.snap.version, size, chart.lang, fmt)
        return attachment(data, name, images.MEDIA_TYPES[fmt], pinned=bool(chart.filters.v))
    except ShareError as e:
        return _text_error(e)


def blueprint() -> Blueprint:
    bp = Blueprint("peta_share", __name__)
    bp.add_url_rule("/download/<filename>", view_func=download)
    bp.add_url_rule("/export/<filename>", view_func=export)
    return bp

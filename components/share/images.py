"""Brief-ready PNG/SVG images of a chart, rendered on the server with kaleido.

``decorate(fig, info, size, lang)`` takes the SAME figure the page shows
(``components.figures.build_figure``) and bakes into it what a reader of a
brief needs when the image is pasted far from the dashboard: a title stating
the filters, a subtitle, the source line with the citation, the data version
and date, the link to the view and, for simulated data, "ILUSTRATIF /
ILLUSTRATIVE". ``Renderer`` turns the decorated figure into bytes with
kaleido driving Debian's Chromium (``settings.chromium``), offline: plotly.js
comes from the installed plotly package, MathJax is off and plotly's geo base
layers are served from an in-page stub, so nothing is fetched.
"""

from __future__ import annotations

import math

import asyncio
import copy
import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from components.share.text import t

FORMATS = ("png", "svg")
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


@dataclass(frozen=True)
class Size:
    name: str
    width: int  # layout px
    height: int
    scale: float  # PNG pixels = layout px * scale

    @property
    def pixels(self) -> tuple[int, int]:
        return int(self.width * self.scale), int(self.height * self.scale)


#: Word page (fits a portrait A4 text column, sharp when printed) and a 16:9 slide.
SIZES: dict[str, Size] = {
    "word": Size("word", 800, 500, 2),  # 1600 x 1000 px
    "slide": Size("slide", 960, 540, 2),  # 1920 x 1080 px
}
DEFAULT_SIZE = "word"


@dataclass(frozen=True)
class ExportInfo:
    """Everything an exported image states besides the chart itself (already in ``lang``)."""

    title: str
    subtitle: str
    source: str
    version: str
    data_date: str
    url: str
    illustrative: bool


FONT = "DejaVu Sans, Arial, sans-serif"
FOOTER_LINE_PX = 16
TITLE_PX = 20
MAX_SOURCE_LINES = 6  # a longer source line ends with a pointer to the full citations on /data
#: Table and headline-figure images on a Word page grow to fit their rows, up to this height (layout px);
#: a slide keeps 16:9. Rows that still do not fit are left out with a '+N more rows' note.
MAX_HEIGHT = {"word": 1600, "slide": 540}
NOTE_PX = 22


def _clip(text: str, max_chars: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


def _lines(text: str, max_chars: int) -> list[str]:
    from components.figures import wrap_lines
    return wrap_lines(text, max_chars)


def _wrap(text: str, max_chars: int, max_lines: int = 2) -> str:
    """Wrap at word boundaries into at most ``max_lines`` lines joined by <br>."""
    lines = _lines(text, max_chars)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [_clip(" ".join(lines[max_lines - 1:]), max_chars)]
    return "<br>".join(lines)


def source_lines(text: str, max_chars: int, more: str, max_lines: int = MAX_SOURCE_LINES) -> list[str]:
    """The source line wrapped between words. Never cut silently: when it needs more than
    ``max_lines`` lines, the last line says where the full citations are (``more``)."""
    lines = _lines(text, max_chars)
    if len(lines) <= max_lines:
        return lines
    tail = f"… {more}"
    kept = lines[: max_lines - 1]
    last = _lines(" ".join(lines[max_lines - 1:]), max_chars - len(tail) - 1)[0]
    return kept + [f"{last} {tail}"]


def data_page_url(view_url: str) -> str:
    """``<scheme>://<host>/data`` of the view's site (the page with the full citations)."""
    from urllib.parse import urlsplit

    parts = urlsplit(view_url or "")
    return f"{parts.scheme}://{parts.netloc}/data" if parts.scheme and parts.netloc else "/data"


def footer_lines(info: ExportInfo, lang: str) -> list[str]:
    """The source, version/date and link lines, in order."""
    version = f"{t('data_version', lang)} {info.version}"
    if info.data_date:
        version += f" · {t('data_date', lang)} {info.data_date}"
    version += " · Peta Inklusi"
    source = info.source if info.source.lower().startswith(t("source", lang).lower()) \
        else f"{t('source', lang)}: {info.source}"
    lines = [source, version]
    if info.url:
        lines.append(info.url)
    return lines


def _legend_below(layout: dict) -> bool:
    lg = layout.get("legend") or {}
    y = lg.get("y")
    return lg.get("orientation") == "h" and isinstance(y, (int, float)) and y < 0.5


def decorate(fig, info: ExportInfo, size: str | Size, lang: str) -> dict:
    """A copy of ``fig`` (Figure or dict) as a plain dict with the export texts baked in.

    Layout (layout px): title (1-2 lines) and subtitle in the top margin, a
    legend that the page puts under the plot moved above it (the bottom
    belongs to the footer), then the plot; at the bottom the source line
    (1-2 lines), the version/date line and the link.
    """
    sz = SIZES[size] if isinstance(size, str) else size
    d = fig.to_dict() if hasattr(fig, "to_dict") else copy.deepcopy(dict(fig))
    layout = d.setdefault("layout", {})
    chars = int(sz.width / 6.9)  # ~ characters per line at 11 px
    title_lines = _wrap(info.title, int(sz.width / 11.5), 2)
    n_title = title_lines.count("<br>") + 1
    lines = footer_lines(info, lang)
    more = t("full_citations", lang, url=data_page_url(info.url))
    footer = source_lines(lines[0], chars, more) + [_clip(x, chars) for x in lines[1:]]
    legend_top = _legend_below(layout)
    top = 30 + TITLE_PX * n_title + (22 if info.subtitle else 0) + (30 if legend_top else 0) + 14
    bottom_footer = FOOTER_LINE_PX * len(footer) + 14
    margin = dict(layout.get("margin") or {})
    margin["t"] = max(int(margin.get("t") or 0), top)
    margin["b"] = max(int(margin.get("b") or 0), 80) + bottom_footer
    margin["l"] = max(int(margin.get("l") or 0), 40)
    margin["r"] = max(int(margin.get("r") or 0), 30)
    layout["margin"] = margin
    height, note = _fit_content(d, sz, margin, lang)
    layout["width"], layout["height"] = sz.width, height
    layout["autosize"] = False
    if legend_top:
        layout["legend"] = {**layout["legend"], "y": 1.0, "yanchor": "bottom", "x": 0, "xanchor": "left"}
    title = {
        "text": f"<b>{title_lines}</b>",
        # aligned with the footer lines: both start at the plot's left edge
        "x": 0, "xref": "paper", "xanchor": "left",
        "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 14, "l": 0},
        "font": {"size": TITLE_PX - 2, "family": FONT, "color": "#1a1a1a"},
    }
    if info.subtitle:
        title["subtitle"] = {"text": _clip(info.subtitle, int(sz.width / 7.5)),
                             "font": {"size": 13, "family": FONT, "color": "#444"}}
    layout["title"] = title
    ann = list(layout.get("annotations") or [])
    n = len(footer)
    for i, line in enumerate(footer):
        ann.append({
            "text": line, "showarrow": False, "align": "left",
            "xref": "paper", "x": 0, "xanchor": "left",
            "yref": "paper", "y": 0, "yanchor": "bottom",
            # from the bottom edge of the image upwards: last line lowest
            "yshift": -margin["b"] + 6 + FOOTER_LINE_PX * (n - 1 - i),
            "font": {"size": 11, "family": FONT, "color": "#333"},
            "name": f"peta-export-footer-{i}",
        })
    if info.illustrative:
        ann.append({
            "text": f"<b>{t('illustrative_both', lang)}</b>", "showarrow": False,
            "xref": "paper", "x": 1, "xanchor": "right", "yref": "paper", "y": 1, "yanchor": "bottom",
            "yshift": 6, "bgcolor": "#fff3cd", "bordercolor": "#8a6d00", "borderwidth": 1, "borderpad": 4,
            "font": {"size": 12, "family": FONT, "color": "#5c4400"}, "name": "peta-export-illustrative",
        })
        ann.append({
            "text": t("illustrative_both", lang), "showarrow": False, "textangle": -24, "opacity": 0.13,
            "xref": "paper", "x": 0.5, "yref": "paper", "y": 0.5,
            "font": {"size": int(sz.width / 16), "family": FONT, "color": "#000"},
            "name": "peta-export-watermark",
        })
    if note:
        ann.append({"text": note, "showarrow": False, "xref": "paper", "x": 0, "xanchor": "left",
                    "yref": "paper", "y": 0, "yanchor": "top", "yshift": -2,
                    "font": {"size": 12, "family": FONT, "color": "#333"}, "name": "peta-export-more-rows"})
    layout["annotations"] = ann
    layout.setdefault("paper_bgcolor", "#ffffff")
    return d


def _fit_content(d: dict, sz: Size, margin: dict, lang: str) -> tuple[int, str]:
    """(image height, note) for figures as tall as their content (a table, headline figures).

    A Word-page image grows to show every row (up to ``MAX_HEIGHT``); a table that still does
    not fit keeps the rows that do and says how many more there are ('+N more rows — see the CSV').
    """
    layout = d.get("layout", {})
    traces = d.get("data") or []
    is_table = len(traces) == 1 and traces[0].get("type") == "table"
    is_kpi = not traces and bool(layout.get("annotations"))
    if not (is_table or is_kpi):
        return sz.height, ""
    if is_kpi:  # each figure centred on its column (auto anchoring pushed side columns into the middle)
        for a in layout["annotations"]:
            if a.get("xref") == "paper" and not str(a.get("name", "")).startswith("peta-export"):
                a.setdefault("xanchor", "center")
    chrome = int(margin["t"]) + int(margin["b"])
    content = int(layout.get("height") or 0)
    limit = max(sz.height, MAX_HEIGHT.get(sz.name, sz.height))
    height = min(max(sz.height, chrome + content), limit)
    if is_kpi:
        return height, _fit_kpis(layout, height - chrome - NOTE_PX, lang)
    if not is_table or chrome + content <= height:
        return height, ""
    from components.figures import TABLE_HEADER_PX, TABLE_LINE_PX, table_row_heights

    cells = traces[0].setdefault("cells", {})
    values = [list(col) for col in (cells.get("values") or [])]
    header = traces[0].get("header", {}).get("values") or []
    head = TABLE_HEADER_PX + TABLE_LINE_PX * (max([str(h).count("<br>") + 1 for h in header] or [1]) - 1)
    room = height - chrome - head - NOTE_PX
    rows, used, keep = table_row_heights(values), 0, 0
    for h in rows:
        if used + h > room:
            break
        used, keep = used + h, keep + 1
    cells["values"] = [col[:keep] for col in values]
    more = len(rows) - keep
    if sz.name != "slide":  # the page ends under the last row shown (a slide keeps 16:9)
        height = max(sz.height, min(height, chrome + head + used + NOTE_PX + 20))
    return height, t("more_rows", lang, n=more) if more else ""


def _fit_kpis(layout: dict, room: int, lang: str) -> str:
    """Keep the whole rows of headline figures that fit in ``room`` px (spread over it); the note
    says how many figures are left out."""
    from components.figures import KPI_MIN_ROW_PX

    grid = (layout.get("meta") or {}).get("kpi") or {}
    cols, n = int(grid.get("cols") or 3), int(grid.get("n") or 0)
    total = int(grid.get("total") or n)
    if not n:
        return ""
    if math.ceil(n / cols) * KPI_MIN_ROW_PX <= room:  # every figure drawn fits as laid out
        return t("more_figures", lang, n=total - n) if total > n else ""
    rows = max(1, room // KPI_MIN_ROW_PX)
    if rows * cols < n:
        cols = max(cols, 4)  # a wide, short image (16:9 slide) takes four figures a row
    keep = min(n, rows * cols)
    shown = math.ceil(keep / cols)
    kept = []
    for a in layout.get("annotations") or []:
        name = str(a.get("name", ""))
        if not name.startswith("kpi-"):
            kept.append(a)
            continue
        i = int(name[4:])
        if i < keep:
            a["x"], a["y"] = (i % cols + 0.5) / cols, 1 - (i // cols) / shown
            kept.append(a)
    layout["annotations"] = kept
    return t("more_figures", lang, n=total - keep) if total > keep else ""


def export_texts(fig_dict: dict) -> list[str]:
    """All texts baked into a decorated figure (title, subtitle, annotations)."""
    layout = fig_dict.get("layout", {})
    title = layout.get("title") or {}
    out = [title.get("text", ""), (title.get("subtitle") or {}).get("text", "")]
    out += [a.get("text", "") for a in layout.get("annotations") or []]
    return [x for x in out if x]


def filename(chart_id: str, slug: str, version: str, size: str, lang: str, fmt: str) -> str:
    return f"peta-inklusi_{chart_id}_{slug}_{size}_{lang}_v{version}.{fmt}"


# --- the offline stub for plotly's geo base layers --------------------------------

_GEO_LAYERS = ("coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits")
_GEO_SCOPES = ("world", "usa", "europe", "asia", "africa", "north-america", "south-america", "oceania", "antarctica")


def geo_assets_js() -> str:
    """JS defining ``window.PlotlyGeoAssets`` with empty base layers for every scope.

    plotly.js uses a topojson found there instead of fetching it from its CDN;
    the chart's own GeoJSON (code-keyed boundaries) draws the map.
    """
    empty = {"type": "Topology", "bbox": [-180, -90, 180, 90], "arcs": [],
             "objects": {k: {"type": "GeometryCollection", "geometries": []} for k in _GEO_LAYERS}}
    topo = {f"{s}_{r}": empty for s in _GEO_SCOPES for r in ("110m", "50m")}
    return "window.PlotlyGeoAssets = " + json.dumps({"topojson": topo}) + ";\n"


def plotly_js_path() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def page_generator(folder: Path):
    """kaleido's page: local plotly.js, no MathJax, the geo stub; no URL outside this machine."""
    import kaleido

    stub = folder / "plotly-geo-assets.js"
    stub.write_text(geo_assets_js(), encoding="utf-8")
    return kaleido.PageGenerator(plotly=str(plotly_js_path()), mathjax=False, others=[str(stub)])


class Renderer:
    """One warm kaleido (Chromium) per process, started on first use.

    kaleido is asyncio-based; it lives on its own event-loop thread and
    requests (Flask threads or sync workers) hand it work under a lock, so
    concurrent requests cannot receive each other's images. A crashed or hung
    Chromium is restarted once.
    """

    def __init__(self, chromium: str, *, timeout: float = 60):
        self.chromium = chromium
        self.timeout = timeout
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None
        self._tmp: tempfile.TemporaryDirectory | None = None

    # -- lifecycle --
    def _start(self) -> None:
        import kaleido

        if not os.path.exists(self.chromium):
            raise RuntimeError(f"Chromium not found at {self.chromium} (setting PETA_CHROMIUM); "
                               "install the Debian package chromium (scripts/setup.sh does).")
        self._tmp = tempfile.TemporaryDirectory(prefix="peta-kaleido-")
        page = page_generator(Path(self._tmp.name))
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="peta-kaleido", daemon=True)
        thread.start()

        async def open_():
            k = kaleido.Kaleido(page_generator=page, path=self.chromium, timeout=self.timeout)
            await k.open()
            return k

        try:
            self._kaleido = asyncio.run_coroutine_threadsafe(open_(), loop).result(self.timeout)
        except BaseException:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(5)
            self._tmp.cleanup()
            self._tmp = None
            raise
        self._loop, self._thread = loop, thread

    def close(self) -> None:
        """Stop Chromium and the loop thread (safe to call twice)."""
        with self._lock:
            self._close_locked()

    def _close_locked(self) -> None:
        if self._loop is not None:
            try:
                asyncio.run_coroutine_threadsafe(self._kaleido.close(), self._loop).result(15)
            except Exception:  # noqa: BLE001 - closing a browser that already died
                pass
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(5)
        if self._tmp is not None:
            self._tmp.cleanup()
        self._loop = self._thread = self._kaleido = self._tmp = None

    @property
    def running(self) -> bool:
        return self._loop is not None

    # -- rendering --
    def render(self, fig_dict: dict, fmt: str, size: str | Size) -> bytes:
        """PNG or SVG bytes of a (decorated) figure dict."""
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}")
        sz = SIZES[size] if isinstance(size, str) else size
        layout = fig_dict.get("layout") or {}
        # a table or headline-figure image may be taller than the size's default (see decorate)
        height = int(layout.get("height") or sz.height)
        opts = {"format": fmt, "width": sz.width, "height": height, "scale": sz.scale if fmt == "png" else 1}
        with self._lock:
            for attempt in (1, 2):
                if self._loop is None:
                    self._start()
                fut = asyncio.run_coroutine_threadsafe(self._kaleido.calc_fig(fig_dict, opts=opts), self._loop)
                try:
                    return fut.result(self.timeout + 5)
                except Exception:
                    # A crashed or hung Chromium: restart it once, then give up.
                    fut.cancel()
                    self._close_locked()
                    if attempt == 2:
                        raise
        raise RuntimeError("unreachable")

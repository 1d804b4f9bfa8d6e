"""One chart request -> the same spec, Filters, snapshot, table and figure as the page.

``resolve(settings, chart_id, query)`` parses the query exactly as the pages
do (bad values fall back to defaults with notices, never an error), loads the
pinned (``v=``) or live snapshot and looks up the spec. The downloads, image
exports and the embed page all start from a :class:`Chart`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from components.share import bridge
from components.share.bridge import ShareError
from components.share.images import ExportInfo
from components.share.text import norm_lang, t

VERSION_RE = re.compile(r"^\d{8}\.\d{1,4}$")


@dataclass(frozen=True)
class Chart:
    chart_id: str
    spec: Any
    filters: Any
    snap: Any
    notices: tuple
    lang: str

    @property
    def key(self) -> tuple:
        """A value key for caches: chart, Filters (hashable), data version."""
        return (self.chart_id, self.filters, self.snap.key)


def _flat(query: Mapping[str, Any]) -> dict[str, str]:
    out = {}
    for k, v in dict(query).items():
        if isinstance(v, (list, tuple)):
            v = v[-1] if v else ""
        out[str(k)] = "" if v is None else str(v)
    return out


def resolve(settings, chart_id: str, query: Mapping[str, Any], lang: str | None = None) -> Chart:
    """The chart behind ``/<kind>/<chart_id>?<query>`` (ShareError 404 for an unknown chart or version)."""
    q = _flat(query)
    spec = bridge.get_spec(chart_id)
    v = q.get("v", "").strip()
    snap = bridge.load(settings, v if VERSION_RE.match(v) else None)
    filters, notices = bridge.parse_filters(q, snap)
    if lang:
        filters = filters.replace(lang=norm_lang(lang))
    if hasattr(spec, "filters"):  # only what this chart uses: stable file names and cache keys
        filters = spec.filters(filters)
    return Chart(chart_id, spec, filters, snap, tuple(notices), norm_lang(getattr(filters, "lang", "id")))


def table(chart: Chart) -> pd.DataFrame:
    """Exactly the chart's table view, with the illustrative flag as a column.

    Suppressed as the page is: the queries behind ``table_for`` withhold small
    village counts with the app's threshold (``data.privacy.threshold``).
    """
    df = bridge.table_for(chart.spec, chart.filters, chart.snap, chart.lang).copy()
    if chart.snap.illustrative:
        # table_for marks illustrative rows; a simulated snapshot is marked on every row
        # even when a chart's rows carry no flag of their own.
        from components.i18n import t as ui

        col, mark = ui("col.illustrative", chart.lang), ui("card.illustrative", chart.lang)
        if col not in df.columns:
            df[col] = mark
    return df


def figure(chart: Chart):
    return bridge.build_figure(chart.spec, chart.filters, chart.snap, chart.lang)


def slug(chart: Chart) -> str:
    """The file-name words of a chart's filters (values the spec pins are left out)."""
    return filters_slug(chart.filters, chart.lang, skip=tuple(k for k, _ in getattr(chart.spec, "fixed", ())))


def filters_slug(filters, lang: str, skip: tuple[str, ...] = ()) -> str:
    """Short, file-name-safe words for the non-default filters (``semua``/``all`` if none)."""
    drop = {"lang", "tab", "v", "lite", "sort", *skip}
    q = {k: v for k, v in dict(filters.to_query()).items() if k not in drop}
    if not q:
        return t("all_data", lang)
    text = "_".join(f"{k}-{v}" for k, v in q.items())
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-_.")
    return text[:80].rstrip("-_.") or t("all_data", lang)


def view_url(chart: Chart, base_url: str) -> str:
    """Link to the full view of this chart with these filters (the card's page)."""
    urls = bridge.chart_urls(chart.chart_id, chart.filters)
    path = urls.get("view") or urls.get("page")
    if not path:
        q = urlencode(dict(chart.filters.to_query()))
        path = f"/embed/{chart.chart_id}" + (f"?{q}" if q else "")
    return base_url.rstrip("/") + path if path.startswith("/") else path


def export_info(chart: Chart, base_url: str) -> ExportInfo:
    """Title (stating the filters), subtitle, source, version/date, link, illustrative flag."""
    texts = bridge.chart_texts(chart.spec, chart.filters, chart.snap, chart.lang)
    return ExportInfo(
        title=texts["title"],
        subtitle=texts.get("subtitle", ""),
        source=texts.get("source", ""),
        version=chart.snap.version,
        data_date=chart.snap.data_date,
        url=view_url(chart, base_url),
        illustrative=bool(chart.snap.illustrative),
    )


def readme(chart: Chart, info: ExportInfo, threshold: int) -> list[tuple[str, str]]:
    """The README sheet rows of an XLSX download."""
    lang = chart.lang
    rows = [
        (t("title", lang), info.title),
        (t("subtitle", lang), info.subtitle),
        (t("filters", lang), urlencode(dict(chart.filters.to_query())) or t("all_data", lang)),
        (t("source", lang), info.source),
        (t("citation", lang), f"Peta Inklusi, {t('data_version', lang).lower()} {info.version}"
                              + (f", {t('data_date', lang)} {info.data_date}" if info.data_date else "")
                              + f". {info.url}"),
        (t("data_version", lang), info.version),
        (t("data_date", lang).capitalize(), info.data_date),
        (t("licence", lang), t("licence_text", lang)),
        (t("illustrative", lang).capitalize(),
         (t("yes", lang) + ": " + t("illustrative_note", lang)) if info.illustrative else t("no", lang)),
        (t("privacy", lang), t("suppression", lang, threshold=threshold)),
        (t("link", lang), info.url),
    ]
    for n in chart.notices:
        rows.append(("!", n.text(lang) if hasattr(n, "text") else str(n)))
    return [(k, v) for k, v in rows if v not in (None, "")]


__all__ = ["Chart", "resolve", "table", "figure", "filters_slug", "view_url", "export_info", "readme",
           "ShareError"]

"""The one place where the share features call the other areas' APIs.

Downloads, exports, embeds and the API all start from the same objects as the
pages: the snapshot (``data.snapshot``), validated ``Filters``
(``data.filters``), the chart-spec registry (``components.specs``), the
figure builder (``components.figures``) and the card's links
(``components.urls``); privacy suppression comes from ``data.privacy`` through ``data.query``.
Imports are lazy so that importing ``components.share`` does no I/O and does
not pull in Dash.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

import pandas as pd

from data import snapshot as snapshot_mod


class ShareError(Exception):
    """A request the share endpoints cannot serve; ``status`` is the HTTP status."""

    def __init__(self, message: str, status: int = 400, **extra: Any):
        super().__init__(message)
        self.message = message
        self.status = status
        self.extra = extra  # more fields for a JSON error (e.g. parameter, allowed)


def _mod(name: str):
    return importlib.import_module(name)


# --- snapshot -----------------------------------------------------------------

def versions(settings) -> list[str]:
    """Every published version in the data directory, oldest first."""
    return [m["version"] for m in snapshot_mod.list_versions(settings.data_dir)]


def live_version(settings) -> str:
    return snapshot_mod.current_version(settings.data_dir)


def load(settings, version: str | None = None):
    """The live snapshot, or ``version`` (``ShareError`` 404 naming the known ones if unknown)."""
    if version:
        known = versions(settings)
        if version not in known:
            from components.share.text import t

            raise ShareError(
                t("unknown_version", "en", version=version, known=", ".join(known) or "-"), 404
            )
    try:
        return snapshot_mod.load_snapshot(version or None, root=settings.data_dir)
    except snapshot_mod.SnapshotError as e:
        raise ShareError(str(e), 503) from e


def newer_version(settings, snap) -> str | None:
    """The live version when it is newer than ``snap``'s, else None."""
    try:
        live = live_version(settings)
    except snapshot_mod.SnapshotError:
        return None
    if live == snap.version:
        return None
    key = snapshot_mod._version_sort_key
    return live if key(live) > key(snap.version) else None


# --- filters ------------------------------------------------------------------

def parse_filters(query: Mapping[str, Any], snap) -> tuple[Any, list]:
    """``data.filters.parse``: (Filters, notices); the snapshot supplies the allowed ids."""
    filters, notices = _mod("data.filters").parse(dict(query), snap)
    return filters, list(notices or [])


def filters_query(filters) -> dict:
    """Only the non-default values, as in the page URL."""
    return dict(filters.to_query())


# --- specs, tables, figures -----------------------------------------------------

def get_spec(chart_id: str):
    """The chart spec, or ``ShareError`` 404 for an unknown id."""
    specs = _mod("components.specs")
    try:
        spec = specs.get_spec(chart_id)
    except (KeyError, LookupError, ValueError):
        spec = None
    if spec is None:
        from components.share.text import t

        raise ShareError(t("unknown_chart", "en", chart_id=chart_id), 404)
    return spec


def table_for(spec, filters, snap, lang: str) -> pd.DataFrame:
    return _mod("components.specs").table_for(spec, filters, snap, lang)


def build_figure(spec, filters, snap, lang: str):
    """The card's figure in the view ``tab`` names (when the chart offers it), as on the page:
    the chart tab of a map spec is its bar chart, the table tab its table."""
    figures = _mod("components.figures")
    tab = getattr(filters, "tab", "")
    views = tuple(getattr(spec, "views", ()))
    if tab == "table" and "table" in views and spec.kind not in ("table", "kpi"):
        frame = _mod("components.specs").data_for(spec, filters, snap, lang)
        return figures.build_table(spec, filters, frame, snap, lang)
    view = "chart" if tab == "chart" and "chart" in views else None
    return figures.build_figure(spec, filters, snap, lang, view=view)


def chart_texts(spec, filters, snap, lang: str) -> dict:
    """The card's texts: ``title`` (stating the filters), ``subtitle``, ``source`` line."""
    specs = _mod("components.specs")
    return {
        "title": specs.title(spec, filters, snap, lang),
        "subtitle": specs.subtitle(spec, filters, snap, lang),
        "source": specs.source_line(spec, filters, snap, lang),
    }


def chart_urls(chart_id: str, filters) -> dict:
    return dict(_mod("components.urls").chart_urls(chart_id, filters))


# --- privacy ------------------------------------------------------------------

def threshold() -> int:
    """The suppression threshold every public output uses (``data.privacy``; the app's settings)."""
    return _mod("data.privacy").threshold()


def published_observations(snap, threshold: int | None = None) -> pd.DataFrame:
    """The observations table as published (``data.query.published_observations``, ``data.privacy.protect``)."""
    return _mod("data.query").published_observations(snap, threshold)

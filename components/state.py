"""From a request's query to (snapshot, Filters, notices), the way every page starts.

The snapshot is the live one named by the manifest (re-read on each call, a
tiny JSON file, so a newly published version shows up without a restart) or
the version pinned with ``v=``. Loaded versions are cached by value in
``data.snapshot``. No Dash imports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from data import filters as flt
from data.filters import Filters, Notice
from data.snapshot import SnapshotError, list_versions, load_snapshot
from data.settings import get_settings


@dataclass(frozen=True)
class PageState:
    snapshot: Any  # None when nothing is published
    filters: Filters
    notices: tuple[Notice, ...]

    @property
    def lang(self) -> str:
        return self.filters.lang


def load(version: str = "") -> Any:
    """The pinned or live snapshot, or None when nothing is published."""
    root = get_settings().data_dir
    try:
        return load_snapshot(version or None, root=root)
    except (SnapshotError, OSError, KeyError, ValueError):
        return None


def live_key() -> Any:
    """What an answer depends on besides its request: the live snapshot's key (data dir, version;
    None when nothing is published) and the settings (e.g. the suppression threshold)."""
    snap = load("")
    return (None if snap is None else snap.key), get_settings()


def from_query(query: Mapping[str, Any] | None, **fixed: str) -> PageState:
    """Parse ``query`` (a page's kwargs or request.args); ``fixed`` pins path values (e.g. theme)."""
    query = {k: v for k, v in (query or {}).items() if k not in fixed}
    pre, _ = flt.parse({"v": query.get("v", "")}, None)
    snapshot = load(pre.v)
    notices: list[Notice] = []
    if snapshot is None and pre.v:
        notices.append(Notice("v", pre.v, ""))
        snapshot = load("")
    f, n = flt.parse(query, snapshot)
    notices.extend(n)
    if snapshot is not None and f.v and f.v != snapshot.version:
        f = f.replace(v="")
    if fixed:
        f = f.replace(**fixed)
    return PageState(snapshot, f, tuple(notices))


def from_search(search: str | None, **fixed: str) -> PageState:
    """Same as :func:`from_query` for a ``?a=b`` string or a full URL."""
    s = search or ""
    if "://" in s or s.startswith("/"):
        s = urlsplit(s).query
    return from_query(dict(parse_qsl(s.lstrip("?"), keep_blank_values=True)), **fixed)


def versions() -> list[dict]:
    try:
        return list_versions(get_settings().data_dir)
    except (SnapshotError, OSError):
        return []

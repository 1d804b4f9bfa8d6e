"""The one settings table. Read from ``PETA_*`` environment variables.

Nothing is read at import time: call :func:`get_settings` (it reads the
environment each call, which is cheap, so tests can monkeypatch variables).
The README's settings table is checked against ``SETTINGS`` by a test.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, fields
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _bool(v: str) -> bool:
    return v.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    parse: type | object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("PETA_DATA_DIR", str(PROJECT_ROOT / "data" / "snapshots"), Path,
            "Folder of published snapshots (manifest.json + versions/). Used by the app and every command."),
    Setting("PETA_SHARED_DIR", str(PROJECT_ROOT.parent / "shared"), Path,
            "The shared source material (seeds, reference codes, boundary source). Only build steps read it."),
    Setting("PETA_SUPPRESS_THRESHOLD", "5", int,
            "Village-level counts below this are suppressed in every public output."),
    Setting("PETA_DEBUG", "false", _bool,
            "Development mode: Dash debug and dev tools. Never in production."),
    Setting("PETA_HOST", "127.0.0.1", str, "Address `python app.py` listens on."),
    Setting("PETA_PORT", "8050", int, "Port `python app.py` listens on."),
    Setting("PETA_PUBLIC_URL", "", str,
            "Public base URL (e.g. https://peta-inklusi.example) used in embed codes and image footers; "
            "empty means the request's own host."),
    Setting("PETA_OPTIMIZE", "true", _bool,
            "Performance optimisations (small plotly.js bundle, pre-compressed assets, answer cache, worker warm-up). "
            "Off only to measure the difference."),
    Setting("PETA_VALIDATE_FIGURES", "false", _bool,
            "Let plotly validate every figure as it is built (about 13 ms a map). The test suite turns it on; "
            "a test checks that both ways give the same JSON."),
    Setting("PETA_CHROMIUM", "/usr/bin/chromium", str,
            "Chromium used on the server for PNG/SVG export (Debian package chromium)."),
)


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    shared_dir: Path
    suppress_threshold: int
    debug: bool
    host: str
    port: int
    public_url: str
    optimize: bool
    validate_figures: bool
    chromium: str


def _attr(env: str) -> str:
    return env.removeprefix("PETA_").lower()


def get_settings(environ: dict[str, str] | None = None) -> Settings:
    """Parse the settings from ``environ`` (default ``os.environ``).

    The environment is read on every call (tests change it); parsing is cached by the raw values,
    so the hundreds of calls a request makes cost a dict look-up each.
    """
    env = os.environ if environ is None else environ
    return _parse(tuple(env.get(s.env, s.default) for s in SETTINGS))


@functools.lru_cache(maxsize=32)
def _parse(raw: tuple[str, ...]) -> Settings:
    values = {_attr(s.env): s.parse(r) for s, r in zip(SETTINGS, raw)}
    assert {f.name for f in fields(Settings)} == set(values)
    return Settings(**values)

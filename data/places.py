"""Official place codes for the data layer: a thin adapter over ``geo.codes``.

The data layer needs the Kemendagri codes for three jobs: checking the codes
in the seed transcription, telling staff the nearest official code when an
input file has an unknown one, and drawing villages for the illustrative demo
snapshot. It reads the official tables from ``geo.codes`` (the committed
``geo/generated/codes.parquet``), and directly from
``<PETA_SHARED_DIR>/reference/idn-area-data/*.csv`` only when asked to or when
``geo.codes`` is not available. Name suggestions come from
``geo.codes.suggest`` (which knows common abbreviations) with a plain
similarity match as the fallback.

Everything is loaded lazily and cached by value (the folder path), never at
import time.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from pathlib import Path

import pandas as pd

from data.schema import level_of_code
from data.settings import get_settings

LEVELS = ("province", "regency", "district", "village")
_CSV = {
    "province": ("provinces.csv", None),
    "regency": ("regencies.csv", "province_code"),
    "district": ("districts.csv", "regency_code"),
    "village": ("villages.csv", "district_code"),
}
CREDIT = "Administrative codes: idn-area-data (ODbL), from Kemendagri"


def reference_dir(shared_dir: str | Path | None = None) -> Path:
    base = Path(shared_dir) if shared_dir is not None else get_settings().shared_dir
    return base / "reference" / "idn-area-data"


@functools.lru_cache(maxsize=16)
def _load_csv(folder: str, level: str) -> pd.DataFrame:
    fname, parent = _CSV[level]
    df = pd.read_csv(Path(folder) / fname, dtype=str, keep_default_na=False)
    df["parent_code"] = df[parent] if parent else ""
    return df[["code", "name", "parent_code"]].reset_index(drop=True)


def _from_geo(level: str) -> pd.DataFrame | None:
    try:  # geo.codes is the GEO developer's module; use it only if it is there and works
        from geo import codes as geo_codes  # noqa: PLC0415

        df = geo_codes.places(level)
        if {"code", "name", "parent_code"} <= set(df.columns) and len(df):
            out = df[["code", "name", "parent_code"]].copy()
            return out.astype(object).where(out.notna(), "").astype(str).reset_index(drop=True)
    except Exception:  # noqa: BLE001 - any problem there: fall back to the official CSVs
        return None
    return None


def places(level: str, shared_dir: str | Path | None = None) -> pd.DataFrame:
    """DataFrame[code, name, parent_code] of one level of official places.

    From ``geo.codes`` (the committed code table) unless ``shared_dir`` is
    given; from the official CSVs in ``<shared_dir>/reference/idn-area-data``
    when it is, or when ``geo.codes`` is not available.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    if shared_dir is None:
        geo_df = _from_geo(level)
        if geo_df is not None:
            return geo_df
    folder = reference_dir(shared_dir)
    if (folder / _CSV[level][0]).exists():
        return _load_csv(str(folder.resolve()), level)
    raise FileNotFoundError(
        f"Official codes not found: neither geo.codes nor {folder / _CSV[level][0]} is available. "
        "Run `peta-inklusi geo build` or set PETA_SHARED_DIR to the folder holding reference/idn-area-data."
    )


@functools.lru_cache(maxsize=4)
def _index(shared_dir: str | None) -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    for level in LEVELS:
        df = places(level, shared_dir)
        for code, name, parent in zip(df["code"], df["name"], df["parent_code"]):
            out[code] = (level, name, parent)
    return out


def index(shared_dir: str | Path | None = None) -> dict[str, tuple[str, str, str]]:
    """code -> (level, official name, parent code) for every official place."""
    return _index(None if shared_dir is None else str(shared_dir))


def name_of(code: str, shared_dir=None) -> str | None:
    hit = index(shared_dir).get(code)
    return hit[1] if hit else None


def exists(code: str, shared_dir=None) -> bool:
    return code in index(shared_dir)


_PREFIX = re.compile(r"^(kabupaten|kab\.?|kota|provinsi|prov\.?|desa|kelurahan|kecamatan)\s+")


def normalize(text: str) -> str:
    """Lower-case, accents and punctuation removed, admin prefixes dropped."""
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    t = re.sub(r"[^a-z0-9 ]+", " ", t.lower())
    t = re.sub(r"\s+", " ", t).strip()
    return _PREFIX.sub("", t)


def suggest(text: str, level: str | None = None, n: int = 3, parent: str | None = None,
            shared_dir=None) -> list[tuple[str, str]]:
    """Up to ``n`` official (code, name) pairs nearest to ``text``.

    ``text`` may be a code (nearest codes by shape and digits, preferring the
    same parent) or a name (nearest names by similarity).
    """
    text = str(text or "").strip()
    if not text:
        return []
    lvl = level or level_of_code(text)
    levels = [lvl] if lvl else ["province", "regency"]
    rows = []
    for lv in levels:
        df = places(lv, shared_dir)
        if parent:
            sub = df[df["parent_code"] == parent]
            df = sub if len(sub) else df
        rows.append(df)
    df = pd.concat(rows, ignore_index=True)
    if re.match(r"^[\d.]+$", text):
        keys = list(df["code"])
        # prefer codes sharing the longest prefix, then closest by edit ratio
        def score(c: str) -> tuple:
            common = len(_common_prefix(c, text))
            return (-common, -difflib.SequenceMatcher(None, c, text).ratio(), c)
        best = sorted(keys, key=score)[:n]
        lookup = dict(zip(df["code"], df["name"]))
        return [(c, lookup[c]) for c in best]
    if parent is None:
        hits = _geo_suggest(text, lvl, n)
        if hits:
            return hits
    target = normalize(text)
    scored = []
    for code, name in zip(df["code"], df["name"]):
        cand = normalize(name)
        if target and (cand.startswith(target) or f" {target}" in f" {cand}"):
            score = 2.0 - len(cand) / 1000  # the stated name is contained in the official one
        else:
            score = difflib.SequenceMatcher(None, target, cand).ratio()
        if score >= 0.5:
            scored.append((-score, code, name))
    return [(code, name) for _, code, name in sorted(scored)[:n]]


def _geo_suggest(text: str, level: str | None, n: int) -> list[tuple[str, str]]:
    """geo.codes.suggest knows common abbreviations (e.g. Pangkep); use it when it is there."""
    try:
        from geo import codes as geo_codes  # noqa: PLC0415

        hits = geo_codes.suggest(text, level, n=n)
        return [(str(h[0]), str(h[1])) for h in hits][:n]
    except Exception:  # noqa: BLE001 - optional helper; our own matching follows
        return []


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]

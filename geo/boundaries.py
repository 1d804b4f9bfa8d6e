"""Boundaries keyed by official Kemendagri code, for maps (GeoJSON) and analysis (GeoDataFrame).

Reads the files in ``geo/generated/`` (made by ``peta-inklusi geo build``)
lazily, on first use; nothing happens at import. File contents are cached by
value (level, province) and every call returns a fresh object, so a caller
that changes what it got cannot affect anyone else.

- ``geojson("province")``: the 38 provinces (coarse, for the national map);
- ``geojson("regency")``: the 514 regencies/cities (national map detail);
- ``geojson("regency", province="73")``: one province's regencies, finer, for drill-down;
- ``frame(level)``: GeoDataFrame[code, name, province_code, geometry] (drill-down detail);
- ``bounds(level, province=None)``: (minlon, minlat, maxlon, maxlat).

GeoJSON features carry ``properties.code``, ``properties.name`` and ``id`` ==
code. Outer rings are clockwise (what plotly's geo maps need), so pass them to
``go.Choropleth(geojson=..., locations=codes, featureidkey="id")`` as they are.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import orjson

GENERATED = Path(__file__).resolve().parent / "generated"
LEVELS = ("province", "regency")


def _check(level: str, province: str | None) -> tuple[str, str | None]:
    if level not in LEVELS:
        raise ValueError(f"unknown boundary level {level!r}; use one of {LEVELS}")
    if province is None:
        return level, None
    p = str(province).strip()
    if not (len(p) == 2 and p.isdigit() and (GENERATED / f"regency-{p}.geojson").is_file()):
        raise ValueError(f"unknown province code {province!r}; use a two-digit Kemendagri code such as '73'")
    return level, p


def geojson_path(level: str, province: str | None = None) -> Path:
    """The generated file behind :func:`geojson` (for serving it as a static, cacheable file)."""
    level, province = _check(level, province)
    if level == "regency" and province is not None:
        return GENERATED / f"regency-{province}.geojson"
    return GENERATED / f"{level}.geojson"


@lru_cache(maxsize=64)
def _bytes(level: str, province: str | None) -> bytes:
    path = geojson_path(level, province)
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; run `peta-inklusi geo build`")
    return path.read_bytes()


def geojson(level: str, province: str | None = None) -> dict:
    """A FeatureCollection of one level, optionally only the places in one province.

    Regencies of one province come from the finer drill-down file. A top-level
    ``metadata`` member says how the file was made and carries the credit line.
    """
    level, province = _check(level, province)
    data = orjson.loads(_bytes(level, province))
    if level == "province" and province is not None:
        data["features"] = [f for f in data["features"] if f["id"] == province]
    return data


@lru_cache(maxsize=len(LEVELS))
def _frame(level: str):
    import geopandas as gpd  # heavy; only when a frame is asked for

    path = GENERATED / f"{level}.parquet"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; run `peta-inklusi geo build`")
    gdf = gpd.read_parquet(path)
    return gdf.set_crs("EPSG:4326", allow_override=True)[["code", "name", "province_code", "geometry"]]


def frame(level: str):
    """GeoDataFrame[code, name, province_code, geometry] in EPSG:4326, sorted by code (a copy)."""
    level, _ = _check(level, None)
    return _frame(level).copy()


@lru_cache(maxsize=128)
def bounds(level: str, province: str | None = None) -> tuple[float, float, float, float]:
    """(minlon, minlat, maxlon, maxlat) of a level, or of one province's part of it."""
    level, province = _check(level, province)
    data = geojson(level, province)
    xy = np.concatenate([np.asarray(ring, dtype=float).reshape(-1, 2)
                         for f in data["features"] for ring in _rings(f["geometry"])])
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    return (round(float(lo[0]), 3), round(float(lo[1]), 3), round(float(hi[0]), 3), round(float(hi[1]), 3))


def _rings(geometry: dict):
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    else:
        for poly in geometry["coordinates"]:
            yield from poly

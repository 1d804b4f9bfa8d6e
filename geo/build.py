"""``peta-inklusi geo build``: code-keyed, simplified boundary files for the browser and for analysis.

Reads (from ``PETA_SHARED_DIR``, never from the internet):
- ``geo/source/geoBoundaries-IDN-ADM2_simplified.topojson``: 519 units with names, no codes;
- ``reference/idn-area-data/*.csv``: the official Kemendagri codes and names.

Writes (default ``geo/generated/``), byte-for-byte the same on every run:
- ``province.geojson``, ``regency.geojson`` and ``regency-NN.geojson`` (one per province, finer);
- ``province.parquet``, ``regency.parquet`` (GeoParquet, at the finer drill-down detail);
- ``codes.parquet`` (every province, regency, district and village code with name and parent);
- ``README.md``.

How shared borders stay shared: the TopoJSON stores every border once, as an
"arc" used by both neighbours. We simplify the arcs themselves, all together
with GEOS's topology-preserving simplifier (so simplified arcs never cross each
other and junction points never move), snap them to a 0.001° grid (about
110 m), and only then assemble polygons. Two neighbours therefore use exactly
the same vertices along their common border: no gaps, no slivers. Snapping
can still push a vertex across a nearby arc where two coasts or borders run
within a grid cell of each other; every level is therefore checked as a
polygon coverage (``shapely.coverage_invalid_edges``) and the arcs on any
crossing edge are simplified again with half the tolerance (down to none at
all) until no edge crosses; if that cannot fix it the build fails. Provinces
are the union of their regencies (by the first two digits of the official
code, so the 2022 Papua provinces 93-96 exist although the source predates
them). Outer rings are written clockwise, as plotly's geo maps (d3-geo) need.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import shapely

from geo import credits
from geo.crosswalk import Crosswalk, match

SOURCE_TOPOJSON = "geo/source/geoBoundaries-IDN-ADM2_simplified.topojson"
SOURCE_OBJECT = "IDN-ADM2-22746128"
AREA_DATA = "reference/idn-area-data"
DEFAULT_OUT = Path(__file__).resolve().parent / "generated"
GRID = 0.001  # degrees; 3 decimals, about 110 m at the equator
# Gaps between neighbouring regencies smaller than this (degree², about 1.2 km²)
# are slivers in the source, not places: each is given to the neighbour it
# shares most border with. Larger holes (lakes, reservoirs, enclosed sea) stay.
SLIVER = 1e-4
REBUILD = "peta-inklusi geo build"


@dataclass(frozen=True)
class Detail:
    """How much to simplify for one kind of output file."""
    name: str
    tolerance: float   # Douglas-Peucker tolerance in degrees, applied to every arc
    min_island: float  # islands (parts sharing no border) smaller than this, in degree², are dropped


# Tuned to the gzip budgets below (see the build report).
DETAILS: dict[str, Detail] = {
    "province": Detail("province", 0.07, 0.02),
    "regency": Detail("regency", 0.014, 0.008),
    "drill": Detail("drill", 0.0025, 0.0004),
}

# gzip bytes, checked by the build and by tests/integration/test_geo_build.py.
BUDGETS = {"province.geojson": 20_000, "regency.geojson": 110_000, "regency-NN.geojson": 30_000}


class BuildError(RuntimeError):
    """The sources cannot be turned into a complete, valid boundary set."""


# --------------------------------------------------------------------------- sources

@dataclass(frozen=True)
class Unit:
    """One source geometry: its name and polygons as lists of rings of arc indices."""
    name: str
    polygons: tuple[tuple[tuple[int, ...], ...], ...]


@dataclass(frozen=True)
class Sources:
    arcs: tuple[np.ndarray, ...]       # absolute lon/lat per arc
    units: tuple[Unit, ...]
    provinces: pd.DataFrame            # code, name
    regencies: pd.DataFrame            # code, province_code, name
    digests: dict[str, str]            # relative path -> sha256


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_arcs(topology: dict) -> list[np.ndarray]:
    """Quantized, delta-encoded TopoJSON arcs -> absolute lon/lat arrays."""
    tr = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        a = np.asarray(arc, dtype=np.float64 if tr is None else np.int64)
        if tr is not None:
            q = np.cumsum(a, axis=0)
            a = np.column_stack([q[:, 0] * tr["scale"][0] + tr["translate"][0],
                                 q[:, 1] * tr["scale"][1] + tr["translate"][1]])
        out.append(a[:, :2].astype(np.float64))
    return out


def _units(topology: dict, obj: str) -> list[Unit]:
    units = []
    for g in topology["objects"][obj]["geometries"]:
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            raise BuildError(f"unexpected geometry type {g['type']} for {g['properties'].get('shapeName')}")
        units.append(Unit(g["properties"]["shapeName"],
                          tuple(tuple(tuple(r) for r in p) for p in polys)))
    return units


def load_sources(shared_dir: Path) -> Sources:
    """Read the TopoJSON and the official code tables from ``shared_dir``."""
    shared_dir = Path(shared_dir)
    topo_path = shared_dir / SOURCE_TOPOJSON
    if not topo_path.is_file():
        raise BuildError(f"boundary source not found: {topo_path} (set PETA_SHARED_DIR)")
    raw = topo_path.read_bytes()
    topology = json.loads(raw)
    digests = {SOURCE_TOPOJSON: _sha256(raw)}
    tables = {}
    for name in ("provinces", "regencies"):
        p = shared_dir / AREA_DATA / f"{name}.csv"
        if not p.is_file():
            raise BuildError(f"official code table not found: {p}")
        data = p.read_bytes()
        digests[f"{AREA_DATA}/{name}.csv"] = _sha256(data)
        tables[name] = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    return Sources(arcs=tuple(decode_arcs(topology)), units=tuple(_units(topology, SOURCE_OBJECT)),
                   provinces=tables["provinces"], regencies=tables["regencies"], digests=digests)


# --------------------------------------------------------------------------- geometry

def _arc(arcs: Sequence[np.ndarray], i: int) -> np.ndarray:
    return arcs[i] if i >= 0 else arcs[~i][::-1]


def ring_coords(arcs: Sequence[np.ndarray], ring: Sequence[int]) -> np.ndarray:
    """Join a ring's arcs end to end (each arc starts where the previous one ended)."""
    parts = [_arc(arcs, ring[0])] + [_arc(arcs, i)[1:] for i in ring[1:]]
    return np.concatenate(parts)


def simplify_arcs(arcs: Sequence[np.ndarray], tolerance: float) -> list[np.ndarray]:
    """Simplify all arcs together so they never cross, then snap to the grid.

    GEOS's topology-preserving simplifier works on the arcs as one
    MultiLineString: line end points (the junctions between neighbours) are
    kept and no simplified arc crosses another. Snapping to ``GRID`` is done
    per coordinate, so a point shared by several arcs lands on the same grid
    point in all of them.
    """
    lines = shapely.MultiLineString([shapely.LineString(a) for a in arcs])
    parts = shapely.get_parts(shapely.simplify(lines, tolerance, preserve_topology=True))
    if len(parts) != len(arcs):
        raise BuildError("arc simplification changed the number of arcs")
    out = []
    for a, p in zip(arcs, parts):
        c = shapely.get_coordinates(p)
        if not (np.array_equal(c[0], a[0]) and np.array_equal(c[-1], a[-1])):
            raise BuildError("arc simplification moved a junction point")
        out.append(snap(c))
    return out


def refine_arcs(source_arcs: Sequence[np.ndarray], simplified: Sequence[np.ndarray],
                finer: dict[int, float]) -> list[np.ndarray]:
    """``simplified`` with the arcs in ``finer`` simplified again from the source at their own
    (smaller) tolerance, 0 meaning not simplified at all, and snapped to the grid."""
    out = list(simplified)
    for i, tolerance in sorted(finer.items()):
        a = source_arcs[i]
        c = a if tolerance <= 0 else shapely.get_coordinates(
            shapely.simplify(shapely.LineString(a), tolerance, preserve_topology=True))
        if not (np.array_equal(c[0], a[0]) and np.array_equal(c[-1], a[-1])):  # pragma: no cover - GEOS keeps ends
            raise BuildError("arc simplification moved a junction point")
        out[i] = snap(c)
    return out


def snap(coords: np.ndarray) -> np.ndarray:
    """Round to the grid and drop consecutive repeated points."""
    c = np.round(np.asarray(coords) / GRID) * GRID
    c = np.round(c, 6)  # one canonical float per grid point
    keep = np.ones(len(c), dtype=bool)
    keep[1:] = np.any(c[1:] != c[:-1], axis=1)
    return c[keep]


def _polygonal(geom) -> shapely.Geometry:
    """Only the polygonal parts of a geometry, as a (Multi)Polygon (possibly empty)."""
    parts = [p for p in shapely.get_parts(geom) if shapely.get_type_id(p) in (3, 6)]
    polys = [q for p in parts for q in shapely.get_parts(p)]
    polys = [p for p in polys if not p.is_empty and p.area > 0]
    if not polys:
        return shapely.MultiPolygon()
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def on_grid(geom) -> bool:
    """True when every coordinate is already a multiple of GRID (as snapped arcs are)."""
    c = shapely.get_coordinates(geom) / GRID
    return bool(np.all(np.abs(c - np.round(c)) < 1e-6))


def finish(geom) -> shapely.Geometry:
    """Valid, on the grid, outer rings clockwise and holes counter-clockwise.

    Geometries that are valid and on the grid are left as they are: GEOS's
    precision reduction snap-rounds, which would pull a border onto any vertex
    within half a grid cell and so open slivers against the neighbour.
    """
    if not geom.is_valid:
        geom = _polygonal(shapely.make_valid(geom, method="structure", keep_collapsed=False))
    if on_grid(geom):
        # exactly the floats the writer will print (overlays can leave 1e-12 noise)
        geom = shapely.transform(geom, lambda c: np.round(np.round(c / GRID) * GRID, 6))
    if not (geom.is_valid and on_grid(geom)):
        # set_precision returns valid output; then drop the fixed-precision model it
        # attaches, so later overlays see the coordinates exactly as they will be written.
        geom = _polygonal(shapely.set_precision(shapely.set_precision(geom, GRID), 0.0))
    if not geom.is_valid:  # pragma: no cover - set_precision returns valid output
        raise BuildError("geometry still invalid after repair")
    return _polygonal(shapely.orient_polygons(geom, exterior_cw=True))


@dataclass(frozen=True)
class Topo:
    """Per-arc facts the pruning needs, computed once from the original arcs."""
    usage: Counter        # arc index -> how many kept units use it
    part_area: dict       # (unit index, polygon index) -> area in degree²
    hole_area: dict       # (unit index, polygon index, ring index) -> area


def topo_facts(sources: Sources, kept: Sequence[int]) -> Topo:
    usage: Counter = Counter()
    part_area, hole_area = {}, {}
    for u in kept:
        for pi, poly in enumerate(sources.units[u].polygons):
            for ri, ring in enumerate(poly):
                for i in ring:
                    usage[i if i >= 0 else ~i] += 1
                area = shapely.Polygon(ring_coords(sources.arcs, ring)).area
                if ri == 0:
                    part_area[(u, pi)] = area
                else:
                    hole_area[(u, pi, ri)] = area
    return Topo(usage, part_area, hole_area)


def _isolated(ring: Sequence[int], usage: Counter) -> bool:
    """True when no other kept unit uses any arc of this ring (an island, or a lake hole)."""
    return all(usage[i if i >= 0 else ~i] == 1 for i in ring)


def unit_geometry(sources: Sources, u: int, arcs: Sequence[np.ndarray], detail: Detail,
                  topo: Topo) -> shapely.Geometry:
    """Assemble one unit from simplified arcs, dropping small islands and lake holes.

    The unit's largest part is always kept, so small island regencies stay on the map.
    """
    unit = sources.units[u]
    largest = max(range(len(unit.polygons)), key=lambda pi: (topo.part_area[(u, pi)], -pi))
    polys = []
    for pi, poly in enumerate(unit.polygons):
        if (pi != largest and topo.part_area[(u, pi)] < detail.min_island
                and _isolated(poly[0], topo.usage)):
            continue
        shell = ring_coords(arcs, poly[0])
        if len(shell) < 4 or shapely.Polygon(shell).area == 0:
            if pi != largest:
                continue  # collapsed below the grid; a tiny islet
            shell = snap(ring_coords(sources.arcs, poly[0]))  # keep the largest part at full detail
        holes = []
        for ri, ring in enumerate(poly[1:], start=1):
            if topo.hole_area[(u, pi, ri)] < detail.min_island and _isolated(ring, topo.usage):
                continue
            h = ring_coords(arcs, ring)
            if len(h) >= 4 and shapely.Polygon(h).area > 0:
                holes.append(h)
        polys.append(shapely.Polygon(shell, holes))
    geom = polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)
    geom = finish(geom)
    if geom.is_empty:
        raise BuildError(f"{unit.name}: geometry vanished at detail {detail.name}")
    return geom


def prune_parts(geom, min_area: float, keep=()):
    """Drop parts smaller than ``min_area``.

    Always kept: the largest part, any part holding a ``keep`` point, and islands
    in the largest part's lakes (Samosir in Lake Toba), which would otherwise
    leave a hole in the middle of the province.
    """
    parts = sorted(shapely.get_parts(geom), key=lambda q: (-q.area, q.wkb))
    shell = shapely.Polygon(parts[0].exterior)
    parts = parts[:1] + [q for q in parts[1:] if q.area >= min_area or any(q.intersects(k) for k in keep)
                         or q.within(shell)]
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def invalid_edges(geoms: dict[str, object]) -> dict[str, object]:
    """Code -> the edges of that unit that break the coverage (cross or overlap a neighbour's
    edge, or run along it without sharing its vertices); empty when the units form a valid
    polygon coverage. Gaps are not looked at here (see :func:`fill_gaps`)."""
    codes = sorted(geoms)
    edges = shapely.coverage_invalid_edges(np.array([geoms[c] for c in codes]))
    return {c: e for c, e in zip(codes, edges) if e is not None and not e.is_empty}


def arcs_on(edges: Sequence[object], arcs: Sequence[np.ndarray]) -> list[int]:
    """Indices of the arcs that any segment of the ``edges`` (lines) lies on, sorted."""
    coords = [shapely.get_coordinates(line) for e in edges for line in shapely.get_parts(e)]
    mids = [(c[:-1] + c[1:]) / 2 for c in coords if len(c) > 1]
    idx = [i for i, a in enumerate(arcs) if len(a) > 1]
    if not mids or not idx:
        return []
    lines = np.array([shapely.LineString(arcs[i]) for i in idx])
    _m, hit = shapely.STRtree(lines).query(shapely.points(np.concatenate(mids)),
                                           predicate="dwithin", distance=1e-9)
    return sorted({idx[k] for k in hit})


def fill_gaps(geoms: dict[str, object], max_area: float = SLIVER) -> tuple[dict[str, object], list[str]]:
    """Give every gap between units smaller than ``max_area`` to the neighbour sharing most border.

    The gap's outline is made of its neighbours' own edges, so the grown unit
    still shares exact borders with the others. Returns the new dict and one
    line per gap filled ("code <- area at lon,lat").
    """
    codes = sorted(geoms)
    arr = np.array([geoms[c] for c in codes])
    union = _polygonal(shapely.union_all(arr))
    gaps = [shapely.Polygon(h) for part in shapely.get_parts(union) for h in part.interiors]
    gaps = sorted((g for g in gaps if g.area < max_area), key=lambda g: g.representative_point().coords[0])
    tree = shapely.STRtree(arr)
    given: dict[str, list] = {}
    log = []
    for gap in gaps:
        near = tree.query(gap, predicate="intersects")
        shared = [(shapely.intersection(shapely.boundary(arr[k]), gap.exterior).length, codes[k]) for k in near]
        shared = [t for t in shared if t[0] > 0]
        if not shared:
            continue
        code = sorted(shared, key=lambda t: (-t[0], t[1]))[0][1]
        given.setdefault(code, []).append(gap)
        x, y = gap.representative_point().coords[0]
        log.append(f"{code} <- {gap.area:.1e} deg² at {x:.3f},{y:.3f}")
    out = dict(geoms)
    for code, extra in given.items():
        out[code] = finish(shapely.union_all([out[code], *extra]))
    return out, log


def drop_small_holes(geom, min_area: float):
    """Fill interior rings smaller than ``min_area`` (lakes, slivers) in a (Multi)Polygon."""
    out = []
    for p in shapely.get_parts(geom):
        holes = [h for h in p.interiors if shapely.Polygon(h).area >= min_area]
        out.append(shapely.Polygon(p.exterior, holes))
    return out[0] if len(out) == 1 else shapely.MultiPolygon(out)


def level_geometries(sources: Sources, units: dict[int, str], topo: Topo, detail: Detail,
                     max_rounds: int = 8) -> tuple[dict[str, object], list[str], list[str]]:
    """The units (source index -> code) at one detail, as a valid polygon coverage.

    Returns (code -> geometry, gaps filled, arcs refined). Where snapping made a
    border cross a nearby arc (see :func:`invalid_edges`), the arcs on the
    crossing edges are simplified again from the source with half their
    tolerance, or not at all once that would be under the grid, and the level
    is assembled again. Raises :class:`BuildError` naming the units when that
    does not help.
    """
    base = simplify_arcs(sources.arcs, detail.tolerance)
    finer: dict[int, float] = {}
    refined: list[str] = []
    rounds = 0
    while True:
        arcs = refine_arcs(sources.arcs, base, finer)
        level = {code: unit_geometry(sources, u, arcs, detail, topo) for u, code in sorted(units.items())}
        filled_all: list[str] = []
        for _ in range(3):  # filling one gap can leave a sub-grid sliver next to it; look again
            level, filled = fill_gaps(level)
            filled_all += filled
            if not filled:
                break
        bad = invalid_edges(level)
        if not bad:
            return level, filled_all, refined
        hit = arcs_on([bad[c] for c in sorted(bad)], arcs)
        stuck = [i for i in hit if finer.get(i) == 0]
        if not hit or stuck or rounds == max_rounds:
            raise BuildError(f"{detail.name}: borders of {', '.join(sorted(bad))} still cross after snapping "
                             f"to the {GRID}° grid (arcs {hit or 'unknown'})")
        for i in hit:
            t = finer.get(i, detail.tolerance) / 2
            finer[i] = t if t >= GRID else 0.0
        tolerances = sorted({finer[i] for i in hit})
        refined.append(f"{'/'.join(sorted(bad))} ({len(hit)} arcs to tolerance "
                       f"{', '.join(f'{t:g}' for t in tolerances)})")
        rounds += 1


# --------------------------------------------------------------------------- outputs

def fmt(x: float) -> str:
    """A grid coordinate as the shortest fixed text: 106.8, -6.175, 0."""
    s = f"{x:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _ring_json(coords) -> str:
    return "[" + ",".join(f"[{fmt(x)},{fmt(y)}]" for x, y in coords) + "]"


def geometry_json(geom) -> str:
    """GeoJSON geometry text, keys sorted, ring orientation as given."""
    def poly(p):
        return "[" + ",".join([_ring_json(p.exterior.coords)] + [_ring_json(h.coords) for h in p.interiors]) + "]"
    parts = list(shapely.get_parts(geom))
    if len(parts) == 1:
        return '{"coordinates":' + poly(parts[0]) + ',"type":"Polygon"}'
    return '{"coordinates":[' + ",".join(poly(p) for p in parts) + '],"type":"MultiPolygon"}'


def _dumps(obj) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def feature_collection(rows: Sequence[tuple[str, str, object]], metadata: dict) -> bytes:
    """FeatureCollection bytes: features sorted by code, ``id`` == ``properties.code``."""
    feats = []
    for code, name, geom in sorted(rows, key=lambda r: r[0]):
        feats.append('{"geometry":' + geometry_json(geom) + ',"id":' + _dumps(code)
                     + ',"properties":' + _dumps({"code": code, "name": name}) + ',"type":"Feature"}')
    text = ('{"features":[\n' + ",\n".join(feats) + '\n],"metadata":' + _dumps(metadata)
            + ',"type":"FeatureCollection"}\n')
    return text.encode("utf-8")


def metadata(sources: Sources, what: str, *, include_codes: bool = False, extra: dict | None = None) -> dict:
    """The "generated" header every output carries."""
    credit = [credits.boundaries_credit("en")]
    if include_codes:
        credit.append(credits.codes_credit("en"))
    m = {
        "generated": f"GENERATED FILE, do not edit. {what}",
        "generator": "geo/build.py",
        "rebuild": REBUILD,
        "sources": {k: {"sha256": v} for k, v in sorted(sources.digests.items())},
        "credit": credit,
        "licences": {"boundaries": credits.BOUNDARIES_LICENCE["name"], "codes": credits.CODES_LICENCE["name"]},
        "coordinates": "WGS 84 lon/lat, rounded to 0.001 degree; outer rings clockwise",
    }
    m.update(extra or {})
    return m


def geoparquet(rows: Sequence[tuple[str, str, str, object]], meta: dict) -> bytes:
    """GeoParquet 1.1 bytes (WKB geometry), written by pyarrow with fixed settings."""
    rows = sorted(rows, key=lambda r: r[0])
    geoms = [r[3] for r in rows]
    types = sorted({g.geom_type for g in geoms})
    b = shapely.total_bounds(geoms)
    geo = {"version": "1.1.0", "primary_column": "geometry",
           "columns": {"geometry": {"encoding": "WKB", "geometry_types": types,
                                    "bbox": [float(round(v, 6)) for v in b]}}}
    table = pa.table({
        "code": pa.array([r[0] for r in rows], pa.string()),
        "name": pa.array([r[1] for r in rows], pa.string()),
        "province_code": pa.array([r[2] for r in rows], pa.string()),
        "geometry": pa.array(shapely.to_wkb(geoms, byte_order=1, output_dimension=2), pa.binary()),
    })
    table = table.replace_schema_metadata({b"geo": _dumps(geo).encode(),
                                           b"peta_inklusi": _dumps(meta).encode()})
    return _parquet_bytes(table)


def _parquet_bytes(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd", compression_level=9, write_page_checksum=True,
                   write_statistics=True, use_dictionary=True)
    return buf.getvalue()


LEVELS = ("province", "regency", "district", "village")


def codes_table(shared_dir: Path) -> tuple[pa.Table, dict[str, str]]:
    """All official codes in one table: code, name, parent_code, level (sorted by code)."""
    frames, digests = [], {}
    parents = {"province": None, "regency": "province_code", "district": "regency_code",
               "village": "district_code"}
    for level, fname in zip(LEVELS, ("provinces", "regencies", "districts", "villages")):
        p = Path(shared_dir) / AREA_DATA / f"{fname}.csv"
        if not p.is_file():
            raise BuildError(f"official code table not found: {p}")
        data = p.read_bytes()
        digests[f"{AREA_DATA}/{fname}.csv"] = _sha256(data)
        df = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
        parent = df[parents[level]] if parents[level] else pd.Series([None] * len(df), dtype=object)
        frames.append(pd.DataFrame({"code": df["code"].to_numpy(), "name": df["name"].str.strip().to_numpy(),
                                    "parent_code": parent.to_numpy(), "level": level}))
    df = pd.concat(frames, ignore_index=True).sort_values("code", kind="stable").reset_index(drop=True)
    dups = df["code"][df["code"].duplicated()]
    if len(dups):
        raise BuildError(f"duplicate official codes: {sorted(dups)[:10]}")
    known = set(df["code"])
    orphans = df[df["parent_code"].notna() & ~df["parent_code"].isin(known)]
    if len(orphans):
        raise BuildError(f"codes whose parent is missing: {orphans['code'].head(10).tolist()}")
    table = pa.table({
        "code": pa.array(df["code"].tolist(), pa.string()),
        "name": pa.array(df["name"].tolist(), pa.string()),
        "parent_code": pa.array(df["parent_code"].tolist(), pa.string()),
        "level": pa.array(df["level"].tolist(), pa.string()).dictionary_encode(),
    })
    return table, digests


# --------------------------------------------------------------------------- build

@dataclass(frozen=True)
class Result:
    files: dict[str, bytes]   # file name -> bytes
    refined: dict[str, list[str]]  # detail -> "a/b (N arcs to tolerance T)" where snapped borders crossed
    gaps_filled: dict[str, list[str]]  # detail -> slivers between units given to a neighbour
    geoms: dict[str, dict[str, object]]  # detail -> code -> geometry (regencies), before writing
    crosswalk: Crosswalk
    counts: dict[str, int]
    seconds: float


def gz_size(data: bytes) -> int:
    """Bytes after gzip -9 (what a server sending Content-Encoding: gzip would send)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def check_budgets(files: dict[str, bytes]) -> list[str]:
    """Budget breaches as readable lines (empty when all hold)."""
    bad = []
    for name, data in sorted(files.items()):
        if not name.endswith(".geojson"):
            continue
        key = "regency-NN.geojson" if name.startswith("regency-") else name
        size = gz_size(data)
        if size > BUDGETS[key]:
            bad.append(f"{name}: {size} gzip bytes > budget {BUDGETS[key]}")
    return bad


def build(shared_dir: Path) -> Result:
    """Everything in memory; nothing written. Raises BuildError/CrosswalkError loudly."""
    t0 = time.perf_counter()
    src = load_sources(shared_dir)
    official = dict(zip(src.regencies["code"], src.regencies["name"]))
    province_names = dict(zip(src.provinces["code"], src.provinces["name"]))
    cw = match([u.name for u in src.units], official)
    bad_prov = sorted({c[:2] for c in official} - set(province_names))
    if bad_prov:
        raise BuildError(f"regency codes whose province is not in provinces.csv: {bad_prov}")
    kept = [i for i, u in enumerate(src.units) if u.name in cw.codes]
    topo = topo_facts(src, kept)

    geoms: dict[str, dict[str, object]] = {}
    refined: dict[str, list[str]] = {}
    gaps_filled: dict[str, list[str]] = {}
    units = {u: cw.codes[src.units[u].name] for u in kept}
    for key, detail in DETAILS.items():
        geoms[key], gaps_filled[key], refined[key] = level_geometries(src, units, topo, detail)

    def provinces_of(level_geoms: dict, detail: Detail) -> dict[str, object]:
        out = {}
        for p in sorted(province_names):
            members = [g for c, g in sorted(level_geoms.items()) if c[:2] == p]
            if not members:
                raise BuildError(f"province {p} {province_names[p]} has no regency polygons")
            u = _polygonal(shapely.union_all(members, grid_size=GRID))
            # every regency stays visible on the province map: keep each one's largest part
            keep = [max(shapely.get_parts(g), key=lambda q: q.area).representative_point() for g in members]
            out[p] = finish(drop_small_holes(prune_parts(u, detail.min_island, keep), detail.min_island))
        return out

    prov_display = provinces_of(geoms["province"], DETAILS["province"])
    prov_drill = provinces_of(geoms["drill"], DETAILS["drill"])
    for name, prov in (("province", prov_display), ("province (drill-down detail)", prov_drill)):
        bad = invalid_edges(prov)
        if bad:
            raise BuildError(f"{name}: borders of provinces {', '.join(sorted(bad))} cross or do not match")

    files: dict[str, bytes] = {}
    files["province.geojson"] = feature_collection(
        [(c, province_names[c], g) for c, g in prov_display.items()],
        metadata(src, "The 38 provinces of Indonesia (Kemendagri codes), dissolved from their regencies.",
                 include_codes=True, extra={"level": "province", "detail": DETAILS["province"].__dict__}))
    files["regency.geojson"] = feature_collection(
        [(c, official[c], g) for c, g in geoms["regency"].items()],
        metadata(src, "The 514 regencies and cities (kabupaten/kota) of Indonesia, keyed by Kemendagri code.",
                 include_codes=True, extra={"level": "regency", "detail": DETAILS["regency"].__dict__}))
    for p in sorted(province_names):
        files[f"regency-{p}.geojson"] = feature_collection(
            [(c, official[c], g) for c, g in geoms["drill"].items() if c[:2] == p],
            metadata(src, f"The regencies and cities of province {p} {province_names[p]}, for drill-down.",
                     include_codes=True,
                     extra={"level": "regency", "province": p, "detail": DETAILS["drill"].__dict__}))
    files["regency.parquet"] = geoparquet(
        [(c, official[c], c[:2], g) for c, g in geoms["drill"].items()],
        metadata(src, "Regency boundaries (GeoParquet, drill-down detail) keyed by Kemendagri code.",
                 include_codes=True, extra={"level": "regency", "detail": DETAILS["drill"].__dict__}))
    files["province.parquet"] = geoparquet(
        [(c, province_names[c], c, g) for c, g in prov_drill.items()],
        metadata(src, "Province boundaries (GeoParquet, drill-down detail), dissolved from regencies.",
                 include_codes=True, extra={"level": "province", "detail": DETAILS["drill"].__dict__}))
    codes, code_digests = codes_table(shared_dir)
    codes_meta = metadata(src, "Official Kemendagri codes of all provinces, regencies, districts and villages.")
    codes_meta["sources"] = {k: {"sha256": v} for k, v in sorted(code_digests.items())}
    codes_meta["credit"] = [credits.codes_credit("en")]
    codes_meta.pop("coordinates")
    files["codes.parquet"] = _parquet_bytes(codes.replace_schema_metadata(
        {b"peta_inklusi": _dumps(codes_meta).encode()}))
    counts = {"source units": len(src.units), "dropped (not administrative)": len(cw.dropped),
              "regencies": len(geoms["regency"]), "provinces": len(prov_display),
              "codes": codes.num_rows}
    files["README.md"] = readme(cw, counts, files).encode("utf-8")
    return Result(files, refined, gaps_filled, geoms, cw, counts, time.perf_counter() - t0)


def readme(cw: Crosswalk, counts: dict, files: dict[str, bytes]) -> str:
    from geo.crosswalk import NON_ADMIN, OVERRIDES
    lines = [
        "# geo/generated: GENERATED FILES, do not edit",
        "",
        f"Made by `{REBUILD}` (geo/build.py) from the geoBoundaries IDN ADM2 TopoJSON and the",
        "idn-area-data code tables in `PETA_SHARED_DIR` (../shared). Rebuild with the same command;",
        "the output is byte-for-byte the same on every run. Read them through `geo.boundaries` and `geo.codes`.",
        "",
        "## Credits",
        "",
        f"- {credits.boundaries_credit('en')}",
        f"- {credits.codes_credit('en')}",
        "",
        "## Files",
        "",
        "| file | what | bytes | gzip bytes |",
        "| --- | --- | ---: | ---: |",
    ]
    what = {"province.geojson": "38 provinces (browser; coarse)",
            "regency.geojson": "514 regencies/cities (browser, national map)",
            "regency.parquet": "514 regencies, GeoParquet (analysis; drill-down detail)",
            "province.parquet": "38 provinces, GeoParquet (analysis; drill-down detail)",
            "codes.parquet": "official codes of every level: code, name, parent_code, level"}
    for name in sorted(f for f in files if f != "README.md"):
        w = what.get(name) or f"regencies of province {name[8:10]} (browser, drill-down; finer)"
        lines.append(f"| {name} | {w} | {len(files[name])} | {gz_size(files[name])} |")
    lines += [
        "",
        "GeoJSON: `properties.code`, `properties.name`, feature `id` = code; coordinates rounded to 0.001°",
        "(about 110 m); outer rings clockwise and holes counter-clockwise (plotly/d3-geo winding, not RFC 7946).",
        "Shared borders are simplified once, so neighbours never show gaps or slivers.",
        "",
        "## Crosswalk",
        "",
        f"{counts['source units']} source units; {counts['dropped (not administrative)']} dropped as not "
        f"administrative: {', '.join(f'{n} ({NON_ADMIN[n]})' for n in cw.dropped)}.",
        "",
        "Overrides (geo/crosswalk.py `OVERRIDES`):",
        "",
    ]
    lines += [f"- {n} -> {OVERRIDES[n][0]}: {OVERRIDES[n][1]}" for n in cw.overrides_used]
    lines += ["", "Matched once spaces and hyphens are ignored:", ""]
    lines += [f"- {n} -> {o}" for n, o in cw.variants]
    lines += ["", "Regencies now in the 2022 Papua provinces (93-96) carry their current code only;",
              "the province is the first two digits of the official code.", ""]
    return "\n".join(lines)


def write(files: dict[str, bytes], out: Path) -> list[str]:
    """Write files that changed (atomically); remove stale regency-NN files. Returns changed names."""
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, data in sorted(files.items()):
        p = out / name
        if p.is_file() and p.read_bytes() == data:
            continue
        tmp = p.with_name(p.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(p)
        changed.append(name)
    for p in sorted(out.glob("regency-*.geojson")):
        if p.name not in files:
            p.unlink()
            changed.append(f"{p.name} (removed)")
    return changed


def report(result: Result, changed: Sequence[str], out: Path) -> str:
    files = result.files
    per_prov = {n: gz_size(d) for n, d in files.items() if n.startswith("regency-")}
    big = max(per_prov, key=per_prov.get)
    lines = [f"geo build: {out}  ({result.seconds:.1f} s)"]
    lines += [f"  {k}: {v}" for k, v in result.counts.items()]
    lines.append("  file                      bytes    gzip   budget")
    for name in ("province.geojson", "regency.geojson"):
        lines.append(f"  {name:22s} {len(files[name]):8d} {gz_size(files[name]):7d} {BUDGETS[name]:8d}")
    lines.append(f"  {'largest ' + big:22s} {len(files[big]):8d} {per_prov[big]:7d} "
                 f"{BUDGETS['regency-NN.geojson']:8d}")
    for name in ("regency.parquet", "province.parquet", "codes.parquet"):
        lines.append(f"  {name:22s} {len(files[name]):8d}")
    lines.append(f"  overrides used ({len(result.crosswalk.overrides_used)}): "
                 + ", ".join(result.crosswalk.overrides_used))
    lines.append(f"  matched ignoring spaces/hyphens ({len(result.crosswalk.variants)}): "
                 + ", ".join(f"{a} -> {b}" for a, b in result.crosswalk.variants))
    lines.append(f"  dropped: {', '.join(result.crosswalk.dropped)}")
    refined = "; ".join(f"{k} {', '.join(v)}" for k, v in result.refined.items() if v)
    lines.append(f"  borders that crossed after snapping, arcs simplified less: {refined or 'none'}")
    lines.append("  source slivers between regencies filled: "
                 + ", ".join(f"{k} {len(v)}" for k, v in result.gaps_filled.items()))
    lines.append(f"  files changed: {len(changed)}" + (f" ({', '.join(changed[:8])}"
                                                        + (", ..." if len(changed) > 8 else "") + ")"
                                                        if changed else ""))
    return "\n".join(lines)


def run(shared_dir: Path, out: Path) -> Result:
    """Build, check budgets, write. Used by the CLI and the tests."""
    result = build(shared_dir)
    over = check_budgets(result.files)
    if over:
        raise BuildError("size budget exceeded:\n  " + "\n  ".join(over))
    changed = write(result.files, out)
    print(report(result, changed, out))
    return result


def cli_main(args: argparse.Namespace) -> int:
    """``peta-inklusi geo build [--out DIR]``."""
    from data.settings import get_settings
    out = Path(args.out) if getattr(args, "out", None) else DEFAULT_OUT
    try:
        run(get_settings().shared_dir, out)
    except (BuildError, ValueError) as exc:
        print(f"geo build failed: {exc}", file=sys.stderr)
        return 1
    return 0

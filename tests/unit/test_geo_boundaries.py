"""The committed boundary files and the geo.boundaries / geo.credits API."""

import csv
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from data.settings import get_settings
from geo import boundaries, build, credits
from geo.build import BUDGETS, GRID, SLIVER
from geo.crosswalk import NON_ADMIN

ROOT = Path(__file__).resolve().parents[2]
GEN = ROOT / "geo" / "generated"
AREA = get_settings().shared_dir / "reference" / "idn-area-data"


def _codes(name):
    with open(AREA / f"{name}.csv", newline="", encoding="utf-8") as f:
        return {r["code"]: r["name"] for r in csv.DictReader(f)}


PROVINCES = _codes("provinces")
REGENCIES = _codes("regencies")
BROWSER_FILES = ["province.geojson", "regency.geojson"] + [f"regency-{p}.geojson" for p in sorted(PROVINCES)]


def _load(name):
    return json.loads((GEN / name).read_bytes())


def _gz(name):
    return len(gzip.compress((GEN / name).read_bytes(), compresslevel=9, mtime=0))


def test_regency_features_are_exactly_the_official_514():
    fc = boundaries.geojson("regency")
    ids = [f["id"] for f in fc["features"]]
    assert len(ids) == 514 == len(set(ids))
    assert set(ids) == set(REGENCIES)
    for f in fc["features"]:
        assert f["properties"] == {"code": f["id"], "name": REGENCIES[f["id"]]}
    names = " ".join(f["properties"]["name"] for f in fc["features"]).lower()
    for lake in ("danau", "waduk", "wadung", "hutan"):
        assert lake not in names


def test_province_features_are_exactly_the_official_38():
    fc = boundaries.geojson("province")
    ids = [f["id"] for f in fc["features"]]
    assert ids == sorted(PROVINCES) and len(ids) == 38
    assert {f["id"]: f["properties"]["name"] for f in fc["features"]} == PROVINCES
    assert {"93", "94", "95", "96"} <= set(ids)


def test_per_province_files_partition_the_regencies():
    seen = []
    for p in sorted(PROVINCES):
        fc = boundaries.geojson("regency", province=p)
        ids = [f["id"] for f in fc["features"]]
        assert ids and all(i[:2] == p for i in ids)
        assert fc["metadata"]["province"] == p
        seen += ids
    assert sorted(seen) == sorted(REGENCIES)


@pytest.mark.parametrize("code", ["31.01", "11.72", "71.03"])
def test_small_island_units_are_present(code):
    fc = boundaries.geojson("regency", province=code[:2])
    feat = {f["id"]: f for f in fc["features"]}[code]
    geom = shape(feat["geometry"])
    assert geom.is_valid and geom.area > 0
    assert code in {f["id"] for f in boundaries.geojson("regency")["features"]}


def test_new_papua_provinces_have_all_their_regencies():
    ids = {f["id"] for f in boundaries.geojson("regency")["features"]}
    for p in ("93", "94", "95", "96"):
        want = {c for c in REGENCIES if c[:2] == p}
        assert want and want <= ids
        assert {f["id"] for f in boundaries.geojson("regency", province=p)["features"]} == want
    assert not any(c.startswith(("91.01", "92.01")) for c in ids)  # moved regencies: current code only


@pytest.mark.parametrize("name", BROWSER_FILES)
def test_browser_files_valid_clockwise_on_grid(name):
    fc = _load(name)
    assert fc["type"] == "FeatureCollection"
    for f in fc["features"]:
        g = f["geometry"]
        assert g["type"] in ("Polygon", "MultiPolygon")
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        for poly in polys:
            for i, ring in enumerate(poly):
                assert len(ring) >= 4 and ring[0] == ring[-1]
                r = shapely.LinearRing(ring)
                # exterior clockwise (plotly/d3-geo), holes counter-clockwise
                assert r.is_ccw == (i > 0), (name, f["id"], i)
        geom = shape(g)
        assert geom.is_valid, (name, f["id"], shapely.is_valid_reason(geom))
        c = shapely.get_coordinates(geom) / GRID
        assert np.allclose(c, np.round(c), atol=1e-6), (name, f["id"])


def _features(names):
    """(codes, geometries) of the features in one or more browser files."""
    feats = [f for name in names for f in _load(name)["features"]]
    return [f["id"] for f in feats], np.array([shape(f["geometry"]) for f in feats])


# The 38 drill-down files hold disjoint sets of regencies; together they must also tile like one map.
COVERAGES = {name: [name] for name in BROWSER_FILES}
COVERAGES["all drill-down files"] = [f"regency-{p}.geojson" for p in sorted(PROVINCES)]


@pytest.mark.parametrize("key", sorted(COVERAGES))
def test_each_file_is_a_valid_coverage_without_slivers(key):
    """Neighbours share their borders exactly (no overlap, no crossing edge, vertices matched) and
    the union of all features of a file has no hole smaller than a sliver, also between provinces."""
    codes, geoms = _features(COVERAGES[key])
    edges = shapely.coverage_invalid_edges(geoms)
    bad = {c: e.wkt[:200] for c, e in zip(codes, edges) if e is not None and not e.is_empty}
    assert shapely.coverage_is_valid(geoms) and not bad, (key, bad)
    union = shapely.union_all(geoms)
    holes = [shapely.Polygon(h) for part in shapely.get_parts(union) for h in part.interiors]
    slivers = [h.representative_point().wkt for h in holes if h.area < SLIVER]
    assert not slivers, (key, slivers)


@pytest.fixture(scope="module")
def source_water():
    """Lakes, reservoirs and holes of the boundary source: where the regency files may leave a hole."""
    src = build.load_sources(get_settings().shared_dir)
    parts = []
    for unit in src.units:
        for poly in unit.polygons:
            if unit.name in NON_ADMIN:
                parts.append(shapely.make_valid(shapely.Polygon(
                    build.ring_coords(src.arcs, poly[0]), [build.ring_coords(src.arcs, r) for r in poly[1:]])))
            else:
                parts += [shapely.Polygon(build.ring_coords(src.arcs, r)) for r in poly[1:]]
    return shapely.union_all(parts)


@pytest.mark.parametrize("key", ["province.geojson", "regency.geojson", "all drill-down files"])
def test_holes_between_neighbours_are_real_lakes(key, source_water):
    """A hole in a file's union that touches two or more features is a gap between neighbours unless
    it is water in the source (Danau Toba, Ranau, Singkarak, Moat, the Cirata and Kedung Ombo
    reservoirs, ...). Holes inside one feature (its own lakes and channels) are its own business."""
    codes, geoms = _features(COVERAGES[key])
    union = shapely.union_all(geoms)
    tree = shapely.STRtree(geoms)
    checked = 0
    for part in shapely.get_parts(union):
        for ring in part.interiors:
            hole = shapely.Polygon(ring)
            around = {codes[i] for i in tree.query(hole, predicate="intersects")
                      if shapely.intersection(geoms[i].boundary, ring).length > 0}
            if len(around) < 2:
                continue
            empty = shapely.difference(hole, union)  # Samosir stays land inside Danau Toba
            water = shapely.intersection(empty, source_water).area / empty.area
            assert water > 0.5, (key, sorted(around), hole.representative_point().wkt, round(water, 3))
            checked += 1
    assert checked >= 1  # Danau Ranau lies between Lampung and Sumatera Selatan on every map


def test_budgets():
    assert _gz("province.geojson") <= BUDGETS["province.geojson"] == 20_000
    assert _gz("regency.geojson") <= BUDGETS["regency.geojson"] == 110_000
    for p in PROVINCES:
        assert _gz(f"regency-{p}.geojson") <= BUDGETS["regency-NN.geojson"] == 30_000, p


@pytest.mark.parametrize("name", BROWSER_FILES + ["README.md"])
def test_generated_files_say_so_and_carry_credit(name):
    text = (GEN / name).read_text(encoding="utf-8")
    assert "peta-inklusi geo build" in text
    assert credits.boundaries_credit("en") in text
    if name.endswith(".geojson"):
        meta = json.loads(text)["metadata"]
        # the files carry Kemendagri codes and names from idn-area-data (ODbL) as well as the shapes
        assert meta["credit"] == [credits.boundaries_credit("en"), credits.codes_credit("en")]
        assert meta["licences"] == {"boundaries": "CC BY 3.0 IGO", "codes": "ODbL 1.0"}
        assert meta["generated"].startswith("GENERATED FILE")
        assert meta["rebuild"] == "peta-inklusi geo build"
        assert "geo/source/geoBoundaries-IDN-ADM2_simplified.topojson" in meta["sources"]


def test_parquet_files_carry_metadata():
    import pyarrow.parquet as pq
    for name in ("regency.parquet", "province.parquet", "codes.parquet"):
        md = pq.read_schema(GEN / name).metadata
        meta = json.loads(md[b"peta_inklusi"])
        assert meta["rebuild"] == "peta-inklusi geo build" and meta["generated"].startswith("GENERATED FILE")
        if name == "codes.parquet":
            assert meta["credit"] == [credits.codes_credit("en")]
            assert pq.ParquetFile(GEN / name).metadata.row_group(0).column(0).compression == "ZSTD"
        else:
            assert json.loads(md[b"geo"])["primary_column"] == "geometry"
            assert meta["credit"] == [credits.boundaries_credit("en"), credits.codes_credit("en")]


def test_frame():
    gdf = boundaries.frame("regency")
    assert list(gdf.columns) == ["code", "name", "province_code", "geometry"]
    assert len(gdf) == 514 and set(gdf["code"]) == set(REGENCIES)
    assert (gdf["province_code"] == gdf["code"].str[:2]).all()
    assert gdf.crs.to_epsg() == 4326 and gdf.geometry.is_valid.all()
    prov = boundaries.frame("province")
    assert len(prov) == 38 and (prov["province_code"] == prov["code"]).all()
    gdf.loc[0, "name"] = "changed"
    assert boundaries.frame("regency").loc[0, "name"] != "changed"


def test_geojson_returns_fresh_objects_and_filters_provinces():
    a = boundaries.geojson("regency", "31")
    a["features"].clear()
    assert len(boundaries.geojson("regency", "31")["features"]) == 6
    one = boundaries.geojson("province", "73")
    assert [f["id"] for f in one["features"]] == ["73"]
    assert boundaries.geojson_path("regency", "73").name == "regency-73.geojson"
    assert boundaries.geojson_path("province").name == "province.geojson"


def test_bounds():
    minx, miny, maxx, maxy = boundaries.bounds("regency")
    assert 94.9 < minx < 95.3 and 140.9 < maxx < 141.1 and -11.1 < miny < -10.8 and 5.8 < maxy < 6.2
    jkt = boundaries.bounds("regency", "31")
    assert 106.3 < jkt[0] < jkt[2] < 107.1 and -6.5 < jkt[1] < jkt[3] < -5.1  # Kepulauan Seribu reaches north
    # the coarse province file drops far-flung islets the drill-down file keeps
    p, r = boundaries.bounds("province", "73"), boundaries.bounds("regency", "73")
    assert r[0] <= p[0] < p[2] <= r[2] and r[1] <= p[1] < p[3] <= r[3]


@pytest.mark.parametrize("args", [("kabupaten", None), ("regency", "7"), ("regency", "99"), ("province", "Jawa")])
def test_bad_arguments_are_refused(args):
    with pytest.raises(ValueError):
        boundaries.geojson(*args)


def test_credits():
    assert credits.boundaries_credit("en") == (
        "Boundaries: BPS – Statistics Indonesia, World Food Programme and OCHA ROAP (via HDX), distributed by "
        "geoBoundaries (wmgeolab), gbOpen IDN ADM2, boundaryID IDN-ADM2-22746128; licensed CC BY 3.0 IGO. "
        "Simplified and joined to Kemendagri codes by Peta Inklusi.")
    assert credits.codes_credit("en") == "Administrative codes: idn-area-data 4.0.1 (ODbL), from Kemendagri"
    assert "Batas wilayah" in credits.boundaries_credit("id") and "CC BY 3.0 IGO" in credits.boundaries_credit("id")
    assert "ODbL" in credits.codes_credit("id")
    lic = credits.licences()
    assert lic["boundaries"]["url"].startswith("https://creativecommons.org/")
    assert lic["codes"]["name"].startswith("ODbL")
    with pytest.raises(ValueError):
        credits.codes_credit("fr")


_IMPORT_ALL = """
import os, pathlib, sys
root = pathlib.Path(os.path.realpath(sys.argv[1]))
sys.path.insert(0, str(root))
shared = os.path.realpath(sys.argv[2])
code_dirs = {str(root), str(root / "geo"), str(root / "geo" / "__pycache__")}
touched = []


def hook(event, args):
    # reading a file (open, io.open_code, Path.read_bytes ...) or listing a folder, other than
    # the import system reading the copied modules themselves
    if event not in ("open", "os.listdir", "os.scandir") or not args or not isinstance(args[0], (str, os.PathLike)):
        return
    path = os.path.realpath(args[0])
    if path.startswith(shared):
        touched.append((event, path))
    elif path.startswith(str(root)):
        if event == "open" and not path.endswith((".py", ".pyc")) or event != "open" and path not in code_dirs:
            touched.append((event, path))


sys.addaudithook(hook)
import importlib
names = sorted(p.stem for p in (root / "geo").glob("*.py") if p.stem != "__init__")
mods = [importlib.import_module("geo")] + [importlib.import_module("geo." + n) for n in names]
assert all(m.__file__.startswith(str(root)) for m in mods), [m.__file__ for m in mods]
assert not touched, touched
heavy = sorted(m for m in ("dash", "plotly", "flask") if m in sys.modules)
assert not heavy, heavy
assert mods[0].boundaries._bytes.cache_info().currsize == 0
assert mods[0].codes._table.cache_info().currsize == 0
print("imported", " ".join(names))
"""


def _import_geo_copy(tmp_path, sabotage=None):
    """Import every module of a copy of geo/ that has no generated/ folder, with PETA_SHARED_DIR
    pointing at an empty folder, in a fresh interpreter: any read at import time fails."""
    pkg = tmp_path / "copy" / "geo"
    pkg.mkdir(parents=True)
    for src in sorted((ROOT / "geo").glob("*.py")):
        (pkg / src.name).write_bytes(src.read_bytes())
    for name, line in (sabotage or {}).items():
        with open(pkg / name, "a", encoding="utf-8") as f:
            f.write("\n" + line + "\n")
    empty = tmp_path / "shared"
    empty.mkdir()
    env = dict(os.environ, PETA_SHARED_DIR=str(empty))
    return subprocess.run([sys.executable, "-c", _IMPORT_ALL, str(tmp_path / "copy"), str(empty)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_import_does_no_io_and_pulls_in_no_dash(tmp_path):
    out = _import_geo_copy(tmp_path)
    assert out.returncode == 0, out.stderr
    imported = out.stdout.split()[1:]
    assert {"aliases", "boundaries", "build", "codes", "credits", "crosswalk", "names"} <= set(imported)
    assert imported == sorted(p.stem for p in (ROOT / "geo").glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("sabotage,error", [
    ({"codes.py": "_T = pd.read_parquet(CODES_FILE)"}, "FileNotFoundError"),  # pyarrow bypasses builtins.open
    ({"boundaries.py": "_B = (GENERATED / 'regency.geojson').read_bytes()"}, "FileNotFoundError"),
    ({"build.py": "_S = sorted(DEFAULT_OUT.iterdir())"}, "FileNotFoundError"),
    ({"names.py": "try:\n    open(__file__ + '.cfg')\nexcept OSError:\n    pass"}, "names.py.cfg"),  # swallowed
    ({"crosswalk.py": "import os\n_E = os.listdir(os.environ['PETA_SHARED_DIR'])"}, "os.listdir"),
    ({"credits.py": "import plotly"}, "['plotly']"),
])
def test_import_check_catches_module_level_reads(tmp_path, sabotage, error):
    """The check above fails for a module-level read of any kind, and for a Dash/plotly import."""
    out = _import_geo_copy(tmp_path, sabotage)
    assert out.returncode != 0 and "imported" not in out.stdout
    assert error in out.stderr, out.stderr[-2000:]

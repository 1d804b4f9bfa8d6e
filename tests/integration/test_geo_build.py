"""`peta-inklusi geo build` end to end: two full builds, byte-identical, equal to the committed files.

The build takes well under a minute, so it runs twice per module, at the same
time: once through the ``peta-inklusi`` console script in a fresh interpreter
with another ``PYTHONHASHSEED`` (so set/dict order cannot leak into the
bytes), once in this process through ``geo.build.run``.
"""

import contextlib
import gzip
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyarrow.parquet as pq
import pytest
import shapely
from shapely.geometry import shape

from data.settings import get_settings
from geo import build

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "geo" / "generated"
NEAR = 0.002  # degrees: neighbours must still touch within about the rounding


CONSOLE_SCRIPT = Path(sys.executable).with_name("peta-inklusi")
HASH_SEED = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    a = tmp_path_factory.mktemp("geo-build-a")
    b = tmp_path_factory.mktemp("geo-build-b")
    (a / "regency-99.geojson").write_text("stale")  # left over from an older build: must go
    env = dict(os.environ, PYTHONHASHSEED=HASH_SEED)
    seed_check = subprocess.run([sys.executable, "-c", "print(hash('peta-inklusi'))"], env=env,
                                capture_output=True, text=True, timeout=60)
    assert int(seed_check.stdout) != hash("peta-inklusi")  # the two builds really hash differently
    proc = subprocess.Popen([str(CONSOLE_SCRIPT), "geo", "build", "--out", str(a)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            result = build.run(get_settings().shared_dir, b)
        cli_out, cli_err = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
    return a, b, (proc.returncode, cli_out, cli_err, printed.getvalue()), result


def _files(d):
    return {p.name: p.read_bytes() for p in sorted(Path(d).iterdir()) if p.is_file()}


def test_cli_succeeds_and_removes_stale_files(builds):
    a, _b, (rc, _out, err, _printed), _result = builds
    assert rc == 0, err
    assert not (a / "regency-99.geojson").exists()


def test_cli_prints_its_report(builds):
    a, _b, (_rc, out, _err, _printed), _result = builds
    lines = out.splitlines()
    assert lines[0].startswith(f"geo build: {a}  (") and lines[0].endswith(" s)")
    for want in ("  source units: 519", "  regencies: 514", "  provinces: 38", "  codes: 91599"):
        assert want in lines, want
    sizes = {}
    for line in lines:
        m = re.fullmatch(r"  (?:largest )?(\S+\.geojson) +(\d+) +(\d+) +(\d+)", line)
        if m:
            sizes[m[1]] = tuple(int(x) for x in m.group(2, 3, 4))
    assert {"province.geojson", "regency.geojson"} < set(sizes) and len(sizes) == 3  # and the largest drill file
    for name, (size, gz, budget) in sizes.items():
        data = (a / name).read_bytes()
        assert size == len(data) and gz == build.gz_size(data) and gz <= budget, name
    assert "  overrides used (6): Kota Baru, Mahakam Hulu, Maluku Tenggara Barat, Mamuju Utara, " \
           "Siau Tagulandang Biaro, Toba Samosir" in lines
    assert "  borders that crossed after snapping, arcs simplified less: " \
           "regency 74.14/74.72 (2 arcs to tolerance 0.007)" in lines
    assert lines[-1].startswith("  files changed: 45 (README.md, codes.parquet, ") and lines[-1].endswith(", ...)")


def test_both_builds_print_the_same_report(builds):
    """Apart from the first line (folder, seconds) and the files each changed, both reports agree."""
    _a, b, (_rc, out, _err, printed), _result = builds
    assert printed.splitlines()[0].startswith(f"geo build: {b}  (")
    assert printed.splitlines()[1:-1] == out.splitlines()[1:-1]
    assert printed.splitlines()[-1].startswith("  files changed: 44 (")


def test_two_builds_give_identical_bytes(builds):
    """One build ran in another interpreter with another hash seed: same bytes."""
    a, b, _rc, result = builds
    fa, fb = _files(a), _files(b)
    assert sorted(fa) == sorted(fb) == sorted(result.files)
    assert len(fa) == 2 + 38 + 2 + 1 + 1  # province/regency geojson, 38 drill files, 2 geoparquet, codes, README
    for name in fa:
        assert fa[name] == fb[name], name


def test_committed_files_are_up_to_date(builds):
    a, _b, _rc, _result = builds
    fresh, committed = _files(a), _files(COMMITTED)
    assert sorted(committed) == sorted(fresh)
    stale = [n for n in fresh if fresh[n] != committed[n]]
    assert not stale, f"geo/generated is out of date ({stale}); run `peta-inklusi geo build` and commit"


def test_report(builds):
    _a, _b, _rc, result = builds
    text = build.report(result, [], Path("out"))
    assert "regencies: 514" in text and "provinces: 38" in text
    assert "overrides used (6)" in text and "Toba Samosir" in text
    assert "province.geojson" in text and "gzip" in text
    assert result.seconds < 180  # target is well under 60 s on 2 idle cores


def test_crosswalk_in_the_real_build(builds):
    _a, _b, _rc, result = builds
    cw = result.crosswalk
    assert len(cw.codes) == 514 and len(set(cw.codes.values())) == 514
    assert cw.dropped == ("Danau", "Danau Toba", "Hutan", "Waduk Cirata", "Wadung Kedungombo")
    assert cw.codes["Kota Baru"] == "63.02" and cw.codes["Toba Samosir"] == "12.12"
    assert cw.codes["Merauke"] == "93.01" and cw.codes["Sorong"] == "96.01" and cw.codes["Kota Sorong"] == "96.71"
    assert cw.codes["Pangkajene Dan Kepulauan"] == "73.10"


def test_every_level_is_a_valid_coverage(builds):
    """Regencies at each detail share their borders exactly: nothing crosses after snapping to the
    grid (74.14 Buton Tengah and 74.72 Kota Baubau did at the national detail), no slivers between
    them, and the build says which arcs it had to simplify less to get there."""
    _a, _b, _rc, result = builds
    for key, level in result.geoms.items():
        geoms = np.array([level[c] for c in sorted(level)])
        assert shapely.coverage_is_valid(geoms), key
        assert build.invalid_edges(level) == {}, key
        union = shapely.union_all(geoms)
        holes = [shapely.Polygon(h).area for part in shapely.get_parts(union) for h in part.interiors]
        assert min(holes) >= build.SLIVER, key
        assert all(build.on_grid(g) for g in geoms), key
    assert result.refined == {"province": [], "regency": ["74.14/74.72 (2 arcs to tolerance 0.007)"], "drill": []}
    assert shapely.intersection(result.geoms["regency"]["74.14"], result.geoms["regency"]["74.72"]).area == 0


def _source_neighbours(result):
    """Pairs of official codes whose source polygons share at least one arc."""
    src = build.load_sources(get_settings().shared_dir)
    users = {}
    for unit in src.units:
        code = result.crosswalk.codes.get(unit.name)
        if code is None:
            continue
        for poly in unit.polygons:
            for ring in poly:
                for i in ring:
                    users.setdefault(i if i >= 0 else ~i, set()).add(code)
    pairs = set()
    for codes in users.values():
        codes = sorted(codes)
        pairs.update((x, y) for k, x in enumerate(codes) for y in codes[k + 1:])
    return pairs


def _border_lengths(result, pairs):
    """(code, code, length of their common border in the source, degrees) for each pair."""
    src = build.load_sources(get_settings().shared_dir)
    geoms = {}
    for unit in src.units:
        code = result.crosswalk.codes.get(unit.name)
        if code is not None:
            polys = [shapely.Polygon(build.ring_coords(src.arcs, p[0])) for p in unit.polygons]
            geoms[code] = shapely.boundary(build._polygonal(shapely.make_valid(shapely.MultiPolygon(polys))))
    return [(x, y, shapely.intersection(geoms[x], geoms[y]).length) for x, y in sorted(pairs)]


def test_neighbours_still_share_their_border(builds):
    a, _b, _rc, result = builds
    pairs = _source_neighbours(result)
    assert len(pairs) > 900
    regency = {f["id"]: shape(f["geometry"]) for f in json.loads((a / "regency.geojson").read_bytes())["features"]}
    far = [(x, y) for x, y in sorted(pairs) if regency[x].distance(regency[y]) > NEAR]
    assert not far
    for p in sorted({x[:2] for x, _y in pairs}):
        drill = {f["id"]: shape(f["geometry"])
                 for f in json.loads((a / f"regency-{p}.geojson").read_bytes())["features"]}
        far = [(x, y) for x, y in sorted(pairs) if x[:2] == y[:2] == p and drill[x].distance(drill[y]) > NEAR]
        assert not far, p
    # The coarse province file drops islets (under 0.02 degree²), so two provinces
    # that only meet on such an islet no longer touch; all land borders must hold.
    province = {f["id"]: shape(f["geometry"]) for f in json.loads((a / "province.geojson").read_bytes())["features"]}
    cross = {(x[:2], y[:2]) for x, y, length in _border_lengths(result, pairs) if x[:2] != y[:2] and length > 0.05}
    assert {("93", "94"), ("94", "95"), ("91", "95"), ("92", "96")} <= cross  # new Papua provinces border each other
    far = [(x, y) for x, y in sorted(cross) if province[x].distance(province[y]) > NEAR]
    assert not far


def test_geoparquet_matches_the_geojson(builds):
    a, _b, _rc, _result = builds
    for level, n in (("regency", 514), ("province", 38)):
        gdf = gpd.read_parquet(a / f"{level}.parquet")
        assert len(gdf) == n and gdf["code"].is_unique and gdf.geometry.is_valid.all()
        fc = json.loads((a / f"{level}.geojson").read_bytes())
        assert gdf["code"].tolist() == [f["id"] for f in fc["features"]]
        assert gdf["name"].tolist() == [f["properties"]["name"] for f in fc["features"]]
    gdf = gpd.read_parquet(a / "regency.parquet")
    drill = {}
    for p in gdf["province_code"].unique():
        for f in json.loads((a / f"regency-{p}.geojson").read_bytes())["features"]:
            drill[f["id"]] = shape(f["geometry"])
    for code, geom in zip(gdf["code"], gdf.geometry):
        assert geom.equals(drill[code]), code  # the GeoParquet holds the drill-down geometry


def test_codes_parquet(builds):
    a, _b, _rc, result = builds
    table = pq.read_table(a / "codes.parquet", page_checksum_verification=True)
    assert table.num_rows == result.counts["codes"] == 38 + 514 + 7285 + 83762
    assert table.column_names == ["code", "name", "parent_code", "level"]
    meta = pq.ParquetFile(a / "codes.parquet").metadata
    assert all(meta.row_group(0).column(i).compression == "ZSTD" for i in range(4))
    md = json.loads(table.schema.metadata[b"peta_inklusi"])
    assert md["credit"] == ["Administrative codes: idn-area-data 4.0.1 (ODbL), from Kemendagri"]
    assert set(md["sources"]) == {f"reference/idn-area-data/{n}.csv"
                                  for n in ("provinces", "regencies", "districts", "villages")}


def test_budgets_in_the_fresh_build(builds):
    a, _b, _rc, _result = builds

    def gz(name):
        return len(gzip.compress((a / name).read_bytes(), compresslevel=9, mtime=0))

    assert gz("province.geojson") <= 20_000
    assert gz("regency.geojson") <= 110_000
    assert max(gz(p.name) for p in a.glob("regency-*.geojson")) <= 30_000


def test_province_is_the_union_of_its_regencies(builds):
    a, _b, _rc, _result = builds
    prov = {f["id"]: shape(f["geometry"]) for f in json.loads((a / "province.geojson").read_bytes())["features"]}
    reg = {f["id"]: shape(f["geometry"]) for f in json.loads((a / "regency.geojson").read_bytes())["features"]}
    for p, geom in prov.items():
        members = [g for c, g in reg.items() if c[:2] == p]
        union = shapely.union_all(members)
        # coarser (7 km tolerance) and without the smallest islets (Kepulauan Riau keeps
        # about three quarters of its land area), but the same place ...
        inter = shapely.intersection(geom, union).area
        assert inter / geom.area > 0.9 and inter / union.area > 0.7, p
        # ... and every regency, island regencies included, is still on the province map
        for g in members:
            largest = max(shapely.get_parts(g), key=lambda q: q.area)
            assert geom.distance(largest) <= NEAR, p
    total_prov = sum(g.area for g in prov.values())
    total_reg = sum(g.area for g in reg.values())
    assert 0.97 < total_prov / total_reg < 1.03


def test_lakes_reservoirs_and_forest_are_not_given_to_any_regency(builds):
    """The five non-administrative source units stay holes (where big enough to survive pruning)."""
    a, _b, _rc, result = builds
    src = build.load_sources(get_settings().shared_dir)
    drill = {}
    for path in a.glob("regency-*.geojson"):
        for f in json.loads(path.read_bytes())["features"]:
            drill[f["id"]] = shape(f["geometry"])
    tree_codes = sorted(drill)
    tree = shapely.STRtree([drill[c] for c in tree_codes])
    checked = 0
    for unit in src.units:
        if unit.name not in result.crosswalk.dropped:
            continue
        for poly in unit.polygons:
            water = shapely.make_valid(shapely.Polygon(build.ring_coords(src.arcs, poly[0]),
                                                       [build.ring_coords(src.arcs, r) for r in poly[1:]]))
            if water.area < 0.002:  # small lakes are filled like any small hole
                continue
            inner = water.buffer(-0.01)  # well inside, away from the simplified shore
            if inner.is_empty:
                continue
            pt = inner.representative_point()
            hits = [tree_codes[i] for i in tree.query(pt, predicate="intersects")]
            assert not hits, (unit.name, pt.wkt, hits)
            checked += 1
    assert checked >= 4  # Danau Toba, the Danau pieces, Hutan, the two reservoirs

"""The building blocks of geo/build.py on tiny hand-made inputs."""

import argparse
import io
import json

import numpy as np
import pandas as pd
import pytest
import shapely

from geo import build
from geo.build import GRID


def test_decode_arcs_quantized_delta():
    topo = {"transform": {"scale": [0.5, 0.25], "translate": [100.0, -5.0]},
            "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0]]]}
    a, b = build.decode_arcs(topo)
    assert a.tolist() == [[100.0, -5.0], [101.0, -5.0], [101.0, -4.0]]
    assert b.tolist() == [[101.0, -4.0], [100.0, -4.0]]
    plain = build.decode_arcs({"arcs": [[[1.5, 2.5], [3.0, 4.0]]]})
    assert plain[0].tolist() == [[1.5, 2.5], [3.0, 4.0]]


def test_ring_coords_joins_arcs_and_reverses_negative_ones():
    arcs = [np.array([[0, 0], [1, 0], [1, 1]], float), np.array([[0, 0], [0, 1], [1, 1]], float)]
    ring = build.ring_coords(arcs, [0, ~1])
    assert ring.tolist() == [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]


@pytest.mark.parametrize("x,text", [(106.1, "106.1"), (-6.175, "-6.175"), (5.0, "5"), (-0.0004, "0"),
                                    (0.0, "0"), (-0.0, "0"), (120.0000000001, "120"), (-10.01, "-10.01")])
def test_fmt(x, text):
    assert build.fmt(x) == text


def test_snap_rounds_and_drops_repeats():
    c = build.snap(np.array([[1.00004, 2.0], [1.0001, 2.0], [1.0021, 2.0004]]))
    assert c.tolist() == [[1.0, 2.0], [1.002, 2.0]]


def test_finish_orients_repairs_and_snaps():
    ccw = shapely.Polygon([(0, 0), (1, 0), (1, 1), (0, 1)],
                          [[(0.2, 0.2), (0.2, 0.4), (0.4, 0.4), (0.4, 0.2)]])
    out = build.finish(ccw)
    assert not out.exterior.is_ccw and out.interiors[0].is_ccw and out.is_valid
    bowtie = shapely.Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])
    fixed = build.finish(bowtie)
    assert fixed.is_valid and fixed.area == pytest.approx(0.5)
    assert all(not p.exterior.is_ccw for p in shapely.get_parts(fixed))
    off = build.finish(shapely.Polygon([(0, 0), (1.00049, 0), (1, 1.0002), (0, 1)]))
    assert build.on_grid(off)


def _two_squares():
    """Two unit squares sharing a wiggly border, as TopoJSON-style arcs."""
    t = np.linspace(0, 1, 200)
    border = np.column_stack([1 + 0.003 * np.sin(t * 40), t])           # (1,0) -> (1,1), shared
    left = np.array([[1, 1], [0, 1], [0, 0], [1, 0]], float)            # the rest of the left square
    right = np.array([[1, 0], [2, 0], [2, 1], [1, 1]], float)           # the rest of the right square
    border[0], border[-1] = [1, 0], [1, 1]
    return [border, left, right]


def test_simplified_neighbours_share_their_border_exactly():
    arcs = _two_squares()
    simp = build.simplify_arcs(arcs, 0.01)
    assert len(simp[0]) < len(arcs[0])
    left = build.finish(shapely.Polygon(build.ring_coords(simp, [0, 1])))
    right = build.finish(shapely.Polygon(build.ring_coords(simp, [2, ~0])))
    assert left.is_valid and right.is_valid
    assert shapely.intersection(left, right).area == 0
    shared = shapely.intersection(left.boundary, right.boundary)
    assert shared.length == pytest.approx(shapely.LineString(simp[0]).length)
    assert shapely.coverage_is_valid(np.array([left, right]))
    assert build.on_grid(left) and build.on_grid(right)


def _islands(bulge):
    """Two island units a fraction of a grid cell apart. A (code 11.01) has a peak at
    (0.5, 1.0006); B's (11.02) south coast runs above it, from (0, 1.0012) to (1, 1.0002), with
    (if ``bulge``) a 0.0033° bump north at x = 0.5. Simplified at 0.005° B's coast is straight and
    still clears the peak, but snapped to the grid it passes under it: the borders cross."""
    a = np.array([(0.2, 0), (0.2, 0.9), (0.5, 1.0006), (0.8, 0.9), (0.8, 0), (0.2, 0)], float)
    b = np.array([(0, 1.0012), (0, 2), (1, 2), (1, 1.0002)] + ([(0.5, 1.004)] if bulge else []) + [(0, 1.0012)],
                 float)
    src = build.Sources(arcs=(a, b), units=(build.Unit("A", (((0,),),)), build.Unit("B", (((1,),),))),
                        provinces=pd.DataFrame(), regencies=pd.DataFrame(), digests={})
    return src, build.topo_facts(src, [0, 1])


def test_borders_crossing_after_snapping_are_simplified_less():
    src, topo = _islands(bulge=True)
    detail = build.Detail("test", 0.005, 0.0)
    plain = build.refine_arcs(src.arcs, build.simplify_arcs(src.arcs, detail.tolerance), {})
    crossing = {"11.01": build.finish(shapely.Polygon(plain[0])), "11.02": build.finish(shapely.Polygon(plain[1]))}
    assert not shapely.coverage_is_valid(np.array(list(crossing.values())))
    assert sorted(build.invalid_edges(crossing)) == ["11.01", "11.02"]
    assert build.arcs_on(list(build.invalid_edges(crossing).values()), plain) == [0, 1]

    level, filled, refined = build.level_geometries(src, {0: "11.01", 1: "11.02"}, topo, detail)
    assert refined == ["11.01/11.02 (2 arcs to tolerance 0.0025)"] and filled == []
    assert shapely.coverage_is_valid(np.array([level["11.01"], level["11.02"]]))
    assert build.invalid_edges(level) == {}
    assert (0.5, 1.004) in level["11.02"].exterior.coords  # B keeps its bump, now clear of A's peak
    assert build.on_grid(level["11.01"]) and build.on_grid(level["11.02"])
    with pytest.raises(build.BuildError, match="borders of 11.01, 11.02 still cross"):
        build.level_geometries(src, {0: "11.01", 1: "11.02"}, topo, detail, max_rounds=0)


def test_borders_that_cross_even_unsimplified_fail_the_build():
    src, topo = _islands(bulge=False)  # nothing to simplify: only the grid makes them cross
    exact = build.refine_arcs(src.arcs, list(src.arcs), {1: 0.0})
    assert exact[1].tolist() == build.snap(src.arcs[1]).tolist()
    with pytest.raises(build.BuildError, match=r"test: borders of 11.01, 11.02 still cross .*arcs \[0, 1\]"):
        build.level_geometries(src, {0: "11.01", 1: "11.02"}, topo, build.Detail("test", 0.005, 0.0))


def test_fill_gaps_gives_a_sliver_to_the_neighbour_with_most_border():
    a = shapely.Polygon([(0, 0), (0, 1), (1, 1), (1, 0.5), (1, 0)])
    b = shapely.Polygon([(1, 0), (1, 0.5), (1.001, 0.55), (1, 0.6), (1, 1), (2, 1), (2, 0)])  # a 5e-5 notch
    out, log = build.fill_gaps({"01": build.finish(a), "02": build.finish(b)})
    assert len(log) == 1 and log[0].startswith("02 <- ")  # 02 has the longer border with the gap
    union = shapely.union_all(list(out.values()))
    assert all(len(p.interiors) == 0 for p in shapely.get_parts(union))
    assert shapely.intersection(out["01"], out["02"]).area == 0
    big = {"01": build.finish(shapely.box(0, 0, 3, 3).difference(shapely.box(1, 1, 2, 2)))}
    kept, log2 = build.fill_gaps(big)
    assert log2 == [] and len(kept["01"].interiors) == 1  # a real hole (1 degree²) stays


def test_feature_collection_is_sorted_and_deterministic():
    sq = build.finish(shapely.box(0, 0, 1, 1))
    multi = build.finish(shapely.MultiPolygon([shapely.box(2, 2, 3, 3), shapely.box(5, 5, 6, 6)]))
    rows = [("12.02", "Kota Dua", multi), ("12.01", "Kabupaten Satu", sq)]
    a = build.feature_collection(rows, {"generated": "x"})
    b = build.feature_collection(list(reversed(rows)), {"generated": "x"})
    assert a == b and a.endswith(b"\n")
    fc = json.loads(a)
    assert [f["id"] for f in fc["features"]] == ["12.01", "12.02"]
    assert fc["features"][0]["properties"] == {"code": "12.01", "name": "Kabupaten Satu"}
    assert fc["features"][0]["geometry"] == {"type": "Polygon",
                                             "coordinates": [[[1, 0], [0, 0], [0, 1], [1, 1], [1, 0]]]}
    assert fc["features"][1]["geometry"]["type"] == "MultiPolygon"
    assert fc["metadata"] == {"generated": "x"}


def test_geoparquet_round_trip():
    import geopandas as gpd
    g = build.finish(shapely.box(100, -5, 101, -4))
    data = build.geoparquet([("12.01", "Kabupaten Satu", "12", g)], {"generated": "x"})
    assert data == build.geoparquet([("12.01", "Kabupaten Satu", "12", g)], {"generated": "x"})
    gdf = gpd.read_parquet(io.BytesIO(data))
    assert gdf["code"].tolist() == ["12.01"] and gdf.geometry.iloc[0].equals(g)


def test_check_budgets():
    assert build.check_budgets({"province.geojson": b"{}"}) == []
    noise = np.random.default_rng(1).bytes(40_000)
    over = build.check_budgets({"regency-73.geojson": noise, "codes.parquet": noise})
    assert len(over) == 1 and over[0].startswith("regency-73.geojson") and "budget 30000" in over[0]


def test_codes_table_refuses_orphans(tmp_path):
    area = tmp_path / build.AREA_DATA
    area.mkdir(parents=True)
    (area / "provinces.csv").write_text("code,name\n11,Aceh\n")
    (area / "regencies.csv").write_text("code,province_code,name\n11.01,11,Kabupaten Aceh Selatan\n")
    (area / "districts.csv").write_text("code,regency_code,name\n11.01.01,11.01,Bakongan\n")
    (area / "villages.csv").write_text("code,district_code,name\n11.01.01.2001,11.01.01,Keude Bakongan\n")
    table, digests = build.codes_table(tmp_path)
    assert table.column("code").to_pylist() == ["11", "11.01", "11.01.01", "11.01.01.2001"]
    assert table.column("level").to_pylist() == ["province", "regency", "district", "village"]
    assert len(digests) == 4
    (area / "villages.csv").write_text("code,district_code,name\n11.01.09.2001,11.01.09,Hilang\n")
    with pytest.raises(build.BuildError, match="parent is missing: \\['11.01.09.2001'\\]"):
        build.codes_table(tmp_path)


def test_cli_reports_a_missing_source(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PETA_SHARED_DIR", str(tmp_path))
    rc = build.cli_main(argparse.Namespace(out=str(tmp_path / "out")))
    assert rc == 1
    assert "boundary source not found" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()

"""components: the chart-spec registry, tables, figures, card, URLs, shell, server-rendered HTML."""

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from components import figures, geodata, prerender, shell, specs, urls
from components.chart_card import card_values, chart_card, render_table
from components.specs import REGISTRY, data_for, get_spec, table_for
from data.filters import Filters


def _signed_area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2


def test_registry_is_complete_and_consistent():
    assert {"peta", "tren", "angka-utama", "kebijakan-linimasa", "kebijakan-peta", "kebijakan-tabel",
            "perlindungan-skema", "perlindungan-peta", "tema-indikator", "mitra-peta", "wilayah-angka"} <= set(REGISTRY)
    for cid, spec in REGISTRY.items():
        assert spec.id == cid and spec.kind in specs.KINDS
        assert spec.query in specs.ADAPTERS and spec.query in specs.TABLE_COLUMNS
        assert spec.views and all(v in ("map", "chart", "table") for v in spec.views)
        if spec.kind == "choropleth":
            assert "map" in spec.views
    with pytest.raises(KeyError):
        get_spec("nope")


@pytest.mark.parametrize("chart_id", sorted(REGISTRY))
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_chart_builds_its_figure_table_and_texts(seed_snapshot, chart_id, lang):
    spec = get_spec(chart_id)
    f = Filters(lang=lang, partner="pekka" if "mitra" in chart_id and chart_id != "mitra-ringkasan" else "all",
                place="73.10" if chart_id == "wilayah-angka" else "", theme="perlindungan-sosial"
                if chart_id == "tema-indikator" else "all")
    frame = data_for(spec, f, seed_snapshot, lang)
    table = table_for(spec, f, seed_snapshot, lang)
    assert len(table) == len(frame)
    fig = figures.build_figure(spec, f, seed_snapshot, lang)
    assert isinstance(fig, go.Figure)
    assert fig.layout.separators == (",." if lang == "id" else ".,")
    texts = specs.card_texts(spec, f, seed_snapshot, lang)
    assert texts["title"] and texts["subtitle"] and seed_snapshot.version in texts["source"]
    assert texts["alt"]


def test_table_is_exactly_what_the_map_shows(demo_snapshot):
    spec = get_spec("peta")
    f = Filters(indicator="group_members", province="73")
    fig = figures.build_figure(spec, f, demo_snapshot, "en")
    nodata, data_trace = fig.data
    assert nodata.name == "No data"
    table = table_for(spec, f, demo_snapshot, "en")
    shown = dict(zip(data_trace.locations, data_trace.z))
    assert dict(zip(table["Code"], table["Value"])) == shown
    assert "Value (as stated)" in table.columns and "Source" in table.columns


def test_choropleth_real_shapes_no_basemap_and_no_data_trace(seed_snapshot):
    f = Filters(indicator="groups_formed", level="regency")
    fig = figures.build_figure(get_spec("peta"), f, seed_snapshot, "id")
    geo = fig.layout.geo
    assert geo.visible is False and not geo.showland and not geo.showcountries and not geo.showcoastlines
    nodata, data = fig.data[0], fig.data[1]
    assert nodata.name == "Tidak ada data" and nodata.showlegend is True
    assert list(data.locations) == ["32.02"] and list(data.z) == [12.0]
    assert "32.02" not in nodata.locations and len(nodata.locations) > 400
    assert nodata.featureidkey == "properties.code"
    gj = nodata.geojson
    gj = gj if isinstance(gj, dict) else gj.to_plotly_json()
    feats = gj["features"]
    assert len(feats) > 400
    # real shapes: many vertices and outer rings clockwise (negative signed area), not one rectangle
    boxes = set()
    for feat in feats[:60]:
        geom = feat["geometry"]
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        for poly in polys:
            assert _signed_area(poly[0]) < 0
        ring = polys[0][0]
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        boxes.add((round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1)))
        assert len(ring) >= 4
    assert len(boxes) > 50


def test_zero_is_not_no_data(seed_snapshot):
    f = Filters()
    fig = figures.build_figure(get_spec("peta"), f, seed_snapshot, "en")
    assert fig.data[0].colorscale[0][1] == figures.NO_DATA
    assert fig.data[1].colorscale[0][1] != figures.NO_DATA and fig.data[1].zmin == 0


def test_drill_down_map_shows_only_the_province(seed_snapshot):
    fig = figures.build_figure(get_spec("peta"), Filters(province="73"), seed_snapshot, "id")
    codes = list(fig.data[0].locations) + list(fig.data[1].locations if len(fig.data) > 1 else [])
    assert codes and all(c.startswith("73.") for c in codes)
    assert len(codes) == len(geodata.children_of("73")) or len(codes) > 20


def test_titles_state_the_filters(seed_snapshot):
    f = Filters(indicator="groups_formed", programme="mampu", period="2017", province="73", lang="en")
    spec = get_spec("peta")
    assert specs.title(spec, f, seed_snapshot, "en") == "Groups formed by regency/city"
    sub = specs.subtitle(spec, f, seed_snapshot, "en")
    assert "MAMPU" in sub and "2017" in sub and "Sulawesi Selatan" in sub
    assert specs.title(spec, Filters(), seed_snapshot, "id").startswith("Jumlah mitra dan program")


def test_kpi_frame_keeps_qualifiers(seed_snapshot):
    frame = data_for(get_spec("angka-utama"), Filters(), seed_snapshot, "id")
    assert "lebih dari 600" in set(frame["value_text"])
    assert "52.000" in set(frame["value_text"])
    en = data_for(get_spec("angka-utama"), Filters(lang="en"), seed_snapshot, "en")
    assert "more than 600" in set(en["value_text"]) and "52,000" in set(en["value_text"])


def test_text_alternative_summarises(seed_snapshot):
    alt = figures.text_alternative(get_spec("peta"), Filters(lang="en"), seed_snapshot, "en")
    assert alt.startswith("Map of Number of partners") and "of 38 places" in alt
    assert "Sulawesi Selatan" in alt


def test_chart_urls_share_the_page_query():
    f = Filters(indicator="villages_reached", lang="en", tab="table", q="ignored-by-map")
    u = urls.chart_urls("peta", f)
    assert u["csv"] == "/download/peta.csv?lang=en&indicator=villages_reached"
    assert u["xlsx"].startswith("/download/peta.xlsx?")
    # images keep the view (a PNG of the table view is the table); only the downloads drop it
    assert u["png"] == "/export/peta.png?lang=en&indicator=villages_reached&tab=table"
    assert u["svg"] == "/export/peta.svg?lang=en&indicator=villages_reached&tab=table"
    assert u["png_slide"] == "/export/peta.png?lang=en&indicator=villages_reached&tab=table&size=slide"
    assert urls.chart_urls("peta", Filters())["png_slide"] == "/export/peta.png?size=slide"
    assert u["embed"] == "/embed/peta?lang=en&indicator=villages_reached&tab=table"
    # a card's own view wins over the page's tab; its first view is left out
    bar = urls.chart_urls("peta", f, view="chart")
    assert bar["png"] == "/export/peta.png?lang=en&indicator=villages_reached&tab=chart"
    assert bar["csv"] == u["csv"] and bar["embed"].endswith("tab=chart")
    assert "tab=" not in urls.chart_urls("tren", f, view="chart")["png"]
    assert urls.chart_urls("tren", f, view="table")["embed"].endswith("tab=table")
    assert u["view"].startswith("/peta?")
    assert urls.chart_urls("tema-indikator", Filters(theme="buruh-migran"))["view"] == "/tema/buruh-migran?theme=buruh-migran"


def test_card_has_title_tabs_source_date_alt_and_links(seed_snapshot):
    card = chart_card("peta", Filters(indicator="villages_reached"), seed_snapshot, primary_page="peta")
    html = prerender.to_html(card)
    assert "<h2" in html and "Desa terjangkau" in html
    assert "/download/peta.csv?indicator=villages_reached" in html and "/export/peta.svg" in html
    assert "/embed/peta?indicator=villages_reached" in html and "&lt;iframe" in html
    assert seed_snapshot.version in html and "Ringkasan" in html
    assert 'name="tab"' in html  # the view switch is the page's `tab` parameter


def test_card_values_order(seed_snapshot):
    vals = card_values("kebijakan-tabel", Filters(q="sukabumi"), seed_snapshot)
    assert len(vals) == 7 and vals[5]["q"] == "?q=sukabumi" and vals[5]["k"] and vals[6] == []  # no graph outside a callback
    assert "Perbup Sukabumi" in prerender.to_html(vals[2])


def test_render_table_escapes_and_formats():
    df = pd.DataFrame({"Nama": ["<b>x</b>"], "Nilai": [52000.0]})
    html = prerender.to_html(render_table(df, "Judul", "id"))
    assert "&lt;b&gt;" in html and "52.000" in html and "<caption>Judul</caption>" in html


def test_shell_banner_landmarks_and_language_switch(demo_snapshot, seed_snapshot):
    from dash import html as h
    f = Filters(lang="en", indicator="villages_reached")
    page = shell.page([h.H1("x")], path="/peta", f=f, snapshot=demo_snapshot)
    out = prerender.to_html(page)
    assert "Illustrative data" in out and "<main" in out and "<header" in out and "<footer" in out
    assert 'href="/peta?indicator=villages_reached"' in out  # the switch keeps path and query
    assert "Skip to main content" in out
    plain = prerender.to_html(shell.page([h.H1("x")], path="/", f=Filters(), snapshot=seed_snapshot))
    assert "Data ilustratif" not in plain and seed_snapshot.version in plain


def test_no_dash_in_pure_modules():
    import subprocess
    import sys
    code = ("import sys, data.filters, data.query, components.figures, components.specs, components.i18n;"
            "print('dash' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_figure_json_is_small_for_a_province(seed_snapshot):
    fig = figures.build_figure(get_spec("peta"), Filters(province="73"), seed_snapshot, "id")
    assert len(json.dumps(fig.to_plotly_json(), default=str)) < 400_000


def test_text_alternative_uses_the_singular_for_one_item(seed_snapshot):
    import re
    ids = [str(i) for i in seed_snapshot.tables["indicators"]["indicator_id"]]
    sizes = {i: len(data_for(get_spec("tren"), Filters(lang="en", indicator=i), seed_snapshot, "en")) for i in ids}
    one = next(i for i, n in sizes.items() if n == 1)
    many = next(i for i, n in sizes.items() if n > 1)
    alt = figures.text_alternative(get_spec("tren"), Filters(lang="en", indicator=one), seed_snapshot, "en")
    assert alt.startswith("Line chart of") and "one point" in alt and "1 points" not in alt, alt
    alt = figures.text_alternative(get_spec("tren"), Filters(lang="en", indicator=many), seed_snapshot, "en")
    assert re.search(r"\d+ points from", alt), alt
    assert "1 titik" in figures.text_alternative(get_spec("tren"), Filters(indicator=one), seed_snapshot, "id")


# --- figures without validation, signatures and in-place updates ------------------------------

def _figure_json(spec, f, snap, view, validate, monkeypatch):
    from dash._utils import to_json
    monkeypatch.setenv("PETA_VALIDATE_FIGURES", "true" if validate else "false")
    return json.loads(to_json(figures.build_figure(spec, f, snap, f.lang, view=view, on_page=True)))


@pytest.mark.parametrize("chart_id", sorted(c for c, s in REGISTRY.items() if s.kind not in ("table", "kpi")))
def test_unvalidated_figures_give_the_same_json(chart_id, seed_snapshot, demo_snapshot, monkeypatch):
    """Production skips plotly's validation (PETA_VALIDATE_FIGURES=false): same JSON as validated."""
    spec = get_spec(chart_id)
    for snap in (seed_snapshot, demo_snapshot):
        for f in (Filters(), Filters(lang="en", level="regency", indicator="group_members"),
                  Filters(programme="mampu", indicator="villages_reached")):
            for view in (v for v in spec.views if v != "table"):
                checked = _figure_json(spec, f, snap, view, True, monkeypatch)
                fast = _figure_json(spec, f, snap, view, False, monkeypatch)
                assert fast == checked, (chart_id, f, view)


#: Where a figure would use each optional plotly.js component (scripts/build_plotly.mjs registers
#: only some of them in the browser bundle; the others silently draw nothing).
_COMPONENT_USES = {
    "annotations": lambda fig: fig["layout"].get("annotations"),
    "annotations3d": lambda fig: any(v.get("annotations") for k, v in fig["layout"].items() if k.startswith("scene")),
    "selections": lambda fig: fig["layout"].get("selections"),
    "shapes": lambda fig: fig["layout"].get("shapes"),
    "images": lambda fig: fig["layout"].get("images"),
    "updatemenus": lambda fig: fig["layout"].get("updatemenus"),
    "sliders": lambda fig: fig["layout"].get("sliders"),
    "rangeslider": lambda fig: any(isinstance(v, dict) and v.get("rangeslider") for v in fig["layout"].values()),
    "rangeselector": lambda fig: any(isinstance(v, dict) and v.get("rangeselector") for v in fig["layout"].values()),
    "grid": lambda fig: fig["layout"].get("grid"),
    "errorbars": lambda fig: any(t.get("error_x") or t.get("error_y") for t in fig["data"]),
}
#: Projections d3-geo itself has (the bundle leaves out d3-geo-projection's others).
_D3_GEO_PROJECTIONS = {"mercator", "equirectangular", "orthographic", "azimuthal equal area",
                       "azimuthal equidistant", "conic conformal", "conic equal area", "conic equidistant",
                       "gnomonic", "stereographic", "transverse mercator", "albers usa"}


@pytest.mark.parametrize("chart_id", sorted(c for c, s in REGISTRY.items() if s.kind not in ("table", "kpi")))
def test_figures_use_only_what_the_browser_bundle_draws(chart_id, seed_snapshot, demo_snapshot, monkeypatch):
    """Every trace type, component and projection a figure uses is in assets/vendor/plotly-custom.min.js."""
    from components import perf

    info = perf.bundle_info()
    assert set(info.components) < set(_COMPONENT_USES) | {"colorscale", "colorbar", "legend", "fx", "modebar"}
    missing = set(_COMPONENT_USES) - set(info.components)
    assert {"images", "updatemenus", "sliders", "rangeslider"} <= missing  # the check below means something
    spec = get_spec(chart_id)
    for snap in (seed_snapshot, demo_snapshot):
        for f in (Filters(), Filters(lang="en", level="regency", indicator="group_members"),
                  Filters(programme="mampu", indicator="villages_reached"), Filters(province="91")):
            for view in (v for v in spec.views if v != "table"):
                fig = _figure_json(spec, f, snap, view, False, monkeypatch)
                assert {t.get("type", "scatter") for t in fig["data"]} <= set(info.traces), (chart_id, view)
                used = {c for c, uses in _COMPONENT_USES.items() if uses(fig)}
                assert not used & missing, (chart_id, view, used & missing)
                for trace in fig["data"]:
                    if trace.get("type") == "choropleth":
                        # plotly.js's default with a geojson; "country names" would need country-iso-search
                        mode = trace.get("locationmode", "geojson-id" if trace.get("geojson") else "ISO-3")
                        assert mode == "geojson-id", (chart_id, mode)
                for key, sub in fig["layout"].items():
                    if key.startswith("geo") and isinstance(sub, dict) and "projection" in sub:
                        assert sub["projection"].get("type", "equirectangular") in _D3_GEO_PROJECTIONS


def test_drop_none_keeps_lists_and_zero():
    assert figures._drop_none({"a": None, "b": {"c": None, "d": 0}, "z": [None, 1]}) == {"b": {"d": 0}, "z": [None, 1]}


def _shown(fig: dict) -> dict:
    """What plotly.js draws of a figure: an empty annotations list is the same as none."""
    layout = {k: v for k, v in fig["layout"].items() if not (k in figures.ALWAYS_SET and not v)}
    return {**fig, "layout": layout}


def test_figure_signature_and_update_ops_turn_one_figure_into_another(demo_snapshot):
    spec = get_spec("peta")
    a = figures.build_figure(spec, Filters(indicator="group_members"), demo_snapshot, "id",
                             view="map", on_page=True).to_plotly_json()
    b = figures.build_figure(spec, Filters(indicator="group_members", programme="mampu"), demo_snapshot, "id",
                             view="map", on_page=True).to_plotly_json()
    regency = figures.build_figure(spec, Filters(indicator="group_members", level="regency"), demo_snapshot, "id",
                                   view="map", on_page=True).to_plotly_json()
    province_73 = figures.build_figure(spec, Filters(indicator="group_members", province="73"), demo_snapshot,
                                       "id", view="map", on_page=True).to_plotly_json()
    assert a != b
    # another programme, level or province: the same map on screen, redrawn with other values
    # (other boundaries are another URL in the traces)
    for other in (b, regency, province_73):
        assert figures.figure_signature(a, "map") == figures.figure_signature(other, "map")
        assert _shown(figures.apply_update_ops(a, figures.figure_update_ops(other))) == _shown(other)
        assert _shown(figures.apply_update_ops(other, figures.figure_update_ops(a))) == _shown(a)
    assert regency["data"][-1]["geojson"] != a["data"][-1]["geojson"]
    assert figures.figure_signature(a, "map") != figures.figure_signature(a, "chart")  # context counts
    ops = figures.figure_update_ops(b)
    sent = {path for path, _ in ops}
    assert ("layout", "template") not in sent and ("data",) in sent  # the template stays in the browser
    # a chart with fewer or more traces is redrawn in place too; another height is a new box
    line = get_spec("tren")
    two = figures.build_figure(line, Filters(indicator="villages_reached"), demo_snapshot, "id", view="chart")
    one = figures.build_figure(line, Filters(indicator="villages_reached", programme="mampu"), demo_snapshot, "id",
                               view="chart")
    two, one = two.to_plotly_json(), one.to_plotly_json()
    assert len(two["data"]) != len(one["data"])
    assert figures.figure_signature(two, "chart") == figures.figure_signature(one, "chart")
    assert _shown(figures.apply_update_ops(two, figures.figure_update_ops(one))) == _shown(one)


def test_figure_patch_is_a_dash_patch_of_the_update_ops(demo_snapshot):
    from components.chart_card import figure_patch
    fig = figures.build_figure(get_spec("peta"), Filters(indicator="group_members"), demo_snapshot, "id",
                               view="map", on_page=True).to_plotly_json()
    ops = figure_patch(fig).to_plotly_json()["operations"]
    assert {tuple(o["location"]) for o in ops} == {p for p, _ in figures.figure_update_ops(fig)}
    assert all(o["operation"] == "Assign" for o in ops)


def test_a_chart_keeps_the_height_it_was_built_for(demo_snapshot):
    """dcc.Graph drops layout.height when responsive: the box carries it, and a new height is a new
    signature (an in-place update changes only the figure, never the box)."""
    from components import chart_card as cc

    for chart_id, f in (("tren", Filters()), ("kebijakan-linimasa", Filters()),
                        ("perlindungan-mitra", Filters()), ("perlindungan-mitra", Filters(programme="mampu"))):
        spec = get_spec(chart_id)
        view = next(v for v in spec.views if v not in ("map", "table"))
        body, fig, sig = cc._graph_body(spec, f, demo_snapshot, view, "peta", "x")
        graph = body[0].children
        assert fig["layout"]["height"] > 0
        assert graph.style == {"height": f"{int(fig['layout']['height'])}px"}, chart_id
        assert f"fig-{sig}" in graph.className
    taller = json.loads(json.dumps(fig))
    taller["layout"]["height"] += 34
    assert figures.figure_signature(taller, "x") != figures.figure_signature(fig, "x")
    assert cc.chart_style({"layout": {}}) == {"height": f"{cc.DEFAULT_CHART_HEIGHT}px"}
    body, fig, _ = cc._graph_body(get_spec("peta"), Filters(), demo_snapshot, "map", "peta", "x")
    assert body[0].children.style == cc.MAP_STYLE and "height" not in fig["layout"]


@pytest.mark.parametrize("chart_id,view", [("tren", "chart"), ("kebijakan-linimasa", "chart")])
def test_a_line_or_timeline_with_and_without_data_is_redrawn_in_place(chart_id, view, demo_snapshot):
    """No data (a province without a trend) and data share the chart's height and layout keys: the
    page patches the chart on screen instead of mounting a new one of another size."""
    spec = get_spec(chart_id)
    full = figures.build_figure(spec, Filters(), demo_snapshot, "id", view=view).to_plotly_json()
    builder = {"line": figures.build_line, "timeline": figures.build_timeline}[spec.kind]
    nothing = data_for(spec, Filters(), demo_snapshot, "id").iloc[:0]
    empty = builder(spec, Filters(), nothing, demo_snapshot, "id").to_plotly_json()
    assert full["data"] and not empty["data"] and empty["layout"]["annotations"]
    assert full["layout"]["height"] == empty["layout"]["height"]
    assert figures.figure_signature(full, view) == figures.figure_signature(empty, view)
    assert _shown(figures.apply_update_ops(full, figures.figure_update_ops(empty))) == _shown(empty)
    assert _shown(figures.apply_update_ops(empty, figures.figure_update_ops(full))) == _shown(full)


def test_pages_key_no_data_in_html_and_exports_in_the_legend(seed_snapshot):
    """On a page the map's grey "no data" key is the HTML note under the map, not plotly's legend
    (plotly measures legend text label by label: ~0.35 s of a throttled phone's first draw); an
    export, whose figure stands alone, keeps the legend (and the room above the map for it)."""
    spec, f = get_spec("peta"), Filters(indicator="groups_formed", level="regency")
    page = figures.build_figure(spec, f, seed_snapshot, "id", on_page=True)
    export = figures.build_figure(spec, f, seed_snapshot, "id")
    assert [tr.showlegend for tr in page.data] == [False, False]
    assert [tr.showlegend for tr in export.data] == [True, False]
    assert page.layout.margin.t < export.layout.margin.t
    assert page.data[0].name == export.data[0].name == "Tidak ada data"
    body = prerender.to_html(chart_card("peta", f, seed_snapshot, primary_page="peta"))
    assert 'class="swatch-nodata"' in body and "Abu-abu = tidak ada angka" in body
    # the first view's server-drawn map has no legend swatch for it either (the note is the key)
    svg = body.split('class="map-note"')[0].split("<svg", 1)[-1]
    assert ">Tidak ada data<" not in svg and "— Tidak ada data</title>" in svg  # shapes still say so

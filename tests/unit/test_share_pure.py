"""Pure pieces of the share module: texts, framing headers, image decoration, JSON cells, embed code."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest

from components import share
from components.share import framing, images, jsonutil, text


def test_every_share_text_exists_in_both_languages():
    for key, entry in text.CATALOG.items():
        assert set(entry) == set(text.LANGS), key
        assert all(entry[lang].strip() for lang in text.LANGS), key
    assert text.t("newer_version", "id") == "Versi data lebih baru tersedia"
    assert text.t("newer_version", "en") == "A newer data version is available"
    assert text.t("newer_version", "xx") == "Versi data lebih baru tersedia"  # Indonesian first


@pytest.mark.parametrize("csp, value, expected", [
    (None, "*", "frame-ancestors *"),
    ("default-src 'self'; frame-ancestors 'none'", "*", "default-src 'self'; frame-ancestors *"),
    ("default-src 'self'; FRAME-ANCESTORS 'self' https://x", "'none'", "default-src 'self'; frame-ancestors 'none'"),
    ("script-src 'self' 'sha256-abc=';", "'none'", "script-src 'self' 'sha256-abc='; frame-ancestors 'none'"),
])
def test_set_frame_ancestors_keeps_the_other_directives(csp, value, expected):
    assert framing.set_frame_ancestors(csp, value) == expected


def test_frame_headers_embed_vs_everything_else():
    base = [("Content-Type", "text/html"), ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"),
            ("X-Frame-Options", "DENY")]
    embed = dict(framing.frame_headers("/embed/peta", base))
    assert embed["Content-Security-Policy"] == "default-src 'self'; frame-ancestors *"
    assert "X-Frame-Options" not in embed
    other = framing.frame_headers("/peta", base[:1])
    assert ("X-Frame-Options", "DENY") in other
    assert ("Content-Security-Policy", "frame-ancestors 'none'") in other
    assert not framing.is_embed_path("/embedded") and not framing.is_embed_path("/peta/embed/x")


INFO = images.ExportInfo(
    title="Kepesertaan perlindungan sosial menurut skema", subtitle="program Peduli · angka terbaru",
    source="Sumber: KEMITRAAN, “Program Peduli” (2016). Peta Inklusi, versi 20261120.1.",
    version="20261120.1", data_date="2017-06-30", url="https://peta.example/perlindungan-sosial?programme=peduli",
    illustrative=False)


def _fig():
    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h", name="Peduli"))
    fig.update_layout(legend=dict(orientation="h", y=-0.08, yanchor="top"), margin=dict(l=8, r=8, t=8, b=8))
    return fig


def test_decorate_bakes_in_title_subtitle_source_version_date_and_link():
    d = images.decorate(_fig(), INFO, "word", "id")
    texts = images.export_texts(d)
    joined = " ".join(texts)
    assert "Kepesertaan perlindungan sosial menurut skema" in joined
    assert d["layout"]["title"]["subtitle"]["text"] == "program Peduli · angka terbaru"
    assert "Sumber: KEMITRAAN" in joined and not joined.count("Sumber: Sumber")
    assert "Versi data 20261120.1 · tanggal data 2017-06-30" in joined
    assert INFO.url in texts
    assert "ILUSTRATIF" not in joined
    assert (d["layout"]["width"], d["layout"]["height"]) == (800, 500)
    # the page's legend under the plot moves above it: the bottom is the footer's
    assert d["layout"]["legend"]["y"] == 1.0 and d["layout"]["legend"]["yanchor"] == "bottom"
    assert d["layout"]["margin"]["b"] > 100 and d["layout"]["margin"]["t"] > 60


def test_decorate_marks_illustrative_in_english_too_and_does_not_touch_the_input():
    fig = _fig()
    before = fig.to_dict()
    d = images.decorate(fig, images.ExportInfo(**{**INFO.__dict__, "illustrative": True}), "slide", "en")
    joined = " ".join(images.export_texts(d))
    assert "ILLUSTRATIVE / ILUSTRATIF" in joined and "Data version 20261120.1 · data date 2017-06-30" in joined
    assert (d["layout"]["width"], d["layout"]["height"]) == (960, 540)
    assert fig.to_dict() == before


def test_long_texts_are_wrapped_not_lost():
    long = images.ExportInfo(**{**INFO.__dict__, "title": "Judul " * 40, "source": "Sumber: " + "panjang " * 60})
    d = images.decorate(_fig(), long, "word", "id")
    assert d["layout"]["title"]["text"].count("<br>") == 1
    footer = [a["text"] for a in d["layout"]["annotations"] if a.get("name", "").startswith("peta-export-footer")]
    # the source wraps over as many lines as it needs (up to MAX_SOURCE_LINES), never cut
    assert len(footer) == 5 + 2 and " ".join(footer[:5]) == "Sumber: " + " ".join(["panjang"] * 60)


def test_sizes_give_word_and_slide_pixels():
    assert images.SIZES["word"].pixels == (1600, 1000)
    assert images.SIZES["slide"].pixels == (1920, 1080)
    assert images.filename("peta", "semua", "20261120.1", "slide", "en", "png") == \
        "peta-inklusi_peta_semua_slide_en_v20261120.1.png"


def test_geo_stub_covers_every_scope_plotly_may_ask_for():
    js = images.geo_assets_js()
    assert js.startswith("window.PlotlyGeoAssets = ")
    for scope in ("world_110m", "asia_50m", "oceania_110m"):
        assert f'"{scope}"' in js


def test_jsonable_cells():
    import numpy as np

    assert jsonutil.jsonable(pd.NA) is None and jsonutil.jsonable(float("nan")) is None
    assert jsonutil.jsonable(dt.date(2017, 6, 30)) == "2017-06-30"
    assert jsonutil.jsonable(np.int64(3)) == 3 and type(jsonutil.jsonable(np.str_("x"))) is str
    assert jsonutil.jsonable(np.bool_(True)) is True
    df = pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": ["x", None]})
    assert jsonutil.records(df) == [{"a": 1, "b": "x"}, {"a": None, "b": None}]


def test_embed_code_escapes_and_defaults():
    class F:
        lang = "id"

        def to_query(self):
            return {"q": '"><script>x</script>'}

        def replace(self, **kw):
            return self

    code = share.embed_code("kebijakan-tabel", F(), "https://peta.example/", "id")
    assert "<script>x" not in code and "?q=%22%3E%3Cscript%3Ex" in code
    assert 'title="Grafik Peta Inklusi: kebijakan-tabel"' in code
    code = share.embed_code("peta", F(), "https://peta.example", "id", title='Desa "A" <b>')
    assert 'title="Desa &quot;A&quot; &lt;b&gt;"' in code
    assert share.embed_url("peta", None, "https://p.example") == "https://p.example/embed/peta"


def test_embed_code_without_a_public_url_uses_the_request_host():
    import flask

    from data.filters import Filters

    app = flask.Flask("x")
    with app.test_request_context("/peta", base_url="https://peta.example:8443"):
        code = share.embed_code("peta", Filters(), "", "id")
    assert 'src="https://peta.example:8443/embed/peta"' in code
    assert 'src="https://peta.example:8443/assets/embed-resize.js"' in code


def test_embed_code_title_is_the_chart_title(seed_dir, monkeypatch):
    from data.filters import Filters

    from components.specs import get_spec, title
    from data.snapshot import load_snapshot

    monkeypatch.setenv("PETA_DATA_DIR", str(seed_dir))
    code = share.embed_code("perlindungan-skema", Filters(lang="en"), "https://p.example", "en")
    expected = title(get_spec("perlindungan-skema"), Filters(lang="en"), load_snapshot(root=seed_dir), "en")
    assert f'title="{expected} — Peta Inklusi"' in code


def test_bytes_cache_is_keyed_by_value_and_bounded():
    from components.share.cache import BytesCache

    calls = []

    def make(n):
        def f():
            calls.append(n)
            return b"x" * n
        return f

    c = BytesCache(max_items=2, max_bytes=10)
    assert c.get(("a", 1), make(3)) == b"xxx"
    assert c.get(("a", 1), make(3)) == b"xxx" and calls == [3]
    c.get(("b",), make(4))
    c.get(("c",), make(5))  # over 2 items and 10 bytes: the oldest go
    assert c.keys() == [("c",)] or c.keys() == [("b",), ("c",)]
    assert sum(len(c.get(k, make(0))) for k in c.keys()) <= 10
    assert c.get(("big",), make(50)) == b"x" * 50 and ("big",) not in c.keys()


def _longest_live_source() -> str:
    """The longest source line any card states over the project's published snapshot."""
    from pathlib import Path

    from components.specs import REGISTRY, source_line
    from data.filters import Filters
    from data.snapshot import load_snapshot

    snap = load_snapshot(root=Path(__file__).resolve().parents[2] / "data" / "snapshots")
    lines = [source_line(spec, spec.filters(f), snap, f.lang) for spec in REGISTRY.values()
             for f in (Filters(), Filters(lang="en"))]
    return max(lines, key=len)


def test_the_longest_live_source_line_is_never_cut():
    from components.share import images

    source = _longest_live_source()
    assert len(source) > 200  # the live snapshot's citations are long: this is the case that was cut
    for size in images.SIZES:
        info = images.ExportInfo(title="T", subtitle="", source=source, version="20260101.1", data_date="",
                                 url="https://peta.example/peta", illustrative=False)
        fig = images.decorate({"data": [], "layout": {}}, info, size, "en")
        footer = [a["text"] for a in fig["layout"]["annotations"] if a.get("name", "").startswith("peta-export-footer")]
        src = footer[: len(footer) - 2]  # the version/date line and the link follow
        assert " ".join(src) == " ".join(source.split()), (size, src)
        assert not any(x.endswith("…") for x in src)
        # the bottom margin holds every line
        assert fig["layout"]["margin"]["b"] >= images.FOOTER_LINE_PX * len(footer)


def test_a_source_too_long_for_the_image_points_to_the_full_citations():
    from components.share import images

    text = " ".join(f"word{i}" for i in range(400))
    lines = images.source_lines(text, 100, "full citations: https://peta.example/data")
    assert len(lines) == images.MAX_SOURCE_LINES and lines[-1].endswith("… full citations: https://peta.example/data")
    assert all(len(x) <= 100 for x in lines)
    assert images.data_page_url("https://peta.example/peta?x=1") == "https://peta.example/data"


def test_table_image_columns_fit_their_longest_word():
    from components import figures
    from data.filters import Filters
    from components.specs import get_spec
    from tests.conftest import seed_tables
    from data.snapshot import load_snapshot, publish
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        publish(seed_tables(), root=d, notes="t", data_date="2017-06-30", version="20260101.1")
        snap = load_snapshot(root=d)
        spec = get_spec("kebijakan-tabel")
        fig = figures.build_table(spec, Filters(), figures.data_for(spec, Filters(), snap, "id"), snap, "id")
    tr = fig.data[0]
    widths = list(tr.columnwidth)
    for col, head, w in zip(tr.cells.values, tr.header.values, widths):
        words = [len(x) for cell in col for line in str(cell).split("<br>") for x in line.split()]
        lines = [len(line) for cell in col for line in str(cell).split("<br>")]
        assert max(words or [0]) + 2 <= w or w == 26, (head, w)  # a column never cuts a word
        assert max(lines or [0]) <= w, (head, w)  # text wraps within the column
    floors = [max(len(x) for line in [str(h)] + [str(c) for c in col] for x in line.replace("<br>", " ").split()) + 2
              for col, h in zip(tr.cells.values, tr.header.values)]
    assert sum(widths) <= max(figures.TABLE_CHARS, sum(min(f, 26) for f in floors)) + len(widths)
    assert fig.layout.height >= figures.TABLE_HEADER_PX + sum(figures.table_row_heights(list(tr.cells.values)))

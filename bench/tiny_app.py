"""A minimal Dash app (one choropleth, one bar chart) to check the perf plumbing in isolation.

Used by the perf tests and by ``peta-inklusi bench`` as the "standard Dash
choropleth app" reference. The shapes and values are synthetic test squares,
not programme data: the page says so.

    create_app(optimize=True)            # a Dash app with components.perf installed
    gunicorn 'bench.tiny_app:create_server()'   # reads PETA_OPTIMIZE like the real app
"""

from __future__ import annotations

from pathlib import Path

LABEL = "Synthetic test shapes (illustrative, not programme data)"


def _square(x0: float, y0: float, size: float) -> list:
    # Outer ring CLOCKWISE (plotly's geo draws a filled rectangle otherwise).
    return [[[x0, y0], [x0, y0 + size], [x0 + size, y0 + size], [x0 + size, y0], [x0, y0]]]


def geojson() -> dict:
    """Four synthetic squares over Indonesia's longitudes, ids A..D."""
    feats = []
    for i, code in enumerate("ABCD"):
        feats.append({
            "type": "Feature",
            "id": code,
            "properties": {"code": code, "name": f"Kotak {code}"},
            "geometry": {"type": "Polygon", "coordinates": _square(100 + 9 * i, -6 + (i % 2) * 4, 6)},
        })
    return {"type": "FeatureCollection", "features": feats}


def figures(lang: str = "id"):
    import plotly.graph_objects as go

    codes = list("ABCD")
    values = [1, 2, 3, 4]
    choropleth = go.Figure(go.Choropleth(
        geojson=geojson(), locations=codes, z=values, featureidkey="id",
        colorscale="Blues", marker_line_color="white", name=LABEL))
    choropleth.update_geos(fitbounds="locations", visible=False)
    choropleth.update_layout(title=LABEL, margin=dict(l=0, r=0, t=40, b=0), height=360)
    bar = go.Figure(go.Bar(x=codes, y=values, name=LABEL))
    bar.update_layout(title=LABEL, height=300)
    return choropleth, bar


def create_app(optimize: bool | None = None, assets_folder: str | Path | None = None, settings=None):
    """The tiny app with ``components.perf.install`` applied.

    ``optimize`` overrides ``settings.optimize`` (default: PETA_OPTIMIZE).
    ``assets_folder`` defaults to an empty folder inside bench/ so the
    project's own assets do not change what is measured.
    """
    import dataclasses

    import dash
    from dash import dcc, html

    from components import perf
    from data.settings import get_settings

    settings = settings or get_settings()
    if optimize is not None:
        settings = dataclasses.replace(settings, optimize=optimize)
    folder = Path(assets_folder) if assets_folder else Path(__file__).resolve().parent / "tiny_assets"
    app = dash.Dash(__name__, assets_folder=str(folder), title="Peta Inklusi perf check",
                    serve_locally=True)
    choropleth, bar = figures()
    app.layout = html.Main([
        html.H1("Peta Inklusi: perf check"),
        html.P(LABEL),
        dcc.Graph(id="map", figure=choropleth, config=perf.graph_config("id")),
        dcc.Graph(id="bar", figure=bar, config=perf.graph_config("id")),
    ])
    perf.install(app, settings)
    return app


def create_server():
    """WSGI factory for gunicorn."""
    return create_app().server

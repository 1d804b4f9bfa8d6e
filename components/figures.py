"""One figure builder per chart kind, one theme. Pure: no Dash imports.

``build_figure(spec, filters, snapshot, lang)`` draws the frame that
``components.specs.data_for`` returns, so the chart, its table tab, the
downloads and the image exports show the same numbers.

Maps use ``go.Choropleth`` with the code-keyed GeoJSON from ``geo.boundaries``
(outer rings clockwise), ``featureidkey="properties.code"``, ``fitbounds``
and NO base map: ``geo.visible=False`` and every base layer off, so plotly.js
has nothing to draw from its world topojson. Places without a figure are a
separate grey trace with its own legend entry ("No data"), never zero.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from components import geodata
from components.i18n import number, plotly_locale, t, t_count
from components.specs import ChartSpec, data_for, indicator_unit, source_line, subtitle, title
from data.filters import PRESENCE, Filters

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"
TEXT = "#1a1a1a"
MUTED = "#555555"
NO_DATA = "#d4d4d4"
NO_DATA_LINE = "#8c8c8c"
# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
# viridis, light (low) to dark (high), from plotly's sequential set.
SEQUENTIAL = {
    "viridis": [[0.0, "#fde725"], [0.25, "#5ec962"], [0.5, "#21918c"], [0.75, "#3b528b"], [1.0, "#440154"]],
    "cividis": [[0.0, "#fee838"], [0.5, "#7c7b78"], [1.0, "#00224e"]],
}
LEVEL_COLOURS = {"village": OKABE_ITO[2], "regency": OKABE_ITO[0], "province": OKABE_ITO[1],
                 "national": OKABE_ITO[6]}


def theme_layout(lang: str) -> dict:
    """The one theme: fonts, colours, margins, locale separators."""
    return dict(
        font=dict(family=FONT, size=14, color=TEXT),
        paper_bgcolor="#ffffff", plot_bgcolor="#ffffff",
        colorway=OKABE_ITO,
        margin=dict(l=8, r=8, t=8, b=8),
        hoverlabel=dict(font=dict(family=FONT, size=13), bgcolor="#ffffff", bordercolor="#333333"),
        legend=dict(orientation="h", yanchor="top", y=-0.08, x=0, font=dict(size=13)),
        dragmode=False,
        **plotly_locale(lang),
    )


def _axis() -> dict:
    return dict(gridcolor="#e5e5e5", zerolinecolor="#999999", linecolor="#999999", tickfont=dict(color=TEXT),
                automargin=True)


def _merge(base: dict, *overrides: dict) -> dict:
    """Nested dicts merged like ``update_layout`` does (later values win, sub-dicts merge)."""
    out = dict(base)
    for o in overrides:
        for k, v in o.items():
            out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _figure(traces: list[dict], layout: dict, validate: bool | None = None) -> go.Figure:
    """One ``go.Figure`` from plain dicts.

    Building the whole figure in one constructor call validates every property once;
    ``add_trace`` + several ``update_layout`` calls re-walk the property tree each time
    (about 3x slower, and this runs on every filter change). Validation itself still costs
    ~13 ms a map, so it runs when ``PETA_VALIDATE_FIGURES`` is on (the test suite, development);
    otherwise the same dicts go in unchecked, without their ``None`` values (what validation
    drops), and a test checks that every chart gives the same JSON both ways.
    """
    if validate is None:
        from data.settings import get_settings
        validate = get_settings().validate_figures
    if validate:
        return go.Figure(data=traces, layout=layout)
    return go.Figure(data=[_drop_none(tr) for tr in traces], layout=_drop_none(layout), _validate=False)


def _drop_none(d: dict) -> dict:
    """``d`` without keys whose value is None, in nested dicts too (lists are values: kept)."""
    return {k: _drop_none(v) if isinstance(v, dict) else v for k, v in d.items() if v is not None}


def _empty_layout(lang: str, **extra) -> dict:
    return _merge(theme_layout(lang), dict(
        annotations=[dict(text=t("card.empty", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                          font=dict(size=15, color=MUTED))],
        xaxis=dict(visible=False), yaxis=dict(visible=False)), extra)


# --- choropleth -----------------------------------------------------------------------

def build_choropleth(spec: ChartSpec, f: Filters, frame: pd.DataFrame, snapshot: Any, lang: str,
                     on_page: bool = False) -> go.Figure:
    """The map. ``on_page``: the figure a page card shows (boundaries by URL, the "no data" key in the
    card's HTML); otherwise a figure that stands alone (exports, tests: boundaries inline, the key
    in plotly's legend)."""
    f = spec.filters(f)
    level = f.effective_level
    names = geodata.feature_names(level, f.province or None)
    # On pages the boundaries travel once, as a cacheable file both traces point to;
    # exports and tests get them inline.
    province = f.province or None
    shapes = geodata.geojson_url(level, province) if on_page else geodata.geojson(level, province)
    codes = list(names)
    # Plain lists and a code -> row dict: per-place DataFrame look-ups (.at) cost ~0.1 ms each,
    # 514 regencies x 5 columns on every map.
    have = frame[frame["value"].notna()] if len(frame) else frame
    cols = {c: have[c].tolist() for c in ("value", "value_text", "source", "date_text", "programmes", "partners",
                                          "communities") if c in have}
    row = {k: i for i, k in enumerate(have["key"].tolist())} if len(have) else {}
    with_data = [c for c in codes if c in row]
    without = [c for c in codes if c not in row]
    no_data = t("map.no_data", lang)
    # Pages key "no data" in HTML under the map (chart_card's map note, grey =
    # no figure, not zero); exports keep it as plotly's legend. Plotly measures a legend's text
    # label by label (forced layouts): ~0.35 s of a 4x-throttled phone's first draw of the map.
    in_legend = not on_page
    traces: list[dict] = [dict(
        type="choropleth", geojson=shapes, featureidkey="properties.code", locations=without,
        z=[0] * len(without), colorscale=[[0, NO_DATA], [1, NO_DATA]], showscale=False, zmin=0, zmax=1,
        marker=dict(line=dict(color=NO_DATA_LINE, width=0.6)),
        customdata=[[names[c], no_data] for c in without],
        hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
        name=no_data, showlegend=in_legend, legendgroup="nodata",
    )]
    # The values' trace is always there (empty when no place has a figure), so every view of one
    # level has the same traces: a filter change is then a Patch of values (components/chart_card.py).
    unit = t(spec.unit, lang) if spec.unit else indicator_unit(snapshot, f.indicator, lang)
    z = [float(cols["value"][row[c]]) for c in with_data]
    zmax = max(z) if z else 1
    custom = [[names[c], cols["value_text"][row[c]], cols["source"][row[c]] if "source" in cols else "",
               cols["date_text"][row[c]] if "date_text" in cols else "", _extra(cols, row[c], lang)]
              for c in with_data]
    vlabel = t("map.presence_value", lang) if f.indicator == PRESENCE and spec.id != "kebijakan-peta" else \
        t("map.hover_value", lang)
    traces.append(dict(
        type="choropleth", geojson=shapes, featureidkey="properties.code", locations=with_data, z=z,
        zmin=0, zmax=zmax if zmax > 0 else 1, colorscale=SEQUENTIAL.get(spec.palette, SEQUENTIAL["viridis"]),
        marker=dict(line=dict(color="#ffffff", width=0.6)), showscale=bool(with_data),
        colorbar=dict(title=dict(text=unit, side="top"), orientation="h", y=-0.02, yanchor="top",
                      thickness=12, len=0.6, x=0.5, xanchor="center", tickformat=",d" if zmax >= 5 else None,
                      dtick=1 if zmax < 5 else None),
        customdata=custom,
        hovertemplate=(f"<b>%{{customdata[0]}}</b><br>{vlabel}: %{{customdata[1]}}%{{customdata[4]}}"
                       f"<br>{t('map.hover_source', lang)}: %{{customdata[2]}}"
                       f"<br>{t('map.hover_date', lang)}: %{{customdata[3]}}<extra></extra>"),
        name=unit, showlegend=False,
    ))
    # Explicit ranges from the boundaries (plotly's fitbounds leaves a small map in a wide card).
    x0, y0, x1, y1 = geodata.bounds(level, f.province or None)
    padx, pady = (x1 - x0) * 0.02, (y1 - y0) * 0.04
    geo = dict(
        visible=False, fitbounds=False, projection=dict(type="mercator"),
        lonaxis=dict(range=[x0 - padx, x1 + padx]), lataxis=dict(range=[y0 - pady, y1 + pady]),
        showland=False, showocean=False, showlakes=False, showrivers=False, showcountries=False,
        showcoastlines=False, showsubunits=False, showframe=False, bgcolor="rgba(0,0,0,0)",
    )
    # No fixed height: the page sizes the map to its card's width (assets/peta.css, .graph-map);
    # exports set their own size. "No data" above the map in exports (never over a shape), the colour
    # bar below it.
    layout = _merge(theme_layout(lang), dict(
        geo=geo, autosize=True, clickmode="event", uirevision=f"{level}-{f.province}",
        meta={"aspect": round((x1 - x0) / max(y1 - y0, 0.1), 2)},
        legend=dict(y=1.0, yanchor="bottom", x=0, xanchor="left", orientation="h"),
        margin=dict(l=4, r=4, t=30 if in_legend else 8, b=8)))
    return _figure(traces, layout)


def _extra(cols: dict[str, list], i: int, lang: str) -> str:
    """The hover's extra lines for row ``i`` (programmes, partners, communities when present)."""
    bits = []
    for c, key in (("programmes", "col.programmes"), ("partners", "col.partners"), ("communities", "col.communities")):
        if c in cols and cols[c][i]:
            bits.append(f"<br>{t(key, lang)}: {_wrap(str(cols[c][i]))}")
    return "".join(bits)


def wrap_lines(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, broken at word boundaries (a longer word keeps its line)."""
    lines, cur = [], ""
    for w in str(text).split():
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    if cur:
        lines.append(cur)
    return lines


def _wrap(text: str, width: int = 48) -> str:
    """Wrap at word boundaries into <br>-separated lines (hover labels, bar labels, table cells)."""
    return "<br>".join(wrap_lines(text, width))


# --- bar ---------------------------------------------------------------------------------

def build_bar(spec: ChartSpec, f: Filters, frame: pd.DataFrame, snapshot: Any, lang: str) -> go.Figure:
    data = frame[frame["value"].notna()] if len(frame) else frame
    if data.empty:
        return _figure([], _empty_layout(lang))
    data = data.head(25)
    series = data["series"] if "series" in data else pd.Series([""] * len(data), index=data.index)
    unit = t(spec.unit, lang) if spec.unit else indicator_unit(snapshot, spec.filters(f).indicator, lang)
    labels = [_wrap(str(x), 28) for x in data["label"]]
    traces: list[dict] = []
    if series.nunique() > 1 or (len(series) and series.iloc[0]):
        for i, (name, g) in enumerate(data.groupby(series.values, sort=False)):
            idx = [data.index.get_loc(k) for k in g.index]
            traces.append(dict(
                type="bar", y=[labels[k] for k in idx], x=g["value"].tolist(), orientation="h", name=str(name),
                marker=dict(color=OKABE_ITO[i % len(OKABE_ITO)]), text=g["value_text"].tolist(), textposition="auto",
                customdata=g[["value_text"]].assign(s=str(name)).values.tolist(),
                hovertemplate="<b>%{y}</b><br>%{customdata[1]}: %{customdata[0]}<extra></extra>",
            ))
    else:
        traces.append(dict(
            type="bar", y=labels, x=data["value"].tolist(), orientation="h", marker=dict(color=OKABE_ITO[0]),
            text=data["value_text"].tolist(), textposition="auto", name=unit,
            customdata=data[["value_text"]].values.tolist(),
            hovertemplate="<b>%{y}</b><br>%{customdata[0]}<extra></extra>", showlegend=False,
        ))
    n = len(set(labels))
    layout = _merge(theme_layout(lang), dict(
        barmode="group", height=max(260, 60 + 34 * n * max(1, min(series.nunique(), 3))),
        xaxis=dict(**_axis(), title=dict(text=unit), tickformat=",~r"),
        yaxis=dict(**_axis(), autorange="reversed"), bargap=0.25,
        legend=dict(orientation="h", y=-0.15 if n < 6 else -0.06)))
    return _figure(traces, layout)


# --- line -----------------------------------------------------------------------------------

#: Line and timeline charts have one height and the same layout keys with or without data, so a
#: filter change between the two redraws the chart on screen (chart_card: same signature).
LINE_HEIGHT, TIMELINE_HEIGHT = 360, 300


def build_line(spec: ChartSpec, f: Filters, frame: pd.DataFrame, snapshot: Any, lang: str) -> go.Figure:
    if frame.empty:
        return _figure([], _empty_layout(lang, height=LINE_HEIGHT))
    unit = indicator_unit(snapshot, spec.filters(f).indicator, lang)
    traces: list[dict] = []
    # A few dozen points: grouped and sorted in Python (pandas' groupby + sort_values per series
    # cost ~2 ms each on a datetime column); series by name, points by date (stable).
    series: dict[Any, list] = {}
    for row in frame[["series", "x", "value", "value_text", "label"]].itertuples(index=False):
        series.setdefault(row.series, []).append(row)
    for i, name in enumerate(sorted(series)):
        g = sorted(series[name], key=lambda r: r.x)
        traces.append(dict(
            type="scatter", x=[r.x.strftime("%Y-%m-%d") for r in g], y=[float(r.value) for r in g],
            name=str(name), mode="lines+markers+text",
            line=dict(color=OKABE_ITO[i % len(OKABE_ITO)], width=3),
            marker=dict(size=9, symbol=["circle", "square", "diamond", "triangle-up"][i % 4]),
            text=[r.value_text for r in g], textposition="top center", textfont=dict(size=12),
            customdata=[[r.label, r.value_text] for r in g],
            hovertemplate=f"<b>{name}</b><br>%{{customdata[0]}}: %{{customdata[1]}}<extra></extra>",
        ))
    layout = _merge(theme_layout(lang), dict(
        height=LINE_HEIGHT,
        xaxis=dict(**_axis(), type="date", tickformat="%Y", dtick="M12", range=_year_range(frame["x"])),
        yaxis=dict(**_axis(), title=dict(text=unit), rangemode="tozero", tickformat=",~r")))
    return _figure(traces, layout)


# --- timeline -------------------------------------------------------------------------------

def build_timeline(spec: ChartSpec, f: Filters, frame: pd.DataFrame, snapshot: Any, lang: str) -> go.Figure:
    if frame.empty:
        return _figure([], _empty_layout(lang, height=TIMELINE_HEIGHT, showlegend=False))
    order = ["village", "regency", "province", "national"]
    cats = [t(f"opt.level.{lv}", lang) for lv in order]
    traces: list[dict] = []
    for lv in order:
        g = frame[frame["level"] == lv]
        if g.empty:
            continue
        traces.append(dict(
            type="scatter", x=[d.strftime("%Y-%m-%d") for d in g["x"]], y=[t(f"opt.level.{lv}", lang)] * len(g),
            mode="markers", name=t(f"opt.level.{lv}", lang),
            marker=dict(size=16, color=LEVEL_COLOURS[lv], line=dict(color="#ffffff", width=1.5),
                        symbol={"village": "circle", "regency": "square", "province": "diamond",
                                "national": "star"}[lv]),
            customdata=g[["label", "date_text", "place", "instrument"]].fillna("").values.tolist(),
            hovertemplate="<b>%{customdata[3]}</b> · %{customdata[1]}<br>%{customdata[0]}<br>%{customdata[2]}"
                          "<extra></extra>",
        ))
    layout = _merge(theme_layout(lang), dict(
        height=TIMELINE_HEIGHT, showlegend=False,
        xaxis=dict(**_axis(), type="date", tickformat="%Y", dtick="M12", range=_year_range(frame["x"])),
        yaxis=dict(**_axis(), categoryorder="array", categoryarray=cats)))
    return _figure(traces, layout)


def _year_range(xs: pd.Series) -> list[str]:
    """Whole years around the data, so yearly ticks never repeat a year."""
    lo, hi = pd.to_datetime(xs).min(), pd.to_datetime(xs).max()
    return [f"{lo.year}-01-01" if lo.month > 1 else f"{lo.year - 1}-07-01", f"{hi.year}-12-31"]


# --- table (for image exports; pages render an HTML table) ----------------------------------

TABLE_LINE_PX = 16  # one line of a 12 px cell
TABLE_PAD_PX = 10  # a row's padding
TABLE_HEADER_PX = 34
TABLE_CHARS = 96  # characters across the whole table (the ~730 px plot of a Word-page image, 12 px)


def table_row_heights(cells: list[list[str]]) -> list[int]:
    """Pixel height of each row of wrapped cells (the tallest cell of the row)."""
    n = max((len(col) for col in cells), default=0)
    return [TABLE_PAD_PX + TABLE_LINE_PX * max([1] + [str(col[i]).count("<br>") + 1 for col in cells if i < len(col)])
            for i in range(n)]


def _column_chars(header: list[str], texts: list[list[str]]) -> list[int]:
    """Characters per line of each column: its text's length (up to 60), never less than its longest
    word (so no word is cut); when the table is too wide, the long-text columns give way first."""
    longest = lambda xs: max([len(w) for x in xs for w in str(x).split()] or [1])  # noqa: E731
    need = [min(max([len(h)] + [len(x) for x in col]), 60) for h, col in zip(header, texts)]
    floor = [min(max(longest([h]), longest(col), 3) + 2, 26) for h, col in zip(header, texts)]
    need = [max(n, fl) for n, fl in zip(need, floor)]
    if sum(need) <= TABLE_CHARS:
        return need
    spare, give = TABLE_CHARS - sum(floor), [n - fl for n, fl in zip(need, floor)]
    if spare <= 0 or not sum(give):
        return floor
    return [fl + int(spare * g / sum(give)) for fl, g in zip(floor, give)]


def build_table(spec: ChartSpec, f: Filters, frame: pd.DataFrame, snapshot: Any, lang: str) -> go.Figure:
    """The table view as a figure, for image exports: every row, long text wrapped between words,
    column widths from the length of their text; the figure is as tall as its rows
    (``components.share.images`` fits it to the page or slide)."""
    from components.specs import table_for
    tab = table_for(spec, f, snapshot, lang, frame=frame)
    texts = [[_cell(v, lang) for v in tab[c]] for c in tab.columns]
    chars = _column_chars([str(c) for c in tab.columns], texts)
    cells = [[_wrap(x, w) for x in col] for col, w in zip(texts, chars)]
    header = [_wrap(str(c), w) for c, w in zip(tab.columns, chars)]
    fig = go.Figure(go.Table(
        columnwidth=chars,
        header=dict(values=[f"<b>{h}</b>" for h in header], fill_color="#e8eef5", align="left",
                    font=dict(color=TEXT, size=13), height=TABLE_HEADER_PX - 6),
        cells=dict(values=cells or [[]], align="left", fill_color="#ffffff", font=dict(color=TEXT, size=12),
                   line_color="#d0d0d0", height=TABLE_LINE_PX + TABLE_PAD_PX),
    ))
    head_lines = max([h.count("<br>") + 1 for h in header] or [1])
    height = TABLE_HEADER_PX + TABLE_LINE_PX * (head_lines - 1) + sum(table_row_heights(cells))
    fig.update_layout(**theme_layout(lang), height=max(220, height + 40))
    return fig


def _cell(v: Any, lang: str) -> str:
    if isinstance(v, float):
        return "" if math.isnan(v) else number(v, lang)
    return "" if v is None else str(v)


# --- KPI (for image exports; pages render HTML cards) ---------------------------------------

KPI_ROW_PX = 150      # one row of headline figures on a page or a Word image
KPI_MIN_ROW_PX = 105  # the least a row needs (value, two-line label, two-line series)


def build_kpi(spec: ChartSpec, f: Filters, frame: pd.DataFrame, snapshot: Any, lang: str) -> go.Figure:
    if frame.empty:
        return _figure([], _empty_layout(lang))
    items = frame.head(12).reset_index(drop=True)
    cols = 3
    rows = math.ceil(len(items) / cols)
    notes: list[dict] = []
    for i, r in items.iterrows():
        x = (i % cols + 0.5) / cols
        y = 1 - (i // cols) / rows  # top of the cell
        # Both hang from the top of their cell; the label sits a fixed number of pixels under the
        # value, so they never overlap however short the image (a 16:9 slide) makes the cells.
        notes.append(dict(x=x, y=y, xref="paper", yref="paper", yanchor="top", showarrow=False, name=f"kpi-{i}",
                          text=f"<b>{r['value_text']}</b>", font=dict(size=22, color=OKABE_ITO[0])))
        notes.append(dict(x=x, y=y, yshift=-34, xref="paper", yref="paper", yanchor="top", showarrow=False,
                          name=f"kpi-{i}",
                          text=f"{_wrap(str(r['label']), 30)}<br><span style='font-size:11px'>"
                               f"{_wrap(str(r['series']), 34)}</span>", font=dict(size=13, color=TEXT)))
    # meta.kpi lets an image export that is too short for every row keep whole rows (share.images)
    layout = _merge(theme_layout(lang), dict(annotations=notes, xaxis=dict(visible=False), yaxis=dict(visible=False),
                                             height=KPI_ROW_PX * rows + 20,
                                             meta={"kpi": {"cols": cols, "n": len(items), "total": len(frame)}}))
    return _figure([], layout)


BUILDERS = {
    "choropleth": build_choropleth,
    "bar": build_bar,
    "line": build_line,
    "timeline": build_timeline,
    "table": build_table,
    "kpi": build_kpi,
}


def build_figure(spec: ChartSpec, filters: Filters, snapshot: Any, lang: str | None = None, *,
                 view: str | None = None, frame: pd.DataFrame | None = None,
                 with_titles: bool = False, on_page: bool = False) -> go.Figure:
    """The figure for ``spec`` under ``filters``.

    ``view="chart"`` on a map spec gives the bar chart of the same frame (the
    card's Chart tab). ``with_titles=True`` puts the title (stating the
    filters), the subtitle and the source line with version into the figure
    itself, for PNG/SVG exports. ``on_page``: the figure a page card shows (see
    :func:`build_choropleth`).
    """
    lang = lang or filters.lang
    frame = data_for(spec, filters, snapshot, lang) if frame is None else frame
    kind = spec.kind
    if kind == "choropleth" and view == "chart":
        kind = "bar"
    if kind == "choropleth":
        fig = build_choropleth(spec, filters, frame, snapshot, lang, on_page=on_page)
    else:
        fig = BUILDERS[kind](spec, filters, frame, snapshot, lang)
    if with_titles:
        add_titles(fig, spec, filters, snapshot, lang, frame)
    return fig


def add_titles(fig: go.Figure, spec: ChartSpec, f: Filters, snapshot: Any, lang: str,
               frame: pd.DataFrame | None = None) -> go.Figure:
    """Title, subtitle and source line inside the figure (exports)."""
    head = title(spec, f, snapshot, lang)
    if snapshot.illustrative:
        head += f" ({t('card.illustrative', lang)})"
    fig.update_layout(
        title=dict(text=f"<b>{head}</b><br><span style='font-size:13px;color:{MUTED}'>"
                        f"{subtitle(spec, f, snapshot, lang)}</span>", x=0.01, xanchor="left", y=0.98),
        margin=dict(t=90, b=70, l=10, r=10),
    )
    fig.add_annotation(text=_wrap(source_line(spec, f, snapshot, lang, frame), 120), showarrow=False, xref="paper",
                       yref="paper", x=0, y=-0.02, xanchor="left", yanchor="top", align="left",
                       font=dict(size=11, color=MUTED))
    return fig


def text_alternative(spec: ChartSpec, f: Filters, snapshot: Any, lang: str,
                     frame: pd.DataFrame | None = None) -> str:
    """One sentence summarising what the chart shows (screen readers, no-JS, exports)."""
    frame = data_for(spec, f, snapshot, lang) if frame is None else frame
    head = title(spec, f, snapshot, lang)

    data = frame[frame["value"].notna()] if len(frame) else frame
    if data.empty:
        return t("alt.empty", lang, title=head)
    if spec.kind == "choropleth":
        ff = spec.filters(f)
        total = len(geodata.feature_names(ff.effective_level, ff.province or None))
        top = data.sort_values("value", ascending=False).iloc[0]
        return t_count("alt.map", len(data), lang, title=head, n=number(len(data), lang), total=number(total, lang),
                       top=top["label"], value=top["value_text"])
    if spec.kind == "bar":
        top = data.sort_values("value", ascending=False).iloc[0]
        return t_count("alt.bar", len(data), lang, title=head, n=number(len(data), lang), top=top["label"],
                       value=top["value_text"])
    if spec.kind == "line":
        d = data.sort_values("x")
        return t_count("alt.line", len(d), lang, title=head, n=number(len(d), lang), first=d.iloc[0]["label"],
                       last=d.iloc[-1]["label"], value=d.iloc[-1]["value_text"])
    if spec.kind == "timeline":
        d = data.sort_values("x")
        return t_count("alt.timeline", len(d), lang, title=head, n=number(len(d), lang),
                       first=d.iloc[0]["date_text"], last=d.iloc[-1]["date_text"])
    if spec.kind == "kpi":
        items = "; ".join(f"{r['label']} {r['value_text']}" for _, r in data.head(4).iterrows())
        return t_count("alt.kpi", len(data), lang, n=number(len(data), lang), items=items)
    return t_count("alt.table", len(data), lang, title=head, n=number(len(data), lang))


# --- in-place updates (a filter change redraws the figure the page already shows) ----------

def _digest(obj: Any) -> str:
    import hashlib
    import json
    return hashlib.sha1(json.dumps(obj, sort_keys=True, default=str, separators=(",", ":")).encode()).hexdigest()[:16]


def figure_signature(fig: dict, *context: Any) -> str:
    """What must be equal for :func:`figure_update_ops` to turn one figure into another.

    ``fig`` is a plotly figure as a dict (``Figure.to_plotly_json()``). Two figures with the same
    signature have the same layout keys, height and template; ``context`` adds anything else the
    page draws around the figure (view, language, map or chart). The traces are not part of it:
    an update sends them whole (other boundaries, e.g. another level or province, are only another
    URL), and plotly.js redraws the graph it has. The height is, because the page sizes a chart's
    box from it (``chart_card._graph_body``) and an update changes only the figure, never the box.
    """
    layout = fig.get("layout") or {}
    keys = sorted(k for k in layout if k not in ALWAYS_SET)
    return _digest([keys, layout.get("height"), _digest(layout.get("template")), list(context)])


#: Layout keys an update always sets (empty when the figure has none: a chart without data says
#: so in an annotation, which the next figure with data must clear), so the signature leaves them out.
ALWAYS_SET = {"annotations": []}


def figure_update_ops(fig: dict) -> list[tuple[tuple, Any]]:
    """(path, value) assignments that turn any figure with the same :func:`figure_signature` into
    ``fig``: the traces whole, every layout key but the template (which stays where it is)."""
    layout = fig.get("layout") or {}
    ops: list[tuple[tuple, Any]] = [(("data",), list(fig.get("data") or []))]
    ops += [(("layout", k), v) for k, v in layout.items() if k != "template"]
    ops += [(("layout", k), empty) for k, empty in ALWAYS_SET.items() if k not in layout]
    return ops


def apply_update_ops(fig: dict, ops: list[tuple[tuple, Any]]) -> dict:
    """``fig`` with ``ops`` applied (what the browser does with the update); a new dict."""
    import copy
    out = copy.deepcopy(fig)
    for path, value in ops:
        node = out
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    return out

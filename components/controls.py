"""Labelled, keyboard-operable filter controls (the app's own Select, RadioItems and Input, components/widgets.py).

Every control's id is ``<page>-<field>`` and its options come from the
snapshot through ``data.filters.allowed`` so a control never offers a value
the URL parser would refuse.
"""

from __future__ import annotations

from typing import Any

from dash import html

from components import widgets
from components.i18n import t
from components.specs import indicator_name, partner_name, programme_name, scheme_name, theme_name
from data import filters as flt
from data.filters import ALL, Filters


def control_id(page: str, name: str) -> str:
    return f"{page}-{name}"


def options(name: str, snapshot: Any, lang: str, f: Filters | None = None) -> list[dict]:
    """The (label, value) options of a filter field for this snapshot."""
    if name == "province":
        from components import geodata
        return [{"label": t("opt.all_provinces", lang), "value": ""}] + [
            {"label": n, "value": c} for c, n in sorted(geodata.places("province"), key=lambda x: x[1])]
    values = flt.allowed(name, snapshot)
    out = []
    for v in values:
        out.append({"label": option_label(name, v, snapshot, lang), "value": v})
    if name == "partner" and f is not None and f.programme != ALL:
        partners = snapshot.tables["partners"]
        keep = set(partners.loc[partners["programme_id"] == f.programme, "partner_id"])
        out = [o for o in out if o["value"] == ALL or o["value"] in keep]
    if name == "theme" and f is not None and f.programme != ALL:
        themes = snapshot.tables["themes"]
        keep = set(themes.loc[themes["programme_id"] == f.programme, "theme_id"])
        out = [o for o in out if o["value"] == ALL or o["value"] in keep]
    if name in ("partner", "theme", "scheme", "programme"):
        head = [o for o in out if o["value"] == ALL]
        out = head + sorted([o for o in out if o["value"] != ALL], key=lambda o: o["label"].lower())
    return out


def option_label(name: str, v: str, snapshot: Any, lang: str) -> str:
    if v == ALL:
        return t("opt.all_periods", lang) if name == "period" else t("opt.all", lang)
    if name == "indicator":
        return indicator_name(snapshot, v, lang)
    if name == "programme":
        return programme_name(snapshot, v, lang)
    if name == "theme":
        return theme_name(snapshot, v, lang)
    if name == "partner":
        return partner_name(snapshot, v, lang)
    if name == "scheme":
        return scheme_name(snapshot, v, lang)
    if name == "level":
        return t(f"opt.{v}", lang)
    if name == "sex":
        return t(f"opt.{v}", lang)
    if name == "policy_level":
        return t(f"opt.level.{v}", lang)
    if name == "instrument":
        pol = snapshot.tables["policies"]
        hit = pol[pol["instrument"].str.lower() == v]
        return str(hit.iloc[0]["instrument"]) if len(hit) else v
    if name == "sort":
        return t(f"opt.sort.{v}", lang)
    if name == "tab":
        return t(f"card.tab.{v}", lang)
    return v


def select(page: str, name: str, f: Filters, snapshot: Any, lang: str, label_key: str | None = None) -> html.Div:
    cid = control_id(page, name)
    return html.Div(className="control", children=[
        html.Label(t(label_key or f"ctl.{name}", lang), htmlFor=cid, className="form-label"),
        widgets.Select(id=cid, options=options(name, snapshot, lang, f), value=getattr(f, name), name=name,
                       className="form-select"),
    ])


def radios(page: str, name: str, f: Filters, snapshot: Any, lang: str, label_key: str | None = None,
           values: tuple[str, ...] | None = None, value: str | None = None) -> html.Fieldset:
    """Radio buttons for a field; ``value`` overrides the shown value (e.g. the effective level)."""
    cid = control_id(page, name)
    opts = options(name, snapshot, lang, f)
    if values is not None:
        opts = [o for o in opts if o["value"] in values]
    return html.Fieldset(className="control control-radios", children=[
        html.Legend(t(label_key or f"ctl.{name}", lang), className="form-label"),
        widgets.RadioItems(id=cid, options=opts, value=getattr(f, name) if value is None else value, name=name,
                           inline=True, className="btn-group-radios", input_class_name="btn-check",
                           label_class_name="btn btn-outline", label_checked_class_name="active"),
    ])


def filter_panel(lang: str, children: list, open_: bool = False) -> html.Details:
    """Filters in a disclosure: open on wide screens (CSS), one tap away on phones."""
    return html.Details(className="filters", open=open_, children=[
        html.Summary(t("ctl.filters", lang), className="filters-summary"),
        html.Div(className="filters-body", children=children),
    ])


def labelled_text(page: str, name: str, value: str, lang: str) -> html.Div:
    cid = control_id(page, name)
    return html.Div(className="control", children=[
        html.Label(t(f"ctl.{name}", lang), htmlFor=cid, className="form-label"),
        widgets.Input(id=cid, type="search", value=value, placeholder=t("ctl.q_placeholder", lang), debounce=True,
                      maxLength=flt.MAX_Q, name=name, className="form-control"),
    ])

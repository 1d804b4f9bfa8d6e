"""The app's own form controls (components/widgets.py, assets/peta-widgets.js) and their server HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from dash import html
from dash.development.base_component import Component, ComponentRegistry

from components import controls, prerender, widgets
from data.filters import Filters

JS = Path(__file__).resolve().parents[2] / "assets" / "peta-widgets.js"
RADIO_CLASSES = dict(className="btn-group-radios", input_class_name="btn-check", label_class_name="btn btn-outline",
                     label_checked_class_name="active")
OPTS = [{"label": "Provinsi", "value": "province"}, {"label": "Kabupaten/kota", "value": "regency"}]


# --- the Python classes ----------------------------------------------------------------------------

@pytest.mark.parametrize("cls", [widgets.RadioItems, widgets.Select, widgets.Input])
def test_classes_look_like_generated_components(cls):
    assert issubclass(cls, Component)
    assert cls._namespace == widgets.NAMESPACE == "peta_widgets" and cls._type == cls.__name__
    assert cls._prop_names == cls.available_properties == widgets.PROPS[cls.__name__]
    assert cls._valid_wildcard_attributes == [] and cls._children_props == [] and cls._base_nodes == ["children"]
    assert "id" in cls._prop_names and "className" in cls._prop_names and "value" in cls._prop_names
    assert ComponentRegistry.namespace_to_package[widgets.NAMESPACE] == "components"
    assert ComponentRegistry.children_props[widgets.NAMESPACE][cls.__name__] == []


def test_props_the_app_uses_and_nothing_else():
    assert set(widgets.PROPS["RadioItems"]) == {"id", "options", "value", "name", "className", "inline",
                                                "input_class_name", "label_class_name", "label_checked_class_name"}
    assert set(widgets.PROPS["Select"]) == {"id", "options", "value", "name", "className"}
    assert set(widgets.PROPS["Input"]) == {"id", "type", "value", "placeholder", "debounce", "maxLength", "name",
                                           "className"}


def test_json_has_only_the_props_given():
    r = widgets.RadioItems(id="peta-level", options=OPTS, value="regency", inline=True, **RADIO_CLASSES)
    assert r.to_plotly_json() == {
        "type": "RadioItems", "namespace": "peta_widgets",
        "props": {"id": "peta-level", "options": OPTS, "value": "regency", "className": "btn-group-radios",
                  "inline": True, "input_class_name": "btn-check", "label_class_name": "btn btn-outline",
                  "label_checked_class_name": "active"}}
    assert widgets.Select("s", [{"label": "A", "value": "a"}], "a").to_plotly_json()["props"] == {
        "id": "s", "options": [{"label": "A", "value": "a"}], "value": "a"}
    assert widgets.Input(id="q", type="search", debounce=True, maxLength=80).to_plotly_json() == {
        "type": "Input", "namespace": "peta_widgets",
        "props": {"id": "q", "type": "search", "debounce": True, "maxLength": 80}}
    # what Dash sends to the browser
    from plotly.utils import PlotlyJSONEncoder
    sent = json.loads(json.dumps(html.Div(widgets.Select(id={"type": "t", "n": 1}, value="")), cls=PlotlyJSONEncoder))
    assert sent["props"]["children"] == {"type": "Select", "namespace": "peta_widgets",
                                         "props": {"id": {"type": "t", "n": 1}, "value": ""}}


@pytest.mark.parametrize("cls,kwargs", [
    (widgets.Select, {"placeholder": "x"}),  # dbc's Select had it; ours does not
    (widgets.RadioItems, {"switch": True}),
    (widgets.RadioItems, {"class_name": "x"}),
    (widgets.Input, {"n_submit": 1}),
    (widgets.Input, {"style": {"color": "red"}}),
    (widgets.Input, {"data-x": "1"}),  # no wildcard attributes either
])
def test_unknown_props_are_refused(cls, kwargs):
    with pytest.raises(TypeError, match="unexpected keyword argument") as err:
        cls(id="x", **kwargs)
    assert "Allowed arguments: " + ", ".join(sorted(widgets.PROPS[cls.__name__])) in str(err.value)


def test_component_checks_still_apply():
    with pytest.raises(TypeError, match="detected a Component"):
        widgets.Select(id="s", value=html.Span("x"))
    with pytest.raises(TypeError, match="dict id values"):
        widgets.Input(id={"a": [1]})
    with pytest.raises(TypeError):
        widgets.Input("a", "search", "v", "too many")  # placeholder and the rest are keyword-only


def test_stringify_id_is_dash_renderers():
    # dash-renderer's stringifyId: keys sorted, JSON values, no spaces
    assert widgets.stringify_id({"type": "card-tab", "chart": "tren"}) == '{"chart":"tren","type":"card-tab"}'
    assert widgets.stringify_id({"b": 1.0, "a": True, "c": "é"}) == '{"a":true,"b":1,"c":"é"}'
    assert widgets.stringify_id("peta-level") == "peta-level"


def test_the_javascript_lists_the_same_props_and_registers_the_namespace():
    text = JS.read_text(encoding="utf-8")
    block = re.search(r"var PROPS = \{(.*?)\};", text, re.S).group(1)
    js_props = {name: re.findall(r'"([^"]+)"', body) for name, body in re.findall(r"(\w+): \[([^\]]*)\]", block)}
    assert js_props == widgets.PROPS
    assert f"window.{widgets.NAMESPACE} = widgets" in text
    assert "Peta Inklusi" in text.splitlines()[0]  # the header says what it is
    assert len(text.encode()) < 8000
    assert "=>" not in text and "import " not in text  # plain script, no build step


def test_the_components_package_has_no_bundle_for_dash_to_load():
    import components
    assert not hasattr(components, "_js_dist") and not hasattr(components, "_css_dist")
    assert ComponentRegistry.get_resources("_js_dist", ["components"]) == []


# --- the controls -------------------------------------------------------------------------------------

def _find(node, typ):
    if getattr(node, "_type", None) == typ:
        return node
    kids = getattr(node, "children", None)
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        hit = _find(kid, typ)
        if hit is not None:
            return hit
    return None


def test_controls_use_the_widgets_with_labels(seed_snapshot):
    sel = controls.select("peta", "programme", Filters(programme="mampu"), seed_snapshot, "id")
    label, box = sel.children
    assert isinstance(label, html.Label) and label.htmlFor == "peta-programme" and label.className == "form-label"
    assert isinstance(box, widgets.Select) and box.id == "peta-programme" and box.value == "mampu"
    assert box.name == "programme"
    rad = controls.radios("peta", "level", Filters(), seed_snapshot, "id")
    assert isinstance(rad, html.Fieldset) and isinstance(rad.children[0], html.Legend)
    r = rad.children[1]
    assert isinstance(r, widgets.RadioItems) and r.name == "level" and r.value == "province" and r.inline is True
    text = controls.labelled_text("kebijakan", "q", "sukabumi", "en")
    label, box = text.children
    assert isinstance(label, html.Label) and label.htmlFor == "kebijakan-q"
    assert isinstance(box, widgets.Input) and (box.type, box.value, box.debounce, box.maxLength, box.name) == (
        "search", "sukabumi", True, 80, "q")


# --- the server HTML --------------------------------------------------------------------------------

def test_radios_server_html():
    out = prerender.to_html(widgets.RadioItems(id="peta-level", options=OPTS, value="regency", name="level",
                                               inline=True, **RADIO_CLASSES))
    assert out == (
        '<div id="peta-level" class="btn-group-radios">'
        '<div class="form-check form-check-inline"><input type="radio" id="peta-level-0" name="level" '
        'value="province" class="form-check-input btn-check"><label for="peta-level-0" '
        'class="form-check-label btn btn-outline">Provinsi</label></div>'
        '<div class="form-check form-check-inline"><input type="radio" id="peta-level-1" name="level" '
        'value="regency" checked class="form-check-input btn-check"><label for="peta-level-1" '
        'class="form-check-label btn btn-outline active">Kabupaten/kota</label></div></div>')


def test_radios_without_a_name_are_grouped_by_id_and_disabled_without_javascript():
    out = prerender.to_html(widgets.RadioItems(id={"type": "card-tab", "chart": "tren"}, value="chart",
                                               options=[{"label": "Grafik", "value": "chart"},
                                                        {"label": "A <b>", "value": 'x"y'}]))
    sid = "{&quot;chart&quot;:&quot;tren&quot;,&quot;type&quot;:&quot;card-tab&quot;}"
    assert out.startswith(f'<div id="{sid}"><div class="form-check"><input type="radio" id="{sid}-0" '
                          f'name="{sid}" value="chart" checked disabled class="form-check-input">'
                          f'<label for="{sid}-0" class="form-check-label">Grafik</label></div>')
    assert 'value="x&quot;y" disabled' in out and ">A &lt;b&gt;</label>" in out


def test_select_server_html():
    opts = [{"label": "Semua provinsi", "value": ""}, {"label": "Sulawesi Selatan", "value": "73"}]
    out = prerender.to_html(widgets.Select(id="peta-province", options=opts, value="73", name="province",
                                           className="form-select"))
    assert out == ('<select id="peta-province" name="province" class="form-select"><option value="">Semua provinsi'
                   '</option><option value="73" selected>Sulawesi Selatan</option></select>')
    assert '<option value="" selected>' in prerender.to_html(widgets.Select(id="s", options=opts, value=""))
    assert 'class="form-select big"' in prerender.to_html(widgets.Select(id="s", options=opts, className="big"))


def test_input_server_html():
    out = prerender.to_html(widgets.Input(id="kebijakan-q", type="search", value='a"<b', placeholder="judul…",
                                          debounce=True, maxLength=80, name="q", className="form-control"))
    assert out == ('<input id="kebijakan-q" type="search" name="q" value="a&quot;&lt;b" placeholder="judul…" '
                   'maxlength="80" class="form-control">')
    assert prerender.to_html(widgets.Input(id="x")) == '<input id="x" type="text" value="" class="form-control">'


def test_labels_keep_their_classes(seed_snapshot):
    out = prerender.to_html(controls.select("peta", "programme", Filters(), seed_snapshot, "id"))
    assert out.startswith('<div class="control"><label class="form-label" for="peta-programme">')
    from components import chart_card
    foot = prerender.to_html(chart_card.footer(chart_card.get_spec("tren"), Filters(), seed_snapshot))
    assert '<label class="visually-hidden form-label" for="embed-tren">' in foot
    assert '<label class="form-label" for="embed-tren-pinned">' in foot

"""The app's own form controls: RadioItems, Select and Input (instead of dash-bootstrap-components).

Hand-written Dash component classes, shaped like the ones Dash's generator writes, for the three
dbc components the filters used. Their browser side is ``assets/peta-widgets.js`` (a few KB,
``window.peta_widgets``); Dash loads every ``assets/*.js`` after React and before its renderer, so
the namespace exists before the first component is rendered. The package of these classes
(``components``) has no ``_js_dist``, so Dash never asks ``_dash-component-suites`` for a bundle.

They render the same DOM and classes as dbc 2.0.4 did (``form-check``, ``form-check-input``,
``form-check-label``, ``form-select``, ``form-control``, the label classes the caller passes), so
assets/peta.css and the server-rendered HTML (``components.prerender``) stay the same; the
differences: each radio group has a ``name`` (one tab stop, arrow keys move within it), option
inputs have ids of their own (``<id>-<index>``), and the select has no hidden empty placeholder
option (dbc's showed an empty select when the value was "", e.g. "all provinces").

Only the properties the app uses exist; any other keyword is refused (``TypeError``) by Dash's
``Component``, as for generated classes. :data:`PROPS` lists them per component; the JavaScript
file lists the same (a unit test compares the two).
"""

from __future__ import annotations

import json
import typing

from dash.development.base_component import Component, _explicitize_args

NAMESPACE = "peta_widgets"

#: Each component's properties, in the order ``to_plotly_json`` writes them.
PROPS: dict[str, list[str]] = {
    "RadioItems": ["id", "options", "value", "name", "className", "inline", "input_class_name",
                   "label_class_name", "label_checked_class_name"],
    "Select": ["id", "options", "value", "name", "className"],
    "Input": ["id", "type", "value", "placeholder", "debounce", "maxLength", "name", "className"],
}

Option = typing.TypedDict("Option", {"label": typing.Union[str, int, float], "value": typing.Union[str, int, float]})
IdType = typing.Optional[typing.Union[str, dict]]


def stringify_id(cid: typing.Any) -> str:
    """A component id as Dash's renderer passes it to the component (and writes it into the DOM):
    a string as is, a dict as JSON with sorted keys and no spaces (``stringifyId`` in dash-renderer)."""
    def js(v: typing.Any) -> str:  # JSON.stringify: 1.0 is "1", text is not \u-escaped
        v = int(v) if isinstance(v, float) and v.is_integer() else v
        return json.dumps(v, ensure_ascii=False)
    if isinstance(cid, dict):
        return "{" + ",".join(f"{js(k)}:{js(cid[k])}" for k in sorted(cid)) + "}"
    return "" if cid is None else str(cid)


def _explicit_props(kwargs: dict, loc: dict) -> dict:
    """The properties of a call: only the arguments the caller wrote (None stays unset), like
    generated code; an unknown keyword goes through to ``Component.__init__``, which refuses it and
    names the allowed ones."""
    explicit = kwargs.pop("_explicit_args")
    loc = {k: v for k, v in loc.items() if k not in ("self", "kwargs")}
    loc.update(kwargs)
    return {k: loc[k] for k in explicit}


class RadioItems(Component):
    """Radio buttons, one per option, in a ``div`` (the caller puts them in a fieldset with a legend).

    Keyword arguments:

    - id (string | dict): the component's id; each option's input is ``<id>-<index>``.
    - options (list of {label, value}): the choices.
    - value (string | number): the chosen value; set by the browser on change.
    - name (string): the radio group's name (default: the id), also the field of a no-JS GET form.
    - className (string): classes of the container.
    - inline (boolean): adds ``form-check-inline`` to each option.
    - input_class_name, label_class_name (string): classes added to every input and label.
    - label_checked_class_name (string): classes added to the checked option's label.
    """

    _children_props: typing.List[str] = []
    _base_nodes = ["children"]
    _namespace = NAMESPACE
    _valid_wildcard_attributes: typing.List[str] = []
    available_wildcard_properties: typing.List[str] = []
    _type = "RadioItems"
    _prop_names = PROPS["RadioItems"]
    available_properties = PROPS["RadioItems"]

    def __init__(
        self,
        id: IdType = None,
        options: typing.Optional[typing.Sequence[Option]] = None,
        value: typing.Optional[typing.Union[str, int, float]] = None,
        *,
        name: typing.Optional[str] = None,
        className: typing.Optional[str] = None,
        inline: typing.Optional[bool] = None,
        input_class_name: typing.Optional[str] = None,
        label_class_name: typing.Optional[str] = None,
        label_checked_class_name: typing.Optional[str] = None,
        **kwargs,
    ):
        Component.__init__(self, **_explicit_props(kwargs, locals()))


class Select(Component):
    """A ``select`` with class ``form-select``.

    Keyword arguments:

    - id (string | dict), options (list of {label, value}), value (string: set by the browser on change),
      name (string: the field of a no-JS GET form), className (string, added to ``form-select``).
    """

    _children_props: typing.List[str] = []
    _base_nodes = ["children"]
    _namespace = NAMESPACE
    _valid_wildcard_attributes: typing.List[str] = []
    available_wildcard_properties: typing.List[str] = []
    _type = "Select"
    _prop_names = PROPS["Select"]
    available_properties = PROPS["Select"]

    def __init__(
        self,
        id: IdType = None,
        options: typing.Optional[typing.Sequence[Option]] = None,
        value: typing.Optional[typing.Union[str, int, float]] = None,
        *,
        name: typing.Optional[str] = None,
        className: typing.Optional[str] = None,
        **kwargs,
    ):
        Component.__init__(self, **_explicit_props(kwargs, locals()))


class Input(Component):
    """An ``input`` with class ``form-control`` (text or search).

    Keyword arguments:

    - id (string | dict), type ("text" or "search"), value (string), placeholder (string),
      name (string: the field of a no-JS GET form), className (string, added to ``form-control``).
    - debounce (boolean): True sets ``value`` on Enter or when the field loses focus; otherwise on
      every keystroke.
    - maxLength (number): the most characters the field takes (and sends).
    """

    _children_props: typing.List[str] = []
    _base_nodes = ["children"]
    _namespace = NAMESPACE
    _valid_wildcard_attributes: typing.List[str] = []
    available_wildcard_properties: typing.List[str] = []
    _type = "Input"
    _prop_names = PROPS["Input"]
    available_properties = PROPS["Input"]

    def __init__(
        self,
        id: IdType = None,
        type: typing.Optional[typing.Literal["text", "search"]] = None,
        value: typing.Optional[str] = None,
        *,
        placeholder: typing.Optional[str] = None,
        debounce: typing.Optional[bool] = None,
        maxLength: typing.Optional[int] = None,
        name: typing.Optional[str] = None,
        className: typing.Optional[str] = None,
        **kwargs,
    ):
        Component.__init__(self, **_explicit_props(kwargs, locals()))


for _cls in (RadioItems, Select, Input):
    setattr(_cls, "__init__", _explicitize_args(_cls.__init__))

__all__ = ["NAMESPACE", "PROPS", "RadioItems", "Select", "Input", "stringify_id"]

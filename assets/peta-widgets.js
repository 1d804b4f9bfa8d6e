/* Peta Inklusi: the browser side of components/widgets.py (window.peta_widgets), the app's own
 * form controls instead of dash-bootstrap-components (whose bundle was 228 KB, 54 KB brotli).
 * Plain ES2016 without a build step (React.createElement, no JSX). Dash loads assets/*.js after
 * React and before its renderer, so the namespace exists before the first component renders.
 *
 * The DOM and classes are those dbc 2.0.4 rendered (assets/peta.css styles them), and
 * components/prerender.py writes the same HTML on the server:
 * - RadioItems: <div id class> holding, per option, <div class="form-check [form-check-inline]">
 *   with <input type="radio" id="<id>-<i>" name value class="form-check-input ..."> and
 *   <label for class="form-check-label ... [label_checked_class_name]">. The radios share a name
 *   (default: the id), so they are one group: one tab stop, arrow keys move the choice.
 * - Select: <select id name class="form-select ..."> of <option value>.
 * - Input: <input id type name placeholder maxlength class="... form-control">. With debounce the
 *   value is sent on Enter or when the field loses focus, otherwise on every keystroke.
 * Each sends {value} through Dash's setProps when the user changes it.
 */
(function () {
  "use strict";
  // The properties of each component: the same lists as PROPS in components/widgets.py (a test
  // compares them). With dev tools on, Dash checks callbacks' properties against them.
  var PROPS = {
    RadioItems: ["id", "options", "value", "name", "className", "inline", "input_class_name",
                 "label_class_name", "label_checked_class_name"],
    Select: ["id", "options", "value", "name", "className"],
    Input: ["id", "type", "value", "placeholder", "debounce", "maxLength", "name", "className"]
  };

  function h() {
    var React = window.React;
    return React.createElement.apply(React, arguments);
  }
  // Class names, each once, in the order given (undefined when none).
  function cx() {
    var out = [];
    for (var i = 0; i < arguments.length; i++) {
      String(arguments[i] || "").split(/\s+/).forEach(function (c) {
        if (c && out.indexOf(c) < 0) { out.push(c); }
      });
    }
    return out.length ? out.join(" ") : undefined;
  }
  // Whether a callback is updating this component (Dash marks it, as its own components do).
  function useLoading() {
    var api = window.dash_component_api;
    var ctx = api && api.useDashContext ? api.useDashContext() : null;
    return ctx && ctx.useLoading ? ctx.useLoading() || undefined : undefined;
  }
  function send(props, value) {
    if (props.setProps && value !== props.value) { props.setProps({value: value}); }
  }

  function RadioItems(props) {
    var loading = useLoading();
    var id = props.id, name = props.name || id;
    var items = (props.options || []).map(function (o, i) {
      var checked = o.value === props.value, inputId = id + "-" + i;
      return h("div", {key: String(o.value), className: cx("form-check", props.inline && "form-check-inline")},
        h("input", {type: "radio", id: inputId, name: name, value: o.value, checked: checked,
                    className: cx("form-check-input", props.input_class_name),
                    onChange: function () { send(props, o.value); }}),
        h("label", {htmlFor: inputId,
                    className: cx("form-check-label", props.label_class_name,
                                  checked && props.label_checked_class_name)}, o.label));
    });
    return h("div", {id: id, className: cx(props.className), "data-dash-is-loading": loading}, items);
  }

  function Select(props) {
    var loading = useLoading();
    return h("select", {id: props.id, name: props.name, className: cx("form-select", props.className),
                        value: props.value === null || props.value === undefined ? "" : props.value,
                        onChange: function (e) { send(props, e.target.value); },
                        "data-dash-is-loading": loading},
      (props.options || []).map(function (o) {
        return h("option", {key: String(o.value), value: o.value}, o.label);
      }));
  }

  function Input(props) {
    var React = window.React;
    var loading = useLoading();
    var outer = props.value === null || props.value === undefined ? "" : String(props.value);
    var state = React.useState(outer), text = state[0], setText = state[1];
    React.useEffect(function () { setText(outer); }, [outer]);  // a new value from a callback
    function commit(v) {
      v = props.maxLength > 0 ? v.slice(0, props.maxLength) : v;
      if (props.setProps && v !== outer) { props.setProps({value: v}); }
    }
    return h("input", {
      id: props.id, type: props.type || "text", name: props.name, value: text, placeholder: props.placeholder,
      maxLength: props.maxLength, className: cx(props.className, "form-control"), "data-dash-is-loading": loading,
      onChange: function (e) {
        setText(e.target.value);
        if (!props.debounce) { commit(e.target.value); }
      },
      onKeyDown: function (e) {
        // Enter sends the text (not while an input method is composing a character).
        if (props.debounce && e.key === "Enter" && !e.nativeEvent.isComposing) { commit(e.target.value); }
      },
      onBlur: function (e) {
        if (props.debounce) { commit(e.target.value); }
      }
    });
  }

  var widgets = {RadioItems: RadioItems, Select: Select, Input: Input};
  Object.keys(widgets).forEach(function (name) {
    var types = window.PropTypes ? {} : undefined;
    PROPS[name].forEach(function (p) { if (types) { types[p] = window.PropTypes.any; } });
    widgets[name].propTypes = types;
  });
  window.peta_widgets = widgets;
})();

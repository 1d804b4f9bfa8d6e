/*!
 * plotly-loader.js (Peta Inklusi, components/perf.py; MIT). Loads the custom
 * plotly.js bundle WITHOUT blocking Dash's renderer.
 *
 * dcc.Graph resolves `window.Plotly || <load Dash's full plotly.min.js>` once,
 * when the first graph mounts. Here window.Plotly is first a thenable
 * placeholder, so the graph waits for our bundle (never the full one), while
 * React, the layout and the first callbacks go ahead as the bundle downloads.
 * The bundle's own `var Plotly = ...` then replaces the placeholder.
 */
(function () {
  'use strict';
  var me = document.currentScript;
  var src = me && me.getAttribute('data-plotly-src');
  if (!src || window.Plotly) return;
  var state = 0, failure = null, waiting = [];
  var placeholder = {
    then: function (resolve, reject) {
      if (state === 1) resolve(window.Plotly);
      else if (state === 2) reject(failure);
      else waiting.push([resolve, reject]);
    }
  };
  window.Plotly = placeholder;
  var s = document.createElement('script');
  s.src = src;
  s.async = true;
  s.onload = function () {
    state = window.Plotly !== placeholder ? 1 : 2;
    failure = state === 2 ? new Error('plotly.js bundle did not define Plotly') : null;
    waiting.splice(0).forEach(function (w) { w[state - 1](state === 1 ? window.Plotly : failure); });
  };
  s.onerror = function () {
    state = 2;
    failure = new Error('plotly.js bundle failed to load: ' + src);
    if (window.Plotly === placeholder) window.Plotly = undefined;
    waiting.splice(0).forEach(function (w) { w[1](failure); });
  };
  (document.head || document.documentElement).appendChild(s);
})();

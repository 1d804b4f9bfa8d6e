/*!
 * plotly-loader.js (Peta Inklusi, components/perf.py; MIT). Loads the custom
 * plotly.js bundle WITHOUT blocking Dash's renderer.
 *
 * dcc.Graph resolves `window.Plotly || <load Dash's full plotly.min.js>` once,
 * when the first graph mounts. Here window.Plotly is first a thenable
 * placeholder, so the graph waits for our bundle (never the full one), while
 * React, the layout and the first callbacks go ahead as the bundle downloads.
 * The bundle's own `var Plotly = ...` then replaces the placeholder.
 *
 * It also fetches the boundaries the page's maps will ask for (named by the
 * server in <meta name="peta-geojson">) into plotly's own GeoJSON cache
 * (window.PlotlyGeoAssets, which plotly reads before fetching a URL), so the
 * first map does not wait for one more round trip after it mounts. If plotly
 * gets there first, it fetches the file itself, as it would anyway.
 */
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="peta-geojson"]');
  if (!meta || !window.fetch) return;
  var assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
  meta.getAttribute('content').split(' ').forEach(function (url) {
    if (!url || assets[url]) return;
    fetch(url, {credentials: 'same-origin'})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (json) { if (json && !assets[url]) assets[url] = json; })
      .catch(function () { /* plotly fetches it itself */ });
  });
})();
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

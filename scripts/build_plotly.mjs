// Build assets/vendor/plotly-custom.min.js: plotly.js with only the trace types
// Peta Inklusi draws, plus the local topojson stubs plotly's geo subplot asks
// for. Reproducible: every input is pinned by package.json + package-lock.json
// (`npm ci` installs exactly those), and the output records the versions and
// the lock file's sha256 so a test can tell when the committed file is stale.
//
//   bash scripts/build_plotly.sh          # npm ci + this script
//   node scripts/build_plotly.mjs         # when node_modules/ is already installed
//   node scripts/build_plotly.mjs --out DIR   # write into DIR instead of assets/vendor
//                                              (tests rebuild and compare byte for byte)
//
// Why these traces: components/figures.py builds choropleth maps (geo subplot,
// go.Choropleth with our own GeoJSON), bar charts and line/dot charts
// (go.Scatter, always part of plotly.js core). Add a trace here only when a
// figure builder starts using it, then rebuild and commit the output. The same
// holds for COMPONENTS and STUBS below.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const esbuild = require('esbuild');
const acorn = require('acorn');

export const TRACES = ['scatter', 'bar', 'choropleth'];
// The components plotly.js's src/core.js registers, minus those no figure here
// uses and nothing else in the bundle requires: annotations3d (3-D scenes),
// images, updatemenus, sliders, rangeslider and rangeselector. Without them a
// layout's `images`, `updatemenus`, `sliders`, `xaxis.rangeslider` or
// `xaxis.rangeselector` is ignored; tests/unit/test_perf.py checks that no
// figure builder sets one. Same order as src/core.js (legend after shapes, fx
// after legend). shapes and selections stay: other code requires them anyway
// and the legend reads fullLayout.shapes.
export const COMPONENTS = ['annotations', 'selections', 'shapes', 'grid', 'errorbars', 'colorscale',
  'colorbar', 'legend', 'fx', 'modebar'];
// npm modules replaced by small stand-ins:
// - country-iso-search (67 KB): country names -> ISO-3 for locationmode "country names";
//   our maps use their own GeoJSON (locationmode "geojson-id"), so no name is ever looked up.
// - d3-geo-projection (71 KB): the extra projections; geo.js takes geoMercator (ours) and the
//   other standard ones from d3-geo first (`geo[projName] || geoProjection[projName]`).
const STUBS = {
  'country-iso-search': 'exports.COUNTRIES = []; exports.createLookup = function () { return { lookupAlpha3: function () {} }; };',
  'd3-geo-projection': 'module.exports = {};',
};
const outArg = process.argv.indexOf('--out');
const OUT_DIR = outArg > 0 ? process.argv[outArg + 1] : join(root, 'assets', 'vendor');
const OUT = join(OUT_DIR, 'plotly-custom.min.js');
const TOPO_DIR = join(OUT_DIR, 'topojson');

const plotlyPkg = JSON.parse(readFileSync(join(root, 'node_modules', 'plotly.js', 'package.json'), 'utf8'));
const lockSha = createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');

// plotly.js's src/core.js, line for line, except that it registers COMPONENTS
// instead of all of them; then the traces, exactly as plotly.js's own
// lib/index-*.js partial bundles do (core registers scatter itself).
const S = 'plotly.js/src/';
const entry = [
  "'use strict';",
  `exports.version = require('${S}version').version;`,
  "require('native-promise-only');",
  "require('plotly.js/build/plotcss');",
  `var Registry = require('${S}registry');`,
  'var register = exports.register = Registry.register;',
  `var plotApi = require('${S}plot_api');`,
  'var methodNames = Object.keys(plotApi);',
  'for (var i = 0; i < methodNames.length; i++) {',
  '  var name = methodNames[i];',
  "  if (name.charAt(0) !== '_') exports[name] = plotApi[name];",
  "  register({ moduleType: 'apiMethod', name: name, fn: plotApi[name] });",
  '}',
  `register(require('${S}traces/scatter'));`,
  'register([',
  ...COMPONENTS.map((c) => `  require('${S}components/${c}'),`),
  ']);',
  `register([require('${S}locale-en'), require('${S}locale-en-us')]);`,
  'if (window.PlotlyLocales && Array.isArray(window.PlotlyLocales)) {',
  '  register(window.PlotlyLocales);',
  '  delete window.PlotlyLocales;',
  '}',
  `exports.Icons = require('${S}fonts/ploticon');`,
  `var Fx = require('${S}components/fx');`,
  `var Plots = require('${S}plots/plots');`,
  'exports.Plots = { resize: Plots.resize, graphJson: Plots.graphJson, sendDataToCloud: Plots.sendDataToCloud };',
  'exports.Fx = { hover: Fx.hover, unhover: Fx.unhover, loneHover: Fx.loneHover, loneUnhover: Fx.loneUnhover };',
  `exports.Snapshot = require('${S}snapshot');`,
  `exports.PlotSchema = require('${S}plot_api/plot_schema');`,
  'register([',
  ...TRACES.filter((t) => t !== 'scatter').map((t) => `  require('plotly.js/lib/${t}'),`),
  ']);',
].join('\n');

// plotly.js's registry.js requires maplibre-gl's CSS for the 'map' subplot
// (choroplethmap, scattermap...). We register no map trace, so that branch
// never runs; plotly.js's own build inlines the CSS with a plugin, we resolve
// it to an empty module instead of pulling ~70 KB of unused styles.
const skipMapCss = {
  name: 'skip-maplibre-css',
  setup(build) {
    build.onResolve({ filter: /^maplibre-gl\/dist\/maplibre-gl\.css$/ }, (args) => ({ path: args.path, namespace: 'skipped-css' }));
    build.onLoad({ filter: /.*/, namespace: 'skipped-css' }, () => ({ contents: '', loader: 'js' }));
  },
};

const stubModules = {
  name: 'stub-modules',
  setup(build) {
    const names = Object.keys(STUBS).map((n) => n.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&'));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'stub' }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: STUBS[args.path], loader: 'js' }));
  },
};

// Attribute descriptions (about 130 KB of prose) serve only Plotly.PlotSchema's
// documentation; plotly.js's own dist bundles strip them the same way. Parsed
// with acorn, so only real `description:` properties of object literals go.
let stripped = 0;
const stripDescriptions = {
  name: 'strip-descriptions',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]plotly\.js[\\/]src[\\/].*\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      if (!src.includes('description')) return undefined;
      const cuts = [];
      const walk = (node) => {
        if (!node || typeof node.type !== 'string') return;
        if (node.type === 'ObjectExpression') {
          node.properties.forEach((p, i) => {
            const key = p.type === 'Property' && !p.computed && (p.key.name || p.key.value);
            if (key !== 'description') return;
            const props = node.properties;
            if (i + 1 < props.length) cuts.push([p.start, props[i + 1].start]); // with its comma
            else if (i > 0) cuts.push([props[i - 1].end, p.end]); // the comma before it
            else cuts.push([p.start, node.end - 1]); // the only property
          });
        }
        for (const k of Object.keys(node)) {
          const v = node[k];
          if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v.type === 'string') walk(v);
        }
      };
      walk(acorn.parse(src, { ecmaVersion: 2020, sourceType: 'script' }));
      if (!cuts.length) return undefined;
      let out = src;
      for (const [a, b] of cuts.sort((x, y) => y[0] - x[0])) out = out.slice(0, a) + out.slice(b);
      stripped += cuts.length;
      return { contents: out, loader: 'js' };
    });
  },
};

// Same esbuild options as plotly.js's own esbuild-config.js (iife with global
// `Plotly`, window as global, no AMD, es2016), minified like its dist bundles.
const result = await esbuild.build({
  stdin: { contents: entry, resolveDir: root, sourcefile: 'plotly-custom-entry.js', loader: 'js' },
  bundle: true,
  format: 'iife',
  globalName: 'Plotly',
  minify: true,
  legalComments: 'none',
  sourcemap: false,
  target: 'es2016',
  alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
  define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
  plugins: [skipMapCss, stubModules, stripDescriptions],
  write: false,
  logLevel: 'warning',
});

const header = `/*!
 * plotly-custom.min.js: GENERATED FILE, do not edit by hand.
 * plotly.js v${plotlyPkg.version} (traces: ${TRACES.join(', ')}; components: ${COMPONENTS.join(', ')};
 * without: ${Object.keys(STUBS).join(', ')}, attribute descriptions), bundled by esbuild ${esbuild.version}
 * from the npm packages pinned in package.json / package-lock.json (sha256 ${lockSha}).
 * Rebuild: bash scripts/build_plotly.sh (npm ci + node scripts/build_plotly.mjs).
 * plotly.js: Copyright 2012-2026, Plotly, Inc. Licensed under the MIT license.
 * Bundled dependencies are MIT/BSD/ISC licensed; see node_modules/<name>/LICENSE.
 */
`;
// plotly's geo subplot always fetches <topojsonURL>/<scope>_<resolution>m.json
// (plotly.js src/plots/geo/geo.js), even when every trace brings its own
// GeoJSON. We never fetch from a CDN at run time, so serve a valid, EMPTY
// topojson per scope/resolution: base layers (land, coastlines, ...) draw
// nothing and the map shows only our own boundaries.
const geoConstants = require('plotly.js/src/plots/geo/constants.js');
const layers = [...Object.keys(geoConstants.fillLayers), ...Object.keys(geoConstants.lineLayers)].filter((l) => l !== 'frame');
mkdirSync(TOPO_DIR, { recursive: true });
const names = [];
for (const scope of Object.keys(geoConstants.scopeDefaults)) {
  for (const res of [110, 50]) {
    const name = `${scope.replace(/ /g, '-')}_${res}m`;
    const objects = Object.fromEntries(layers.map((l) => [l, { type: 'GeometryCollection', geometries: [] }]));
    const topo = {
      type: 'Topology',
      generated: `GENERATED by scripts/build_plotly.mjs for plotly.js v${plotlyPkg.version}: an empty stand-in for plotly's ${name}.json so no map asks a CDN; base layers are intentionally empty`,
      objects,
      arcs: [],
    };
    writeFileSync(join(TOPO_DIR, `${name}.json`), JSON.stringify(topo) + '\n');
    names.push(name);
  }
}


// The same empty topojson, registered in the bundle itself: plotly looks in
// window.PlotlyGeoAssets.topojson before fetching, so a map needs no extra
// round trip (about 0.6 s on Fast 3G). The files above stay for Dash's full
// plotly.js (PETA_OPTIMIZE=false) and anything that asks by URL.
const footer = `
;(function(){var g=window.PlotlyGeoAssets=window.PlotlyGeoAssets||{topojson:{}};g.topojson=g.topojson||{};` +
  `var L=${JSON.stringify(layers)};function t(){var o={};for(var i=0;i<L.length;i++)o[L[i]]={type:"GeometryCollection",geometries:[]};` +
  `return{type:"Topology",objects:o,arcs:[]}}var N=${JSON.stringify(names)};` +
  `for(var j=0;j<N.length;j++)if(!g.topojson[N[j]])g.topojson[N[j]]=t()})();
`;
mkdirSync(dirname(OUT), { recursive: true });
const bundle = Buffer.from(header + result.outputFiles[0].text + footer, 'utf8');
writeFileSync(OUT, bundle);
// Pre-compressed siblings, served as they are to browsers that accept them
// (components/perf.py checks they decompress to the .js before using them).
writeFileSync(OUT + '.br', zlib.brotliCompressSync(bundle, {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bundle.length },
}));
writeFileSync(OUT + '.gz', zlib.gzipSync(bundle, { level: 9 }));

console.log(`wrote ${OUT} (${bundle.length} bytes, plotly.js ${plotlyPkg.version}, ${stripped} descriptions stripped), .br/.gz and ${names.length} topojson stubs`);

// assets/vendor/dash-runtime.min.js: what Dash's 29 KB @babel/polyfill gives a current browser
// that it lacks: only the global regeneratorRuntime, which dash-renderer and dcc call
// when they load a component lazily (dcc.Graph). components/perf.py puts this file where
// Dash's polyfill script was; for a browser without the modern built-ins Dash's code uses, it
// still writes Dash's own polyfill in (its URL comes in the script's data-legacy-polyfill).
// (Dash also needs built-ins that polyfill lacks, e.g. Object.fromEntries: Chrome 73+.)
const regeneratorPkg = JSON.parse(readFileSync(join(root, 'node_modules', 'regenerator-runtime', 'package.json'), 'utf8'));
const runtimeEntry = [
  "require('regenerator-runtime/runtime.js');",
  '(function () {',
  '  var me = document.currentScript;',
  "  var legacy = me && me.getAttribute('data-legacy-polyfill');",
  // what @babel/polyfill 7 (core-js 2) adds and Dash's code uses; Dash needs others natively anyway
  '  var modern = typeof Symbol === "function" && typeof Promise === "function" &&',
  '    typeof Promise.prototype.finally === "function" && typeof Object.assign === "function" &&',
  '    typeof Object.entries === "function" && typeof Object.values === "function" &&',
  '    typeof Array.from === "function" && typeof Array.prototype.includes === "function" &&',
  '    typeof String.prototype.padStart === "function" && typeof String.prototype.includes === "function";',
  "  if (legacy && !modern) document.write('<script src=\"' + legacy + '\"><\\/script>');",
  '})();',
].join('\n');
const runtime = await esbuild.build({
  stdin: { contents: runtimeEntry, resolveDir: root, sourcefile: 'dash-runtime-entry.js', loader: 'js' },
  bundle: true, format: 'iife', minify: true, legalComments: 'none', sourcemap: false, target: 'es2016',
  write: false, logLevel: 'warning',
});
const RUNTIME_OUT = join(OUT_DIR, 'dash-runtime.min.js');
writeFileSync(RUNTIME_OUT, `/*!
 * dash-runtime.min.js: GENERATED FILE, do not edit by hand (scripts/build_plotly.mjs).
 * regenerator-runtime v${regeneratorPkg.version} (MIT, Copyright (c) 2014-present, Facebook, Inc.)
 * plus a check that loads Dash's own polyfill only in browsers without the modern built-ins.
 * Bundled by esbuild ${esbuild.version} from package-lock.json (sha256 ${lockSha}).
 */
` + runtime.outputFiles[0].text);
console.log(`wrote ${RUNTIME_OUT}`);

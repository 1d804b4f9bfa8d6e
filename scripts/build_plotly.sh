#!/usr/bin/env bash
# Rebuild assets/vendor/plotly-custom.min.js (plotly.js with only the traces the
# dashboard draws) and the topojson stubs in assets/vendor/topojson/ from the npm
# packages pinned in package-lock.json. Needs node + npm (Debian: nodejs npm).
# The output is committed, so running the app never needs node.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --ignore-scripts
node scripts/build_plotly.mjs

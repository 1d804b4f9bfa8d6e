#!/usr/bin/env bash
# Install everything (Debian Chromium included), then run the whole test suite:
# unit, integration (Flask test client, CLI) and browser tests (Playwright +
# Debian Chromium + axe-core).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"

#!/usr/bin/env bash
# Install everything, then serve the dashboard in production mode (gunicorn,
# 2 sync workers) on http://${PETA_HOST:-127.0.0.1}:${PETA_PORT:-8050}/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/gunicorn -c gunicorn.conf.py --workers "${PETA_WORKERS:-2}" --worker-class sync \
  --bind "${PETA_HOST:-127.0.0.1}:${PETA_PORT:-8050}" app:server

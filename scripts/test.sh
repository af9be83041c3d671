#!/usr/bin/env bash
# Install (idempotent), start a loopback PostgreSQL for the store tests, run ruff and the suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export TRANSLATOR_TEST_POSTGRES_URL="${TRANSLATOR_TEST_POSTGRES_URL:-$(bash scripts/postgres.sh)}"
export TRANSLATOR_TEST_CHROMIUM="${TRANSLATOR_TEST_CHROMIUM:-$(bash scripts/browser.sh)}"
.venv/bin/python -m ruff check .
.venv/bin/python -m pytest "$@"

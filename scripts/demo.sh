#!/usr/bin/env bash
# The main job on a fresh machine: install, get a uk->en model (already installed, else the
# .argosmodel named by $TRANSLATOR_MODEL, else the Argos index), translate a shipped article.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/translator models ensure uk en
.venv/bin/translator translate "${1:-examples/parliament.uk.txt}" --to en

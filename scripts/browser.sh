#!/usr/bin/env bash
# Debian's Chromium for the browser tests (idempotent, quiet): installs the package if
# /usr/bin/chromium is missing and prints its path for TRANSLATOR_TEST_CHROMIUM:
#
#   export TRANSLATOR_TEST_CHROMIUM="$(bash scripts/browser.sh)"
#
# Playwright's own browser download cannot work offline; the tests launch this one instead.
set -euo pipefail
CHROMIUM=/usr/bin/chromium

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x "$CHROMIUM" ]; then
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi
echo "$CHROMIUM"

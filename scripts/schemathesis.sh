#!/usr/bin/env bash
# Fuzz the live HTTP API with schemathesis, from its own /openapi.json, on loopback only.
#
#   bash scripts/schemathesis.sh                                      # SQLite
#   bash scripts/schemathesis.sh --postgres "$(bash scripts/postgres.sh)"  # PostgreSQL
#
# A temporary TRANSLATOR_HOME gets the uk->en copy model; `translator serve` starts on a free
# port (with --postgres: over a new database on that server, dropped afterwards), and one
# article is stored. Then two bounded runs:
#   1. the /v1/articles/{article}/... operations (not DELETE) on the stored article, so that
#      fuzzing reaches past the 404 of a random slug;
#   2. every operation, generated inputs everywhere (its DELETEs may remove the article).
# Exits non-zero if either run fails. Settings (environment):
#   ST_MAX_EXAMPLES  test cases per operation and phase (default 50)
#   ST_CHECKS        schemathesis --checks (default all)
#   ST_EXCLUDE       schemathesis --exclude-checks (default positive_data_acceptance: the API
#                    rightly refuses some schema-valid input, e.g. an undetectable language)
#   ST_SEED          the random seed (default 1, so that a run can be repeated)
# Extra arguments after the options go to both schemathesis runs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
bash scripts/install.sh
PY=.venv/bin/python
POSTGRES=""
if [ "${1:-}" = "--postgres" ]; then
    POSTGRES="$2"
    shift 2
fi
MAX_EXAMPLES="${ST_MAX_EXAMPLES:-50}"
CHECKS="${ST_CHECKS:-all}"
EXCLUDE="${ST_EXCLUDE:-positive_data_acceptance}"
SEED="${ST_SEED:-1}"

WORK="$(mktemp -d)"
export TRANSLATOR_HOME="$WORK/home"
unset TRANSLATOR_DATABASE_URL
SERVER_PID=""
DB_NAME=""

# Create (create) or drop (drop) database $DB_NAME on the $POSTGRES server; create prints its URL.
pg_database() {
    "$PY" - "$1" "$POSTGRES" "$DB_NAME" <<'EOF'
import sys

import sqlalchemy as sa

from translator.store.db import normalise_url

action, server, name = sys.argv[1:]
url = sa.make_url(normalise_url(server))
engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
with engine.connect() as connection:
    if action == "create":
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        print(url.set(database=name).render_as_string(hide_password=False))
    else:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
engine.dispose()
EOF
}

cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ -n "$DB_NAME" ]; then
        pg_database drop || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

if [ -n "$POSTGRES" ]; then
    DB_NAME="st_$(date +%s)_$$"
    TRANSLATOR_DATABASE_URL="$(pg_database create)"
    export TRANSLATOR_DATABASE_URL
fi

.venv/bin/translator models install tests/fixtures/uk_en_copy.argosmodel >/dev/null
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
.venv/bin/translator serve --host 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

# Wait for the schema (at most 60 s), then store one article; print its slug.
SLUG="$("$PY" - "$BASE" <<'EOF'
import sys
import time
from pathlib import Path

import httpx

base = sys.argv[1]
deadline = time.monotonic() + 60
while True:
    try:
        httpx.get(f"{base}/openapi.json", timeout=2).raise_for_status()
        break
    except httpx.HTTPError:
        if time.monotonic() > deadline:
            sys.exit("the server did not start")
        time.sleep(0.2)
text = Path("examples/parliament.uk.txt").read_text(encoding="utf-8")
title, body = text.split("\n", 1)
reply = httpx.post(
    f"{base}/v1/articles",
    json={"title": title, "body": body.strip(), "targets": ["en"]},
    timeout=60,
)
reply.raise_for_status()
print(reply.json()["slug"])
EOF
)"
echo "server at $BASE (${TRANSLATOR_DATABASE_URL:-SQLite}); stored article $SLUG" >&2

cat >"$WORK/stored.toml" <<EOF
[parameters]
"path.article" = "$SLUG"
"path.lang" = "en"
"path.position" = 0
"query.lang" = "en"
EOF

# Run schemathesis from $WORK, so that its cache (.schemathesis/) stays out of the repository.
run() {
    (cd "$WORK" && "$ROOT/.venv/bin/schemathesis" "$@" run "$BASE/openapi.json" \
        --checks "$CHECKS" --exclude-checks "$EXCLUDE" \
        --max-examples "$MAX_EXAMPLES" --seed "$SEED" \
        --phases examples,coverage,fuzzing,stateful \
        --request-timeout 30 --no-color "${EXTRA[@]}")
}
status=0
echo "== run 1: /v1/articles/$SLUG/... (DELETE excluded)" >&2
EXTRA=("$@" --include-path-regex '^/v1/articles/\{article\}' --exclude-method DELETE)
run --config-file "$WORK/stored.toml" || status=$?
echo "== run 2: every operation" >&2
EXTRA=("$@")
run || status=$?

if grep -q " 500 Internal Server Error" "$WORK/server.log"; then
    echo "the server logged a 500:" >&2
    grep -B1 -A3 "Traceback" "$WORK/server.log" | tail -40 >&2
    status=1
fi
exit "$status"

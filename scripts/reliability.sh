#!/usr/bin/env bash
# Reliability probes against a live `translator serve`, on loopback only (scripts/reliability.py
# says what each probe checks):
#
#   bash scripts/reliability.sh                      # SQLite, then PostgreSQL; at most 300 s
#   bash scripts/reliability.sh --db sqlite --seconds 120
#
# Options: --db sqlite|postgresql|both (default both), --seconds N (the bound of the whole run,
# default 300), and scripts/reliability.py's --rounds, --kills, --burst. PostgreSQL runs on the
# server of TRANSLATOR_TEST_POSTGRES_URL, or else the one scripts/postgres.sh gives (stopped
# again afterwards if this script had to start it), each run in a new database dropped after it.
# The servers run this checkout's code. Prints one PASS/FAIL line per probe and database; exits
# non-zero if any probe failed or the time bound was reached.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
bash scripts/install.sh
PY=.venv/bin/python

SECONDS_BOUND=300
DB=both
ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
    --seconds) SECONDS_BOUND="$2"; shift 2 ;;
    --db) DB="$2"; shift 2 ;;
    *) ARGS+=("$1"); shift ;;
    esac
done
case "$DB" in sqlite | postgresql | both) ;; *) echo "--db: sqlite, postgresql or both" >&2; exit 2 ;; esac
case "$SECONDS_BOUND" in '' | *[!0-9]*) echo "--seconds: a whole number" >&2; exit 2 ;; esac

PG_PORT="${TRANSLATOR_PG_PORT:-55432}"
PG_DATA="${TRANSLATOR_PG_DATA:-/var/tmp/translator-postgres}"
PG_STARTED=""
WORK="$(mktemp -d)"

cleanup() {
    # If the probes were killed before they stopped their server, stop it here (by its pid).
    if [ -f "$WORK/server.pid" ]; then
        kill -KILL -- "-$(cat "$WORK/server.pid")" 2>/dev/null || true
    fi
    if [ -n "$PG_STARTED" ]; then
        bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
        if [ "$(id -u)" = 0 ]; then
            runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null || true
        else
            "$bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null || true
        fi
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

POSTGRES="${TRANSLATOR_TEST_POSTGRES_URL:-}"
if [ "$DB" != sqlite ] && [ -z "$POSTGRES" ]; then
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then
        PG_STARTED=1
    fi
    POSTGRES="$(bash scripts/postgres.sh)"
fi

# The probes keep to --seconds themselves; the hard bound is a backstop (SIGTERM, then SIGKILL).
export PYTHONPATH="$ROOT"
status=0
timeout --kill-after=20 "$((SECONDS_BOUND + 30))" "$PY" scripts/reliability.py \
    --db "$DB" --seconds "$SECONDS_BOUND" --work "$WORK" ${POSTGRES:+--postgres "$POSTGRES"} \
    "${ARGS[@]}" || status=$?
if [ "$status" = 124 ] || [ "$status" = 137 ]; then
    echo "FAIL the run passed its bound of $SECONDS_BOUND s (+30 s) and was stopped" >&2
fi
exit "$status"

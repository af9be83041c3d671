#!/usr/bin/env bash
# A PostgreSQL server for the store tests, on 127.0.0.1 only (idempotent): installs the Debian
# package if missing, creates a cluster in $TRANSLATOR_PG_DATA with trust authentication (the
# tests connect as "postgres" without a password), starts it unless a server already answers on
# the port, and prints the URL for TRANSLATOR_TEST_POSTGRES_URL:
#
#   export TRANSLATOR_TEST_POSTGRES_URL="$(bash scripts/postgres.sh)"
#
# Stop it with "pg_ctl -D /var/tmp/translator-postgres stop" (as the postgres user when root;
# pg_ctl is in /usr/lib/postgresql/<version>/bin).
set -euo pipefail
PORT="${TRANSLATOR_PG_PORT:-55432}"
DATA="${TRANSLATOR_PG_DATA:-/var/tmp/translator-postgres}"
URL="postgresql+psycopg://postgres@127.0.0.1:${PORT}/postgres"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(bindir)" ]; then
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN="$(bindir)"

# initdb and postgres refuse to run as root; as root, run them as the postgres user.
if [ "$(id -u)" = 0 ]; then
    run() { runuser -u postgres -- "$@"; }
    install -d -o postgres -g postgres -m 700 "$DATA"
else
    run() { "$@"; }
    install -d -m 700 "$DATA"
fi

if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    if [ ! -f "$DATA/PG_VERSION" ]; then
        run "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
    fi
    # A throwaway server for tests: no fsync, nothing here needs to survive a crash.
    run "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w start -o "-c listen_addresses=127.0.0.1 \
        -p $PORT -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2
fi

if ! "$BIN/psql" "postgresql://postgres@127.0.0.1:${PORT}/postgres" -qtAc "select 1" >/dev/null; then
    echo "error: the server on 127.0.0.1:${PORT} does not let postgres in without a password;" \
        "set TRANSLATOR_PG_PORT to a free port" >&2
    exit 1
fi
echo "$URL"

#!/usr/bin/env bash
# shellcheck disable=SC2012,SC2317  # ls of a fixed glob; trap handlers are invoked indirectly
# Run a command against a throw-away PostgreSQL server.
#
#   scripts/with-postgres.sh CMD [ARGS...]
#
# Starts a private PostgreSQL cluster (the newest /usr/lib/postgresql/*/bin, i.e. Debian's
# `postgresql` package) in a temporary directory on a free loopback port, creates the database
# youhao_test, exports
#   YOUHAO_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/youhao_test
#   YOUHAO_TEST_PG_ADMIN_URL=postgresql://postgres@127.0.0.1:PORT/postgres
# (plus PGHOST/PGPORT/PGUSER for convenience), runs CMD, and always stops the server and removes
# the directory, also on Ctrl-C or SIGTERM. The exit status is CMD's.
# Works as root (initdb and postgres run as the `postgres` user via runuser) and as an
# ordinary user (then the server runs as that user). Authentication is `trust`, so the server
# only listens on 127.0.0.1 and on a socket in the private directory.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

PG_BIN="${YOUHAO_PG_BIN:-}"
if [ -z "$PG_BIN" ]; then
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
fi
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "with-postgres: no PostgreSQL server binaries found (apt-get install postgresql)" >&2
  exit 127
fi

# Run the server tools as `postgres` when we are root: initdb and postgres refuse to run as root.
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root but there is no 'postgres' user" >&2
    exit 1
  fi
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

# The directory must be reachable by the postgres user: fall back to /tmp when $TMPDIR is not.
TMP_BASE="${YOUHAO_PG_TMPDIR:-${TMPDIR:-/tmp}}"
if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$TMP_BASE" 2>/dev/null; then TMP_BASE=/tmp; fi
PG_DIR="$(mktemp -d "$TMP_BASE/youhao-pg.XXXXXX")"
chmod 0755 "$PG_DIR"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$PG_DIR"; fi
STARTED=0

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ "$STARTED" -eq 1 ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
CHILD=""

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
  else
    node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
  fi
}

if ! as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 \
      >"$PG_DIR/initdb.log" 2>&1; then
  # Older systems may lack the C.UTF-8 locale: fall back to C.
  rm -rf "$PG_DIR/data"
  if ! as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres --encoding=UTF8 --locale=C \
        >"$PG_DIR/initdb.log" 2>&1; then
    echo "with-postgres: initdb failed:" >&2
    cat "$PG_DIR/initdb.log" >&2
    exit 1
  fi
fi

# A port can be taken between choosing and binding it: try a few.
for attempt in 1 2 3 4 5; do
  PORT="$(free_port)"
  if as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-p $PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
    STARTED=1
    break
  fi
  if [ "$attempt" -eq 5 ]; then
    echo "with-postgres: the server did not start:" >&2
    cat "$PG_DIR/server.log" >&2 || true
    exit 1
  fi
  sleep 0.2
done

PSQL="$PG_BIN/psql"
if command -v psql >/dev/null 2>&1; then PSQL="$(command -v psql)"; fi
"$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d postgres \
  -c 'CREATE DATABASE youhao_test' >/dev/null

export YOUHAO_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PORT/youhao_test"
export YOUHAO_TEST_PG_ADMIN_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
export PGHOST=127.0.0.1 PGPORT="$PORT" PGUSER=postgres

# Run CMD in the background (keeping our stdin) so that a signal to this script is handled at
# once: forward it to CMD, wait for CMD, then stop the server.
SIGNALLED=0
forward() {
  SIGNALLED=$1
  if [ -n "$CHILD" ]; then kill "-$2" "$CHILD" 2>/dev/null || true; fi
}
trap 'forward 130 INT' INT
trap 'forward 143 TERM' TERM
set +e
"$@" 0<&0 &
CHILD=$!
while :; do
  wait "$CHILD"
  rc=$?
  # wait returns early (>128) when a trapped signal arrives; keep waiting for CMD to end.
  if kill -0 "$CHILD" 2>/dev/null; then continue; fi
  break
done
set -e
if [ "$SIGNALLED" -ne 0 ] && [ "$rc" -eq 0 ]; then rc=$SIGNALLED; fi
exit "$rc"

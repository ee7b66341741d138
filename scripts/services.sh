#!/usr/bin/env bash
# Runs a command with RunQL's local services up:
#   scripts/services.sh COMMAND [ARGS...]
#
# Installs what is missing (Debian packages, SecantusDB in a git-ignored venv), starts a
# throwaway PostgreSQL 15 cluster and a SecantusDB (MongoDB wire protocol) server on 127.0.0.1
# with their data in a temporary directory, exports their connection settings, runs COMMAND,
# and stops both servers and deletes their data on exit, Ctrl-C or failure.
#
# Environment (all optional):
#   RUNQL_PG_PORT      PostgreSQL port   (default 55432, or a free port if that one is taken)
#   RUNQL_MONGO_PORT   SecantusDB port   (default 27018, or a free port if that one is taken)
#   RUNQL_STATE_DIR    where the venv lives (default .runql/ in the repository)
#   RUNQL_BROWSER_TEST 1 to install Debian's chromium for the explorer's browser test (./test sets it)
# Exported to COMMAND:
#   RUNQL_PG_CONNINFO  libpq connection string, e.g. "host=127.0.0.1 port=55432 user=postgres dbname=runql"
#   RUNQL_MONGO_URI    e.g. mongodb://127.0.0.1:27018
#   RUNQL_PG_BIN, RUNQL_PG_DATA, RUNQL_PG_SOCKET_DIR, RUNQL_PG_PORT, RUNQL_MONGO_PORT  (tests use them to restart PostgreSQL)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE_DIR=${RUNQL_STATE_DIR:-$ROOT/.runql}
VENV=$STATE_DIR/venv
PG_BIN=${RUNQL_PG_BIN:-/usr/lib/postgresql/15/bin}

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf '[services] error: %s\n' "$*" >&2; exit 1; }

[ $# -gt 0 ] || die "usage: scripts/services.sh COMMAND [ARGS...]"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
    else return 1
    fi
}

install_packages() {
    local missing=()
    pkg-config --exists libmongoc-1.0 2>/dev/null || missing+=(libmongoc-dev libbson-dev)
    pkg-config --exists libpq 2>/dev/null || missing+=(libpq-dev)
    [ -x "$PG_BIN/initdb" ] || missing+=(postgresql)
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
    python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
        die "could not install ${missing[*]}: run 'apt-get install ${missing[*]}' as root, then try again"
}

install_secantus() {
    if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import secantus' 2>/dev/null; then return 0; fi
    log "installing SecantusDB into $VENV"
    mkdir -p "$STATE_DIR"
    python3 -m venv "$VENV" || die "python3 -m venv failed"
    "$VENV/bin/pip" install -q --disable-pip-version-check SecantusDB || die "pip install SecantusDB failed"
}

port_is_free() {
    python3 - "$1" <<'PY'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
PY
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# An explicitly chosen port is used as given; a default that is taken falls back to a free one.
pick_port() {
    local explicit=$1 default=$2
    if [ -n "$explicit" ]; then echo "$explicit"; return; fi
    if port_is_free "$default"; then echo "$default"; else free_port; fi
}

TMP=""
PG_STARTED=0
MONGO_PID=""

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ -n "$MONGO_PID" ] && kill -0 "$MONGO_PID" 2>/dev/null; then
        kill -TERM "$MONGO_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$MONGO_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$MONGO_PID" 2>/dev/null || true
    fi
    if [ "$PG_STARTED" -eq 1 ] && [ -f "$TMP/pg/data/postmaster.pid" ]; then
        pg_as_owner "$PG_BIN/pg_ctl" -D "$TMP/pg/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    # RUNQL_PG_LOG_COPY=FILE keeps PostgreSQL's server log (the data directory goes).
    if [ -n "${RUNQL_PG_LOG_COPY:-}" ] && [ -f "$TMP/pg/server.log" ]; then cp "$TMP/pg/server.log" "$RUNQL_PG_LOG_COPY" || true; fi
    [ -n "$TMP" ] && rm -rf "$TMP"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# initdb refuses to run as root: as root, the cluster belongs to the postgres user.
pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
    local port=$1
    mkdir -p "$TMP/pg"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$TMP/pg"; fi
    pg_as_owner "$PG_BIN/initdb" -D "$TMP/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$TMP/initdb.log" 2>&1 || { cat "$TMP/initdb.log" >&2; die "initdb failed"; }
    PG_STARTED=1
    if ! pg_as_owner "$PG_BIN/pg_ctl" -D "$TMP/pg/data" -l "$TMP/pg/server.log" -w -t 60 \
        -o "-p $port -k $TMP/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null 2>&1; then
        cat "$TMP/pg/server.log" >&2 || true
        die "PostgreSQL did not start on port $port"
    fi
    "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAt -c "CREATE DATABASE runql" >/dev/null ||
        die "could not create database runql"
}

start_mongo() {
    local port=$1
    "$VENV/bin/python" -m secantus --host 127.0.0.1 --port "$port" --storage-path "$TMP/mongo" \
        --standalone --log-level WARNING </dev/null >"$TMP/mongo.log" 2>&1 &
    MONGO_PID=$!
    for _ in $(seq 1 300); do
        if ! kill -0 "$MONGO_PID" 2>/dev/null; then
            cat "$TMP/mongo.log" >&2
            die "SecantusDB exited during start-up"
        fi
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    cat "$TMP/mongo.log" >&2
    die "SecantusDB did not accept connections on port $port within 30 s"
}

install_packages
install_secantus
# The explorer's browser test (./test asks for it) drives Debian's headless chromium. Installing
# it is best effort: without it the browser test is skipped with a warning, not failed.
if [ "${RUNQL_BROWSER_TEST:-0}" = 1 ] && ! command -v chromium >/dev/null 2>&1; then
    log "installing chromium for the explorer's browser test"
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 &&
            as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 ||
            { log "warning: could not install chromium; the browser test is skipped"; export RUNQL_BROWSER_TEST=0; }
    fi
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/runql-services.XXXXXX")
chmod 755 "$TMP"
PG_PORT=$(pick_port "${RUNQL_PG_PORT:-}" 55432)
MONGO_PORT=$(pick_port "${RUNQL_MONGO_PORT:-}" 27018)

start_postgres "$PG_PORT"
start_mongo "$MONGO_PORT"
log "PostgreSQL on 127.0.0.1:$PG_PORT, SecantusDB on 127.0.0.1:$MONGO_PORT (data in $TMP)"

export RUNQL_PG_PORT=$PG_PORT RUNQL_MONGO_PORT=$MONGO_PORT
export RUNQL_PG_CONNINFO="host=127.0.0.1 port=$PG_PORT user=postgres dbname=runql connect_timeout=5"
export RUNQL_MONGO_URI="mongodb://127.0.0.1:$MONGO_PORT/?serverSelectionTimeoutMS=3000"
export RUNQL_PG_BIN=$PG_BIN RUNQL_PG_DATA=$TMP/pg/data RUNQL_PG_SOCKET_DIR=$TMP/pg
# Lets tests stop and restart PostgreSQL as the cluster's owner.
if [ "$(id -u)" -eq 0 ]; then export RUNQL_PG_RUNAS=postgres; else export RUNQL_PG_RUNAS=""; fi

# Not exec: the EXIT trap must outlive COMMAND to stop the servers.
set +e
"$@"
status=$?
set -e
exit $status

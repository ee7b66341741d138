#!/usr/bin/env bash
# HTTP benchmark: requests/s, p99 latency and server RSS for `runql serve` answering
# `{ __typename }` and a cached small query, next to `runql serve-static` sending a reply of the
# same bytes (the transport ceiling). wrk (Debian's package) drives 64 keep-alive connections.
#
#   scripts/bench-http.sh                 # 10 s per case, 64 connections, 2 wrk threads
#   DURATION=30s CONNECTIONS=64 THREADS=2 scripts/bench-http.sh
#
# The gateway runs its release build with its defaults (request log on, written to a file;
# metrics on). Output: one Markdown table row per case.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}

command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null || { echo "install wrk (apt-get install wrk)" >&2; exit 1; }; }
swift build -c release --product runql >&2
BIN=.build/release/runql
TMP=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$TMP"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }

cat > "$TMP/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"
LUA

# run NAME PID PORT BODY: one wrk run after a short warm-up; prints a table row.
run() {
    local name=$1 pid=$2 port=$3 body=$4
    BENCH_BODY=$body wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -s "$TMP/post.lua" "http://127.0.0.1:$port/graphql" >/dev/null
    BENCH_BODY=$body wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$TMP/post.lua" "http://127.0.0.1:$port/graphql" >"$TMP/wrk.txt"
    local rps p99 rss errors
    rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$TMP/wrk.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$TMP/wrk.txt")
    errors=$(awk '/Non-2xx|Socket errors/ {print}' "$TMP/wrk.txt" | tr '\n' ' ')
    rss=$(awk '/^VmHWM:/ {printf "%.1f MB", $2/1024}' "/proc/$pid/status")
    printf '| %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p99" "$rss" "${errors:-}"
}

TYPENAME='{"query":"{ __typename }"}'
SMALL='{"query":"query Small { runs { number experiment } }"}'

GPORT=$(free_port)
"$BIN" serve --schema scripts/bench/http-schema.graphql --data scripts/bench/http-data.json --port "$GPORT" >"$TMP/serve.out" 2>"$TMP/requests.log" &
GPID=$!; PIDS+=("$GPID")
wait_port "$GPORT"
reply() { curl -s -H 'Content-Type: application/json' -d "$1" "http://127.0.0.1:$GPORT/graphql"; }
TYPENAME_REPLY=$(reply "$TYPENAME")
SMALL_REPLY=$(reply "$SMALL")

echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
echo "| case | requests/s | p99 | server RSS (peak) | errors |"
echo "|---|---|---|---|---|"
run "runql serve: { __typename } (${#TYPENAME_REPLY} B reply)" "$GPID" "$GPORT" "$TYPENAME"
run "runql serve: cached small query (${#SMALL_REPLY} B reply)" "$GPID" "$GPORT" "$SMALL"
kill "$GPID"; wait "$GPID" 2>/dev/null || true
echo "(request log: $(wc -l <"$TMP/requests.log") lines written)" >&2

for body in "$TYPENAME_REPLY" "$SMALL_REPLY"; do
    SPORT=$(free_port)
    "$BIN" serve-static --port "$SPORT" --body "$body" >/dev/null 2>&1 &
    SPID=$!; PIDS+=("$SPID")
    wait_port "$SPORT"
    run "runql serve-static (${#body} B reply)" "$SPID" "$SPORT" "$TYPENAME"
    kill "$SPID"; wait "$SPID" 2>/dev/null || true
done

#!/usr/bin/env bash
# HTTP benchmark: requests/s, p99 latency, server CPU time per request and server RSS for
# `runql serve` answering `{ __typename }` and a cached small query, next to `runql serve-static`
# sending a reply of the same bytes (the transport ceiling). wrk (Debian's package) drives 64
# keep-alive connections.
#
#   scripts/bench-http.sh                 # 10 s per case, 64 connections, 2 wrk threads
#   DURATION=30s CONNECTIONS=64 THREADS=2 scripts/bench-http.sh
#   SCRATCH_PATH=/work/.build-http scripts/bench-http.sh    # build directory (default .build)
#   BIN=/path/to/runql scripts/bench-http.sh                # an already built binary
#
# The gateway runs its release build with its defaults (request log on, written to a file;
# metrics on). Output: one Markdown table row per case.
#
#   scripts/bench-http.sh instructions    # user-space instructions per request (callgrind)
#   REQUESTS=2000 SCRATCH_PATH=/work/.build-http scripts/bench-http.sh instructions
#   PROFILES=/tmp/prof scripts/bench-http.sh instructions   # keep the callgrind dumps there
#   BIN=/tmp/runql.cg scripts/bench-http.sh instructions       # a binary built as below (paired runs)
#
# `instructions` runs `runql serve` under callgrind and sends REQUESTS keep-alive requests one
# at a time per case after 300 for warm-up, zeroing the counters before and dumping them after;
# the total divided by REQUESTS is the figure (steady on a busy machine, unlike requests/s).
# Valgrind 3.19 crashes on Swift's async main (dispatch_main), so that mode builds a copy of
# the package whose main.swift runs the command in a task while the main thread waits (in
# SCRATCH_PATH/callgrind); the request path is the same code. It needs valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
SCRATCH_PATH=${SCRATCH_PATH:-.build}
MODE=${1:-wrk}
# TMP, PIDS and their cleanup, free_port, wait_port, wrk and its figures.
. scripts/bench-common.sh

TYPENAME='{"query":"{ __typename }"}'
SMALL='{"query":"query Small { runs { number experiment } }"}'

if [ "$MODE" = instructions ]; then
    command -v valgrind >/dev/null || { echo "install valgrind" >&2; exit 1; }
    REQUESTS=${REQUESTS:-2000}
    COPY="$SCRATCH_PATH/callgrind/src"
    if [ -z "${BIN:-}" ]; then
        mkdir -p "$COPY"
        # Only newer files are copied (unchanged ones keep their inode and time), so the copy
        # rebuilds incrementally; delete the directory after removing or renaming sources.
        cp -a -u ./Package.swift ./Sources ./Benchmarks ./Tests "$COPY/"
        cat > "$TMP/main.swift" <<'SWIFT'
import Foundation
let arguments = Array(CommandLine.arguments.dropFirst())
nonisolated(unsafe) var status: Int32 = 0
let done = DispatchSemaphore(value: 0)
Task.detached { status = await RunQLCommandLine.run(arguments); done.signal() }
done.wait()
exit(status)
SWIFT
        cmp -s "$TMP/main.swift" "$COPY/Sources/Gateway/main.swift" || cp "$TMP/main.swift" "$COPY/Sources/Gateway/main.swift"
        (cd "$COPY" && swift build -c release --scratch-path "$SCRATCH_PATH/callgrind/build" --product runql >&2)
        BIN="$SCRATCH_PATH/callgrind/build/release/runql"
    fi
    cat > "$TMP/client.py" <<'PY'
import socket, sys
port, n, body = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].encode()
req = (b"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\n"
       b"Accept: application/graphql-response+json\r\nContent-Length: %d\r\n\r\n" % (port, len(body))) + body
s = socket.create_connection(("127.0.0.1", port))
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
buf = b""
for _ in range(n):
    s.sendall(req)
    while True:
        h = buf.find(b"\r\n\r\n")
        if h >= 0:
            head = buf[:h].decode()
            length = int([l.split(":")[1] for l in head.split("\r\n") if l.lower().startswith("content-length")][0])
            if len(buf) >= h + 4 + length:
                if not head.startswith("HTTP/1.1 200"):
                    sys.exit("unexpected answer: " + head)
                buf = buf[h + 4 + length:]
                break
        data = s.recv(65536)
        if not data:
            sys.exit("connection closed")
        buf += data
PY
    # measure NAME PID PORT BODY: one table row from a zero/dump pair around REQUESTS requests.
    measure() {
        python3 "$TMP/client.py" "$3" 300 "$4"
        callgrind_control -z "$2" >/dev/null 2>&1
        python3 "$TMP/client.py" "$3" "$REQUESTS" "$4"
        callgrind_control -d "$2" >/dev/null 2>&1
        local dump total
        dump=$(ls -t "$TMP"/callgrind.out* | head -1)
        total=$(awk '/^summary:|^totals:/ {print $2; exit}' "$dump")
        printf '| %s | %s | %s |\n' "$1" "$((total / REQUESTS))" "$total"
        # PROFILES=dir keeps each case's dump (for callgrind_annotate); else it is discarded.
        if [ -n "${PROFILES:-}" ]; then
            mkdir -p "$PROFILES"
            mv "$dump" "$PROFILES/$(printf '%s' "$1" | tr -c 'A-Za-z0-9' '_').callgrind"
        else
            mv "$dump" "$TMP/done.$RANDOM"
        fi
    }
    echo "| case | instructions per request | total over $REQUESTS requests |"
    echo "|---|---|---|"
    GPORT=$(free_port)
    valgrind --tool=callgrind --callgrind-out-file="$TMP/callgrind.out" "$BIN" serve \
        --schema scripts/bench/http-schema.graphql --data scripts/bench/http-data.json --port "$GPORT" \
        >"$TMP/serve.out" 2>"$TMP/requests.log" &
    GPID=$!; PIDS+=("$GPID")
    wait_port "$GPORT" 1200
    measure "runql serve: { __typename }" "$GPID" "$GPORT" "$TYPENAME"
    measure "runql serve: cached small query" "$GPID" "$GPORT" "$SMALL"
    kill "$GPID"; wait "$GPID" 2>/dev/null || true
    SPORT=$(free_port)
    valgrind --tool=callgrind --callgrind-out-file="$TMP/callgrind.out" "$BIN" serve-static --port "$SPORT" \
        --body '{"data":{"runs":[{"number":7200,"experiment":"XENON1T"},{"number":7201,"experiment":"XENON1T"},{"number":315000,"experiment":"CMS"}]}}' \
        >/dev/null 2>&1 &
    SPID=$!; PIDS+=("$SPID")
    wait_port "$SPORT" 1200
    measure "runql serve-static (134 B reply)" "$SPID" "$SPORT" "$TYPENAME"
    exit 0
fi

need_wrk
# BIN=path measures an already built binary (e.g. an older one, for a paired comparison).
release_binary
write_post_lua

# run NAME PID PORT BODY: one wrk run after a short warm-up; prints a table row.
run() {
    local name=$1 pid=$2 port=$3 body=$4
    BENCH_BODY=$body wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -s "$TMP/post.lua" "http://127.0.0.1:$port/graphql" >/dev/null
    local cpu0 cpu1
    cpu0=$(cpu_ticks "$pid")
    BENCH_BODY=$body wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$TMP/post.lua" "http://127.0.0.1:$port/graphql" >"$TMP/wrk.txt"
    cpu1=$(cpu_ticks "$pid")
    local rps p99 rss errors requests cpu
    rps=$(wrk_rps "$TMP/wrk.txt")
    # The server's CPU time (user + system) per request: less swayed by other load than requests/s.
    requests=$(wrk_requests "$TMP/wrk.txt")
    cpu=$(awk -v t="$((cpu1 - cpu0))" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.1f µs", t / hz / n * 1e6}')
    p99=$(wrk_percentile "$TMP/wrk.txt" 99%)
    errors=$(wrk_errors "$TMP/wrk.txt")
    rss=$(peak_rss "$pid")
    printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p99" "$cpu" "$rss" "${errors:-}"
}

GPORT=$(free_port)
"$BIN" serve --schema scripts/bench/http-schema.graphql --data scripts/bench/http-data.json --port "$GPORT" >"$TMP/serve.out" 2>"$TMP/requests.log" &
GPID=$!; PIDS+=("$GPID")
wait_port "$GPORT"
reply() { curl -s -H 'Content-Type: application/json' -d "$1" "http://127.0.0.1:$GPORT/graphql"; }
TYPENAME_REPLY=$(reply "$TYPENAME")
SMALL_REPLY=$(reply "$SMALL")

echo "before the run: $(load_average)" >&2
echo "| case | requests/s | p99 | server CPU per request | server RSS (peak) | errors |"
echo "|---|---|---|---|---|---|"
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

#!/usr/bin/env bash
# Soak: DURATION seconds of mixed load (wrk) against a release `runql serve` over the demo data
# (SecantusDB, PostgreSQL, the local SkyDriver), watching the gateway's memory, descriptors and
# threads. The mix reads every registry (XENON1T, XENONnT, XAMS, CMS, SkyDriver, `runs` across
# them) and sends a few repeatable mutations with a writer token (addTag, addXamsTag,
# markCmsRunSignificant: each leaves the data as the first call left it).
#
#   scripts/soak.sh                                   # 600 s, 16 connections, 2 wrk threads
#   DURATION=60 scripts/soak.sh                       # a short trial
#   FAULTS=1 scripts/soak.sh                          # also stop and restart each source once
#   SCRATCH_PATH=/work/.build-rel OUT=/tmp/soak scripts/soak.sh
#   SOURCES_QUERY=0 scripts/soak.sh                  # leave `{ sources { reachable } }` out of the mix
#
# Every 10 s the gateway's VmRSS, open descriptors and threads go to OUT/samples.csv. At the end
# it prints requests, requests/s, statuses, answers with GraphQL errors, RSS after warm-up (the
# first sample at WARMUP s, default 60) and at the end, descriptors and threads. It fails (exit
# 1) on any 5xx, on RSS growth of 10% or more after warm-up, or when descriptors grow steadily.
# With FAULTS=1, PostgreSQL (pg_ctl -m fast), SecantusDB (SIGKILL, as a crash) and the local
# SkyDriver are each stopped for FAULT_SECONDS (default 10) at 1/4, 1/2 and 3/4 of the run; the
# field errors that caused and the time until the full answer returned are printed. GraphQL
# errors are then expected; a 5xx still fails the run. `sources` (one request in 40) probes
# every source with a client of its own each time; SOURCES_QUERY=0 leaves it out, to measure
# the rest of the gateway apart from it (docs/RELIABILITY.md: it leaked a thread per client).
set -euo pipefail
cd "$(dirname "$0")/.."
# PostgreSQL and SecantusDB come from scripts/services.sh, which runs this script again inside.
if [ -z "${RUNQL_PG_CONNINFO:-}" ] || [ -z "${RUNQL_MONGO_URI:-}" ]; then exec scripts/services.sh "$0" "$@"; fi

DURATION=${DURATION:-600}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-60}
FAULTS=${FAULTS:-0}
FAULT_SECONDS=${FAULT_SECONDS:-10}
SOURCES_QUERY=${SOURCES_QUERY:-1}
SCRATCH_PATH=${SCRATCH_PATH:-.build}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/runql-soak.XXXXXX")}
mkdir -p "$OUT"
# A short trial still gets a warm-up sample and an end sample.
[ "$DURATION" -ge $((2 * WARMUP)) ] || WARMUP=$((DURATION / 2))

log() { printf '[soak] %s\n' "$*" >&2; }
command -v wrk >/dev/null || { log "install wrk (apt-get install wrk)"; exit 2; }

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }

swift build -c release --scratch-path "$SCRATCH_PATH" --product runql >&2
BIN=$SCRATCH_PATH/release/runql
"$BIN" seed >&2

# The local SkyDriver on a free port (kept, so a restart after a fault finds the same address).
SKY_PORT=$(free_port)
start_skydriver() { "$BIN" skydriver-local --port "$SKY_PORT" "$@" >>"$OUT/skydriver.log" 2>&1 & SKY_PID=$!; PIDS+=("$SKY_PID"); wait_port "$SKY_PORT"; }
start_skydriver
export RUNQL_SKYDRIVER_URL=http://127.0.0.1:$SKY_PORT

# A writer token for the mutations, configured as its SHA-256 (docs/CONFIGURATION.md); reads
# stay anonymous (the default policy).
TOKEN=soak-writer-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
export RUNQL_API_TOKENS="soak:writer:$(printf '%s' "$TOKEN" | sha256sum | cut -d' ' -f1)"

PORT=$(free_port)
# As deployed: request log on (one JSON line per request, with the error log on stderr) and metrics.
RUNQL_LOG_REQUESTS=true RUNQL_METRICS=true "$BIN" serve --port "$PORT" >"$OUT/serve.out" 2>"$OUT/serve.log" &
GPID=$!; PIDS+=("$GPID")
wait_port "$PORT" || { cat "$OUT/serve.log" >&2; exit 1; }
URL=http://127.0.0.1:$PORT/graphql

post() { curl -s -H 'Content-Type: application/json' -d "$1" "$URL"; }
body() { python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1], "variables": json.loads(sys.argv[2] if len(sys.argv) > 2 else "{}")}))' "$@"; }
first_number() { python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][sys.argv[1]]["nodes"][0]["number"])' "$1"; }

PROBE=$(post "$(body '{ xenonRuns(first: 1) { nodes { number } } xamsRuns(first: 1) { nodes { number } } cmsRuns(first: 1, where: {triplets: [{component: "dt-dt", status: GOOD}]}) { nodes { number } } }')")
NT=$(first_number xenonRuns <<<"$PROBE"); XAMS=$(first_number xamsRuns <<<"$PROBE"); CMS=$(first_number cmsRuns <<<"$PROBE")
log "runs used: XENONnT $NT, XAMS $XAMS, CMS $CMS; gateway pid $GPID on port $PORT; output in $OUT"

# One query over every registry: its healthy answer is what recovery after a fault must give back.
SPANNING=$(body "{ xenonRun(number: $NT) { number mode } xamsRun(number: $XAMS) { number mode } cmsRun(number: $CMS) { number class state } scans(first: 3) { nodes { scanId } } }")
HEALTHY=$(post "$SPANNING")
case $HEALTHY in *'"errors"'*|'') log "the healthy answer has errors: $HEALTHY"; exit 1 ;; esac

# The mix, one request per line of requests.txt ("R body" or "W body" for the writer), cycled
# in order by every wrk connection: 37 reads and 3 mutations in 40.
{
    for _ in 1 2 3; do
        echo "R $(body '{ xenonRuns(where: {pseudoStatus: NOT_PROCESSED}, first: 5) { totalCount nodes { number start data(type: "raw_records") { host location status } } } }')"
        echo "R $(body "{ xenonRun(number: $NT) { number mode source runStatus data { type host location status did } doc(path: \"bootstrax.state\") } }")"
        echo "R $(body '{ xenonRuns(experiment: XENON1T, first: 5) { nodes { name number source tags { name } } } }')"
        echo "R $(body '{ xamsRuns(first: 5) { totalCount nodes { number processingStatus { state reason } } } }')"
        echo "R $(body 'query($f: JSON) { cmsRuns(rrFilter: $f, first: 3) { totalCount nodes { number class state energy datasets { name } } } }' \
            '{"f": {"run_number": {"and": [{">": 315000}, {"<": 330000}]}, "dt-dt": "GOOD"}}')"
        echo "R $(body '{ cmsRuns(where: {triplets: [{component: "dt-dt", status: GOOD}]}, first: 5) { nodes { number tripletSummary(components: ["dt-dt"]) { component counts { status count } } } } }')"
        echo "R $(body '{ cmsDataset(runNumber: 327743, name: "/PromptReco/HICosmics18A/DQM") { states { workspace state } lumisectionRanges { start end } } }')"
        echo "R $(body '{ scans(first: 5) { totalCount nodes { scanId state priority eventMetadata { runId eventId } } } }')"
        echo "R $(body '{ runs(first: 10) { nodes { __typename experiment number start } pageInfo { hasNextPage endCursor } unavailable { experiment code } } }')"
        echo "R $(body '{ scanBacklog { scanId priority } }')"
        echo "R $SPANNING"
        echo "R $(body '{ runs(experiments: [XENON1T, CMS], where: {start: {gte: "2018-01-01T00:00:00Z"}}, first: 5) { totalCount nodes { experiment number start } } }')"
    done
    if [ "$SOURCES_QUERY" = 1 ]; then echo "R $(body '{ sources { name kind reachable } }')"; else echo "R $SPANNING"; fi
    echo "W $(body "mutation { addTag(run: {experiment: XENONNT, number: $NT}, name: \"soak\") { number tags { name } } }")"
    echo "W $(body "mutation { addXamsTag(number: $XAMS, name: \"soak\") { number } }")"
    echo "W $(body "mutation { markCmsRunSignificant(runNumber: $CMS, change: {comment: \"soak\"}) { number significant } }")"
} >"$OUT/requests.txt"

# wrk: each connection cycles through the mix; `response` counts statuses and answers holding
# GraphQL errors per thread, and `done` adds the threads up.
cat >"$OUT/mix.lua" <<LUA
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  requests, statuses, graphql_errors, i = {}, {}, 0, math.random(0, 39)
  for line in io.lines("$OUT/requests.txt") do
    local headers = {["Content-Type"] = "application/json", ["Accept"] = "application/graphql-response+json"}
    if line:sub(1, 1) == "W" then headers["Authorization"] = "Bearer $TOKEN" end
    table.insert(requests, wrk.format("POST", "/graphql", headers, line:sub(3)))
  end
end
function request() i = i % #requests + 1; return requests[i] end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if body:find('"errors"', 1, true) then graphql_errors = graphql_errors + 1 end
end
function done(summary, latency, requests)
  local total, errors = {}, 0
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do total[status] = (total[status] or 0) + n end
    errors = errors + t:get("graphql_errors")
  end
  for status, n in pairs(total) do io.write(string.format("status %d %d\n", status, n)) end
  io.write(string.format("graphql_errors %d\n", errors))
end
LUA

sample() { # seconds → one CSV line: seconds,rss_kb,fds,threads
    local rss threads fds
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$GPID/status")
    threads=$(awk '/^Threads:/ {print $2}' "/proc/$GPID/status")
    fds=$(find "/proc/$GPID/fd" -mindepth 1 -maxdepth 1 | wc -l)
    echo "$1,$rss,$fds,$threads" >>"$OUT/samples.csv"
}
field_errors() { curl -s "http://127.0.0.1:$PORT/metrics" | awk -F' ' '/^runql_graphql_errors_total\{kind="field"\}/ {print $2}'; }

as_pg_owner() { if [ -n "${RUNQL_PG_RUNAS:-}" ]; then runuser -u "$RUNQL_PG_RUNAS" -- "$@"; else "$@"; fi; }
MONGO_PID=""
stop_source() {
    case $1 in
        postgres) as_pg_owner "$RUNQL_PG_BIN/pg_ctl" -D "$RUNQL_PG_DATA" -m fast -w -t 30 stop >/dev/null ;;
        mongo)
            # The SecantusDB scripts/services.sh started (or this script restarted) on our port.
            MONGO_PID=$(pgrep -f -- "secantus --host 127.0.0.1 --port $RUNQL_MONGO_PORT " | head -1)
            kill -KILL "$MONGO_PID"; while kill -0 "$MONGO_PID" 2>/dev/null; do sleep 0.1; done ;;
        skydriver) kill -TERM "$SKY_PID"; wait "$SKY_PID" 2>/dev/null || true ;;
    esac
}
start_source() {
    case $1 in
        postgres)
            as_pg_owner "$RUNQL_PG_BIN/pg_ctl" -D "$RUNQL_PG_DATA" -l "$RUNQL_PG_SOCKET_DIR/server.log" -w -t 60 \
                -o "-p $RUNQL_PG_PORT -k $RUNQL_PG_SOCKET_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
                start >/dev/null ;;
        mongo)
            "${RUNQL_STATE_DIR:-.runql}/venv/bin/python" -m secantus --host 127.0.0.1 --port "$RUNQL_MONGO_PORT" \
                --storage-path "$(dirname "$RUNQL_PG_SOCKET_DIR")/mongo" --standalone --log-level WARNING </dev/null >>"$OUT/mongo.log" 2>&1 &
            PIDS+=("$!"); wait_port "$RUNQL_MONGO_PORT" ;;
        skydriver) start_skydriver --no-seed ;;
    esac
}
fault() { # source: stop it for FAULT_SECONDS under load, start it, time until the healthy answer is back
    local before after t0 t1
    before=$(field_errors)
    log "fault: stopping $1 at $(($(date +%s) - START)) s"
    stop_source "$1"
    sleep "$FAULT_SECONDS"
    start_source "$1"
    t0=$(date +%s.%N)
    until [ "$(post "$SPANNING")" = "$HEALTHY" ]; do
        if (( $(date +%s) - ${t0%.*} > 120 )); then log "fault: $1 not recovered after 120 s"; FAILED=1; break; fi
        sleep 0.2
    done
    t1=$(date +%s.%N)
    after=$(field_errors)
    printf 'fault %s: %s field errors while down; full answer %s s after it was back\n' "$1" "$((after - before))" \
        "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')" \
        | tee -a "$OUT/faults.txt" >&2
}

echo "seconds,rss_kb,fds,threads" >"$OUT/samples.csv"
FAILED=0
START=$(date +%s)
sample 0
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s -s "$OUT/mix.lua" "$URL" >"$OUT/wrk.txt" 2>&1 &
WRK=$!; PIDS+=("$WRK")
FAULT_AT=()
[ "$FAULTS" = 1 ] && FAULT_AT=($((DURATION / 4)) $((DURATION / 2)) $((DURATION * 3 / 4)))
SOURCES=(postgres mongo skydriver)
next=10; f=0
while kill -0 "$WRK" 2>/dev/null; do
    now=$(($(date +%s) - START))
    if [ "$f" -lt "${#FAULT_AT[@]}" ] && [ "$now" -ge "${FAULT_AT[$f]}" ]; then fault "${SOURCES[$f]}"; f=$((f + 1)); continue; fi
    if [ "$now" -ge "$next" ]; then sample "$now"; next=$((next + 10)); fi
    kill -0 "$GPID" 2>/dev/null || { log "the gateway died"; FAILED=1; break; }
    sleep 1
done
wait "$WRK" || true
kill -0 "$GPID" 2>/dev/null && sample "$(($(date +%s) - START))" || { log "the gateway is not running at the end"; FAILED=1; }
# Which threads there are at the end, by name without the number (pool threads are named).
THREAD_NAMES=$(cat /proc/"$GPID"/task/*/comm 2>/dev/null | sed 's/-[0-9]*$//' | sort | uniq -c | sort -rn | awk '{printf "%s%s %s", sep, $2, $1; sep=", "}')

# Figures.
cat "$OUT/wrk.txt" >&2
REQUESTS=$(awk '/requests in/ {print $1}' "$OUT/wrk.txt")
RPS=$(awk '/^Requests\/sec:/ {print $2}' "$OUT/wrk.txt")
STATUSES=$(awk '/^status / {printf "%s%s: %s", sep, $2, $3; sep=", "}' "$OUT/wrk.txt")
SERVER_ERRORS=$(awk '/^status 5/ {n += $3} END {print n + 0}' "$OUT/wrk.txt")
GQL_ERRORS=$(awk '/^graphql_errors / {print $2}' "$OUT/wrk.txt")
SOCKET=$(awk '/Socket errors/ {sub(/^ +/, ""); print}' "$OUT/wrk.txt")
read -r W_T W_RSS W_FDS W_THREADS < <(awk -F, -v w="$WARMUP" 'NR > 1 && $1 >= w {print $1, $2, $3, $4; exit}' "$OUT/samples.csv")
read -r S_T S_RSS S_FDS S_THREADS < <(awk -F, 'NR == 2 {print $1, $2, $3, $4}' "$OUT/samples.csv")
read -r E_T E_RSS E_FDS E_THREADS < <(tail -1 "$OUT/samples.csv" | tr , ' ')
GROWTH=$(awk -v a="$W_RSS" -v b="$E_RSS" 'BEGIN {printf "%.1f", (b - a) * 100 / a}')
# Descriptors come and go with connections; growing steadily means even the fewest of the last
# third of the samples is well above the count after warm-up.
LATE_MIN_FDS=$(awk -F, 'NR > 1 {v[++n] = $3} END {m = v[n]; for (i = int(n * 2 / 3) + 1; i <= n; i++) if (v[i] < m) m = v[i]; print m}' "$OUT/samples.csv")

echo
echo "soak $(date -u +%Y-%m-%dT%H:%MZ): DURATION=$DURATION CONNECTIONS=$CONNECTIONS THREADS=$THREADS FAULTS=$FAULTS SOURCES_QUERY=$SOURCES_QUERY on $(nproc) cores"
echo "requests: $REQUESTS ($RPS/s); statuses: ${STATUSES:-none}; answers with GraphQL errors: ${GQL_ERRORS:-?}${SOCKET:+; wrk $SOCKET}"
echo "RSS: $S_RSS kB at start, $W_RSS kB after warm-up (${W_T} s), $E_RSS kB at the end (${E_T} s): ${GROWTH}% after warm-up"
echo "descriptors: $S_FDS at start, $W_FDS after warm-up, $E_FDS at the end; threads: $S_THREADS at start, $W_THREADS after warm-up, $E_THREADS at the end ($THREAD_NAMES)"
[ -f "$OUT/faults.txt" ] && cat "$OUT/faults.txt"
echo "samples: $OUT/samples.csv; gateway log: $OUT/serve.log ($(wc -l <"$OUT/serve.log") lines, $(grep -vc '^{' "$OUT/serve.log" || true) not request lines)"

[ "$SERVER_ERRORS" -eq 0 ] || { echo "FAIL: $SERVER_ERRORS answers with a 5xx status"; FAILED=1; }
awk -v g="$GROWTH" 'BEGIN {exit !(g >= 10)}' && { echo "FAIL: RSS grew ${GROWTH}% after warm-up"; FAILED=1; }
[ "$LATE_MIN_FDS" -le $((W_FDS + 16)) ] || { echo "FAIL: descriptors grew steadily ($W_FDS after warm-up, never below $LATE_MIN_FDS late)"; FAILED=1; }
exit "$FAILED"

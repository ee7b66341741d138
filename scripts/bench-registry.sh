#!/usr/bin/env bash
# End-to-end registry benchmark (issue 10): `runql serve` over the demo registries — XENON and
# XAMS on SecantusDB, the CMS Run Registry on PostgreSQL 15, SkyDriver through the local upstream
# (`runql skydriver-local`) — driven by wrk with nested GraphQL queries. One Markdown table row
# per workload: response size, requests/s, p50/p99 latency, the gateway's CPU time per request,
# its peak RSS, and the calls each source received per request.
#
#   scripts/bench-registry.sh                  # release build, demo data, 10 s per workload
#   SCALE=10 DURATION=30s CONNECTIONS=16 THREADS=2 scripts/bench-registry.sh
#   SCRATCH_PATH=/work/.build-bench scripts/bench-registry.sh   # build directory (default .build)
#   BIN=/path/to/runql scripts/bench-registry.sh                # an already built binary
#   WORKLOADS="cms golden" scripts/bench-registry.sh            # only these workloads
#   scripts/bench-registry.sh smoke            # CI: the debug binary, checks only (see below)
#
# It starts its own throwaway PostgreSQL and SecantusDB (scripts/services.sh), seeds them
# (`runql seed`, `--scale SCALE` when SCALE is given), starts `runql skydriver-local` (its 12
# demo scans at any scale) and then, per workload, a fresh gateway with its defaults (request log
# on, written to a file; metrics on): so the peak RSS (VmHWM) is that workload's, warm-up
# included. Each workload is first sent once alone, which gives the exact source calls per
# request (the delta of `runql_source_calls_total` on /metrics) and the response size; then wrk
# warms up for 2 s, measures ALONE (3 s) over one connection (the latency of a request that
# does not queue) and then DURATION with CONNECTIONS keep-alive connections and THREADS threads
# (wrk's timeout raised to 60 s so that slow answers count in p99); "under load" is the
# counters' delta over the measured run divided by the GraphQL requests the gateway answered in
# it (waiting for those wrk left in flight), and so is the gateway's CPU time per request.
#
# `smoke` (CI): BIN defaults to SCRATCH_PATH/debug/runql (what `swift test` makes; built in debug
# only if missing, never in release), and each workload is sent once alone and then for 1 s by
# wrk with 2 connections (twice more with curl when wrk is not installed, or SMOKE_WRK=0). It
# fails when a workload answers other than 200, with "errors" in its body, or without calling a
# source it must call. Timings mean nothing there.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-wrk}
case $MODE in
    wrk | smoke) ;;
    *) echo "usage: scripts/bench-registry.sh [smoke]" >&2; exit 2 ;;
esac
# Our own servers, always: seeding drops and rewrites the run collections of whatever it points at.
if [ -z "${RUNQL_BENCH_INNER:-}" ]; then
    exec env RUNQL_BENCH_INNER=1 scripts/services.sh "$0" "$@"
fi
unset RUNQL_CONFIG
DURATION=${DURATION:-10s}
ALONE=${ALONE:-3s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
SCRATCH_PATH=${SCRATCH_PATH:-.build}
WORKLOADS=${WORKLOADS:-xenon cms golden scans runs}
# TMP, PIDS and their cleanup, free_port, wait_port, wrk and its figures.
. scripts/bench-common.sh

if [ "$MODE" = smoke ]; then
    # The debug binary `swift test` has built (in CI, a release build would cost minutes); built
    # here only when missing, which links what the tests compiled.
    if [ -z "${BIN:-}" ]; then
        BIN=$SCRATCH_PATH/debug/runql
        [ -x "$BIN" ] || swift build --scratch-path "$SCRATCH_PATH" --product runql >&2
    fi
    # SMOKE_WRK=0 takes the curl path even where wrk is installed (CI images may lack wrk).
    USE_WRK=0
    if [ "${SMOKE_WRK:-1}" != 0 ] && command -v wrk >/dev/null; then USE_WRK=1; else
        echo "bench-registry smoke: without wrk; two more requests with curl per workload instead" >&2
    fi
else
    need_wrk
    release_binary
    USE_WRK=1
fi
[ "$USE_WRK" = 1 ] && write_post_lua

# SkyDriver's upstream seeds its own database; the run collections and the CMS registry are
# seeded by two `runql seed` at once (each given one source), which saves a few seconds.
SKY_PORT=$(free_port)
"$BIN" skydriver-local --port "$SKY_PORT" >"$TMP/skydriver.log" 2>&1 &
PIDS+=("$!")
env -u RUNQL_PG_CONNINFO "$BIN" seed ${SCALE:+--scale "$SCALE"} >&2 &
SEED_RUNS=$!
env -u RUNQL_MONGO_URI "$BIN" seed ${SCALE:+--scale "$SCALE"} >&2 &
SEED_CMS=$!
wait "$SEED_RUNS"
wait "$SEED_CMS"
wait_port "$SKY_PORT" 600 || { cat "$TMP/skydriver.log" >&2; exit 1; }
export RUNQL_SKYDRIVER_URL=http://127.0.0.1:$SKY_PORT

# The workloads: name, the sources each request must call, the POST body.
declare -A SOURCES BODY
SOURCES[xenon]="mongodb"
BODY[xenon]='{"query":"query XenonRunsData { xenonRuns(first: 50) { totalCount nodes { number name start end mode source data { type host location status did } } } }"}'
# Per-range triplets would be closer to what a certification page asks, but multiply the estimated
# complexity past the default limit (10,000): every unsized list counts 10.
SOURCES[cms]="postgresql"
BODY[cms]='{"query":"query CmsRunsDatasetsRanges { cmsRuns(first: 20) { nodes { number class state start datasets { name lumisectionRanges { start end } } } } }"}'
# The demo CMS registry is 2018; every Collisions2018 PromptReco dataset is that year's physics.
SOURCES[golden]="postgresql"
BODY[golden]='{"query":"query GoldenJson2018($rule: JSON!) { cmsGoldenJson(datasetNameFilter: \"/PromptReco/Collisions2018%\", jsonLogic: $rule) { runCount lumisectionCount evaluations runs } }","variables":{"rule":{"and":[{">=":[{"var":"run.oms.energy"},6000]},{"==":[{"var":"lumisection.rr.dt-dt"},"GOOD"]}]}}}'
SOURCES[scans]="skydriver"
BODY[scans]='{"query":"query ScansWithResults { scans(first: 12) { totalCount nodes { scanId state eventMetadata { runId eventId } result { isFinal nsides { nside rowCount rows(offset: 100, limit: 100) } } } } }"}'
SOURCES[runs]="mongodb postgresql"
BODY[runs]='{"query":"query RunsPage { runs(first: 50) { totalCount nodes { __typename experiment number start end ... on CmsRun { class } ... on XenonRun { source } } pageInfo { hasNextPage endCursor } unavailable { experiment code } } }"}'

# source_calls PORT: "mongodb N postgresql N skydriver N" from /metrics.
source_calls() {
    curl -s "http://127.0.0.1:$1/metrics" |
        awk -F'[{}" ]+' '/^runql_source_calls_total\{/ {printf "%s %s ", $3, $4}'
}
# graphql_requests PORT: GraphQL requests the gateway has answered.
graphql_requests() {
    curl -s "http://127.0.0.1:$1/metrics" | awk '/^runql_http_requests_total\{route="graphql"/ {n += $NF} END {print n + 0}'
}
# wait_idle PORT: until the gateway has answered every request wrk left in flight (the scrape
# itself is the one in flight), so their calls and CPU time are not put on the requests counted.
wait_idle() {
    for _ in $(seq 1 600); do
        [ "$(curl -s "http://127.0.0.1:$1/metrics" | awk '/^runql_http_requests_in_flight / {print $2}')" -le 1 ] && return 0
        sleep 0.1
    done
    echo "bench-registry: the gateway still had requests in flight after 60 s" >&2
}
# calls_between BEFORE AFTER [REQUESTS]: "source n, ..." for each source the counters moved for,
# divided by REQUESTS when given.
calls_between() {
    awk -v before="$1" -v after="$2" -v n="${3:-1}" 'BEGIN {
        split(before, b, " "); na = split(after, a, " "); out = ""
        for (i = 1; i < na; i += 2) {
            d = a[i + 1] - b[i + 1]
            if (d > 0) out = out (out == "" ? "" : ", ") a[i] " " (n == 1 ? d : sprintf("%.2f", d / n))
        }
        print (out == "" ? "none" : out)
    }'
}

# Slow workloads (seconds per request at --scale 10) need a decimal; wrk prints zero latencies
# when no request finished in its time, which would read as instant.
rate() { awk '/^Requests\/sec:/ {printf ($2 < 10 ? "%.1f" : "%.0f"), $2}' "$1"; }
percentile() { if [ "$(wrk_requests "$1")" = 0 ]; then echo "none finished"; else wrk_percentile "$1" "$2"; fi; }

start_gateway() {
    GPORT=$(free_port)
    "$BIN" serve --port "$GPORT" >"$TMP/serve.out" 2>"$TMP/requests.log" &
    GPID=$!
    PIDS+=("$GPID")
    wait_port "$GPORT" 600 || { cat "$TMP/serve.out" "$TMP/requests.log" >&2; exit 1; }
}
stop_gateway() { kill "$GPID"; wait "$GPID" 2>/dev/null || true; }

FAILED=0
# check NAME: the lone request's answer and calls; records a failure (smoke fails on it).
check() {
    local name=$1 status=$2 calls=$3 source
    if [ "$status" != 200 ]; then echo "bench-registry: $name answered HTTP $status" >&2; FAILED=1; fi
    if grep -q '"errors"' "$TMP/reply.json"; then echo "bench-registry: $name answered errors: $(head -c 600 "$TMP/reply.json")" >&2; FAILED=1; fi
    for source in ${SOURCES[$name]}; do
        case ", $calls" in *", $source "*) ;; *) echo "bench-registry: $name made no $source calls (calls: $calls)" >&2; FAILED=1 ;; esac
    done
}

run() {
    local name=$1 body=${BODY[$1]} before after status size calls
    start_gateway
    local url=http://127.0.0.1:$GPORT/graphql
    before=$(source_calls "$GPORT")
    status=$(curl -s -o "$TMP/reply.json" -w '%{http_code}' -H 'Content-Type: application/json' \
        -H 'Accept: application/graphql-response+json' -d "$body" "$url")
    after=$(source_calls "$GPORT")
    size=$(wc -c <"$TMP/reply.json")
    calls=$(calls_between "$before" "$after")
    check "$name" "$status" "$calls"
    if [ "$MODE" = smoke ]; then
        # How many requests finish in the second depends on the machine (a debug golden JSON
        # can take longer), so only what was answered is checked, never how much.
        if [ "$USE_WRK" = 1 ]; then
            BENCH_BODY=$body wrk -t1 -c2 -d1s --timeout 60s --latency -s "$TMP/post.lua" "$url" >"$TMP/wrk.txt"
            [ -n "$(wrk_rps "$TMP/wrk.txt")" ] && [ -z "$(wrk_errors "$TMP/wrk.txt")" ] ||
                { echo "bench-registry: $name under wrk: $(cat "$TMP/wrk.txt")" >&2; FAILED=1; }
        else
            for _ in 1 2; do
                [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" "$url")" = 200 ] ||
                    { echo "bench-registry: $name failed on a repeat" >&2; FAILED=1; }
            done
        fi
        printf '| %s | %s B | %s |\n' "$name" "$size" "$calls"
        stop_gateway
        return
    fi
    # wrk's default timeout (2 s) would drop the slow tail and hide it from p99.
    BENCH_BODY=$body wrk -t"$THREADS" -c"$CONNECTIONS" -d2s --timeout 60s -s "$TMP/post.lua" "$url" >/dev/null
    # One connection: the latency of a request that does not queue behind others (the warm-up's
    # last requests answered first).
    wait_idle "$GPORT"
    BENCH_BODY=$body wrk -t1 -c1 -d"$ALONE" --timeout 60s --latency -s "$TMP/post.lua" "$url" >"$TMP/alone.txt"
    local cpu0 cpu1 requests cpu load answered0
    wait_idle "$GPORT"
    before=$(source_calls "$GPORT")
    answered0=$(graphql_requests "$GPORT")
    cpu0=$(cpu_ticks "$GPID")
    BENCH_BODY=$body wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 60s --latency -s "$TMP/post.lua" "$url" >"$TMP/wrk.txt"
    wait_idle "$GPORT"
    cpu1=$(cpu_ticks "$GPID")
    after=$(source_calls "$GPORT")
    # What the gateway answered, the requests wrk gave up on when it stopped included.
    requests=$(($(graphql_requests "$GPORT") - answered0))
    load=$(calls_between "$before" "$after" "$requests")
    cpu=$(awk -v t="$((cpu1 - cpu0))" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.1f ms", t / hz / n * 1e3}')
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s (under load: %s) | %s |\n' \
        "$name" "$(awk -v s="$size" 'BEGIN {printf (s >= 10240 ? "%.0f KB" : "%d B"), (s >= 10240 ? s / 1024 : s)}')" \
        "$(rate "$TMP/wrk.txt")" "$(percentile "$TMP/wrk.txt" 50%)" "$(percentile "$TMP/wrk.txt" 99%)" \
        "$(percentile "$TMP/alone.txt" 50%) ($(rate "$TMP/alone.txt")/s)" \
        "$cpu" "$(peak_rss "$GPID")" "$calls" "$load" "$(wrk_errors "$TMP/wrk.txt")"
    stop_gateway
}

echo "before the run: $(load_average); $MODE mode, scale ${SCALE:-1}, $BIN" >&2
if [ "$MODE" = smoke ]; then
    echo "| workload | response | source calls per request |"
    echo "|---|---|---|"
else
    echo "| workload | response | requests/s | p50 | p99 | p50 alone (1 connection) | gateway CPU per request | gateway RSS (peak) | source calls per request | errors |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
fi
for name in $WORKLOADS; do
    [ -n "${BODY[$name]:-}" ] || { echo "bench-registry: unknown workload $name (known: ${!BODY[*]})" >&2; exit 2; }
    run "$name"
done
echo "after the run: $(load_average); ${SECONDS} s since the services were up" >&2
exit "$FAILED"

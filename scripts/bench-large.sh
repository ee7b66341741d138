#!/usr/bin/env bash
# Large responses (issue 10, item 4): the gateway's peak memory while it answers one large
# GraphQL response, against that response's size. It starts its own PostgreSQL
# and SecantusDB (scripts/services.sh), seeds the CMS registry (`runql seed`) and adds 100
# synthetic runs of 5,000 alternating lumisections each (scripts/bench-large.sql), seeds the run
# collections at --scale 30 (whole XENONnT documents), then per workload starts a
# fresh gateway, warms it up with the same query over one run, and sends the large query once:
# "peak over baseline" is the largest resident set scripts/rss-sampler.py sees during that
# request (sampled every millisecond; the kernel's VmHWM misses peaks whose memory malloc hands
# back) minus the resident set just before. `runql-bench large` measures the same in process.
#
# Then, when it is built (release), `runql-bench large` measures the engine and the CMS resolvers
# alone, in process, on the same data.
#
#   scripts/bench-large.sh                 # release build
#   BIN=/path/to/runql scripts/bench-large.sh
#   WORKLOADS=ranges scripts/bench-large.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${RUNQL_BENCH_INNER:-}" ]; then
    exec env RUNQL_BENCH_INNER=1 scripts/services.sh "$0" "$@"
fi
unset RUNQL_CONFIG
SCRATCH_PATH=${SCRATCH_PATH:-.build}
. scripts/bench-common.sh
release_binary

# The CMS registry with the synthetic runs, and the run collections at --scale 30 (9,000 XENONnT
# runs), seeded at once (each `runql seed` given one source).
env -u RUNQL_MONGO_URI "$BIN" seed >&2 &
SEED_CMS=$!
env -u RUNQL_PG_CONNINFO "$BIN" seed --scale 30 >&2 &
SEED_RUNS=$!
wait "$SEED_CMS"
"$RUNQL_PG_BIN/psql" -h 127.0.0.1 -p "$RUNQL_PG_PORT" -U postgres -d runql -qAt -v ON_ERROR_STOP=1 -f scripts/bench-large.sql >&2
wait "$SEED_RUNS"

# Workloads: a GraphQL query with FIRST where the page size goes (1 to warm up, SIZE measured),
# and what the answer must hold COUNT times.
declare -A QUERY SIZE PATTERN COUNT
QUERY[ranges]='{ cmsRuns(first: FIRST) { nodes { number datasets { name lumisectionRanges { start end } } } } }'
SIZE[ranges]=100 PATTERN[ranges]='"start"' COUNT[ranges]=500000
QUERY[triplets]='{ cmsRuns(first: FIRST) { nodes { number datasets { name lumisectionRanges { start end triplets { component triplet { status } } } } } } }'
SIZE[triplets]=100 PATTERN[triplets]='"start"' COUNT[triplets]=500000
# Whole XENONnT run documents (`doc`), three pages of 1,000 side by side.
QUERY[xenon]='{ a: xenonRuns(first: FIRST, where: {number: {gte: 8000, lt: 9000}}) { nodes { number doc } } b: xenonRuns(first: FIRST, where: {number: {gte: 9000, lt: 10000}}) { nodes { number doc } } c: xenonRuns(first: FIRST, where: {number: {gte: 10000, lt: 11000}}) { nodes { number doc } } }'
SIZE[xenon]=1000 PATTERN[xenon]='"doc"' COUNT[xenon]=3000
WORKLOADS=${WORKLOADS:-ranges triplets xenon}

body() { python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1].replace("FIRST", sys.argv[2])}))' "${QUERY[$1]}" "$2"; }
kb() { awk -v k="$1" 'BEGIN {printf "%.1f MB", k * 1024 / 1e6}'; }
status_kb() { awk -v f="$2" '$1 == f ":" {print $2}' "/proc/$1/status"; }

FAILED=0
echo "| workload | response | time | gateway RSS before | peak over baseline | peak / response |"
echo "|---|---|---|---|---|---|"
for name in $WORKLOADS; do
    PORT=$(free_port)
    # Large pages exceed the default complexity estimate (every unsized list counts 10).
    RUNQL_MAX_COMPLEXITY=100000000 "$BIN" serve --port "$PORT" >"$TMP/serve.out" 2>"$TMP/requests.log" &
    GPID=$!
    PIDS+=("$GPID")
    wait_port "$PORT" 600 || { cat "$TMP/serve.out" "$TMP/requests.log" >&2; exit 1; }
    url=http://127.0.0.1:$PORT/graphql
    curl -s -o /dev/null -H 'Content-Type: application/json' -d "$(body "$name" 1)" "$url"
    sleep 0.5
    before=$(status_kb "$GPID" VmRSS)
    scripts/rss-sampler.py "$GPID" "$TMP/stop" >"$TMP/peak" &
    SAMPLER=$!
    read -r status size seconds < <(curl -s -o "$TMP/reply.json" -w '%{http_code} %{size_download} %{time_total}\n' \
        -H 'Content-Type: application/json' -d "$(body "$name" "${SIZE[$name]}")" "$url")
    touch "$TMP/stop"
    wait "$SAMPLER"
    rm -f "$TMP/stop"
    peak=$(cat "$TMP/peak")
    if [ "$status" != 200 ] || grep -q '"errors"' "$TMP/reply.json"; then
        echo "bench-large: $name answered HTTP $status: $(head -c 600 "$TMP/reply.json")" >&2
        FAILED=1
    fi
    # Everything asked for is in the answer (every run's 5,000 ranges, every document).
    found=$(grep -o "${PATTERN[$name]}" "$TMP/reply.json" | wc -l || true)
    [ "$found" = "${COUNT[$name]}" ] || { echo "bench-large: $name answered ${PATTERN[$name]} $found times, not ${COUNT[$name]}" >&2; FAILED=1; }
    printf '| %s | %s | %s s | %s | %s | %s |\n' "$name" "$(kb $((size / 1024)))" "$seconds" "$(kb "$before")" \
        "$(kb $((peak - before)))" "$(awk -v p=$((peak - before)) -v s="$size" 'BEGIN {printf "%.2f", p * 1024 / s}')"
    kill "$GPID"; wait "$GPID" 2>/dev/null || true
done
BENCH=$(dirname "$BIN")/runql-bench
if [ -x "$BENCH" ]; then
    # One process per query: memory one query freed stays resident for the next.
    RUNQL_LARGE_QUERY=ranges "$BENCH" large
    RUNQL_LARGE_QUERY="read only" "$BENCH" large
fi
exit "$FAILED"

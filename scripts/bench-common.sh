# Helpers the benchmark scripts share (scripts/bench-http.sh, scripts/bench-registry.sh); sourced,
# not run. Sourcing it makes a temporary directory ($TMP) and an EXIT trap that kills every
# process id the script appends to PIDS and removes $TMP.

TMP=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$TMP"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 "${2:-100}"); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }

# need_wrk: wrk (Debian's package) installed if missing; fails with a message when it cannot be.
need_wrk() {
    command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || { echo "install wrk (apt-get install wrk)" >&2; return 1; }; }
}

# release_binary: sets BIN to the release `runql` built in SCRATCH_PATH, unless BIN is given
# (an already built binary, e.g. an older one for a paired comparison).
release_binary() {
    if [ -z "${BIN:-}" ]; then
        swift build -c release --scratch-path "$SCRATCH_PATH" --product runql >&2
        BIN=$SCRATCH_PATH/release/runql
    fi
}

# $TMP/post.lua: wrk POSTs the JSON body in $BENCH_BODY to /graphql.
write_post_lua() {
    cat > "$TMP/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"
LUA
}

# Figures from a `wrk --latency` report FILE.
wrk_rps() { awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$1"; }
wrk_requests() { awk '/requests in/ {print $1}' "$1"; }
wrk_percentile() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
wrk_errors() { awk '/Non-2xx|Socket errors/ {print}' "$1" | tr '\n' ' '; }
# Peak resident memory (VmHWM) of process PID.
peak_rss() { awk '/^VmHWM:/ {printf "%.1f MB", $2/1024}' "/proc/$1/status"; }
# CPU ticks (user + system) of process PID so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
load_average() { echo "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"; }

#!/usr/bin/env bash
# libFuzzer targets with AddressSanitizer (Fuzz/Targets, one file each):
#   graphql-document  lexer, parser, printer round trip, validation
#   json-body         the JSON body parser and writer round trip
#   variables         variable coercion and execution of a fixed operation
#   http-request      the incremental HTTP/1.1 request parser
#   rr-filter         the Run Registry filter translator
#   json-logic        the golden-JSON json-logic checker and evaluator
#
#   scripts/fuzz.sh build [TARGET...]        build (into .build-fuzz/, git-ignored)
#   scripts/fuzz.sh run TARGET [SECONDS]     fuzz one target (default 600 s) from its seed corpus
#   scripts/fuzz.sh smoke [SECONDS]          every target for a few seconds (default 5): CI's check
#
# Seeds live in Fuzz/Corpus/TARGET (small, committed); what a run adds goes to
# .build-fuzz/corpus/TARGET. A crash leaves .build-fuzz/crash-*: turn it into a regression test.
# Targets are compiled by swiftc directly (SwiftPM would link libFuzzer's main into every
# product): GraphQLKit as one instrumented module, and the few files each other target needs.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=.build-fuzz
TARGETS=(graphql-document json-body variables http-request rr-filter json-logic)
FLAGS=(-parse-as-library -O -g -sanitize=address)
mkdir -p "$OUT"

graphqlkit() {
    local sources=()
    mapfile -t sources < <(find Sources/GraphQLKit -name '*.swift' | sort)
    # Up to date when no source is newer than the object (no `ls | head`: under pipefail its
    # SIGPIPE fails the script whenever head exits before ls has written everything).
    if [ -f "$OUT/GraphQLKit.o" ] && [ -z "$(find Sources/GraphQLKit -name '*.swift' -newer "$OUT/GraphQLKit.o" -print -quit)" ]; then
        return
    fi
    echo "[fuzz] building GraphQLKit (instrumented)" >&2
    # `-sanitize=fuzzer` when only compiling instruments (libFuzzer's coverage) without linking its main.
    swiftc "${FLAGS[@]}" -sanitize=fuzzer -enable-testing -module-name GraphQLKit -wmo \
        -emit-module -emit-module-path "$OUT/GraphQLKit.swiftmodule" -c "${sources[@]}" -o "$OUT/GraphQLKit.o"
}

# The sources (besides the target's own file) each target is built from.
sources_of() {
    case $1 in
        graphql-document|json-body|variables) ;;
        http-request)
            echo Sources/Gateway/HTTP/HTTPRequestParser.swift Sources/Gateway/HTTP/HTTPRequest.swift \
                Sources/Gateway/HTTP/KnownHeaderFields.swift Sources/Gateway/HTTP/CommonRequestStrings.swift \
                Sources/Gateway/HTTP/ByteComparison.swift ;;
        rr-filter|json-logic)
            echo Sources/Resolvers/CMS/RRFilter.swift Sources/Resolvers/CMS/JSONLogic.swift \
                Sources/Resolvers/Connectors/Postgres/PostgresValue.swift Sources/Resolvers/Common/RegistryError.swift ;;
        *) echo "unknown target $1 (one of: ${TARGETS[*]})" >&2; exit 2 ;;
    esac
}

build() {
    local target=$1 extra
    extra=$(sources_of "$target")
    case $target in
        http-request) swiftc "${FLAGS[@]}" -sanitize=fuzzer -module-name FuzzHTTP $extra "Fuzz/Targets/$target.swift" -o "$OUT/$target" ;;
        *)
            graphqlkit
            swiftc "${FLAGS[@]}" -sanitize=fuzzer -module-name "Fuzz_${target//-/_}" -I "$OUT" $extra \
                "Fuzz/Targets/$target.swift" "$OUT/GraphQLKit.o" -o "$OUT/$target" ;;
    esac 2> >(grep -v "ld.gold: warning: Cannot export local symbol" >&2)
}

run() {
    local target=$1 seconds=$2
    [ -x "$OUT/$target" ] || build "$target"
    mkdir -p "$OUT/corpus/$target"
    (cd "$OUT" && "./$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
        -print_final_stats=1 "corpus/$target" "../Fuzz/Corpus/$target")
}

command=${1:-smoke}
shift || true
case $command in
    build) for t in "${@:-${TARGETS[@]}}"; do build "$t"; done ;;
    run) [ $# -ge 1 ] || { echo "usage: scripts/fuzz.sh run TARGET [SECONDS]" >&2; exit 2; }; run "$1" "${2:-600}" ;;
    smoke)
        for t in "${TARGETS[@]}"; do build "$t"; done
        for t in "${TARGETS[@]}"; do
            if run "$t" "${1:-5}" > "$OUT/$t.log" 2>&1; then
                echo "[fuzz] $t: $(grep -E '^stat::number_of_executed_units' "$OUT/$t.log" | awk '{print $2}') inputs, no failure"
            else
                tail -40 "$OUT/$t.log" >&2
                echo "[fuzz] $t failed: the input is in $OUT (crash-*, leak-*, timeout-*)" >&2
                exit 1
            fi
        done ;;
    *) echo "usage: scripts/fuzz.sh build|run|smoke" >&2; exit 2 ;;
esac

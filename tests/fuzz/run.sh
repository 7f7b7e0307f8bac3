#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan) and runs each for SECONDS,
# two at a time. Exits non-zero if any target crashed, leaked, timed out, ran out of memory or broke
# an invariant; the input that did it is kept (docs/FUZZING.md).
#
#   tests/fuzz/run.sh SECONDS [TARGET...]     TARGET: pipeline, otlp_json, ... (default: all)
#
# Environment:
#   FUZZ_JOBS=2            targets run at the same time (one core each)
#   FUZZ_TIMEOUT=10        seconds one input may take before it counts as a hang
#   FUZZ_RSS_LIMIT_MB=2048 memory a target may use before it counts as a blow-up
#   FUZZ_MAX_LEN=32768     largest input the fuzzer tries
#   FUZZ_WORK=build/fuzz-work   where the growing corpora, findings and logs go (git-ignored)
#   FUZZ_SKIP_BUILD=1      use the binaries in build/fuzz/fuzz as they are
set -euo pipefail
cd "$(dirname "$0")/../.."

usage() {
    echo "usage: tests/fuzz/run.sh SECONDS [TARGET...]" >&2
    exit 2
}
[ $# -ge 1 ] && [[ $1 =~ ^[0-9]+$ ]] || usage
seconds=$1
shift

jobs=${FUZZ_JOBS:-2}
timeout=${FUZZ_TIMEOUT:-10}
rss_limit=${FUZZ_RSS_LIMIT_MB:-2048}
max_len=${FUZZ_MAX_LEN:-32768}
work=${FUZZ_WORK:-build/fuzz-work}
bin=build/fuzz/fuzz

all_targets=()
for source in tests/fuzz/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    all_targets+=("${name#fuzz_}")
done
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
    [ -f "tests/fuzz/fuzz_$target.cpp" ] || { echo "run.sh: no fuzz target '$target'" >&2; usage; }
done

if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
    ./scripts/install-deps.sh
    cmake --preset fuzz >/dev/null
    build_targets=()
    for target in "${targets[@]}"; do build_targets+=("fuzz_$target"); done
    cmake --build build/fuzz --target "${build_targets[@]}"
fi

# The dictionaries a target uses; several are merged into one file (libFuzzer takes one).
dictionaries() {
    case $1 in
    otlp_json | otlp_jsonl) echo otlp_json ;;
    otlp_proto) echo otlp_proto ;;
    jaeger_json) echo jaeger_json ;;
    zipkin_json) echo zipkin_json ;;
    json_scanner) echo otlp_json jaeger_json zipkin_json ;;
    sniffer | pipeline) echo otlp_json jaeger_json zipkin_json otlp_proto framing ;;
    decompress) echo framing ;;
    attributes) echo attributes ;;
    trace_pack) echo trace_pack ;;
    ids) echo ids ;;
    esac
}

mkdir -p "$work/dicts"
run_target() {
    local target=$1
    local corpus=$work/corpus/$target findings=$work/findings/$target log=$work/logs/$target.log
    mkdir -p "$corpus" "$findings" "$(dirname "$log")"
    local dict=$work/dicts/$target.dict
    : >"$dict"
    for name in $(dictionaries "$target"); do cat "tests/fuzz/$name.dict" >>"$dict"; done
    # The first folder receives what the fuzzer finds; the seeds and the regression files are read.
    local inputs=("$corpus" "tests/fuzz/corpus/$target")
    [ -d "tests/data/fuzz-regressions/$target" ] && inputs+=("tests/data/fuzz-regressions/$target")
    local status=0 started
    started=$(date +%s)
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0:${ASAN_OPTIONS:-} \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-} \
        "$bin/fuzz_$target" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss_limit" \
        -malloc_limit_mb="$rss_limit" -max_len="$max_len" -dict="$dict" -print_final_stats=1 \
        -artifact_prefix="$findings/" "${inputs[@]}" >"$log" 2>&1 || status=$?
    echo "$status" >"$log.status"
    echo $(($(date +%s) - started)) >"$log.seconds"
}

summary() {
    local target=$1 log=$work/logs/$1.log
    local status elapsed executions speed new rss found
    status=$(cat "$log.status")
    elapsed=$(cat "$log.seconds")
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    new=$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
    found=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tr '\n' ' ')
    # One line per run and target, so that totals can be added up across runs.
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$elapsed" "${executions:-0}" "$status" \
        "$found" >>"$work/history.tsv"
    if [ "$status" = 0 ]; then
        printf '%-13s ok     %5ss %10s execs %6s/s %5s new inputs, peak %s MB\n' "$target" "$elapsed" \
            "${executions:-?}" "${speed:-?}" "${new:-?}" "${rss:-?}"
    else
        local kind
        kind=$(grep -m1 -oE 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer): [a-zA-Z -]+|runtime error: .*|terminate called after .*|what\(\): .*' "$log" || true)
        printf '%-13s FAILED %5ss exit %s: %s\n' "$target" "$elapsed" "$status" "${kind:-see the log}"
        printf '              input: %s\n              log:   %s\n' "${found:-none saved}" "$log"
    fi
    [ "$status" = 0 ]
}

echo "fuzzing ${#targets[@]} target(s) for ${seconds}s each, $jobs at a time (logs in $work/logs)"
running=0
for target in "${targets[@]}"; do
    if [ "$running" -ge "$jobs" ]; then
        wait -n || true
        running=$((running - 1))
    fi
    run_target "$target" &
    running=$((running + 1))
done
wait

failed=0
for target in "${targets[@]}"; do
    summary "$target" || failed=$((failed + 1))
done
if [ "$failed" -gt 0 ]; then
    echo "$failed target(s) failed. Reproduce: $bin/fuzz_TARGET INPUT; minimise: $bin/fuzz_TARGET" \
        "-minimize_crash=1 -runs=10000 INPUT; then add it to tests/data/fuzz-regressions/TARGET/." >&2
    exit 1
fi
echo "all ${#targets[@]} target(s) ran clean"

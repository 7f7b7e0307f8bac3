#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The performance lab in one command: builds, generates traces, runs every benchmark with a baseline
# in the same run, and writes the results into docs/PERFORMANCE.md (between the "results" markers).
#   tests/bench/run.sh [--quick]      --quick: 100k spans only (a few minutes)
# About 10 minutes on the 2-core development machine. Needs nothing but the project's dependencies,
# python3 (the baseline) and valgrind (paint instructions).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
quick=0
[ "${1:-}" = "--quick" ] && quick=1

./scripts/install-deps.sh
for tool in python3 valgrind; do
    command -v $tool >/dev/null || { echo "run.sh: $tool is needed" >&2; exit 1; }
done
cmake --preset default >/dev/null
cmake --build --preset default --target spanscope spanscope-generate bench_import bench_store bench_layout bench_paint

bin=$root/build/default/bin
work=$root/build/bench
mkdir -p "$work"
results=$work/results.txt
: >"$results"
export XDG_CACHE_HOME=$work/cache

record() { echo "$1 $2" >>"$results"; }
# Collects the "RESULT key value" lines of a benchmark's output under a prefix.
collect() {
    local prefix=$1
    # (a command without RESULT lines, such as the baseline, is not an error)
    { grep '^RESULT ' || true; } | while read -r _ key value; do record "${prefix}${key}" "$value"; done
}
# Peak RSS (MB) and seconds of a command, from /usr/bin/time.
measure() {
    local prefix=$1
    shift
    /usr/bin/time -f "TIME %e %M" -o "$work/time.txt" "$@" >"$work/out.txt" 2>&1 || {
        cat "$work/out.txt" >&2
        return 1
    }
    read -r _ seconds kb <"$work/time.txt"
    record "${prefix}wall_s" "$seconds"
    record "${prefix}rss_mb" "$((kb / 1024))"
    collect "$prefix" <"$work/out.txt"
}

sizes="100000"
[ $quick = 1 ] || sizes="100000 1000000"

echo "== machine"
record machine_cpu "$(lscpu | sed -n 's/^Model name: *//p' | head -1 | tr ' ' '_')"
record machine_cores "$(nproc)"
record machine_memory_gb "$(free -g | awk '/Mem:/{print $2}')"

for n in $sizes; do
    echo "== $n spans: generate and convert"
    json=$work/gen-$n.otlp.json
    [ -f "$json" ] || "$bin/spanscope-generate" --spans "$n" --traces 1 --seed 7 --out "$json"
    record "bytes_$n" "$(stat -c %s "$json")"
    for format in otlp-proto jaeger-json zipkin-json; do
        out=$work/gen-$n.$format
        [ -f "$out" ] || "$bin/spanscope" convert --no-cache "$json" --to "$format" --out "$out" >/dev/null
    done

    echo "== $n spans: baseline (Python json.load of the OTLP JSON)"
    measure "baseline_$n." python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$json"

    for format in otlp-json otlp-proto jaeger-json zipkin-json; do
        file=$json
        [ $format = otlp-json ] || file=$work/gen-$n.$format
        echo "== $n spans: import $format"
        record "bytes_${n}_$format" "$(stat -c %s "$file")"
        measure "import_${n}_$format." "$bin/bench_import" "$file" --full-only
    done

    # The command line as a user waits for it, next to the in-process import above: process start,
    # workspace, import, output, closing and deleting the throw-away workspace, exit.
    echo "== $n spans: the command line"
    for run in 1 2 3 4 5; do "$bin/bench_import" "$json" --full-only | grep '^RESULT import_s '; done |
        sort -n -k3 | head -1 | collect "cli_${n}_in_process." # the best of five, like the runs below
    python3 "$root/tests/bench/cli_wall.py" 5 "$bin/spanscope" info --no-cache "$json" | collect "cli_${n}_info_no_cache."
    rm -rf "$XDG_CACHE_HOME/spanscope"
    "$bin/spanscope" info "$json" >/dev/null # into the shared cache, for the runs that reuse it
    python3 "$root/tests/bench/cli_wall.py" 5 "$bin/spanscope" info "$json" | collect "cli_${n}_info_cached."
    python3 "$root/tests/bench/cli_wall.py" 5 "$bin/spanscope" critical-path "$json" | collect "cli_${n}_critical_path_cached."
done

echo "== stages of the import (100k, OTLP JSON)"
"$bin/bench_import" "$work/gen-100000.otlp.json" | tee "$work/stages.txt"

echo "== store alone"
storeSpans=1000000
[ $quick = 1 ] && storeSpans=100000
"$bin/bench_store" --spans $storeSpans --eav | tee "$work/store.txt"

echo "== layout"
layoutSpans=1000000
[ $quick = 1 ] && layoutSpans=100000
"$bin/bench_layout" $layoutSpans 5 | tee "$work/layout.txt"

echo "== waterfall: paint and rows"
for n in 1000 100000 $([ $quick = 1 ] || echo 1000000); do
    "$bin/bench_paint" --spans "$n" | collect ""
    rm -f "$work"/callgrind.out.*
    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$work/callgrind.out.%p" \
        "$bin/bench_paint" --spans "$n" --frames 1 >/dev/null 2>&1
    # The program dumps twice: 1 is one full frame, 2 one 40-pixel pan frame through the cache.
    frame=$(ls "$work"/callgrind.out.*.1 2>/dev/null | head -1)
    instructions=$(grep -E '^totals:' "$frame" | head -1 | awk '{print $2}') # summary: is 0 in a part dumped by the program
    record "paint_instructions_$n" "$instructions"
    pan=$(ls "$work"/callgrind.out.*.2 2>/dev/null | head -1)
    record "paint_pan_instructions_$n" "$(grep -E '^totals:' "$pan" | head -1 | awk '{print $2}')"
done

echo "== writing docs/PERFORMANCE.md"
python3 "$root/tests/bench/report.py" "$results" "$work" "$root/docs/PERFORMANCE.md"
echo "done: docs/PERFORMANCE.md"

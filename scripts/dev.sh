#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The project's entry points. Each one installs what is missing, configures and builds first.
#   scripts/dev.sh run [FILE...]     open Spanscope (on the bundled sample trace by default)
#   scripts/dev.sh test [asan]       build and run the whole test suite (asan: under ASan + UBSan)
#   scripts/dev.sh build [PRESET]    only build (presets: default, debug, asan, fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."

command=${1:-run}
shift || true

./scripts/install-deps.sh

build() {
    local preset=$1
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset"
}

case "$command" in
run)
    build default
    if [ $# -eq 0 ]; then
        set -- resources/samples/checkout.otlp.json
    fi
    exec build/default/bin/spanscope "$@"
    ;;
test)
    preset=${1:-default}
    build "$preset"
    # No display needed: GUI tests use Qt's offscreen platform.
    status=0
    QT_QPA_PLATFORM=offscreen ctest --preset "$preset" || status=$?
    # QTest's "Totals: ... N skipped" lines, summed over the run: a skip hides what it did not test.
    skipped=$(awk '/^Totals:/ { for (i = 2; i < NF; i++) if ($(i + 1) ~ /^skipped/) s += $i } END { print s + 0 }' \
        "build/$preset/Testing/Temporary/LastTest.log")
    echo "$skipped" >"build/$preset/skipped-tests"
    echo "spanscope: $skipped skipped test function(s) in the $preset run" >&2
    exit $status
    ;;
build)
    build "${1:-default}"
    ;;
*)
    echo "usage: scripts/dev.sh run [FILE...] | test [asan] | build [PRESET]" >&2
    exit 2
    ;;
esac

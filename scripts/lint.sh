#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The lint gate (.ci/run calls it): clang-format over every C++ file in the repository, then
# clang-tidy (.clang-tidy) and clazy (Qt's own pitfalls: the checks below) over the product's
# sources. Fails on any finding and lists them.
#   scripts/lint.sh                 everything
#   scripts/lint.sh --changed BASE  clang-tidy and clazy only on the .cpp files changed since BASE
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh

# clazy's level0 and level1 checks: the ones Qt Creator and KDE enable by default.
clazy_checks=level0,level1

changed_since=""
if [ "${1:-}" = "--changed" ]; then
    changed_since=${2:?usage: scripts/lint.sh [--changed BASE]}
fi

status=0

# 1. Formatting: every C++ file that git knows, against the committed .clang-format.
mapfile -t all_cxx < <(git ls-files '*.cpp' '*.h')
if ! clang-format --dry-run -Werror "${all_cxx[@]}" 2>/tmp/spanscope-format.$$; then
    echo "spanscope lint: files not clang-formatted (run clang-format -i on them):" >&2
    grep -o '^[^:]*\.\(cpp\|h\)' /tmp/spanscope-format.$$ | sort -u >&2
    status=1
fi
rm -f /tmp/spanscope-format.$$

# 2. The product's translation units, from the build's compile database (generated protobuf and
# moc files must exist, so the default preset is configured and built first).
cmake --preset default >/dev/null
cmake --build --preset default >/dev/null
if [ -n "$changed_since" ]; then
    # A changed header stands for its own .cpp (the one translation unit sure to include it).
    mapfile -t units < <(git diff --name-only --diff-filter=AMR "$changed_since" -- \
        'model/*.cpp' 'importers/*.cpp' 'layout/*.cpp' 'views/*.cpp' 'app/*.cpp' \
        'model/*.h' 'importers/*.h' 'layout/*.h' 'views/*.h' 'app/*.h' |
        sed 's/\.h$/.cpp/' | sort -u | while read -r f; do [ -f "$f" ] && echo "$f"; done)
else
    mapfile -t units < <(git ls-files 'model/*.cpp' 'importers/*.cpp' 'layout/*.cpp' 'views/*.cpp' 'app/*.cpp')
fi
if [ ${#units[@]} -eq 0 ]; then
    echo "spanscope lint: formatting checked; no C++ sources to analyse" >&2
    exit $status
fi
jobs=$(nproc)
log=build/default/lint.log
: >"$log"

# clang-tidy: one process per file, $jobs at a time; WarningsAsErrors makes any finding fail it.
if ! printf '%s\n' "${units[@]}" |
    xargs -P "$jobs" -n 1 clang-tidy -p build/default --quiet >>"$log" 2>&1; then
    status=1
fi
# clazy: the same files, findings as errors.
if ! printf '%s\n' "${units[@]}" |
    xargs -P "$jobs" -n 4 clazy-standalone -p build/default/compile_commands.json \
        -checks="$clazy_checks" -extra-arg=-Werror >>"$log" 2>&1; then
    status=1
fi

findings=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '(warning|error): ' | sort -u || true)
if [ -n "$findings" ]; then
    echo "spanscope lint: findings in ${#units[@]} file(s):" >&2
    echo "$findings" >&2
    status=1
elif [ $status -ne 0 ]; then
    echo "spanscope lint: a tool failed; see $log" >&2
else
    echo "spanscope lint: clean (${#units[@]} file(s), clang-tidy and clazy $clazy_checks)" >&2
fi
exit $status

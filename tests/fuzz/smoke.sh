#!/usr/bin/env bash
# CTest's fuzz smoke of one harness (label fuzz, registered by FuzzSmoke.cmake): replays the committed seed corpus
# and regression inputs, then fuzzes for FP_FUZZ_SMOKE_SECONDS (default 5). Fails on any finding; the input is
# kept in $FP_FUZZ_BUILD_DIR/smoke-artifacts/<harness>/. Without the fuzz tree it skips (exit 77), except under
# CI=true, where a missing harness is a failure.
#   smoke.sh HARNESS      (environment: FP_FUZZ_BUILD_DIR, FP_FUZZ_SMOKE_SECONDS, CI)
set -uo pipefail
name="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${FP_FUZZ_BUILD_DIR:?FP_FUZZ_BUILD_DIR names the fuzz build tree}"
binary="$build/fuzz/fuzz_$name"
if [ ! -x "$binary" ]; then
    if [ "${CI:-}" = "true" ]; then
        echo "FAIL: $binary is missing; under CI the fuzz tree must be built (tests/fuzz/run.sh --build-only)"
        exit 1
    fi
    echo "SKIP: $binary is not built (tests/fuzz/run.sh --build-only --build-dir $build builds it)"
    exit 77
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/fp-fuzz-smoke-$name.XXXXXX")"
trap 'rm -rf "$work"' EXIT
artifacts="$build/smoke-artifacts/$name"
mkdir -p "$artifacts"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"
export ASAN_OPTIONS="detect_leaks=1"
args=(-max_total_time="${FP_FUZZ_SMOKE_SECONDS:-5}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
      -artifact_prefix="$artifacts/")
[ -f "$here/dict/$name.dict" ] && args+=(-dict="$here/dict/$name.dict")
corpora=("$work" "$here/corpus/$name")
[ -d "$here/regressions/$name" ] && corpora+=("$here/regressions/$name")

"$binary" "${args[@]}" "${corpora[@]}" >"$work/log" 2>&1
status=$?
runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)"
if [ "$status" -ne 0 ]; then
    tail -n 60 "$work/log"
    echo "FAIL: fuzz_$name found something (exit $status); input kept in $artifacts/"
    exit 1
fi
seeds=$(find "${corpora[@]:1}" -type f | wc -l)
echo "fuzz_$name: ${runs:-?} executions, $seeds seed and regression inputs replayed, nothing found"

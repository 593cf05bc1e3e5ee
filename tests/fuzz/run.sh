#!/usr/bin/env bash
# Builds the fuzz tree and runs every libFuzzer harness (or the ones named) for a given time, one after the other;
# prints the executions of each and the total. Exits 1 when a harness found something (crash, leak, timeout, UB,
# out-of-memory): its input is in the artifacts folder. See tests/fuzz/README.md.
#
#   tests/fuzz/run.sh [--seconds N] [--build-dir DIR] [--work DIR] [--fork N] [--build-only] [HARNESS...]
#
#   --seconds N    time per harness (default 60)
#   --build-dir D  the fuzz build tree (default: build/fuzz); configured with clang, FP_FUZZ=ON and FP_ENGINE_ONLY=ON
#                  when it has no build.ninja yet
#   --work D       where the growing corpora (D/corpus/<harness>), logs and crash artifacts (D/artifacts/<harness>)
#                  go (default: <build-dir>/work); never inside tests/fuzz
#   --fork N       libFuzzer's -fork=N: N worker processes per harness (default: 1 process, no fork)
#   --build-only   configure and build the harnesses, run nothing
#   FP_FUZZ_CXX    the clang++ to build with (default clang++-19)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds=60
build=""
work=""
fork=0
build_only=0
harnesses=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --build-dir) build="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --fork) fork="$2"; shift 2 ;;
        --build-only) build_only=1; shift ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) harnesses+=("$1"); shift ;;
    esac
done
build="$(mkdir -p "${build:-$root/build/fuzz}" && cd "${build:-$root/build/fuzz}" && pwd)"
work="${work:-$build/work}"

cxx="${FP_FUZZ_CXX:-clang++-19}"
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
        -DFP_FUZZ=ON -DFP_ENGINE_ONLY=ON -DFP_BUILD_TESTS=OFF
fi
cmake --build "$build" --target fuzz
[ "$build_only" -eq 1 ] && exit 0

if [ ${#harnesses[@]} -eq 0 ]; then
    for binary in "$build"/fuzz/fuzz_*; do
        harnesses+=("$(basename "$binary" | sed 's/^fuzz_//')")
    done
fi

# UBSan reports are fatal (and saved as crash artifacts) like ASan's.
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"

total=0
failed=()
printf '%-24s %14s %10s  %s\n' harness executions exec/s result
for name in "${harnesses[@]}"; do
    binary="$build/fuzz/fuzz_$name"
    [ -x "$binary" ] || { echo "run.sh: no harness $binary" >&2; exit 2; }
    mkdir -p "$work/corpus/$name" "$work/artifacts/$name"
    log="$work/$name.log"
    args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
          -artifact_prefix="$work/artifacts/$name/")
    [ -f "$here/dict/$name.dict" ] && args+=(-dict="$here/dict/$name.dict")
    [ "$fork" -gt 0 ] && args+=(-fork="$fork")
    corpora=("$work/corpus/$name" "$here/corpus/$name")
    [ -d "$here/regressions/$name" ] && corpora+=("$here/regressions/$name")
    status=0
    "$binary" "${args[@]}" "${corpora[@]}" >"$log" 2>&1 || status=$?
    # Executions: libFuzzer's final stats, or (fork mode) its last status line "#N ...".
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    [ -n "$runs" ] || runs="$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')"
    runs="${runs:-0}"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
    [ -n "$rate" ] || rate=$((runs / (seconds > 0 ? seconds : 1)))
    total=$((total + runs))
    result="ok"
    if [ "$status" -ne 0 ]; then
        result="FOUND (exit $status): see $log and $work/artifacts/$name/"
        failed+=("$name")
    fi
    printf '%-24s %14s %10s  %s\n' "$name" "$runs" "$rate" "$result"
done
printf '%-24s %14s\n' total "$total"
if [ ${#failed[@]} -gt 0 ]; then
    echo "run.sh: findings in: ${failed[*]}" >&2
    exit 1
fi

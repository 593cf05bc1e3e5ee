#!/usr/bin/env bash
# Builds fedpilot's unit tests with AddressSanitizer + UndefinedBehaviorSanitizer in a tree of their own and runs
# them (CTest label `unit`). Any report fails the run: ASan stops at the first error, UBSan is built with
# -fno-sanitize-recover, LeakSanitizer checks every test process at exit.
#   FP_ASAN_BUILD_DIR  build folder (default: build/asan)
#   FP_SANITIZE        sanitizers (default: address,undefined)
#   FP_JOBS            parallel compile jobs (default: 2)
#   extra arguments go to ctest (e.g. tests/sanitize/run.sh -R tokenizer)
# Needs the Debian packages of installer/bootstrap.sh (./test.sh installs them).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/tests/sanitize"
build="${FP_ASAN_BUILD_DIR:-$root/build/asan}"
jobs="${FP_JOBS:-2}"

if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DFP_SANITIZE="${FP_SANITIZE:-address,undefined}" -DFP_FAULT_INJECTION=OFF
fi

# Only the unit test programs: the full tree (GUI, agent, package) is not needed and costs an hour on two cores.
mapfile -t targets < <(ctest --test-dir "$build" -N -L unit | sed -n 's/^ *Test *#[0-9]*: *//p')
[ ${#targets[@]} -gt 0 ] || { echo "sanitize: no unit tests found in $build" >&2; exit 1; }
nice -n 10 cmake --build "$build" -j "$jobs" --target "${targets[@]}"

# detect_stack_use_after_return: catches pointers to locals that outlive their frame.
# check_initialization_order/strict_init_order: static initialisers that read other translation units' globals.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:print_summary=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:print_summary=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
# Suppressions for leaks inside third-party libraries only; each entry says why.
export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

ctest --test-dir "$build" -L unit --output-on-failure -j "$jobs" "$@"

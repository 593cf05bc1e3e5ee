#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test except benchmarks; ends with CTest's summary.
# Extra arguments go to ctest (e.g. ./test.sh -L unit, ./test.sh -R tokenizer).
set -euo pipefail
cd "$(dirname "$0")"
source installer/bootstrap.sh
# The fuzz smoke (ctest label fuzz) runs the libFuzzer harnesses of a second, clang-built tree (tests/fuzz/README.md);
# FP_FUZZ_SMOKE=0 leaves it unbuilt, and its tests then skip (under CI=true they fail).
if [ "${FP_FUZZ_SMOKE:-1}" != 0 ]; then
    tests/fuzz/run.sh --build-only --build-dir "$FP_BUILD_DIR/fuzz"
fi
ctest --test-dir "$FP_BUILD_DIR" -LE bench --output-on-failure -j2 "$@"

#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test except benchmarks; ends with CTest's summary.
# Extra arguments go to ctest (e.g. ./test.sh -L unit, ./test.sh -R tokenizer).
set -euo pipefail
cd "$(dirname "$0")"
source installer/bootstrap.sh
ctest --test-dir "$FP_BUILD_DIR" -LE bench --output-on-failure -j2 "$@"

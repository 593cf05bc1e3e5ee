#!/usr/bin/env bash
# Installs what is missing, builds, and runs fedpilot on the built-in demo:
# the console window when a display is available, else the headless demo in the terminal.
set -euo pipefail
cd "$(dirname "$0")"
source installer/bootstrap.sh

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${FP_HEADLESS:-}" ]; then
    exec "$FP_BUILD_DIR/bin/fedpilot" --workspace "$FP_BUILD_DIR/demo-workspace" --page trials \
        --import-trial "$PWD/resources/demo/ni-two-sites.json" "$@"
fi
echo "fedpilot: no display, running the headless demo (fedpilot-cli demo)"
exec "$FP_BUILD_DIR/bin/fedpilot-cli" demo --workspace "$FP_BUILD_DIR/demo-workspace" "$@"

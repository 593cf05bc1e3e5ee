#!/usr/bin/env bash
# Makes a screenshot of every page of the console, from the demo workspace, under Xvfb (no display needed).
#   tests/ui/screenshots.sh OUT_DIR [--workspace DIR] [--lang en|ja] [--build BUILD_DIR]
# Writes OUT_DIR/<page>.png (trials, monitor, runs, compare, reports, inspector; with --lang ja: <page>-ja.png) at
# 1180x760, inspector-remote.png (the coreset inspector on the demo's agent sites), and the trial editor on the demo
# trial (editor.png) and its estimate, calibrated on this machine (estimate.png).
# The workspace defaults to build/demo-workspace; when it holds no run yet, the headless demo
# (fedpilot-cli demo) fills it first (about 90 s on 2 cores). The demo's sites are agents, whose samples never leave
# them, so the inspector's map is shot on BUILD_DIR/inspector-workspace: the demo trial's FedHDS run on simulated
# sites (fedpilot-cli run resources/demo/ni-two-sites.json --strategy fedhds, about 45 s, made when missing). The console runs with its own settings folder,
# so your own settings (language, window, recent workspaces) are neither used nor changed.
# Needs xvfb-run and ImageMagick's import (installer/bootstrap.sh installs xvfb; apt-get install imagemagick).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out=""
build="$root/build"
workspace=""
lang="en"
while [ $# -gt 0 ]; do
    case "$1" in
        --workspace) workspace="$2"; shift 2 ;;
        --lang) lang="$2"; shift 2 ;;
        --build) build="$2"; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) out="$1"; shift ;;
    esac
done
[ -n "$out" ] || { echo "usage: $0 OUT_DIR [--workspace DIR] [--lang en|ja] [--build BUILD_DIR]" >&2; exit 2; }
workspace="${workspace:-$build/demo-workspace}"
for tool in xvfb-run import; do
    command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing" >&2; exit 2; }
done
[ -x "$build/bin/fedpilot" ] || { echo "screenshots: $build/bin/fedpilot is not built" >&2; exit 2; }
mkdir -p "$out"

if ! "$build/bin/fedpilot-cli" runs list --workspace "$workspace" 2>/dev/null | grep -q completed; then
    echo "screenshots: filling $workspace with the demo (fedpilot-cli demo)"
    "$build/bin/fedpilot-cli" demo --workspace "$workspace" >/dev/null
fi

settings="$(mktemp -d)"
trap 'rm -rf "$settings"' EXIT
suffix=""
[ "$lang" = en ] || suffix="-$lang"

# shot PAGE WORKSPACE TARGET: the console on PAGE of WORKSPACE, as a PNG.
shot() {
    # Fresh settings for each page: only the language, so that every shot starts from the default window.
    rm -rf "$settings/fedpilot"
    mkdir -p "$settings/fedpilot"
    printf '[console]\nlanguage=%s\n' "$lang" > "$settings/fedpilot/fedpilot.conf"
    # The window fills the 1180x760 screen (its default size; no window manager, so no frame).
    XDG_CONFIG_HOME="$settings" FP_QUIT_AFTER_MS=9000 xvfb-run -a -s '-screen 0 1180x760x24' bash -c '
        "$0" --workspace "$1" --page "$2" &
        app=$!
        sleep 6
        import -window root "$3"
        wait $app' "$build/bin/fedpilot" "$2" "$1" "$3"
    echo "screenshots: $3"
}

local_workspace="$build/inspector-workspace"
if ! "$build/bin/fedpilot-cli" runs list --workspace "$local_workspace" 2>/dev/null | grep -q completed; then
    echo "screenshots: filling $local_workspace with the demo trial's FedHDS run on simulated sites"
    "$build/bin/fedpilot-cli" run "$root/resources/demo/ni-two-sites.json" --workspace "$local_workspace" \
        --strategy fedhds >/dev/null 2>&1
fi

for page in ${FP_SCREENSHOT_PAGES-trials monitor runs compare reports}; do
    shot "$page" "$workspace" "$out/$page$suffix.png"
done
shot inspector "$local_workspace" "$out/inspector$suffix.png"
shot inspector "$workspace" "$out/inspector-remote$suffix.png"

# The trial editor on the demo trial, and its Estimate tab (reading the sites' data and calibrating take a few
# seconds, hence the longer wait).
for shot in editor estimate; do
    target="$out/$shot$suffix.png"
    rm -rf "$settings/fedpilot"
    mkdir -p "$settings/fedpilot"
    printf '[console]\nlanguage=%s\n' "$lang" > "$settings/fedpilot/fedpilot.conf"
    extra=""
    wait_s=6
    if [ "$shot" = estimate ]; then extra="--estimate"; wait_s=25; fi
    XDG_CONFIG_HOME="$settings" FP_QUIT_AFTER_MS=$(( (wait_s + 3) * 1000 )) xvfb-run -a -s '-screen 0 1180x760x24' bash -c '
        "$0" --workspace "$1" --edit-trial "$2" $3 &
        app=$!
        sleep "$4"
        import -window root "$5"
        wait $app' "$build/bin/fedpilot" "$workspace" "$root/resources/demo/ni-two-sites.json" "$extra" "$wait_s" "$target"
    echo "screenshots: $target"
done

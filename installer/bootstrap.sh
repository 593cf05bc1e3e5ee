#!/usr/bin/env bash
# Shared set-up for ./run.sh and ./test.sh: installs missing Debian packages, configures and builds.
# Idempotent: a second run installs nothing and rebuilds only what changed.
#   FP_BUILD_DIR   build folder (default: build)
#   FP_CMAKE_ARGS  extra CMake arguments
#   FP_EXTRA_PACKAGES  more Debian packages to install (e.g. for benchmarks)
set -euo pipefail

FP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FP_BUILD_DIR="${FP_BUILD_DIR:-$FP_ROOT/build}"

FP_PACKAGES=(
    g++ cmake ninja-build ccache file dpkg-dev
    libtorch-dev libopenblas0-pthread
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev libgl-dev libxkbcommon-dev libvulkan-dev
    qt6-tools-dev qt6-l10n-tools libqt6svg6
    libgrpc++-dev protobuf-compiler-grpc protobuf-compiler libprotobuf-dev
    libsqlite3-dev nlohmann-json3-dev libcli11-dev openssl libssl-dev libutf8proc-dev
    xvfb xauth poppler-utils
    clang-19 libfuzzer-19-dev
    fonts-noto-cjk
)

fp_install_packages() {
    local wanted=("${FP_PACKAGES[@]}" ${FP_EXTRA_PACKAGES:-})
    local missing=()
    for p in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "fedpilot: installing Debian packages: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "fedpilot: need root or sudo to install ${missing[*]}" >&2; exit 1; }
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

fp_configure_and_build() {
    if [ ! -f "$FP_BUILD_DIR/build.ninja" ]; then
        # shellcheck disable=SC2086
        cmake -S "$FP_ROOT" -B "$FP_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release ${FP_CMAKE_ARGS:-}
    fi
    cmake --build "$FP_BUILD_DIR"
}

fp_install_packages
fp_configure_and_build

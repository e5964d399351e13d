#!/usr/bin/env bash
# The two commands of the README. `run`: install what is missing, build, open the app on the default preset.
# `test`: install what is missing, build, run the whole test suite, then the concurrency tests under
# ThreadSanitizer and the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake make g++ pkg-config libeigen3-dev libfmt-dev libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
          libgtest-dev libgmock-dev libbenchmark-dev
          # data sets: the IDX reader's zlib, and Fashion-MNIST itself
          zlib1g-dev dataset-fashion-mnist
          # the desktop app: Dear ImGui, GLFW, the GL loader generator, stb, OpenGL and a font
          libimgui-dev libglfw3-dev python3-glad libstb-dev libgl1-mesa-dev fonts-dejavu-core
          # the app tests: a virtual display with Mesa's software renderer, and an XML parser for the SVGs
          xvfb xauth libgl1-mesa-dri libtinyxml2-dev
          # ... and PNG exports rendered on a headless GL context
          libegl1 libegl-mesa0)

install_missing() {
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return
    echo "Installing: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

jobs=$(nproc)

configure() {  # configure DIR [cmake arguments...]
    local dir=$1
    shift
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
}

case "${1:-run}" in
run)
    install_missing
    configure build
    cmake --build build -j "$jobs" --target phasor
    shift || true
    exec ./build/phasor "$@"
    ;;
test)
    install_missing
    configure build
    cmake --build build -j "$jobs"
    ctest --test-dir build --output-on-failure -j "$jobs"
    # Telemetry, commands, the trainer thread and models that own threads again under ThreadSanitizer.
    configure build-tsan -DPHASOR_SANITIZE=thread -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPHASOR_BENCHMARKS=OFF
    cmake --build build-tsan -j "$jobs" --target test_telemetry test_trainer test_runtime test_mach
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
        ctest --test-dir build-tsan --output-on-failure -j "$jobs" -L 'telemetry|trainer|runtime|mach'
    # The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer: ctest there sets LSAN_OPTIONS
    # (tests/lsan.supp, Mesa's driver) and UBSAN_OPTIONS (halt on the first report) itself.
    configure build-asan -DPHASOR_SANITIZE=address,undefined -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPHASOR_BENCHMARKS=OFF
    cmake --build build-asan -j "$jobs"
    ctest --test-dir build-asan --output-on-failure -j "$jobs"
    ;;
*)
    echo "usage: scripts/dev.sh [run [phasor arguments...] | test]" >&2
    exit 2
    ;;
esac

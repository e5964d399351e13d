#!/usr/bin/env bash
# The decoupled components' figures on Fashion-MNIST: every preset (and cDNI, weight stashing on the
# asynchronous sequence) over seeds 1-3, each seed run alone so the asynchronous ones have the machine's
# cores to themselves; then the table of test accuracy (real / synthetic inputs), seconds, samples per
# second and the delay k per component, and the asynchronous speed-up (the same k-graph on its own threads
# against stepped in turn on one). Usage: bench/mach_figures.sh [OUT=build/mach_figures] [SEEDS=3]; the
# build folder is $PHASOR_BUILD (default build/), and $PHASOR_TICKS shortens every run (for a try).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-${PHASOR_BUILD:-$root/build}/mach_figures}
seeds=${2:-3}
build=${PHASOR_BUILD:-$root/build}
ticks=()
[[ -n ${PHASOR_TICKS:-} ]] && ticks=(--ticks "$PHASOR_TICKS")
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target phasor -j "$(nproc)" >/dev/null
mkdir -p "$out"
runs=(
    "mlp_backprop|mlp_backprop"
    "mach_sync_single|mach_sync_single"
    "mach_sync_sequence|mach_sync_sequence"
    "mach_async_sequence|mach_async_sequence"
    "mach_async_sequence_stashing|mach_async_sequence --set train.weight_stashing=true"
    "mach_sync_kgraph|mach_sync_kgraph"
    "mach_async_kgraph|mach_async_kgraph"
    "dni|dni"
    "cdni|dni --set dni.conditioned=true"
    "ddg|ddg"
    "ddg_in_turn|ddg --set order=round_robin"
)
for run in "${runs[@]}"; do
    name=${run%%|*}
    args=${run#*|}
    for seed in $(seq 1 "$seeds"); do
        # shellcheck disable=SC2086 # the preset and its overrides are words
        "$build/phasor" run --preset $args --seed "$seed" "${ticks[@]}" --json >"$out/$name.$seed.json"
        echo "$name seed $seed: $(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["seeds"][0]; print(round(100*d["test_accuracy"],2), "%", round(d["seconds"],1), "s")' "$out/$name.$seed.json")"
    done
done
/usr/bin/python3 "$root/bench/mach_table.py" "$out" "$seeds"

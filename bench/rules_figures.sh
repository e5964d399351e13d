#!/usr/bin/env bash
# The rule lab's figures (docs/BENCHMARKS.md, issue 12), each a race from one state over seeds 1..SEEDS,
# written as `phasor run --json` reports into OUT and summarised by bench/rules_table.py:
#   threshold_fmnist_10k  threshold-fired accumulation at T = 0 (per-sample SGD), 1e-3, 1e-2, 3e-2 against
#                         dense minibatch SGD, one epoch of the first 10,000 Fashion-MNIST images
#   sgd_equal_updates     dense SGD stopped when it has made as many weight updates as T = 1e-2 did
#   threshold_parity4 / threshold_spirals  the same race on two of the stepped network's tasks
#   race_rules_fmnist     the preset: SGD, threshold, DFA, FF, AdamW, one epoch (samples/s per rule)
#   anchors_15_epochs     backprop (AdamW), DFA and FF on 784-256-256-10 for 15 epochs
#   optimizers_fmnist     sgd, adamw, lion, lamb, Lookahead(adamw), bf16, accumulation x4, layer-wise rates
#   torch_reference       PyTorch's backprop epoch beside ours (bench/torch_mlp.py), for samples/s
# Usage: bench/rules_figures.sh [OUT=build/rules_figures] [SEEDS=5]; $PHASOR_BUILD is the build folder, or
# $PHASOR_BIN a phasor binary to use as it is (nothing is built then).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${PHASOR_BUILD:-$root/build}
out=${1:-$build/rules_figures}
seeds=${2:-5}
if [[ -z ${PHASOR_BIN:-} ]]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" --target phasor -j "$(nproc)" >/dev/null
fi
mkdir -p "$out"
phasor=${PHASOR_BIN:-$build/phasor}
run() { # name, then phasor run arguments
    local name=$1
    shift
    echo "== $name" >&2
    "$phasor" run --seeds "1..$seeds" --json "$@" >"$out/$name.json"
}
threshold_race="sgd; T=0: rule=threshold, threshold=0, lr=0.01; T=1e-3: rule=threshold, threshold=0.001, lr=0.01; T=1e-2: rule=threshold, threshold=0.01, lr=0.01; T=3e-2: rule=threshold, threshold=0.03, lr=0.01"
run threshold_fmnist_10k --preset threshold_fmnist --set data.train_samples=10000 --ticks 313 \
    --set eval.samples=10000 --set lens.every=0 --race "$threshold_race"
# How many ticks dense SGD needs to make the weight updates T = 1e-2 made (mean over the seeds).
ticks=$(/usr/bin/python3 - "$out/threshold_fmnist_10k.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
v = {x["name"]: x for x in r["variants"]}
per_tick = v["sgd"]["weight_updates"] / 313
print(max(1, round(v["T=1e-2"]["weight_updates"] / per_tick)))
PY
)
run sgd_equal_updates --preset threshold_fmnist --set data.train_samples=10000 --ticks "$ticks" \
    --set eval.samples=10000 --set lens.every=0 --race "sgd"
run threshold_parity4 --preset threshold_parity4 --ticks 2000 \
    --race "sgd; T=0: rule=threshold, threshold=0; T=1e-2: rule=threshold, threshold=0.01; T=1e-1: rule=threshold, threshold=0.1"
run threshold_spirals --preset threshold_parity4 --set task.name=spirals --set network.hidden=[32,32] \
    --ticks 20000 --set eval.every=500 \
    --race "sgd; T=0: rule=threshold, threshold=0; T=1e-2: rule=threshold, threshold=0.01; T=1e-1: rule=threshold, threshold=0.1"
run race_rules_fmnist --preset race_rules_fmnist --set eval.samples=10000
run anchors_15_epochs --preset race_rules_fmnist --ticks 28125 --set eval.every=1875 --set lens.every=0 \
    --race "backprop: optimizer=adamw, lr=0.001; dfa: rule=dfa, optimizer=adamw, lr=0.001; ff: rule=ff, optimizer=adamw, lr=0.003"
run optimizers_fmnist --preset race_rules_fmnist --set lens.every=0 \
    --race "sgd; adamw: optimizer=adamw, lr=0.001; lion: optimizer=lion, lr=0.0001, beta2=0.99; lamb: optimizer=lamb, lr=0.001; lookahead: optimizer=adamw, lr=0.001, lookahead=5; bf16: optimizer=adamw, lr=0.001, precision=bf16; accumulate4: accumulate=4, lr=0.2; layer_decay: layer_lr_decay=0.5, lr=0.2"
echo "== torch_reference" >&2
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 "$root/bench/torch_mlp.py" 1 >"$out/torch_reference.jsonl"
"$phasor" run --preset race_rules_fmnist --ticks 469 --set train.batch=128 --set lens.every=0 --set eval.every=469 \
    --race "adamw: optimizer=adamw, lr=0.001" --json >"$out/ours_reference.json"
/usr/bin/python3 "$root/bench/rules_table.py" "$out"

#!/usr/bin/env bash
# Gradient checkpointing's figure (docs/BENCHMARKS.md, issue 12): one race from one state of backprop on a deep
# MLP (784, twelve hidden layers of 512, 10; batches of 1,024 Fashion-MNIST images) in which the learners differ
# only in train.checkpoint_every, over seeds 1..SEEDS. Equal accuracies say the recomputed passes train the same
# weights; memory_bytes says what the kept activations take; samples/s what the recomputation costs.
# Usage: bench/rules_checkpointing.sh [OUT=build/rules_checkpointing.json] [SEEDS=5]; $PHASOR_BIN is the binary
# (default build/phasor, built Release).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/build/rules_checkpointing.json}
seeds=${2:-5}
phasor=${PHASOR_BIN:-$root/build/phasor}
hidden="[$(printf '512,%.0s' {1..11})512]"
"$phasor" run --preset threshold_fmnist --set train.rule=backprop --set "network.hidden=$hidden" \
    --set train.batch=1024 --set lens.every=0 --set data.train_samples=20000 --ticks 20 --seeds "1..$seeds" \
    --race "all kept; every 2: checkpoint_every=2; every 3: checkpoint_every=3; every 4: checkpoint_every=4; every 6: checkpoint_every=6" \
    --json >"$out"
/usr/bin/python3 - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
base = r["variants"][0]
print("| learner | test accuracy | memory | samples/s | vs all kept |")
print("|---|---|---|---|---|")
for v in r["variants"]:
    print(f"| {v['name']} | {100 * v['test_accuracy']:.2f} % ± {100 * v['test_accuracy_sd']:.2f} "
          f"| {v['memory_bytes'] / 2**20:.1f} MiB | {v['samples_per_second']:,.0f} ± {v['samples_per_second_sd']:,.0f} "
          f"| {v['samples_per_second'] / base['samples_per_second'] - 1:+.1%} |")
PY

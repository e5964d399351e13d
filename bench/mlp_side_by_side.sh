#!/usr/bin/env bash
# Seconds per epoch of the backprop MLP (784-H-H-10, Adam, batch 128) on Fashion-MNIST, ours (bench/mlp_epoch)
# and PyTorch's (bench/torch_mlp.py, Debian's python3-torch on OpenBLAS), alternately in one run, each pinned
# to the same single core. Prints each side's epochs and the medians. Needs python3-torch and
# libopenblas0-pthread (not needed by the build or the tests). Usage: bench/mlp_side_by_side.sh [ROUNDS=2]
set -euo pipefail
rounds=${1:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build" --target mlp_epoch -j "$(nproc)" >/dev/null
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
ours=() theirs=()
for round in $(seq 1 "$rounds"); do
    line=$(taskset -c 0 "$root/build/bench/mlp_epoch" --benchmark_format=json 2>/dev/null |
        /usr/bin/python3 -c 'import json,sys; b=json.load(sys.stdin)["benchmarks"][0]; print(b["real_time"], b["test_accuracy"])')
    echo "round $round ours: $line (s/epoch, test accuracy after 3 epochs)"
    ours+=("${line%% *}")
    while read -r epoch; do
        echo "round $round torch: $epoch"
        theirs+=("$(echo "$epoch" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])')")
    done < <(taskset -c 0 /usr/bin/python3 "$root/bench/torch_mlp.py" 3)
done
/usr/bin/python3 - "${ours[*]}" "${theirs[*]}" <<'PY'
import statistics, sys
ours = [float(x) for x in sys.argv[1].split()]
theirs = [float(x) for x in sys.argv[2].split()]
print(f"median seconds per epoch: ours {statistics.median(ours):.3f}, PyTorch {statistics.median(theirs):.3f}, "
      f"ratio {statistics.median(theirs) / statistics.median(ours):.2f}x")
PY

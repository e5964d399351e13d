#!/usr/bin/env bash
# Measures this checkout's tick_rate against an earlier commit's in one run: builds REV in a temporary worktree,
# then runs the two benchmarks alternately (so drift in the machine's load hits both alike) and prints the
# median ticks/s of each benchmark, old and new. Usage: bench/side_by_side.sh REV [ROUNDS] [FILTER]
set -euo pipefail
rev=${1:?usage: bench/side_by_side.sh REV [ROUNDS] [FILTER]}
rounds=${2:-3}
filter=${3:-BM_TickWithTelemetry}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
git -C "$root" worktree add --detach "$work/old" "$rev" >/dev/null
trap 'git -C "$root" worktree remove --force "$work/old" >/dev/null 2>&1; rm -rf "$work"' EXIT

jobs=$(nproc)
cmake -S "$work/old" -B "$work/old/build" -DCMAKE_BUILD_TYPE=Release -DPHASOR_TESTS=OFF >/dev/null
cmake --build "$work/old/build" --target tick_rate -j "$jobs" >/dev/null
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build" --target tick_rate -j "$jobs" >/dev/null

for round in $(seq 1 "$rounds"); do
    for side in old new; do
        binary="$root/build/bench/tick_rate"
        [ "$side" = old ] && binary="$work/old/build/bench/tick_rate"
        "$binary" --benchmark_filter="$filter" --benchmark_min_time=1 --benchmark_format=json \
            >"$work/$side-$round.json" 2>/dev/null
    done
done

/usr/bin/python3 - "$work" "$rounds" "$rev" <<'PY'
import json, statistics, sys
work, rounds, rev = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def rates(side):
    out = {}
    for r in range(1, rounds + 1):
        for b in json.load(open(f"{work}/{side}-{r}.json"))["benchmarks"]:
            out.setdefault(b["name"], []).append(b["items_per_second"])
            out.setdefault("label:" + b["name"], b.get("label", ""))
    return out
old, new = rates("old"), rates("new")
print(f"| benchmark | {rev} ticks/s | this checkout ticks/s | change |")
print("|---|---|---|---|")
for name, values in new.items():
    if name.startswith("label:") or name not in old:
        continue
    o, n = statistics.median(old[name]), statistics.median(values)
    print(f"| {new['label:' + name]} | {o:,.0f} | {n:,.0f} | {100 * (n / o - 1):+.1f} % |")
PY

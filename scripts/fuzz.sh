#!/usr/bin/env bash
# Fuzzes the preset and settings parsers with libFuzzer (clang, from Debian's clang package), each for
# SECONDS (default 600, both at once), starting from and adding to the corpora kept in fuzz/corpus/. Usage:
# scripts/fuzz.sh [SECONDS]. Prints each target's final line (runs, coverage) and exits non-zero on a finding,
# whose reproducer libFuzzer leaves as crash-*/leak-*/timeout-* in the working directory.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
CXX=clang++ CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPHASOR_FUZZ=ON \
    -DPHASOR_BENCHMARKS=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target fuzz_preset fuzz_settings >/dev/null
# The two targets run side by side, one core each; their logs are kept in build-fuzz/.
pids=()
for target in preset settings; do
    mkdir -p "fuzz/corpus/$target"
    # One worker each; timeouts of 2 s catch hangs, 2 GB of memory catches runaway reads.
    "./build-fuzz/fuzz/fuzz_$target" "fuzz/corpus/$target" -max_total_time="$seconds" -timeout=2 \
        -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 >"build-fuzz/fuzz_$target.log" 2>&1 &
    pids+=($!)
done
status=0
for i in 0 1; do wait "${pids[$i]}" || status=1; done
for target in preset settings; do
    echo "== fuzz_$target"
    tail -n 12 "build-fuzz/fuzz_$target.log"
    # Keep the smallest set of inputs that covers what the whole corpus covers, so the tree stays small.
    merged=$(mktemp -d)
    "./build-fuzz/fuzz/fuzz_$target" -merge=1 "$merged" "fuzz/corpus/$target" >/dev/null 2>&1 &&
        rm -rf "fuzz/corpus/$target" && mv "$merged" "fuzz/corpus/$target"
    echo "corpus: $(ls "fuzz/corpus/$target" | wc -l) inputs kept"
done
exit $status

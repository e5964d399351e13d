#!/usr/bin/env bash
# Memory soak of the desktop app: random keys and clicks under Xvfb (the app's hidden --soak mode, as xdotool
# is not a dependency) for SECONDS, sampling the app's resident memory from /proc every INTERVAL seconds.
# Prints one "elapsed_s rss_kib" line per sample, then the growth after the warm-up (the first WARMUP seconds:
# fonts, shaders, buffers, and the first screenshot at 5 minutes, which sets up the exporter). The target is
# under 1 %. The engine is paused for the soak (see
# app/soak_input.hpp): the run's history keeps every sample by design, growth that is data, not a leak.
# The app saves a screenshot every five minutes; they are copied to $SOAK_SHOTS (default soak-shots/) to see
# what states the random input reached.
# Usage: scripts/soak.sh [SECONDS=1800] [PRESET=lowhighmix] [INTERVAL=5] [WARMUP=330]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-1800} preset=${2:-lowhighmix} interval=${3:-5} warmup=${4:-330}
binary=$(realpath "${PHASOR_BINARY:-build/phasor}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
samples="$work/samples"

# A fresh config and export folder: the soak neither reads nor changes the user's.
(cd "$work" && XDG_CONFIG_HOME="$work/config" exec xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$binary" app --preset "$preset" --soak "$seconds") >"$work/app.log" 2>&1 &
runner=$!
# xvfb-run starts the app under a shell of its own: find the process running the binary itself.
pid=""
for _ in $(seq 100); do
    for p in $(pgrep -f -- "--soak $seconds" || true); do
        [ "$(readlink "/proc/$p/exe" 2>/dev/null)" = "$binary" ] && pid=$p
    done
    [ -n "$pid" ] && break
    sleep 0.2
done
[ -n "$pid" ] || { echo "soak: the app did not start" >&2; cat "$work/app.log" >&2; exit 1; }

start=$(date +%s) first="" warm="" last=""
while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [ -z "$rss" ] && break
    elapsed=$(($(date +%s) - start))
    echo "$elapsed $rss" | tee -a "$samples"
    [ -z "$first" ] && first=$rss
    [ -z "$warm" ] && [ "$elapsed" -ge "$warmup" ] && warm=$rss
    last=$rss
    sleep "$interval"
done
wait "$runner" || { echo "soak: the app failed" >&2; cat "$work/app.log" >&2; exit 1; }
shots=${SOAK_SHOTS:-soak-shots}
mkdir -p "$shots" && cp "$work"/soak-*.png "$work/app.log" "$shots"/ 2>/dev/null && echo "screenshots in $shots/"
# The app's own account every half minute: the heap in use and the memory mapped in large blocks.
grep '^soak:' "$work/app.log" | awk 'NR % 10 == 0' || true
echo "rss_kib start $first after_warmup ${warm:-?} end $last"
# The RSS moves between a few levels: transient buffers (a font atlas rebuilt at another UI scale, a frame with
# many vertices) are mapped and unmapped as they come and go. What stays allocated is the lowest level: compare the
# lowest sample of the first and of the last five minutes after the warm-up (a leak raises it), and show the
# highest of each too (transients).
awk -v warmup="$warmup" '
    { t[NR] = $1; r[NR] = $2; n = NR }
    END {
        for (i = 1; i <= n; ++i) {
            if (t[i] < warmup) continue
            if (t[i] < warmup + 300) { if (!el || r[i] < el) el = r[i]; if (r[i] > eh) eh = r[i] }
            if (t[i] > t[n] - 300) { if (!ll || r[i] < ll) ll = r[i]; if (r[i] > lh) lh = r[i] }
        }
        if (el > 0) printf "lowest RSS, first 5 min after warm-up %d KiB, last 5 min %d KiB: growth %.2f %% (highest %d and %d KiB)\n", el, ll, 100 * (ll - el) / el, eh, lh
    }' "$samples"

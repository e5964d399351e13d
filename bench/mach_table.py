"""The table bench/mach_figures.sh prints: per run, the mean and standard deviation over seeds of the test
accuracy with real and synthetic inputs, seconds, samples per second (every component's steps times the
batch, over the seconds), and per component its mean and p95 delay k; then the asynchronous speed-up."""
import json
import statistics
import sys
from pathlib import Path

out, seeds = Path(sys.argv[1]), int(sys.argv[2])
runs = sorted({p.name.rsplit(".", 2)[0] for p in out.glob("*.json")},
              key=lambda n: [p.stat().st_mtime for p in out.glob(n + ".1.json")][0])


def stat(values, scale=1.0, digits=2):
    values = [v * scale for v in values if v is not None]
    if not values:
        return "-"
    if len(values) == 1:
        return f"{values[0]:.{digits}f}"
    return f"{statistics.mean(values):.{digits}f} ± {statistics.stdev(values):.{digits}f}"


rates = {}
print("| run | test accuracy % | synthetic inputs % | epochs | seconds | samples/s | delay k per component (mean / p95) |")
print("|---|---|---|---|---|---|---|")
for name in runs:
    seeds_data = [json.load(open(out / f"{name}.{s}.json"))["seeds"][0] for s in range(1, seeds + 1)
                  if (out / f"{name}.{s}.json").exists()]
    batch = 128
    samples = [sum(c["steps"] for c in d["components"]) * batch / d["seconds"] for d in seeds_data]
    rates[name] = statistics.mean(samples)
    delays = []
    for i, c in enumerate(seeds_data[0]["components"]):
        means = [d["components"][i]["delay_mean"] for d in seeds_data]
        p95 = [d["components"][i]["delay_p95"] for d in seeds_data]
        if max(d["components"][i]["gradients_applied"] for d in seeds_data) > 0:
            delays.append(f"{c['name']}: {statistics.mean(means):.2f} / {statistics.mean(p95):.0f}")
    print(f"| {name} | {stat([d['test_accuracy'] for d in seeds_data], 100)} "
          f"| {stat([d['test_accuracy_synthetic'] for d in seeds_data], 100)} "
          f"| {stat([d['epochs'] for d in seeds_data], 1, 1)} | {stat([d['seconds'] for d in seeds_data], 1, 1)} "
          f"| {stat(samples, 1, 0)} | {'; '.join(delays) or '-'} |")
if "mach_async_kgraph" in rates and "mach_sync_kgraph" in rates:
    print(f"\nasynchronous k-graph on its own threads against stepped in turn on one: "
          f"{rates['mach_async_kgraph'] / rates['mach_sync_kgraph']:.2f}x samples per second")

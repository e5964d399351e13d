#!/usr/bin/python3
"""Summarises bench/rules_figures.sh's reports as the Markdown tables of docs/BENCHMARKS.md: per race, each
variant's test accuracy (mean ± sd over the seeds), weight updates, connections changed per sample, samples/s
and memory, and the report's notes on differences within seed noise; then ours beside PyTorch per epoch.
Usage: bench/rules_table.py OUT"""
import json, os, sys

out = sys.argv[1]
order = ["threshold_fmnist_10k", "sgd_equal_updates", "threshold_parity4", "threshold_spirals", "race_rules_fmnist",
         "anchors_15_epochs", "optimizers_fmnist"]
for name in order:
    path = os.path.join(out, name + ".json")
    if not os.path.exists(path):
        continue
    try:
        r = json.load(open(path))
    except json.JSONDecodeError:
        print(f"\n({name}: no report yet)")
        continue
    seeds = len(r["seeds"])
    print(f"\n### {name} ({seeds} seeds, {r['ticks_per_seed']} ticks each)\n")
    print("| variant | differs | test accuracy | weight updates | changed per sample | samples/s | memory |")
    print("|---|---|---|---|---|---|---|")
    for v in r["variants"]:
        acc = f"{100 * v['test_accuracy']:.2f} %"
        if "test_accuracy_sd" in v:
            acc += f" ± {100 * v['test_accuracy_sd']:.2f}"
        print(f"| {v['name']} | {v.get('differs') or 'base'} | {acc} | {v['weight_updates']:.3g} | "
              f"{v['fired_fraction']:.3g} | {v['samples_per_second']:,.0f} | {v['memory_bytes'] / 2**20:.2f} MiB |")
    for note in r.get("notes", []):
        print(f"\nnote: {note}")
try:
    torch = [json.loads(line) for line in open(os.path.join(out, "torch_reference.jsonl"))]
    ours = json.load(open(os.path.join(out, "ours_reference.json")))
    v = ours["seeds"][0]["variants"][0]
    print(f"\nbackprop + Adam, batch 128, one epoch: ours {60000 / v['samples_per_second']:.3f} s of training "
          f"({v['samples_per_second']:,.0f} samples/s), PyTorch {torch[0]['seconds']:.3f} s "
          f"({60000 / torch[0]['seconds']:,.0f} samples/s); test accuracy ours {v['test_accuracy']:.4f}, "
          f"PyTorch {torch[0]['test_accuracy']:.4f}")
except (OSError, KeyError, IndexError) as e:
    print(f"\n(no PyTorch reference: {e})")

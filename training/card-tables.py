#!/usr/bin/env python3
"""Prints the measured parts of MODEL_CARD.md as Markdown, from the evaluation report and the
training log, so the card's tables are copied from the measurements rather than typed in.

Usage: python3 training/card-tables.py EVALUATION.json LOG.tsv [--every 4000]
"""
import csv
import json
import sys


def heldout_table(report):
    names = {"tinystories": "TinyStories held-out split (original case)",
             "brown": "Brown Corpus c?01 (15 files, one per genre)"}
    rows = ["| held-out text | tokens scored | lens-mini loss | perplexity | unigram perplexity |",
            "|---|---|---|---|---|"]
    for key, h in report["heldout"].items():
        rows.append(f"| {names.get(key, key)} | {h['tokens_scored']:,} | {h['loss']:.3f} | "
                    f"**{h['perplexity']:.1f}** | {h['unigram_perplexity']:.1f} |")
    return "\n".join(rows)


def census_table(report):
    rows = ["| head | label | previous-token | first-token | self | duplicate | induction | "
            "mean distance (nf) | entropy (nats) |",
            "|---|---|---|---|---|---|---|---|---|"]
    for h in report["census"]["heads"]:
        rows.append(f"| {h['layer']}.{h['head']} | {h['label']} | {h['previous_token']:.2f} | "
                    f"{h['first_token']:.2f} | {h['self']:.2f} | {h['duplicate_token']:.2f} | "
                    f"{h['induction']:.2f} | {h['mean_distance_nf']:.1f} | {h['entropy']:.2f} |")
    c = report["census"]
    best = (f"Best heads: previous-token {c['best_previous_token']['head']} "
            f"({c['best_previous_token']['score']:.2f}), first-token (sink) "
            f"{c['best_first_token']['head']} ({c['best_first_token']['score']:.2f}), induction "
            f"{c['best_induction']['head']} ({c['best_induction']['score']:.3f}; "
            f"{c['best_induction']['mean_over_4_more_sequences']:.3f} averaged over four more random sequences).")
    po = c["best_previous_token"].get("position_only")
    if po:
        w = po["mean_weight_at_offsets_0_to_3"]
        best += (f" On the position embeddings alone (no tokens), head {c['best_previous_token']['head']} "
                 f"scores {po['previous_token']:.2f} for the previous token; mean weight on the query itself, "
                 f"one, two and three positions back: {w[0]:.2f}, {w[1]:.2f}, {w[2]:.2f}, {w[3]:.2f}.")
    return "\n".join(rows) + "\n\n" + best


def samples(report):
    s = report["samples"]
    out = [f"**Samples** (temperature {s['temperature']:.1f}, prompt \"{s['prompt']}\"; unedited):", ""]
    for text in s["texts"]:
        out.append("\n".join("> " + line if line else ">" for line in text.split("\n")))
        out.append("")
    return "\n".join(out)


def val_losses(log_path, every):
    with open(log_path, newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["val_loss"]]
    last = rows[-1]
    picked = [r for r in rows if int(r["step"]) % every == 0]
    if picked[-1] is not last:
        picked.append(last)
    elapsed = float(last["elapsed_s"])
    line = " · ".join(f"step {int(r['step']):,}: {float(r['val_loss']):.3f}" for r in picked)
    return f"{line}\n\n(training time logged: {elapsed:,.0f} s = {elapsed / 60:.0f} minutes, {int(last['tokens']):,} tokens)"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    every = int(sys.argv[sys.argv.index("--every") + 1]) if "--every" in sys.argv else 4000
    with open(sys.argv[1]) as f:
        report = json.load(f)
    print("## held-out perplexity\n\n" + heldout_table(report) + "\n")
    print("## census\n\n" + census_table(report) + "\n")
    print("## held-out loss during training\n\n" + val_losses(sys.argv[2], every) + "\n")
    print("## samples\n\n" + samples(report))


if __name__ == "__main__":
    main()

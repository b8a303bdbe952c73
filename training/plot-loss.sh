#!/usr/bin/env bash
# Plots a training log (al-train-gpt2's log.tsv) as a PNG: the training loss (a moving average over
# 50 steps) and the held-out loss against tokens seen. Needs gnuplot (Debian: gnuplot-nox).
# Usage: bash training/plot-loss.sh LOG.tsv OUT.png [TITLE]
set -euo pipefail
log="$1" out="$2" title="${3:-lens-mini training}"
smooth="$(mktemp)" val="$(mktemp)"
trap 'rm -f "$smooth" "$val"' EXIT
awk -F'\t' 'NR > 1 { n++; buf[n % 50] = $2; s = 0; k = (n < 50 ? n : 50); for (i in buf) s += buf[i];
            print $6 / 1e6, s / k }' "$log" > "$smooth"
awk -F'\t' 'NR > 1 && $3 != "" { print $6 / 1e6, $3 }' "$log" > "$val"
gnuplot <<GP
set terminal pngcairo size 900,540 font "sans,11"
set output "$out"
set title "$title"
set xlabel "training tokens (millions)"
set ylabel "cross-entropy (nats per token)"
set grid
set key top right
plot "$smooth" using 1:2 with lines lw 2 lc rgb "#3465a4" title "training loss, 50-step mean (Brown + TinyStories windows, some with a repeated passage)", \
     "$val" using 1:2 with linespoints lw 2 pt 7 ps 0.6 lc rgb "#cc0000" title "held-out loss, TinyStories held-out split"
GP
echo "wrote $out"

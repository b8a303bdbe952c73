#!/usr/bin/env bash
# The engine against PyTorch on the same job, measured alternately in one run: a full forward on
# GPT-2 small's shapes (random weights) keeping every attention pattern and its scores, plus the
# last position's logits, at T = 16, 64, 256 and 1024. Each round runs the engine's
# `attention-lens-cli bench` and then torch_gpt2_forward.py; medians of the rounds are compared.
#
# Usage: engine/bench/vs-pytorch.sh [BUILD_DIR] [ROUNDS] [T ...]   (T defaults to 16 64 256 1024)
# Needs python3-torch (apt-get install python3-torch), which the app itself never uses.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../../build}"
rounds="${2:-3}"
shift $(( $# < 2 ? $# : 2 ))
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(16 64 256 1024)
cli="$build/app/cli/attention-lens-cli"
py=/usr/bin/python3
[ -x "$cli" ] || { echo "no $cli: build the project first" >&2; exit 2; }
"$py" -c "import torch" 2>/dev/null || { echo "PyTorch is missing: apt-get install python3-torch" >&2; exit 2; }

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf "%6s %12s %12s %8s\n" T "engine ms" "pytorch ms" "ratio"
for T in "${sizes[@]}"; do
  rep=5; [ "$T" -ge 1024 ] && rep=2
  e=(); p=()
  for ((r = 0; r < rounds; r++)); do
    e+=("$("$cli" bench --model random-gpt2-small --tokens "$T" --repeat "$rep" | sed -n 's/.*"median_ms": *\([0-9.]*\).*/\1/p')")
    p1=$("$py" "$here/torch_gpt2_forward.py" --tokens "$T" --repeat "$rep" --threads 1 | sed -n 's/.*"median_ms": *\([0-9.]*\).*/\1/p')
    pn=$("$py" "$here/torch_gpt2_forward.py" --tokens "$T" --repeat "$rep" | sed -n 's/.*"median_ms": *\([0-9.]*\).*/\1/p')
    p+=("$(awk -v a="$p1" -v b="$pn" 'BEGIN {print (a < b ? a : b)}')")
  done
  em=$(printf "%s\n" "${e[@]}" | median)
  pm=$(printf "%s\n" "${p[@]}" | median)
  printf "%6d %12.1f %12.1f %8.2f\n" "$T" "$em" "$pm" "$(awk -v a="$em" -v b="$pm" 'BEGIN {print a / b}')"
done
echo "ratio = engine / pytorch (below 1: the engine is faster)"

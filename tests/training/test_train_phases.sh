#!/usr/bin/env bash
# al-train-gpt2 --init-from: a second training phase starts from another run's checkpoint.
#   test_train_phases.sh AL_TRAIN_GPT2
# On a tiny model and a short repeated text:
#  * phase 2's first held-out loss (step 0, before any update) is the loss phase 1 reached, far
#    below a fresh model's (about ln 29 = 3.37): the weights came over;
#  * phase 2 counts its own steps from 0 and writes its own log;
#  * running phase 2 again resumes its own checkpoint instead of starting over;
#  * a missing --init-from file and a checkpoint of another shape are refused with a message.
set -euo pipefail
train=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/al-phases-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Letters as uint16 token ids (a..z = 0..25, space = 26), little-endian.
text="the cat sat on the mat and the dog ran to the cat "
: > "$work/tokens.bin"
for _ in 1 2 3 4 5 6 7 8; do
  for ((i = 0; i < ${#text}; i++)); do
    c=${text:i:1}
    if [ "$c" = " " ]; then id=26; else id=$(( $(printf '%d' "'$c") - 97 )); fi
    printf "\\x$(printf '%02x' "$id")\\x00" >> "$work/tokens.bin"
  done
done

common=(--train "$work/tokens.bin" --val "$work/tokens.bin" --vocab 29 --layers 2 --heads 2 --embd 32
        --ctx 32 --batch 2 --seq 16 --warmup 5 --lr 0.01 --eval-every 10 --eval-batches 2 --ckpt-every 10
        --threads 1 --seed 7)
# Column 3 (val_loss) of the log row for a step.
val_at() { awk -F'\t' -v s="$2" '$1 == s { print $3 }' "$1/log.tsv"; }

echo "== phase 1: 60 steps from random weights"
"$train" "${common[@]}" --steps 60 --out "$work/p1" > "$work/p1.txt"
fresh=$(val_at "$work/p1" 0)
reached=$(val_at "$work/p1" 59)
echo "held-out loss: $fresh at step 0, $reached at step 59"

echo "== phase 2: 20 steps from phase 1's checkpoint"
"$train" "${common[@]}" --steps 20 --lr 0.001 --init-from "$work/p1/checkpoint.bin" --resume --out "$work/p2" \
  > "$work/p2.txt"
grep -q "starting from $work/p1/checkpoint.bin (step 60 of that run)" "$work/p2.txt" \
  || { cat "$work/p2.txt"; fail "phase 2 does not say where it started"; }
start=$(val_at "$work/p2" 0)
[ -n "$start" ] || fail "phase 2's log has no step 0"
rows=$(($(wc -l < "$work/p2/log.tsv") - 1))
[ "$rows" -eq 20 ] || fail "phase 2 logged $rows steps, not 20"
echo "phase 2 starts at held-out loss $start"
awk -v a="$start" -v f="$fresh" -v r="$reached" 'BEGIN { exit !(a < f - 1.0 && a <= r + 0.5) }' \
  || fail "phase 2 started at $start: not from phase 1's weights (fresh $fresh, phase 1 reached $reached)"

echo "== phase 2 again: resumes its own finished run"
"$train" "${common[@]}" --steps 20 --lr 0.001 --init-from "$work/p1/checkpoint.bin" --resume --out "$work/p2" \
  > "$work/p2b.txt"
grep -q "resumed from $work/p2/checkpoint.bin at step 20" "$work/p2b.txt" \
  || { cat "$work/p2b.txt"; fail "a second run of phase 2 did not resume its own checkpoint"; }

echo "== refusals"
if "$train" "${common[@]}" --steps 5 --init-from "$work/none.bin" --out "$work/p3" > "$work/p3.txt" 2>&1; then
  fail "a missing --init-from file was accepted"
fi
grep -q "does not exist" "$work/p3.txt" || { cat "$work/p3.txt"; fail "no clear message for a missing file"; }
if "$train" "${common[@]}" --embd 16 --steps 5 --init-from "$work/p1/checkpoint.bin" --out "$work/p4" \
   > "$work/p4.txt" 2>&1; then
  fail "a checkpoint of another shape was accepted"
fi
grep -q "shape differs" "$work/p4.txt" || { cat "$work/p4.txt"; fail "no clear message for a shape mismatch"; }
echo "ok"

#!/usr/bin/env bash
# Trains the embedded default model lens-mini from scratch, reproducibly, on a CPU:
#   1. builds the training tools (build-training/),
#   2. assembles the corpus (training/corpus/build-corpus.sh -> training/data/),
#   3. learns a 4096-token byte-level BPE and encodes the corpus,
#   4. trains a 4-layer, 4-head, d 128 GPT-2 (training/runs/lens-mini/, resumable: run again to continue),
#   5. exports it in Hugging Face layout to resources/models/lens-mini/ and evaluates it.
# Usage: bash training/train-embedded-model.sh [--steps N] [--threads N] [--out DIR]
# Environment: AL_SHARED_DIR (default: ../shared beside the checkout).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
steps=36000
threads=2
out="$root/resources/models/lens-mini"
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) steps="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
shared="${AL_SHARED_DIR:-$root/../shared}"
build="${AL_TRAINING_BUILD_DIR:-$root/build-training}"
data="$root/training/data"
run="$root/training/runs/lens-mini"
bin="$build/training"

# The model's shape and the optimiser's settings (documented in the model card).
vocab=4096 layers=4 heads=4 embd=128 ctx=256 batch=4 seq=256
lr=0.002 warmup=400 wd=0.1 clip=1.0 seed=1337 qk_init_std=0.1 wpe_sinusoid_std=0.1
# Half the training windows start with <|endoftext|>; a quarter hold a passage written twice
# (training/src/window_sampler.cpp says why).
bos_frac=0.5 repeat_frac=0.25

# shellcheck source=training/openblas-core.sh
source "$root/training/openblas-core.sh"

echo "== build"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAL_SANITIZED_TESTS=OFF >/dev/null
fi
cmake --build "$build" --target al-train-gpt2 al-bpe-train al-tokenize-corpus -j"$threads"

echo "== corpus"
bash "$root/training/corpus/build-corpus.sh" "$shared"
train_files=("$data/brown-train.txt" "$data/ts-valid-train.txt" "$data/ts-lower-recased.txt")

echo "== tokenizer"
mkdir -p "$run"
if [ ! -f "$run/tokenizer/merges.txt" ]; then
  "$bin/al-bpe-train" --vocab-size "$vocab" --out "$run/tokenizer" "${train_files[@]}"
fi
# The token files belong to this run's tokenizer (kept beside it, so a resumed run reuses them).
if [ ! -f "$run/train.bin" ]; then
  "$bin/al-tokenize-corpus" --tokenizer "$run/tokenizer" --out "$run/heldout-tinystories.bin" "$data/ts-valid-heldout.txt"
  "$bin/al-tokenize-corpus" --tokenizer "$run/tokenizer" --out "$run/heldout-brown.bin" "$data/brown-heldout.txt"
  "$bin/al-tokenize-corpus" --tokenizer "$run/tokenizer" --out "$run/train.bin.tmp" "${train_files[@]}"
  mv "$run/train.bin.tmp" "$run/train.bin"
fi

bos_id="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["<|endoftext|>"])' "$run/tokenizer/vocab.json")"

echo "== train ($steps steps)"
"$bin/al-train-gpt2" --train "$run/train.bin" --val "$run/heldout-tinystories.bin" --out "$run" \
  --vocab "$vocab" --layers "$layers" --heads "$heads" --embd "$embd" --ctx "$ctx" --batch "$batch" --seq "$seq" \
  --steps "$steps" --warmup "$warmup" --lr "$lr" --wd "$wd" --clip "$clip" --seed "$seed" --qk-init-std "$qk_init_std" \
  --wpe-sinusoid-std "$wpe_sinusoid_std" --no-wpe-decay --bos-id "$bos_id" --bos-frac "$bos_frac" \
  --repeat-frac "$repeat_frac" --eval-every 500 --eval-batches 8 --ckpt-every 500 --threads "$threads" --resume

echo "== export and evaluate"
cmake --build "$build" --target al-export-hf al-evaluate-model -j"$threads"
"$bin/al-export-hf" --checkpoint "$run/checkpoint.bin" --tokenizer "$run/tokenizer" --out "$out"
# The report names the model folder as given: relative to the checkout when it lies inside it, so
# the committed evaluation.json holds no machine-specific path.
model_arg="$out"
case "$out" in "$root"/*) model_arg="${out#"$root"/}" ;; esac
(cd "$root" && "$bin/al-evaluate-model" --model "$model_arg" --train-tokens "$run/train.bin" \
  --heldout "tinystories=$run/heldout-tinystories.bin" --heldout "brown=$run/heldout-brown.bin" \
  --census-text "$data/ts-valid-heldout.txt" --threads "$threads") > "$run/evaluation.json"
cp "$run/evaluation.json" "$out/evaluation.json"
if command -v gnuplot >/dev/null; then
  bash "$root/training/plot-loss.sh" "$run/log.tsv" "$out/loss-curve.png"
fi
echo "done: $out"

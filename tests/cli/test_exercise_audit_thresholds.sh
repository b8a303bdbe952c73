#!/usr/bin/env bash
# The exercise audit's thresholds (lessons/README.md), held on two models: the embedded model
# lens-mini, and a tiny model trained here by `train-lab --steps 600` (about 20 s of CPU; two layers
# of four heads on a vocabulary of bytes, so the exercises are checked on a model they were not
# written for).
#   test_exercise_audit_thresholds.sh ATTENTION_LENS_CLI
set -euo pipefail
cli=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/al-audit-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0
echo "== lens-mini"
"$cli" exercises audit --model lens-mini --check --quiet || status=1
"$cli" train-lab --steps 600 --out "$work/trained" > "$work/train.log"
echo "== a model trained by train-lab --steps 600"
"$cli" exercises audit --model "$work/trained" --check --quiet || status=1
exit $status

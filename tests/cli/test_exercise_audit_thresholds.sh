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
fail() { echo "FAIL: $*" >&2; status=1; }

# Bad input: a clear message and exit code 2.
set +e
"$cli" exercises audit --texts "$work/none.txt" 2> "$work/err"; rc=$?
set -e
[ "$rc" = 2 ] && grep -q "does not exist" "$work/err" || fail "a missing --texts file: exit $rc, $(cat "$work/err")"
printf '\n  \n' > "$work/blank.txt"
set +e
"$cli" exercises audit --texts "$work/blank.txt" 2> "$work/err"; rc=$?
set -e
[ "$rc" = 2 ] && grep -q "holds no text" "$work/err" || fail "a --texts file of blank lines: exit $rc"
# --json: the documented shape, on a corpus of two texts (blank lines skipped).
printf 'The cat sat on the mat because it was tired.\n\nAlice met Bob, and she gave him a book.\n' > "$work/two.txt"
"$cli" exercises audit --texts "$work/two.txt" --json --quiet > "$work/two.json"
for key in '"model":"lens-mini"' '"texts":2' '"exercises":[' '"answers":{' '"chance":' '"strategies":{' '"leaks":[' \
           '"refused_near_ties":' '"surprise":' '"training_run":[' '"id":"forming-layer"'; do
  grep -qF "$key" "$work/two.json" || fail "--json lacks $key"
done

echo "== lens-mini"
"$cli" exercises audit --model lens-mini --check --quiet || status=1
"$cli" train-lab --steps 600 --out "$work/trained" > "$work/train.log"
echo "== a model trained by train-lab --steps 600"
"$cli" exercises audit --model "$work/trained" --check --quiet || status=1
exit $status

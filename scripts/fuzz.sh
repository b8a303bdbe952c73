#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang + ASan + UBSan) in build-fuzz/ and runs each on its
# seed corpus for a while. Usage:
#   scripts/fuzz.sh [seconds-per-target] [target...]     (default: 60 s, every target)
# Environment: AL_FUZZ_JOBS=N runs N targets at a time (default 1); AL_FUZZ_CC / AL_FUZZ_CXX pick the
# compilers (default clang-14 / clang++-14); AL_FUZZ_BUILD the build folder (default build-fuzz);
# AL_FUZZ_IF_CLANG=1 skips with a message, instead of failing, when they are missing (as CI does).
# New inputs go to build-fuzz/fuzz-corpus/<target>, logs to build-fuzz/fuzz-logs, and any crashing
# input to build-fuzz/fuzz-crashes/<target>/. Exit status 1 if any target found a crash.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
all_targets=(safetensors config tokenizer_files tokenizer_encode progress_file settings_file model_manifest resume_state http_headers)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
jobs="${AL_FUZZ_JOBS:-1}"
cc="${AL_FUZZ_CC:-clang-14}"
cxx="${AL_FUZZ_CXX:-clang++-14}"
build="${AL_FUZZ_BUILD:-build-fuzz}"

skip() {
  echo "fuzz: SKIPPED all ${#targets[@]} targets: $1 (install clang-14 and libclang-rt-14-dev; scripts/install-deps.sh does)"
  [ "${AL_FUZZ_IF_CLANG:-0}" = 1 ] && exit 0
  exit 1
}
command -v "$cxx" >/dev/null && command -v "$cc" >/dev/null || skip "$cxx not found"
# -fsanitize=fuzzer links clang's libFuzzer runtime, which Debian ships in libclang-rt-14-dev.
[ -f "$("$cxx" -print-file-name=libclang_rt.fuzzer-x86_64.a)" ] || skip "$cxx has no libFuzzer runtime"

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
start=$(date +%s)
mkdir -p "$build"
CC="$cc" CXX="$cxx" cmake -S . -B "$build" -G Ninja -DAL_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "${launcher[@]}" >"$build/configure.log" 2>&1 || { cat "$build/configure.log"; exit 1; }
cmake --build "$build" --parallel "$(nproc)" --target fuzz_all
echo "fuzz: built ${#all_targets[@]} targets in $(( $(date +%s) - start )) s"

mkdir -p "$build/fuzz-logs"
run_one() {
  local t="$1" work="$build/fuzz-corpus/$1" crashes="$build/fuzz-crashes/$1" dict=()
  mkdir -p "$work" "$crashes"
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  # Writable corpus first (new inputs land there), the seeds second; one process, one input at a time.
  "$build/tests/fuzz/fuzz_$t" "$work" "tests/fuzz/corpus/$t" "${dict[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$crashes/" >"$build/fuzz-logs/$t.log" 2>&1
}

summary() {
  local t="$1" rc="$2" log="$build/fuzz-logs/$1.log" last runs
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  if [ "$rc" = 0 ]; then
    echo "fuzz: $t: ok, ${runs:-?} runs in ${seconds} s; $(echo "$last" | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9a-zA-Z]+')"
  else
    echo "fuzz: $t: FAILED (exit $rc); the input is in $build/fuzz-crashes/$t/, the report in $log:"
    grep -E 'ERROR: |runtime error|fuzz check failed|SUMMARY' "$log" | head -5 | sed 's/^/    /'
  fi
}

failed=0
ran=0
pending=("${targets[@]}")
while [ ${#pending[@]} -gt 0 ]; do
  batch=("${pending[@]:0:$jobs}")
  pending=("${pending[@]:$jobs}")
  pids=()
  for t in "${batch[@]}"; do
    run_one "$t" & pids+=($!)
  done
  for i in "${!batch[@]}"; do
    rc=0
    wait "${pids[$i]}" || rc=$?
    summary "${batch[$i]}" "$rc"
    ran=$((ran + 1))
    [ "$rc" = 0 ] || failed=$((failed + 1))
  done
done
echo "fuzz: ran $ran targets for $seconds s each, $jobs at a time: $failed found a crash ($(( $(date +%s) - start )) s in all)"
[ "$failed" = 0 ]

#!/usr/bin/env bash
# Builds everything and runs every test (ctest), headless, on a fresh Debian 12 machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export QT_QPA_PLATFORM=offscreen
# CI (CI=true) turns every compiler warning into an error; a learner's build only shows them.
werror=OFF
if [ "${CI:-}" = true ]; then werror=ON; fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAL_WERROR="$werror"
cmake --build build --parallel "$(nproc)"
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 600
# Each parser's fuzz target for 20 s on its corpus (clang-14 + libFuzzer), as many at a time as there
# are cores; without clang it says so and skips.
AL_FUZZ_IF_CLANG=1 AL_FUZZ_JOBS="$(nproc)" bash scripts/fuzz.sh 20

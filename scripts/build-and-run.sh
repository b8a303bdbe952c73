#!/usr/bin/env bash
# Builds Attention Lens and launches it on the embedded model. Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel "$(nproc)" --target attention-lens
exec ./build/app/gui/attention-lens "$@"

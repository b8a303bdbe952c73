#!/usr/bin/env bash
# The build lists its sources (CONTRIBUTING.md, "Sources are listed"): every C++ and QML file of
# the tree must be named in some CMakeLists.txt, by its file name or, for a test or a fuzz target,
# by its name without the extension (al_test(test_x) builds test_x.cpp). A file that no list names would be
# left out of the build without a word; this test names it instead.
#   test_sources_listed.sh SOURCE_DIR
set -euo pipefail
cd "$1"
lists=$(find . -name CMakeLists.txt -not -path './build*/*' -not -path './.git/*' -exec cat {} +)
status=0
while IFS= read -r f; do
  name=${f##*/}
  stem=$name
  case $name in test_* | fuzz_*) stem=${name%.*} ;; esac
  if ! grep -qwF -e "$name" -e "$stem" <<< "$lists"; then
    echo "FAIL: $f is named in no CMakeLists.txt; add it to its folder's list" >&2
    status=1
  fi
done < <(find app engine training qml tests packaging \
              \( -name '*.cpp' -o -name '*.c' -o -name '*.qml' -o -name '*.js' \) \
              | sort)
[ "$status" = 0 ] && echo "every C++ and QML file is named in a CMakeLists.txt"
exit "$status"

#!/usr/bin/env bash
# qmllint over the app's QML module, run as Qt's CMake made it (the al_qml_qmllint target: every QML
# file of the module, with the module's own qmldir and .qmltypes, so that the app's C++ types are
# known). Fails on any warning, except the few kinds below that Qt 6.4's qmllint reports on code that
# is right; each is matched as narrowly as it can be, and every other warning of its category still
# counts.
#   test_qmllint.sh CMAKE BUILD_DIR
set -euo pipefail
cmake=$1
build=$2
out=$(mktemp "${TMPDIR:-/tmp}/al-qmllint.XXXXXX")
trap 'rm -f "$out"' EXIT
# The target fails when qmllint warns; what counts is decided below.
"$cmake" --build "$build" --target al_qml_qmllint > "$out" 2>&1 || true
if ! grep -q "qmllint" "$out"; then
  cat "$out"
  echo "FAIL: the al_qml_qmllint target did not run qmllint" >&2
  exit 1
fi

# One block per warning: "Warning: FILE:LINE:COL: MESSAGE", then the source line and a caret line.
# Blocks that start with "Info:" are hints and never count.
LC_ALL=C awk '
  function ids_of(file,   line, rest) {
    if (file in scanned) return
    scanned[file] = 1
    while ((getline line < file) > 0) {
      rest = line
      while (match(rest, /(^|[^A-Za-z0-9_.])id: *[A-Za-z_][A-Za-z0-9_]*/)) {
        id = substr(rest, RSTART, RLENGTH); sub(/.*id: */, "", id)
        ids[file SUBSEP id] = 1
        rest = substr(rest, RSTART + RLENGTH)
      }
    }
    close(file)
  }
  # qmllint counts columns in characters; awk (run with LC_ALL=C) in bytes. Skips UTF-8
  # continuation bytes to find the byte where character COL starts.
  function byte_of(s, col,   i, n) {
    n = 0
    for (i = 1; i <= length(s); i++)
      if (substr(s, i, 1) !~ /^[\200-\277]$/ && ++n == col) return i
    return length(s) + 1
  }
  # Why each kind is not counted:
  function excused(head, src,   m, file, col, name) {
    # An id of the same file, read inside a delegate or an inline Component: Qt 6.4 resolves it at
    # run time (the component is created in its file context), but its qmllint cannot see that;
    # "pragma ComponentBehavior: Bound", which tells it so, came with Qt 6.5. Every other unqualified
    # name (a model role such as index or modelData, a parent'"'"'s property) still counts.
    if (head ~ /: Unqualified access$/) {
      m = head; sub(/^Warning: /, "", m)
      file = m; sub(/:[0-9]+:[0-9]+: .*$/, "", file)
      col = m; sub(/^[^:]*:[0-9]+:/, "", col); sub(/:.*$/, "", col)
      name = substr(src, byte_of(src, col + 0))
      match(name, /^[A-Za-z_][A-Za-z0-9_]*/); name = substr(name, 1, RLENGTH)
      ids_of(file)
      return ((file SUBSEP name) in ids)
    }
    # JavaScript values that Qt 6.4 types statically: a QVariantMap'"'"'s keys, the array methods of a
    # list (QVariantList, QStringList: find, filter, map, join, concat) and QUrl'"'"'s toString are
    # there at run time, but its qmllint looks them up as C++ properties.
    if (head ~ /Property "[A-Za-z_0-9]+" not found on type "(QVariantMap|QVariantList|QStringList|QUrl)"$/) return 1
    if (head ~ /: Type is a list\. You cannot access "concat" from here\.$/) return 1
    # Qt.callLater is declared as a QJSValue property in Qt 6.4'"'"'s qmltypes.
    if (head ~ /Property "callLater" is a QJSValue property/) return 1
    # Qt.application is typed as QQmlApplication, the base without QtQuick'"'"'s font.
    if (head ~ /Property "font" not found on type "QQmlApplication"$/) return 1
    # A C++ qint64 property (ModelHub.parameters): the builtins.qmltypes of Qt 6.4 has no qlonglong, so
    # qmllint cannot type it, though the QML engine reads it as a number.
    if (head ~ /Type "qlonglong" of property "[A-Za-z_0-9]+" not found\./) return 1
    # QtCharts 6.4'"'"'s plugins.qmltypes declares QValueAxis twice, the second time without its QML
    # name, so its qmllint cannot find ValueAxis (it finds every other axis). Only warnings on a line
    # that declares a ValueAxis, or binds one to an axis, are excused.
    if (src ~ /ValueAxis *\{/ && head ~ /(ValueAxis was not found|.ValueAxis. is used but it is not resolved|Type ValueAxis is used but it is not resolved|Binding assigned to "[A-Za-z]+", but no property)/) return 1
    if (head ~ /Cannot assign binding of type ValueAxis to QAbstractAxis$/) return 1
    return 0
  }
  function flush() {
    if (head != "" && !excused(head, src)) { print block; counted++ }
    head = ""; block = ""; src = ""; lines = 0
  }
  /^(Warning|Info): / { flush(); if ($0 ~ /^Warning: /) { head = $0; block = $0 }; next }
  head != "" { block = block "\n" $0; if (++lines == 1) src = $0 }
  END { flush(); print counted + 0 > "/dev/stderr" }
' "$out" 2> "$out.count" | tee "$out.kept"
count=$(cat "$out.count"); rm -f "$out.count" "$out.kept"
total=$(grep -c "^Warning: " "$out" || true)
echo "qmllint: $total warnings, $count counted, $((total - count)) of Qt 6.4's known kinds excused"
[ "$count" = 0 ] || { echo "FAIL: qmllint warned (above)" >&2; exit 1; }

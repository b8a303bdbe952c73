#!/usr/bin/env bash
# Builds the .deb from a finished build tree, checks its control data, unpacks it into a clean
# root and runs the installed app from there (no source tree, no build tree, fresh HOME).
#   test_deb_install.sh CPACK BUILD_DIR APP_ID VERSION SOURCE_DIR
set -euo pipefail
cpack=$1 build=$2 app_id=$3 version=$4 source=$5

work=$(mktemp -d "${TMPDIR:-/tmp}/al-deb-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== cpack -G DEB"
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg" > "$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/pkg/attention-lens_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { cat "$work/cpack.log"; fail "no attention-lens_*.deb produced"; }
echo "built $(basename "$deb") ($(du -h "$deb" | cut -f1))"

echo "== control data (dpkg-deb -I)"
dpkg-deb -I "$deb" > "$work/info.txt"
cat "$work/info.txt"
depends=$(sed -n 's/^ Depends: //p' "$work/info.txt")
[ -n "$depends" ] || fail "no Depends field"
# Whether Depends names package $1 (alternatives and version constraints allowed).
has_dep() { tr ',|' '\n\n' <<<"$depends" | sed 's/^ *//; s/[ (].*//' | grep -qxF "$1"; }
# QML modules and plugins (invisible to dpkg-shlibdeps) and libraries (found by it).
for pkg in qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript \
           qml6-module-qtquick qml6-module-qtquick-window qml6-module-qtquick-templates \
           qml6-module-qtquick-controls qml6-module-qtquick-layouts qml6-module-qtquick-dialogs \
           qml6-module-qt-labs-folderlistmodel qml6-module-qtquick-shapes qml6-module-qtcharts libqt6svg6 \
           libqt6core6 libqt6gui6 libqt6qml6 libqt6quick6 libqt6widgets6 \
           libqt6network6 libpcre2-8-0 libstdc++6 libc6; do
  has_dep "$pkg" || fail "Depends lacks $pkg: $depends"
done
has_dep libopenblas0 || has_dep libopenblas0-pthread || fail "Depends lacks OpenBLAS: $depends"
# Every QML module the sources import must be covered by a listed qml6-module package.
for import in $(grep -rhoE '^import Qt[A-Za-z.]+' "$source/qml" | awk '{print $2}' | sort -u); do
  pkg="qml6-module-$(echo "$import" | tr 'A-Z' 'a-z' | tr '.' '-')"
  has_dep "$pkg" || fail "qml/ imports $import but Depends lacks $pkg"
done

echo "== unpack into a clean root (dpkg -x)"
root="$work/root"
dpkg -x "$deb" "$root"
(cd "$root" && find . -type f | sort) > "$work/files.txt"
sed 's/^/  /' "$work/files.txt" | head -60
need() { [ -e "$root/$1" ] || fail "package lacks /$1"; }
need usr/bin/attention-lens
need "usr/share/applications/$app_id.desktop"
need "usr/share/metainfo/$app_id.metainfo.xml"
need "usr/share/icons/hicolor/scalable/apps/$app_id.svg"
need usr/share/doc/attention-lens/LICENSE
need usr/share/doc/attention-lens/copyright
for size in 16 22 24 32 48 64 128 256 512; do
  png="usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
  need "$png"
  file "$root/$png" | grep -q "PNG image data, $size x $size" || fail "$png is not a ${size}x${size} PNG: $(file -b "$root/$png")"
done
for f in config.json model.safetensors vocab.json merges.txt; do
  need "usr/share/attention-lens/models/lens-mini/$f"
done
need usr/bin/attention-lens-cli

echo "== installed metadata validates"
desktop-file-validate "$root/usr/share/applications/$app_id.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml"
grep -q "^Icon=$app_id$" "$root/usr/share/applications/$app_id.desktop" || fail "desktop Icon is not $app_id"

echo "== run the installed binary"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
       XDG_CACHE_HOME="$work/home/.cache" XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset AL_MODEL_DIR AL_MODELS_DIR AL_EMBEDDED_MODEL HF_HOME
export QT_QPA_PLATFORM=offscreen
out=$("$root/usr/bin/attention-lens" --version 2>&1) || fail "attention-lens --version failed: $out"
echo "$out"
grep -q "$version" <<<"$out" || fail "--version does not print $version"

out=$("$root/usr/bin/attention-lens-cli" --version 2>&1) || fail "attention-lens-cli --version failed: $out"
echo "$out"
grep -q "$version" <<<"$out" || fail "attention-lens-cli --version does not print $version"
# Without --model the CLI must pick the model installed beside it, found from its own location.
out=$("$root/usr/bin/attention-lens-cli" info 2>&1) || fail "attention-lens-cli info failed: $out"
echo "$out"
grep -qF "\"model\":\"$root/usr/share/attention-lens/models/lens-mini\"" <<<"$out" \
  || fail "the installed CLI did not use the installed model: $out"

shot="$work/station1.png"
timeout 180 "$root/usr/bin/attention-lens" --station lens --screenshot "$shot" > "$work/run.log" 2>&1 \
  || { cat "$work/run.log"; fail "attention-lens --screenshot exited with an error"; }
cat "$work/run.log"
[ -s "$shot" ] || fail "no screenshot written"
file "$shot" | grep -q "PNG image data" || fail "screenshot is not a PNG: $(file -b "$shot")"
[ "$(stat -c %s "$shot")" -gt 20000 ] || fail "screenshot is suspiciously small ($(stat -c %s "$shot") bytes)"
if [ -n "${AL_KEEP_SCREENSHOT:-}" ]; then cp "$shot" "$AL_KEEP_SCREENSHOT"; fi
echo "PASS: package builds, declares its dependencies, installs and runs"

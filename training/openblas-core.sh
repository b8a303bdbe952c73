# Sourced by train-embedded-model.sh. Debian 12's OpenBLAS (0.3.21) does not recognise some newer
# CPUs, for instance a Xeon with AVX-512 FP16 under a hypervisor, and then falls back to its generic
# SSE3 kernels ("Prescott"): a lens-mini training step takes about twice as long (README.md,
# "Performance", has the 30-step timings). When that happens,
# name the newest kernel set the CPU's flags allow. A value already set by the user wins.
openblas_core() {
  python3 - <<'PY' 2>/dev/null || true
import ctypes, ctypes.util
lib = ctypes.CDLL(ctypes.util.find_library("openblas") or "libopenblas.so.0")
lib.openblas_get_corename.restype = ctypes.c_char_p
print(lib.openblas_get_corename().decode())
PY
}

if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ "$(openblas_core)" = "Prescott" ]; then
  if grep -qw avx512bw /proc/cpuinfo && grep -qw avx512vl /proc/cpuinfo; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo; then
    export OPENBLAS_CORETYPE=Haswell
  fi
  if [ -n "${OPENBLAS_CORETYPE:-}" ]; then
    echo "OpenBLAS did not recognise this CPU; using its $OPENBLAS_CORETYPE kernels"
  fi
fi

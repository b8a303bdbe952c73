// Thread settings for the engine's BLAS. OpenBLAS (Debian's pthread build) lets its worker threads
// spin after each call; on a small machine that spinning competes with the code between calls and
// halves throughput or doubles it depending on the wait policy. configure_threads() applies the
// setting measured fastest for the forward pass (see engine/bench). Call it once at startup,
// before any model runs; the app and the CLI do.
#pragma once

namespace al {

// threads <= 0: all cores. Respects OPENBLAS_NUM_THREADS / OMP_NUM_THREADS when set by the user.
void configure_threads(int threads = 0);

} // namespace al

// Thread settings for the engine's BLAS. OpenBLAS (Debian's pthread build) lets its worker threads
// spin after each call; on a small machine that spinning competes with the code between calls and
// halves throughput or doubles it depending on the wait policy. configure_threads() applies the
// setting measured fastest for the forward pass (see engine/bench). Call it once at startup,
// before any model runs; the app and the CLI do.
#pragma once

namespace al {

// threads <= 0: all cores. Respects OPENBLAS_NUM_THREADS / OMP_NUM_THREADS when set by the user.
void configure_threads(int threads = 0);

// BLAS's process-wide thread count, read and set directly. For a caller that runs several
// computations at once and hands out the cores itself (the app's compute scheduler): it sets one
// thread while more than one computation runs and all cores for one alone.
int blas_threads();
void set_blas_threads(int threads); // clamped to at least 1

// While alive, BLAS runs on one thread; the previous thread count comes back on destruction.
// For timing small products: OpenBLAS splits any product above about 262,000 multiply-adds
// across its threads, and on a busy machine waiting for a second core to be free costs
// milliseconds, far more than a 128 x 128 attention product itself (timing the cost meter's
// loop on lens-mini while another program kept both cores busy: 0.26 ms on one thread against
// 44 ms on two). The setting is
// process-wide, so other threads' products run single-threaded meanwhile: same results, only
// their speed changes.
class OneBlasThread {
public:
    OneBlasThread();
    ~OneBlasThread();
    OneBlasThread(const OneBlasThread&) = delete;
    OneBlasThread& operator=(const OneBlasThread&) = delete;

private:
    int previous_;
};

} // namespace al

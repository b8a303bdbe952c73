// Thread settings for OpenBLAS (see threads.h).
//
// Debian's OpenBLAS (pthread build) keeps its worker threads spinning (sched_yield) for 2^28 CPU
// cycles after each call before they sleep. The forward pass alternates matrix products with
// single-threaded work (softmax, layer norm, copies); on a 2-core machine the spinning worker
// takes the core that work, or anything else running, needs. Measured with al-bench-forward
// (engine/bench) under load: T=64 360 ms with a timeout of 2^4 cycles against 915 ms with the
// default (2 threads), and 430 ms single-threaded. The timeout is read from OPENBLAS_THREAD_TIMEOUT
// when OpenBLAS starts (before main), so we set it, make OpenBLAS read its environment again and
// restart its thread pool, through exported functions looked up at run time (a different OpenBLAS
// without them keeps its defaults).
#include "attention_lens/threads.h"

#include <cblas.h>
#include <dlfcn.h>

#include <cstdlib>
#include <thread>

namespace al {

void configure_threads(int threads) {
    setenv("OPENBLAS_THREAD_TIMEOUT", "4", 0); // 2^4 cycles: sleep at once; a user's value wins
    using VoidFn = void (*)();
    using IntFn = int (*)();
    auto read_env = reinterpret_cast<VoidFn>(dlsym(RTLD_DEFAULT, "openblas_read_env"));
    auto shutdown = reinterpret_cast<IntFn>(dlsym(RTLD_DEFAULT, "blas_thread_shutdown_"));
    auto init = reinterpret_cast<IntFn>(dlsym(RTLD_DEFAULT, "blas_thread_init"));
    if (read_env && shutdown && init) {
        read_env();
        shutdown();
        init();
    }
    if (std::getenv("OPENBLAS_NUM_THREADS") || std::getenv("OMP_NUM_THREADS")) return; // the user's choice
    int n = threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency());
    if (n < 1) n = 1;
    openblas_set_num_threads(n);
}

int blas_threads() { return openblas_get_num_threads(); }
void set_blas_threads(int threads) { openblas_set_num_threads(threads < 1 ? 1 : threads); }

OneBlasThread::OneBlasThread() : previous_(openblas_get_num_threads()) { openblas_set_num_threads(1); }
OneBlasThread::~OneBlasThread() { openblas_set_num_threads(previous_); }

} // namespace al

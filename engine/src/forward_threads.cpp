// Thread settings for OpenBLAS (see threads.h).
#include "attention_lens/threads.h"

#include <cblas.h>

#include <cstdlib>
#include <thread>

namespace al {

void configure_threads(int threads) {
    if (std::getenv("OPENBLAS_NUM_THREADS") || std::getenv("OMP_NUM_THREADS")) return; // the user's choice
    int n = threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency());
    if (n < 1) n = 1;
    openblas_set_num_threads(n);
}

} // namespace al

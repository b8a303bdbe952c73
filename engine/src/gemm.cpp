// Dispatch and threads of the engine's AVX-512 matrix product (gemm.h); the kernel itself is in
// gemm_avx512.cpp.
#include "gemm.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

#include <cblas.h>

namespace al::detail {

bool fast_gemm_available() {
    static const bool available = [] {
        const char* choice = std::getenv("AL_GEMM");
        if (choice && std::strcmp(choice, "blas") == 0) return false;
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f") != 0;
    }();
    return available;
}

void fast_gemm(int M, int N, int K, const float* A, int lda, const float* B, int ldb, bool trans_b,
               float* C, int ldc, GemmEpilogue epilogue) {
    if (M <= 0 || N <= 0 || K <= 0) return;
    constexpr int kPanel = 48;
    const int panels = (N + kPanel - 1) / kPanel;
    // A second thread pays off once the product is a few hundred microseconds of work.
    const double work = static_cast<double>(M) * N * K;
    int threads = work < 4.0e6 ? 1 : openblas_get_num_threads(); // the same thread budget as BLAS (see threads.h)
    if (threads > panels) threads = panels;
    if (threads < 1) threads = 1;
    auto share = [&](int t, float* pack) {
        const int j0 = static_cast<int>(static_cast<long>(panels) * t / threads) * kPanel;
        const int j1 = t + 1 == threads ? N : static_cast<int>(static_cast<long>(panels) * (t + 1) / threads) * kPanel;
        if (j0 < j1) fast_gemm_columns(M, K, A, lda, B, ldb, trans_b, C, ldc, j0, j1, pack, epilogue);
    };
    struct alignas(64) Pack { float f[kGemmPackFloats]; };
    thread_local std::unique_ptr<Pack> pack = std::make_unique<Pack>(); // 48 KB, kept per thread
    if (threads == 1) {
        share(0, pack->f);
        return;
    }
    std::vector<std::thread> workers;
    workers.reserve(threads - 1);
    for (int t = 1; t < threads; t++)
        workers.emplace_back([&, t] {
            auto own = std::make_unique<Pack>();
            share(t, own->f);
        });
    share(0, pack->f);
    for (std::thread& w : workers) w.join();
}

} // namespace al::detail

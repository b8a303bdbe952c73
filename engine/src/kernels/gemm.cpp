// The dispatch of kernels/gemm.h, and the threads of the AVX-512 product (its kernel, compiled for
// AVX-512, is in gemm_avx512.cpp; this file is compiled for the baseline CPU).
// Lets -O3 vectorise the clamps in fastmath::exp (a comparison may not be if-converted while
// floating-point exceptions are observable; nothing here reads them).
#pragma GCC optimize("no-trapping-math")
#include "gemm.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

#include <cblas.h>

#include "fastmath.h"
#include "gemm_avx512.h"

namespace al::kernels {

bool gemm_uses_avx512() {
    static const bool available = [] {
        const char* choice = std::getenv("AL_GEMM");
        if (choice && std::strcmp(choice, "blas") == 0) return false;
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f") != 0;
    }();
    return available;
}

void gemm(int M, int N, int K, const float* A, int lda, const float* B, int ldb, bool trans_b, float* C, int ldc,
          GemmEpilogue epilogue) {
    if (M <= 0 || N <= 0 || K <= 0) return;
    if (gemm_uses_avx512()) {
        gemm_avx512(M, N, K, A, lda, B, ldb, trans_b, C, ldc, epilogue);
        return;
    }
    cblas_sgemm(CblasRowMajor, CblasNoTrans, trans_b ? CblasTrans : CblasNoTrans, M, N, K, 1.0f, A, lda, B, ldb,
                1.0f, C, ldc);
    if (epilogue == GemmEpilogue::GeluTanh)
        for (int i = 0; i < M; i++) {
            float* row = C + static_cast<long>(i) * ldc;
            for (int j = 0; j < N; j++) row[j] = fastmath::gelu_tanh(row[j]);
        }
}

void gemm_avx512(int M, int N, int K, const float* A, int lda, const float* B, int ldb, bool trans_b, float* C,
                 int ldc, GemmEpilogue epilogue) {
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
        if (j0 < j1) gemm_avx512_columns(M, K, A, lda, B, ldb, trans_b, C, ldc, j0, j1, pack, epilogue);
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

} // namespace al::kernels

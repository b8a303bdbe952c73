// The engine's AVX-512 matrix product against OpenBLAS's sgemm on GPT-2 small's linear layers
// (not a test). Both run alternately in one process, on the same inputs and thread count; the
// report gives each one's median time, their ratio, and the largest difference between their
// results. Usage: al-bench-gemm [threads] [rounds]
#include <cblas.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "../src/kernels/gemm_avx512.h"

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    const int threads = argc > 1 ? std::atoi(argv[1]) : 1;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 7;
    if (!al::kernels::gemm_uses_avx512()) {
        std::printf("this CPU has no AVX-512 (or AL_GEMM=blas): the engine uses OpenBLAS alone\n");
        return 0;
    }
    openblas_set_num_threads(threads);
    struct Shape { const char* name; int K, N; };
    const Shape shapes[] = {{"c_attn", 768, 2304}, {"attn c_proj", 768, 768}, {"mlp c_fc", 768, 3072},
                            {"mlp c_proj", 3072, 768}};
    std::mt19937 rng(7);
    std::normal_distribution<float> nd(0.0f, 0.02f);
    std::printf("threads %d, %d rounds (medians)\n", threads, rounds);
    std::printf("%5s %-12s %10s %10s %7s %9s %10s\n", "M", "layer", "blas ms", "engine ms", "ratio", "GFLOP/s", "max diff");
    for (int M : {16, 64, 256, 1024}) {
        for (const Shape& s : shapes) {
            std::vector<float> A(static_cast<size_t>(M) * s.K), B(static_cast<size_t>(s.K) * s.N);
            for (float& x : A) x = nd(rng) * 50.0f;
            for (float& x : B) x = nd(rng);
            std::vector<float> C1(static_cast<size_t>(M) * s.N), C2(C1.size());
            std::vector<double> tb, tf;
            for (int r = 0; r < rounds; r++) {
                auto t0 = std::chrono::steady_clock::now();
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, s.N, s.K, 1.0f, A.data(), s.K, B.data(),
                            s.N, 0.0f, C1.data(), s.N);
                auto t1 = std::chrono::steady_clock::now();
                std::fill(C2.begin(), C2.end(), 0.0f);
                al::kernels::gemm_avx512(M, s.N, s.K, A.data(), s.K, B.data(), s.N, false, C2.data(), s.N);
                auto t2 = std::chrono::steady_clock::now();
                tb.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
                tf.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
            }
            double diff = 0.0;
            for (size_t i = 0; i < C1.size(); i++) diff = std::max(diff, static_cast<double>(std::fabs(C1[i] - C2[i])));
            const double mb = median(tb), mf = median(tf);
            std::printf("%5d %-12s %10.3f %10.3f %7.2f %9.1f %10.2e\n", M, s.name, mb, mf, mf / mb,
                        2.0 * M * s.K * s.N / (mf * 1e6), diff);
        }
    }
    std::printf("ratio = engine / OpenBLAS (below 1: the engine's product is faster)\n");
    return 0;
}

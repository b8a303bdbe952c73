// The engine's own AVX-512 matrix product, one of the kernels behind kernels/gemm.h. Call it only
// where gemm_uses_avx512() (its code uses AVX-512 instructions whatever the build flags); the
// engine goes through kernels::gemm(), the tests and the product's benchmark call it directly.
//
// Results do not depend on the thread count: threads split the columns of C, and every element
// is summed in the same order whatever the split.
#pragma once

#include "gemm.h"

namespace al::kernels {

// C += A . op(B) as kernels::gemm(), on up to openblas_get_num_threads() threads (the same budget
// as BLAS, see threads.h).
void gemm_avx512(int M, int N, int K, const float* A, int lda, const float* B, int ldb, bool trans_b, float* C,
                 int ldc, GemmEpilogue epilogue = GemmEpilogue::None);

// One thread's share: columns [j0, j1) of C. pack: kGemmPackFloats floats, 64-byte aligned.
constexpr int kGemmPackFloats = 256 * 48;
void gemm_avx512_columns(int M, int K, const float* A, int lda, const float* B, int ldb, bool trans_b, float* C,
                         int ldc, int j0, int j1, float* pack, GemmEpilogue epilogue);

} // namespace al::kernels

// The engine's own matrix product for the model's linear layers, C += A . B, used where the CPU
// has AVX-512 (OpenBLAS picks its kernels from OPENBLAS_CORETYPE or its own CPU detection, and
// on machines it does not know, such as recent AMD EPYCs, or when the environment pins an older
// core type, it falls back to 256-bit AVX2 kernels that do half the work per instruction).
// Everything else, and every product on a CPU without AVX-512, stays with OpenBLAS.
//
// Results do not depend on the thread count: threads split the columns of C, and every element
// is summed in the same order whatever the split.
#pragma once

namespace al::detail {

// True when the AVX-512 product will be used: the CPU has AVX-512F and the environment does not
// ask for BLAS (AL_GEMM=blas, for benchmarks that compare the two).
bool fast_gemm_available();

// What happens to each finished element of C: nothing, or GPT-2's gelu_new
// (fastmath::gelu_tanh), applied once the whole sum over K is in.
enum class GemmEpilogue { None, GeluTanh };

// C[M][N] (row stride ldc) += A[M][K] (lda) . op(B), where op(B)[k][j] = B[k*ldb + j], or
// B[j*ldb + k] when trans_b (B stored as [N][K], e.g. the tied embedding as the LM head).
// Uses up to blas_threads() threads. Call only when fast_gemm_available().
void fast_gemm(int M, int N, int K, const float* A, int lda, const float* B, int ldb, bool trans_b,
               float* C, int ldc, GemmEpilogue epilogue = GemmEpilogue::None);

// One thread's share: columns [j0, j1) of C. pack: kGemmPackFloats floats, 64-byte aligned.
constexpr int kGemmPackFloats = 256 * 48;
void fast_gemm_columns(int M, int K, const float* A, int lda, const float* B, int ldb, bool trans_b,
                       float* C, int ldc, int j0, int j1, float* pack, GemmEpilogue epilogue);

} // namespace al::detail

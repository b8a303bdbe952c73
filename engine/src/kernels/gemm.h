// The engine's one matrix product for the model's linear layers, C += A . op(B), with the CPU's
// kernel picked at run time behind this header: the engine's own AVX-512 product
// (gemm_avx512.h) where the CPU has AVX-512F, OpenBLAS's sgemm everywhere else. OpenBLAS picks its
// kernels from OPENBLAS_CORETYPE or its own CPU detection, and on machines it does not know (such
// as recent AMD EPYCs), or when the environment pins an older core type, it falls back to 256-bit
// AVX2 kernels that do half the work per instruction.
#pragma once

namespace al::kernels {

// What happens to each finished element of C: nothing, or GPT-2's gelu_new
// (fastmath::gelu_tanh), applied once the whole sum over K is in.
enum class GemmEpilogue { None, GeluTanh };

// True when gemm() runs the AVX-512 product: the CPU has AVX-512F and the environment does not
// ask for OpenBLAS (AL_GEMM=blas, for benchmarks that compare the two).
bool gemm_uses_avx512();

// C[M][N] (row stride ldc) += A[M][K] (lda) . op(B), where op(B)[k][j] = B[k*ldb + j], or
// B[j*ldb + k] when trans_b (B stored as [N][K], e.g. the tied embedding as the LM head); then
// the epilogue on each element of C. Uses up to openblas_get_num_threads() threads.
void gemm(int M, int N, int K, const float* A, int lda, const float* B, int ldb, bool trans_b, float* C, int ldc,
          GemmEpilogue epilogue = GemmEpilogue::None);

} // namespace al::kernels

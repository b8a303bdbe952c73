// AVX-512 kernel of gemm_avx512 (gemm_avx512.h). The whole file is compiled for AVX-512 through the pragma
// below, whatever the build flags, and is only ever called after gemm_uses_avx512() checked the
// CPU. It therefore uses no standard-library templates: an instantiation compiled here for
// AVX-512 could be the copy the linker keeps for the rest of the program.
//
// Blocking (as in BLIS/GotoBLAS): for each slice of kKC rows of B, each panel of kNR = 48 columns
// is copied ("packed") into a contiguous kKC x 48 buffer that stays in the L1 cache while every
// block of up to 8 rows of A runs through it. A micro-kernel keeps an 8 x 48 tile of C in 24
// vector registers: per step k, 3 loads of B, 8 broadcasts of A, 24 fused multiply-adds.
#pragma GCC target("avx512f,avx512vl,avx2,fma")
#include "gemm_avx512.h"
#include "fastmath.h"

#include <immintrin.h>

namespace al::kernels {

namespace {

constexpr int kNR = 48; // columns per panel: three 16-float vectors
constexpr int kMR = 8;  // rows per micro-kernel call
constexpr int kKC = kGemmPackFloats / kNR; // rows of B per slice (256): a 48 KB panel

inline __mmask16 lane_mask(int n) { // the first n (clamped to 0..16) lanes
    if (n <= 0) return 0;
    if (n >= 16) return 0xFFFF;
    return static_cast<__mmask16>((1u << n) - 1u);
}

// bp[k][0..48) = op(B)[p0 + k][j .. j + nr), zero past nr.
void pack_panel(const float* B, int ldb, bool trans_b, int p0, int kc, int j, int nr, float* bp) {
    if (!trans_b) {
        const __mmask16 m0 = lane_mask(nr), m1 = lane_mask(nr - 16), m2 = lane_mask(nr - 32);
        for (int k = 0; k < kc; k++) {
            const float* src = B + static_cast<long>(p0 + k) * ldb + j;
            float* dst = bp + k * kNR;
            _mm512_store_ps(dst, _mm512_maskz_loadu_ps(m0, src));
            _mm512_store_ps(dst + 16, _mm512_maskz_loadu_ps(m1, src + 16));
            _mm512_store_ps(dst + 32, _mm512_maskz_loadu_ps(m2, src + 32));
        }
        return;
    }
    for (int c = 0; c < kNR; c++) {
        float* dst = bp + c;
        if (c >= nr) {
            for (int k = 0; k < kc; k++) dst[k * kNR] = 0.0f;
            continue;
        }
        const float* src = B + static_cast<long>(j + c) * ldb + p0;
        for (int k = 0; k < kc; k++) dst[k * kNR] = src[k];
    }
}

// C[0..R)[0..nr) += A[0..R)[0..kc) . bp[0..kc)[0..nr). When pf is set, row k of the next panel
// of B (at pf + k * ldb, 48 floats) is prefetched while step k runs (see gemm_avx512_columns);
// prefetches never fault, so rows past the end of B cost nothing.
template <int R>
inline void micro_kernel(int kc, const float* a, int lda, const float* bp, float* c, int ldc,
                         __mmask16 m0, __mmask16 m1, __mmask16 m2, bool gelu, int nr,
                         const float* pf, int ldb) {
    __m512 c0[R], c1[R], c2[R];
#pragma GCC unroll 8
    for (int r = 0; r < R; r++) c0[r] = c1[r] = c2[r] = _mm512_setzero_ps();
    for (int k = 0; k < kc; k++) {
        const __m512 b0 = _mm512_load_ps(bp + k * kNR);
        const __m512 b1 = _mm512_load_ps(bp + k * kNR + 16);
        const __m512 b2 = _mm512_load_ps(bp + k * kNR + 32);
        if (pf) {
            const char* row = reinterpret_cast<const char*>(pf + static_cast<long>(k) * ldb);
            _mm_prefetch(row, _MM_HINT_T0);
            _mm_prefetch(row + 64, _MM_HINT_T0);
            _mm_prefetch(row + 128, _MM_HINT_T0);
            _mm_prefetch(row + 191, _MM_HINT_T0);
        }
#pragma GCC unroll 8
        for (int r = 0; r < R; r++) {
            const __m512 av = _mm512_set1_ps(a[static_cast<long>(r) * lda + k]);
            c0[r] = _mm512_fmadd_ps(av, b0, c0[r]);
            c1[r] = _mm512_fmadd_ps(av, b1, c1[r]);
            c2[r] = _mm512_fmadd_ps(av, b2, c2[r]);
        }
    }
#pragma GCC unroll 8
    for (int r = 0; r < R; r++) {
        float* cr = c + static_cast<long>(r) * ldc;
        _mm512_mask_storeu_ps(cr, m0, _mm512_add_ps(_mm512_maskz_loadu_ps(m0, cr), c0[r]));
        _mm512_mask_storeu_ps(cr + 16, m1, _mm512_add_ps(_mm512_maskz_loadu_ps(m1, cr + 16), c1[r]));
        _mm512_mask_storeu_ps(cr + 32, m2, _mm512_add_ps(_mm512_maskz_loadu_ps(m2, cr + 32), c2[r]));
        if (gelu)
            for (int j = 0; j < nr; j++) cr[j] = fastmath::gelu_tanh(cr[j]);
    }
}

} // namespace

void gemm_avx512_columns(int M, int K, const float* A, int lda, const float* B, int ldb, bool trans_b, float* C,
                         int ldc, int j0, int j1, float* pack, GemmEpilogue epilogue) {
    for (int p0 = 0; p0 < K; p0 += kKC) {
        const int kc = K - p0 < kKC ? K - p0 : kKC;
        for (int j = j0; j < j1; j += kNR) {
            const int nr = j1 - j < kNR ? j1 - j : kNR;
            pack_panel(B, ldb, trans_b, p0, kc, j, nr, pack);
            const __mmask16 m0 = lane_mask(nr), m1 = lane_mask(nr - 16), m2 = lane_mask(nr - 32);
            const bool gelu = epilogue == GemmEpilogue::GeluTanh && p0 + kc >= K;
            // The weights stream from memory once per product, 256 rows of 192 bytes per panel:
            // more streams at once than the hardware prefetcher follows. So the first block of
            // rows of A asks for the next panel of the same slice while it computes on this one,
            // and pack_panel then finds it in the cache.
            const float* pf = nullptr;
            if (!trans_b && j + kNR < j1) pf = B + static_cast<long>(p0) * ldb + j + kNR;
            else if (!trans_b && p0 + kKC < K) pf = B + static_cast<long>(p0 + kKC) * ldb + j0; // the next slice's first panel
            const float* a = A + p0;
            float* c = C + j;
            int i = 0;
            for (; i + kMR <= M; i += kMR, pf = nullptr)
                micro_kernel<kMR>(kc, a + static_cast<long>(i) * lda, lda, pack, c + static_cast<long>(i) * ldc, ldc, m0, m1, m2, gelu, nr, pf, ldb);
            const float* ai = a + static_cast<long>(i) * lda;
            float* ci = c + static_cast<long>(i) * ldc;
            switch (M - i) {
            case 1: micro_kernel<1>(kc, ai, lda, pack, ci, ldc, m0, m1, m2, gelu, nr, pf, ldb); break;
            case 2: micro_kernel<2>(kc, ai, lda, pack, ci, ldc, m0, m1, m2, gelu, nr, pf, ldb); break;
            case 3: micro_kernel<3>(kc, ai, lda, pack, ci, ldc, m0, m1, m2, gelu, nr, pf, ldb); break;
            case 4: micro_kernel<4>(kc, ai, lda, pack, ci, ldc, m0, m1, m2, gelu, nr, pf, ldb); break;
            case 5: micro_kernel<5>(kc, ai, lda, pack, ci, ldc, m0, m1, m2, gelu, nr, pf, ldb); break;
            case 6: micro_kernel<6>(kc, ai, lda, pack, ci, ldc, m0, m1, m2, gelu, nr, pf, ldb); break;
            case 7: micro_kernel<7>(kc, ai, lda, pack, ci, ldc, m0, m1, m2, gelu, nr, pf, ldb); break;
            default: break;
            }
        }
    }
}

} // namespace al::kernels

// GPT-2's operations as plain functions (see layers.h for shapes).
// Lets -O3 vectorise the clamps in fastmath::exp (a comparison may not be if-converted while
// floating-point exceptions are observable; nothing here reads them).
#pragma GCC optimize("no-trapping-math")
#include "attention_lens/layers.h"

#include <cblas.h>

#include "kernels/fastmath.h"
#include "kernels/gemm.h"
#include "kernels/softmax.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace al::layers {

void encoder_forward(float* out, const int* inp, const float* wte, const float* wpe,
                     int B, int T, int C, int pos0) {
    for (int b = 0; b < B; b++) {
        for (int t = 0; t < T; t++) {
            float* out_bt = out + (static_cast<size_t>(b) * T + t) * C;
            const float* wte_ix = wte + static_cast<size_t>(inp[b * T + t]) * C;
            const float* wpe_t = wpe + static_cast<size_t>(pos0 + t) * C;
            for (int i = 0; i < C; i++) out_bt[i] = wte_ix[i] + wpe_t[i];
        }
    }
}

void layernorm_forward(float* out, float* mean, float* rstd, const float* inp,
                       const float* weight, const float* bias, int N, int C, float eps) {
    for (int n = 0; n < N; n++) {
        const float* x = inp + static_cast<size_t>(n) * C;
        // Two passes in double: the mean, then the (biased) variance, as torch's LayerNorm.
        double m = 0.0;
        for (int i = 0; i < C; i++) m += x[i];
        m /= C;
        double v = 0.0;
        for (int i = 0; i < C; i++) {
            double d = x[i] - m;
            v += d * d;
        }
        v /= C;
        float s = static_cast<float>(1.0 / std::sqrt(v + eps));
        float mf = static_cast<float>(m);
        float* o = out + static_cast<size_t>(n) * C;
        for (int i = 0; i < C; i++) o[i] = (x[i] - mf) * s * weight[i] + bias[i];
        if (mean) mean[n] = mf;
        if (rstd) rstd[n] = s;
    }
}

void matmul_forward(float* out, const float* inp, const float* weight, const float* bias,
                    int N, int C, int OC) {
    // out[N,OC] = inp[N,C] . weight[C,OC] (+ bias broadcast over rows)
    if (bias) {
        for (int n = 0; n < N; n++) {
            float* o = out + static_cast<size_t>(n) * OC;
            for (int j = 0; j < OC; j++) o[j] = bias[j];
        }
    }
    if (N == 1) {
        // One row (a token appended to a cached prefix): a matrix-vector product streams the
        // weights once; sgemm would first pack (copy) the whole weight matrix.
        cblas_sgemv(CblasRowMajor, CblasTrans, C, OC, 1.0f, weight, OC, inp, 1,
                    bias ? 1.0f : 0.0f, out, 1);
        return;
    }
    if (!bias) std::fill(out, out + static_cast<size_t>(N) * OC, 0.0f);
    kernels::gemm(N, OC, C, inp, C, weight, OC, false, out, OC);
}

void attention_forward(float* out, float* preatt, float* att, const float* qkv,
                       int B, int T, int C, int NH, float scale, bool causal) {
    const int hs = C / NH;
    const int C3 = 3 * C;
    const float neg_inf = -std::numeric_limits<float>::infinity();
    for (int b = 0; b < B; b++) {
        for (int h = 0; h < NH; h++) {
            const float* q = qkv + static_cast<size_t>(b) * T * C3 + h * hs;
            const float* k = q + C;
            const float* v = q + 2 * C;
            float* pre = preatt + (static_cast<size_t>(b) * NH + h) * T * T;
            float* a = att + (static_cast<size_t>(b) * NH + h) * T * T;
            // pre[T,T] = scale * q[T,hs] . k[T,hs]^T  (rows strided by 3C)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, T, T, hs, scale, q, C3, k, C3,
                        0.0f, pre, T);
            for (int t = 0; t < T; t++) {
                float* prow = pre + static_cast<size_t>(t) * T;
                float* arow = a + static_cast<size_t>(t) * T;
                const int allowed = causal ? t + 1 : T;
                for (int t2 = allowed; t2 < T; t2++) prow[t2] = neg_inf;
                // arow[0,allowed) = softmax(prow[0,allowed)); the masked rest gets no weight
                kernels::softmax_row(arow, prow, allowed);
                for (int t2 = allowed; t2 < T; t2++) arow[t2] = 0.0f;
            }
            // out[T,hs] (strided by C) = a[T,T] . v[T,hs] (strided by 3C)
            float* o = out + static_cast<size_t>(b) * T * C + h * hs;
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, T, hs, T, 1.0f, a, T, v, C3,
                        0.0f, o, C);
        }
    }
}

void gelu_forward(float* out, const float* inp, int N) {
    for (int i = 0; i < N; i++) out[i] = fastmath::gelu_tanh(inp[i]);
}

void matmul_gelu_forward(float* out, const float* inp, const float* weight, const float* bias,
                         int N, int C, int OC) {
    if (N > 1) {
        // The activation is applied within the product (by the AVX-512 kernel to each tile as it
        // is finished, by the thread that computed it, while the tile is still in cache).
        if (bias) {
            for (int n = 0; n < N; n++) std::copy(bias, bias + OC, out + static_cast<size_t>(n) * OC);
        } else {
            std::fill(out, out + static_cast<size_t>(N) * OC, 0.0f);
        }
        kernels::gemm(N, OC, C, inp, C, weight, OC, false, out, OC, kernels::GemmEpilogue::GeluTanh);
        return;
    }
    matmul_forward(out, inp, weight, bias, N, C, OC);
    gelu_forward(out, out, N * OC);
}

void residual_forward(float* out, const float* a, const float* b, int N) {
    for (int i = 0; i < N; i++) out[i] = a[i] + b[i];
}

void softmax_forward(float* probs, const float* logits, int N, int V) {
    for (int n = 0; n < N; n++) {
        const float* l = logits + static_cast<size_t>(n) * V;
        float* p = probs + static_cast<size_t>(n) * V;
        kernels::softmax_row(p, l, V); // p[V] = softmax(l[V])
    }
}

} // namespace al::layers

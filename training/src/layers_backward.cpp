// Backward passes of GPT-2's operations (see layers_backward.h for shapes). Each one follows its
// forward in layers.cpp; all gradients are accumulated (+=).
#include "layers_backward.h"

#include <cblas.h>

#include <cmath>
#include <cstddef>

namespace al::layers {

void encoder_backward(float* dwte, float* dwpe, const float* dout, const int* inp,
                      int B, int T, int C) {
    for (int b = 0; b < B; b++) {
        for (int t = 0; t < T; t++) {
            const float* d = dout + (static_cast<size_t>(b) * T + t) * C;
            float* dwte_ix = dwte + static_cast<size_t>(inp[b * T + t]) * C;
            float* dwpe_t = dwpe + static_cast<size_t>(t) * C;
            for (int i = 0; i < C; i++) {
                dwte_ix[i] += d[i];
                dwpe_t[i] += d[i];
            }
        }
    }
}

void layernorm_backward(float* dinp, float* dweight, float* dbias, const float* dout,
                        const float* inp, const float* weight, const float* mean, const float* rstd,
                        int N, int C) {
    for (int n = 0; n < N; n++) {
        const float* d = dout + static_cast<size_t>(n) * C;
        const float* x = inp + static_cast<size_t>(n) * C;
        float* dx = dinp + static_cast<size_t>(n) * C;
        const float m = mean[n];
        const float s = rstd[n];
        // The normalised x feeds every output, so its gradient has two mean terms to subtract.
        float dnorm_mean = 0.0f;
        float dnorm_norm_mean = 0.0f;
        for (int i = 0; i < C; i++) {
            float norm = (x[i] - m) * s;
            float dnorm = weight[i] * d[i];
            dnorm_mean += dnorm;
            dnorm_norm_mean += dnorm * norm;
        }
        dnorm_mean /= C;
        dnorm_norm_mean /= C;
        for (int i = 0; i < C; i++) {
            float norm = (x[i] - m) * s;
            float dnorm = weight[i] * d[i];
            dbias[i] += d[i];
            dweight[i] += norm * d[i];
            dx[i] += (dnorm - dnorm_mean - norm * dnorm_norm_mean) * s;
        }
    }
}

void matmul_backward(float* dinp, float* dweight, float* dbias, const float* dout,
                     const float* inp, const float* weight, int N, int C, int OC) {
    // dinp[N,C] += dout[N,OC] . weight[C,OC]^T
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, N, C, OC, 1.0f, dout, OC, weight, OC,
                1.0f, dinp, C);
    // dweight[C,OC] += inp[N,C]^T . dout[N,OC]
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, C, OC, N, 1.0f, inp, C, dout, OC,
                1.0f, dweight, OC);
    if (dbias) {
        for (int n = 0; n < N; n++) {
            const float* d = dout + static_cast<size_t>(n) * OC;
            for (int j = 0; j < OC; j++) dbias[j] += d[j];
        }
    }
}

void matmul_transposed_forward(float* out, const float* inp, const float* weight, int N, int C, int V) {
    // out[N,V] = inp[N,C] . weight[V,C]^T
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, N, V, C, 1.0f, inp, C, weight, C,
                0.0f, out, V);
}

void matmul_transposed_backward(float* dinp, float* dweight, const float* dout, const float* inp,
                                const float* weight, int N, int C, int V) {
    // dinp[N,C] += dout[N,V] . weight[V,C]
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, N, C, V, 1.0f, dout, V, weight, C,
                1.0f, dinp, C);
    // dweight[V,C] += dout[N,V]^T . inp[N,C]
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, V, C, N, 1.0f, dout, V, inp, C,
                1.0f, dweight, C);
}

void attention_backward(float* dqkv, float* dpreatt, float* datt, const float* dout,
                        const float* qkv, const float* att, int B, int T, int C, int NH, float scale) {
    const int hs = C / NH;
    const int C3 = 3 * C;
    for (int b = 0; b < B; b++) {
        for (int h = 0; h < NH; h++) {
            const size_t head = (static_cast<size_t>(b) * NH + h) * T * T;
            const float* a = att + head;
            float* da = datt + head;
            float* dpre = dpreatt + head;
            const float* q = qkv + static_cast<size_t>(b) * T * C3 + h * hs;
            const float* k = q + C;
            const float* v = q + 2 * C;
            float* dq = dqkv + static_cast<size_t>(b) * T * C3 + h * hs;
            float* dk = dq + C;
            float* dv = dq + 2 * C;
            const float* d = dout + static_cast<size_t>(b) * T * C + h * hs;
            // out = a . v: da[T,T] = d[T,hs] . v[T,hs]^T ; dv[T,hs] += a^T . d
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, T, T, hs, 1.0f, d, C, v, C3,
                        0.0f, da, T);
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, T, hs, T, 1.0f, a, T, d, C,
                        1.0f, dv, C3);
            // Softmax backward per row: dpre = a * (da - sum(a * da)). Masked cells have a = 0,
            // so they get no gradient, with or without the causal mask.
            for (int t = 0; t < T; t++) {
                const float* arow = a + static_cast<size_t>(t) * T;
                const float* darow = da + static_cast<size_t>(t) * T;
                float* dprow = dpre + static_cast<size_t>(t) * T;
                double dot = 0.0;
                for (int t2 = 0; t2 < T; t2++) dot += static_cast<double>(arow[t2]) * darow[t2];
                const float dotf = static_cast<float>(dot);
                for (int t2 = 0; t2 < T; t2++) dprow[t2] = arow[t2] * (darow[t2] - dotf);
            }
            // pre = scale * q . k^T: dq[T,hs] += scale * dpre . k ; dk[T,hs] += scale * dpre^T . q
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, T, hs, T, scale, dpre, T, k, C3,
                        1.0f, dq, C3);
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, T, hs, T, scale, dpre, T, q, C3,
                        1.0f, dk, C3);
        }
    }
}

void gelu_backward(float* dinp, const float* inp, const float* dout, int N) {
    const float s = std::sqrt(2.0f / static_cast<float>(M_PI));
    for (int i = 0; i < N; i++) {
        float x = inp[i];
        float cube = 0.044715f * x * x * x;
        float th = std::tanh(s * (x + cube));
        float sech2 = 1.0f - th * th; // sech^2 = 1 - tanh^2, no overflow for large |x|
        float local = 0.5f * (1.0f + th) + 0.5f * x * sech2 * s * (1.0f + 3.0f * 0.044715f * x * x);
        dinp[i] += local * dout[i];
    }
}

void residual_backward(float* da, float* db, const float* dout, int N) {
    for (int i = 0; i < N; i++) {
        da[i] += dout[i];
        db[i] += dout[i];
    }
}

float crossentropy_forward(float* losses, const float* probs, const int* targets, int N, int V) {
    double sum = 0.0;
    for (int n = 0; n < N; n++) {
        float p = probs[static_cast<size_t>(n) * V + targets[n]];
        // A probability that underflowed to 0 would give inf; clamp to the smallest normal float.
        losses[n] = -std::log(std::fmax(p, 1.17549435e-38f));
        sum += losses[n];
    }
    return static_cast<float>(sum / N);
}

void crossentropy_softmax_backward(float* dlogits, const float* probs, const int* targets,
                                   int N, int V, float dloss) {
    for (int n = 0; n < N; n++) {
        const float* p = probs + static_cast<size_t>(n) * V;
        float* dl = dlogits + static_cast<size_t>(n) * V;
        for (int i = 0; i < V; i++) dl[i] += p[i] * dloss;
        dl[targets[n]] -= dloss;
    }
}

} // namespace al::layers

// The stacked variants of activation patching (patching_steps.h): variants that each start at
// their own first changed row, so that the rows before it are the corrupted run's and are never
// computed again, run through the remaining layers as one batch.
#pragma GCC optimize("no-trapping-math")
#include "patching_steps.h"

#include <algorithm>
#include <cstring>
#include <thread>

#include <cblas.h>

#include "attention_lens/layers.h"
#include "forward_plan.h"
#include "kernels/gemm.h"
#include "kernels/softmax.h"

namespace al::patching_detail {

namespace {

float dot(const float* a, const float* b, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += double(a[i]) * b[i];
    return static_cast<float>(s);
}

// The stacked index of variant v's last row, of N stacked rows in all.
int last_row(const Ragged& g, int v, int N) { return (v + 1 < g.n() ? g.off[static_cast<size_t>(v) + 1] : N) - 1; }

// a . b over n floats in eight partial sums, which -O3 vectorises (one running sum it may not
// reorder).
float dot8(const float* a, const float* b, int n) {
    float part[8] = {};
    int e = 0;
    for (; e + 8 <= n; e += 8)
        for (int u = 0; u < 8; u++) part[u] += a[e + u] * b[e + u];
    float d = ((part[0] + part[4]) + (part[1] + part[5])) + ((part[2] + part[6]) + (part[3] + part[7]));
    for (; e < n; e++) d += a[e] * b[e];
    return d;
}

// out [N][OC] (row stride ldo) = in [N][K] (ldi) . w [K][OC] (ldw) + bias [OC]: a product over some
// columns of a weight matrix, which the model's own layers never need.
void product(float* out, int ldo, const float* in, int ldi, const float* w, int ldw, const float* bias, int N, int K, int OC) {
    for (int r = 0; r < N; r++) std::memcpy(out + static_cast<size_t>(r) * ldo, bias, sizeof(float) * OC);
    kernels::gemm(N, OC, K, in, ldi, w, ldw, false, out, ldo);
}

// Layer l's attention for the stacked variants: z [..][C] for each variant's rows (or, when
// last_only, for its last row alone, z [n][C]). Keys and values of the rows before a variant's
// start are the corrupted run's; qkv [rows][3C] holds the variant's own. Each (variant, head) is
// one small job of T x T x hs multiply-adds: too small for a matrix-product call each (hundreds a
// layer), so they are plain loops, split over the same threads as the products (the attention
// would otherwise leave one core idle between them).
void ragged_attention(const Patching& p, int l, const Ragged& g, const float* qkv, bool last_only, float* z) {
    const Config& cfg = p.model->config();
    const int T = static_cast<int>(p.clean_ids.size()), C = cfg.n_embd, NH = cfg.n_head, hs = cfg.head_dim();
    const float scale = cfg.attention_scale(l);
    const float* base = p.corrupted.qkv.data() + at(l, T, 3 * C);
    const int jobs = g.n() * NH;
    auto run = [&](int j0, int j1) {
        std::vector<const float*> rows(static_cast<size_t>(T)); // each key/value row of the variant
        std::vector<float> w(static_cast<size_t>(T));
        for (int job = j0; job < j1; job++) {
            const int v = job / NH, h = job % NH, f = g.start[v];
            const float* own = qkv + static_cast<size_t>(g.off[v]) * 3 * C;
            for (int t = 0; t < T; t++)
                rows[static_cast<size_t>(t)] = t < f ? base + static_cast<size_t>(t) * 3 * C : own + static_cast<size_t>(t - f) * 3 * C;
            const int q0 = last_only ? T - 1 : f; // query rows [q0, T)
            float* zv = z + static_cast<size_t>(last_only ? v : g.off[v]) * C + h * hs;
            for (int i = q0; i < T; i++) {
                const float* q = rows[static_cast<size_t>(i)] + h * hs;
                for (int j = 0; j <= i; j++) {
                    const float* k = rows[static_cast<size_t>(j)] + C + h * hs;
                    w[static_cast<size_t>(j)] = dot8(q, k, hs) * scale;
                }
                kernels::softmax_row(w.data(), w.data(), i + 1);
                float* out = zv + static_cast<size_t>(i - q0) * C;
                for (int e = 0; e < hs; e++) out[e] = 0.0f;
                for (int j = 0; j <= i; j++) {
                    const float a = w[static_cast<size_t>(j)];
                    const float* val = rows[static_cast<size_t>(j)] + 2 * C + h * hs;
                    for (int e = 0; e < hs; e++) out[e] += a * val[e];
                }
            }
        }
    };
    if (jobs == 0) return;
    const int threads = std::min(jobs, std::max(1, openblas_get_num_threads()));
    std::vector<std::thread> workers;
    for (int t = 1; t < threads; t++)
        workers.emplace_back(run, static_cast<int>(static_cast<long>(jobs) * t / threads),
                             static_cast<int>(static_cast<long>(jobs) * (t + 1) / threads));
    run(0, jobs / threads);
    for (std::thread& w : workers) w.join();
}

} // namespace

std::vector<float> finish_rows(const Patching& p, int from, const Ragged& g, std::vector<float>& x, Scratch& s,
                               bool first_only) {
    const Model& m = *p.model;
    const Config& cfg = m.config();
    const int C = cfg.n_embd, L = cfg.n_layer, FF = cfg.inner(), n = g.n(), N = g.rows;
    std::vector<float> last(static_cast<size_t>(n) * C); // each variant's last row, past the last layer
    for (int v = 0; v < n; v++) { // the last row of variant v ends its block
        const int end = v + 1 < n ? g.off[v + 1] : N;
        std::memcpy(last.data() + static_cast<size_t>(v) * C, x.data() + static_cast<size_t>(end - 1) * C, sizeof(float) * C);
    }
    for (int l = from; l < L; l++) {
        check_cancel(p.cancel);
        const LayerWeights& w = m.layer(l);
        const bool last_only = l == L - 1;
        s.a.resize(static_cast<size_t>(N) * C);
        s.qkv.resize(static_cast<size_t>(N) * 3 * C);
        s.z.resize(static_cast<size_t>(N) * C);
        if (first_only && l == from) {
            const int T = static_cast<int>(p.clean_ids.size());
            std::vector<float> first(static_cast<size_t>(n) * C), qkv(static_cast<size_t>(n) * 3 * C);
            for (int v = 0; v < n; v++)
                std::memcpy(first.data() + static_cast<size_t>(v) * C, x.data() + static_cast<size_t>(g.off[v]) * C, sizeof(float) * C);
            layers::layernorm_forward(s.a.data(), nullptr, nullptr, first.data(), w.ln1_w, w.ln1_b, n, C, cfg.layer_norm_epsilon);
            layers::matmul_forward(qkv.data(), s.a.data(), w.attn_w, w.attn_b, n, C, 3 * C);
            for (int v = 0; v < n; v++) {
                const int f = g.start[v];
                float* dst = s.qkv.data() + static_cast<size_t>(g.off[v]) * 3 * C;
                std::memcpy(dst, qkv.data() + static_cast<size_t>(v) * 3 * C, sizeof(float) * 3 * C);
                std::memcpy(dst + 3 * C, p.corrupted.qkv.data() + at(l, T, 3 * C) + static_cast<size_t>(f + 1) * 3 * C,
                            sizeof(float) * (T - f - 1) * 3 * C);
            }
        } else {
            layers::layernorm_forward(s.a.data(), nullptr, nullptr, x.data(), w.ln1_w, w.ln1_b, N, C, cfg.layer_norm_epsilon);
            if (last_only) {
                // Only each variant's last row goes on past this layer: every row's key and value,
                // but the query of the last row alone (a third less of this product).
                product(s.qkv.data() + C, 3 * C, s.a.data(), C, w.attn_w + C, 3 * C, w.attn_b + C, N, C, 2 * C);
                std::vector<float> a_last(static_cast<size_t>(n) * C), q_last(static_cast<size_t>(n) * C);
                for (int v = 0; v < n; v++)
                    std::memcpy(a_last.data() + static_cast<size_t>(v) * C, s.a.data() + static_cast<size_t>(last_row(g, v, N)) * C,
                                sizeof(float) * C);
                product(q_last.data(), C, a_last.data(), C, w.attn_w, 3 * C, w.attn_b, n, C, C);
                for (int v = 0; v < n; v++)
                    std::memcpy(s.qkv.data() + static_cast<size_t>(last_row(g, v, N)) * 3 * C, q_last.data() + static_cast<size_t>(v) * C,
                                sizeof(float) * C);
            } else {
                layers::matmul_forward(s.qkv.data(), s.a.data(), w.attn_w, w.attn_b, N, C, 3 * C);
            }
        }
        ragged_attention(p, l, g, s.qkv.data(), last_only, s.z.data());
        float* xr = x.data();
        int nr = N;
        if (last_only) {
            for (int v = 0; v < n; v++) {
                const int end = v + 1 < n ? g.off[v + 1] : N;
                std::memcpy(last.data() + static_cast<size_t>(v) * C, x.data() + static_cast<size_t>(end - 1) * C, sizeof(float) * C);
            }
            xr = last.data();
            nr = n;
        }
        layers::matmul_forward(s.a.data(), s.z.data(), w.proj_w, w.proj_b, nr, C, C);
        layers::residual_forward(xr, xr, s.a.data(), nr * C);
        s.big.resize(static_cast<size_t>(nr) * FF);
        layers::layernorm_forward(s.a.data(), nullptr, nullptr, xr, w.ln2_w, w.ln2_b, nr, C, cfg.layer_norm_epsilon);
        detail::mlp_fc_forward(s.big.data(), s.a.data(), w, nr, C, FF, cfg.activation_function);
        layers::matmul_forward(s.a.data(), s.big.data(), w.fcproj_w, w.fcproj_b, nr, FF, C);
        layers::residual_forward(xr, xr, s.a.data(), nr * C);
        if (!last_only) // keep each variant's last row current for a run that ends here
            for (int v = 0; v < n; v++) {
                const int end = v + 1 < n ? g.off[v + 1] : N;
                std::memcpy(last.data() + static_cast<size_t>(v) * C, x.data() + static_cast<size_t>(end - 1) * C, sizeof(float) * C);
            }
    }
    std::vector<float> ln(last.size());
    layers::layernorm_forward(ln.data(), nullptr, nullptr, last.data(), m.lnf_w(), m.lnf_b(), n, C, cfg.layer_norm_epsilon);
    if (!detail::all_finite(ln.data(), ln.size())) throw detail::not_finite();
    return ln;
}

std::vector<float> finish(const Patching& p, int from, const Ragged& g, std::vector<float>& x, Scratch& s,
                          bool first_only) {
    const Model& m = *p.model;
    const int C = m.config().n_embd, n = g.n();
    const std::vector<float> ln = finish_rows(p, from, g, x, s, first_only);
    std::vector<float> ld(n);
    const float* ua = m.lm_head() + static_cast<size_t>(p.answer) * C;
    const float* uw = m.lm_head() + static_cast<size_t>(p.wrong) * C;
    for (int v = 0; v < n; v++) {
        const float* r = ln.data() + static_cast<size_t>(v) * C;
        ld[v] = dot(ua, r, C) - dot(uw, r, C);
    }
    return ld;
}

} // namespace al::patching_detail

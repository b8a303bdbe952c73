// Attention of new rows over cached keys/values, with per-head interventions (see forward.h).
#include "forward_attention.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "kernels/softmax.h"

namespace al::detail {

namespace {

constexpr int kRowBlock = 64; // rows per score block: bounds scratch to kRowBlock x T floats

// Replaces a probability row (allowed cells 0..n) per the head's PatternReplacement.
void replace_row(float* row, int n, int i, int T, const PatternReplacement& r) {
    switch (r.kind) {
    case PatternKind::Uniform: {
        const float u = 1.0f / static_cast<float>(n);
        for (int j = 0; j < n; j++) row[j] = u;
        break;
    }
    case PatternKind::PermutedRows: {
        // A generator per row, seeded from (seed, row): the result does not depend on which rows
        // are computed in which call. Fisher-Yates with our own index draw (portable).
        std::mt19937_64 rng(r.seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(i) + 1);
        for (int j = n - 1; j > 0; j--) {
            int s = static_cast<int>(rng() % static_cast<uint64_t>(j + 1));
            std::swap(row[j], row[s]);
        }
        break;
    }
    case PatternKind::Given: {
        const float* g = r.matrix.data() + static_cast<size_t>(i) * T;
        double sum = 0.0;
        for (int j = 0; j < n; j++) sum += g[j];
        // validated before the forward pass: sum > 0
        for (int j = 0; j < n; j++) row[j] = static_cast<float>(g[j] / sum);
        break;
    }
    }
}

} // namespace

void split_heads(const float* qkv, int n, int P, int T, int q_rows, int C, int NH, float* q, float* k, float* v,
                 float* q_kept) {
    const int hs = C / NH;
    for (int t = 0; t < n; t++) {
        const float* row = qkv + static_cast<size_t>(t) * 3 * C;
        const int qt = t - (n - q_rows); // this row's place among the queries (< 0: none)
        for (int h = 0; h < NH; h++) {
            const size_t cache = (static_cast<size_t>(h) * T + P + t) * hs;
            std::memcpy(k + cache, row + C + h * hs, sizeof(float) * hs);
            std::memcpy(v + cache, row + 2 * C + h * hs, sizeof(float) * hs);
            if (qt < 0) continue;
            std::memcpy(q + (static_cast<size_t>(h) * q_rows + qt) * hs, row + h * hs, sizeof(float) * hs);
            if (q_kept) std::memcpy(q_kept + cache, row + h * hs, sizeof(float) * hs);
        }
    }
}

void attention_new_rows(float* out, const AttentionArgs& a, std::vector<float>& scratch) {
    const int T = a.T, P = a.P, Tn = T - P, C = a.C, NH = a.NH, hs = C / NH;
    if (Tn <= 0) return;
    scratch.resize(static_cast<size_t>(kRowBlock) * T);
    float* S = scratch.data();
    for (int h = 0; h < NH; h++) {
        const HeadPlan* plan = a.plans ? &(*a.plans)[h] : nullptr;
        const float* qh = a.q + static_cast<size_t>(h) * Tn * hs;
        const float* kh = a.k + static_cast<size_t>(h) * T * hs;
        const float* vh = a.v + static_cast<size_t>(h) * T * hs;
        const float inv_temp = plan ? 1.0f / plan->temperature : 1.0f;
        const bool zero = plan && plan->zero;
        for (int r0 = 0; r0 < Tn; r0 += kRowBlock) {
            const int nr = std::min(kRowBlock, Tn - r0);
            const int i_last = P + r0 + nr - 1;               // last absolute row in the block
            const int ncols = a.causal ? i_last + 1 : T;      // columns any row of the block sees
            // S[nr][ncols] = scale * q[nr][hs] . k[ncols][hs]^T
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, nr, ncols, hs, a.scale,
                        qh + static_cast<size_t>(r0) * hs, hs, kh, hs, 0.0f, S, ncols);
            for (int rr = 0; rr < nr; rr++) {
                const int i = P + r0 + rr;
                const int n = a.causal ? i + 1 : T;
                float* srow = S + static_cast<size_t>(rr) * ncols;
                if (inv_temp != 1.0f)
                    for (int j = 0; j < n; j++) srow[j] *= inv_temp;
                if (a.scores) std::memcpy(a.scores->row(a.layer, h, i), srow, sizeof(float) * n);
                kernels::softmax_row(srow, srow, n);
                if (plan && plan->replace) replace_row(srow, n, i, T, *plan->replace);
                std::memcpy(a.att->row(a.layer, h, i), srow, sizeof(float) * n);
                for (int j = n; j < ncols; j++) srow[j] = 0.0f; // masked cells of this block
            }
            float* o = out + static_cast<size_t>(r0) * C + h * hs;
            if (zero) {
                for (int rr = 0; rr < nr; rr++) std::memset(o + static_cast<size_t>(rr) * C, 0, sizeof(float) * hs);
                continue;
            }
            // z[nr][hs] (row stride C) = S[nr][ncols] . v[ncols][hs]
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, nr, hs, ncols, 1.0f, S, ncols,
                        vh, hs, 0.0f, o, C);
        }
        if (plan && plan->mean && !zero) {
            // Mean ablation: every position gets the mean of z over this text's positions.
            std::vector<double> mean(hs, 0.0);
            for (int r = 0; r < Tn; r++) {
                const float* z = out + static_cast<size_t>(r) * C + h * hs;
                for (int d = 0; d < hs; d++) mean[d] += z[d];
            }
            for (int r = 0; r < Tn; r++) {
                float* z = out + static_cast<size_t>(r) * C + h * hs;
                for (int d = 0; d < hs; d++) z[d] = static_cast<float>(mean[d] / Tn);
            }
        }
    }
}

} // namespace al::detail

// The logit lens (see logit_lens.h): every layer's residual stream at one position through ln_f
// and the unembedding, in one product [L+1][C] x [C][V].
#include "attention_lens/logit_lens.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "attention_lens/error.h"

namespace al {

LogitLens logit_lens(const Model& m, const ForwardResult& r, int position, int k) {
    const Config& cfg = m.config();
    const int L = cfg.n_layer, C = cfg.n_embd, V = cfg.vocab_size, T = static_cast<int>(r.ids.size());
    if (r.hidden.size() != static_cast<size_t>(L + 1) * T * C)
        throw Error("the logit lens needs a forward pass that kept its hidden states");
    if (position < 0 || position >= T) throw Error("the logit lens: position " + std::to_string(position) + " is not in the text");
    if (k < 1) throw Error("the logit lens: k must be at least 1");
    k = std::min(k, V);

    // rows [L+1][C]: ln_f of the stream entering each layer; the last hidden state is already after ln_f.
    std::vector<float> rows(static_cast<size_t>(L + 1) * C);
    for (int l = 0; l <= L; ++l) {
        const float* x = r.hidden.data() + (static_cast<size_t>(l) * T + position) * C; // [C]
        float* y = rows.data() + static_cast<size_t>(l) * C;                             // [C]
        if (l == L) {
            std::copy(x, x + C, y);
            continue;
        }
        double mean = 0, var = 0;
        for (int c = 0; c < C; ++c) mean += x[c];
        mean /= C;
        for (int c = 0; c < C; ++c) var += (x[c] - mean) * (x[c] - mean);
        const double rstd = 1.0 / std::sqrt(var / C + double(cfg.layer_norm_epsilon));
        for (int c = 0; c < C; ++c) y[c] = float((x[c] - mean) * rstd * m.lnf_w()[c] + m.lnf_b()[c]);
    }
    // logits [L+1][V] = rows [L+1][C] . lm_head^T ([V][C])
    std::vector<float> logits(static_cast<size_t>(L + 1) * V);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, L + 1, V, C, 1.0f, rows.data(), C, m.lm_head(), C, 0.0f,
                logits.data(), V);

    LogitLens out;
    out.position = position;
    const float* last = logits.data() + static_cast<size_t>(L) * V;
    out.answer = int(std::max_element(last, last + V) - last);
    std::vector<int> order(static_cast<size_t>(V));
    for (int l = 0; l <= L; ++l) {
        const float* z = logits.data() + static_cast<size_t>(l) * V; // [V]
        const float zmax = *std::max_element(z, z + V);
        double total = 0;
        for (int v = 0; v < V; ++v) total += std::exp(double(z[v]) - zmax);
        std::iota(order.begin(), order.end(), 0);
        std::partial_sort(order.begin(), order.begin() + k, order.end(),
                          [&](int a, int b) { return z[a] > z[b] || (z[a] == z[b] && a < b); });
        LensRow row;
        for (int i = 0; i < k; ++i) {
            row.top.push_back(order[static_cast<size_t>(i)]);
            row.probs.push_back(float(std::exp(double(z[order[static_cast<size_t>(i)]]) - zmax) / total));
        }
        const float za = z[out.answer];
        for (int v = 0; v < V; ++v) row.answer_rank += z[v] > za || (z[v] == za && v < out.answer);
        row.answer_prob = float(std::exp(double(za) - zmax) / total);
        out.rows.push_back(std::move(row));
    }
    return out;
}

int first_row_in_top(const LogitLens& lens, int k) {
    for (size_t l = 0; l < lens.rows.size(); ++l)
        if (lens.rows[l].answer_rank < k) return static_cast<int>(l);
    return static_cast<int>(lens.rows.size()) - 1;
}

} // namespace al

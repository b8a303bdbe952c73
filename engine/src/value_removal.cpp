// The logit change of removing each position's value from one head at the last position (see
// value_removal.h). With n = T + 1 stacked rows (row j: position j's value removed; row T: none):
//   layer l (the head's):  x[n] = x_mid - w_j · (v_j . W_O^h)          [n][C]  (w_T = 0)
//                          where x_mid = the clean last row after attention
//                          x  += mlp(ln_2(x))                          [n][C]
//   each later layer l':   qkv = ln_1(x) . c_attn + b                  [n][3C]
//                          per head: keys and values of rows 0..T-2 from the clean run, row T-1
//                          the variant's own; softmax(q·k · scale) · v  [n][D]
//                          x  += z . c_proj + b;  x += mlp(ln_2(x))    [n][C]
//   then ln_f(x) . (lm_head[token] - mean row of lm_head)              [n]
//   (the token's logit minus the mean logit over the vocabulary)
#pragma GCC optimize("no-trapping-math")
#include "attention_lens/value_removal.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include <cblas.h>

#include "attention_lens/error.h"
#include "attention_lens/layers.h"
#include "attention_lens/logit_lens.h"
#include "forward_plan.h"

namespace al {
namespace {

void check_cancel(const std::atomic<bool>* cancel) {
    if (cancel && cancel->load(std::memory_order_relaxed)) throw Cancelled();
}

// x [n][C] += mlp(ln_2(x)) with layer w's weights; a [n][C], big [n][FF] scratch.
void mlp_block(const Config& cfg, const LayerWeights& w, float* x, float* a, float* big, int n) {
    const int C = cfg.n_embd, FF = cfg.n_inner > 0 ? cfg.n_inner : 4 * C;
    layers::layernorm_forward(a, nullptr, nullptr, x, w.ln2_w, w.ln2_b, n, C, cfg.layer_norm_epsilon);
    detail::mlp_fc_forward(big, a, w, n, C, FF, cfg.activation_function);
    layers::matmul_forward(a, big, w.fcproj_w, w.fcproj_b, n, FF, C);
    layers::residual_forward(x, x, a, n * C);
}

} // namespace

ValueRemoval value_removal(const Model& m, const ForwardResult& r, int layer, int head, const std::atomic<bool>* cancel,
                           const std::vector<double>* unembedding_mean) {
    const Config& cfg = m.config();
    const int L = cfg.n_layer, H = cfg.n_head, C = cfg.n_embd, D = cfg.head_dim(), V = cfg.vocab_size;
    const int FF = cfg.n_inner > 0 ? cfg.n_inner : 4 * C;
    const int T = static_cast<int>(r.ids.size());
    if (layer < 0 || layer >= L || head < 0 || head >= H)
        throw Error("value removal: head " + std::to_string(layer) + "." + std::to_string(head) + " is not in this model");
    if (T < 1 || r.hidden.size() != static_cast<size_t>(L + 1) * T * C)
        throw Error("value removal needs a forward pass that kept its hidden states");
    if (r.k.size() != static_cast<size_t>(L) * H * T * D || r.v.size() != r.k.size())
        throw Error("value removal needs a forward pass that kept its q, k, v");
    if (r.logits_last.size() != static_cast<size_t>(V))
        throw Error("value removal needs the forward pass's last logits");
    if (!r.attention.causal() || r.attention.tokens() != T)
        throw Error("value removal needs a forward pass with the causal mask");
    if (unembedding_mean && unembedding_mean->size() != static_cast<size_t>(C))
        throw Error("value removal: the unembedding's mean has " + std::to_string(unembedding_mean->size()) +
                    " entries, the model's width is " + std::to_string(C));

    ValueRemoval out;
    out.token = static_cast<int>(std::max_element(r.logits_last.begin(), r.logits_last.end()) - r.logits_last.begin());
    out.clean_logit = r.logits_last[out.token];
    double mean_logit = 0;
    for (float v : r.logits_last) mean_logit += v;
    out.clean_above_mean = float(double(out.clean_logit) - mean_logit / V);

    const int n = T + 1, last = T - 1;
    std::vector<float> x(static_cast<size_t>(n) * C), a(static_cast<size_t>(n) * C);
    std::vector<float> big(static_cast<size_t>(n) * std::max(3 * C, FF));
    std::vector<float> z(static_cast<size_t>(n) * C), s(static_cast<size_t>(n) * T);

    // Layer `layer`: the clean last row after attention, z = Σ_j att_j v_j per head, through c_proj.
    check_cancel(cancel);
    {
        const LayerWeights& w = m.layer(layer);
        std::vector<float> zl(static_cast<size_t>(C), 0.0f), mid(static_cast<size_t>(C));
        for (int h = 0; h < H; h++)
            for (int j = 0; j < T; j++) {
                const float p = r.attention.at(layer, h, last, j);
                const float* v = r.v_at(layer, h, j);
                for (int d = 0; d < D; d++) zl[static_cast<size_t>(h) * D + d] += p * v[d];
            }
        layers::matmul_forward(mid.data(), zl.data(), w.proj_w, w.proj_b, 1, C, C);
        const float* in = r.hidden_at(layer, last);
        for (int c = 0; c < C; c++) mid[c] += in[c];
        // u [T][C] = v_j . W_O^h (the head's rows of c_proj), then row j = mid - att_j · u_j.
        float* u = z.data();
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, T, C, D, 1.0f, r.v_at(layer, head, 0), D,
                    w.proj_w + static_cast<size_t>(head) * D * C, C, 0.0f, u, C);
        for (int j = 0; j < n; j++) {
            const float p = j < T ? r.attention.at(layer, head, last, j) : 0.0f;
            float* xj = x.data() + static_cast<size_t>(j) * C;
            for (int c = 0; c < C; c++) xj[c] = mid[c] - (j < T ? p * u[static_cast<size_t>(j) * C + c] : 0.0f);
        }
        mlp_block(cfg, w, x.data(), a.data(), big.data(), n);
    }

    // Later layers: only the last row of each variant moves.
    for (int l = layer + 1; l < L; l++) {
        check_cancel(cancel);
        const LayerWeights& w = m.layer(l);
        layers::layernorm_forward(a.data(), nullptr, nullptr, x.data(), w.ln1_w, w.ln1_b, n, C, cfg.layer_norm_epsilon);
        layers::matmul_forward(big.data(), a.data(), w.attn_w, w.attn_b, n, C, 3 * C); // [n][3C]
        const float scale = cfg.attention_scale(l);
        for (int h = 0; h < H; h++) {
            const float* q = big.data() + static_cast<size_t>(h) * D; // row stride 3C
            // s [n][T]: columns 0..T-2 against the clean keys, column T-1 against the row's own key.
            if (last > 0)
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, last, D, scale, q, 3 * C, r.k_at(l, h, 0), D, 0.0f,
                            s.data(), T);
            for (int i = 0; i < n; i++) {
                const float* row = big.data() + static_cast<size_t>(i) * 3 * C;
                float* si = s.data() + static_cast<size_t>(i) * T;
                float dot = 0;
                for (int d = 0; d < D; d++) dot += row[h * D + d] * row[C + h * D + d];
                si[last] = dot * scale;
                const float mx = *std::max_element(si, si + T);
                float sum = 0;
                for (int j = 0; j < T; j++) sum += (si[j] = std::exp(si[j] - mx));
                for (int j = 0; j < T; j++) si[j] /= sum;
            }
            // z_h [n][D] = s[:, :T-1] . v_clean[0..T-2] + s[:, T-1] · v_own
            float* zh = z.data() + static_cast<size_t>(h) * D; // row stride C
            for (int i = 0; i < n; i++) {
                const float* vo = big.data() + static_cast<size_t>(i) * 3 * C + 2 * C + h * D;
                const float p = s[static_cast<size_t>(i) * T + last];
                for (int d = 0; d < D; d++) zh[static_cast<size_t>(i) * C + d] = p * vo[d];
            }
            if (last > 0)
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, D, last, 1.0f, s.data(), T, r.v_at(l, h, 0), D, 1.0f,
                            zh, C);
        }
        layers::matmul_forward(a.data(), z.data(), w.proj_w, w.proj_b, n, C, C);
        layers::residual_forward(x.data(), x.data(), a.data(), n * C);
        mlp_block(cfg, w, x.data(), a.data(), big.data(), n);
    }

    // ln_f, then the top token's row of the language-model head less its mean row: each row's logit
    // of the token minus its mean logit over the vocabulary, in one product.
    layers::layernorm_forward(a.data(), nullptr, nullptr, x.data(), m.lnf_w(), m.lnf_b(), n, C, cfg.layer_norm_epsilon);
    check_cancel(cancel);
    const std::vector<double> own_mean = unembedding_mean ? std::vector<double>{} : al::unembedding_mean(m);
    const std::vector<double>& mean = unembedding_mean ? *unembedding_mean : own_mean;
    std::vector<float> direction(static_cast<size_t>(C));
    const float* row = m.lm_head() + static_cast<size_t>(out.token) * C;
    for (int c = 0; c < C; c++) direction[c] = float(double(row[c]) - mean[c]);
    std::vector<float> logit(static_cast<size_t>(n));
    cblas_sgemv(CblasRowMajor, CblasNoTrans, n, C, 1.0f, a.data(), C, direction.data(), 1, 0.0f, logit.data(), 1);
    if (!detail::all_finite(logit.data(), logit.size())) throw detail::not_finite();
    out.change.resize(static_cast<size_t>(T));
    for (int j = 0; j < T; j++) out.change[j] = logit[j] - logit[T];
    return out;
}

} // namespace al

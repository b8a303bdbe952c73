// Direct attribution (see logit_lens.h). From the kept hidden states and attention weights only, at
// one position: each head's output there is its weights times its values, and its values are a
// linear map of ln_1 of the stream, so per head the weighted average of ln_1's rows goes through
// the head's value and output columns (two C x head_dim products per head, no T x C x C product).
// A layer's MLP output is what remains of the stream's change over the layer; the last layer's,
// whose output the hidden states hold only after ln_f, is computed.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "attention_lens/error.h"
#include "attention_lens/layers.h"
#include "attention_lens/logit_lens.h"
#include "attention_lens/variants.h"

namespace al {

double DirectAttribution::attention_total() const { return std::accumulate(attention.begin(), attention.end(), 0.0); }
double DirectAttribution::mlp_total() const { return std::accumulate(mlp.begin(), mlp.end(), 0.0); }
double DirectAttribution::sum() const {
    return token_embedding + position_embedding + attention_total() + mlp_total() + biases + lnf_bias;
}

DirectAttribution direct_attribution(const Model& m, const ForwardResult& r, int position, int token) {
    const Config& cfg = m.config();
    const int L = cfg.n_layer, H = cfg.n_head, C = cfg.n_embd, hs = cfg.head_dim(), FF = cfg.inner();
    const int T = static_cast<int>(r.ids.size());
    if (r.hidden.size() != static_cast<size_t>(L + 1) * T * C)
        throw Error("direct attribution needs a forward pass that kept its hidden states");
    if (!r.attention.causal() || r.attention.n_layer() != L || r.attention.tokens() != T)
        throw Error("direct attribution needs the attention weights of a causal forward pass");
    if (position < 0 || position >= T)
        throw Error("direct attribution: position " + std::to_string(position) + " is not in the text");
    if (token < 0 || token >= cfg.vocab_size)
        throw Error("direct attribution: token id " + std::to_string(token) + " is not in the vocabulary");

    const int n = position + 1; // the rows the position's attention sees
    auto stream = [&](int l, int t) { return r.hidden.data() + (static_cast<size_t>(l) * T + t) * C; };
    std::vector<float> ln(static_cast<size_t>(n) * C), avg(static_cast<size_t>(C)), z(static_cast<size_t>(hs));
    std::vector<float> heads(static_cast<size_t>(L) * H * C); // [L][H][C] each head's output at the position
    std::vector<float> mlp(static_cast<size_t>(L) * C);       // [L][C] without the output bias
    std::vector<float> bias(static_cast<size_t>(C), 0.0f);    // every output bias
    std::vector<float> resid(stream(0, position), stream(0, position) + C); // before ln_f
    std::vector<float> mid(static_cast<size_t>(C)), a(static_cast<size_t>(C)), hid(static_cast<size_t>(FF));

    for (int l = 0; l < L; ++l) {
        const LayerWeights& w = m.layer(l);
        layers::layernorm_forward(ln.data(), nullptr, nullptr, stream(l, 0), w.ln1_w, w.ln1_b, n, C,
                                  cfg.layer_norm_epsilon);
        std::copy(stream(l, position), stream(l, position) + C, mid.begin());
        for (int h = 0; h < H; ++h) {
            const float* p = r.attention.row(l, h, position); // [n]
            std::fill(avg.begin(), avg.end(), 0.0f);
            for (int j = 0; j < n; ++j)
                for (int c = 0; c < C; ++c) avg[c] += p[j] * ln[static_cast<size_t>(j) * C + c];
            // z = avg . W_v[:, head h] + b_v (the weights sum to 1, so the bias passes through once)
            for (int d = 0; d < hs; ++d) z[d] = w.attn_b[2 * C + h * hs + d];
            for (int c = 0; c < C; ++c) {
                const float* wr = w.attn_w + static_cast<size_t>(c) * 3 * C + 2 * C + h * hs;
                for (int d = 0; d < hs; ++d) z[d] += avg[c] * wr[d];
            }
            float* out = heads.data() + (static_cast<size_t>(l) * H + h) * C;
            std::fill(out, out + C, 0.0f);
            for (int d = 0; d < hs; ++d) {
                const float* pr = w.proj_w + static_cast<size_t>(h * hs + d) * C;
                for (int c = 0; c < C; ++c) out[c] += z[d] * pr[c];
            }
            for (int c = 0; c < C; ++c) mid[c] += out[c];
        }
        for (int c = 0; c < C; ++c) mid[c] += w.proj_b[c];
        float* mo = mlp.data() + static_cast<size_t>(l) * C;
        if (l + 1 < L) {
            const float* next = stream(l + 1, position);
            for (int c = 0; c < C; ++c) mo[c] = next[c] - mid[c] - w.fcproj_b[c];
        } else {
            layers::layernorm_forward(a.data(), nullptr, nullptr, mid.data(), w.ln2_w, w.ln2_b, 1, C, cfg.layer_norm_epsilon);
            layers::matmul_gelu_forward(hid.data(), a.data(), w.fc_w, w.fc_b, 1, C, FF);
            layers::matmul_forward(mo, hid.data(), w.fcproj_w, nullptr, 1, FF, C);
        }
        for (int c = 0; c < C; ++c) {
            bias[c] += w.proj_b[c] + w.fcproj_b[c];
            resid[c] += mo[c] + w.proj_b[c] + w.fcproj_b[c];
        }
        for (int h = 0; h < H; ++h) {
            const float* out = heads.data() + (static_cast<size_t>(l) * H + h) * C;
            for (int c = 0; c < C; ++c) resid[c] += out[c];
        }
    }

    DirectAttribution d;
    d.position = position;
    d.token = token;
    const float* u = m.lm_head() + static_cast<size_t>(token) * C;
    const float* final_hidden = stream(L, position); // after ln_f
    double logit = 0, lnf_bias = 0;
    for (int c = 0; c < C; ++c) {
        logit += double(u[c]) * final_hidden[c];
        lnf_bias += double(u[c]) * m.lnf_b()[c];
    }
    d.logit = logit;
    d.lnf_bias = lnf_bias;
    const int id = r.ids[static_cast<size_t>(position)];
    d.token_embedding = direct_logit(m, m.wte() + static_cast<size_t>(id) * C, resid.data(), token);
    d.position_embedding = direct_logit(m, m.wpe() + static_cast<size_t>(position) * C, resid.data(), token);
    d.heads.resize(static_cast<size_t>(L) * H);
    d.attention.assign(static_cast<size_t>(L), 0.0);
    d.mlp.resize(static_cast<size_t>(L));
    for (int l = 0; l < L; ++l) {
        for (int h = 0; h < H; ++h) {
            const double v = direct_logit(m, heads.data() + (static_cast<size_t>(l) * H + h) * C, resid.data(), token);
            d.heads[static_cast<size_t>(l) * H + h] = v;
            d.attention[static_cast<size_t>(l)] += v;
        }
        d.mlp[static_cast<size_t>(l)] = direct_logit(m, mlp.data() + static_cast<size_t>(l) * C, resid.data(), token);
    }
    d.biases = direct_logit(m, bias.data(), resid.data(), token);
    return d;
}

} // namespace al

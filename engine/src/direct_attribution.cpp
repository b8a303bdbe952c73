// Direct attribution (see logit_lens.h). From the kept hidden states and attention weights only, at
// one position: each head's output there is its weights times its values, and its values are a
// linear map of ln_1 of the stream, so per head the weighted average of ln_1's rows goes through
// the head's value and output columns (two C x head_dim products per head, no T x C x C product).
// A layer's MLP output is what remains of the stream's change over the layer; the last layer's,
// whose output the hidden states hold only after ln_f, is computed.
#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "attention_lens/error.h"
#include "attention_lens/layers.h"
#include "attention_lens/logit_lens.h"

namespace al {
namespace {

void check_input(const Model& m, const ForwardResult& r, int position, const char* what) {
    const Config& cfg = m.config();
    const int L = cfg.n_layer, C = cfg.n_embd, T = static_cast<int>(r.ids.size());
    if (r.hidden.size() != static_cast<size_t>(L + 1) * T * C)
        throw Error(std::string(what) + " needs a forward pass that kept its hidden states");
    if (!r.attention.causal() || r.attention.n_layer() != L || r.attention.tokens() != T)
        throw Error(std::string(what) + " needs the attention weights of a causal forward pass");
    if (position < 0 || position >= T)
        throw Error(std::string(what) + ": position " + std::to_string(position) + " is not in the text");
}

const float* stream_at(const Model& m, const ForwardResult& r, int l, int t) {
    const size_t T = r.ids.size(), C = static_cast<size_t>(m.config().n_embd);
    return r.hidden.data() + (static_cast<size_t>(l) * T + static_cast<size_t>(t)) * C;
}

// ln [n][C]: ln_1 of layer l's input at positions 0..n-1.
void layer_input_normed(const Model& m, const ForwardResult& r, int l, int n, float* ln) {
    const LayerWeights& w = m.layer(l);
    layers::layernorm_forward(ln, nullptr, nullptr, stream_at(m, r, l, 0), w.ln1_w, w.ln1_b, n, m.config().n_embd,
                              m.config().layer_norm_epsilon);
}

// out [C]: head h of layer l's output at `position` (its values' bias included, the output bias
// not), from ln [position+1][C] (layer_input_normed).
void head_output(const Model& m, const ForwardResult& r, int l, int h, int position, const float* ln, float* out) {
    const Config& cfg = m.config();
    const int C = cfg.n_embd, hs = cfg.head_dim(), n = position + 1;
    const LayerWeights& w = m.layer(l);
    const float* p = r.attention.row(l, h, position); // [n]
    std::vector<float> avg(static_cast<size_t>(C), 0.0f), z(static_cast<size_t>(hs));
    for (int j = 0; j < n; ++j)
        for (int c = 0; c < C; ++c) avg[c] += p[j] * ln[static_cast<size_t>(j) * C + c];
    // z = avg . W_v[:, head h] + b_v (the weights sum to 1, so the bias passes through once)
    for (int d = 0; d < hs; ++d) z[d] = w.attn_b[2 * C + h * hs + d];
    for (int c = 0; c < C; ++c) {
        const float* wr = w.attn_w + static_cast<size_t>(c) * 3 * C + 2 * C + h * hs;
        for (int d = 0; d < hs; ++d) z[d] += avg[c] * wr[d];
    }
    std::fill(out, out + C, 0.0f);
    for (int d = 0; d < hs; ++d) {
        const float* pr = w.proj_w + static_cast<size_t>(h * hs + d) * C;
        for (int c = 0; c < C; ++c) out[c] += z[d] * pr[c];
    }
}

// 1 / std of the stream entering ln_f at the position (ln_f's scale, held).
double lnf_rstd(const Model& m, const float* resid) {
    const int C = m.config().n_embd;
    double mu = 0, var = 0;
    for (int c = 0; c < C; ++c) mu += resid[c];
    mu /= C;
    for (int c = 0; c < C; ++c) var += (resid[c] - mu) * (resid[c] - mu);
    return 1.0 / std::sqrt(var / C + double(m.config().layer_norm_epsilon));
}

// The caller's mean, checked, or a fresh one in `own`.
const std::vector<double>& mean_or_own(const Model& m, const std::vector<double>* given, std::vector<double>& own,
                                       const char* what) {
    if (!given) {
        own = unembedding_mean(m);
        return own;
    }
    if (given->size() != static_cast<size_t>(m.config().n_embd))
        throw Error(std::string(what) + ": the unembedding's mean has " + std::to_string(given->size()) +
                    " entries, the model's width is " + std::to_string(m.config().n_embd));
    return *given;
}

// What every part of the model wrote into the stream at one position, and the stream entering ln_f.
struct Parts {
    std::vector<float> heads; // [L][H][C] each head's output at the position
    std::vector<float> mlp;   // [L][C] without the output bias
    std::vector<float> bias;  // [C] every output bias
    std::vector<float> resid; // [C] the stream entering ln_f: the embeddings plus everything above
};

Parts stream_parts(const Model& m, const ForwardResult& r, int position) {
    const Config& cfg = m.config();
    const int L = cfg.n_layer, H = cfg.n_head, C = cfg.n_embd, FF = cfg.inner();
    const int n = position + 1; // the rows the position's attention sees
    auto stream = [&](int l, int t) { return stream_at(m, r, l, t); };
    Parts p;
    p.heads.resize(static_cast<size_t>(L) * H * C);
    p.mlp.resize(static_cast<size_t>(L) * C);
    p.bias.assign(static_cast<size_t>(C), 0.0f);
    p.resid.assign(stream(0, position), stream(0, position) + C);
    std::vector<float> ln(static_cast<size_t>(n) * C);
    std::vector<float> mid(static_cast<size_t>(C)), a(static_cast<size_t>(C)), hid(static_cast<size_t>(FF));
    for (int l = 0; l < L; ++l) {
        const LayerWeights& w = m.layer(l);
        layer_input_normed(m, r, l, n, ln.data());
        std::copy(stream(l, position), stream(l, position) + C, mid.begin());
        for (int h = 0; h < H; ++h) {
            float* out = p.heads.data() + (static_cast<size_t>(l) * H + h) * C;
            head_output(m, r, l, h, position, ln.data(), out);
            for (int c = 0; c < C; ++c) mid[c] += out[c];
        }
        for (int c = 0; c < C; ++c) mid[c] += w.proj_b[c];
        float* mo = p.mlp.data() + static_cast<size_t>(l) * C;
        if (l + 1 < L) {
            const float* next = stream(l + 1, position);
            for (int c = 0; c < C; ++c) mo[c] = next[c] - mid[c] - w.fcproj_b[c];
        } else {
            layers::layernorm_forward(a.data(), nullptr, nullptr, mid.data(), w.ln2_w, w.ln2_b, 1, C, cfg.layer_norm_epsilon);
            layers::matmul_gelu_forward(hid.data(), a.data(), w.fc_w, w.fc_b, 1, C, FF);
            layers::matmul_forward(mo, hid.data(), w.fcproj_w, nullptr, 1, FF, C);
        }
        for (int c = 0; c < C; ++c) {
            p.bias[c] += w.proj_b[c] + w.fcproj_b[c];
            p.resid[c] += mo[c] + w.proj_b[c] + w.fcproj_b[c];
        }
        for (int h = 0; h < H; ++h) {
            const float* out = p.heads.data() + (static_cast<size_t>(l) * H + h) * C;
            for (int c = 0; c < C; ++c) p.resid[c] += out[c];
        }
    }
    return p;
}

} // namespace

std::vector<double> unembedding_mean(const Model& m) {
    const int C = m.config().n_embd, V = m.config().vocab_size;
    // Blocks of rows summed in float (a few rounding steps each), the blocks in double.
    constexpr int kBlock = 64;
    std::vector<double> mean(static_cast<size_t>(C), 0.0);
    std::vector<float> block(static_cast<size_t>(C));
    for (int v0 = 0; v0 < V; v0 += kBlock) {
        std::fill(block.begin(), block.end(), 0.0f);
        for (int v = v0; v < std::min(V, v0 + kBlock); ++v) {
            const float* u = m.lm_head() + static_cast<size_t>(v) * C;
            for (int c = 0; c < C; ++c) block[c] += u[c];
        }
        for (int c = 0; c < C; ++c) mean[c] += block[c];
    }
    for (double& x : mean) x /= V;
    return mean;
}

double DirectAttribution::attention_total() const { return std::accumulate(attention.begin(), attention.end(), 0.0); }
double DirectAttribution::mlp_total() const { return std::accumulate(mlp.begin(), mlp.end(), 0.0); }
double DirectAttribution::sum() const {
    return token_embedding + position_embedding + attention_total() + mlp_total() + biases + lnf_bias;
}
double DirectAttribution::attention_share() const {
    double a = 0, f = 0;
    for (double v : attention) a += std::abs(v);
    for (double v : mlp) f += std::abs(v);
    return a + f > 0 ? a / (a + f) : 0.0;
}

DirectAttribution direct_attribution(const Model& m, const ForwardResult& r, int position, int token,
                                     const std::vector<double>* given_mean) {
    const Config& cfg = m.config();
    const int L = cfg.n_layer, H = cfg.n_head, C = cfg.n_embd;
    check_input(m, r, position, "direct attribution");
    if (token < 0 || token >= cfg.vocab_size)
        throw Error("direct attribution: token id " + std::to_string(token) + " is not in the vocabulary");

    const Parts p = stream_parts(m, r, position);

    // The direction every part is read along: (lm_head[token] - the mean row) times ln_f's weight.
    std::vector<double> own;
    const std::vector<double>& mean = mean_or_own(m, given_mean, own, "direct attribution");
    const float* u = m.lm_head() + static_cast<size_t>(token) * C;
    std::vector<double> dir(static_cast<size_t>(C));
    for (int c = 0; c < C; ++c) dir[c] = (double(u[c]) - mean[c]) * m.lnf_w()[c];
    const double rstd = lnf_rstd(m, p.resid.data());
    // A part's share: ln_f subtracts the stream's mean, so each part enters with its own mean taken off.
    auto part = [&](const float* x) {
        double xm = 0;
        for (int c = 0; c < C; ++c) xm += x[c];
        xm /= C;
        double s = 0;
        for (int c = 0; c < C; ++c) s += dir[c] * (x[c] - xm);
        return s * rstd;
    };

    DirectAttribution d;
    d.position = position;
    d.token = token;
    const float* final_hidden = stream_at(m, r, L, position); // after ln_f
    double logit = 0, mean_logit = 0, lnf_bias = 0;
    for (int c = 0; c < C; ++c) {
        logit += double(u[c]) * final_hidden[c];
        mean_logit += mean[c] * final_hidden[c];
        lnf_bias += (double(u[c]) - mean[c]) * m.lnf_b()[c];
    }
    d.logit = logit;
    d.mean_logit = mean_logit;
    d.above_mean = logit - mean_logit;
    d.lnf_bias = lnf_bias;
    const int id = r.ids[static_cast<size_t>(position)];
    d.token_embedding = part(m.wte() + static_cast<size_t>(id) * C);
    d.position_embedding = part(m.wpe() + static_cast<size_t>(position) * C);
    d.heads.resize(static_cast<size_t>(L) * H);
    d.attention.assign(static_cast<size_t>(L), 0.0);
    d.mlp.resize(static_cast<size_t>(L));
    for (int l = 0; l < L; ++l) {
        for (int h = 0; h < H; ++h) {
            const double v = part(p.heads.data() + (static_cast<size_t>(l) * H + h) * C);
            d.heads[static_cast<size_t>(l) * H + h] = v;
            d.attention[static_cast<size_t>(l)] += v;
        }
        d.mlp[static_cast<size_t>(l)] = part(p.mlp.data() + static_cast<size_t>(l) * C);
    }
    d.biases = part(p.bias.data());
    return d;
}

HeadDirectEffect head_direct_effect(const Model& m, const ForwardResult& r, int position, int layer, int head, int k,
                                    const std::vector<double>* given_mean) {
    const Config& cfg = m.config();
    const int L = cfg.n_layer, H = cfg.n_head, C = cfg.n_embd, V = cfg.vocab_size;
    check_input(m, r, position, "a head's direct effect");
    if (layer < 0 || layer >= L || head < 0 || head >= H)
        throw Error("a head's direct effect: head " + std::to_string(layer) + "." + std::to_string(head) +
                    " is not in the model");
    if (k < 1) throw Error("a head's direct effect: k must be at least 1");
    k = std::min(k, V);

    const Parts p = stream_parts(m, r, position);
    const float* out = p.heads.data() + (static_cast<size_t>(layer) * H + head) * C;
    // y = ln_f's weight * (out - its mean) / std of the stream: what the head's write adds to the
    // final hidden state with ln_f's scale held; every token's push is lm_head[t] . y, less the mean.
    const double rstd = lnf_rstd(m, p.resid.data());
    double om = 0;
    for (int c = 0; c < C; ++c) om += out[c];
    om /= C;
    std::vector<float> y(static_cast<size_t>(C)), push(static_cast<size_t>(V));
    for (int c = 0; c < C; ++c) y[c] = float((out[c] - om) * rstd * m.lnf_w()[c]);
    cblas_sgemv(CblasRowMajor, CblasNoTrans, V, C, 1.0f, m.lm_head(), C, y.data(), 1, 0.0f, push.data(), 1);
    std::vector<double> own;
    const std::vector<double>& mean = mean_or_own(m, given_mean, own, "a head's direct effect");
    double shift = 0;
    for (int c = 0; c < C; ++c) shift += mean[c] * y[c];

    std::vector<int> order(static_cast<size_t>(V));
    std::iota(order.begin(), order.end(), 0);
    HeadDirectEffect e;
    e.layer = layer;
    e.head = head;
    e.position = position;
    auto take = [&](auto before, std::vector<TokenPush>& into) {
        std::partial_sort(order.begin(), order.begin() + k, order.end(), before);
        for (int i = 0; i < k; ++i) into.push_back({order[size_t(i)], double(push[size_t(order[size_t(i)])]) - shift});
    };
    take([&](int a, int b) { return push[size_t(a)] > push[size_t(b)] || (push[size_t(a)] == push[size_t(b)] && a < b); }, e.up);
    take([&](int a, int b) { return push[size_t(a)] < push[size_t(b)] || (push[size_t(a)] == push[size_t(b)] && a < b); }, e.down);
    return e;
}

} // namespace al

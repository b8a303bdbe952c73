// GPT-2 forward/backward/AdamW for the trainer (see gpt2_train.h), after llm.c's train_gpt2.c.
#include "gpt2_train.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <stdexcept>
#include <type_traits>

#include "attention_lens/block.h"
#include "attention_lens/layers.h"
#include "layers_backward.h"

namespace al::train {

namespace {

// Sizes of the 16 stacked tensors, in buffer order (the order of ParamPtrs).
std::vector<size_t> stacked_sizes(const ModelShape& s) {
    const size_t V = s.vocab, maxT = s.max_T, L = s.n_layer, C = s.n_embd, F = s.n_inner();
    return {V * C, maxT * C, L * C, L * C, L * C * 3 * C, L * 3 * C, L * C * C, L * C,
            L * C, L * C, L * C * F, L * F, L * F * C, L * C, C, C};
}

// Layer l's slices of the stacked buffers of an Activations (or of their gradients): the
// [B,T,C] slice of an [L,B,T,C] buffer and so on. Float is const float for a const Activations.
template <typename Float>
struct LayerSlices {
    Float* residual;                   // [B,T,C] the layer's input: encoded, or layer l-1's residual3
    Float *ln1, *ln1_mean, *ln1_rstd;  // [B,T,C], [B,T], [B,T]
    Float* qkv;                        // [B,T,3C]
    Float* atty;                       // [B,T,C]
    Float *preatt, *att;               // [B,NH,T,T]
    Float *attproj, *residual2;        // [B,T,C]
    Float *ln2, *ln2_mean, *ln2_rstd;  // [B,T,C], [B,T], [B,T]
    Float *fch, *fch_gelu;             // [B,T,F]
    Float *fcproj, *residual3;         // [B,T,C]
};

template <typename Acts, typename Float = std::conditional_t<std::is_const_v<Acts>, const float, float>>
LayerSlices<Float> layer_slices(Acts& a, const ModelShape& s, int l) {
    const size_t BT = static_cast<size_t>(a.B) * a.T, C = s.n_embd, F = s.n_inner();
    const size_t NHTT = static_cast<size_t>(s.n_head) * a.T * a.T;
    LayerSlices<Float> x;
    x.residual = l == 0 ? a.encoded.data() : a.residual3.data() + (l - 1) * BT * C;
    x.ln1 = a.ln1.data() + l * BT * C;
    x.ln1_mean = a.ln1_mean.data() + l * BT;
    x.ln1_rstd = a.ln1_rstd.data() + l * BT;
    x.qkv = a.qkv.data() + l * BT * 3 * C;
    x.atty = a.atty.data() + l * BT * C;
    x.preatt = a.preatt.data() + l * a.B * NHTT;
    x.att = a.att.data() + l * a.B * NHTT;
    x.attproj = a.attproj.data() + l * BT * C;
    x.residual2 = a.residual2.data() + l * BT * C;
    x.ln2 = a.ln2.data() + l * BT * C;
    x.ln2_mean = a.ln2_mean.data() + l * BT;
    x.ln2_rstd = a.ln2_rstd.data() + l * BT;
    x.fch = a.fch.data() + l * BT * F;
    x.fch_gelu = a.fch_gelu.data() + l * BT * F;
    x.fcproj = a.fcproj.data() + l * BT * C;
    x.residual3 = a.residual3.data() + l * BT * C;
    return x;
}

// Layer l's weights, as the engine's block reads them.
LayerWeights layer_weights(const ParamPtrs& p, const ModelShape& s, int l) {
    const size_t C = s.n_embd, F = s.n_inner();
    LayerWeights w{};
    w.ln1_w = p.ln1w + l * C;
    w.ln1_b = p.ln1b + l * C;
    w.attn_w = p.qkvw + l * C * 3 * C;
    w.attn_b = p.qkvb + l * 3 * C;
    w.proj_w = p.attprojw + l * C * C;
    w.proj_b = p.attprojb + l * C;
    w.ln2_w = p.ln2w + l * C;
    w.ln2_b = p.ln2b + l * C;
    w.fc_w = p.fcw + l * C * F;
    w.fc_b = p.fcb + l * F;
    w.fcproj_w = p.fcprojw + l * F * C;
    w.fcproj_b = p.fcprojb + l * C;
    return w;
}

} // namespace

size_t parameter_count(const ModelShape& s) {
    size_t n = 0;
    for (size_t x : stacked_sizes(s)) n += x;
    return n;
}

ParamPtrs point_into(float* base, const ModelShape& s) {
    ParamPtrs p{};
    float** slots[] = {&p.wte, &p.wpe, &p.ln1w, &p.ln1b, &p.qkvw, &p.qkvb, &p.attprojw, &p.attprojb,
                       &p.ln2w, &p.ln2b, &p.fcw, &p.fcb, &p.fcprojw, &p.fcprojb, &p.lnfw, &p.lnfb};
    float* at = base;
    const auto sizes = stacked_sizes(s);
    for (size_t i = 0; i < sizes.size(); i++) {
        *slots[i] = at;
        at += sizes[i];
    }
    return p;
}

std::vector<ParamInfo> parameter_layout(const ModelShape& s) {
    const int64_t V = s.vocab, maxT = s.max_T, C = s.n_embd, F = s.n_inner();
    const int L = s.n_layer;
    // Offsets come from point_into on a buffer-sized base, so the two can never disagree.
    static float anchor[1];
    ParamPtrs p = point_into(anchor, s);
    auto off = [](const float* ptr) { return static_cast<size_t>(ptr - anchor); };
    std::vector<ParamInfo> out;
    auto add = [&](std::string name, std::vector<int64_t> shape, size_t offset, bool decay) {
        size_t n = 1;
        for (int64_t d : shape) n *= static_cast<size_t>(d);
        out.push_back({std::move(name), std::move(shape), offset, n, decay});
    };
    add("wte.weight", {V, C}, off(p.wte), true);
    add("wpe.weight", {maxT, C}, off(p.wpe), true);
    for (int l = 0; l < L; l++) {
        const std::string h = "h." + std::to_string(l) + ".";
        add(h + "ln_1.weight", {C}, off(p.ln1w) + l * C, false);
        add(h + "ln_1.bias", {C}, off(p.ln1b) + l * C, false);
        add(h + "attn.c_attn.weight", {C, 3 * C}, off(p.qkvw) + l * C * 3 * C, true);
        add(h + "attn.c_attn.bias", {3 * C}, off(p.qkvb) + l * 3 * C, false);
        add(h + "attn.c_proj.weight", {C, C}, off(p.attprojw) + l * C * C, true);
        add(h + "attn.c_proj.bias", {C}, off(p.attprojb) + l * C, false);
        add(h + "ln_2.weight", {C}, off(p.ln2w) + l * C, false);
        add(h + "ln_2.bias", {C}, off(p.ln2b) + l * C, false);
        add(h + "mlp.c_fc.weight", {C, F}, off(p.fcw) + l * C * F, true);
        add(h + "mlp.c_fc.bias", {F}, off(p.fcb) + l * F, false);
        add(h + "mlp.c_proj.weight", {F, C}, off(p.fcprojw) + l * F * C, true);
        add(h + "mlp.c_proj.bias", {C}, off(p.fcprojb) + l * C, false);
    }
    add("ln_f.weight", {C}, off(p.lnfw), false);
    add("ln_f.bias", {C}, off(p.lnfb), false);
    return out;
}

void Activations::resize(const ModelShape& s, int B_, int T_) {
    B = B_;
    T = T_;
    const size_t BT = static_cast<size_t>(B) * T, L = s.n_layer, C = s.n_embd, F = s.n_inner();
    const size_t NH = s.n_head, V = s.vocab;
    encoded.assign(BT * C, 0);
    ln1.assign(L * BT * C, 0);
    ln1_mean.assign(L * BT, 0);
    ln1_rstd.assign(L * BT, 0);
    qkv.assign(L * BT * 3 * C, 0);
    atty.assign(L * BT * C, 0);
    preatt.assign(L * B * NH * T * T, 0);
    att.assign(L * B * NH * T * T, 0);
    attproj.assign(L * BT * C, 0);
    residual2.assign(L * BT * C, 0);
    ln2.assign(L * BT * C, 0);
    ln2_mean.assign(L * BT, 0);
    ln2_rstd.assign(L * BT, 0);
    fch.assign(L * BT * F, 0);
    fch_gelu.assign(L * BT * F, 0);
    fcproj.assign(L * BT * C, 0);
    residual3.assign(L * BT * C, 0);
    lnf.assign(BT * C, 0);
    lnf_mean.assign(BT, 0);
    lnf_rstd.assign(BT, 0);
    logits.assign(BT * V, 0);
    probs.assign(BT * V, 0);
    losses.assign(BT, 0);
}

GPT2::GPT2(const ModelShape& shape) : shape_(shape), layout_(parameter_layout(shape)) {
    if (shape.n_embd % shape.n_head != 0) throw std::runtime_error("n_embd must be divisible by n_head");
    const size_t n = parameter_count(shape);
    params_.assign(n, 0.0f);
    grads_.assign(n, 0.0f);
    m_.assign(n, 0.0f);
    v_.assign(n, 0.0f);
    decay_mask_.assign(n, 0);
    for (const auto& p : layout_)
        if (p.decay) std::memset(decay_mask_.data() + p.offset, 1, p.numel);
}

void GPT2::exclude_from_decay(const std::string& hf_name) {
    for (const auto& p : layout_)
        if (p.hf_name == hf_name) {
            std::memset(decay_mask_.data() + p.offset, 0, p.numel);
            return;
        }
    throw std::runtime_error("no parameter named " + hf_name);
}

void GPT2::init_random(uint64_t seed, float qk_std, float wpe_sinusoid_std) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(0.0f, 0.02f);
    const float resid_std = 0.02f / std::sqrt(2.0f * shape_.n_layer);
    std::normal_distribution<float> resid_normal(0.0f, resid_std);
    for (const auto& p : layout_) {
        float* w = params_.data() + p.offset;
        const bool is_ln_weight = p.hf_name.find("ln_") != std::string::npos &&
                                  p.hf_name.find(".weight") != std::string::npos;
        const bool is_resid_proj = p.hf_name.find("c_proj.weight") != std::string::npos;
        for (size_t i = 0; i < p.numel; i++) {
            if (is_ln_weight) w[i] = 1.0f;
            else if (p.shape.size() == 1) w[i] = 0.0f; // biases
            else w[i] = is_resid_proj ? resid_normal(rng) : normal(rng);
        }
        if (wpe_sinusoid_std > 0 && p.hf_name == "wpe.weight") {
            // PE[t, 2i] = sin(t / 10000^(2i/C)), PE[t, 2i+1] = cos(...); each has variance 1/2.
            const int C = shape_.n_embd;
            const float amp = wpe_sinusoid_std * std::sqrt(2.0f);
            for (int t = 0; t < shape_.max_T; t++)
                for (int i = 0; i < C; i += 2) {
                    const double freq = std::pow(10000.0, -static_cast<double>(i) / C);
                    w[static_cast<size_t>(t) * C + i] = amp * static_cast<float>(std::sin(t * freq));
                    if (i + 1 < C) w[static_cast<size_t>(t) * C + i + 1] = amp * static_cast<float>(std::cos(t * freq));
                }
        }
        if (shape_.attn_only && p.hf_name.find(".mlp.") != std::string::npos)
            std::fill(w, w + p.numel, 0.0f);
        if (qk_std > 0 && p.hf_name.find("c_attn.weight") != std::string::npos) {
            // w is [C, 3C]: columns [0, C) are the queries, [C, 2C) the keys.
            std::normal_distribution<float> qk(0.0f, qk_std);
            const int C = shape_.n_embd;
            for (int r = 0; r < C; r++)
                for (int c = 0; c < 2 * C; c++) w[static_cast<size_t>(r) * 3 * C + c] = qk(rng);
        }
    }
}

float GPT2::forward(const int* inp, const int* targets, int B, int T) {
    using namespace al::layers;
    const ModelShape& s = shape_;
    if (T > s.max_T) throw std::runtime_error("sequence longer than n_positions");
    for (int i = 0; i < B * T; i++)
        if (inp[i] < 0 || inp[i] >= s.vocab) throw std::runtime_error("token id out of range");
    if (acts_.B != B || acts_.T != T) acts_.resize(s, B, T);
    inp_.assign(inp, inp + B * T);
    if (targets) targets_.assign(targets, targets + B * T);
    else targets_.clear();

    const int L = s.n_layer, NH = s.n_head, C = s.n_embd, F = s.n_inner(), V = s.vocab;
    const size_t BT = static_cast<size_t>(B) * T;
    const float scale = 1.0f / std::sqrt(static_cast<float>(C / NH));
    const float eps = 1e-5f;
    ParamPtrs p = point_into(params_.data(), s);
    Activations& a = acts_;

    static const std::string gelu_new = "gelu_new";
    const BlockShape bs{static_cast<int>(BT), static_cast<int>(BT), C, F, eps, &gelu_new, !s.attn_only};

    encoder_forward(a.encoded.data(), inp, p.wte, p.wpe, B, T, C); // encoded [B,T,C]
    for (int l = 0; l < L; l++) {
        // Every tensor of the block kept apart, for backward().
        const LayerSlices<float> x = layer_slices(a, s, l);
        BlockActs blk;
        blk.in = blk.skip = x.residual;
        blk.ln1 = x.ln1; blk.ln1_mean = x.ln1_mean; blk.ln1_rstd = x.ln1_rstd;
        blk.qkv = x.qkv;
        blk.atty = x.atty;
        blk.attproj = x.attproj;
        blk.residual2 = x.residual2;
        blk.ln2 = x.ln2; blk.ln2_mean = x.ln2_mean; blk.ln2_rstd = x.ln2_rstd;
        blk.fch = x.fch;
        blk.fch_gelu = x.fch_gelu;
        blk.fcproj = x.fcproj;
        blk.out = x.residual3;
        block_forward(blk, layer_weights(p, s, l), bs, [&](const float* qkv, float* atty) {
            attention_forward(atty, x.preatt, x.att, qkv, B, T, C, NH, scale); // preatt, att [B,NH,T,T]
        });
    }
    const float* last = a.residual3.data() + (L - 1) * BT * C;
    layernorm_forward(a.lnf.data(), a.lnf_mean.data(), a.lnf_rstd.data(), last, p.lnfw, p.lnfb, BT, C, eps);
    matmul_transposed_forward(a.logits.data(), a.lnf.data(), p.wte, BT, C, V);
    softmax_forward(a.probs.data(), a.logits.data(), BT, V);
    if (!targets) return -1.0f;
    return crossentropy_forward(a.losses.data(), a.probs.data(), targets, BT, V);
}

void GPT2::backward() {
    using namespace al::layers;
    if (targets_.empty()) throw std::runtime_error("backward needs a forward with targets");
    const ModelShape& s = shape_;
    const int B = acts_.B, T = acts_.T;
    const int L = s.n_layer, NH = s.n_head, C = s.n_embd, F = s.n_inner(), V = s.vocab;
    const size_t BT = static_cast<size_t>(B) * T;
    const float scale = 1.0f / std::sqrt(static_cast<float>(C / NH));
    if (dacts_.B != B || dacts_.T != T) dacts_.resize(s, B, T);
    std::fill(grads_.begin(), grads_.end(), 0.0f);
    // Only the activation gradients that are accumulated into need zeroing; the rest are written.
    Activations& d = dacts_;
    for (auto* v : {&d.encoded, &d.ln1, &d.qkv, &d.atty, &d.attproj, &d.residual2, &d.ln2, &d.fch,
                    &d.fch_gelu, &d.fcproj, &d.residual3, &d.lnf, &d.logits})
        std::fill(v->begin(), v->end(), 0.0f);

    ParamPtrs p = point_into(params_.data(), s);
    ParamPtrs g = point_into(grads_.data(), s);
    const Activations& a = acts_;

    crossentropy_softmax_backward(d.logits.data(), a.probs.data(), targets_.data(), BT, V, 1.0f / BT);
    matmul_transposed_backward(d.lnf.data(), g.wte, d.logits.data(), a.lnf.data(), p.wte, BT, C, V);
    float* dlast = d.residual3.data() + (L - 1) * BT * C;
    layernorm_backward(dlast, g.lnfw, g.lnfb, d.lnf.data(), a.residual3.data() + (L - 1) * BT * C,
                       p.lnfw, a.lnf_mean.data(), a.lnf_rstd.data(), BT, C);

    for (int l = L - 1; l >= 0; l--) {
        const LayerSlices<const float> x = layer_slices(a, s, l);
        const LayerSlices<float> dx = layer_slices(d, s, l);
        residual_backward(dx.residual2, dx.fcproj, dx.residual3, BT * C);
        if (!s.attn_only) {
            matmul_backward(dx.fch_gelu, g.fcprojw + static_cast<size_t>(l) * F * C, g.fcprojb + l * C, dx.fcproj,
                            x.fch_gelu, p.fcprojw + static_cast<size_t>(l) * F * C, BT, F, C);
            gelu_backward(dx.fch, x.fch, dx.fch_gelu, BT * F);
            matmul_backward(dx.ln2, g.fcw + static_cast<size_t>(l) * C * F, g.fcb + l * F, dx.fch, x.ln2,
                            p.fcw + static_cast<size_t>(l) * C * F, BT, C, F);
            layernorm_backward(dx.residual2, g.ln2w + l * C, g.ln2b + l * C, dx.ln2, x.residual2, p.ln2w + l * C,
                               x.ln2_mean, x.ln2_rstd, BT, C);
        }
        residual_backward(dx.residual, dx.attproj, dx.residual2, BT * C);
        matmul_backward(dx.atty, g.attprojw + static_cast<size_t>(l) * C * C, g.attprojb + l * C, dx.attproj,
                        x.atty, p.attprojw + static_cast<size_t>(l) * C * C, BT, C, C);
        attention_backward(dx.qkv, dx.preatt, dx.att, dx.atty, x.qkv, x.att, B, T, C, NH, scale);
        matmul_backward(dx.ln1, g.qkvw + static_cast<size_t>(l) * C * 3 * C, g.qkvb + l * 3 * C, dx.qkv, x.ln1,
                        p.qkvw + static_cast<size_t>(l) * C * 3 * C, BT, C, 3 * C);
        layernorm_backward(dx.residual, g.ln1w + l * C, g.ln1b + l * C, dx.ln1, x.residual, p.ln1w + l * C,
                           x.ln1_mean, x.ln1_rstd, BT, C);
    }
    encoder_backward(g.wte, g.wpe, d.encoded.data(), inp_.data(), B, T, C);
}

float GPT2::clip_gradients(float max_norm) {
    double sq = 0.0;
    for (float x : grads_) sq += static_cast<double>(x) * x;
    const float norm = static_cast<float>(std::sqrt(sq));
    if (max_norm > 0 && norm > max_norm) {
        const float f = max_norm / (norm + 1e-6f);
        for (float& x : grads_) x *= f;
    }
    return norm;
}

void GPT2::adamw_update(float lr, const AdamW& o) {
    adam_t_++;
    const float c1 = 1.0f - std::pow(o.beta1, static_cast<float>(adam_t_));
    const float c2 = 1.0f - std::pow(o.beta2, static_cast<float>(adam_t_));
    const size_t n = params_.size();
    for (size_t i = 0; i < n; i++) {
        const float g = grads_[i];
        const float m = o.beta1 * m_[i] + (1.0f - o.beta1) * g;
        const float v = o.beta2 * v_[i] + (1.0f - o.beta2) * g * g;
        m_[i] = m;
        v_[i] = v;
        const float wd = decay_mask_[i] ? o.weight_decay : 0.0f;
        params_[i] -= lr * ((m / c1) / (std::sqrt(v / c2) + o.eps) + wd * params_[i]);
    }
}

} // namespace al::train

// The passes of activation patching (patching_steps.h) over n variants stacked row-wise, x [n*T][C]:
// a layer's attention half and MLP half with their patches, ln_f of each variant's last row, and
// one whole pass with a set of patches.
#pragma GCC optimize("no-trapping-math")
#include "patching_steps.h"

#include <cstring>

#include <cblas.h>

#include "attention_lens/error.h"
#include "attention_lens/layers.h"
#include "forward_plan.h"

namespace al::patching_detail {

void check_cancel(const std::atomic<bool>* cancel) {
    if (cancel && cancel->load(std::memory_order_relaxed)) throw Cancelled();
}

void attention_half(const Model& m, int l, int n, int T, float* x, Scratch& s, float* z_keep, float* qkv_keep,
                    const std::vector<int>* patch_heads, const float* clean_z) {
    const Config& cfg = m.config();
    const int C = cfg.n_embd, NH = cfg.n_head, hs = cfg.head_dim(), N = n * T;
    const LayerWeights& w = m.layer(l);
    s.a.resize(static_cast<size_t>(N) * C);
    s.qkv.resize(static_cast<size_t>(N) * 3 * C);
    s.z.resize(static_cast<size_t>(N) * C);
    s.preatt.resize(static_cast<size_t>(n) * NH * T * T);
    s.att.resize(s.preatt.size());
    layers::layernorm_forward(s.a.data(), nullptr, nullptr, x, w.ln1_w, w.ln1_b, N, C, cfg.layer_norm_epsilon);
    layers::matmul_forward(s.qkv.data(), s.a.data(), w.attn_w, w.attn_b, N, C, 3 * C);
    const float scale = cfg.attention_scale(l);
    if (qkv_keep) std::memcpy(qkv_keep, s.qkv.data(), sizeof(float) * T * 3 * C);
    layers::attention_forward(s.z.data(), s.preatt.data(), s.att.data(), s.qkv.data(), n, T, C, NH, scale, true);
    if (patch_heads)
        for (int h : *patch_heads)
            for (int t = 0; t < N; t++)
                std::memcpy(s.z.data() + static_cast<size_t>(t) * C + h * hs,
                            clean_z + static_cast<size_t>(t % T) * C + h * hs, sizeof(float) * hs);
    if (z_keep) std::memcpy(z_keep, s.z.data(), sizeof(float) * T * C);
    layers::matmul_forward(s.a.data(), s.z.data(), w.proj_w, w.proj_b, N, C, C);
    layers::residual_forward(x, x, s.a.data(), N * C);
}

void mlp_half(const Model& m, int l, int n, int T, float* x, Scratch& s, float* mlp_keep, const float* clean_mlp) {
    const Config& cfg = m.config();
    const int C = cfg.n_embd, FF = cfg.inner(), N = n * T;
    const LayerWeights& w = m.layer(l);
    s.a.resize(static_cast<size_t>(N) * C);
    if (clean_mlp) {
        for (int v = 0; v < n; v++)
            layers::residual_forward(x + at(v, T, C), x + at(v, T, C), clean_mlp, T * C);
        return;
    }
    s.big.resize(static_cast<size_t>(N) * FF);
    layers::layernorm_forward(s.a.data(), nullptr, nullptr, x, w.ln2_w, w.ln2_b, N, C, cfg.layer_norm_epsilon);
    detail::mlp_fc_forward(s.big.data(), s.a.data(), w, N, C, FF, cfg.activation_function);
    layers::matmul_forward(s.a.data(), s.big.data(), w.fcproj_w, w.fcproj_b, N, FF, C);
    if (mlp_keep) std::memcpy(mlp_keep, s.a.data(), sizeof(float) * T * C);
    layers::residual_forward(x, x, s.a.data(), N * C);
}

std::vector<float> final_rows(const Model& m, int n, int T, const float* x) {
    const Config& cfg = m.config();
    const int C = cfg.n_embd;
    std::vector<float> last(static_cast<size_t>(n) * C), ln(last.size());
    for (int v = 0; v < n; v++)
        std::memcpy(last.data() + static_cast<size_t>(v) * C, x + (static_cast<size_t>(v) * T + T - 1) * C, sizeof(float) * C);
    layers::layernorm_forward(ln.data(), nullptr, nullptr, last.data(), m.lnf_w(), m.lnf_b(), n, C, cfg.layer_norm_epsilon);
    return ln;
}

int first_changed(const float* a, const float* b, int T, int width, int stride) {
    for (int t = 0; t < T; t++)
        if (std::memcmp(a + static_cast<size_t>(t) * stride, b + static_cast<size_t>(t) * stride, sizeof(float) * width) != 0)
            return t;
    return T;
}

std::vector<float> single_pass(const Model& m, const std::vector<int>& ids, const PatchSet& set,
                               const PatchingActivations* clean, PatchingActivations* keep,
                               const std::atomic<bool>* cancel) {
    const Config& cfg = m.config();
    const int T = static_cast<int>(ids.size()), C = cfg.n_embd, L = cfg.n_layer, V = cfg.vocab_size;
    std::vector<float> x(static_cast<size_t>(T) * C);
    layers::encoder_forward(x.data(), ids.data(), m.wte(), m.wpe(), 1, T, C);
    if (keep) {
        keep->layer_in.resize(static_cast<size_t>(L + 1) * T * C);
        keep->z.resize(static_cast<size_t>(L) * T * C);
        keep->qkv.resize(static_cast<size_t>(L) * T * 3 * C);
        keep->mid.resize(keep->z.size());
        keep->mlp_out.resize(keep->z.size());
    }
    Scratch s;
    for (int l = 0; l < L; l++) {
        check_cancel(cancel);
        for (const auto& [layer, pos] : set.positions)
            if (layer == l)
                std::memcpy(x.data() + static_cast<size_t>(pos) * C,
                            clean->layer_in.data() + at(l, T, C) + static_cast<size_t>(pos) * C, sizeof(float) * C);
        if (keep) std::memcpy(keep->layer_in.data() + at(l, T, C), x.data(), sizeof(float) * T * C);
        std::vector<int> heads;
        for (const HeadRef& h : set.heads)
            if (h.layer == l) heads.push_back(h.head);
        attention_half(m, l, 1, T, x.data(), s, keep ? keep->z.data() + at(l, T, C) : nullptr,
                       keep ? keep->qkv.data() + at(l, T, 3 * C) : nullptr,
                       heads.empty() ? nullptr : &heads, heads.empty() ? nullptr : clean->z.data() + at(l, T, C));
        if (keep) std::memcpy(keep->mid.data() + at(l, T, C), x.data(), sizeof(float) * T * C);
        const bool patch_mlp = std::find(set.mlps.begin(), set.mlps.end(), l) != set.mlps.end();
        mlp_half(m, l, 1, T, x.data(), s, keep ? keep->mlp_out.data() + at(l, T, C) : nullptr,
                 patch_mlp ? clean->mlp_out.data() + at(l, T, C) : nullptr);
    }
    if (keep) std::memcpy(keep->layer_in.data() + at(L, T, C), x.data(), sizeof(float) * T * C);
    const std::vector<float> ln = final_rows(m, 1, T, x.data());
    std::vector<float> logits(V);
    cblas_sgemv(CblasRowMajor, CblasNoTrans, V, C, 1.0f, m.lm_head(), C, ln.data(), 1, 0.0f, logits.data(), 1);
    if (!detail::all_finite(logits.data(), logits.size())) throw detail::not_finite();
    return logits;
}

} // namespace al::patching_detail

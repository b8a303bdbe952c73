// Value-weighted attention (see value_weighted.h).
#include "attention_lens/value_weighted.h"

#include <cmath>
#include <string>

#include <cblas.h>

#include "attention_lens/error.h"

namespace al {

namespace {

// out [T] = ‖v_j · W_O^h‖ for head (layer, head); y [T][C] scratch.
void head_norms(const Model& m, const ForwardResult& r, int layer, int head, std::vector<float>& y, float* out) {
    const Config& cfg = m.config();
    const int H = cfg.n_head, C = cfg.n_embd, D = C / H, T = static_cast<int>(r.ids.size());
    const float* v = r.v.data() + (static_cast<size_t>(layer) * H + head) * T * D; // [T][D]
    const float* wo = m.layer(layer).proj_w + static_cast<size_t>(head) * D * C;    // the head's rows: [D][C]
    y.resize(static_cast<size_t>(T) * C);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, T, C, D, 1.0f, v, D, wo, C, 0.0f, y.data(), C);
    for (int j = 0; j < T; ++j) {
        double n = 0;
        for (int c = 0; c < C; ++c) n += double(y[static_cast<size_t>(j) * C + c]) * y[static_cast<size_t>(j) * C + c];
        out[j] = float(std::sqrt(n));
    }
}

void check_values(const Model& m, const ForwardResult& r) {
    const Config& cfg = m.config();
    if (r.v.size() != static_cast<size_t>(cfg.n_layer) * cfg.n_embd * r.ids.size())
        throw Error("value norms need a forward pass that kept its q, k, v");
}

} // namespace

std::vector<float> value_norms(const Model& m, const ForwardResult& r, int layer, int head) {
    const Config& cfg = m.config();
    if (layer < 0 || layer >= cfg.n_layer || head < 0 || head >= cfg.n_head)
        throw Error("value norms: head " + std::to_string(layer) + "." + std::to_string(head) + " is not in this model");
    check_values(m, r);
    std::vector<float> out(r.ids.size()), y;
    head_norms(m, r, layer, head, y, out.data());
    return out;
}

std::vector<float> value_norms_all(const Model& m, const ForwardResult& r, const std::atomic<bool>* cancel) {
    const Config& cfg = m.config();
    check_values(m, r);
    const size_t T = r.ids.size();
    std::vector<float> out(static_cast<size_t>(cfg.n_layer) * cfg.n_head * T), y;
    for (int l = 0; l < cfg.n_layer; ++l) {
        if (cancel && cancel->load(std::memory_order_relaxed)) throw Cancelled();
        for (int h = 0; h < cfg.n_head; ++h) head_norms(m, r, l, h, y, out.data() + (static_cast<size_t>(l) * cfg.n_head + h) * T);
    }
    return out;
}

std::vector<float> value_weighted_attention(const Model& m, const ForwardResult& r, int layer, int head) {
    const std::vector<float> norms = value_norms(m, r, layer, head); // [T]
    const int T = static_cast<int>(norms.size());
    std::vector<float> out(static_cast<size_t>(T) * T, 0.0f);
    for (int i = 0; i < T; ++i)
        for (int j = 0; j < r.attention.row_length(i); ++j)
            out[static_cast<size_t>(i) * T + j] = r.attention.at(layer, head, i, j) * norms[j];
    return out;
}

} // namespace al

// Value-weighted attention (see value_weighted.h).
#include "attention_lens/value_weighted.h"

#include <cmath>
#include <string>

#include "attention_lens/error.h"

namespace al {

std::vector<float> value_norms(const Model& m, const ForwardResult& r, int layer, int head) {
    const Config& cfg = m.config();
    const int L = cfg.n_layer, H = cfg.n_head, C = cfg.n_embd, D = C / H, T = static_cast<int>(r.ids.size());
    if (layer < 0 || layer >= L || head < 0 || head >= H)
        throw Error("value norms: head " + std::to_string(layer) + "." + std::to_string(head) + " is not in this model");
    if (r.v.size() != static_cast<size_t>(L) * H * T * D)
        throw Error("value norms need a forward pass that kept its q, k, v");
    const float* wo = m.layer(layer).proj_w + static_cast<size_t>(head) * D * C; // the head's rows: [D][C]
    std::vector<float> out(static_cast<size_t>(T));
    std::vector<double> y(static_cast<size_t>(C));
    for (int j = 0; j < T; ++j) {
        const float* v = r.v.data() + ((static_cast<size_t>(layer) * H + head) * T + j) * D; // [D]
        std::fill(y.begin(), y.end(), 0.0);
        for (int d = 0; d < D; ++d)
            for (int c = 0; c < C; ++c) y[c] += double(v[d]) * wo[static_cast<size_t>(d) * C + c];
        double n = 0;
        for (double x : y) n += x * x;
        out[j] = float(std::sqrt(n));
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

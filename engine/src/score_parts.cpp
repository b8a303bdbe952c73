// One head's score taken apart by the parts of the residual stream (see score_parts.h). Everything
// is computed in double from the forward pass's kept tensors, so the terms add up to the score to
// float32's precision.
#include "attention_lens/score_parts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "attention_lens/error.h"

namespace al {

std::string StreamPart::name() const {
    switch (kind) {
    case Kind::Token: return "token";
    case Kind::Position: return "position";
    case Kind::Head: return "head " + std::to_string(layer) + "." + std::to_string(head);
    case Kind::Mlp: return "MLP " + std::to_string(layer);
    case Kind::AttentionBiases: return "attention biases";
    case Kind::Shift: return "LayerNorm shift and q/k bias";
    }
    return "";
}

namespace {

using Vec = std::vector<double>;

std::string four_digits(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

// The parts of the residual stream entering a layer at position t, each [C], in the order of
// `kinds` (every part but the shift, of the layers before it). Their sum is that layer's input.
std::vector<Vec> stream_parts(const Model& m, const ForwardResult& r, int t,
                              const std::vector<StreamPart>& kinds) {
    const Config& cfg = m.config();
    const int C = cfg.n_embd, H = cfg.n_head, D = C / H, T = static_cast<int>(r.ids.size());
    auto hidden = [&](int l, int c) { return double(r.hidden[(static_cast<size_t>(l) * T + t) * C + c]); };
    std::vector<Vec> out;
    out.reserve(kinds.size());
    // The head outputs of each earlier layer, [H][C], to take out of that layer's step for its MLP.
    std::vector<Vec> heads_of_layer(static_cast<size_t>(H));
    Vec biases(static_cast<size_t>(C), 0.0);
    for (const StreamPart& p : kinds) {
        Vec v(static_cast<size_t>(C), 0.0);
        switch (p.kind) {
        case StreamPart::Kind::Token: {
            const float* e = m.wte() + static_cast<size_t>(r.ids[static_cast<size_t>(t)]) * C; // [C]
            for (int c = 0; c < C; ++c) v[c] = e[c];
            break;
        }
        case StreamPart::Kind::Position: {
            const float* e = m.wpe() + static_cast<size_t>(t) * C; // [C]
            for (int c = 0; c < C; ++c) v[c] = e[c];
            break;
        }
        case StreamPart::Kind::Head: {
            // z = Σ_j A[t][j] v_j  [D], then z through the head's rows of c_proj: [D] x [D, C] -> [C]
            const LayerWeights& w = m.layer(p.layer);
            Vec z(static_cast<size_t>(D), 0.0);
            for (int j = 0; j <= t; ++j) {
                const double a = r.attention.at(p.layer, p.head, t, j);
                if (a == 0) continue;
                const float* vj = r.v.data() + ((static_cast<size_t>(p.layer) * H + p.head) * T + j) * D; // [D]
                for (int d = 0; d < D; ++d) z[d] += a * vj[d];
            }
            for (int d = 0; d < D; ++d) {
                const float* row = w.proj_w + static_cast<size_t>(p.head * D + d) * C; // [C]
                for (int c = 0; c < C; ++c) v[c] += z[d] * row[c];
            }
            heads_of_layer[static_cast<size_t>(p.head)] = v;
            break;
        }
        case StreamPart::Kind::Mlp: {
            // What the layer added, less its heads and its c_proj bias: the MLP's output.
            const float* b = m.layer(p.layer).proj_b; // [C]
            for (int c = 0; c < C; ++c) {
                double heads = 0;
                for (int h = 0; h < H; ++h) heads += heads_of_layer[static_cast<size_t>(h)][c];
                v[c] = hidden(p.layer + 1, c) - hidden(p.layer, c) - heads - b[c];
                biases[c] += b[c];
            }
            break;
        }
        case StreamPart::Kind::AttentionBiases:
            v = biases;
            break;
        case StreamPart::Kind::Shift:
            throw Error("the shift is not a part of the residual stream");
        }
        out.push_back(std::move(v));
    }
    return out;
}

// Each part through layer `layer`'s LayerNorm (scale held at the whole stream's) and the head's
// columns `col0 ..` of c_attn: [P][D]; the last row is the shift, β·W + b.
std::vector<Vec> project(const Model& m, const ForwardResult& r, int layer, int t, const std::vector<Vec>& parts, int col0) {
    const Config& cfg = m.config();
    const int C = cfg.n_embd, D = C / cfg.n_head, T = static_cast<int>(r.ids.size());
    const LayerWeights& w = m.layer(layer);
    // σ of the stream itself: LN(x) = γ⊙(x − mean(x))/σ + β, with σ = sqrt(var(x) + eps).
    const float* x = r.hidden.data() + (static_cast<size_t>(layer) * T + t) * C; // [C]
    double mean = 0, var = 0;
    for (int c = 0; c < C; ++c) mean += x[c];
    mean /= C;
    for (int c = 0; c < C; ++c) var += (x[c] - mean) * (x[c] - mean);
    const double sigma = std::sqrt(var / C + double(cfg.layer_norm_epsilon));
    std::vector<Vec> out;
    for (const Vec& p : parts) {
        double pm = 0;
        for (int c = 0; c < C; ++c) pm += p[c];
        pm /= C;
        Vec q(static_cast<size_t>(D), 0.0);
        for (int c = 0; c < C; ++c) {
            const double u = double(w.ln1_w[c]) * (p[c] - pm) / sigma;
            const float* row = w.attn_w + static_cast<size_t>(c) * 3 * C + col0; // [D] of [C, 3C]
            for (int d = 0; d < D; ++d) q[d] += u * row[d];
        }
        out.push_back(std::move(q));
    }
    Vec shift(static_cast<size_t>(D), 0.0);
    for (int d = 0; d < D; ++d) shift[d] = w.attn_b[col0 + d];
    for (int c = 0; c < C; ++c) {
        const float* row = w.attn_w + static_cast<size_t>(c) * 3 * C + col0;
        for (int d = 0; d < D; ++d) shift[d] += double(w.ln1_b[c]) * row[d];
    }
    out.push_back(std::move(shift));
    return out;
}

} // namespace

ScoreParts decompose_score(const Model& m, const ForwardResult& r, int layer, int head, int query, int key) {
    const Config& cfg = m.config();
    const int L = cfg.n_layer, H = cfg.n_head, C = cfg.n_embd, D = C / H, T = static_cast<int>(r.ids.size());
    if (layer < 0 || layer >= L || head < 0 || head >= H)
        throw Error("score parts: head " + std::to_string(layer) + "." + std::to_string(head) + " is not in this model");
    if (query < 0 || query >= T || key < 0 || key > query)
        throw Error("score parts: the query must be a position of the text and the key one it may see");
    if (!r.attention.causal())
        throw Error("score parts are taken from GPT-2's own forward pass, with the causal mask");
    if (r.hidden.size() != static_cast<size_t>(L + 1) * T * C || r.v.size() != static_cast<size_t>(L) * H * T * D)
        throw Error("score parts need a forward pass that kept its hidden states and its q, k, v");

    ScoreParts s;
    s.layer = layer; s.head = head; s.query = query; s.key = key;
    s.parts.push_back({StreamPart::Kind::Token});
    s.parts.push_back({StreamPart::Kind::Position});
    for (int l = 0; l < layer; ++l) {
        for (int h = 0; h < H; ++h) s.parts.push_back({StreamPart::Kind::Head, l, h});
        s.parts.push_back({StreamPart::Kind::Mlp, l});
    }
    if (layer > 0) s.parts.push_back({StreamPart::Kind::AttentionBiases});
    const std::vector<StreamPart> stream(s.parts); // every part but the shift
    s.parts.push_back({StreamPart::Kind::Shift});

    // q parts [P][D] from the query's position, k parts [P][D] from the key's.
    const std::vector<Vec> q = project(m, r, layer, query, stream_parts(m, r, query, stream), head * D);
    const std::vector<Vec> k = project(m, r, layer, key, stream_parts(m, r, key, stream), C + head * D);
    const size_t P = s.parts.size();
    const double scale = double(m.config().attention_scale(layer)); // the model's own, as its scores
    s.terms.assign(P * P, 0.0);
    for (size_t a = 0; a < P; ++a)
        for (size_t b = 0; b < P; ++b) {
            double dot = 0;
            for (int d = 0; d < D; ++d) dot += q[a][d] * k[b][d];
            s.terms[a * P + b] = dot * scale;
            s.sum += dot * scale;
        }
    s.score = r.scores.empty() ? s.sum : double(r.scores.at(layer, head, query, key));
    // Parts far larger than the score that cancel (a stream whose LayerNorm divides float rounding
    // by a tiny spread, in a model at the loader's limits) leave terms that are rounding noise: they
    // are refused rather than shown as adding up. The tolerance covers float32's rounding of the
    // forward's own score, which grows with the largest term.
    double largest = 0;
    for (double t : s.terms) largest = std::max(largest, std::abs(t));
    const double tolerance = 1e-3 * (1.0 + std::abs(s.score)) + 1e-5 * largest;
    if (!std::isfinite(s.sum) || !std::isfinite(largest) || std::abs(s.sum - s.score) > tolerance)
        throw Error("score parts: on this text the parts of head " + std::to_string(layer) + "." + std::to_string(head) +
                    "'s score are too large for single precision to take apart (their sum, " + four_digits(s.sum) +
                    ", is not the score, " + four_digits(s.score) + "): this model's numbers are too large");
    return s;
}

} // namespace al

namespace al {

namespace {

// One side (query or key) of a head at position t, grouped: the position embedding, the content
// (the stream less the position embedding and the attention output biases) and the fixed biases
// (those output biases, then the LayerNorm shift and the projection bias), each through the
// LayerNorm with the stream's scale and the head's columns from col0: three vectors of [D].
struct Sides {
    Vec position, content, biases;
};

Sides grouped_side(const Model& m, const ForwardResult& r, int layer, int t, const Vec& out_biases, int col0) {
    const Config& cfg = m.config();
    const int C = cfg.n_embd, T = static_cast<int>(r.ids.size());
    const float* x = r.hidden.data() + (static_cast<size_t>(layer) * T + t) * C; // [C]
    const float* pe = m.wpe() + static_cast<size_t>(t) * C;                       // [C]
    Vec pos(static_cast<size_t>(C)), content(static_cast<size_t>(C));
    for (int c = 0; c < C; ++c) {
        pos[c] = pe[c];
        content[c] = double(x[c]) - pe[c] - out_biases[c];
    }
    std::vector<Vec> p = project(m, r, layer, t, {pos, content, out_biases}, col0);
    Sides s;
    s.position = std::move(p[0]);
    s.content = std::move(p[1]);
    s.biases = std::move(p[2]);
    for (size_t d = 0; d < s.biases.size(); ++d) s.biases[d] += p[3][d]; // the shift
    return s;
}

double dot(const Vec& a, const Vec& b) {
    double s = 0;
    for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
    return s;
}

} // namespace

namespace {

// Every position's query and key sides of one head, and the layer's scale: what a row of grouped
// terms is made from. [T] sides each, so a row at a time needs no [T][T] table.
struct HeadSides {
    std::vector<Sides> q, k;
    double scale = 0;
};

HeadSides head_sides(const Model& m, const ForwardResult& r, int layer, int head) {
    const Config& cfg = m.config();
    const int L = cfg.n_layer, H = cfg.n_head, C = cfg.n_embd, D = C / H, T = static_cast<int>(r.ids.size());
    if (layer < 0 || layer >= L || head < 0 || head >= H)
        throw Error("score split: head " + std::to_string(layer) + "." + std::to_string(head) + " is not in this model");
    if (!r.attention.causal())
        throw Error("score parts are taken from GPT-2's own forward pass, with the causal mask");
    if (r.hidden.size() != static_cast<size_t>(L + 1) * T * C)
        throw Error("the score split needs a forward pass that kept its hidden states");
    // The attention output biases every earlier layer added: the same vector at every position.
    Vec out_biases(static_cast<size_t>(C), 0.0);
    for (int l = 0; l < layer; ++l)
        for (int c = 0; c < C; ++c) out_biases[c] += m.layer(l).proj_b[c];
    HeadSides s;
    s.q.reserve(static_cast<size_t>(T));
    s.k.reserve(static_cast<size_t>(T));
    for (int t = 0; t < T; ++t) {
        s.q.push_back(grouped_side(m, r, layer, t, out_biases, head * D));
        s.k.push_back(grouped_side(m, r, layer, t, out_biases, C + head * D));
    }
    s.scale = double(cfg.attention_scale(layer)); // the model's own, as its scores
    return s;
}

// Row i's grouped terms, keys 0..i, into out[0..i].
void row_groups(const HeadSides& s, int i, ScoreGroups* out) {
    const Sides& a = s.q[static_cast<size_t>(i)];
    for (int j = 0; j <= i; ++j) {
        const Sides& b = s.k[static_cast<size_t>(j)];
        ScoreGroups& g = out[j];
        g.position = (dot(a.position, b.position) + dot(a.position, b.biases) + dot(a.biases, b.position)) * s.scale;
        g.biases = dot(a.biases, b.biases) * s.scale;
        g.content = (dot(a.content, b.position) + dot(a.content, b.content) + dot(a.content, b.biases) +
                     dot(a.position, b.content) + dot(a.biases, b.content)) * s.scale;
    }
}

} // namespace

std::vector<ScoreGroups> score_groups(const Model& m, const ForwardResult& r, int layer, int head) {
    const HeadSides s = head_sides(m, r, layer, head);
    const int T = static_cast<int>(r.ids.size());
    std::vector<ScoreGroups> out(static_cast<size_t>(T) * T);
    for (int i = 0; i < T; ++i) row_groups(s, i, out.data() + static_cast<size_t>(i) * T);
    return out;
}

std::vector<ScoreGroups> score_groups_row(const Model& m, const ForwardResult& r, int layer, int head, int query) {
    if (query < 0 || query >= static_cast<int>(r.ids.size()))
        throw Error("score split: query " + std::to_string(query) + " is not a position of this text");
    const HeadSides s = head_sides(m, r, layer, head);
    std::vector<ScoreGroups> out(static_cast<size_t>(query) + 1);
    row_groups(s, query, out.data());
    return out;
}

// A row at a time: memory grows with T, not T² (a long text would need gigabytes for the table).
ScoreSplit score_split(const Model& m, const ForwardResult& r, int layer, int head) {
    const HeadSides sides = head_sides(m, r, layer, head);
    const int T = static_cast<int>(r.ids.size());
    ScoreSplit s;
    s.layer = layer;
    s.head = head;
    std::vector<ScoreGroups> row(static_cast<size_t>(T));
    for (int i = 1; i < T; ++i) {
        row_groups(sides, i, row.data());
        ScoreGroups mean;
        for (int j = 0; j <= i; ++j) {
            mean.position += row[j].position / (i + 1);
            mean.content += row[j].content / (i + 1);
            mean.biases += row[j].biases / (i + 1);
        }
        for (int j = 0; j <= i; ++j) {
            const double a = r.attention.at(layer, head, i, j);
            s.position += a * std::abs(row[j].position - mean.position);
            s.content += a * std::abs(row[j].content - mean.content);
            s.biases += a * std::abs(row[j].biases - mean.biases);
        }
    }
    const double total = s.position + s.content + s.biases;
    if (!std::isfinite(total))
        throw Error("score split: head " + std::to_string(layer) + "." + std::to_string(head) +
                    "'s score groups are not finite on this text: this model's numbers are too large");
    if (total > 0) {
        s.position /= total;
        s.content /= total;
        s.biases /= total;
    }
    return s;
}

} // namespace al

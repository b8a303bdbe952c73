// Validating a forward call's input (token ids, head interventions) into per-head plans, and the
// MLP's activation function by name: what Runner and VariantRunner share (forward_plan.h).
// Lets -O3 vectorise the clamps in fastmath::exp (a comparison may not be if-converted while
// floating-point exceptions are observable; nothing here reads them).
#pragma GCC optimize("no-trapping-math")
#include "forward_plan.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "attention_lens/error.h"
#include "attention_lens/layers.h"
#include "kernels/fastmath.h"

namespace al {

namespace {

void check_head(const HeadRef& h, const Config& cfg, const char* what) {
    if (h.layer < 0 || h.layer >= cfg.n_layer || h.head < 0 || h.head >= cfg.n_head)
        throw Error(std::string("forward: ") + what + " names head " + std::to_string(h.layer) + "." +
                    std::to_string(h.head) + ", but the model has " + std::to_string(cfg.n_layer) +
                    " layers of " + std::to_string(cfg.n_head) + " heads");
}

} // namespace

namespace detail {

bool all_finite(const float* p, size_t n) {
    for (size_t i = 0; i < n; ++i)
        if (!std::isfinite(p[i])) return false;
    return true;
}

Error not_finite() {
    return Error("this model computes numbers that are not finite (inf or NaN) on this text: its weights are not usable");
}

void validate_ids(const std::vector<int>& ids, const Config& cfg) {
    if (ids.empty()) throw Error("forward: the token sequence is empty");
    if (static_cast<int64_t>(ids.size()) > cfg.n_positions)
        throw Error("forward: " + std::to_string(ids.size()) + " tokens is more than this model's " +
                    std::to_string(cfg.n_positions) + " positions");
    for (size_t t = 0; t < ids.size(); t++)
        if (ids[t] < 0 || ids[t] >= cfg.vocab_size)
            throw Error("forward: token id " + std::to_string(ids[t]) + " at position " + std::to_string(t) +
                        " is outside the vocabulary (0.." + std::to_string(cfg.vocab_size - 1) + ")");
}

void check_working_memory(const Config& cfg, const ForwardOptions& o, int T, int P) {
    // What compute() allocates for T tokens, in floats, as doubles (L x H x T^2 leaves int64 for
    // a hostile config). The attention (and score) stores dominate: every layer's T x T per head.
    const double L = cfg.n_layer, H = cfg.n_head, C = cfg.n_embd, V = cfg.vocab_size, t = T, n = T - P;
    const double FF = cfg.n_inner > 0 ? cfg.n_inner : 4.0 * C;
    const double per_store = L * H * (o.causal_mask ? t * (t + 1) / 2 : t * t);
    double floats = per_store * (o.keep_scores ? 2 : 1) // attention, scores
                    + 2 * L * t * C + t * C               // keys, values, residual
                    + n * (3 * C + std::max(3 * C, FF))   // the new rows' activations
                    + (o.all_logits ? t * V : V);
    if (o.keep_hidden) floats += (L + 1) * t * C;
    if (o.keep_qkv) floats += 3 * L * t * C;
    const double bytes = 4 * floats;
    static const double memory = double(::sysconf(_SC_PHYS_PAGES)) * double(::sysconf(_SC_PAGESIZE));
    // Half of the memory: the previous text's results are still held while this one is computed,
    // and the rest of the program and the system need room too.
    if (memory > 0 && bytes > memory / 2) {
        auto gb = [](double b) {
            char text[32];
            std::snprintf(text, sizeof text, b < 10e9 ? "%.1f" : "%.0f", b / 1e9);
            return std::string(text);
        };
        throw Error("forward: this model needs about " + gb(bytes) + " GB of working memory for " +
                    std::to_string(T) + " tokens; this machine has " + gb(memory) +
                    " GB, and one text may use at most half of it (give fewer tokens)");
    }
}

// Validates the interventions and turns them into a per-layer, per-head plan ([L][H]).
std::vector<std::vector<HeadPlan>> make_plans(const ForwardOptions& o, const Config& cfg, int T) {
    std::vector<std::vector<HeadPlan>> plans;
    if (o.zero_ablate.empty() && o.mean_ablate.empty() && o.replace_pattern.empty() && o.head_temperature.empty())
        return plans;
    plans.assign(cfg.n_layer, std::vector<HeadPlan>(cfg.n_head));
    for (const HeadRef& h : o.zero_ablate) { check_head(h, cfg, "zero_ablate"); plans[h.layer][h.head].zero = true; }
    for (const HeadRef& h : o.mean_ablate) { check_head(h, cfg, "mean_ablate"); plans[h.layer][h.head].mean = true; }
    for (const HeadTemperature& t : o.head_temperature) {
        check_head(t.head, cfg, "head_temperature");
        if (!(t.temperature > 0.0f) || !std::isfinite(t.temperature))
            throw Error("forward: the temperature of head " + std::to_string(t.head.layer) + "." +
                        std::to_string(t.head.head) + " must be a positive finite number");
        plans[t.head.layer][t.head.head].temperature = t.temperature;
    }
    for (const PatternReplacement& r : o.replace_pattern) {
        check_head(r.head, cfg, "replace_pattern");
        if (r.kind == PatternKind::Given) {
            const std::string who = "forward: the pattern given for head " + std::to_string(r.head.layer) + "." +
                                    std::to_string(r.head.head);
            if (r.matrix.size() != static_cast<size_t>(T) * T)
                throw Error(who + " has " + std::to_string(r.matrix.size()) + " values; a " + std::to_string(T) +
                            " x " + std::to_string(T) + " matrix is needed");
            for (int i = 0; i < T; i++) {
                const int n = o.causal_mask ? i + 1 : T;
                double sum = 0.0;
                for (int j = 0; j < n; j++) {
                    float x = r.matrix[static_cast<size_t>(i) * T + j];
                    if (!std::isfinite(x) || x < 0.0f)
                        throw Error(who + " has " + (std::isfinite(x) ? "a negative" : "a non-finite") +
                                    " value at row " + std::to_string(i) + ", column " + std::to_string(j));
                    sum += x;
                }
                if (!(sum > 0.0))
                    throw Error(who + ": row " + std::to_string(i) + " has no weight on any allowed position");
            }
        }
        plans[r.head.layer][r.head.head].replace = &r;
    }
    return plans;
}

void activation_forward(float* out, const float* in, int N, const std::string& act) {
    if (act == "gelu_new" || act == "gelu_pytorch_tanh" || act == "gelu_fast") {
        layers::gelu_forward(out, in, N);
    } else if (act == "gelu") {
        for (int i = 0; i < N; i++) out[i] = 0.5f * in[i] * (1.0f + std::erf(in[i] * 0.70710678118654752f));
    } else if (act == "relu") {
        for (int i = 0; i < N; i++) out[i] = in[i] > 0.0f ? in[i] : 0.0f;
    } else if (act == "silu" || act == "swish") {
        for (int i = 0; i < N; i++) out[i] = in[i] / (1.0f + fastmath::exp(-in[i]));
    } else if (act == "quick_gelu") {
        for (int i = 0; i < N; i++) out[i] = in[i] / (1.0f + fastmath::exp(-1.702f * in[i]));
    } else {
        throw Error("forward: unsupported activation function \"" + act + "\"");
    }
}

// GPT-2's gelu_new is applied inside the product, tile by tile (layers::matmul_gelu_forward);
// any other activation after it.
void mlp_fc_forward(float* out, const float* a, const LayerWeights& w, int N, int C, int FF, const std::string& act) {
    if (act == "gelu_new" || act == "gelu_pytorch_tanh" || act == "gelu_fast") {
        layers::matmul_gelu_forward(out, a, w.fc_w, w.fc_b, N, C, FF);
        return;
    }
    layers::matmul_forward(out, a, w.fc_w, w.fc_b, N, C, FF);
    activation_forward(out, out, N * FF, act);
}

} // namespace detail

} // namespace al

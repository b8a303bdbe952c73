// GPT-2's forward pass (as Hugging Face's GPT2LMHeadModel computes it) with everything kept for
// inspection, interventions, and reuse of the previous call's keys/values for a shared prefix.
//
// Per layer l, for the new positions x [Tn][C] (Tn = T - P, P = reused prefix):
//   a   = ln_1(x)                          [Tn][C]
//   qkv = a . c_attn + b                   [Tn][3C]   -> q [H][Tn][hs], k/v appended to the cache [H][T][hs]
//   z   = softmax(mask(scale q.k^T)) . v   [Tn][C]    (heads concatenated; forward_attention.cpp)
//   x  += z . c_proj + b
//   x  += gelu(ln_2(x) . c_fc + b) . c_proj + b
// then hidden[L] = ln_f(x) and logits = hidden[L] . wte^T (for the last row only unless asked).
// Lets -O3 vectorise the clamps in fastmath::exp (a comparison may not be if-converted while
// floating-point exceptions are observable; nothing here reads them).
#pragma GCC optimize("no-trapping-math")
#include "attention_lens/forward.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include <cblas.h>

#include "attention_lens/error.h"
#include "attention_lens/layers.h"
#include "forward_attention.h"
#include "forward_plan.h"
#include "forward_math.h"

namespace al {

// ---------------------------------------------------------------------------------------------
// AttentionStore

AttentionStore::AttentionStore(int n_layer, int n_head, int T, bool causal)
    : L_(n_layer), H_(n_head), T_(T), causal_(causal) {
    allocate(true);
}

AttentionStore AttentionStore::for_overwrite(int n_layer, int n_head, int T, bool causal) {
    AttentionStore s;
    s.L_ = n_layer; s.H_ = n_head; s.T_ = T; s.causal_ = causal;
    s.allocate(false);
    return s;
}

void AttentionStore::allocate(bool zero) {
    per_head_ = causal_ ? static_cast<size_t>(T_) * (T_ + 1) / 2 : static_cast<size_t>(T_) * T_;
    size_ = per_head_ * L_ * H_;
    capacity_ = size_;
    data_ = detail::allocate_floats(size_, zero);
}

static size_t row_offset(bool causal, int T, int i) {
    return causal ? static_cast<size_t>(i) * (i + 1) / 2 : static_cast<size_t>(i) * T;
}

float* AttentionStore::row(int l, int h, int i) {
    if (data_.use_count() > 1) {
        std::shared_ptr<float[]> own = detail::allocate_floats(size_, false);
        std::memcpy(own.get(), data_.get(), size_ * sizeof(float));
        data_ = std::move(own);
        capacity_ = size_;
    }
    return data_.get() + (static_cast<size_t>(l) * H_ + h) * per_head_ + row_offset(causal_, T_, i);
}

const float* AttentionStore::row(int l, int h, int i) const {
    return data_.get() + (static_cast<size_t>(l) * H_ + h) * per_head_ + row_offset(causal_, T_, i);
}

float AttentionStore::at(int l, int h, int i, int j) const {
    if (j >= row_length(i)) return 0.0f;
    return row(l, h, i)[j];
}

std::vector<float> AttentionStore::dense(int l, int h, float masked_value) const {
    std::vector<float> out(static_cast<size_t>(T_) * T_, masked_value);
    for (int i = 0; i < T_; i++) {
        const float* r = row(l, h, i);
        std::copy(r, r + row_length(i), out.begin() + static_cast<size_t>(i) * T_);
    }
    return out;
}

bool ForwardOptions::has_interventions() const {
    return !causal_mask || !zero_ablate.empty() || !mean_ablate.empty() || !replace_pattern.empty() ||
           !head_temperature.empty();
}

const float* ForwardResult::hidden_at(int layer_plus_one, int t) const {
    return hidden.data() + (static_cast<size_t>(layer_plus_one) * tokens + t) * n_embd;
}
const float* ForwardResult::q_at(int l, int h, int t) const {
    return q.data() + ((static_cast<size_t>(l) * n_head + h) * tokens + t) * head_dim;
}
const float* ForwardResult::k_at(int l, int h, int t) const {
    return k.data() + ((static_cast<size_t>(l) * n_head + h) * tokens + t) * head_dim;
}
const float* ForwardResult::v_at(int l, int h, int t) const {
    return v.data() + ((static_cast<size_t>(l) * n_head + h) * tokens + t) * head_dim;
}

// ---------------------------------------------------------------------------------------------
// Runner

struct Runner::State {
    std::shared_ptr<const Model> model;
    // The last reusable (causal, intervention-free) call: its ids, options, result, and what a
    // continuation needs that the result may not hold.
    bool valid = false;
    std::vector<int> ids;
    ForwardOptions options;
    ForwardResult result;
    std::vector<float> k, v;        // [L][H][T][hs]
    std::vector<float> resid;       // [T][C] residual after the last block (before ln_f)
    // Buffers kept between calls: fresh memory costs a page fault per page (the kernel zeroes
    // it), which at T = 1024 costs as much as the matrix products. k2/v2/resid2 are the
    // spare halves of double buffers for calls that extend the cached prefix.
    std::vector<float> k2, v2, resid2;
    std::vector<float> x, a, z, big, qn;
    std::vector<float> scratch;
};

Runner::Runner(std::shared_ptr<const Model> model) : state_(std::make_unique<State>()) {
    if (!model) throw Error("Runner: no model");
    state_->model = std::move(model);
}
Runner::~Runner() = default;
const Model& Runner::model() const { return *state_->model; }
std::shared_ptr<const Model> Runner::model_ptr() const { return state_->model; }
void Runner::reset() {
    State& s = *state_;
    s.valid = false;
    s.ids.clear();
    s.result = ForwardResult{};
    s.k.clear(); s.k.shrink_to_fit();
    s.v.clear(); s.v.shrink_to_fit();
    s.resid.clear(); s.resid.shrink_to_fit();
    for (std::vector<float>* b : {&s.k2, &s.v2, &s.resid2, &s.x, &s.a, &s.z, &s.big, &s.qn, &s.scratch})
        std::vector<float>().swap(*b);
}

namespace {

bool same_outputs(const ForwardOptions& a, const ForwardOptions& b) {
    return a.all_logits == b.all_logits && a.keep_hidden == b.keep_hidden && a.keep_qkv == b.keep_qkv &&
           a.keep_scores == b.keep_scores && a.causal_mask == b.causal_mask;
}

void check_head(const HeadRef& h, const Config& cfg, const char* what) {
    if (h.layer < 0 || h.layer >= cfg.n_layer || h.head < 0 || h.head >= cfg.n_head)
        throw Error(std::string("forward: ") + what + " names head " + std::to_string(h.layer) + "." +
                    std::to_string(h.head) + ", but the model has " + std::to_string(cfg.n_layer) +
                    " layers of " + std::to_string(cfg.n_head) + " heads");
}

} // namespace

namespace detail {

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

void apply_activation(float* x, int N, const std::string& act) {
    if (act == "gelu_new" || act == "gelu_pytorch_tanh" || act == "gelu_fast") {
        layers::gelu_forward(x, x, N);
    } else if (act == "gelu") {
        for (int i = 0; i < N; i++) x[i] = 0.5f * x[i] * (1.0f + std::erf(x[i] * 0.70710678118654752f));
    } else if (act == "relu") {
        for (int i = 0; i < N; i++) x[i] = x[i] > 0.0f ? x[i] : 0.0f;
    } else if (act == "silu" || act == "swish") {
        for (int i = 0; i < N; i++) x[i] = x[i] / (1.0f + fastmath::exp(-x[i]));
    } else if (act == "quick_gelu") {
        for (int i = 0; i < N; i++) x[i] = x[i] / (1.0f + fastmath::exp(-1.702f * x[i]));
    } else {
        throw Error("forward: unsupported activation function \"" + act + "\"");
    }
}

void mlp_fc_forward(float* out, const float* a, const LayerWeights& w, int N, int C, int FF, const std::string& act) {
    if (act == "gelu_new" || act == "gelu_pytorch_tanh" || act == "gelu_fast") {
        layers::matmul_gelu_forward(out, a, w.fc_w, w.fc_b, N, C, FF);
        return;
    }
    layers::matmul_forward(out, a, w.fc_w, w.fc_b, N, C, FF);
    apply_activation(out, N * FF, act);
}

} // namespace detail

ForwardResult Runner::forward(const std::vector<int>& ids, const ForwardOptions& options) {
    State& s = *state_;
    const Config& cfg = s.model->config();
    detail::validate_ids(ids, cfg);
    if (options.has_interventions()) return compute(ids, options, 0, false);
    int P = 0;
    if (s.valid && same_outputs(s.options, options)) {
        const size_t n = std::min(ids.size(), s.ids.size());
        while (static_cast<size_t>(P) < n && ids[P] == s.ids[P]) P++;
    }
    return compute(ids, options, P, true);
}

ForwardResult Runner::forward_full(const std::vector<int>& ids, const ForwardOptions& options) {
    detail::validate_ids(ids, state_->model->config());
    if (options.has_interventions()) return compute(ids, options, 0, false);
    return compute(ids, options, 0, true);
}

ForwardResult Runner::compute(const std::vector<int>& ids, const ForwardOptions& o, int P, bool save) {
    State& s = *state_;
    const Model& m = *s.model;
    const Config& cfg = m.config();
    const int L = cfg.n_layer, NH = cfg.n_head, C = cfg.n_embd, V = cfg.vocab_size, hs = cfg.head_dim();
    const int FF = cfg.n_inner > 0 ? cfg.n_inner : 4 * C;
    const int T = static_cast<int>(ids.size());
    const int Tn = T - P;
    const auto plans = detail::make_plans(o, cfg, T);
    const ForwardResult* prev = P > 0 ? &s.result : nullptr;

    ForwardResult r;
    r.ids = ids;
    r.n_layer = L; r.n_head = NH; r.tokens = T; r.n_embd = C; r.vocab = V; r.head_dim = hs;
    r.reused_prefix = P;
    // Nothing reused (P == 0) by a call that will replace the cache: recycle the previous call's
    // blocks where the caller no longer holds them (and they are not more than twice too large).
    std::vector<float> kc, vc, resid;
    auto make_store = [&](AttentionStore* old) {
        AttentionStore st;
        st.L_ = L; st.H_ = NH; st.T_ = T; st.causal_ = o.causal_mask;
        st.per_head_ = o.causal_mask ? static_cast<size_t>(T) * (T + 1) / 2 : static_cast<size_t>(T) * T;
        st.size_ = st.per_head_ * L * NH;
        if (old && old->data_ && old->data_.use_count() == 1 && old->capacity_ >= st.size_ &&
            old->capacity_ <= 2 * st.size_ + (size_t(1) << 20)) {
            st.data_ = std::move(old->data_);
            st.capacity_ = old->capacity_;
        } else {
            st.data_ = detail::allocate_floats(st.size_, false);
            st.capacity_ = st.size_;
        }
        return st;
    };
    if (save && P == 0) {
        s.valid = false;
        s.ids.clear();
        r.attention = make_store(&s.result.attention);
        if (o.keep_scores) r.scores = make_store(&s.result.scores);
        s.result = ForwardResult{};
        kc = std::move(s.k);
        vc = std::move(s.v);
        resid = std::move(s.resid);
    } else {
        r.attention = make_store(nullptr);
        if (o.keep_scores) r.scores = make_store(nullptr);
        if (save) {
            kc = std::move(s.k2);
            vc = std::move(s.v2);
            resid = std::move(s.resid2);
        }
    }
    if (o.keep_hidden) r.hidden.assign(static_cast<size_t>(L + 1) * T * C, 0.0f);
    if (o.keep_qkv) r.q.assign(static_cast<size_t>(L) * NH * T * hs, 0.0f);

    // Keys/values of all positions: the cached prefix, then the new rows.
    kc.resize(static_cast<size_t>(L) * NH * T * hs);
    vc.resize(kc.size());
    resid.resize(static_cast<size_t>(T) * C);
    if (prev) {
        const int Tp = prev->tokens;
        for (int l = 0; l < L; l++) {
            for (int h = 0; h < NH; h++) {
                const size_t src = (static_cast<size_t>(l) * NH + h) * Tp * hs;
                const size_t dst = (static_cast<size_t>(l) * NH + h) * T * hs;
                std::memcpy(kc.data() + dst, s.k.data() + src, sizeof(float) * P * hs);
                std::memcpy(vc.data() + dst, s.v.data() + src, sizeof(float) * P * hs);
                if (o.keep_qkv)
                    std::memcpy(r.q.data() + dst, prev->q.data() + src, sizeof(float) * P * hs);
                for (int i = 0; i < P; i++) {
                    std::memcpy(r.attention.row(l, h, i), prev->attention.row(l, h, i), sizeof(float) * (i + 1));
                    if (o.keep_scores)
                        std::memcpy(r.scores.row(l, h, i), prev->scores.row(l, h, i), sizeof(float) * (i + 1));
                }
            }
        }
        std::memcpy(resid.data(), s.resid.data(), sizeof(float) * P * C);
        if (o.keep_hidden)
            for (int l = 0; l <= L; l++)
                std::memcpy(r.hidden.data() + static_cast<size_t>(l) * T * C,
                            prev->hidden.data() + static_cast<size_t>(l) * Tp * C, sizeof(float) * P * C);
    }

    if (Tn > 0) {
        // Activations of the new rows only.
        std::vector<float>& x = s.x;     // residual stream [Tn][C]
        std::vector<float>& a = s.a;     // layernorm out / attention out [Tn][C]
        std::vector<float>& z = s.z;     // attention z / projections [Tn][C]
        std::vector<float>& big = s.big; // qkv [Tn][3C] / fc [Tn][FF]
        std::vector<float>& qn = s.qn;   // new queries [H][Tn][hs]
        x.resize(static_cast<size_t>(Tn) * C);
        a.resize(x.size());
        z.resize(x.size());
        big.resize(static_cast<size_t>(Tn) * std::max(3 * C, FF));
        qn.resize(static_cast<size_t>(NH) * Tn * hs);
        layers::encoder_forward(x.data(), ids.data() + P, m.wte(), m.wpe(), 1, Tn, C, P);
        if (o.keep_hidden) std::memcpy(r.hidden.data() + static_cast<size_t>(P) * C, x.data(), sizeof(float) * Tn * C);

        for (int l = 0; l < L; l++) {
            if (o.cancel && o.cancel->load(std::memory_order_relaxed)) {
                if (save) { s.valid = false; s.ids.clear(); }
                throw Cancelled();
            }
            const LayerWeights& w = m.layer(l);
            layers::layernorm_forward(a.data(), nullptr, nullptr, x.data(), w.ln1_w, w.ln1_b, Tn, C, cfg.layer_norm_epsilon);
            layers::matmul_forward(big.data(), a.data(), w.attn_w, w.attn_b, Tn, C, 3 * C);
            // Split q | k | v into per-head layouts; keys and values go into the cache.
            for (int t = 0; t < Tn; t++) {
                const float* row = big.data() + static_cast<size_t>(t) * 3 * C;
                for (int h = 0; h < NH; h++) {
                    const size_t cache = ((static_cast<size_t>(l) * NH + h) * T + P + t) * hs;
                    std::memcpy(qn.data() + (static_cast<size_t>(h) * Tn + t) * hs, row + h * hs, sizeof(float) * hs);
                    std::memcpy(kc.data() + cache, row + C + h * hs, sizeof(float) * hs);
                    std::memcpy(vc.data() + cache, row + 2 * C + h * hs, sizeof(float) * hs);
                    if (o.keep_qkv) std::memcpy(r.q.data() + cache, row + h * hs, sizeof(float) * hs);
                }
            }
            detail::AttentionArgs args;
            args.layer = l; args.T = T; args.P = P; args.C = C; args.NH = NH;
            args.scale = cfg.scale_attn_weights ? 1.0f / std::sqrt(static_cast<float>(hs)) : 1.0f;
            if (cfg.scale_attn_by_inverse_layer_idx) args.scale /= static_cast<float>(l + 1);
            args.causal = o.causal_mask;
            args.q = qn.data();
            args.k = kc.data() + static_cast<size_t>(l) * NH * T * hs;
            args.v = vc.data() + static_cast<size_t>(l) * NH * T * hs;
            args.plans = plans.empty() ? nullptr : &plans[l];
            args.att = &r.attention;
            args.scores = o.keep_scores ? &r.scores : nullptr;
            detail::attention_new_rows(z.data(), args, s.scratch);
            layers::matmul_forward(a.data(), z.data(), w.proj_w, w.proj_b, Tn, C, C);
            layers::residual_forward(x.data(), x.data(), a.data(), Tn * C);
            // MLP
            layers::layernorm_forward(a.data(), nullptr, nullptr, x.data(), w.ln2_w, w.ln2_b, Tn, C, cfg.layer_norm_epsilon);
            detail::mlp_fc_forward(big.data(), a.data(), w, Tn, C, FF, cfg.activation_function);
            layers::matmul_forward(a.data(), big.data(), w.fcproj_w, w.fcproj_b, Tn, FF, C);
            layers::residual_forward(x.data(), x.data(), a.data(), Tn * C);
            if (o.keep_hidden && l + 1 < L)
                std::memcpy(r.hidden.data() + (static_cast<size_t>(l + 1) * T + P) * C, x.data(), sizeof(float) * Tn * C);
        }
        std::memcpy(resid.data() + static_cast<size_t>(P) * C, x.data(), sizeof(float) * Tn * C);
    }

    // ln_f and the language-model head.
    std::vector<float> lnrow(C);
    if (o.keep_hidden) {
        float* last = r.hidden.data() + static_cast<size_t>(L) * T * C;
        layers::layernorm_forward(last + static_cast<size_t>(P) * C, nullptr, nullptr,
                                  resid.data() + static_cast<size_t>(P) * C, m.lnf_w(), m.lnf_b(), Tn, C,
                                  cfg.layer_norm_epsilon);
    }
    if (o.all_logits) {
        r.logits_all.assign(static_cast<size_t>(T) * V, 0.0f);
        if (prev) std::memcpy(r.logits_all.data(), prev->logits_all.data(), sizeof(float) * P * V);
        if (Tn > 0) {
            std::vector<float> lnx(static_cast<size_t>(Tn) * C);
            layers::layernorm_forward(lnx.data(), nullptr, nullptr, resid.data() + static_cast<size_t>(P) * C,
                                      m.lnf_w(), m.lnf_b(), Tn, C, cfg.layer_norm_epsilon);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Tn, V, C, 1.0f, lnx.data(), C, m.lm_head(), C,
                        0.0f, r.logits_all.data() + static_cast<size_t>(P) * V, V);
        }
        r.logits_last.assign(r.logits_all.end() - V, r.logits_all.end());
    } else if (o.last_logits) {
        layers::layernorm_forward(lnrow.data(), nullptr, nullptr, resid.data() + static_cast<size_t>(T - 1) * C,
                                  m.lnf_w(), m.lnf_b(), 1, C, cfg.layer_norm_epsilon);
        r.logits_last.assign(V, 0.0f);
        cblas_sgemv(CblasRowMajor, CblasNoTrans, V, C, 1.0f, m.lm_head(), C, lnrow.data(), 1, 0.0f,
                    r.logits_last.data(), 1);
    }
    if (o.keep_qkv) { r.k = kc; r.v = vc; }

    if (save) {
        s.valid = true;
        s.ids = ids;
        s.options = ForwardOptions{};
        s.options.all_logits = o.all_logits; s.options.keep_hidden = o.keep_hidden;
        s.options.keep_qkv = o.keep_qkv; s.options.keep_scores = o.keep_scores;
        s.options.causal_mask = o.causal_mask;
        // The cached copy: attention stores are shared with the result handed out, not copied;
        // keys/values live in s.k / s.v only.
        s.result = ForwardResult{};
        s.result.ids = r.ids;
        s.result.n_layer = L; s.result.n_head = NH; s.result.tokens = T; s.result.n_embd = C;
        s.result.vocab = V; s.result.head_dim = hs;
        s.result.attention = r.attention;
        s.result.scores = r.scores;
        s.result.hidden = r.hidden;
        s.result.q = r.q;
        s.result.logits_all = r.logits_all;
        s.k2 = std::move(s.k);
        s.v2 = std::move(s.v);
        s.resid2 = std::move(s.resid);
        s.k = std::move(kc);
        s.v = std::move(vc);
        s.resid = std::move(resid);
    }
    return r;
}

} // namespace al

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
// Runner::compute reads top to bottom as that list: copy_prefix, the embeddings, one
// layers::block_forward per layer (block.h, shared with the variant runner and the trainer), and
// lm_head; Runner::State keeps what the next call can reuse.
// Lets -O3 vectorise the clamps in fastmath::exp (a comparison may not be if-converted while
// floating-point exceptions are observable; nothing here reads them).
#pragma GCC optimize("no-trapping-math")
#include "attention_lens/forward.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include <cblas.h>

#include "attention_lens/block.h"
#include "attention_lens/error.h"
#include "attention_lens/layers.h"
#include "forward_attention.h"
#include "kernels/aligned_floats.h"
#include "forward_plan.h"
#include "kernels/fastmath.h"

namespace al {

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
    // The attention store of the call before last, kept while small for the next extension of the
    // text to write into (a model writing a token at a time would otherwise fault in a fresh store
    // per token).
    AttentionStore spare_attention;

    void forget() { valid = false; ids.clear(); }
    static AttentionStore store_for(int L, int NH, int T, bool causal, AttentionStore* recycle, int headroom = 0);
    void begin(ForwardResult& r, const ForwardOptions& o, int P, bool save, std::vector<float>& kc,
               std::vector<float>& vc, std::vector<float>& resid_out);
    void keep(const ForwardResult& r, const std::vector<int>& ids_in, const ForwardOptions& o,
              std::vector<float>& kc, std::vector<float>& vc, std::vector<float>& resid_in);
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
    s.spare_attention = AttentionStore{};
    for (std::vector<float>* b : {&s.k2, &s.v2, &s.resid2, &s.x, &s.a, &s.z, &s.big, &s.qn, &s.scratch})
        std::vector<float>().swap(*b);
}

namespace {

bool same_outputs(const ForwardOptions& a, const ForwardOptions& b) {
    return a.all_logits == b.all_logits && a.keep_hidden == b.keep_hidden && a.keep_qkv == b.keep_qkv &&
           a.keep_scores == b.keep_scores && a.causal_mask == b.causal_mask;
}

// The sizes of one call: T positions, the first P reused from the previous call, Tn = T - P new.
struct Shape {
    int L, NH, C, V, hs, FF, T, P, Tn;
};

// The new rows' activations, in the Runner's buffers.
struct Activations {
    float* x;    // residual stream       [Tn][C]
    float* a;    // layernorm / sublayer out [Tn][C]
    float* z;    // attention z           [Tn][C]
    float* big;  // qkv [Tn][3C], then the MLP's hidden [Tn][FF]
    float* qn;   // new queries           [NH][Tn][hs]
};

// Room a continuation's attention store keeps for more tokens, and the largest store kept as a
// spare (16 MB: texts up to about 190 tokens at GPT-2 small's 144 heads).
constexpr int kStoreHeadroom = 16;
constexpr size_t kSpareStoreFloats = size_t(4) << 20;

size_t head_block(const Shape& d, int l, int h) { return (static_cast<size_t>(l) * d.NH + h) * d.T * d.hs; }

// The reused prefix: rows 0..P-1 of the keys/values [L][H][T][hs], queries, patterns, scores,
// residual [T][C] and hidden states [L+1][T][C] come from the previous call (T = prev.tokens there).
void copy_prefix(ForwardResult& r, std::vector<float>& kc, std::vector<float>& vc, std::vector<float>& resid,
                 const ForwardResult& prev, const std::vector<float>& k_prev, const std::vector<float>& v_prev,
                 const std::vector<float>& resid_prev, const ForwardOptions& o, const Shape& d) {
    const int Tp = prev.tokens, P = d.P, hs = d.hs;
    for (int l = 0; l < d.L; l++) {
        for (int h = 0; h < d.NH; h++) {
            const size_t src = (static_cast<size_t>(l) * d.NH + h) * Tp * hs;
            const size_t dst = head_block(d, l, h);
            std::memcpy(kc.data() + dst, k_prev.data() + src, sizeof(float) * P * hs);
            std::memcpy(vc.data() + dst, v_prev.data() + src, sizeof(float) * P * hs);
            if (o.keep_qkv)
                std::memcpy(r.q.data() + dst, prev.q.data() + src, sizeof(float) * P * hs);
            for (int i = 0; i < P; i++) {
                std::memcpy(r.attention.row(l, h, i), prev.attention.row(l, h, i), sizeof(float) * (i + 1));
                if (o.keep_scores)
                    std::memcpy(r.scores.row(l, h, i), prev.scores.row(l, h, i), sizeof(float) * (i + 1));
            }
        }
    }
    std::memcpy(resid.data(), resid_prev.data(), sizeof(float) * P * d.C);
    if (o.keep_hidden)
        for (int l = 0; l <= d.L; l++)
            std::memcpy(r.hidden.data() + static_cast<size_t>(l) * d.T * d.C,
                        prev.hidden.data() + static_cast<size_t>(l) * Tp * d.C, sizeof(float) * P * d.C);
}

// hidden[L] = ln_f(resid) for the new rows, and the logits: [T][V] (the prefix's copied from prev)
// when all_logits, else the last row's [V] only (none when last_logits is off).
void lm_head(ForwardResult& r, const float* resid, const ForwardResult* prev, const Model& m,
             const ForwardOptions& o, const Shape& d) {
    const Config& cfg = m.config();
    const int C = d.C, V = d.V, P = d.P, Tn = d.Tn;
    if (o.keep_hidden) {
        float* last = r.hidden.data() + static_cast<size_t>(d.L) * d.T * C;
        layers::layernorm_forward(last + static_cast<size_t>(P) * C, nullptr, nullptr,
                                  resid + static_cast<size_t>(P) * C, m.lnf_w(), m.lnf_b(), Tn, C,
                                  cfg.layer_norm_epsilon);
    }
    if (o.all_logits) {
        r.logits_all.assign(static_cast<size_t>(d.T) * V, 0.0f);
        if (prev) std::memcpy(r.logits_all.data(), prev->logits_all.data(), sizeof(float) * P * V);
        if (Tn > 0) {
            std::vector<float> lnx(static_cast<size_t>(Tn) * C);
            layers::layernorm_forward(lnx.data(), nullptr, nullptr, resid + static_cast<size_t>(P) * C,
                                      m.lnf_w(), m.lnf_b(), Tn, C, cfg.layer_norm_epsilon);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Tn, V, C, 1.0f, lnx.data(), C, m.lm_head(), C,
                        0.0f, r.logits_all.data() + static_cast<size_t>(P) * V, V);
        }
        r.logits_last.assign(r.logits_all.end() - V, r.logits_all.end());
    } else if (o.last_logits) {
        std::vector<float> lnrow(C);
        layers::layernorm_forward(lnrow.data(), nullptr, nullptr, resid + static_cast<size_t>(d.T - 1) * C,
                                  m.lnf_w(), m.lnf_b(), 1, C, cfg.layer_norm_epsilon);
        r.logits_last.assign(V, 0.0f);
        cblas_sgemv(CblasRowMajor, CblasNoTrans, V, C, 1.0f, m.lm_head(), C, lnrow.data(), 1, 0.0f,
                    r.logits_last.data(), 1);
    }
}

// A buffer of n floats that the call writes in full. Growing one (a text a token longer than the
// call before, as when the model writes) keeps room for more: without it every appended token would
// reallocate, copy the old contents for nothing and fault in fresh pages for the whole cache.
void grow_for_overwrite(std::vector<float>& v, size_t n) {
    if (v.capacity() < n) {
        std::vector<float>().swap(v);
        v.reserve(n + n / 4);
    }
    v.resize(n);
}

} // namespace

// A store every row of which the forward pass writes: `recycle`'s block where nothing else holds it
// and it is not more than twice too large, fresh memory otherwise.
// Fresh memory has room for `headroom` more tokens, so that a store recycled for a text that grew
// by a token or a few still fits.
AttentionStore Runner::State::store_for(int L, int NH, int T, bool causal, AttentionStore* recycle, int headroom) {
    AttentionStore st;
    st.L_ = L; st.H_ = NH; st.T_ = T; st.causal_ = causal;
    auto per_head = [causal](size_t t) { return causal ? t * (t + 1) / 2 : t * t; };
    st.per_head_ = per_head(static_cast<size_t>(T));
    st.size_ = st.per_head_ * L * NH;
    if (recycle && recycle->data_ && recycle->data_.use_count() == 1 && recycle->capacity_ >= st.size_ &&
        recycle->capacity_ <= 2 * st.size_ + (size_t(1) << 20)) {
        st.data_ = std::move(recycle->data_);
        st.capacity_ = recycle->capacity_;
    } else {
        st.capacity_ = per_head(static_cast<size_t>(T) + static_cast<size_t>(headroom)) * L * NH;
        st.data_ = kernels::allocate_floats(st.capacity_, false);
    }
    return st;
}

// The result's stores and the key/value/residual buffers of this call. Nothing reused (P == 0) by
// a call that will replace the cache: the previous call's blocks are recycled where the caller no
// longer holds them.
void Runner::State::begin(ForwardResult& r, const ForwardOptions& o, int P, bool save, std::vector<float>& kc,
                          std::vector<float>& vc, std::vector<float>& resid_out) {
    const int L = r.n_layer, NH = r.n_head, T = r.tokens;
    if (save && P == 0) {
        forget();
        r.attention = store_for(L, NH, T, o.causal_mask, &result.attention);
        if (o.keep_scores) r.scores = store_for(L, NH, T, o.causal_mask, &result.scores);
        result = ForwardResult{};
        kc = std::move(k);
        vc = std::move(v);
        resid_out = std::move(resid);
    } else {
        // A continuation of the cached text (save, P > 0) reads the cached store while it writes
        // this one, so it writes into the spare one instead, with room to grow.
        const bool grows = save && P > 0;
        r.attention = store_for(L, NH, T, o.causal_mask, grows ? &spare_attention : nullptr, grows ? kStoreHeadroom : 0);
        if (o.keep_scores) r.scores = store_for(L, NH, T, o.causal_mask, nullptr);
        if (save) {
            kc = std::move(k2);
            vc = std::move(v2);
            resid_out = std::move(resid2);
        }
    }
}

// Keeps this call for the next one to continue: its options, a copy of the result that shares the
// attention stores (keys/values live in k / v only), and the buffers (the old ones become spares).
void Runner::State::keep(const ForwardResult& r, const std::vector<int>& ids_in, const ForwardOptions& o,
                         std::vector<float>& kc, std::vector<float>& vc, std::vector<float>& resid_in) {
    valid = true;
    ids = ids_in;
    // The previous call's store, when nobody else holds it and it is small: the spare for the next
    // continuation (large texts are not continued a token at a time; their stores are let go).
    if (result.attention.data_ && result.attention.data_.use_count() == 1 &&
        result.attention.capacity_ <= kSpareStoreFloats)
        spare_attention = std::move(result.attention);
    options = ForwardOptions{};
    options.all_logits = o.all_logits; options.keep_hidden = o.keep_hidden;
    options.keep_qkv = o.keep_qkv; options.keep_scores = o.keep_scores;
    options.causal_mask = o.causal_mask;
    result = ForwardResult{};
    result.ids = r.ids;
    result.n_layer = r.n_layer; result.n_head = r.n_head; result.tokens = r.tokens; result.n_embd = r.n_embd;
    result.vocab = r.vocab; result.head_dim = r.head_dim;
    result.attention = r.attention;
    result.scores = r.scores;
    result.hidden = r.hidden;
    result.q = r.q;
    result.logits_all = r.logits_all;
    k2 = std::move(k);
    v2 = std::move(v);
    resid2 = std::move(resid);
    k = std::move(kc);
    v = std::move(vc);
    resid = std::move(resid_in);
}

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
    const int T = static_cast<int>(ids.size());
    const Shape d{cfg.n_layer, cfg.n_head, cfg.n_embd, cfg.vocab_size, cfg.head_dim(),
                  cfg.n_inner > 0 ? cfg.n_inner : 4 * cfg.n_embd, T, P, T - P};
    detail::check_working_memory(cfg, o, T, P);
    const auto plans = detail::make_plans(o, cfg, T);
    const ForwardResult* prev = P > 0 ? &s.result : nullptr;

    ForwardResult r;
    r.ids = ids;
    r.n_layer = d.L; r.n_head = d.NH; r.tokens = T; r.n_embd = d.C; r.vocab = d.V; r.head_dim = d.hs;
    r.reused_prefix = P;
    std::vector<float> kc, vc, resid; // keys/values [L][H][T][hs], residual [T][C]
    s.begin(r, o, P, save, kc, vc, resid);
    if (o.keep_hidden) r.hidden.assign(static_cast<size_t>(d.L + 1) * T * d.C, 0.0f);
    if (o.keep_qkv) r.q.assign(static_cast<size_t>(d.L) * d.NH * T * d.hs, 0.0f);
    grow_for_overwrite(kc, static_cast<size_t>(d.L) * d.NH * T * d.hs);
    grow_for_overwrite(vc, kc.size());
    grow_for_overwrite(resid, static_cast<size_t>(T) * d.C);
    if (prev) copy_prefix(r, kc, vc, resid, *prev, s.k, s.v, s.resid, o, d);

    if (d.Tn > 0) {
        // Activations of the new rows only.
        const size_t rows = static_cast<size_t>(d.Tn) * d.C;
        s.x.resize(rows);
        s.a.resize(rows);
        s.z.resize(rows);
        s.big.resize(static_cast<size_t>(d.Tn) * std::max(3 * d.C, d.FF));
        s.qn.resize(static_cast<size_t>(d.NH) * d.Tn * d.hs);
        const Activations act{s.x.data(), s.a.data(), s.z.data(), s.big.data(), s.qn.data()};
        layers::encoder_forward(act.x, ids.data() + P, m.wte(), m.wpe(), 1, d.Tn, d.C, P);
        if (o.keep_hidden) std::memcpy(r.hidden.data() + static_cast<size_t>(P) * d.C, act.x, sizeof(float) * rows);
        // The buffers are shared as block.h allows: the residual stream x is updated in place.
        layers::BlockActs blk;
        blk.in = blk.skip = blk.residual2 = blk.out = act.x;        // [Tn][C]
        blk.ln1 = blk.attproj = blk.ln2 = blk.fcproj = act.a;       // [Tn][C]
        blk.qkv = blk.fch_gelu = act.big;                           // [Tn][3C], then [Tn][FF]
        blk.atty = act.z;                                           // [Tn][C]
        const layers::BlockShape bs{d.Tn, d.Tn, d.C, d.FF, cfg.layer_norm_epsilon, &cfg.activation_function};
        for (int l = 0; l < d.L; l++) {
            if (o.cancel && o.cancel->load(std::memory_order_relaxed)) {
                if (save) s.forget();
                throw Cancelled();
            }
            // Attention of the new rows over the cache: this layer's keys and values are appended
            // to it, the patterns (and scores) written into r.
            float* k_l = kc.data() + head_block(d, l, 0); // [NH][T][hs]
            float* v_l = vc.data() + head_block(d, l, 0); // [NH][T][hs]
            float* q_l = o.keep_qkv ? r.q.data() + head_block(d, l, 0) : nullptr;
            layers::block_forward(blk, m.layer(l), bs, [&](const float* qkv, float* z) {
                detail::split_heads(qkv, d.Tn, P, T, d.Tn, d.C, d.NH, act.qn, k_l, v_l, q_l);
                detail::AttentionArgs args;
                args.layer = l; args.T = T; args.P = P; args.C = d.C; args.NH = d.NH;
                args.scale = cfg.attention_scale(l);
                args.causal = o.causal_mask;
                args.q = act.qn; args.k = k_l; args.v = v_l;
                args.plans = plans.empty() ? nullptr : &plans[l];
                args.att = &r.attention;
                args.scores = o.keep_scores ? &r.scores : nullptr;
                detail::attention_new_rows(z, args, s.scratch); // z [Tn][C]
            });
            if (o.keep_hidden && l + 1 < d.L)
                std::memcpy(r.hidden.data() + (static_cast<size_t>(l + 1) * T + P) * d.C, act.x, sizeof(float) * rows);
        }
        std::memcpy(resid.data() + static_cast<size_t>(P) * d.C, act.x, sizeof(float) * rows);
        if (!detail::all_finite(act.x, rows)) {
            if (save) s.forget();
            throw detail::not_finite();
        }
    }

    lm_head(r, resid.data(), prev, m, o, d);
    if (!detail::all_finite(r.logits_all.data(), r.logits_all.size()) || !detail::all_finite(r.logits_last.data(), r.logits_last.size())) {
        if (save) s.forget();
        throw detail::not_finite();
    }
    if (o.keep_qkv) { r.k = kc; r.v = vc; }
    if (save) s.keep(r, ids, o, kc, vc, resid);
    return r;
}

} // namespace al

// VariantRunner: many interventions on one text, restarting at the first layer each one changes and
// stacking the variants that restart at the same layer into one batch (see variants.h).
//
// Per layer l, for n variants whose residual streams x [n*T][C] enter it (layers::block_forward,
// with this file's attention step):
//   a   = ln_1(x)                            [n*T][C]    one call ([T][C] in the batch's first
//   qkv = a . c_attn + b                     [n*T][3C]   one sgemm  layer, where all n are equal)
//   z_v = attention(q_v, k_v, v_v) per variant [T][C]    its own pattern and interventions
//   x  += z . c_proj + b                     [n*T][C]    one sgemm
//   x  += gelu(ln_2(x) . c_fc + b) . c_proj + b          two sgemms
// then each variant's last row goes through ln_f and the language-model head together ([n][V]).
// Only the last row leaves the last layer, so there every variant needs keys and values for all
// rows but its query, attention output, projection and MLP for the last row alone (a quarter of
// the layer's work), unless a mean ablation there needs every row's output.
#pragma GCC optimize("no-trapping-math")
#include "attention_lens/variants.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include <cblas.h>

#include "attention_lens/block.h"
#include "attention_lens/error.h"
#include "attention_lens/layers.h"
#include "forward_attention.h"
#include "forward_plan.h"

namespace al {
namespace {

using Plans = std::vector<std::vector<detail::HeadPlan>>; // [L][H], empty when none

struct Batch {
    int n = 0;                       // variants
    int from = 0;                    // first layer to run
    std::vector<const Plans*> plans; // [n]
    std::vector<char> causal;        // [n]
};

struct Buffers {
    std::vector<float> a, z, big, qn, kc, vc, scratch;
    std::vector<float> last; // [n][C] each variant's last row, through the last layer
    AttentionStore causal_store, full_store; // one layer's pattern of one variant
};

void check_cancel(const std::atomic<bool>* cancel) {
    if (cancel && cancel->load(std::memory_order_relaxed)) throw Cancelled();
}

// Whether some variant mean-ablates a head of layer l (its output then depends on every row's).
bool mean_ablates(const Batch& b, int l) {
    for (const Plans* p : b.plans)
        if (p && !p->empty())
            for (const detail::HeadPlan& h : (*p)[l])
                if (h.mean) return true;
    return false;
}

// Runs layers [b.from, L) on x [n*T][C] in place. layer_in [L][T][C] (n == 1 only) receives the
// residual stream entering each layer; head_out [n][L][H][C] each head's write into the last row.
// On return only each variant's last row of x has passed the last layer (see the top).
void run_layers(const Model& m, int T, const Batch& b, float* x, float* layer_in, float* head_out,
                const std::atomic<bool>* cancel, Buffers& buf) {
    const Config& cfg = m.config();
    const int L = cfg.n_layer, NH = cfg.n_head, C = cfg.n_embd, hs = cfg.head_dim();
    const int FF = cfg.n_inner > 0 ? cfg.n_inner : 4 * C;
    const int N = b.n * T;
    buf.a.resize(static_cast<size_t>(N) * C);
    buf.z.resize(static_cast<size_t>(N) * C);
    buf.big.resize(static_cast<size_t>(N) * std::max(3 * C, FF));
    buf.qn.resize(static_cast<size_t>(NH) * T * hs);
    buf.kc.resize(buf.qn.size());
    buf.vc.resize(buf.qn.size());
    for (int l = b.from; l < L; l++) {
        check_cancel(cancel);
        const LayerWeights& w = m.layer(l);
        const bool last_only = l == L - 1 && !mean_ablates(b, l);
        const int rows = last_only ? 1 : T; // rows of each variant that this layer must output
        if (layer_in) std::memcpy(layer_in + static_cast<size_t>(l) * T * C, x, sizeof(float) * T * C);
        // Every variant of a batch enters its first layer with the clean run's residual stream,
        // so there ln_1 and the q, k, v product are computed once, for one variant's T rows.
        const bool shared_in = l == b.from;
        // The rest of the block runs on the rows that leave it: all of them, or each variant's
        // last, gathered into buf.last.
        layers::BlockActs blk;
        blk.in = x;                                            // [Nin][C]
        blk.ln1 = blk.attproj = blk.ln2 = blk.fcproj = buf.a.data(); // [Nin][C]
        blk.qkv = blk.fch_gelu = buf.big.data();               // [Nin][3C], then [N][FF]
        blk.atty = buf.z.data();                               // [N][C]
        blk.skip = blk.residual2 = blk.out = x;                // [N][C]
        if (last_only) {
            buf.last.resize(static_cast<size_t>(b.n) * C);
            for (int v = 0; v < b.n; v++)
                std::memcpy(buf.last.data() + static_cast<size_t>(v) * C, x + (static_cast<size_t>(v) * T + T - 1) * C,
                            sizeof(float) * C);
            blk.skip = blk.residual2 = blk.out = buf.last.data();
        }
        const layers::BlockShape bs{shared_in ? T : N, b.n * rows, C, FF, cfg.layer_norm_epsilon,
                                    &cfg.activation_function};
        layers::block_forward(blk, w, bs, [&](const float* qkv, float* z) {
            for (int v = 0; v < b.n; v++) {
                // This variant's keys and values [H][T][hs], and its queries of the rows it outputs.
                const float* qkv_v = qkv + static_cast<size_t>(shared_in ? 0 : v) * T * 3 * C;
                detail::split_heads(qkv_v, T, 0, T, rows, C, NH, buf.qn.data(), buf.kc.data(), buf.vc.data(), nullptr);
                const bool causal = b.causal[v] != 0;
                AttentionStore& store = causal ? buf.causal_store : buf.full_store;
                if (store.tokens() != T || store.n_head() != NH)
                    store = AttentionStore::for_overwrite(1, NH, T, causal);
                detail::AttentionArgs args;
                args.layer = 0; // the one-layer store
                args.T = T; args.P = T - rows; args.C = C; args.NH = NH;
                args.scale = cfg.attention_scale(l);
                args.causal = causal;
                args.q = buf.qn.data();
                args.k = buf.kc.data();
                args.v = buf.vc.data();
                args.plans = b.plans[v] && !b.plans[v]->empty() ? &(*b.plans[v])[l] : nullptr;
                args.att = &store;
                args.scores = nullptr;
                float* zv = z + static_cast<size_t>(v) * rows * C; // [rows][C]
                detail::attention_new_rows(zv, args, buf.scratch);
                if (head_out) {
                    // Head h's write into the last row: z_h [hs] . c_proj rows h*hs.. [hs][C].
                    const float* zl = zv + static_cast<size_t>(rows - 1) * C;
                    for (int h = 0; h < NH; h++)
                        cblas_sgemv(CblasRowMajor, CblasTrans, hs, C, 1.0f, w.proj_w + static_cast<size_t>(h) * hs * C,
                                    C, zl + h * hs, 1, 0.0f, head_out + ((static_cast<size_t>(v) * L + l) * NH + h) * C, 1);
                }
            }
        });
        if (last_only) // back into each variant's last row, where last_logits reads it
            for (int v = 0; v < b.n; v++)
                std::memcpy(x + (static_cast<size_t>(v) * T + T - 1) * C, buf.last.data() + static_cast<size_t>(v) * C,
                            sizeof(float) * C);
    }
}

// logits [n][V] of the last row of each variant's x [n][T][C].
void last_logits(const Model& m, int T, int n, const float* x, std::vector<VariantResult>& out, size_t first) {
    const Config& cfg = m.config();
    const int C = cfg.n_embd, V = cfg.vocab_size;
    std::vector<float> last(static_cast<size_t>(n) * C), ln(static_cast<size_t>(n) * C), logits(static_cast<size_t>(n) * V);
    for (int v = 0; v < n; v++)
        std::memcpy(last.data() + static_cast<size_t>(v) * C, x + (static_cast<size_t>(v) * T + T - 1) * C, sizeof(float) * C);
    layers::layernorm_forward(ln.data(), nullptr, nullptr, last.data(), m.lnf_w(), m.lnf_b(), n, C, cfg.layer_norm_epsilon);
    if (n == 1)
        cblas_sgemv(CblasRowMajor, CblasNoTrans, V, C, 1.0f, m.lm_head(), C, ln.data(), 1, 0.0f, logits.data(), 1);
    else
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, V, C, 1.0f, ln.data(), C, m.lm_head(), C, 0.0f,
                    logits.data(), V);
    if (!detail::all_finite(logits.data(), logits.size())) throw detail::not_finite(); // see forward_plan.h
    for (int v = 0; v < n; v++) {
        VariantResult& r = out[first + v];
        r.logits_last.assign(logits.begin() + static_cast<ptrdiff_t>(v) * V, logits.begin() + static_cast<ptrdiff_t>(v + 1) * V);
        r.resid_last.assign(last.begin() + static_cast<ptrdiff_t>(v) * C, last.begin() + static_cast<ptrdiff_t>(v + 1) * C);
    }
}

} // namespace

VariantRunner::VariantRunner(std::shared_ptr<const Model> model, std::vector<int> ids,
                             const std::atomic<bool>* cancel, bool keep_head_outputs)
    : model_(std::move(model)), ids_(std::move(ids)), cancel_(cancel), keep_heads_(keep_head_outputs) {
    if (!model_) throw Error("VariantRunner: no model");
    const Config& cfg = model_->config();
    detail::validate_ids(ids_, cfg);
    const int T = static_cast<int>(ids_.size()), C = cfg.n_embd, L = cfg.n_layer;
    layer_in_.resize(static_cast<size_t>(L) * T * C);
    std::vector<float> x(static_cast<size_t>(T) * C);
    layers::encoder_forward(x.data(), ids_.data(), model_->wte(), model_->wpe(), 1, T, C);
    Batch b;
    b.n = 1;
    b.plans = {nullptr};
    b.causal = {1};
    std::vector<VariantResult> out(1);
    if (keep_heads_) out[0].head_out_last.assign(static_cast<size_t>(L) * cfg.n_head * C, 0.0f);
    Buffers buf;
    run_layers(*model_, T, b, x.data(), layer_in_.data(), keep_heads_ ? out[0].head_out_last.data() : nullptr, cancel_, buf);
    last_logits(*model_, T, 1, x.data(), out, 0);
    clean_ = std::move(out[0]);
}

VariantRunner::~VariantRunner() = default;

int VariantRunner::start_layer(const ForwardOptions& o) const {
    if (!o.causal_mask) return 0;
    int first = model_->config().n_layer;
    for (const HeadRef& h : o.zero_ablate) first = std::min(first, h.layer);
    for (const HeadRef& h : o.mean_ablate) first = std::min(first, h.layer);
    for (const PatternReplacement& r : o.replace_pattern) first = std::min(first, r.head.layer);
    for (const HeadTemperature& t : o.head_temperature) first = std::min(first, t.head.layer);
    return std::max(first, 0);
}

std::vector<VariantResult> VariantRunner::run(const std::vector<ForwardOptions>& variants,
                                              const std::function<void(int, int)>& progress) const {
    const Config& cfg = model_->config();
    const int T = static_cast<int>(ids_.size()), C = cfg.n_embd, L = cfg.n_layer, NH = cfg.n_head;
    const int total = static_cast<int>(variants.size());
    // Validate every variant first, so that a bad one fails before any work is done.
    std::vector<Plans> plans(variants.size());
    for (size_t i = 0; i < variants.size(); i++) plans[i] = detail::make_plans(variants[i], cfg, T);

    std::vector<VariantResult> out(variants.size());
    std::map<int, std::vector<int>> by_start; // start layer -> variant indices
    for (int i = 0; i < total; i++) {
        const int s = start_layer(variants[i]);
        if (s >= L) out[i] = clean_;
        else by_start[s].push_back(i);
    }
    const int per_batch = std::max(1, kMaxBatchRows / T);
    const size_t head_floats = static_cast<size_t>(L) * NH * C;
    int done = total;
    for (const auto& [from, members] : by_start) done -= static_cast<int>(members.size());
    Buffers buf;
    std::vector<float> x;
    std::vector<float> heads;
    std::vector<VariantResult> chunk_out;
    for (const auto& [from, members] : by_start) {
        for (size_t c0 = 0; c0 < members.size(); c0 += per_batch) {
            check_cancel(cancel_);
            const int n = static_cast<int>(std::min(members.size() - c0, static_cast<size_t>(per_batch)));
            Batch b;
            b.n = n;
            b.from = from;
            x.resize(static_cast<size_t>(n) * T * C);
            for (int v = 0; v < n; v++) {
                const int i = members[c0 + v];
                b.plans.push_back(&plans[i]);
                b.causal.push_back(variants[i].causal_mask ? 1 : 0);
                std::memcpy(x.data() + static_cast<size_t>(v) * T * C, layer_in_.data() + static_cast<size_t>(from) * T * C,
                            sizeof(float) * T * C);
            }
            if (keep_heads_) {
                // Layers before `from` are the clean run's.
                heads.resize(static_cast<size_t>(n) * head_floats);
                for (int v = 0; v < n; v++)
                    std::memcpy(heads.data() + v * head_floats, clean_.head_out_last.data(),
                                sizeof(float) * static_cast<size_t>(from) * NH * C);
            }
            run_layers(*model_, T, b, x.data(), nullptr, keep_heads_ ? heads.data() : nullptr, cancel_, buf);
            chunk_out.assign(n, VariantResult{});
            last_logits(*model_, T, n, x.data(), chunk_out, 0);
            for (int v = 0; v < n; v++) {
                VariantResult& r = out[members[c0 + v]];
                r = std::move(chunk_out[v]);
                if (keep_heads_)
                    r.head_out_last.assign(heads.begin() + static_cast<ptrdiff_t>(v * head_floats),
                                           heads.begin() + static_cast<ptrdiff_t>((v + 1) * head_floats));
            }
            done += n;
            if (progress) progress(done, total);
        }
    }
    return out;
}

float direct_logit(const Model& model, const float* component, const float* resid, int token) {
    const Config& cfg = model.config();
    const int C = cfg.n_embd;
    if (token < 0 || token >= cfg.vocab_size) throw Error("direct_logit: token id out of range");
    double mu = 0, cm = 0;
    for (int c = 0; c < C; c++) { mu += resid[c]; cm += component[c]; }
    mu /= C;
    cm /= C;
    double var = 0;
    for (int c = 0; c < C; c++) var += (resid[c] - mu) * (resid[c] - mu);
    var /= C;
    const double rstd = 1.0 / std::sqrt(var + cfg.layer_norm_epsilon);
    const float* u = model.lm_head() + static_cast<size_t>(token) * C;
    const float* g = model.lnf_w();
    double acc = 0;
    for (int c = 0; c < C; c++) acc += double(u[c]) * g[c] * (component[c] - cm);
    return static_cast<float>(acc * rstd);
}

} // namespace al

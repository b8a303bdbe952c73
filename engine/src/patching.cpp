// Activation patching (see patching.h). Every pass here is GPT-2's block written out over n
// variants stacked row-wise, x [n*T][C]:
//   attention half:  z = attention(ln_1(x) . c_attn + b)   [n*T][C]   (each variant its own pattern)
//                    x += z . attn.c_proj + b
//   MLP half:        x += act(ln_2(x) . c_fc + b) . mlp.c_proj + b
// A head's patch replaces its hs columns of z (z . c_proj is the sum of each head's z_h times its
// hs rows of c_proj, so this is the same as replacing the head's output); an MLP's patch replaces
// what the MLP adds; a position's patch replaces one row of x before a layer.
#pragma GCC optimize("no-trapping-math")
#include "attention_lens/patching.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <thread>

#include <cblas.h>

#include "attention_lens/error.h"
#include "attention_lens/layers.h"
#include "kernels/softmax.h"
#include "kernels/gemm.h"
#include "forward_plan.h"

namespace al {
namespace {

// Rows stacked into one batch at most: bounds the scratch memory (rows x (4C + FF) floats).
constexpr int kMaxBatchRows = 1024;

struct Scratch {
    std::vector<float> a, qkv, z, big, preatt, att;
};

void check_cancel(const std::atomic<bool>* cancel) {
    if (cancel && cancel->load(std::memory_order_relaxed)) throw Cancelled();
}

size_t at(int index, int T, int C) { return static_cast<size_t>(index) * T * C; }

// x [n*T][C] += attention block of layer l. z_keep [T][C] (n == 1) receives z; patch_z, when set,
// overwrites the columns of the heads it names with clean [T][C] before the projection.
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

// x [n*T][C] += MLP of layer l. mlp_keep [T][C] (n == 1) receives what it adds; clean_mlp, when
// set, is added instead [T][C].
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

// ln_f of the last row of each variant's x [n][T][C] -> ln [n][C].
std::vector<float> final_rows(const Model& m, int n, int T, const float* x) {
    const Config& cfg = m.config();
    const int C = cfg.n_embd;
    std::vector<float> last(static_cast<size_t>(n) * C), ln(last.size());
    for (int v = 0; v < n; v++)
        std::memcpy(last.data() + static_cast<size_t>(v) * C, x + (static_cast<size_t>(v) * T + T - 1) * C, sizeof(float) * C);
    layers::layernorm_forward(ln.data(), nullptr, nullptr, last.data(), m.lnf_w(), m.lnf_b(), n, C, cfg.layer_norm_epsilon);
    return ln;
}

float dot(const float* a, const float* b, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) s += double(a[i]) * b[i];
    return static_cast<float>(s);
}

// Variants stacked row-wise, each from its own first changed row to the end: variant v holds
// rows [start[v], T) at stacked offset off[v].
struct Ragged {
    std::vector<int> start, off;
    int rows = 0;
    void add(int first, int T) {
        start.push_back(first);
        off.push_back(rows);
        rows += T - first;
    }
    int n() const { return static_cast<int>(start.size()); }
};

// The stacked index of variant v's last row, of N stacked rows in all.
int last_row(const Ragged& g, int v, int N) { return (v + 1 < g.n() ? g.off[static_cast<size_t>(v) + 1] : N) - 1; }

// a . b over n floats in eight partial sums, which -O3 vectorises (one running sum it may not
// reorder).
float dot8(const float* a, const float* b, int n) {
    float part[8] = {};
    int e = 0;
    for (; e + 8 <= n; e += 8)
        for (int u = 0; u < 8; u++) part[u] += a[e + u] * b[e + u];
    float d = ((part[0] + part[4]) + (part[1] + part[5])) + ((part[2] + part[6]) + (part[3] + part[7]));
    for (; e < n; e++) d += a[e] * b[e];
    return d;
}

// out [N][OC] (row stride ldo) = in [N][K] (ldi) . w [K][OC] (ldw) + bias [OC]: a product over some
// columns of a weight matrix, which the model's own layers never need.
void product(float* out, int ldo, const float* in, int ldi, const float* w, int ldw, const float* bias, int N, int K, int OC) {
    for (int r = 0; r < N; r++) std::memcpy(out + static_cast<size_t>(r) * ldo, bias, sizeof(float) * OC);
    kernels::gemm(N, OC, K, in, ldi, w, ldw, false, out, ldo);
}

// Layer l's attention for the stacked variants: z [..][C] for each variant's rows (or, when
// last_only, for its last row alone, z [n][C]). Keys and values of the rows before a variant's
// start are the corrupted run's; qkv [rows][3C] holds the variant's own. Each (variant, head) is
// one small job of T x T x hs multiply-adds: too small for a matrix-product call each (hundreds a
// layer), so they are plain loops, split over the same threads as the products (the attention
// would otherwise leave one core idle between them).
void ragged_attention(const Patching& p, int l, const Ragged& g, const float* qkv, bool last_only, float* z) {
    const Config& cfg = p.model->config();
    const int T = static_cast<int>(p.clean_ids.size()), C = cfg.n_embd, NH = cfg.n_head, hs = cfg.head_dim();
    const float scale = cfg.attention_scale(l);
    const float* base = p.corrupted.qkv.data() + at(l, T, 3 * C);
    const int jobs = g.n() * NH;
    auto run = [&](int j0, int j1) {
        std::vector<const float*> rows(static_cast<size_t>(T)); // each key/value row of the variant
        std::vector<float> w(static_cast<size_t>(T));
        for (int job = j0; job < j1; job++) {
            const int v = job / NH, h = job % NH, f = g.start[v];
            const float* own = qkv + static_cast<size_t>(g.off[v]) * 3 * C;
            for (int t = 0; t < T; t++)
                rows[static_cast<size_t>(t)] = t < f ? base + static_cast<size_t>(t) * 3 * C : own + static_cast<size_t>(t - f) * 3 * C;
            const int q0 = last_only ? T - 1 : f; // query rows [q0, T)
            float* zv = z + static_cast<size_t>(last_only ? v : g.off[v]) * C + h * hs;
            for (int i = q0; i < T; i++) {
                const float* q = rows[static_cast<size_t>(i)] + h * hs;
                for (int j = 0; j <= i; j++) {
                    const float* k = rows[static_cast<size_t>(j)] + C + h * hs;
                    w[static_cast<size_t>(j)] = dot8(q, k, hs) * scale;
                }
                kernels::softmax_row(w.data(), w.data(), i + 1);
                float* out = zv + static_cast<size_t>(i - q0) * C;
                for (int e = 0; e < hs; e++) out[e] = 0.0f;
                for (int j = 0; j <= i; j++) {
                    const float a = w[static_cast<size_t>(j)];
                    const float* val = rows[static_cast<size_t>(j)] + 2 * C + h * hs;
                    for (int e = 0; e < hs; e++) out[e] += a * val[e];
                }
            }
        }
    };
    if (jobs == 0) return;
    const int threads = std::min(jobs, std::max(1, openblas_get_num_threads()));
    std::vector<std::thread> workers;
    for (int t = 1; t < threads; t++)
        workers.emplace_back(run, static_cast<int>(static_cast<long>(jobs) * t / threads),
                             static_cast<int>(static_cast<long>(jobs) * (t + 1) / threads));
    run(0, jobs / threads);
    for (std::thread& w : workers) w.join();
}

// Runs layers [from, L) on the stacked variants x [g.rows][C] and returns each one's last row after
// ln_f [n][C]. first_only: entering layer `from`, each variant differs from the corrupted run in its
// first row alone, so the other rows' queries, keys and values there are the corrupted run's.
std::vector<float> finish_rows(const Patching& p, int from, const Ragged& g, std::vector<float>& x, Scratch& s,
                               bool first_only = false) {
    const Model& m = *p.model;
    const Config& cfg = m.config();
    const int C = cfg.n_embd, L = cfg.n_layer, FF = cfg.inner(), n = g.n(), N = g.rows;
    std::vector<float> last(static_cast<size_t>(n) * C); // each variant's last row, past the last layer
    for (int v = 0; v < n; v++) { // the last row of variant v ends its block
        const int end = v + 1 < n ? g.off[v + 1] : N;
        std::memcpy(last.data() + static_cast<size_t>(v) * C, x.data() + static_cast<size_t>(end - 1) * C, sizeof(float) * C);
    }
    for (int l = from; l < L; l++) {
        check_cancel(p.cancel);
        const LayerWeights& w = m.layer(l);
        const bool last_only = l == L - 1;
        s.a.resize(static_cast<size_t>(N) * C);
        s.qkv.resize(static_cast<size_t>(N) * 3 * C);
        s.z.resize(static_cast<size_t>(N) * C);
        if (first_only && l == from) {
            const int T = static_cast<int>(p.clean_ids.size());
            std::vector<float> first(static_cast<size_t>(n) * C), qkv(static_cast<size_t>(n) * 3 * C);
            for (int v = 0; v < n; v++)
                std::memcpy(first.data() + static_cast<size_t>(v) * C, x.data() + static_cast<size_t>(g.off[v]) * C, sizeof(float) * C);
            layers::layernorm_forward(s.a.data(), nullptr, nullptr, first.data(), w.ln1_w, w.ln1_b, n, C, cfg.layer_norm_epsilon);
            layers::matmul_forward(qkv.data(), s.a.data(), w.attn_w, w.attn_b, n, C, 3 * C);
            for (int v = 0; v < n; v++) {
                const int f = g.start[v];
                float* dst = s.qkv.data() + static_cast<size_t>(g.off[v]) * 3 * C;
                std::memcpy(dst, qkv.data() + static_cast<size_t>(v) * 3 * C, sizeof(float) * 3 * C);
                std::memcpy(dst + 3 * C, p.corrupted.qkv.data() + at(l, T, 3 * C) + static_cast<size_t>(f + 1) * 3 * C,
                            sizeof(float) * (T - f - 1) * 3 * C);
            }
        } else {
            layers::layernorm_forward(s.a.data(), nullptr, nullptr, x.data(), w.ln1_w, w.ln1_b, N, C, cfg.layer_norm_epsilon);
            if (last_only) {
                // Only each variant's last row goes on past this layer: every row's key and value,
                // but the query of the last row alone (a third less of this product).
                product(s.qkv.data() + C, 3 * C, s.a.data(), C, w.attn_w + C, 3 * C, w.attn_b + C, N, C, 2 * C);
                std::vector<float> a_last(static_cast<size_t>(n) * C), q_last(static_cast<size_t>(n) * C);
                for (int v = 0; v < n; v++)
                    std::memcpy(a_last.data() + static_cast<size_t>(v) * C, s.a.data() + static_cast<size_t>(last_row(g, v, N)) * C,
                                sizeof(float) * C);
                product(q_last.data(), C, a_last.data(), C, w.attn_w, 3 * C, w.attn_b, n, C, C);
                for (int v = 0; v < n; v++)
                    std::memcpy(s.qkv.data() + static_cast<size_t>(last_row(g, v, N)) * 3 * C, q_last.data() + static_cast<size_t>(v) * C,
                                sizeof(float) * C);
            } else {
                layers::matmul_forward(s.qkv.data(), s.a.data(), w.attn_w, w.attn_b, N, C, 3 * C);
            }
        }
        ragged_attention(p, l, g, s.qkv.data(), last_only, s.z.data());
        float* xr = x.data();
        int nr = N;
        if (last_only) {
            for (int v = 0; v < n; v++) {
                const int end = v + 1 < n ? g.off[v + 1] : N;
                std::memcpy(last.data() + static_cast<size_t>(v) * C, x.data() + static_cast<size_t>(end - 1) * C, sizeof(float) * C);
            }
            xr = last.data();
            nr = n;
        }
        layers::matmul_forward(s.a.data(), s.z.data(), w.proj_w, w.proj_b, nr, C, C);
        layers::residual_forward(xr, xr, s.a.data(), nr * C);
        s.big.resize(static_cast<size_t>(nr) * FF);
        layers::layernorm_forward(s.a.data(), nullptr, nullptr, xr, w.ln2_w, w.ln2_b, nr, C, cfg.layer_norm_epsilon);
        detail::mlp_fc_forward(s.big.data(), s.a.data(), w, nr, C, FF, cfg.activation_function);
        layers::matmul_forward(s.a.data(), s.big.data(), w.fcproj_w, w.fcproj_b, nr, FF, C);
        layers::residual_forward(xr, xr, s.a.data(), nr * C);
        if (!last_only) // keep each variant's last row current for a run that ends here
            for (int v = 0; v < n; v++) {
                const int end = v + 1 < n ? g.off[v + 1] : N;
                std::memcpy(last.data() + static_cast<size_t>(v) * C, x.data() + static_cast<size_t>(end - 1) * C, sizeof(float) * C);
            }
    }
    std::vector<float> ln(last.size());
    layers::layernorm_forward(ln.data(), nullptr, nullptr, last.data(), m.lnf_w(), m.lnf_b(), n, C, cfg.layer_norm_epsilon);
    if (!detail::all_finite(ln.data(), ln.size())) throw detail::not_finite();
    return ln;
}

// finish_rows, then each variant's logit difference.
std::vector<float> finish(const Patching& p, int from, const Ragged& g, std::vector<float>& x, Scratch& s,
                          bool first_only = false) {
    const Model& m = *p.model;
    const int C = m.config().n_embd, n = g.n();
    const std::vector<float> ln = finish_rows(p, from, g, x, s, first_only);
    std::vector<float> ld(n);
    const float* ua = m.lm_head() + static_cast<size_t>(p.answer) * C;
    const float* uw = m.lm_head() + static_cast<size_t>(p.wrong) * C;
    for (int v = 0; v < n; v++) {
        const float* r = ln.data() + static_cast<size_t>(v) * C;
        ld[v] = dot(ua, r, C) - dot(uw, r, C);
    }
    return ld;
}

// The first row from which a [T][width] block (row stride `stride`) differs between two runs; T
// when it never does.
int first_changed(const float* a, const float* b, int T, int width, int stride) {
    for (int t = 0; t < T; t++)
        if (std::memcmp(a + static_cast<size_t>(t) * stride, b + static_cast<size_t>(t) * stride, sizeof(float) * width) != 0)
            return t;
    return T;
}

// One pass over ids with the patches of `set` taken from `clean` (which may be null when set is
// empty), keeping the activations in `keep` when it is not null. Returns the last logits [V].
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

void check_set(const Patching& p, const PatchSet& set) {
    const Config& cfg = p.model->config();
    const int T = static_cast<int>(p.clean_ids.size());
    for (const HeadRef& h : set.heads)
        if (h.layer < 0 || h.layer >= cfg.n_layer || h.head < 0 || h.head >= cfg.n_head)
            throw Error("patching: head L" + std::to_string(h.layer) + "H" + std::to_string(h.head) + " is not in the model");
    for (int l : set.mlps)
        if (l < 0 || l >= cfg.n_layer) throw Error("patching: layer " + std::to_string(l) + " is not in the model");
    for (const auto& [l, pos] : set.positions)
        if (l < 0 || l >= cfg.n_layer || pos < 0 || pos >= T)
            throw Error("patching: position " + std::to_string(pos) + " of layer " + std::to_string(l) + " is not in the text");
}

} // namespace

Patching patching_prepare(std::shared_ptr<const Model> model, std::vector<int> clean_ids,
                          std::vector<int> corrupted_ids, int answer, int wrong,
                          const std::atomic<bool>* cancel) {
    if (!model) throw Error("patching: no model");
    const Config& cfg = model->config();
    if (clean_ids.size() != corrupted_ids.size())
        throw Error("patching: the clean text has " + std::to_string(clean_ids.size()) +
                    " tokens and the corrupted one " + std::to_string(corrupted_ids.size()) +
                    "; patching needs the same number of tokens");
    detail::validate_ids(clean_ids, cfg);
    detail::validate_ids(corrupted_ids, cfg);
    for (int id : {answer, wrong})
        if (id < 0 || id >= cfg.vocab_size)
            throw Error("patching: token id " + std::to_string(id) + " is out of the vocabulary (0.." +
                        std::to_string(cfg.vocab_size - 1) + ")");
    Patching p;
    p.model = std::move(model);
    p.clean_ids = std::move(clean_ids);
    p.corrupted_ids = std::move(corrupted_ids);
    p.answer = answer;
    p.wrong = wrong;
    p.cancel = cancel;
    p.clean.logits = single_pass(*p.model, p.clean_ids, {}, nullptr, &p.clean, cancel);
    p.corrupted.logits = single_pass(*p.model, p.corrupted_ids, {}, nullptr, &p.corrupted, cancel);
    p.ld_clean = p.clean.logits[answer] - p.clean.logits[wrong];
    p.ld_corrupted = p.corrupted.logits[answer] - p.corrupted.logits[wrong];
    return p;
}

int first_difference(const std::vector<int>& a, const std::vector<int>& b) {
    const size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return static_cast<int>(i);
    return a.size() == b.size() ? -1 : static_cast<int>(n);
}

float patching_fraction(const Patching& p, float ld) {
    return (ld - p.ld_corrupted) / (p.ld_clean - p.ld_corrupted) + 0.0f; // + 0: never print -0
}

std::vector<float> patch_heads(const Patching& p, const PatchingProgress& progress) {
    const Config& cfg = p.model->config();
    const int T = static_cast<int>(p.clean_ids.size()), C = cfg.n_embd, L = cfg.n_layer, NH = cfg.n_head;
    const int hs = cfg.head_dim();
    std::vector<float> out(static_cast<size_t>(L) * NH, p.ld_corrupted);
    Scratch s;
    std::vector<float> x, dz;
    for (int l = 0; l < L; l++) {
        check_cancel(p.cancel);
        // Variant h: the corrupted stream after layer l's attention, plus head h's clean output
        // minus its corrupted one, (z_clean,h - z_corrupted,h) [R][hs] . its c_proj rows [hs][C],
        // on the rows from the first where its z differs (a head whose z never does changes nothing).
        const float* zc = p.clean.z.data() + at(l, T, C);
        const float* zk = p.corrupted.z.data() + at(l, T, C);
        Ragged g;
        std::vector<int> heads;
        for (int h = 0; h < NH; h++) {
            const int f = first_changed(zc + h * hs, zk + h * hs, T, hs, C);
            if (f < T) {
                g.add(f, T);
                heads.push_back(h);
            }
        }
        x.resize(static_cast<size_t>(g.rows) * C);
        for (int v = 0; v < g.n(); v++) {
            const int h = heads[v], f = g.start[v], R = T - f;
            float* xv = x.data() + static_cast<size_t>(g.off[v]) * C;
            std::memcpy(xv, p.corrupted.mid.data() + at(l, T, C) + static_cast<size_t>(f) * C, sizeof(float) * R * C);
            dz.resize(static_cast<size_t>(R) * hs);
            for (int t = 0; t < R; t++)
                for (int i = 0; i < hs; i++)
                    dz[static_cast<size_t>(t) * hs + i] = zc[static_cast<size_t>(f + t) * C + h * hs + i] -
                                                          zk[static_cast<size_t>(f + t) * C + h * hs + i];
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, R, C, hs, 1.0f, dz.data(), hs,
                        p.model->layer(l).proj_w + static_cast<size_t>(h) * hs * C, C, 1.0f, xv, C);
        }
        if (g.n() > 0) {
            mlp_half(*p.model, l, 1, g.rows, x.data(), s, nullptr, nullptr); // row by row: one block of all rows
            const std::vector<float> ld = finish(p, l + 1, g, x, s);
            for (int v = 0; v < g.n(); v++) out[static_cast<size_t>(l) * NH + heads[v]] = ld[v];
        }
        if (progress) progress(l + 1, L);
    }
    return out;
}

std::vector<float> patch_mlps(const Patching& p, const PatchingProgress& progress) {
    const Config& cfg = p.model->config();
    const int T = static_cast<int>(p.clean_ids.size()), C = cfg.n_embd, L = cfg.n_layer;
    std::vector<float> out(L, p.ld_corrupted);
    Scratch s;
    std::vector<float> x;
    for (int l = 0; l < L; l++) {
        // The corrupted stream after layer l's attention plus the clean MLP's output, from the
        // first row where the two MLPs' outputs differ.
        const float* mc = p.clean.mlp_out.data() + at(l, T, C);
        const int f = first_changed(mc, p.corrupted.mlp_out.data() + at(l, T, C), T, C, C);
        if (f < T) {
            Ragged g;
            g.add(f, T);
            x.assign(p.corrupted.mid.begin() + static_cast<ptrdiff_t>(at(l, T, C) + static_cast<size_t>(f) * C),
                     p.corrupted.mid.begin() + static_cast<ptrdiff_t>(at(l + 1, T, C)));
            layers::residual_forward(x.data(), x.data(), mc + static_cast<size_t>(f) * C, (T - f) * C);
            out[l] = finish(p, l + 1, g, x, s)[0];
        }
        if (progress) progress(l + 1, L);
    }
    return out;
}

std::vector<float> patch_positions(const Patching& p, const PatchingProgress& progress) {
    const Config& cfg = p.model->config();
    const int T = static_cast<int>(p.clean_ids.size()), C = cfg.n_embd, L = cfg.n_layer;
    std::vector<float> out(static_cast<size_t>(L) * T, p.ld_corrupted);
    Scratch s;
    std::vector<float> x;
    for (int l = 0; l < L; l++) {
        const float* clean = p.clean.layer_in.data() + at(l, T, C);
        const float* corrupted = p.corrupted.layer_in.data() + at(l, T, C);
        // Variant t: the corrupted stream with row t the clean one, from row t on. A row the two
        // runs share (the common prefix, or a token both texts have at layer 0) changes nothing
        // when patched: its cell is LD_corrupted exactly, with no pass. Where a single row differs
        // (layer 0, when the texts differ in one token), patching it makes the corrupted stream the
        // clean one: its cell is LD_clean, with no pass either.
        int differing = -1, count = 0;
        for (int r = 0; r < T && count < 2; r++)
            if (std::memcmp(clean + static_cast<size_t>(r) * C, corrupted + static_cast<size_t>(r) * C, sizeof(float) * C) != 0) {
                differing = r;
                count++;
            }
        if (count == 1) {
            out[static_cast<size_t>(l) * T + differing] = p.ld_clean;
            if (progress) progress(l + 1, L);
            continue;
        }
        size_t t = 0;
        while (true) {
            Ragged g;
            std::vector<int> rows;
            for (; t < static_cast<size_t>(T) && (g.rows == 0 || g.rows + T - static_cast<int>(t) <= kMaxBatchRows); t++)
                if (std::memcmp(clean + t * C, corrupted + t * C, sizeof(float) * C) != 0) {
                    g.add(static_cast<int>(t), T);
                    rows.push_back(static_cast<int>(t));
                }
            if (g.n() == 0) break;
            check_cancel(p.cancel);
            x.resize(static_cast<size_t>(g.rows) * C);
            for (int v = 0; v < g.n(); v++) {
                const int f = g.start[v];
                float* xv = x.data() + static_cast<size_t>(g.off[v]) * C;
                std::memcpy(xv, clean + static_cast<size_t>(f) * C, sizeof(float) * C);
                std::memcpy(xv + C, corrupted + static_cast<size_t>(f + 1) * C, sizeof(float) * (T - f - 1) * C);
            }
            const std::vector<float> ld = finish(p, l, g, x, s, true);
            for (int v = 0; v < g.n(); v++) out[static_cast<size_t>(l) * T + rows[v]] = ld[v];
        }
        if (progress) progress(l + 1, L);
    }
    return out;
}

std::vector<float> substitution_logits(std::shared_ptr<const Model> model, const std::vector<int>& ids,
                                       const std::vector<std::pair<int, int>>& substitutions,
                                       const std::atomic<bool>* cancel) {
    if (!model) throw Error("patching: no model");
    const Config& cfg = model->config();
    detail::validate_ids(ids, cfg);
    const int T = static_cast<int>(ids.size()), C = cfg.n_embd, V = cfg.vocab_size;
    for (const auto& [pos, token] : substitutions) {
        if (pos < 0 || pos >= T) throw Error("patching: position " + std::to_string(pos) + " is not in the text");
        if (token < 0 || token >= V)
            throw Error("patching: token id " + std::to_string(token) + " is out of the vocabulary (0.." + std::to_string(V - 1) + ")");
    }
    // The text's own run is the base every changed text shares its prefix with (finish reads its
    // keys and values as `corrupted`).
    Patching p;
    p.model = std::move(model);
    p.clean_ids = ids;
    p.cancel = cancel;
    std::vector<float> out(static_cast<size_t>(substitutions.size() + 1) * V);
    const std::vector<float> own = single_pass(*p.model, ids, {}, nullptr, &p.corrupted, cancel);
    std::copy(own.begin(), own.end(), out.begin());
    Scratch s;
    std::vector<float> x;
    size_t i = 0;
    while (i < substitutions.size()) {
        Ragged g;
        const size_t first = i;
        for (; i < substitutions.size() && (g.rows == 0 || g.rows + T - substitutions[i].first <= kMaxBatchRows); i++)
            g.add(substitutions[i].first, T);
        x.resize(static_cast<size_t>(g.rows) * C);
        for (int v = 0; v < g.n(); v++) {
            const int f = g.start[v];
            float* xv = x.data() + static_cast<size_t>(g.off[v]) * C;
            const int token = substitutions[first + v].second;
            layers::encoder_forward(xv, &token, p.model->wte(), p.model->wpe(), 1, 1, C, f);
            std::memcpy(xv + C, p.corrupted.layer_in.data() + static_cast<size_t>(f + 1) * C, sizeof(float) * (T - f - 1) * C);
        }
        const std::vector<float> ln = finish_rows(p, 0, g, x, s, true);
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, g.n(), V, C, 1.0f, ln.data(), C, p.model->lm_head(), C, 0.0f,
                    out.data() + (first + 1) * static_cast<size_t>(V), V);
    }
    if (!detail::all_finite(out.data(), out.size())) throw detail::not_finite();
    return out;
}

std::vector<float> patch_set_logits(const Patching& p, const PatchSet& set) {
    check_set(p, set);
    return single_pass(*p.model, p.corrupted_ids, set, &p.clean, nullptr, p.cancel);
}

} // namespace al

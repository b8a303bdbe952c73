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
#include <cstring>

#include <cblas.h>

#include "attention_lens/error.h"
#include "attention_lens/layers.h"
#include "forward_plan.h"
#include "patching_steps.h"

namespace al {

using namespace patching_detail;

namespace {

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

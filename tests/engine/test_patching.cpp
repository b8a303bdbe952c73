// Activation patching, checked against a plain forward written here in double precision, one
// token and one head at a time, that replaces one output with the clean run's: a head's weighted
// values z_h (so its output z_h . W_O,h), a layer's MLP output, or the residual stream entering a
// layer at one position. The plain forward itself is checked against Runner's clean logits, which
// test_forward checks against the fixture's reference outputs.
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "attention_lens/patching.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>

#include "fixture_cases.h"
#include "gpt2_shaped_model.h"
#include "max_diff.h"
#include "trophy_sentence.h"

namespace {

using testing_support::kTrophyIds;
using testing_support::max_diff;

constexpr double kTol = 1e-5;

// What the plain forward replaces, and with what.
struct Replace {
    int layer = -1;
    int head = -1;     // >= 0: this head's z
    bool mlp = false;  // the MLP's output
    int position = -1; // >= 0: the residual stream entering `layer` at this position
};

// Activations a plain run keeps: z [L][T][C], mlp [L][T][C], stream entering each layer [L][T][C].
struct Plain {
    std::vector<double> z, mlp, in;
    std::vector<double> logits; // [V] last position
};

void layernorm(std::vector<double>& out, const std::vector<double>& x, const float* w, const float* b, int T, int C,
               double eps) {
    out.assign(x.size(), 0);
    for (int t = 0; t < T; t++) {
        double m = 0, v = 0;
        for (int c = 0; c < C; c++) m += x[t * C + c];
        m /= C;
        for (int c = 0; c < C; c++) v += (x[t * C + c] - m) * (x[t * C + c] - m);
        v /= C;
        for (int c = 0; c < C; c++) out[t * C + c] = (x[t * C + c] - m) / std::sqrt(v + eps) * w[c] + b[c];
    }
}

// out [T][OC] = in [T][IC] . w [IC][OC] + b
std::vector<double> linear(const std::vector<double>& in, const float* w, const float* b, int T, int IC, int OC) {
    std::vector<double> out(static_cast<size_t>(T) * OC);
    for (int t = 0; t < T; t++)
        for (int o = 0; o < OC; o++) {
            double s = b ? b[o] : 0.0;
            for (int i = 0; i < IC; i++) s += in[static_cast<size_t>(t) * IC + i] * w[static_cast<size_t>(i) * OC + o];
            out[static_cast<size_t>(t) * OC + o] = s;
        }
    return out;
}

// GPT-2's forward pass (gelu_new), with `r` taken from `from` when given.
Plain plainForward(const al::Model& m, const std::vector<int>& ids, const Replace& r = {}, const Plain* from = nullptr) {
    const al::Config& cfg = m.config();
    const int T = int(ids.size()), C = cfg.n_embd, L = cfg.n_layer, NH = cfg.n_head, hs = C / NH, FF = cfg.inner();
    const double eps = cfg.layer_norm_epsilon;
    Plain p;
    p.z.resize(size_t(L) * T * C);
    p.mlp.resize(p.z.size());
    p.in.resize(p.z.size());
    std::vector<double> x(size_t(T) * C), a;
    for (int t = 0; t < T; t++)
        for (int c = 0; c < C; c++) x[t * C + c] = double(m.wte()[size_t(ids[t]) * C + c]) + m.wpe()[size_t(t) * C + c];
    for (int l = 0; l < L; l++) {
        const size_t off = size_t(l) * T * C;
        if (r.layer == l && r.position >= 0)
            for (int c = 0; c < C; c++) x[r.position * C + c] = from->in[off + r.position * C + c];
        std::copy(x.begin(), x.end(), p.in.begin() + off);
        const al::LayerWeights& w = m.layer(l);
        layernorm(a, x, w.ln1_w, w.ln1_b, T, C, eps);
        const std::vector<double> qkv = linear(a, w.attn_w, w.attn_b, T, C, 3 * C);
        std::vector<double> z(size_t(T) * C, 0.0);
        for (int h = 0; h < NH; h++)
            for (int t = 0; t < T; t++) {
                std::vector<double> s(t + 1);
                double mx = -INFINITY;
                for (int u = 0; u <= t; u++) {
                    double d = 0;
                    for (int i = 0; i < hs; i++) d += qkv[t * 3 * C + h * hs + i] * qkv[u * 3 * C + C + h * hs + i];
                    s[u] = d / std::sqrt(double(hs));
                    mx = std::max(mx, s[u]);
                }
                double sum = 0;
                for (double& v : s) sum += (v = std::exp(v - mx));
                for (int u = 0; u <= t; u++)
                    for (int i = 0; i < hs; i++) z[t * C + h * hs + i] += s[u] / sum * qkv[u * 3 * C + 2 * C + h * hs + i];
            }
        if (r.layer == l && r.head >= 0)
            for (int t = 0; t < T; t++)
                for (int i = 0; i < hs; i++) z[t * C + r.head * hs + i] = from->z[off + t * C + r.head * hs + i];
        std::copy(z.begin(), z.end(), p.z.begin() + off);
        const std::vector<double> att = linear(z, w.proj_w, w.proj_b, T, C, C);
        for (size_t i = 0; i < x.size(); i++) x[i] += att[i];
        layernorm(a, x, w.ln2_w, w.ln2_b, T, C, eps);
        std::vector<double> f = linear(a, w.fc_w, w.fc_b, T, C, FF);
        for (double& v : f) v = 0.5 * v * (1.0 + std::tanh(std::sqrt(2.0 / M_PI) * (v + 0.044715 * v * v * v)));
        std::vector<double> mo = linear(f, w.fcproj_w, w.fcproj_b, T, FF, C);
        if (r.layer == l && r.mlp) std::copy(from->mlp.begin() + off, from->mlp.begin() + off + T * C, mo.begin());
        std::copy(mo.begin(), mo.end(), p.mlp.begin() + off);
        for (size_t i = 0; i < x.size(); i++) x[i] += mo[i];
    }
    std::vector<double> last(x.end() - C, x.end());
    layernorm(a, last, m.lnf_w(), m.lnf_b(), 1, C, eps);
    p.logits.resize(cfg.vocab_size);
    for (int v = 0; v < cfg.vocab_size; v++) {
        double s = 0;
        for (int c = 0; c < C; c++) s += a[c] * m.lm_head()[size_t(v) * C + c];
        p.logits[v] = s;
    }
    return p;
}

double ld(const Plain& p, int answer, int wrong) { return p.logits[answer] - p.logits[wrong]; }

int argmax(const std::vector<float>& v) { return int(std::max_element(v.begin(), v.end()) - v.begin()); }

// The token the corruption raises most against the clean run: a wrong answer whose logit
// difference surely changes, on a random model whose top token the corruption may leave alone.
int mostRaised(const std::vector<double>& clean, const std::vector<double>& corrupted) {
    int best = 0;
    for (size_t v = 1; v < clean.size(); v++)
        if (corrupted[v] - clean[v] > corrupted[best] - clean[best]) best = int(v);
    return best;
}

std::vector<float> toFloat(const std::vector<double>& v) { return std::vector<float>(v.begin(), v.end()); }

} // namespace

class TestPatching : public QObject {
    Q_OBJECT
    std::shared_ptr<const al::Model> model_;
    std::vector<int> corrupted_;

private slots:
    void initTestCase() {
        model_ = al::Model::load(testing_support::fixtureDir());
        QCOMPARE(model_->config().n_layer, 2);
        // "... because it was too big." with "it" (340) as "she" (673): same length, another word.
        corrupted_ = kTrophyIds;
        corrupted_[9] = 673;
    }

    void plainForwardMatchesRunner() {
        // The reference below is only as good as this: the plain forward gives Runner's logits.
        al::Runner runner(model_);
        QVERIFY(max_diff(toFloat(plainForward(*model_, kTrophyIds).logits), runner.forward_full(kTrophyIds).logits_last) < kTol);
        QVERIFY(max_diff(toFloat(plainForward(*model_, corrupted_).logits), runner.forward_full(corrupted_).logits_last) < kTol);
    }

    void nothingAndEverything() {
        al::Runner runner(model_);
        const std::vector<float> clean = runner.forward_full(kTrophyIds).logits_last;
        const std::vector<float> corrupted = runner.forward_full(corrupted_).logits_last;
        const al::Patching p = al::patching_prepare(model_, kTrophyIds, corrupted_, argmax(clean), argmax(corrupted));
        QVERIFY(max_diff(p.clean.logits, clean) < kTol);
        QVERIFY(max_diff(p.corrupted.logits, corrupted) < kTol);
        QVERIFY(max_diff(al::patch_set_logits(p, {}), corrupted) < kTol);
        const int L = model_->config().n_layer, H = model_->config().n_head, T = int(kTrophyIds.size());
        // The whole residual stream entering any one layer carries all there is of the clean run.
        for (int l = 0; l < L; l++) {
            al::PatchSet all;
            for (int t = 0; t < T; t++) all.positions.push_back({l, t});
            QVERIFY2(max_diff(al::patch_set_logits(p, all), clean) < kTol, qPrintable(QString("layer %1").arg(l)));
        }
        // Every head and MLP of the last layer, on top of the stream entering it.
        al::PatchSet last;
        for (int t = 0; t < T; t++) last.positions.push_back({L - 1, t});
        for (int h = 0; h < H; h++) last.heads.push_back({L - 1, h});
        last.mlps = {L - 1};
        QVERIFY(max_diff(al::patch_set_logits(p, last), clean) < kTol);
        // Every head and every MLP: the last position's stream is its own embedding plus their
        // outputs, so its logits are the clean run's although other positions are not.
        al::PatchSet outputs;
        for (int l = 0; l < L; l++) {
            for (int h = 0; h < H; h++) outputs.heads.push_back({l, h});
            outputs.mlps.push_back(l);
        }
        QVERIFY(max_diff(al::patch_set_logits(p, outputs), clean) < kTol);
        // Without one head of layer 0 they are not: it still reads the corrupted token's embedding.
        outputs.heads.erase(outputs.heads.begin());
        const double without = max_diff(al::patch_set_logits(p, outputs), clean);
        QVERIFY2(without > kTol, qPrintable(QString::number(without)));
    }

    void everyCellMatchesAPlainForward() {
        const Plain clean = plainForward(*model_, kTrophyIds), corrupted = plainForward(*model_, corrupted_);
        const int answer = argmax(toFloat(clean.logits)), wrong = mostRaised(clean.logits, corrupted.logits);
        QVERIFY(answer != wrong);
        const al::Patching p = al::patching_prepare(model_, kTrophyIds, corrupted_, answer, wrong);
        QVERIFY(std::fabs(p.ld_clean - ld(clean, answer, wrong)) < kTol);
        QVERIFY(std::fabs(p.ld_corrupted - ld(corrupted, answer, wrong)) < kTol);
        QCOMPARE(al::patching_fraction(p, p.ld_clean), 1.0f);
        QCOMPARE(al::patching_fraction(p, p.ld_corrupted), 0.0f);
        const int L = model_->config().n_layer, H = model_->config().n_head, T = int(kTrophyIds.size());
        const std::vector<float> heads = al::patch_heads(p), mlps = al::patch_mlps(p), pos = al::patch_positions(p);
        QCOMPARE(int(heads.size()), L * H);
        QCOMPARE(int(mlps.size()), L);
        QCOMPARE(int(pos.size()), L * T);
        double moved = 0;
        for (int l = 0; l < L; l++) {
            for (int h = 0; h < H; h++) {
                Replace r;
                r.layer = l;
                r.head = h;
                const double want = ld(plainForward(*model_, corrupted_, r, &clean), answer, wrong);
                QVERIFY2(std::fabs(heads[l * H + h] - want) < kTol, qPrintable(QString("head %1.%2").arg(l).arg(h)));
                moved = std::max(moved, std::fabs(want - p.ld_corrupted));
            }
            Replace r;
            r.layer = l;
            r.mlp = true;
            QVERIFY2(std::fabs(mlps[l] - ld(plainForward(*model_, corrupted_, r, &clean), answer, wrong)) < kTol,
                     qPrintable(QString("mlp %1").arg(l)));
            for (int t = 0; t < T; t++) {
                Replace q;
                q.layer = l;
                q.position = t;
                QVERIFY2(std::fabs(pos[l * T + t] - ld(plainForward(*model_, corrupted_, q, &clean), answer, wrong)) < kTol,
                         qPrintable(QString("layer %1 position %2").arg(l).arg(t)));
            }
        }
        QVERIFY(moved > 1e-3); // some head's patch moved the difference: the grid can tell cells apart
        // Positions before the changed token are the same in both runs: patching them changes nothing.
        QCOMPARE(pos[0], p.ld_corrupted);
    }

    void refusesWhatCannotBePatched() {
        std::vector<int> shorter(kTrophyIds.begin(), kTrophyIds.end() - 1);
        QVERIFY_THROWS_EXCEPTION(al::Error, al::patching_prepare(model_, kTrophyIds, shorter, 0, 1));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::patching_prepare(model_, kTrophyIds, corrupted_, 0, 50257));
        const al::Patching p = al::patching_prepare(model_, kTrophyIds, corrupted_, 0, 1);
        al::PatchSet bad;
        bad.heads = {{0, 4}};
        QVERIFY_THROWS_EXCEPTION(al::Error, al::patch_set_logits(p, bad));
        std::atomic<bool> stop{true};
        QVERIFY_THROWS_EXCEPTION(al::Cancelled, al::patching_prepare(model_, kTrophyIds, corrupted_, 0, 1, &stop));
    }

    // Texts one token away from the trophy sentence, run together: each one's last logits are its
    // own plain forward's, whichever position changes (the first, the last, one in between).
    void substitutionsMatchPlainForwards() {
        const std::vector<std::pair<int, int>> subs = {{9, 673}, {0, 464}, {int(kTrophyIds.size()) - 1, 13}, {4, 262}, {9, 340}};
        const std::vector<float> out = al::substitution_logits(model_, kTrophyIds, subs);
        const size_t V = size_t(model_->config().vocab_size);
        QCOMPARE(out.size(), (subs.size() + 1) * V);
        QVERIFY(max_diff(std::vector<float>(out.begin(), out.begin() + ptrdiff_t(V)), toFloat(plainForward(*model_, kTrophyIds).logits)) < kTol);
        for (size_t i = 0; i < subs.size(); ++i) {
            std::vector<int> ids = kTrophyIds;
            ids[size_t(subs[i].first)] = subs[i].second;
            const std::vector<float> got(out.begin() + ptrdiff_t((i + 1) * V), out.begin() + ptrdiff_t((i + 2) * V));
            QVERIFY2(max_diff(got, toFloat(plainForward(*model_, ids).logits)) < kTol, qPrintable(QString("substitution %1").arg(i)));
        }
        QVERIFY_THROWS_EXCEPTION(al::Error, al::substitution_logits(model_, kTrophyIds, {{int(kTrophyIds.size()), 1}}));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::substitution_logits(model_, kTrophyIds, {{1, 50257}}));
        std::atomic<bool> stop{true};
        QVERIFY_THROWS_EXCEPTION(al::Cancelled, al::substitution_logits(model_, kTrophyIds, subs, &stop));
    }

    void cellsAtGpt2SmallsShapes() {
        const auto model = testing_support::gpt2ShapedModel(7);
        const std::vector<int> clean = {2215, 5335, 290, 1757, 1816, 11}, corrupted = {2215, 1757, 290, 5335, 1816, 11};
        const Plain pc = plainForward(*model, clean), pk = plainForward(*model, corrupted);
        const int answer = argmax(toFloat(pc.logits)), wrong = mostRaised(pc.logits, pk.logits);
        const al::Patching p = al::patching_prepare(model, clean, corrupted, answer, wrong);
        const std::vector<float> heads = al::patch_heads(p), mlps = al::patch_mlps(p), pos = al::patch_positions(p);
        const int H = 12, T = int(clean.size());
        for (const auto& [l, h] : {std::pair{0, 3}, std::pair{5, 11}, std::pair{11, 0}}) {
            Replace r;
            r.layer = l;
            r.head = h;
            QVERIFY2(std::fabs(heads[l * H + h] - ld(plainForward(*model, corrupted, r, &pc), answer, wrong)) < kTol,
                     qPrintable(QString("head %1.%2").arg(l).arg(h)));
        }
        Replace m;
        m.layer = 4;
        m.mlp = true;
        QVERIFY(std::fabs(mlps[4] - ld(plainForward(*model, corrupted, m, &pc), answer, wrong)) < kTol);
        Replace q;
        q.layer = 6;
        q.position = 3;
        QVERIFY(std::fabs(pos[6 * T + 3] - ld(plainForward(*model, corrupted, q, &pc), answer, wrong)) < kTol);
    }
};

QTEST_GUILESS_MAIN(TestPatching)
#include "test_patching.moc"

// Interventions (ForwardOptions) on the fixture model, each checked against an independent
// computation in this file: a plain double-precision GPT-2 attention written here, with hooks on
// the scores, the probabilities and the heads' outputs, around the engine's layer functions.
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/layers.h"
#include "attention_lens/model.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>

#include "max_diff.h"
#include "trophy_sentence.h"

namespace {

using testing_support::kTrophyIds;
using testing_support::max_diff;

using ScoreHook = std::function<void(int l, int h, int i, std::vector<double>& scores)>;
using ProbHook = std::function<void(int l, int h, int i, std::vector<double>& probs)>;
using ZHook = std::function<void(int l, std::vector<float>& z /* [T][C] */)>;

struct Reference {
    std::vector<float> logits_last;            // [V]
    std::vector<std::vector<double>> pattern;  // [L*H][T*T]
};

// GPT-2 forward (fixture config: gelu_new, scaled attention), attention in double.
Reference reference(const al::Model& m, const std::vector<int>& ids, bool causal = true,
                    ScoreHook sh = {}, ProbHook ph = {}, ZHook zh = {}) {
    const al::Config& cfg = m.config();
    const int T = int(ids.size()), C = cfg.n_embd, H = cfg.n_head, hd = C / H, L = cfg.n_layer, V = cfg.vocab_size;
    std::vector<float> x(T * C), a(T * C), qkv(T * 3 * C), z(T * C), fc(T * 4 * C);
    Reference ref;
    ref.pattern.assign(L * H, std::vector<double>(T * T, 0.0));
    al::layers::encoder_forward(x.data(), ids.data(), m.wte(), m.wpe(), 1, T, C);
    for (int l = 0; l < L; l++) {
        const al::LayerWeights& w = m.layer(l);
        al::layers::layernorm_forward(a.data(), nullptr, nullptr, x.data(), w.ln1_w, w.ln1_b, T, C, 1e-5f);
        al::layers::matmul_forward(qkv.data(), a.data(), w.attn_w, w.attn_b, T, C, 3 * C);
        for (int h = 0; h < H; h++)
            for (int i = 0; i < T; i++) {
                const int n = causal ? i + 1 : T;
                std::vector<double> s(n);
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    for (int d = 0; d < hd; d++) dot += double(qkv[i * 3 * C + h * hd + d]) * qkv[j * 3 * C + C + h * hd + d];
                    s[j] = dot / std::sqrt(double(hd));
                }
                if (sh) sh(l, h, i, s);
                const double mx = *std::max_element(s.begin(), s.end());
                double sum = 0;
                for (double& v : s) sum += (v = std::exp(v - mx));
                for (double& v : s) v /= sum;
                if (ph) ph(l, h, i, s);
                for (int j = 0; j < n; j++) ref.pattern[l * H + h][i * T + j] = s[j];
                for (int d = 0; d < hd; d++) {
                    double acc = 0;
                    for (int j = 0; j < n; j++) acc += s[j] * qkv[j * 3 * C + 2 * C + h * hd + d];
                    z[i * C + h * hd + d] = float(acc);
                }
            }
        if (zh) zh(l, z);
        al::layers::matmul_forward(a.data(), z.data(), w.proj_w, w.proj_b, T, C, C);
        al::layers::residual_forward(x.data(), x.data(), a.data(), T * C);
        al::layers::layernorm_forward(a.data(), nullptr, nullptr, x.data(), w.ln2_w, w.ln2_b, T, C, 1e-5f);
        al::layers::matmul_forward(fc.data(), a.data(), w.fc_w, w.fc_b, T, C, 4 * C);
        al::layers::gelu_forward(fc.data(), fc.data(), T * 4 * C);
        al::layers::matmul_forward(a.data(), fc.data(), w.fcproj_w, w.fcproj_b, T, 4 * C, C);
        al::layers::residual_forward(x.data(), x.data(), a.data(), T * C);
    }
    std::vector<float> last(C);
    al::layers::layernorm_forward(last.data(), nullptr, nullptr, x.data() + (T - 1) * C, m.lnf_w(), m.lnf_b(), 1, C, 1e-5f);
    ref.logits_last.assign(V, 0.0f);
    for (int v = 0; v < V; v++) {
        double acc = 0;
        for (int c = 0; c < C; c++) acc += double(m.lm_head()[size_t(v) * C + c]) * last[c];
        ref.logits_last[v] = float(acc);
    }
    return ref;
}

double pattern_diff(const al::ForwardResult& r, const Reference& ref) {
    double m = 0;
    for (int l = 0; l < r.n_layer; l++)
        for (int h = 0; h < r.n_head; h++) {
            const std::vector<float> d = r.attention.dense(l, h);
            for (size_t c = 0; c < d.size(); c++) m = std::max(m, std::fabs(d[c] - ref.pattern[l * r.n_head + h][c]));
        }
    return m;
}

// Every head's pattern of every layer before `layer` is bit-identical in a and b.
bool earlier_layers_equal(const al::ForwardResult& a, const al::ForwardResult& b, int layer) {
    for (int l = 0; l < layer; l++)
        for (int h = 0; h < a.n_head; h++)
            if (a.attention.dense(l, h) != b.attention.dense(l, h)) return false;
    return true;
}

constexpr double kTol = 1e-4;

} // namespace

class TestInterventions : public QObject {
    Q_OBJECT
    std::shared_ptr<const al::Model> model_;
    al::ForwardResult clean_;
    int T_ = int(kTrophyIds.size());

private slots:
    void initTestCase() {
        const QByteArray dir = qgetenv("AL_FIXTURE_MODEL");
        QVERIFY2(!dir.isEmpty(), "AL_FIXTURE_MODEL is not set");
        model_ = al::Model::load(dir.toStdString());
        al::Runner runner(model_);
        clean_ = runner.forward_full(kTrophyIds);
        // The reference itself agrees with the engine when nothing is changed.
        const Reference ref = reference(*model_, kTrophyIds);
        QVERIFY(max_diff(clean_.logits_last, ref.logits_last) < kTol);
        QVERIFY(pattern_diff(clean_, ref) < 1e-5);
    }

    // Zero-ablating every head of layer 0 leaves c_proj's bias as the layer's attention output.
    void zeroAblateWholeLayer() {
        al::ForwardOptions o;
        for (int h = 0; h < 4; h++) o.zero_ablate.push_back({0, h});
        al::Runner runner(model_);
        const al::ForwardResult r = runner.forward(kTrophyIds, o);
        const Reference ref = reference(*model_, kTrophyIds, true, {}, {}, [](int l, std::vector<float>& z) {
            if (l == 0) std::fill(z.begin(), z.end(), 0.0f);
        });
        QVERIFY2(max_diff(r.logits_last, ref.logits_last) < kTol, "logits");
        QVERIFY(max_diff(r.logits_last, clean_.logits_last) > 1e-3); // it did change something
        // Layer 0's patterns are still computed as usual; layer 1 sees a different residual.
        QVERIFY(earlier_layers_equal(r, clean_, 1));
        QVERIFY(r.attention.dense(1, 0) != clean_.attention.dense(1, 0));
        QCOMPARE(r.reused_prefix, 0);
    }

    void zeroAblateOneHead() {
        al::ForwardOptions o;
        o.zero_ablate.push_back({1, 2});
        al::Runner runner(model_);
        const al::ForwardResult r = runner.forward(kTrophyIds, o);
        const Reference ref = reference(*model_, kTrophyIds, true, {}, {}, [](int l, std::vector<float>& z) {
            if (l == 1) for (int t = 0; t < int(z.size() / 64); t++) std::fill_n(z.begin() + t * 64 + 2 * 16, 16, 0.0f);
        });
        QVERIFY(max_diff(r.logits_last, ref.logits_last) < kTol);
        QVERIFY(max_diff(r.logits_last, clean_.logits_last) > 1e-4);
        QVERIFY(earlier_layers_equal(r, clean_, 2)); // the last layer's patterns do not depend on its heads' outputs
    }

    void meanAblate() {
        al::ForwardOptions o;
        o.mean_ablate.push_back({0, 1});
        al::Runner runner(model_);
        const al::ForwardResult r = runner.forward(kTrophyIds, o);
        const int T = T_;
        const Reference ref = reference(*model_, kTrophyIds, true, {}, {}, [T](int l, std::vector<float>& z) {
            if (l != 0) return;
            for (int d = 0; d < 16; d++) {
                double mean = 0;
                for (int t = 0; t < T; t++) mean += z[t * 64 + 16 + d];
                for (int t = 0; t < T; t++) z[t * 64 + 16 + d] = float(mean / T);
            }
        });
        QVERIFY(max_diff(r.logits_last, ref.logits_last) < kTol);
        QVERIFY(max_diff(r.logits_last, clean_.logits_last) > 1e-4);
        QVERIFY(earlier_layers_equal(r, clean_, 1));
    }

    void uniformReplacement() {
        al::ForwardOptions o;
        o.replace_pattern.push_back({{0, 3}, al::PatternKind::Uniform, 0, {}});
        al::Runner runner(model_);
        const al::ForwardResult r = runner.forward(kTrophyIds, o);
        for (int i = 0; i < T_; i++)
            for (int j = 0; j <= i; j++) QVERIFY(std::fabs(r.attention.at(0, 3, i, j) - 1.0f / (i + 1)) < 1e-7);
        // Scores are what the head computed.
        QCOMPARE(r.scores.dense(0, 3), clean_.scores.dense(0, 3));
        const Reference ref = reference(*model_, kTrophyIds, true, {}, [](int l, int h, int, std::vector<double>& p) {
            if (l == 0 && h == 3) std::fill(p.begin(), p.end(), 1.0 / p.size());
        });
        QVERIFY(max_diff(r.logits_last, ref.logits_last) < kTol);
        QVERIFY(pattern_diff(r, ref) < 1e-5);
        QVERIFY(max_diff(r.logits_last, clean_.logits_last) > 1e-4);
    }

    void permutedRows() {
        al::ForwardOptions o;
        o.replace_pattern.push_back({{1, 0}, al::PatternKind::PermutedRows, 7, {}});
        al::Runner runner(model_);
        const al::ForwardResult r = runner.forward(kTrophyIds, o);
        bool moved = false;
        for (int i = 0; i < T_; i++) {
            std::vector<float> a(r.attention.row(1, 0, i), r.attention.row(1, 0, i) + i + 1);
            std::vector<float> b(clean_.attention.row(1, 0, i), clean_.attention.row(1, 0, i) + i + 1);
            if (a != b) moved = true;
            std::sort(a.begin(), a.end());
            std::sort(b.begin(), b.end());
            QCOMPARE(a, b); // the same weights, rearranged
        }
        QVERIFY(moved);
        QVERIFY(earlier_layers_equal(r, clean_, 1));
        // Seeded: the same seed repeats, another seed differs.
        QCOMPARE(runner.forward(kTrophyIds, o).attention.dense(1, 0), r.attention.dense(1, 0));
        o.replace_pattern[0].seed = 8;
        QVERIFY(runner.forward(kTrophyIds, o).attention.dense(1, 0) != r.attention.dense(1, 0));
        // The output uses the permuted pattern.
        const Reference ref = reference(*model_, kTrophyIds, true, {}, [&r](int l, int h, int i, std::vector<double>& p) {
            if (l == 1 && h == 0) for (int j = 0; j <= i; j++) p[j] = r.attention.at(1, 0, i, j);
        });
        QVERIFY(max_diff(r.logits_last, ref.logits_last) < kTol);
    }

    void givenPattern() {
        const int T = T_;
        std::vector<float> g(T * T);
        std::mt19937 rng(3);
        std::uniform_real_distribution<float> u(0.0f, 2.0f);
        for (float& x : g) x = u(rng);
        g[0 * T + 5] = -3.0f; // a masked cell: ignored
        al::ForwardOptions o;
        o.replace_pattern.push_back({{0, 0}, al::PatternKind::Given, 0, g});
        al::Runner runner(model_);
        const al::ForwardResult r = runner.forward(kTrophyIds, o);
        for (int i = 0; i < T; i++) {
            double sum = 0;
            for (int j = 0; j <= i; j++) sum += g[i * T + j];
            for (int j = 0; j <= i; j++) QVERIFY(std::fabs(r.attention.at(0, 0, i, j) - g[i * T + j] / sum) < 1e-6);
        }
        const Reference ref = reference(*model_, kTrophyIds, true, {}, [&](int l, int h, int i, std::vector<double>& p) {
            if (l != 0 || h != 0) return;
            double sum = 0;
            for (int j = 0; j <= i; j++) sum += g[i * T + j];
            for (int j = 0; j <= i; j++) p[j] = g[i * T + j] / sum;
        });
        QVERIFY(max_diff(r.logits_last, ref.logits_last) < kTol);

        auto rejects = [&](std::vector<float> m) {
            al::ForwardOptions bad;
            bad.replace_pattern.push_back({{0, 0}, al::PatternKind::Given, 0, std::move(m)});
            try { runner.forward(kTrophyIds, bad); } catch (const al::Error&) { return true; }
            return false;
        };
        QVERIFY(rejects(std::vector<float>(T * T - 1, 1.0f)));     // wrong size
        std::vector<float> neg = g; neg[3 * T + 1] = -0.5f;
        QVERIFY(rejects(neg));
        std::vector<float> nan = g; nan[2 * T + 2] = NAN;
        QVERIFY(rejects(nan));
        std::vector<float> inf = g; inf[4 * T] = INFINITY;
        QVERIFY(rejects(inf));
        std::vector<float> zero_row = g; std::fill_n(zero_row.begin() + 6 * T, 7, 0.0f);
        QVERIFY(rejects(zero_row));
        QVERIFY(!rejects(g));
    }

    void temperature() {
        al::Runner runner(model_);
        al::ForwardOptions one;
        one.head_temperature.push_back({{0, 2}, 1.0f});
        const al::ForwardResult r1 = runner.forward(kTrophyIds, one);
        QVERIFY(max_diff(r1.logits_last, clean_.logits_last) < 1e-6);
        QCOMPARE(r1.attention.dense(0, 2), clean_.attention.dense(0, 2));

        al::ForwardOptions hot;
        hot.head_temperature.push_back({{0, 2}, 1e6f});
        const al::ForwardResult rh = runner.forward(kTrophyIds, hot);
        for (int i = 0; i < T_; i++)
            for (int j = 0; j <= i; j++) QVERIFY(std::fabs(rh.attention.at(0, 2, i, j) - 1.0f / (i + 1)) < 1e-4);
        QCOMPARE(rh.attention.dense(0, 1), clean_.attention.dense(0, 1)); // other heads of the layer untouched

        al::ForwardOptions half;
        half.head_temperature.push_back({{1, 3}, 0.5f});
        const al::ForwardResult r5 = runner.forward(kTrophyIds, half);
        const Reference ref = reference(*model_, kTrophyIds, true, [](int l, int h, int, std::vector<double>& s) {
            if (l == 1 && h == 3) for (double& x : s) x /= 0.5;
        });
        QVERIFY(max_diff(r5.logits_last, ref.logits_last) < kTol);
        QVERIFY(pattern_diff(r5, ref) < 1e-5);
        for (int i = 0; i < T_; i++) // reported scores are what the softmax saw
            QVERIFY(std::fabs(r5.scores.at(1, 3, i, 0) - 2.0f * clean_.scores.at(1, 3, i, 0)) < 1e-4);
        QVERIFY(earlier_layers_equal(r5, clean_, 1));

        for (float bad : {0.0f, -1.0f, NAN, INFINITY}) {
            al::ForwardOptions o;
            o.head_temperature.push_back({{0, 0}, bad});
            QVERIFY_THROWS_EXCEPTION(al::Error, runner.forward(kTrophyIds, o));
        }
    }

    void maskOff() {
        al::ForwardOptions o;
        o.causal_mask = false;
        al::Runner runner(model_);
        const al::ForwardResult r = runner.forward(kTrophyIds, o);
        QVERIFY(!r.attention.causal());
        for (int l = 0; l < 2; l++)
            for (int h = 0; h < 4; h++)
                for (int i = 0; i < T_; i++) {
                    QCOMPARE(r.attention.row_length(i), T_);
                    double sum = 0;
                    for (int j = 0; j < T_; j++) sum += r.attention.at(l, h, i, j);
                    QVERIFY(std::fabs(sum - 1.0) < 1e-5);
                }
        // Some weight now falls on a later position.
        QVERIFY(r.attention.at(0, 0, 0, T_ - 1) > 0.0f);
        // Layer 0's last row saw every position already: unchanged.
        for (int j = 0; j < T_; j++)
            QVERIFY(std::fabs(r.attention.at(0, 1, T_ - 1, j) - clean_.attention.at(0, 1, T_ - 1, j)) < 1e-6);
        const Reference ref = reference(*model_, kTrophyIds, false);
        QVERIFY(max_diff(r.logits_last, ref.logits_last) < kTol);
        QVERIFY(pattern_diff(r, ref) < 1e-5);
    }

    void badHeadsAndCacheUntouched() {
        al::Runner runner(model_);
        runner.forward(kTrophyIds);
        for (al::HeadRef h : {al::HeadRef{2, 0}, al::HeadRef{0, 4}, al::HeadRef{-1, 0}}) {
            al::ForwardOptions o;
            o.zero_ablate.push_back(h);
            QVERIFY_THROWS_EXCEPTION(al::Error, runner.forward(kTrophyIds, o));
        }
        al::ForwardOptions o;
        o.zero_ablate.push_back({0, 0});
        const al::ForwardResult ablated = runner.forward(kTrophyIds, o);
        QCOMPARE(ablated.reused_prefix, 0);
        // A clean call after an intervention reuses the clean cache and is still clean.
        const al::ForwardResult again = runner.forward(kTrophyIds);
        QCOMPARE(again.reused_prefix, T_);
        QVERIFY(max_diff(again.logits_last, clean_.logits_last) < 1e-6);
    }

    // A raised cancel flag stops the call with al::Cancelled; the runner is usable afterwards and
    // its next answer is the clean one.
    void cancelStopsAndRunnerRecovers() {
        al::Runner runner(model_);
        std::atomic<bool> stop{true};
        al::ForwardOptions o;
        o.cancel = &stop;
        QVERIFY_THROWS_EXCEPTION(al::Cancelled, runner.forward(kTrophyIds, o));
        o.zero_ablate.push_back({1, 2});
        QVERIFY_THROWS_EXCEPTION(al::Cancelled, runner.forward_full(kTrophyIds, o));
        stop = false;
        const al::ForwardResult r = runner.forward(kTrophyIds, al::ForwardOptions{});
        QVERIFY(max_diff(r.logits_last, clean_.logits_last) < 1e-6);
        QVERIFY(pattern_diff(r, reference(*model_, kTrophyIds)) < 1e-5);
    }
};

QTEST_GUILESS_MAIN(TestInterventions)
#include "test_interventions.moc"

// Removing one position's value from one head at the last position (value_removal.h) against a
// plain float64 forward written in this test: every row of every layer recomputed, with
// weight_j · v_j taken out of the head's sum at the last query, and the change measured in the top
// token's logit minus the mean logit over the vocabulary (the quantity Station 6's attribution bars
// split: a shift shared by every token moves no probability). The plain forward itself is first
// checked against the shared fixture's logits, so neither side is judged by the engine alone.
// On the tiny fixture for every head and position; at GPT-2 small's shapes for a few.
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "attention_lens/safetensors.h"
#include "attention_lens/value_removal.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "fixture_cases.h"
#include "gpt2_shaped_model.h"

namespace {

using testing_support::fixtureDir;
using testing_support::fixtureInputIds;

// x [C] -> LayerNorm(x) with weight g and bias b.
std::vector<double> layer_norm(const double* x, const float* g, const float* b, int C, double eps) {
    double mean = 0, var = 0;
    for (int i = 0; i < C; ++i) mean += x[i];
    mean /= C;
    for (int i = 0; i < C; ++i) var += (x[i] - mean) * (x[i] - mean);
    const double s = std::sqrt(var / C + eps);
    std::vector<double> y(static_cast<size_t>(C));
    for (int i = 0; i < C; ++i) y[i] = (x[i] - mean) / s * g[i] + b[i];
    return y;
}

// y [OC] = x [IC] . w [IC][OC] + b
std::vector<double> affine(const std::vector<double>& x, const float* w, const float* b, int IC, int OC) {
    std::vector<double> y(b, b + OC);
    for (int i = 0; i < IC; ++i)
        for (int o = 0; o < OC; ++o) y[o] += x[i] * w[static_cast<size_t>(i) * OC + o];
    return y;
}

// The plain forward: all logits at the last position, with head (rl, rh)'s weight_j · v_j at the
// last query left out of its sum when rj >= 0 (the other weights as they are).
std::vector<double> plain_last_logits(const al::Model& m, const std::vector<int>& ids, int rl, int rh, int rj) {
    const al::Config& cfg = m.config();
    const int L = cfg.n_layer, H = cfg.n_head, C = cfg.n_embd, D = C / H, T = int(ids.size()), V = cfg.vocab_size;
    const int FF = cfg.n_inner > 0 ? cfg.n_inner : 4 * C;
    const double eps = cfg.layer_norm_epsilon;
    std::vector<std::vector<double>> x(static_cast<size_t>(T), std::vector<double>(static_cast<size_t>(C)));
    for (int t = 0; t < T; ++t)
        for (int c = 0; c < C; ++c)
            x[t][c] = double(m.wte()[static_cast<size_t>(ids[t]) * C + c]) + m.wpe()[static_cast<size_t>(t) * C + c];
    for (int l = 0; l < L; ++l) {
        const al::LayerWeights& w = m.layer(l);
        std::vector<std::vector<double>> qkv(static_cast<size_t>(T));
        for (int t = 0; t < T; ++t) qkv[t] = affine(layer_norm(x[t].data(), w.ln1_w, w.ln1_b, C, eps), w.attn_w, w.attn_b, C, 3 * C);
        for (int i = 0; i < T; ++i) {
            std::vector<double> z(static_cast<size_t>(C), 0.0);
            for (int h = 0; h < H; ++h) {
                std::vector<double> p(static_cast<size_t>(i + 1));
                double mx = -1e300, sum = 0;
                for (int j = 0; j <= i; ++j) {
                    double dot = 0;
                    for (int d = 0; d < D; ++d) dot += qkv[i][h * D + d] * qkv[j][C + h * D + d];
                    p[j] = dot / std::sqrt(double(D));
                    mx = std::max(mx, p[j]);
                }
                for (int j = 0; j <= i; ++j) sum += (p[j] = std::exp(p[j] - mx));
                for (int j = 0; j <= i; ++j) {
                    if (l == rl && h == rh && i == T - 1 && j == rj) continue;
                    for (int d = 0; d < D; ++d) z[h * D + d] += p[j] / sum * qkv[j][2 * C + h * D + d];
                }
            }
            const std::vector<double> o = affine(z, w.proj_w, w.proj_b, C, C);
            for (int c = 0; c < C; ++c) x[i][c] += o[c];
        }
        for (int t = 0; t < T; ++t) {
            std::vector<double> f = affine(layer_norm(x[t].data(), w.ln2_w, w.ln2_b, C, eps), w.fc_w, w.fc_b, C, FF);
            for (double& e : f) e = 0.5 * e * (1 + std::tanh(std::sqrt(2 / M_PI) * (e + 0.044715 * e * e * e))); // gelu_new
            const std::vector<double> o = affine(f, w.fcproj_w, w.fcproj_b, FF, C);
            for (int c = 0; c < C; ++c) x[t][c] += o[c];
        }
    }
    const std::vector<double> y = layer_norm(x[T - 1].data(), m.lnf_w(), m.lnf_b(), C, eps);
    std::vector<double> logits(static_cast<size_t>(V), 0.0);
    for (int v = 0; v < V; ++v)
        for (int c = 0; c < C; ++c) logits[v] += y[c] * m.lm_head()[static_cast<size_t>(v) * C + c];
    return logits;
}

// The token's logit minus the mean of all logits.
double aboveMean(const std::vector<double>& logits, int token) {
    double mean = 0;
    for (double v : logits) mean += v;
    return logits[size_t(token)] - mean / double(logits.size());
}

al::ForwardResult keptForward(const std::shared_ptr<const al::Model>& model, const std::vector<int>& ids) {
    al::Runner runner(model);
    al::ForwardOptions o;
    o.keep_hidden = true;
    o.keep_qkv = true;
    return runner.forward(ids, o);
}

} // namespace

class TestValueRemoval : public QObject {
    Q_OBJECT

private slots:
    // The plain forward reproduces the fixture's own logits: it is a fair judge.
    void plainForwardMatchesFixture() {
        QVERIFY2(!fixtureDir().empty(), "AL_FIXTURE_MODEL is not set");
        const auto model = al::Model::load(fixtureDir());
        const al::SafetensorsFile expected(fixtureDir() + "/expected.safetensors");
        const std::vector<int> ids = fixtureInputIds(expected, 0);
        const std::vector<float> want = expected.to_float(expected.info("case0.logits_last"));
        const std::vector<double> got = plain_last_logits(*model, ids, -1, -1, -1);
        for (size_t v = 0; v < want.size(); v += 97)
            QVERIFY2(std::abs(got[v] - want[v]) < 1e-4, qPrintable(QStringLiteral("token %1: %2 vs %3").arg(v).arg(got[v]).arg(want[v])));
    }

    void matchesPlainForwardOnFixture() {
        const auto model = al::Model::load(fixtureDir());
        const al::SafetensorsFile expected(fixtureDir() + "/expected.safetensors");
        const al::Config& cfg = model->config();
        for (int c : {0, 3}) {
            const std::vector<int> ids = fixtureInputIds(expected, c);
            const int T = int(ids.size());
            const al::ForwardResult r = keptForward(model, ids);
            const std::vector<double> clean = plain_last_logits(*model, ids, -1, -1, -1);
            for (int l = 0; l < cfg.n_layer; ++l)
                for (int h = 0; h < cfg.n_head; ++h) {
                    const al::ValueRemoval got = al::value_removal(*model, r, l, h);
                    QCOMPARE(int(got.change.size()), T);
                    QCOMPARE(got.token, int(std::max_element(clean.begin(), clean.end()) - clean.begin()));
                    QVERIFY(std::abs(got.clean_logit - clean[got.token]) < 1e-4);
                    QVERIFY(std::abs(got.clean_above_mean - aboveMean(clean, got.token)) < 1e-4);
                    for (int j = 0; j < T; ++j) {
                        const double want = aboveMean(plain_last_logits(*model, ids, l, h, j), got.token) - aboveMean(clean, got.token);
                        QVERIFY2(std::abs(got.change[j] - want) < 1e-4,
                                 qPrintable(QStringLiteral("case %1, head %2.%3, position %4: %5 vs %6").arg(c).arg(l).arg(h).arg(j)
                                                .arg(got.change[j]).arg(want)));
                    }
                }
        }
    }

    // At GPT-2 small's shapes (12 layers of 12 heads, d 768): an early head, so that eleven later
    // layers carry the change, and the last layer's.
    void matchesPlainForwardAtGpt2SmallShapes() {
        const auto model = testing_support::gpt2ShapedModel(11);
        const std::vector<int> ids = model->tokenizer()->encode("The cat sat on the mat because the cat");
        const int T = int(ids.size());
        const al::ForwardResult r = keptForward(model, ids);
        const std::vector<double> clean = plain_last_logits(*model, ids, -1, -1, -1);
        double largest = 0;
        for (auto [l, h] : {std::pair{1, 4}, std::pair{11, 7}}) {
            const al::ValueRemoval got = al::value_removal(*model, r, l, h);
            for (int j : {0, T / 2, T - 1}) {
                const double want = aboveMean(plain_last_logits(*model, ids, l, h, j), got.token) - aboveMean(clean, got.token);
                largest = std::max(largest, std::abs(want));
                QVERIFY2(std::abs(got.change[j] - want) < 1e-4,
                         qPrintable(QStringLiteral("head %1.%2, position %3: %4 vs %5").arg(l).arg(h).arg(j).arg(got.change[j]).arg(want)));
            }
        }
        QVERIFY(largest > 1e-4); // the comparison measured something
    }

    void refusesWhatItCannotCompute() {
        const auto model = al::Model::load(fixtureDir());
        al::Runner runner(model);
        const std::vector<int> ids{464, 3797, 3332};
        const al::ForwardResult bare = runner.forward(ids, {});
        QVERIFY_THROWS_EXCEPTION(al::Error, al::value_removal(*model, bare, 0, 0));
        const al::ForwardResult r = keptForward(model, ids);
        QVERIFY_THROWS_EXCEPTION(al::Error, al::value_removal(*model, r, 2, 0));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::value_removal(*model, r, 0, 4));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::value_removal(*model, r, -1, 0));
        const std::vector<double> wrongMean(3, 0.0);
        QVERIFY_THROWS_EXCEPTION(al::Error, al::value_removal(*model, r, 0, 0, nullptr, &wrongMean));
        std::atomic<bool> stop{true};
        QVERIFY_THROWS_EXCEPTION(al::Cancelled, al::value_removal(*model, r, 0, 0, &stop));
    }
};

QTEST_APPLESS_MAIN(TestValueRemoval)
#include "test_value_removal.moc"

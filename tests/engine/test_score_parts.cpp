// A head's score taken apart by the parts of the residual stream (score_parts.h), against a float64
// reference built in this test from the shared fixture's independent hidden states and attentions:
// the parts of layer 1's input (token, position, each layer-0 head through its slice of W_O, the
// layer-0 MLP as what is left, the c_proj bias), each through layer 1's LayerNorm with the scale
// held and the head's W_Q or W_K. Every term must match within 1e-4, and the terms must add up to
// the forward pass's score, on the fixture and at GPT-2 small's shapes.
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "attention_lens/safetensors.h"
#include "attention_lens/score_parts.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "gpt2_shaped_model.h"
#include "write_model_folder.h"

#include "fixture_cases.h"

using Vec = std::vector<double>;

class TestScoreParts : public QObject {
    Q_OBJECT
    testing_support::Fixture fx_;

private slots:
    void initTestCase() {
        QVERIFY2(fx_.load(), "AL_FIXTURE_MODEL is not set");
    }

    void matchesFloat64Reference_data() {
        testing_support::addCaseRows({1, 3, 5});
    }
    void matchesFloat64Reference() {
        QFETCH(int, c);
        const std::vector<int> ids = fx_.ids(c);
        const al::Config& cfg = fx_.model->config();
        const int T = static_cast<int>(ids.size()), H = cfg.n_head, C = cfg.n_embd, D = C / H;
        QVERIFY(cfg.n_layer == 2 && T >= 4);
        const std::vector<float> hs = fx_.tensor(c, "hidden_states"); // [3][T][C]
        const std::vector<float> att = fx_.tensor(c, "attentions");   // [2][H][T][T]
        auto hidden = [&](int l, int t) { return hs.data() + (static_cast<size_t>(l) * T + t) * C; };
        const double eps = cfg.layer_norm_epsilon;
        const al::LayerWeights& w0 = fx_.model->layer(0);
        const al::LayerWeights& w1 = fx_.model->layer(1);

        // Layer 0's values at every position, from the reference's own residual stream: [T][C].
        std::vector<Vec> v0(static_cast<size_t>(T), Vec(static_cast<size_t>(C), 0.0));
        for (int t = 0; t < T; ++t) {
            const Vec x = testing_support::layerNorm64(hidden(0, t), w0.ln1_w, w0.ln1_b, C, eps);
            for (int o = 0; o < C; ++o) {
                double s = w0.attn_b[2 * C + o];
                for (int i = 0; i < C; ++i) s += x[i] * w0.attn_w[static_cast<size_t>(i) * 3 * C + 2 * C + o];
                v0[t][o] = s;
            }
        }
        // The parts of layer 1's input at position t, in the engine's order: token, position, the
        // layer-0 heads, the layer-0 MLP, the attention biases.
        auto parts = [&](int t) {
            std::vector<Vec> out;
            Vec tok(static_cast<size_t>(C)), pos(static_cast<size_t>(C));
            for (int i = 0; i < C; ++i) {
                tok[i] = fx_.model->wte()[static_cast<size_t>(ids[t]) * C + i];
                pos[i] = fx_.model->wpe()[static_cast<size_t>(t) * C + i];
            }
            out.push_back(tok);
            out.push_back(pos);
            Vec heads(static_cast<size_t>(C), 0.0);
            for (int h = 0; h < H; ++h) {
                Vec z(static_cast<size_t>(D), 0.0), o(static_cast<size_t>(C), 0.0);
                for (int j = 0; j <= t; ++j)
                    for (int d = 0; d < D; ++d)
                        z[d] += att[((static_cast<size_t>(0) * H + h) * T + t) * T + j] * v0[j][h * D + d];
                for (int d = 0; d < D; ++d)
                    for (int i = 0; i < C; ++i) o[i] += z[d] * w0.proj_w[static_cast<size_t>(h * D + d) * C + i];
                for (int i = 0; i < C; ++i) heads[i] += o[i];
                out.push_back(o);
            }
            Vec mlp(static_cast<size_t>(C)), bias(static_cast<size_t>(C));
            for (int i = 0; i < C; ++i) {
                bias[i] = w0.proj_b[i];
                mlp[i] = double(hidden(1, t)[i]) - hidden(0, t)[i] - heads[i] - bias[i];
            }
            out.push_back(mlp);
            out.push_back(bias);
            return out;
        };
        // Each part through layer 1's LayerNorm (scale of the whole stream) and the columns col0..
        // of c_attn; the last row is the shift β·W + b.
        auto project = [&](int t, int col0) {
            const float* x = hidden(1, t);
            double mean = 0, var = 0;
            for (int i = 0; i < C; ++i) mean += x[i];
            mean /= C;
            for (int i = 0; i < C; ++i) var += (x[i] - mean) * (x[i] - mean);
            const double s = std::sqrt(var / C + eps);
            std::vector<Vec> out;
            for (const Vec& part : parts(t)) {
                double pm = 0;
                for (double v : part) pm += v;
                pm /= C;
                Vec q(static_cast<size_t>(D), 0.0);
                for (int i = 0; i < C; ++i)
                    for (int d = 0; d < D; ++d)
                        q[d] += w1.ln1_w[i] * (part[i] - pm) / s * w1.attn_w[static_cast<size_t>(i) * 3 * C + col0 + d];
                out.push_back(q);
            }
            Vec shift(static_cast<size_t>(D), 0.0);
            for (int d = 0; d < D; ++d) {
                shift[d] = w1.attn_b[col0 + d];
                for (int i = 0; i < C; ++i) shift[d] += w1.ln1_b[i] * w1.attn_w[static_cast<size_t>(i) * 3 * C + col0 + d];
            }
            out.push_back(shift);
            return out;
        };

        al::Runner runner(fx_.model);
        al::ForwardOptions o;
        o.keep_hidden = true;
        o.keep_qkv = true;
        const al::ForwardResult r = runner.forward(ids, o);
        for (int h = 0; h < H; ++h)
            for (const auto& [qi, kj] : std::vector<std::pair<int, int>>{{T - 1, 0}, {T - 1, T - 2}, {T - 1, T - 1}, {T / 2, 1}}) {
                const al::ScoreParts s = al::decompose_score(*fx_.model, r, 1, h, qi, kj);
                const std::vector<Vec> q = project(qi, h * D), k = project(kj, C + h * D);
                QCOMPARE(s.parts.size(), q.size());
                QCOMPARE(int(s.parts.size()), 2 + H + 1 + 1 + 1);
                double sum = 0;
                for (size_t a = 0; a < q.size(); ++a)
                    for (size_t b = 0; b < k.size(); ++b) {
                        double ref = 0;
                        for (int d = 0; d < D; ++d) ref += q[a][d] * k[b][d];
                        ref /= std::sqrt(double(D));
                        sum += ref;
                        QVERIFY2(std::abs(s.term(int(a), int(b)) - ref) < 1e-4,
                                 qPrintable(QStringLiteral("head 1.%1 (%2,%3): %4 x %5: %6 vs %7").arg(h).arg(qi).arg(kj)
                                                .arg(QString::fromStdString(s.parts[a].name()), QString::fromStdString(s.parts[b].name()))
                                                .arg(s.term(int(a), int(b))).arg(ref)));
                    }
                // The parts add up to the score: the reference's own, and the forward pass's.
                QVERIFY2(std::abs(s.sum - sum) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(s.sum).arg(sum)));
                QVERIFY2(std::abs(s.sum - r.scores.at(1, h, qi, kj)) < 1e-4,
                         qPrintable(QStringLiteral("%1 vs the forward's %2").arg(s.sum).arg(r.scores.at(1, h, qi, kj))));
            }
        // Layer 0 has only the embeddings, and their sum is the whole stream.
        const al::ScoreParts s0 = al::decompose_score(*fx_.model, r, 0, 2, T - 1, 1);
        QCOMPARE(int(s0.parts.size()), 3);
        QVERIFY(std::abs(s0.sum - r.scores.at(0, 2, T - 1, 1)) < 1e-4);
    }

    // At GPT-2 small's shapes the parts of the last layer (12 x 12 heads, 11 MLPs) still add up.
    void addsUpAtGpt2SmallShapes() {
        const auto model = testing_support::gpt2ShapedModel(7);
        const std::vector<int> ids = model->tokenizer()->encode("When Mary and John went to the store, John gave a drink to");
        al::Runner runner(model);
        al::ForwardOptions o;
        o.keep_hidden = true;
        o.keep_qkv = true;
        const al::ForwardResult r = runner.forward(ids, o);
        const int T = static_cast<int>(ids.size());
        for (int h : {0, 5, 11}) {
            const al::ScoreParts s = al::decompose_score(*model, r, 11, h, T - 1, 3);
            QCOMPARE(int(s.parts.size()), 2 + 11 * 12 + 11 + 1 + 1);
            const double score = r.scores.at(11, h, T - 1, 3);
            QVERIFY2(std::abs(s.sum - score) < 1e-4 * std::max(1.0, std::abs(score)),
                     qPrintable(QStringLiteral("%1 vs %2").arg(s.sum).arg(score)));
            double largest = 0;
            for (double t : s.terms) largest = std::max(largest, std::abs(t));
            QVERIFY(largest > 0);
        }
    }

    // A model whose config.json scales its scores otherwise (no division by √d, or a further
    // 1/(layer + 1), both real GPT-2 options) is taken apart with its own scale: the terms still
    // add up to the score its forward pass computed, cell by cell and per group.
    void followsTheModelsOwnScale_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("value");
        QTest::newRow("scale_attn_weights false") << QStringLiteral("scale_attn_weights") << false;
        QTest::newRow("scale_attn_by_inverse_layer_idx") << QStringLiteral("scale_attn_by_inverse_layer_idx") << true;
    }
    void followsTheModelsOwnScale() {
        QFETCH(QString, key);
        QFETCH(bool, value);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(testing_support::copyFixtureWithConfig(dir.path(), {{key, value}}));
        const auto model = al::Model::load(dir.path().toStdString());
        QVERIFY(!model->config().scales_by_sqrt_head_dim_only());

        const std::vector<int> ids = fx_.ids(3);
        const int T = int(ids.size());
        al::Runner runner(model);
        al::ForwardOptions o;
        o.keep_hidden = true;
        o.keep_qkv = true;
        const al::ForwardResult r = runner.forward(ids, o);
        for (int h = 0; h < model->config().n_head; ++h) {
            const std::vector<al::ScoreGroups> g = al::score_groups(*model, r, 1, h);
            for (int i = 0; i < T; ++i)
                for (int j = 0; j <= i; ++j) {
                    const double score = r.scores.at(1, h, i, j);
                    const al::ScoreParts s = al::decompose_score(*model, r, 1, h, i, j);
                    QVERIFY2(std::abs(s.sum - score) < 1e-4 * std::max(1.0, std::abs(score)),
                             qPrintable(QStringLiteral("head 1.%1 (%2,%3): terms %4, score %5").arg(h).arg(i).arg(j).arg(s.sum).arg(score)));
                    const al::ScoreGroups& c = g[size_t(i) * T + j];
                    const double grouped = c.position + c.content + c.biases;
                    QVERIFY2(std::abs(grouped - score) < 1e-4 * std::max(1.0, std::abs(score)),
                             qPrintable(QStringLiteral("head 1.%1 (%2,%3): groups %4, score %5").arg(h).arg(i).arg(j).arg(grouped).arg(score)));
                }
        }
    }

    void refusesWhatItCannotTakeApart() {
        const std::vector<int> ids = fx_.ids(1);
        al::Runner runner(fx_.model);
        al::ForwardOptions bare;
        const al::ForwardResult plain = runner.forward(ids, bare);
        QVERIFY_THROWS_EXCEPTION(al::Error, al::decompose_score(*fx_.model, plain, 1, 0, 3, 1));
        al::ForwardOptions o;
        o.keep_hidden = true;
        o.keep_qkv = true;
        const al::ForwardResult r = runner.forward(ids, o);
        QVERIFY_THROWS_EXCEPTION(al::Error, al::decompose_score(*fx_.model, r, 2, 0, 3, 1));  // no layer 2
        QVERIFY_THROWS_EXCEPTION(al::Error, al::decompose_score(*fx_.model, r, 1, 4, 3, 1));  // no head 4
        QVERIFY_THROWS_EXCEPTION(al::Error, al::decompose_score(*fx_.model, r, 1, 0, 3, 4));  // a later key
        QVERIFY_THROWS_EXCEPTION(al::Error, al::decompose_score(*fx_.model, r, 1, 0, -1, 0));
    }

    // Every weight one value: the stream is the same in every channel, so layer 1's LayerNorm
    // divides what float rounding leaves by its epsilon alone. At 1e5 (64 channels) that leaves
    // parts that are noise, whose sum (1.7e37) is nowhere near the score (1.6e24): refused, never
    // shown as adding up. At 1 and at 1e6 the channels stay exactly equal and the parts add up:
    // answered.
    void refusesPartsTooLargeToAddUp_data() {
        QTest::addColumn<float>("fill");
        QTest::addColumn<bool>("refused");
        QTest::newRow("1") << 1.0f << false;
        QTest::newRow("1e5") << 1e5f << true;
        QTest::newRow("1e6") << 1e6f << false;
    }
    void refusesPartsTooLargeToAddUp() {
        QFETCH(float, fill);
        QFETCH(bool, refused);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        testing_support::writeModelFolder(*fx_.model, dir.path().toStdString(), testing_support::fixtureDir(), fill);
        const auto model = al::Model::load(dir.path().toStdString());
        al::Runner runner(model);
        al::ForwardOptions o;
        o.keep_hidden = true;
        o.keep_qkv = true;
        const std::vector<int> ids = model->tokenizer()->encode("ab");
        const al::ForwardResult r = runner.forward(ids, o);
        const int T = static_cast<int>(ids.size());
        if (refused) {
            try {
                al::decompose_score(*model, r, 1, 0, T - 1, 0);
                const al::ScoreParts s = al::decompose_score(*model, r, 1, 0, T - 1, 0);
                double big = 0;
                for (double t : s.terms) big = std::max(big, std::abs(t));
                QFAIL(qPrintable(QStringLiteral("answered: sum %1 score %2 largest %3").arg(s.sum).arg(s.score).arg(big)));
            } catch (const al::Error& e) {
                QVERIFY2(std::string(e.what()).find("too large") != std::string::npos, e.what());
            }
        } else {
            const al::ScoreParts s = al::decompose_score(*model, r, 1, 0, T - 1, 0);
            QVERIFY(std::abs(s.sum - s.score) <= 1e-3 * (1 + std::abs(s.score)));
        }
    }
};

QTEST_APPLESS_MAIN(TestScoreParts)
#include "test_score_parts.moc"

// Value-weighted attention (value_weighted.h) against a float64 reference built in this test from
// the shared fixture's independent hidden states and attentions: each value v_j = LN1(x_j)·W_V + b_V
// through the head's rows of W_O, its norm, times the reference's weight. Every head of both layers;
// the norms of all heads at once against the same reference.
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "attention_lens/safetensors.h"
#include "attention_lens/value_weighted.h"

#include <QtTest/QtTest>

#include <atomic>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "fixture_cases.h"

namespace {

using testing_support::fixtureDir;
using testing_support::fixtureInputIds;

} // namespace

class TestValueWeighted : public QObject {
    Q_OBJECT

private slots:
    void matchesFloat64Reference() {
        QVERIFY2(!fixtureDir().empty(), "AL_FIXTURE_MODEL is not set");
        const auto model = al::Model::load(fixtureDir());
        const al::SafetensorsFile expected(fixtureDir() + "/expected.safetensors");
        const al::Config& cfg = model->config();
        const int L = cfg.n_layer, H = cfg.n_head, C = cfg.n_embd, D = C / H;
        for (int c : {0, 3, 6}) {
            const std::string p = "case" + std::to_string(c) + ".";
            const std::vector<int> ids = fixtureInputIds(expected, c);
            const int T = int(ids.size());
            const std::vector<float> hs = expected.to_float(expected.info(p + "hidden_states")); // [L+1][T][C]
            const std::vector<float> att = expected.to_float(expected.info(p + "attentions"));   // [L][H][T][T]
            al::Runner runner(model);
            al::ForwardOptions o;
            o.keep_qkv = true;
            const al::ForwardResult r = runner.forward(ids, o);
            const std::vector<float> all = al::value_norms_all(*model, r); // [L][H][T]
            QCOMPARE(all.size(), size_t(L) * H * T);
            for (int l = 0; l < L; ++l) {
                const al::LayerWeights& w = model->layer(l);
                for (int h = 0; h < H; ++h) {
                    std::vector<double> norm(static_cast<size_t>(T));
                    for (int j = 0; j < T; ++j) {
                        const float* x = hs.data() + (static_cast<size_t>(l) * T + j) * C;
                        double mean = 0, var = 0;
                        for (int i = 0; i < C; ++i) mean += x[i];
                        mean /= C;
                        for (int i = 0; i < C; ++i) var += (x[i] - mean) * (x[i] - mean);
                        const double s = std::sqrt(var / C + cfg.layer_norm_epsilon);
                        std::vector<double> v(static_cast<size_t>(D)), y(static_cast<size_t>(C), 0.0);
                        for (int d = 0; d < D; ++d) {
                            double acc = w.attn_b[2 * C + h * D + d];
                            for (int i = 0; i < C; ++i)
                                acc += ((x[i] - mean) / s * w.ln1_w[i] + w.ln1_b[i]) * w.attn_w[static_cast<size_t>(i) * 3 * C + 2 * C + h * D + d];
                            v[d] = acc;
                        }
                        for (int d = 0; d < D; ++d)
                            for (int i = 0; i < C; ++i) y[i] += v[d] * w.proj_w[static_cast<size_t>(h * D + d) * C + i];
                        double n = 0;
                        for (double e : y) n += e * e;
                        norm[j] = std::sqrt(n);
                        const float a = all[(static_cast<size_t>(l) * H + h) * T + j];
                        QVERIFY2(std::abs(a - norm[j]) < 1e-4, qPrintable(QStringLiteral("all heads' norms, head %1.%2, position %3: %4 vs %5")
                                                                              .arg(l).arg(h).arg(j).arg(a).arg(norm[j])));
                    }
                    const std::vector<float> got = al::value_weighted_attention(*model, r, l, h);
                    for (int i = 0; i < T; ++i)
                        for (int j = 0; j < T; ++j) {
                            const double want = att[((static_cast<size_t>(l) * H + h) * T + i) * T + j] * norm[j];
                            QVERIFY2(std::abs(got[static_cast<size_t>(i) * T + j] - want) < 1e-4,
                                     qPrintable(QStringLiteral("case %1, head %2.%3, (%4,%5): %6 vs %7").arg(c).arg(l).arg(h).arg(i).arg(j)
                                                    .arg(got[static_cast<size_t>(i) * T + j]).arg(want)));
                        }
                }
            }
        }
    }

    void refusesWhatItCannotCompute() {
        const auto model = al::Model::load(fixtureDir());
        al::Runner runner(model);
        const al::ForwardResult r = runner.forward({464, 3797, 3332}, {});
        QVERIFY_THROWS_EXCEPTION(al::Error, al::value_norms(*model, r, 0, 0));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::value_norms_all(*model, r));
        al::ForwardOptions o;
        o.keep_qkv = true;
        const al::ForwardResult k = runner.forward({464, 3797, 3332}, o);
        QVERIFY_THROWS_EXCEPTION(al::Error, al::value_norms(*model, k, 2, 0));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::value_norms(*model, k, 0, -1));
        std::atomic<bool> stop{true};
        QVERIFY_THROWS_EXCEPTION(al::Cancelled, al::value_norms_all(*model, k, &stop));
    }
};

QTEST_APPLESS_MAIN(TestValueWeighted)
#include "test_value_weighted.moc"

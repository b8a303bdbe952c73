// The logit lens (logit_lens.h) against a float64 reference built in this test from the shared
// fixture's independent hidden states: ln_f and the tied unembedding applied to the stream entering
// each layer at the last position; the last row against the fixture's own logits. Top tokens,
// their probabilities and the final answer's rank must agree, on every case.
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/logit_lens.h"
#include "attention_lens/model.h"
#include "attention_lens/safetensors.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <string>
#include <vector>

#include "gpt2_shaped_model.h"

#include "fixture_cases.h"

class TestLogitLens : public QObject {
    Q_OBJECT
    testing_support::Fixture fx_;

private slots:
    void initTestCase() {
        QVERIFY2(fx_.load(), "AL_FIXTURE_MODEL is not set");
    }

    void matchesFloat64Reference_data() {
        testing_support::addCaseRows(fx_.caseCount());
    }
    void matchesFloat64Reference() {
        QFETCH(int, c);
        const std::vector<int> ids = fx_.ids(c);
        const al::Config& cfg = fx_.model->config();
        const int T = int(ids.size()), L = cfg.n_layer, C = cfg.n_embd, V = cfg.vocab_size, K = 5;
        const std::vector<float> hs = fx_.tensor(c, "hidden_states"); // [L+1][T][C]
        const std::vector<float> last = fx_.tensor(c, "logits_last");  // [V]

        al::Runner runner(fx_.model);
        al::ForwardOptions o;
        o.keep_hidden = true;
        const al::LogitLens lens = al::logit_lens(*fx_.model, runner.forward(ids, o), T - 1, K);
        QCOMPARE(int(lens.rows.size()), L + 1);
        const int answer = int(std::max_element(last.begin(), last.end()) - last.begin());
        QCOMPARE(lens.answer, answer);
        for (int l = 0; l <= L; ++l) {
            // The reference row: the fixture's stream, through ln_f unless it is the last (HF's last
            // hidden state is after ln_f), then the unembedding, in double.
            const float* x = hs.data() + (static_cast<size_t>(l) * T + T - 1) * C;
            const std::vector<double> y = l < L ? testing_support::layerNorm64(x, fx_.model->lnf_w(), fx_.model->lnf_b(), C, cfg.layer_norm_epsilon)
                                                : std::vector<double>(x, x + C);
            std::vector<double> z(static_cast<size_t>(V));
            for (int v = 0; v < V; ++v) {
                double s = 0;
                for (int i = 0; i < C; ++i) s += y[i] * fx_.model->wte()[static_cast<size_t>(v) * C + i];
                z[v] = s;
            }
            if (l == L)
                for (int v = 0; v < V; ++v) QVERIFY(std::abs(z[v] - last[v]) < 1e-3); // the reference agrees with itself
            const double zmax = *std::max_element(z.begin(), z.end());
            double total = 0;
            for (double v : z) total += std::exp(v - zmax);
            std::vector<int> order(static_cast<size_t>(V));
            std::iota(order.begin(), order.end(), 0);
            std::sort(order.begin(), order.end(), [&](int a, int b) { return z[a] > z[b]; });
            const al::LensRow& row = lens.rows[static_cast<size_t>(l)];
            QCOMPARE(int(row.top.size()), K);
            for (int i = 0; i < K; ++i) {
                const double want = std::exp(z[order[i]] - zmax) / total;
                QVERIFY2(std::abs(row.probs[i] - want) < 1e-4, qPrintable(QStringLiteral("layer %1, #%2").arg(l).arg(i)));
                // Ids may differ only where two logits tie within float32's precision.
                if (row.top[i] != order[i])
                    QVERIFY(std::abs(z[row.top[i]] - z[order[i]]) < 1e-4);
            }
            int rank = 0;
            for (int v = 0; v < V; ++v) rank += z[v] > z[answer] + 1e-5;
            QVERIFY2(std::abs(row.answer_rank - rank) <= 1, qPrintable(QStringLiteral("layer %1: %2 vs %3").arg(l).arg(row.answer_rank).arg(rank)));
            QVERIFY(std::abs(row.answer_prob - std::exp(z[answer] - zmax) / total) < 1e-4);
        }
        QCOMPARE(lens.rows.back().answer_rank, 0);
    }

    void gpt2SmallShapes() {
        const auto model = testing_support::gpt2ShapedModel(3);
        const std::vector<int> ids = model->tokenizer()->encode("The cat sat on the mat because it was tired.");
        al::Runner runner(model);
        al::ForwardOptions o;
        o.keep_hidden = true;
        const al::ForwardResult r = runner.forward(ids, o);
        const al::LogitLens lens = al::logit_lens(*model, r, int(ids.size()) - 1, 5);
        QCOMPARE(int(lens.rows.size()), 13);
        const int argmax = int(std::max_element(r.logits_last.begin(), r.logits_last.end()) - r.logits_last.begin());
        QCOMPARE(lens.answer, argmax);
        QCOMPARE(lens.rows.back().top.front(), argmax);
    }

    void refusesBadInput() {
        const std::vector<int> ids = fx_.ids(0);
        al::Runner runner(fx_.model);
        const al::ForwardResult plain = runner.forward(ids, {});
        QVERIFY_THROWS_EXCEPTION(al::Error, al::logit_lens(*fx_.model, plain, 0, 5));
        al::ForwardOptions o;
        o.keep_hidden = true;
        const al::ForwardResult r = runner.forward(ids, o);
        QVERIFY_THROWS_EXCEPTION(al::Error, al::logit_lens(*fx_.model, r, int(ids.size()), 5));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::logit_lens(*fx_.model, r, 0, 0));
    }
};

QTEST_APPLESS_MAIN(TestLogitLens)
#include "test_logit_lens.moc"

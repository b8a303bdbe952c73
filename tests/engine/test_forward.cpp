// GPT-2's forward pass against an independent reference: the tiny random GPT-2 of the shared
// fixtures and the attentions, hidden states and logits Hugging Face's GPT2LMHeadModel computed for
// it (expected.safetensors). Each case's input ids come from the file, so only the forward pass is
// under test. Plus input errors and the consistency of scores, Q/K/V and probabilities.
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "attention_lens/safetensors.h"
#include "attention_lens/variants.h"

#include <QtTest/QtTest>

#include <cmath>
#include <cstring>
#include <functional>
#include <string>

#include "fixture_cases.h"
#include "max_diff.h"

namespace {

using testing_support::max_diff;

constexpr double kTol = 1e-4;

} // namespace

class TestForward : public QObject {
    Q_OBJECT
    testing_support::Fixture fx_;
    int cases_ = 0;

private slots:
    void initTestCase() {
        QVERIFY2(fx_.load(), "AL_FIXTURE_MODEL is not set");
        cases_ = fx_.caseCount();
        QCOMPARE(cases_, 7);
    }

    void matchesReference_data() {
        QTest::addColumn<int>("c");
        QTest::addColumn<bool>("viaForward");
        for (int c = 0; c < 7; c++) {
            QTest::newRow(("full " + std::to_string(c)).c_str()) << c << false;
            QTest::newRow(("forward " + std::to_string(c)).c_str()) << c << true;
        }
    }

    void matchesReference() {
        QFETCH(int, c);
        QFETCH(bool, viaForward);
        const std::vector<int> ids = fx_.ids(c);
        const int T = static_cast<int>(ids.size());
        const al::Config& cfg = fx_.model->config();
        const int L = cfg.n_layer, H = cfg.n_head, C = cfg.n_embd, V = cfg.vocab_size;

        al::Runner runner(fx_.model);
        al::ForwardOptions o;
        o.keep_hidden = true;
        o.all_logits = true;
        al::ForwardResult r = viaForward ? runner.forward(ids, o) : runner.forward_full(ids, o);
        QCOMPARE(r.tokens, T);
        QCOMPARE(r.reused_prefix, 0);

        // attentions [L,H,T,T]: masked cells are exactly 0 in both.
        const std::vector<float> att = fx_.tensor(c, "attentions");
        QCOMPARE(att.size(), size_t(L) * H * T * T);
        for (int l = 0; l < L; l++)
            for (int h = 0; h < H; h++) {
                const std::vector<float> d = r.attention.dense(l, h);
                const double diff = max_diff(d.data(), att.data() + (size_t(l) * H + h) * T * T, size_t(T) * T);
                QVERIFY2(diff <= kTol, qPrintable(QString("attention l%1 h%2 differs by %3").arg(l).arg(h).arg(diff)));
            }
        // hidden_states [L+1,T,C], the last after ln_f.
        const std::vector<float> hid = fx_.tensor(c, "hidden_states");
        QCOMPARE(r.hidden.size(), hid.size());
        for (int l = 0; l <= L; l++) {
            const double diff = max_diff(r.hidden.data() + size_t(l) * T * C, hid.data() + size_t(l) * T * C, size_t(T) * C);
            QVERIFY2(diff <= kTol, qPrintable(QString("hidden %1 differs by %2").arg(l).arg(diff)));
        }
        // logits of the last position [V] and of every position's first 256 tokens.
        const std::vector<float> last = fx_.tensor(c, "logits_last");
        QCOMPARE(r.logits_last.size(), size_t(V));
        const double dl = max_diff(r.logits_last.data(), last.data(), V);
        QVERIFY2(dl <= kTol, qPrintable(QString("logits_last differs by %1").arg(dl)));
        const std::vector<float> first = fx_.tensor(c, "logits_first256");
        for (int t = 0; t < T; t++) {
            const double d = max_diff(r.logits_all.data() + size_t(t) * V, first.data() + size_t(t) * 256, 256);
            QVERIFY2(d <= kTol, qPrintable(QString("logits row %1 differs by %2").arg(t).arg(d)));
        }

        // The last-position-only path (ln_f + lm_head on one row) gives the same logits.
        al::Runner lean(fx_.model);
        const al::ForwardResult r2 = lean.forward_full(ids);
        QVERIFY(r2.logits_all.empty());
        QVERIFY(r2.hidden.empty());
        QVERIFY(max_diff(r2.logits_last.data(), last.data(), V) <= kTol);
    }

    void rowsAreCompactAndNormalised() {
        const std::vector<int> ids = fx_.ids(0);
        const int T = static_cast<int>(ids.size());
        al::Runner runner(fx_.model);
        const al::ForwardResult r = runner.forward_full(ids);
        QVERIFY(r.attention.causal());
        QCOMPARE(r.attention.bytes(), size_t(2) * 4 * (T * (T + 1) / 2) * sizeof(float));
        for (int l = 0; l < 2; l++)
            for (int h = 0; h < 4; h++)
                for (int i = 0; i < T; i++) {
                    QCOMPARE(r.attention.row_length(i), i + 1);
                    double sum = 0;
                    for (int j = 0; j <= i; j++) {
                        QVERIFY(r.attention.at(l, h, i, j) >= 0.0f);
                        sum += r.attention.at(l, h, i, j);
                    }
                    QVERIFY(std::fabs(sum - 1.0) < 1e-5);
                    for (int j = i + 1; j < T; j++) QCOMPARE(r.attention.at(l, h, i, j), 0.0f);
                }
    }

    // Scores are q.k / sqrt(head_dim) from the reported Q and K, and softmax(scores) = attention.
    void scoresQkvConsistent() {
        const std::vector<int> ids = fx_.ids(3);
        const int T = static_cast<int>(ids.size());
        al::Runner runner(fx_.model);
        al::ForwardOptions o;
        o.keep_qkv = true;
        const al::ForwardResult r = runner.forward_full(ids, o);
        const int hd = r.head_dim;
        QCOMPARE(hd, 16);
        QCOMPARE(r.q.size(), size_t(2) * 4 * T * hd);
        double worst_score = 0, worst_prob = 0, worst_z = 0;
        for (int l = 0; l < 2; l++)
            for (int h = 0; h < 4; h++)
                for (int i = 0; i < T; i++) {
                    std::vector<double> s(i + 1);
                    double mx = -1e300;
                    for (int j = 0; j <= i; j++) {
                        double dot = 0;
                        for (int d = 0; d < hd; d++) dot += double(r.q_at(l, h, i)[d]) * r.k_at(l, h, j)[d];
                        s[j] = dot / std::sqrt(double(hd));
                        worst_score = std::max(worst_score, std::fabs(s[j] - r.scores.at(l, h, i, j)));
                        mx = std::max(mx, s[j]);
                    }
                    QCOMPARE(r.scores.dense(l, h, -INFINITY)[size_t(i) * T + std::min(i + 1, T - 1)],
                             i + 1 < T ? -INFINITY : r.scores.at(l, h, i, T - 1));
                    double sum = 0;
                    for (double& x : s) sum += (x = std::exp(x - mx));
                    for (int j = 0; j <= i; j++)
                        worst_prob = std::max(worst_prob, std::fabs(s[j] / sum - r.attention.at(l, h, i, j)));
                    (void)worst_z;
                }
        QVERIFY2(worst_score < 1e-4, qPrintable(QString::number(worst_score)));
        QVERIFY2(worst_prob < 1e-5, qPrintable(QString::number(worst_prob)));
    }

    void rejectsBadInput() {
        al::Runner runner(fx_.model);
        QVERIFY_THROWS_EXCEPTION(al::Error, runner.forward({}));
        QVERIFY_THROWS_EXCEPTION(al::Error, runner.forward_full({}));
        QVERIFY_THROWS_EXCEPTION(al::Error, runner.forward(std::vector<int>(129, 1)));
        QVERIFY_THROWS_EXCEPTION(al::Error, runner.forward({1, 2, -1}));
        QVERIFY_THROWS_EXCEPTION(al::Error, runner.forward({1, 50257}));
        // 128 tokens (n_positions) is allowed; the runner still works after the errors.
        const al::ForwardResult r = runner.forward(std::vector<int>(128, 50256));
        QCOMPARE(r.tokens, 128);
        try {
            runner.forward({5, 50257, 7});
            QFAIL("no error");
        } catch (const al::Error& e) {
            QVERIFY(QString(e.what()).contains("50257"));
        }
    }

    // Weights the load checks would refuse (3e38 in every ln_1 weight), planted in a random model to
    // reach the forward pass's own guard: the pass overflows float32, and instead of answering with
    // NaN it throws, for every way of running it; the runner still works once the weights are sane.
    void nonFiniteResultIsRefused() {
        al::Config c;
        c.n_layer = 1;
        c.n_head = 2;
        c.n_embd = 8;
        c.n_positions = 16;
        c.vocab_size = 16;
        c.n_inner = 32;
        const auto m = al::Model::random(c, 7);
        float* ln1 = const_cast<float*>(m->layer(0).ln1_w); // the random model's own writable arena
        std::fill(ln1, ln1 + c.n_embd, 3e38f);
        al::Runner runner(m);
        const std::vector<int> ids{1, 2, 3, 4};
        auto refused = [](const std::function<void()>& run) {
            try {
                run();
            } catch (const al::Error& e) {
                return QString(e.what()).contains("not finite (inf or NaN)");
            }
            return false;
        };
        QVERIFY(refused([&] { runner.forward(ids); }));
        al::ForwardOptions all;
        all.all_logits = true;
        QVERIFY(refused([&] { runner.forward_full(ids, all); }));
        QVERIFY(refused([&] { al::VariantRunner variants(m, ids); }));
        std::fill(ln1, ln1 + c.n_embd, 1.0f);
        const al::ForwardResult r = runner.forward(ids);
        for (float x : r.logits_last) QVERIFY(std::isfinite(x));
    }

    // A model whose n_positions is a million (an 8 MB file) is refused a text whose attention
    // patterns alone (layers x heads x T^2) would outgrow any computer's memory, before anything is
    // allocated; a short text still runs.
    void refusesTextsBeyondMemory() {
        al::Config c;
        c.n_layer = 1;
        c.n_head = 1;
        c.n_embd = 2;
        c.n_positions = 1 << 20;
        c.vocab_size = 16;
        c.n_inner = 8;
        al::Runner runner(al::Model::random(c, 7));
        const std::vector<int> ids(size_t(1) << 20, 3);
        QElapsedTimer clock;
        clock.start();
        for (int full = 0; full < 2; ++full) {
            try {
                full ? runner.forward_full(ids) : runner.forward(ids);
                QFAIL("a text needing terabytes was run");
            } catch (const al::Error& e) {
                const QString msg = e.what();
                QVERIFY2(msg.contains(" GB of working memory for 1048576 tokens; this machine has "), e.what());
                QVERIFY2(!msg.contains('\n'), e.what());
            }
        }
        QVERIFY2(clock.elapsed() < 5000, "the refusal was not immediate");
        QCOMPARE(runner.forward(std::vector<int>(1000, 3)).tokens, 1000);
    }
};

QTEST_GUILESS_MAIN(TestForward)
#include "test_forward.moc"

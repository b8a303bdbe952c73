// Generation one token at a time with the KV cache: every step's attention rows and logits must be
// those of a forward pass over the whole sequence so far. On the shared fixture's tiny GPT-2 the
// reference is Hugging Face's own output for each case (the case's ids are "written" one at a time
// after its first few); at GPT-2 small's shapes it is a fresh full forward pass.
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/generation.h"
#include "attention_lens/model.h"
#include "attention_lens/safetensors.h"

#include <QtTest/QtTest>

#include <random>
#include <string>

#include "fixture_cases.h"
#include "gpt2_shaped_model.h"
#include "max_diff.h"

using testing_support::max_diff;

namespace {
constexpr double kTol = 1e-4;
}

class TestGeneration : public QObject {
    Q_OBJECT
    testing_support::Fixture fx_;

    // Steps `rest` after `prompt` and compares each step with a fresh full forward of the ids so far.
    static void compareWithFull(const std::shared_ptr<const al::Model>& model, const std::vector<int>& prompt,
                                const std::vector<int>& rest) {
        al::Generation gen(model);
        std::vector<int> ids = prompt;
        const al::ForwardResult first = gen.begin(prompt);
        QCOMPARE(first.tokens, int(prompt.size()));
        for (int token : rest) {
            ids.push_back(token);
            const al::GenerationStep s = gen.step(token);
            const int T = int(ids.size());
            QCOMPARE(s.position, T - 1);
            QCOMPARE(s.token, token);
            QCOMPARE(s.reused, T - 1); // no earlier position computed again
            al::Runner fresh(model);
            al::ForwardOptions o;
            o.keep_scores = false;
            const al::ForwardResult full = fresh.forward_full(ids, o);
            for (int l = 0; l < full.n_layer; l++)
                for (int h = 0; h < full.n_head; h++) {
                    const double d = max_diff(s.row(l, h), full.attention.row(l, h, T - 1), size_t(T));
                    QVERIFY2(d <= kTol, qPrintable(QStringLiteral("T %1 L%2H%3 row differs by %4").arg(T).arg(l).arg(h).arg(d)));
                }
            const double dl = max_diff(s.logits, full.logits_last);
            QVERIFY2(dl <= kTol, qPrintable(QStringLiteral("T %1 logits differ by %2").arg(T).arg(dl)));
        }
        QCOMPARE(gen.ids(), ids);
        QCOMPARE(gen.prompt_length(), int(prompt.size()));
    }

private slots:
    void initTestCase() {
        QVERIFY2(fx_.load(), "AL_FIXTURE_MODEL is not set");
    }

    // Each case's ids after its first three, one at a time: row t of every head and the first 256
    // logits at t must be Hugging Face's for the whole case (its positions up to t do not see later ones).
    void stepsMatchReference_data() {
        testing_support::addCaseRows(fx_.caseCount());
    }
    void stepsMatchReference() {
        QFETCH(int, c);
        const std::vector<int> ids = fx_.ids(c);
        const int T = int(ids.size()), start = 3;
        QVERIFY(T > start);
        const std::vector<float> att = fx_.tensor(c, "attentions");     // [L][H][T][T]
        const std::vector<float> first = fx_.tensor(c, "logits_first256"); // [T][256]
        const int L = fx_.model->config().n_layer, H = fx_.model->config().n_head;
        al::Generation gen(fx_.model);
        gen.begin(std::vector<int>(ids.begin(), ids.begin() + start));
        for (int t = start; t < T; t++) {
            const al::GenerationStep s = gen.step(ids[size_t(t)]);
            QCOMPARE(s.position, t);
            QCOMPARE(s.reused, t);
            for (int l = 0; l < L; l++)
                for (int h = 0; h < H; h++) {
                    const float* ref = att.data() + ((size_t(l) * H + h) * T + t) * T;
                    const double d = max_diff(s.row(l, h), ref, size_t(t) + 1);
                    QVERIFY2(d <= kTol, qPrintable(QStringLiteral("t %1 L%2H%3 differs by %4").arg(t).arg(l).arg(h).arg(d)));
                }
            const double dl = max_diff(s.logits.data(), first.data() + size_t(t) * 256, 256);
            QVERIFY2(dl <= kTol, qPrintable(QStringLiteral("t %1 logits differ by %2").arg(t).arg(dl)));
        }
    }

    // Sampled continuations, as the app writes them, against full forwards on the tiny model.
    void sampledContinuationMatchesFull() {
        std::mt19937 rng(5);
        std::uniform_int_distribution<int> tok(0, fx_.model->config().vocab_size - 1);
        std::vector<int> prompt(9), rest(20);
        for (int& t : prompt) t = tok(rng);
        for (int& t : rest) t = tok(rng);
        compareWithFull(fx_.model, prompt, rest);
    }

    // At GPT-2 small's shapes: 12 x 12 heads, a 40-token text and 8 written tokens.
    void gpt2ShapesMatchFull() {
        const auto model = testing_support::gpt2ShapedModel(77);
        std::mt19937 rng(9);
        std::uniform_int_distribution<int> tok(0, 50256);
        std::vector<int> prompt(40), rest(8);
        for (int& t : prompt) t = tok(rng);
        for (int& t : rest) t = tok(rng);
        compareWithFull(model, prompt, rest);
    }

    void refusesBadInput() {
        al::Generation gen(fx_.model);
        QVERIFY_THROWS_EXCEPTION(al::Error, gen.step(1));                 // nothing to continue
        QVERIFY_THROWS_EXCEPTION(al::Error, gen.begin({}));               // an empty text
        gen.begin({1, 2, 3});
        QVERIFY_THROWS_EXCEPTION(al::Error, gen.step(-1));
        QVERIFY_THROWS_EXCEPTION(al::Error, gen.step(fx_.model->config().vocab_size));
        QCOMPARE(gen.ids().size(), size_t(3));                           // a refused token is not appended
        const al::GenerationStep s = gen.step(4);
        QVERIFY_THROWS_EXCEPTION(al::Error, s.row(fx_.model->config().n_layer, 0));
        // A full context: no position left for another token.
        al::Generation full(fx_.model);
        full.begin(std::vector<int>(size_t(fx_.model->config().n_positions), 7));
        QVERIFY_THROWS_EXCEPTION(al::Error, full.step(1));
    }

    void cancelStopsAndNeedsBegin() {
        al::Generation gen(fx_.model);
        gen.begin({5, 6, 7});
        std::atomic<bool> cancel{true};
        QVERIFY_THROWS_EXCEPTION(al::Cancelled, gen.step(8, &cancel));
        QVERIFY_THROWS_EXCEPTION(al::Error, gen.step(8)); // the cache is gone: begin again
    }
};

QTEST_APPLESS_MAIN(TestGeneration)
#include "test_generation.moc"

// Runner::forward reuses the previous call's keys/values for a shared token prefix; every result
// must equal a fresh forward_full of the same ids (within 1e-5), whatever the sequence of calls.
#include "attention_lens/forward.h"
#include "attention_lens/model.h"

#include <QtTest/QtTest>

#include "max_diff.h"

#include <cmath>
#include <random>

using testing_support::max_diff;

class TestIncremental : public QObject {
    Q_OBJECT
    std::shared_ptr<const al::Model> model_;

    // Runs ids through `inc` (incremental) and a fresh runner (full); compares everything.
    void step(al::Runner& inc, const std::vector<int>& ids, const al::ForwardOptions& o, int expect_reused) {
        const al::ForwardResult a = inc.forward(ids, o);
        al::Runner fresh(model_);
        const al::ForwardResult b = fresh.forward_full(ids, o);
        QCOMPARE(a.reused_prefix, expect_reused);
        QCOMPARE(a.ids, ids);
        QCOMPARE(a.tokens, int(ids.size()));
        const double tol = 1e-5;
        QVERIFY2(max_diff(a.logits_last, b.logits_last) <= tol, "logits_last");
        QVERIFY2(max_diff(a.attention, b.attention) <= tol, "attention");
        if (o.keep_scores) QVERIFY2(max_diff(a.scores, b.scores) <= tol, "scores");
        QVERIFY2(max_diff(a.hidden, b.hidden) <= tol, "hidden");
        QVERIFY2(max_diff(a.logits_all, b.logits_all) <= tol, "logits_all");
        QVERIFY2(max_diff(a.q, b.q) <= tol, "q");
        QVERIFY2(max_diff(a.k, b.k) <= tol, "k");
        QVERIFY2(max_diff(a.v, b.v) <= tol, "v");
    }

private slots:
    void initTestCase() {
        const QByteArray dir = qgetenv("AL_FIXTURE_MODEL");
        QVERIFY2(!dir.isEmpty(), "AL_FIXTURE_MODEL is not set");
        model_ = al::Model::load(dir.toStdString());
    }

    void sequences_data() {
        QTest::addColumn<bool>("everything");
        QTest::newRow("default outputs") << false;
        QTest::newRow("hidden, all logits, qkv") << true;
    }

    void sequences() {
        QFETCH(bool, everything);
        al::ForwardOptions o;
        o.keep_hidden = o.all_logits = o.keep_qkv = everything;
        std::mt19937 rng(11);
        std::uniform_int_distribution<int> tok(0, 50256);
        std::vector<int> a(20);
        for (int& t : a) t = tok(rng);

        al::Runner inc(model_);
        std::vector<int> ids(a.begin(), a.begin() + 10);
        step(inc, ids, o, 0);                               // first call: nothing to reuse
        ids.push_back(a[10]);
        step(inc, ids, o, 10);                              // append one token
        ids.insert(ids.end(), a.begin() + 11, a.end());
        step(inc, ids, o, 11);                              // append nine
        step(inc, ids, o, 20);                              // the same text again
        std::vector<int> shorter(a.begin(), a.begin() + 6);
        step(inc, shorter, o, 6);                           // a shorter text (a prefix)
        step(inc, ids, o, 6);                               // and back to the long one
        std::vector<int> edited = ids;
        edited[13] = (edited[13] + 1) % 50257;
        step(inc, edited, o, 13);                           // an edit in the middle
        std::vector<int> other(15);
        for (int& t : other) t = tok(rng);
        other[0] = (edited[0] + 1) % 50257;
        step(inc, other, o, 0);                             // a totally different text
        std::vector<int> one = {other[0]};
        step(inc, one, o, 1);                               // a single token, a prefix of the last
        std::vector<int> grown = other;
        for (int i = 0; i < 100; i++) grown.push_back(tok(rng));
        step(inc, grown, o, 1);                             // a long extension (crosses block sizes)
        grown.resize(128);
        std::fill(grown.begin() + 115, grown.end(), 50256);
        step(inc, grown, o, 115);                           // up to n_positions
    }

    // Changing which outputs are kept, or an intervention, does not reuse.
    void optionChangesDoNotReuse() {
        std::vector<int> ids = {464, 16383, 1422, 470, 4197};
        al::Runner inc(model_);
        al::ForwardOptions o;
        step(inc, ids, o, 0);
        al::ForwardOptions h;
        h.keep_hidden = true;
        step(inc, ids, h, 0);
        step(inc, ids, h, 5);
        al::ForwardOptions t = h;
        t.head_temperature.push_back({{0, 0}, 2.0f});
        QCOMPARE(inc.forward(ids, t).reused_prefix, 0);
        step(inc, ids, h, 5); // the clean cache survived the intervention call
        inc.reset();
        step(inc, ids, h, 0);
    }

    // A call for attention alone (last_logits off) leaves logits_last empty, shares the cache with
    // ordinary calls, and its attention equals a full forward's.
    void attentionOnlySkipsTheHead() {
        std::vector<int> ids = {464, 16383, 1422, 470, 4197, 262};
        al::Runner inc(model_);
        al::ForwardOptions plain;
        plain.keep_scores = false;
        al::ForwardOptions bare = plain;
        bare.last_logits = false;
        const al::ForwardResult a = inc.forward(ids, bare);
        QVERIFY(a.logits_last.empty());
        al::Runner fresh(model_);
        const al::ForwardResult full = fresh.forward_full(ids, plain);
        QCOMPARE(full.logits_last.size(), size_t(model_->config().vocab_size));
        QVERIFY2(max_diff(a.attention, full.attention) <= 1e-5, "attention");
        ids.push_back(13);
        QCOMPARE(inc.forward(ids, plain).reused_prefix, 6); // the cache is the same for both
        QCOMPARE(inc.forward(ids, bare).reused_prefix, 7);
    }
};

QTEST_GUILESS_MAIN(TestIncremental)
#include "test_incremental.moc"

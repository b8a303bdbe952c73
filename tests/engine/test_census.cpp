// Head census: each score on hand-made patterns with known values, the labels' rules, and a
// census of the fixture model whose numbers agree with its patterns.
#include "attention_lens/census.h"
#include "attention_lens/error.h"
#include "attention_lens/model.h"

#include <QtTest/QtTest>

#include <cmath>
#include <set>

using namespace al::census;

namespace {

constexpr int T = 6;

std::vector<float> pattern(float (*cell)(int i, int j)) {
    std::vector<float> A(T * T, 0.0f);
    for (int i = 0; i < T; i++)
        for (int j = 0; j <= i; j++) A[i * T + j] = cell(i, j);
    return A;
}

bool near(float a, double b) { return std::fabs(a - b) < 1e-6; }

} // namespace

class TestCensus : public QObject {
    Q_OBJECT
private slots:
    void selfPattern() {
        const auto A = pattern([](int i, int j) { return i == j ? 1.0f : 0.0f; });
        QVERIFY(near(self(A, T, false), 1.0));
        QVERIFY(near(self(A, T, true), 1.0));
        QVERIFY(near(previous_token(A, T, false), 0.0));
        QVERIFY(near(first_token(A, T), 0.0));
        QVERIFY(near(mean_distance(A, T, false), 0.0));
        QVERIFY(near(mean_entropy(A, T, false), 0.0));
        QVERIFY(near(entropy_share(A, T, false), 0.0));
        QVERIFY(near(entropy_share(A, T, true), 0.0));
    }

    void previousTokenPattern() {
        const auto A = pattern([](int i, int j) { return (i == 0 || j == i - 1) ? 1.0f : 0.0f; });
        QVERIFY(near(previous_token(A, T, false), 1.0));
        QVERIFY(near(previous_token(A, T, true), 1.0)); // row 1 (all on position 0) is skipped
        QVERIFY(near(self(A, T, false), 0.0));
        QVERIFY(near(first_token(A, T), 1.0 / 5));       // only row 1 puts its weight on 0
        QVERIFY(near(mean_distance(A, T, false), 1.0));
    }

    void uniformPattern() {
        const auto A = pattern([](int i, int) { return 1.0f / (i + 1); });
        double first = 0, ent = 0, dist = 0, prev_nf = 0, dist_nf = 0, ent_nf = 0;
        for (int i = 1; i < T; i++) {
            first += 1.0 / (i + 1);
            ent += std::log(double(i + 1));
            dist += i / 2.0;
            ent_nf += std::log(double(i));            // uniform over 1..i
            dist_nf += (i - 1) / 2.0;
        }
        for (int i = 2; i < T; i++) prev_nf += 1.0 / i;
        QVERIFY(near(first_token(A, T), first / 5));
        QVERIFY(near(previous_token(A, T, false), first / 5)); // 1/(i+1) too
        QVERIFY(near(mean_entropy(A, T, false), ent / 5));
        QVERIFY(near(mean_distance(A, T, false), dist / 5));
        QVERIFY(near(previous_token(A, T, true), prev_nf / 4));
        QVERIFY(near(mean_entropy(A, T, true), ent_nf / 5));
        QVERIFY(near(mean_distance(A, T, true), dist_nf / 5));
        // Uniform rows have the largest entropy they can have, with or without position 0.
        QVERIFY(near(entropy_share(A, T, false), 1.0));
        QVERIFY(near(entropy_share(A, T, true), 1.0));
    }

    // Half on position 0, half on itself: entropy ln 2 in rows of i + 1 cells.
    void entropyShareOfTwoCells() {
        const auto A = pattern([](int i, int j) { return i == 0 ? 1.0f : ((j == 0 || j == i) ? 0.5f : 0.0f); });
        double share = 0;
        for (int i = 1; i < T; i++) share += std::log(2.0) / std::log(double(i + 1));
        QVERIFY(near(entropy_share(A, T, false), share / 5));
        QVERIFY(near(entropy_share(A, T, true), 0.0)); // without position 0, all on itself
    }

    void sinkPattern() {
        // Half on position 0, half on itself.
        const auto A = pattern([](int i, int j) { return i == 0 ? 1.0f : ((j == 0 || j == i) ? 0.5f : 0.0f); });
        QVERIFY(near(first_token(A, T), 0.5));
        QVERIFY(near(self(A, T, false), 0.5));
        QVERIFY(near(self(A, T, true), 1.0));
        QVERIFY(near(mean_entropy(A, T, false), std::log(2.0)));
        QVERIFY(near(mean_entropy(A, T, true), 0.0));
    }

    void duplicateToken() {
        const std::vector<int> ids = {7, 8, 7, 9, 8, 7};
        // Rows 2, 4, 5 have earlier copies (at 0; at 1; at 0 and 2). Put 0.6 on each earlier copy set.
        std::vector<float> A(T * T, 0.0f);
        A[0] = 1;
        A[1 * T + 1] = 1;                           // no earlier copy of 8 at row 1
        A[2 * T + 0] = 0.6f; A[2 * T + 2] = 0.4f;
        A[3 * T + 3] = 1;                           // 9: no earlier copy
        A[4 * T + 1] = 0.6f; A[4 * T + 4] = 0.4f;
        A[5 * T + 0] = 0.3f; A[5 * T + 2] = 0.3f; A[5 * T + 5] = 0.4f;
        QVERIFY(near(duplicate_token(A, ids, false), 0.6));
        // Without position 0: row 2 has no copy at j >= 1 (skipped); row 4: 0.6; row 5: 0.3 / 0.7.
        QVERIFY(near(duplicate_token(A, ids, true), (0.6 + 0.3 / 0.7) / 2));
    }

    void induction() {
        const int n = 4;
        const std::vector<int> ids = {50256, 11, 12, 13, 14, 11, 12, 13, 14};
        const int TT = int(ids.size());
        std::vector<float> ind(TT * TT, 0.0f), prev(TT * TT, 0.0f);
        for (int i = 0; i < TT; i++) {
            const int target = i >= 1 + n ? i - n + 1 : 0;
            ind[i * TT + target] = 1.0f;
            prev[i * TT + std::max(i - 1, 0)] = 1.0f;
        }
        QVERIFY(near(al::census::induction(ind, ids, false), 1.0));
        QVERIFY(near(al::census::induction(ind, ids, true), 1.0));
        QVERIFY(near(al::census::induction(prev, ids, false), 0.0));
        // Without BOS (even length) too.
        const std::vector<int> plain(ids.begin() + 1, ids.end());
        std::vector<float> ind2(8 * 8, 0.0f);
        for (int i = 0; i < 8; i++) ind2[i * 8 + (i >= n ? i - n + 1 : 0)] = 1.0f;
        QVERIFY(near(al::census::induction(ind2, plain, false), 1.0));
        // Not a repeated sequence.
        std::vector<int> broken = ids;
        broken[7] = 99;
        QVERIFY_THROWS_EXCEPTION(al::Error, al::census::induction(ind, broken, false));
    }

    void labels() {
        al::HeadScores s;
        QCOMPARE(al::census_label(s), std::string("mixed"));
        s.first_token = 0.7f;
        QCOMPARE(al::census_label(s), std::string("sink"));
        s.previous_token_nf = 0.9f;
        QCOMPARE(al::census_label(s), std::string("sink")); // raw sink wins over an _nf rule
        s.first_token = 0.1f;
        QCOMPARE(al::census_label(s), std::string("previous-token"));
        s.induction = 0.5f;
        QCOMPARE(al::census_label(s), std::string("induction"));
        al::HeadScores d;
        d.self = 0.45f;
        QCOMPARE(al::census_label(d), std::string("self"));
        d.duplicate_token = 0.5f;
        QCOMPARE(al::census_label(d), std::string("duplicate"));
        al::HeadScores far;
        far.mean_distance_nf = 12.0f;
        QCOMPARE(al::census_label(far), std::string("long-range"));
        far.entropy_share_nf = 0.9f; // far on average only because it spreads over the whole text
        QCOMPARE(al::census_label(far), std::string("diffuse"));
        far.entropy_share_nf = 0.8f;
        QCOMPARE(al::census_label(far), std::string("long-range"));
        far.first_token = 0.6f;      // a sink first
        QCOMPARE(al::census_label(far), std::string("sink"));
    }

    void inductionSequence() {
        al::Config cfg;
        const auto ids = al::induction_sequence(cfg, 50, 3);
        QCOMPARE(int(ids.size()), 101);
        QCOMPARE(ids[0], 50256);
        for (int i = 1; i <= 50; i++) {
            QCOMPARE(ids[i], ids[i + 50]);
            QVERIFY(ids[i] >= 0 && ids[i] < 50256);
        }
        QCOMPARE(al::induction_sequence(cfg, 50, 3), ids);
        QVERIFY(al::induction_sequence(cfg, 50, 4) != ids);
        cfg.n_positions = 21;
        QCOMPARE(int(al::induction_sequence(cfg, 50, 3).size()), 21);
    }

    void fixtureCensus() {
        const QByteArray dir = qgetenv("AL_FIXTURE_MODEL");
        QVERIFY2(!dir.isEmpty(), "AL_FIXTURE_MODEL is not set");
        auto model = al::Model::load(dir.toStdString());
        al::Runner runner(model);
        const std::vector<int> ids = {464, 3797, 3332, 319, 262, 2603, 13, 383, 3797, 3332, 319, 262, 2603, 13};
        al::CensusOptions co;
        co.induction_length = 20;
        co.seed = 5;
        const auto scores = al::head_census(runner, ids, co);
        QCOMPARE(int(scores.size()), 8);
        const al::ForwardResult r = runner.forward(ids);
        QCOMPARE(r.reused_prefix, int(ids.size())); // the census used (and kept) the runner's cache
        const std::set<std::string> labels = {"sink", "previous-token", "self", "duplicate", "induction", "diffuse", "long-range", "mixed"};
        const auto rep = al::induction_sequence(model->config(), 20, 5);
        al::Runner side(model);
        const al::ForwardResult rr = side.forward(rep);
        const int TT = int(ids.size());
        for (const auto& s : scores) {
            const auto A = r.attention.dense(s.head.layer, s.head.head);
            QVERIFY(near(s.previous_token, previous_token(A, TT, false)));
            QVERIFY(near(s.first_token, first_token(A, TT)));
            QVERIFY(near(s.duplicate_token_nf, duplicate_token(A, ids, true)));
            QVERIFY(near(s.entropy, mean_entropy(A, TT, false)));
            QVERIFY(near(s.entropy_share_nf, entropy_share(A, TT, true)));
            QVERIFY(s.entropy_share_nf >= 0.0f && s.entropy_share_nf <= 1.0f + 1e-5f);
            QVERIFY(near(s.induction, al::census::induction(rr.attention.dense(s.head.layer, s.head.head), rep, false)));
            for (float v : {s.previous_token, s.first_token, s.self, s.duplicate_token, s.induction, s.self_nf})
                QVERIFY(v >= 0.0f && v <= 1.0f + 1e-6f);
            QVERIFY(s.entropy >= 0.0f && s.entropy <= std::log(float(TT)) + 1e-5f);
            QVERIFY(s.duplicate_token > 0.0f); // the text repeats, so every head puts some weight on copies
            QVERIFY(labels.count(s.label));
            QCOMPARE(s.label, al::census_label(s));
        }
        QVERIFY(scores[0].head == (al::HeadRef{0, 0}));
        QVERIFY(scores[7].head == (al::HeadRef{1, 3}));
    }

    void censusStopsWhenCancelled() {
        const QByteArray dir = qgetenv("AL_FIXTURE_MODEL");
        QVERIFY2(!dir.isEmpty(), "AL_FIXTURE_MODEL is not set");
        auto model = al::Model::load(dir.toStdString());
        al::Runner runner(model);
        const std::vector<int> ids = {464, 3797, 3332, 319, 262, 2603, 13};
        std::atomic<bool> cancel{true};
        al::CensusOptions co;
        co.cancel = &cancel;
        QVERIFY_THROWS_EXCEPTION(al::Cancelled, al::head_census(runner, ids, co));
        cancel = false; // the runner stays usable, and an unset flag changes nothing
        QCOMPARE(int(al::head_census(runner, ids, co).size()), 8);
    }
};

QTEST_GUILESS_MAIN(TestCensus)
#include "test_census.moc"

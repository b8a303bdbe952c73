// VariantRunner on the fixture model: every kind of intervention, alone, in pairs across layers and
// stacked in batches, gives the same logits as Runner::forward_full with the same options (whose
// own interventions are checked against an independent double-precision computation in
// test_interventions.cpp, and whose clean outputs against the fixture's reference in test_forward).
// The heads' writes into the last position are checked against a computation from the kept q/k/v.
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "attention_lens/variants.h"

#include <QtTest/QtTest>

#include <cmath>

#include "max_diff.h"
#include "trophy_sentence.h"

namespace {

using testing_support::kTrophyIds;
using testing_support::max_diff;

constexpr double kTol = 1e-5;

} // namespace

class TestVariants : public QObject {
    Q_OBJECT
    std::shared_ptr<const al::Model> model_;

    std::vector<float> reference(const al::ForwardOptions& o) {
        al::Runner runner(model_);
        al::ForwardOptions copy = o;
        copy.keep_scores = false;
        return runner.forward_full(kTrophyIds, copy).logits_last;
    }

private slots:
    void initTestCase() {
        const QByteArray dir = qgetenv("AL_FIXTURE_MODEL");
        QVERIFY2(!dir.isEmpty(), "AL_FIXTURE_MODEL is not set");
        model_ = al::Model::load(dir.toStdString());
        QCOMPARE(model_->config().n_layer, 2);
    }

    void cleanMatchesRunner() {
        al::VariantRunner vr(model_, kTrophyIds);
        QVERIFY(max_diff(vr.clean().logits_last, reference({})) < kTol);
        QCOMPARE(vr.run({al::ForwardOptions{}}).at(0).logits_last, vr.clean().logits_last);
    }

    void everyKindMatchesForwardFull() {
        const int L = model_->config().n_layer, H = model_->config().n_head, T = int(kTrophyIds.size());
        std::vector<al::ForwardOptions> variants;
        for (int l = 0; l < L; l++)
            for (int h = 0; h < H; h++) {
                al::ForwardOptions zero;
                zero.zero_ablate = {{l, h}};
                variants.push_back(zero);
                al::ForwardOptions mean;
                mean.mean_ablate = {{l, h}};
                variants.push_back(mean);
                al::ForwardOptions uni;
                uni.replace_pattern.push_back({{l, h}, al::PatternKind::Uniform, 0, {}});
                variants.push_back(uni);
                al::ForwardOptions perm;
                perm.replace_pattern.push_back({{l, h}, al::PatternKind::PermutedRows, 7u + unsigned(h), {}});
                variants.push_back(perm);
                al::ForwardOptions temp;
                temp.head_temperature.push_back({{l, h}, 0.25f + 0.5f * h});
                variants.push_back(temp);
            }
        al::ForwardOptions given;
        std::vector<float> m(size_t(T) * T, 0.0f);
        for (int i = 0; i < T; i++) m[size_t(i) * T + (i > 0 ? i - 1 : 0)] = 1.0f; // previous token
        given.replace_pattern.push_back({{1, 3}, al::PatternKind::Given, 0, m});
        variants.push_back(given);
        al::ForwardOptions pair; // across layers: restarts at layer 0
        pair.zero_ablate = {{0, 1}, {1, 2}};
        variants.push_back(pair);
        al::ForwardOptions unmasked;
        unmasked.causal_mask = false;
        variants.push_back(unmasked);
        al::ForwardOptions mixed;
        mixed.mean_ablate = {{1, 0}};
        mixed.head_temperature.push_back({{1, 1}, 3.0f});
        variants.push_back(mixed);

        al::VariantRunner vr(model_, kTrophyIds);
        int calls = 0, last = 0;
        const std::vector<al::VariantResult> got =
            vr.run(variants, [&](int done, int total) { ++calls; last = done; QCOMPARE(total, int(variants.size())); });
        QCOMPARE(got.size(), variants.size());
        QVERIFY(calls >= 1);
        QCOMPARE(last, int(variants.size()));
        for (size_t i = 0; i < variants.size(); i++) {
            const double d = max_diff(got[i].logits_last, reference(variants[i]));
            if (!(d < kTol)) qWarning("variant %zu differs by %g", i, d);
            QVERIFY(d < kTol);
            // And the intervention did something (a test that cannot fail is no test).
            QVERIFY(max_diff(got[i].logits_last, vr.clean().logits_last) > 1e-6);
        }
        // Each variant alone as well: a batch without a mean ablation in the last layer takes the
        // last-row-only path there, which the mixed batch above does not.
        for (size_t i = 0; i < variants.size(); i++) {
            const std::vector<al::VariantResult> one = vr.run({variants[i]});
            const double d = max_diff(one.at(0).logits_last, reference(variants[i]));
            if (!(d < kTol)) qWarning("variant %zu alone differs by %g", i, d);
            QVERIFY(d < kTol);
        }
    }

    void startLayers() {
        al::VariantRunner vr(model_, kTrophyIds);
        al::ForwardOptions o;
        QCOMPARE(vr.start_layer(o), 2);
        o.zero_ablate = {{1, 0}};
        QCOMPARE(vr.start_layer(o), 1);
        o.mean_ablate = {{0, 3}};
        QCOMPARE(vr.start_layer(o), 0);
        al::ForwardOptions off;
        off.causal_mask = false;
        QCOMPARE(vr.start_layer(off), 0);
    }

    // head_out_last: each head's z at the last row (from the attention and values the Runner
    // keeps) times its rows of c_proj; ablating a head zeroes its own row and leaves earlier
    // layers' rows as they were.
    void headOutputs() {
        const al::Config& c = model_->config();
        const int L = c.n_layer, H = c.n_head, C = c.n_embd, hs = c.head_dim(), T = int(kTrophyIds.size());
        al::Runner runner(model_);
        al::ForwardOptions keep;
        keep.keep_qkv = true;
        keep.keep_hidden = true;
        const al::ForwardResult r = runner.forward_full(kTrophyIds, keep);
        al::VariantRunner vr(model_, kTrophyIds, nullptr, true);
        const std::vector<float>& got = vr.clean().head_out_last;
        QCOMPARE(got.size(), size_t(L) * H * C);
        double worst = 0;
        for (int l = 0; l < L; l++)
            for (int h = 0; h < H; h++) {
                std::vector<double> z(hs, 0.0);
                for (int j = 0; j < T; j++)
                    for (int d = 0; d < hs; d++) z[d] += double(r.attention.at(l, h, T - 1, j)) * r.v_at(l, h, j)[d];
                for (int o = 0; o < C; o++) {
                    double acc = 0;
                    for (int d = 0; d < hs; d++) acc += z[d] * model_->layer(l).proj_w[size_t(h * hs + d) * C + o];
                    worst = std::max(worst, std::fabs(acc - got[(size_t(l) * H + h) * C + o]));
                }
            }
        QVERIFY2(worst < kTol, qPrintable(QString::number(worst)));
        // The residual before ln_f: ln_f of it is the Runner's last hidden state (HF semantics).
        std::vector<float> ln(C);
        const std::vector<float>& x = vr.clean().resid_last;
        double mu = 0, var = 0;
        for (float v : x) mu += v;
        mu /= C;
        for (float v : x) var += (v - mu) * (v - mu);
        var /= C;
        for (int i = 0; i < C; i++)
            QVERIFY(std::fabs((x[i] - mu) / std::sqrt(var + c.layer_norm_epsilon) * model_->lnf_w()[i] + model_->lnf_b()[i] -
                              r.hidden_at(L, T - 1)[i]) < 1e-4);

        al::ForwardOptions ab;
        ab.zero_ablate = {{1, 2}};
        const al::VariantResult v = vr.run({ab}).at(0);
        for (int o = 0; o < C; o++) {
            QCOMPARE(v.head_out_last[(size_t(1) * H + 2) * C + o], 0.0f);
            QCOMPARE(v.head_out_last[size_t(o)], got[size_t(o)]); // layer 0, head 0: untouched
        }
    }

    // The direct logit of the whole residual stream plus ln_f's bias term is the logit itself.
    void directLogitOfEverythingIsTheLogit() {
        al::VariantRunner vr(model_, kTrophyIds, nullptr, true);
        const al::Config& c = model_->config();
        for (int token : {0, 13, 262, 50256}) {
            double bias = 0;
            for (int i = 0; i < c.n_embd; i++) bias += double(model_->lm_head()[size_t(token) * c.n_embd + i]) * model_->lnf_b()[i];
            const float dl = al::direct_logit(*model_, vr.clean().resid_last.data(), vr.clean().resid_last.data(), token);
            QVERIFY(std::fabs(dl + bias - vr.clean().logits_last[token]) < 1e-4);
        }
        QVERIFY_THROWS_EXCEPTION(al::Error, al::direct_logit(*model_, vr.clean().resid_last.data(),
                                                             vr.clean().resid_last.data(), c.vocab_size));
    }

    void badInputAndCancel() {
        QVERIFY_THROWS_EXCEPTION(al::Error, al::VariantRunner(model_, {}));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::VariantRunner(model_, {1, 2, model_->config().vocab_size}));
        al::VariantRunner vr(model_, kTrophyIds);
        al::ForwardOptions bad;
        bad.zero_ablate = {{5, 0}};
        QVERIFY_THROWS_EXCEPTION(al::Error, vr.run({al::ForwardOptions{}, bad}));
        std::atomic<bool> stop{false};
        al::VariantRunner stoppable(model_, kTrophyIds, &stop);
        stop = true;
        al::ForwardOptions one;
        one.zero_ablate = {{0, 0}};
        QVERIFY_THROWS_EXCEPTION(al::Cancelled, stoppable.run({one}));
    }
};

QTEST_GUILESS_MAIN(TestVariants)
#include "test_variants.moc"

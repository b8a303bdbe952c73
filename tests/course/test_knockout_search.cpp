// Station 3's guided knock-out search on the fixture model, checked against computations made here
// along another path: the intact logits from the fixture's independent reference, every knock-out
// through Runner::forward_full (one plain forward per variant), and the backup head's direct
// effects from the attention and values the Runner keeps, pushed through c_proj and a frozen ln_f
// by hand.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/layers.h"
#include "attention_lens/model.h"
#include "heads/knockout_search.h"
#include "fixture.h"

namespace {

std::vector<float> ablatedLogits(al::Runner& r, const std::vector<int>& ids, std::vector<al::HeadRef> heads) {
    al::ForwardOptions o;
    o.keep_scores = false;
    o.zero_ablate = std::move(heads);
    return r.forward_full(ids, o).logits_last;
}

// The direct effect of every head of layers > `after` on `token`'s logit at the last position, in a
// run with `off` zero-ablated: z_h (from kept attention and values) . c_proj rows, centred, times
// ln_f's weight and the run's frozen 1/std, dotted with the token's unembedding. [L*H], 0 for
// layers <= after.
// scale: the final LayerNorm's 1/std to read the effects through (the intact run's, so that a change
// is what the head writes, not a rescaling); this run's own when null. The run's own is left in *ownScale.
std::vector<double> directEffects(const al::Model& m, const std::vector<int>& ids, std::vector<al::HeadRef> off, int token,
                                  const double* scale = nullptr, double* ownScale = nullptr) {
    const al::Config& c = m.config();
    const int L = c.n_layer, H = c.n_head, C = c.n_embd, hs = c.head_dim(), T = int(ids.size());
    al::Runner runner(std::shared_ptr<const al::Model>(&m, [](const al::Model*) {}));
    al::ForwardOptions o;
    o.keep_qkv = true;
    o.keep_hidden = true;
    o.zero_ablate = off;
    const al::ForwardResult r = runner.forward_full(ids, o);
    // The final residual stream of the last position: the last layer's input plus its attention
    // output and its MLP output, rebuilt with the layer functions.
    const al::LayerWeights& w = m.layer(L - 1);
    std::vector<float> z(size_t(T) * C, 0.0f);
    for (int h = 0; h < H; h++) {
        const bool zeroed = std::find(off.begin(), off.end(), al::HeadRef{L - 1, h}) != off.end();
        for (int i = 0; i < T; i++)
            for (int j = 0; j <= i && !zeroed; j++)
                for (int d = 0; d < hs; d++) z[size_t(i) * C + h * hs + d] += r.attention.at(L - 1, h, i, j) * r.v_at(L - 1, h, j)[d];
    }
    std::vector<float> x(r.hidden.begin() + ptrdiff_t(L - 1) * T * C, r.hidden.begin() + ptrdiff_t(L) * T * C);
    std::vector<float> a(size_t(T) * C), fc(size_t(T) * 4 * C);
    al::layers::matmul_forward(a.data(), z.data(), w.proj_w, w.proj_b, T, C, C);
    al::layers::residual_forward(x.data(), x.data(), a.data(), T * C);
    al::layers::layernorm_forward(a.data(), nullptr, nullptr, x.data(), w.ln2_w, w.ln2_b, T, C, c.layer_norm_epsilon);
    al::layers::matmul_forward(fc.data(), a.data(), w.fc_w, w.fc_b, T, C, 4 * C);
    al::layers::gelu_forward(fc.data(), fc.data(), T * 4 * C);
    al::layers::matmul_forward(a.data(), fc.data(), w.fcproj_w, w.fcproj_b, T, 4 * C, C);
    al::layers::residual_forward(x.data(), x.data(), a.data(), T * C);
    const float* last = x.data() + size_t(T - 1) * C;
    double mu = 0, var = 0;
    for (int i = 0; i < C; i++) mu += last[i];
    mu /= C;
    for (int i = 0; i < C; i++) var += (last[i] - mu) * (last[i] - mu);
    const double own = 1.0 / std::sqrt(var / C + c.layer_norm_epsilon);
    if (ownScale) *ownScale = own;
    const double rstd = scale ? *scale : own;

    std::vector<double> out(size_t(L) * H, 0.0);
    for (int l = 0; l < L; l++)
        for (int h = 0; h < H; h++) {
            std::vector<double> zl(hs, 0.0), oh(C, 0.0);
            const bool zeroed = std::find(off.begin(), off.end(), al::HeadRef{l, h}) != off.end();
            for (int j = 0; j < T && !zeroed; j++)
                for (int d = 0; d < hs; d++) zl[d] += double(r.attention.at(l, h, T - 1, j)) * r.v_at(l, h, j)[d];
            double mean = 0;
            for (int k = 0; k < C; k++) {
                for (int d = 0; d < hs; d++) oh[k] += zl[d] * m.layer(l).proj_w[size_t(h * hs + d) * C + k];
                mean += oh[k];
            }
            mean /= C;
            double acc = 0;
            for (int k = 0; k < C; k++) acc += double(m.lm_head()[size_t(token) * C + k]) * m.lnf_w()[k] * (oh[k] - mean) * rstd;
            out[size_t(l) * H + h] = acc;
        }
    return out;
}

// The process's peak resident size in MB (VmHWM), or -1 where it cannot be read.
double peakRssMb() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:")) return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

} // namespace

class TestKnockoutSearch : public QObject {
    Q_OBJECT
    std::shared_ptr<const al::Model> model_;
    std::vector<fixture::Case> cases_;

private slots:
    void initTestCase() {
        QVERIFY2(!fixture::modelDir().isEmpty(), "AL_FIXTURE_MODEL is not set");
        model_ = al::Model::load(fixture::modelDir().toStdString());
        cases_ = fixture::cases();
        QVERIFY(cases_.size() >= 4);
    }

    void searchAgreesWithPlainForwards_data() {
        QTest::addColumn<int>("caseIndex");
        for (int i = 0; i < int(cases_.size()); i++)
            if (cases_[i].ids.size() >= 4) QTest::newRow(qPrintable(QString::number(i))) << i;
    }

    void searchAgreesWithPlainForwards() {
        QFETCH(int, caseIndex);
        const fixture::Case& fc = cases_[caseIndex];
        const int L = fc.L, H = fc.H;
        double progressSeen = -1;
        const course::KnockoutSearch k = course::runKnockoutSearch(model_, fc.ids, nullptr, [&](double p) {
            QVERIFY(p >= progressSeen && p <= 1.0);
            progressSeen = p;
        });
        QCOMPARE(progressSeen, 1.0);
        // The intact run: the independent reference's logits.
        const int refTop = int(std::max_element(fc.logitsLast.begin(), fc.logitsLast.end()) - fc.logitsLast.begin());
        QCOMPARE(k.topToken, refTop);
        QVERIFY(std::abs(k.topLogit - fc.logitsLast[refTop]) < 1e-4);

        // Singles: every head through a plain forward.
        al::Runner runner(model_);
        std::vector<double> d(size_t(L) * H);
        for (int i = 0; i < L * H; i++) {
            d[i] = ablatedLogits(runner, fc.ids, {{i / H, i % H}})[refTop] - fc.logitsLast[refTop];
            QVERIFY2(std::abs(d[i] - k.dLogit[i]) < 2e-4, qPrintable(QStringLiteral("head %1: %2 vs %3").arg(i).arg(d[i]).arg(k.dLogit[i])));
        }
        QCOMPARE(k.strongest, int(std::min_element(d.begin(), d.end()) - d.begin()));

        // Pairs: among the strongest |effects|, the chosen pair has the largest gap from the sum.
        std::vector<int> order(d.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return std::abs(d[a]) > std::abs(d[b]); });
        const int n = std::min<int>(course::KnockoutSearch::kPairCandidates, L * H);
        QCOMPARE(k.candidates, n);
        QCOMPARE(k.pairsTried, n * (n - 1) / 2);
        double bestGap = -1;
        for (int x = 0; x < n; x++)
            for (int y = x + 1; y < n; y++) {
                const int a = order[x], b = order[y];
                const double both = ablatedLogits(runner, fc.ids, {{a / H, a % H}, {b / H, b % H}})[refTop] - fc.logitsLast[refTop];
                bestGap = std::max(bestGap, std::abs(both - d[a] - d[b]));
                if (std::min(a, b) == k.pairA && std::max(a, b) == k.pairB)
                    QVERIFY(std::abs(both - k.pairDBoth) < 2e-4);
            }
        QVERIFY(std::abs(std::abs(k.pairDBoth - k.pairDA - k.pairDB) - bestGap) < 4e-4);

        // Backup: later heads' direct effects, intact and with the strongest head off, both through the
        // intact run's final LayerNorm scale.
        const int sl = k.strongest / H;
        QCOMPARE(k.laterHeadsChecked, (L - 1 - sl) * H);
        double cleanScale = 0;
        const std::vector<double> intact = directEffects(*model_, fc.ids, {}, refTop, nullptr, &cleanScale);
        const std::vector<double> knocked = directEffects(*model_, fc.ids, {{sl, k.strongest % H}}, refTop, &cleanScale);
        int best = -1;
        double bestRise = 0;
        for (int i = (sl + 1) * H; i < L * H; i++)
            if (knocked[i] - intact[i] > bestRise) { bestRise = knocked[i] - intact[i]; best = i; }
        QCOMPARE(k.backup, best);
        if (best >= 0) {
            QVERIFY(std::abs(k.backupDirectIntact - intact[best]) < 1e-4);
            QVERIFY(std::abs(k.backupDirectKnocked - knocked[best]) < 1e-4);
            QCOMPARE(k.backupFound(), bestRise >= 0.1 * std::abs(d[k.strongest]));
        } else {
            QVERIFY(!k.backupFound());
        }
    }

    // Many heads: singles and pairs keep only their logits. Keeping every head's output per
    // variant grew as (layers x heads)^2 x n_embd: 256 MB here, tens of GB for a hostile 2 x 1024.
    void memoryStaysLinearInHeads() {
        al::Config c;
        c.n_layer = 2;
        c.n_head = 256;
        c.n_embd = 256;
        c.n_positions = 32;
        c.vocab_size = 300;
        c.n_inner = 16;
        const auto model = al::Model::random(c, 11);
        const std::vector<int> ids = {5, 9, 14, 5, 9, 27, 3, 5};
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        QVERIFY(clear.open(QIODevice::WriteOnly));
        QVERIFY(clear.write("5") == 1); // resets the peak resident size (VmHWM) to the current one
        clear.close();
        const double before = peakRssMb();
        QVERIFY(before > 0);
        const course::KnockoutSearch k = course::runKnockoutSearch(model, ids);
        QCOMPARE(int(k.dLogit.size()), 512);
        QCOMPARE(k.laterHeadsChecked, k.strongest / 256 == 0 ? 256 : 0);
        const double grown = peakRssMb() - before;
        QVERIFY2(grown < 64, qPrintable(QStringLiteral("the search's peak memory grew by %1 MB").arg(grown)));
    }

    void cancelledAndCached() {
        std::vector<int> ids = cases_[0].ids;
        std::reverse(ids.begin(), ids.end()); // a text no earlier search saw
        std::atomic<bool> stop{true};
        QVERIFY_THROWS_EXCEPTION(al::Cancelled, course::runKnockoutSearch(model_, ids, &stop));
        stop = false;
        const course::KnockoutSearch first = course::runKnockoutSearch(model_, ids, &stop);
        // The same model and text again: the remembered search, even with the flag raised.
        stop = true;
        const course::KnockoutSearch again = course::runKnockoutSearch(model_, ids, &stop);
        QCOMPARE(again.dLogit, first.dLogit);
        QCOMPARE(again.strongest, first.strongest);
        // Another model object is another key.
        const auto copy = al::Model::load(fixture::modelDir().toStdString());
        QVERIFY_THROWS_EXCEPTION(al::Cancelled, course::runKnockoutSearch(copy, ids, &stop));
    }
};

QTEST_MAIN(TestKnockoutSearch)
#include "test_knockout_search.moc"

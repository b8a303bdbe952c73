// Station 1's value-weighted view (Kobayashi et al. 2020): what the lens shows with the toggle on
// is checked against a computation written out here, from the model's c_proj weights and the v
// of a forward pass of its own, with the attention weights of the independent implementation
// (the fixture) or of that forward pass (lens-mini): weight × ‖v_j·W_O‖, each row rescaled to 1;
// the all-heads grid's norms, Station 3's head tiles (on the fixture and at GPT-2 small's shapes)
// and Station 6's three-way comparison against the same computation.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <memory>

#include "fixture.h"
#include "gpt2_shaped_model.h"
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "heads/heads_lab.h"
#include "lens/lens_controller.h"
#include "not/head_three_way.h"

namespace {

// ‖v_j·W_O^h‖ for every position, written out: v from the runner, W_O^h = rows h·D … h·D+D-1 of c_proj.
std::vector<double> directNorms(const al::Model& m, const al::ForwardResult& r, int l, int h) {
    const int H = m.config().n_head, C = m.config().n_embd, D = C / H, T = int(r.ids.size());
    std::vector<double> out(static_cast<size_t>(T));
    for (int j = 0; j < T; ++j) {
        double sq = 0;
        for (int c = 0; c < C; ++c) {
            double y = 0;
            for (int d = 0; d < D; ++d)
                y += double(r.v[((size_t(l) * H + h) * T + j) * D + d]) * m.layer(l).proj_w[size_t(h * D + d) * C + c];
            sq += y * y;
        }
        out[size_t(j)] = std::sqrt(sq);
    }
    return out;
}

// The row i of the view from weights a(i, k): a(i, j)·n_j / Σ_k a(i, k)·n_k (k from 1 with hideFirst).
template <typename Att>
double directCell(const Att& a, const std::vector<double>& n, int i, int j, bool hideFirst) {
    double sum = 0;
    for (int k = hideFirst ? 1 : 0; k <= i; ++k)
        sum += a(i, k) * n[size_t(k)];
    return a(i, j) * n[size_t(j)] / sum;
}

// Station 3's tiles, value-weighted, for every layer: each head's valuePattern against the direct
// computation from weights a(l, h, i, j) and the norms of `fwd`; the raw pattern stays beside it.
// Returns how many cells the view moves by more than 0.02 from the raw weight.
template <typename Att>
int checkHeadTiles(HeadsLab& lab, const al::Model& m, const al::ForwardResult& fwd, const Att& a) {
    const int T = int(fwd.ids.size()), L = m.config().n_layer, H = m.config().n_head;
    int differs = 0;
    for (int l = 0; l < L; ++l) {
        lab.setLayer(l);
        const QVariantList heads = lab.heads();
        if (heads.size() != H) {
            qWarning("layer %d: %d tiles, want %d", l, int(heads.size()), H);
            return -1;
        }
        for (const QVariant& v : heads) {
            const QVariantMap tile = v.toMap();
            const int h = tile.value(QStringLiteral("head")).toInt();
            const QVariantList shown = tile.value(QStringLiteral("valuePattern")).toList();
            const QVariantList raw = tile.value(QStringLiteral("pattern")).toList();
            if (shown.size() != T * T || raw.size() != T * T) {
                qWarning("head %d.%d: %d value-weighted cells, %d raw, want %d", l, h, int(shown.size()), int(raw.size()), T * T);
                return -1;
            }
            const std::vector<double> n = directNorms(m, fwd, l, h);
            auto aw = [&](int i, int j) { return a(l, h, i, j); };
            for (int i = 0; i < T; ++i) {
                double rowSum = 0;
                for (int j = 0; j < T; ++j) {
                    const double want = j > i ? 0.0 : directCell(aw, n, i, j, false);
                    const double got = shown[i * T + j].toDouble();
                    if (std::abs(got - want) > 2e-4) {
                        qWarning("head %d.%d cell %d,%d: %g, want %g", l, h, i, j, got, want);
                        return -1;
                    }
                    if (std::abs(raw[i * T + j].toDouble() - (j > i ? 0.0 : aw(i, j))) > 1e-4) {
                        qWarning("head %d.%d cell %d,%d: the raw weight changed", l, h, i, j);
                        return -1;
                    }
                    rowSum += got;
                    if (std::abs(want - aw(i, j)) > 0.02)
                        ++differs;
                }
                if (std::abs(rowSum - 1.0) > 1e-4) {
                    qWarning("head %d.%d row %d sums to %g", l, h, i, rowSum);
                    return -1;
                }
            }
        }
    }
    return differs;
}

bool settle(HeadsLab& lab) {
    return QTest::qWaitFor([&] { return !lab.heads().isEmpty() && !lab.busy(); }, 120000);
}

bool settle(LensController& lens) {
    return QTest::qWaitFor([&] { return lens.hasResult() && lens.upToDate() && !lens.busy(); }, 30000);
}

// The fixture's model and its forward on one case, q/k/v kept: what a direct computation reads.
std::pair<std::shared_ptr<const al::Model>, al::ForwardResult> fixtureForward(const fixture::Case& c) {
    auto model = al::Model::load(fixture::modelDir().toStdString());
    al::Runner runner(model);
    al::ForwardOptions opt;
    opt.keep_qkv = true;
    al::ForwardResult fwd = runner.forward(c.ids, opt);
    return {std::move(model), std::move(fwd)};
}

} // namespace

class TestLensValueWeighted : public QObject {
    Q_OBJECT

private slots:
    void matchesADirectComputationOnTheFixture() {
        const std::vector<fixture::Case> cases = fixture::cases();
        QVERIFY(!cases.empty());
        const fixture::Case& c = cases.back();
        const auto [model, fwd] = fixtureForward(c);

        LensController lens;
        lens.setFollowHub(false);
        lens.setModel(model);
        lens.requestIds(c.ids);
        QVERIFY(settle(lens));
        QCOMPARE(lens.tokenCount(), c.T);
        lens.setValueWeighted(true);
        int differs = 0;
        for (int l = 0; l < c.L; ++l)
            for (int h = 0; h < c.H; ++h) {
                lens.setLayer(l);
                lens.setHead(h);
                QTRY_VERIFY_WITH_TIMEOUT(lens.valueWeightsReady(), 10000);
                const std::vector<double> n = directNorms(*model, fwd, l, h);
                auto a = [&](int i, int j) { return double(c.att(l, h, i, j)); };
                for (bool hide : {false, true}) {
                    lens.setHideFirst(hide);
                    for (int i = hide ? 1 : 0; i < c.T; ++i) {
                        double rowSum = 0;
                        for (int j = 0; j < c.T; ++j) {
                            const double want = j > i || (hide && j == 0) ? 0.0 : directCell(a, n, i, j, hide);
                            QVERIFY2(std::abs(lens.weight(i, j) - want) < 2e-4,
                                     qPrintable(QStringLiteral("head %1.%2 cell %3,%4: %5 vs %6").arg(l).arg(h).arg(i).arg(j)
                                                    .arg(lens.weight(i, j)).arg(want)));
                            rowSum += lens.weight(i, j);
                            if (std::abs(want - a(i, j)) > 0.02 && !hide)
                                ++differs;
                        }
                        QVERIFY(std::abs(rowSum - 1.0) < 1e-4);
                    }
                }
                lens.setHideFirst(false);
                // The chips show the same numbers for the pinned query; off, the raw weights are back.
                lens.setFocusToken(c.T - 1);
                for (int j = 0; j < c.T; ++j)
                    QVERIFY(std::abs(lens.tokens()->get(j).value(QStringLiteral("weight")).toDouble()
                                     - directCell(a, n, c.T - 1, j, false)) < 2e-4);
                lens.setValueWeighted(false);
                for (int j = 0; j < c.T; ++j)
                    QVERIFY(std::abs(lens.weight(c.T - 1, j) - a(c.T - 1, j)) < 2e-4);
                lens.setValueWeighted(true);
            }
        QVERIFY2(differs > 0, "the value-weighted view never differs from the raw weights: nothing is shown");
        lens.setValueWeighted(false);
        QVERIFY(!lens.overviewValueWeighted()); // the grid is back on the raw weights
    }

    // Station 6's three-way comparison: its raw weights and value-weighted shares at the last
    // position, against the fixture's weights and the norms written out here.
    void threeWayMatchesADirectComputationOnTheFixture() {
        const std::vector<fixture::Case> cases = fixture::cases();
        QVERIFY(!cases.empty());
        const fixture::Case& c = cases.back();
        auto model = al::Model::load(fixture::modelDir().toStdString());
        al::Runner runner(model);
        al::ForwardOptions opt;
        opt.keep_qkv = true;
        opt.keep_hidden = true;
        const al::ForwardResult fwd = runner.forward(c.ids, opt);
        const int last = c.T - 1;
        for (int l = 0; l < c.L; ++l)
            for (int h = 0; h < c.H; ++h) {
                const course::HeadThreeWay w = course::headThreeWay(*model, fwd, l, h);
                const std::vector<double> n = directNorms(*model, fwd, l, h);
                auto a = [&](int i, int j) { return double(c.att(l, h, i, j)); };
                QCOMPARE(int(w.share.size()), c.T);
                for (int j = 0; j < c.T; ++j) {
                    QVERIFY(std::abs(w.weight[size_t(j)] - a(last, j)) < 1e-4);
                    QVERIFY2(std::abs(w.share[size_t(j)] - directCell(a, n, last, j, false)) < 2e-4,
                             qPrintable(QStringLiteral("head %1.%2 position %3: %4 vs %5").arg(l).arg(h).arg(j)
                                            .arg(w.share[size_t(j)]).arg(directCell(a, n, last, j, false))));
                }
                // Each ranking is a permutation of the positions, best first.
                for (const std::vector<int>* order : {&w.byWeight, &w.byShare, &w.byRemoval})
                    QCOMPARE(int(order->size()), c.T);
                QCOMPARE(w.weight[size_t(w.byWeight.front())], *std::max_element(w.weight.begin(), w.weight.end()));
                QCOMPARE(w.share[size_t(w.byShare.front())], *std::max_element(w.share.begin(), w.share.end()));
                for (float d : w.change)
                    QVERIFY(std::abs(d) <= std::abs(w.change[size_t(w.byRemoval.front())]));
            }
    }

    // Station 3's head tiles: the toggle adds every head's value-weighted pattern, row by row the
    // direct computation with the fixture's weights; off, the tiles carry the raw weights only.
    void headTilesMatchADirectComputationOnTheFixture() {
        const std::vector<fixture::Case> cases = fixture::cases();
        QVERIFY(!cases.empty());
        const fixture::Case& c = cases.back();
        const auto [model, fwd] = fixtureForward(c);
        HeadsLab lab;
        lab.setFollowHub(false);
        lab.setModel(model, c.text);
        QVERIFY(settle(lab));
        QVERIFY(!lab.valueWeightsReady());
        QVERIFY(!lab.heads().first().toMap().contains(QStringLiteral("valuePattern")));
        lab.setValueWeighted(true);
        QTRY_VERIFY_WITH_TIMEOUT(lab.valueWeightsReady(), 10000);
        const int differs = checkHeadTiles(lab, *model, fwd, [&](int l, int h, int i, int j) { return double(c.att(l, h, i, j)); });
        QVERIFY2(differs > 0, "the value-weighted tiles never differ from the raw weights: nothing is shown");
        lab.setValueWeighted(false);
        QVERIFY(!lab.valueWeightsReady());
        QVERIFY(!lab.heads().first().toMap().contains(QStringLiteral("valuePattern")));
        // A new text drops the old norms and computes its own.
        lab.setValueWeighted(true);
        lab.setModel(model, cases.front().text);
        QTRY_VERIFY_WITH_TIMEOUT(lab.valueWeightsReady() && !lab.busy(), 30000);
        QCOMPARE(lab.heads().first().toMap().value(QStringLiteral("size")).toInt(), cases.front().T);
        const fixture::Case& c0 = cases.front();
        const al::ForwardResult fwd0 = fixtureForward(c0).second;
        QVERIFY(checkHeadTiles(lab, *model, fwd0, [&](int l, int h, int i, int j) { return double(c0.att(l, h, i, j)); }) >= 0);
    }

    // The same at GPT-2 small's shapes (12 layers × 12 heads, d 768), with the weights of a
    // forward pass of its own.
    void headTilesMatchADirectComputationAtGpt2SmallShapes() {
        auto model = testing_support::gpt2ShapedModel(29);
        HeadsLab lab;
        lab.setFollowHub(false);
        lab.setValueWeighted(true);
        lab.setModel(model, QStringLiteral("When Mary and John went to the store, John gave a drink to"));
        QVERIFY(settle(lab));
        QTRY_VERIFY_WITH_TIMEOUT(lab.valueWeightsReady() && !lab.busy(), 60000);
        QCOMPARE(lab.layers(), 12);
        const std::vector<int> ids = model->tokenizer()->encode("When Mary and John went to the store, John gave a drink to");
        al::Runner runner(model);
        al::ForwardOptions opt;
        opt.keep_qkv = true;
        const al::ForwardResult fwd = runner.forward(ids, opt);
        const int differs = checkHeadTiles(lab, *model, fwd, [&](int l, int h, int i, int j) { return double(fwd.attention.at(l, h, i, j)); });
        QVERIFY(differs >= 0);
    }

    void matchesADirectComputationOnLensMini() {
        auto model = al::Model::load((fixture::sourceDir() + QStringLiteral("/resources/models/lens-mini")).toStdString());
        LensController lens;
        lens.setFollowHub(false);
        lens.setModel(model);
        lens.setText(QStringLiteral("When Mary and John went to the store, John gave a drink to"));
        QVERIFY(settle(lens));
        const std::vector<int> ids = lens.result()->ids;
        al::Runner runner(model);
        al::ForwardOptions opt;
        opt.keep_qkv = true;
        const al::ForwardResult fwd = runner.forward(ids, opt);
        const int T = int(ids.size()), L = model->config().n_layer, H = model->config().n_head;
        lens.setValueWeighted(true);
        // The all-heads grid's norms, every head at once.
        QTRY_VERIFY_WITH_TIMEOUT(lens.overviewValueWeighted(), 10000);
        const std::vector<float>& all = *lens.overviewNorms();
        QCOMPARE(all.size(), size_t(L) * H * T);
        for (int l = 0; l < L; ++l)
            for (int h = 0; h < H; ++h) {
                const std::vector<double> n = directNorms(*model, fwd, l, h);
                for (int j = 0; j < T; ++j)
                    QVERIFY(std::abs(all[(size_t(l) * H + h) * T + j] - n[size_t(j)]) < 1e-4 * std::max(1.0, n[size_t(j)]));
            }
        for (int l = 0; l < L; ++l)
            for (int h = 0; h < H; ++h) {
                lens.setLayer(l);
                lens.setHead(h);
                QTRY_VERIFY_WITH_TIMEOUT(lens.valueWeightsReady(), 10000);
                const std::vector<double> n = directNorms(*model, fwd, l, h);
                auto a = [&](int i, int j) { return double(fwd.attention.at(l, h, i, j)); };
                for (int i = 0; i < T; ++i)
                    for (int j = 0; j <= i; ++j)
                        QVERIFY(std::abs(lens.weight(i, j) - directCell(a, n, i, j, false)) < 2e-4);
            }
    }
};

QTEST_GUILESS_MAIN(TestLensValueWeighted)
#include "test_lens_value_weighted.moc"

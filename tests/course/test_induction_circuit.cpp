// Induction as a circuit: the heads the lab picks are the best by the scores' own definitions,
// computed here from the patterns (attention to the token after the earlier copy; attention to
// the previous token), and the knock-out numbers are what plain forwards give. On lens-mini, whose
// model card reports an induction head and a previous-token head, knocking out the previous-token
// head lowers the induction head's score more than knocking out any other head of its layer.
#include <QtTest>
#include <cmath>

#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "exercises/course_math.h"
#include "heads/induction_circuit.h"
#include "fixture.h"

namespace {

// Mean over the second copy's rows of the weight on the token that
// followed the earlier copy of the current token.
double inductionScore(const al::ForwardResult& r, int l, int h, int offset, int n) {
    double sum = 0;
    int rows = 0;
    for (int i = offset + n; i < offset + 2 * n; ++i, ++rows) sum += r.attention.at(l, h, i, i - n + 1);
    return sum / rows;
}

// Mean over rows 2.. of the weight on the previous token, the first token left out and each row
// renormalised without it.
double previousScore(const al::ForwardResult& r, int l, int h) {
    double sum = 0;
    int rows = 0;
    for (int i = 2; i < r.tokens; ++i) {
        const double rest = 1.0 - r.attention.at(l, h, i, 0);
        if (rest <= 1e-9) continue;
        sum += r.attention.at(l, h, i, i - 1) / rest;
        ++rows;
    }
    return sum / rows;
}

} // namespace

class TestInductionCircuit : public QObject {
    Q_OBJECT

    void checkAgainstPlainForwards(const std::shared_ptr<const al::Model>& m, const std::vector<int>& passage) {
        const course::InductionCircuit c = course::findInductionCircuit(m, passage);
        const int L = m->config().n_layer, H = m->config().n_head;
        const int n = c.passage, offset = int(c.ids.size()) - 2 * n;
        QCOMPARE(int(c.ids.size()), offset + 2 * n);
        QCOMPARE(std::vector<int>(c.ids.begin() + offset, c.ids.begin() + offset + n),
                 std::vector<int>(c.ids.begin() + offset + n, c.ids.end()));
        al::Runner runner(m);
        const al::ForwardResult r = runner.forward_full(c.ids);
        double best = -1, bestPrev = -1;
        for (int l = 1; l < L; ++l)
            for (int h = 0; h < H; ++h) best = std::max(best, inductionScore(r, l, h, offset, n));
        QVERIFY(c.indLayer >= 1);
        QVERIFY(std::abs(c.indScore - best) < 1e-5);
        QVERIFY(std::abs(c.indScore - inductionScore(r, c.indLayer, c.indHead, offset, n)) < 1e-5);
        for (int l = 0; l < c.indLayer; ++l)
            for (int h = 0; h < H; ++h) bestPrev = std::max(bestPrev, previousScore(r, l, h));
        QVERIFY(c.prevLayer < c.indLayer);
        QVERIFY(std::abs(c.prevScore - bestPrev) < 1e-4);
        double control = 0;
        for (int h = 0; h < H; ++h) {
            al::ForwardOptions o;
            o.zero_ablate = {{c.prevLayer, h}};
            const double s = inductionScore(runner.forward_full(c.ids, o), c.indLayer, c.indHead, offset, n);
            if (h == c.prevHead) QVERIFY(std::abs(s - c.indScoreWithoutPrev) < 1e-5);
            else control += s / (H - 1);
        }
        QCOMPARE(c.controlCount, H - 1);
        QVERIFY(std::abs(control - c.controlMean) < 1e-5);
        QCOMPARE(c.indPattern.size(), c.ids.size() * c.ids.size());
    }

private slots:
    void fixtureModel() {
        const auto m = al::Model::load(fixture::modelDir().toStdString());
        checkAgainstPlainForwards(m, fixture::cases()[0].ids);
        const std::vector<int> tooShort{1, 2, 3};
        QVERIFY_THROWS_EXCEPTION(al::Error, course::findInductionCircuit(m, tooShort));
    }

    void lensMiniFormsACircuit() {
        const QString dir = fixture::sourceDir() + QStringLiteral("/resources/models/lens-mini");
        const auto m = al::Model::load(dir.toStdString());
        const std::vector<int> passage = course::tokenize(*m, "The little dog ran to the park and found a red ball under the tree.", 24);
        checkAgainstPlainForwards(m, passage);
        const course::InductionCircuit c = course::findInductionCircuit(m, passage);
        qInfo("lens-mini: previous-token %d.%d (%.2f), induction %d.%d (%.2f), without %.2f, control %.2f", c.prevLayer,
              c.prevHead, c.prevScore, c.indLayer, c.indHead, c.indScore, c.indScoreWithoutPrev, c.controlMean);
        QVERIFY(c.indScore > 0.2);
        QVERIFY(c.indScore - c.indScoreWithoutPrev > 2 * (c.indScore - c.controlMean));
    }
};

QTEST_MAIN(TestInductionCircuit)
#include "test_induction_circuit.moc"

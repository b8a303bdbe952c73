// Station 3's "why a head attends" figure (ScoreSplitLab) at GPT-2 small's shapes: the table's
// terms and their summed rest add up to the score the forward pass computed (within 1e-4), the
// shares it shows are those of a direct al::score_split on a forward pass run here, a clicked cell
// is the one taken apart, and a cell the query cannot see falls back to the row's largest weight.
#include <QSignalSpy>
#include <QtTest>
#include <cmath>
#include <memory>

#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "attention_lens/score_parts.h"
#include "exercises/course_math.h"
#include "gpt2_shaped_model.h"
#include "heads/score_split_lab.h"

class TestScoreSplitLab : public QObject {
    Q_OBJECT
    std::shared_ptr<const al::Model> model_;
    std::vector<int> ids_;
    al::ForwardResult forward_;
    const QString text_ = QStringLiteral("When Mary and John went to the store, John gave a drink to Mary. ").repeated(6);

    // Waits for the lab's next result.
    static bool nextResult(ScoreSplitLab& lab, QSignalSpy& spy) {
        for (int n = 0; n < 1200 && (spy.isEmpty() || lab.busy()); ++n) QTest::qWait(50);
        return !spy.isEmpty() && !lab.busy();
    }

    // The cell the result shows: its terms and rest add up to its sum, and the sum to the score.
    void checkCell(const QVariantMap& r, int layer, int head, int query, int key) {
        const QVariantMap cell = r.value(QStringLiteral("cell")).toMap();
        QCOMPARE(cell.value(QStringLiteral("query")).toInt(), query);
        QCOMPARE(cell.value(QStringLiteral("key")).toInt(), key);
        double sum = cell.value(QStringLiteral("rest")).toDouble();
        const QVariantList terms = cell.value(QStringLiteral("terms")).toList();
        QCOMPARE(terms.size(), ScoreSplitLab::kTerms);
        double smallestListed = 1e300;
        for (const QVariant& t : terms) {
            sum += t.toMap().value(QStringLiteral("value")).toDouble();
            smallestListed = std::min(smallestListed, std::abs(t.toMap().value(QStringLiteral("value")).toDouble()));
        }
        const double score = forward_.scores.at(layer, head, query, key);
        QVERIFY2(std::abs(sum - score) < 1e-4 * std::max(1.0, std::abs(score)),
                 qPrintable(QStringLiteral("%1.%2 (%3,%4): terms add up to %5, the score is %6").arg(layer).arg(head).arg(query).arg(key).arg(sum).arg(score)));
        QVERIFY(std::abs(cell.value(QStringLiteral("score")).toDouble() - score) < 1e-5 * std::max(1.0, std::abs(score)));
        QVERIFY(std::abs(cell.value(QStringLiteral("weight")).toDouble() - forward_.attention.at(layer, head, query, key)) < 1e-6);
        // The listed terms are the largest: none of the rest is larger than the smallest listed
        // (checked against the engine's own terms of that cell).
        const al::ScoreParts p = al::decompose_score(*model_, forward_, layer, head, query, key);
        int larger = 0;
        for (double t : p.terms) larger += std::abs(t) > smallestListed;
        QVERIFY(larger <= ScoreSplitLab::kTerms);
        QCOMPARE(cell.value(QStringLiteral("parts")).toInt(), int(p.parts.size()));
        QCOMPARE(cell.value(QStringLiteral("restCount")).toInt(), int(p.parts.size() * p.parts.size()) - ScoreSplitLab::kTerms);
    }

private slots:
    void initTestCase() {
        model_ = testing_support::gpt2ShapedModel(99);
        ids_ = course::tokenize(*model_, text_.toStdString(), course::kTokenCap);
        QCOMPARE(int(ids_.size()), 64);
        al::Runner runner(model_);
        al::ForwardOptions o;
        o.keep_hidden = true;
        o.keep_qkv = true;
        forward_ = runner.forward_full(ids_, o);
    }

    void figureMatchesDirectComputation() {
        ScoreSplitLab lab;
        lab.setFollowHub(false);
        lab.setLayer(9);
        lab.setHead(4);
        QSignalSpy spy(&lab, &ScoreSplitLab::resultChanged);
        lab.setModel(model_, text_);
        QVERIFY(nextResult(lab, spy));
        QVERIFY2(lab.error().isEmpty(), qPrintable(lab.error()));
        QVariantMap r = lab.result();
        QCOMPARE(r.value(QStringLiteral("size")).toInt(), 64);
        // By default: the last query and the key it weights most.
        int best = 0;
        for (int j = 1; j < 64; ++j)
            if (forward_.attention.at(9, 4, 63, j) > forward_.attention.at(9, 4, 63, best)) best = j;
        checkCell(r, 9, 4, 63, best);
        // The layer's shares, head by head, are a direct score_split's.
        const QVariantList layer = r.value(QStringLiteral("layerSplits")).toList();
        QCOMPARE(layer.size(), 12);
        for (int h = 0; h < 12; ++h) {
            const al::ScoreSplit s = al::score_split(*model_, forward_, 9, h);
            const QVariantMap m = layer[h].toMap();
            QCOMPARE(m.value(QStringLiteral("head")).toInt(), h);
            QVERIFY(std::abs(m.value(QStringLiteral("position")).toDouble() - s.position) < 1e-9);
            QVERIFY(std::abs(m.value(QStringLiteral("content")).toDouble() - s.content) < 1e-9);
            QVERIFY(std::abs(m.value(QStringLiteral("biases")).toDouble() - s.biases) < 1e-9);
        }
        QCOMPARE(r.value(QStringLiteral("split")).toMap(), layer[4].toMap());

        // A clicked cell is the one taken apart; the layer's shares stay.
        spy.clear();
        lab.pickCell(40, 7);
        QVERIFY(nextResult(lab, spy));
        checkCell(lab.result(), 9, 4, 40, 7);

        // Another head of the last layer, with a key its query cannot see: the row's largest weight.
        spy.clear();
        lab.setLayer(11);
        lab.setHead(2);
        lab.pickCell(20, 30);
        QVERIFY(nextResult(lab, spy));
        best = 0;
        for (int j = 1; j <= 20; ++j)
            if (forward_.attention.at(11, 2, 20, j) > forward_.attention.at(11, 2, 20, best)) best = j;
        checkCell(lab.result(), 11, 2, 20, best);
    }
};

QTEST_MAIN(TestScoreSplitLab)
#include "test_score_split_lab.moc"

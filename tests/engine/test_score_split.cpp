// A head's scores grouped into position, content and fixed biases, and its shares of the choice of
// keys (score_parts.h: score_groups, score_split), against a plain recomputation in this test from
// the per-part terms of decompose_score (which test_score_parts checks against a float64 reference
// of its own): each term goes to its group by the kinds of its two parts, the groups are centred
// on their mean over the keys a query may see and weighted by the attention. On the fixture and at
// GPT-2 small's shapes.
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "attention_lens/safetensors.h"
#include "attention_lens/score_parts.h"

#include <QtTest/QtTest>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "gpt2_shaped_model.h"

#include "fixture_cases.h"

namespace {

using testing_support::fixtureDir;

enum Group { Position, Content, Biases };

// A part's kind: the position embedding, content (token, heads, MLPs), or a fixed bias.
Group kindOf(const al::StreamPart& p) {
    switch (p.kind) {
    case al::StreamPart::Kind::Position: return Position;
    case al::StreamPart::Kind::Token:
    case al::StreamPart::Kind::Head:
    case al::StreamPart::Kind::Mlp: return Content;
    default: return Biases;
    }
}

// The group of a term from its two parts' kinds: content on either side makes it content; else
// position on either side makes it position; else it is biases on both sides.
Group groupOf(Group a, Group b) {
    if (a == Content || b == Content) return Content;
    if (a == Position || b == Position) return Position;
    return Biases;
}

struct Plain {
    std::vector<std::array<double, 3>> cells; // [T][T]: the groups' sums
    std::array<double, 3> share{};
};

// Every cell taken apart part by part, grouped, and the shares computed from the groups.
Plain plainSplit(const al::Model& m, const al::ForwardResult& r, int layer, int head) {
    const int T = static_cast<int>(r.ids.size());
    Plain p;
    p.cells.assign(static_cast<size_t>(T) * T, {0, 0, 0});
    for (int i = 0; i < T; ++i)
        for (int j = 0; j <= i; ++j) {
            const al::ScoreParts s = al::decompose_score(m, r, layer, head, i, j);
            const size_t P = s.parts.size();
            for (size_t a = 0; a < P; ++a)
                for (size_t b = 0; b < P; ++b)
                    p.cells[static_cast<size_t>(i) * T + j][groupOf(kindOf(s.parts[a]), kindOf(s.parts[b]))] +=
                        s.term(int(a), int(b));
        }
    double total = 0;
    for (int i = 1; i < T; ++i)
        for (int g = 0; g < 3; ++g) {
            double mean = 0;
            for (int j = 0; j <= i; ++j) mean += p.cells[static_cast<size_t>(i) * T + j][g];
            mean /= i + 1;
            for (int j = 0; j <= i; ++j) {
                const double v = r.attention.at(layer, head, i, j) * std::abs(p.cells[static_cast<size_t>(i) * T + j][g] - mean);
                p.share[g] += v;
                total += v;
            }
        }
    for (double& s : p.share) s /= total;
    return p;
}

void compareWithPlain(const al::Model& m, const al::ForwardResult& r, int layer, int head) {
    const int T = static_cast<int>(r.ids.size());
    const Plain p = plainSplit(m, r, layer, head);
    const std::vector<al::ScoreGroups> g = al::score_groups(m, r, layer, head);
    QCOMPARE(int(g.size()), T * T);
    for (int i = 0; i < T; ++i)
        for (int j = 0; j <= i; ++j) {
            const al::ScoreGroups& c = g[static_cast<size_t>(i) * T + j];
            const auto& ref = p.cells[static_cast<size_t>(i) * T + j];
            const QString where = QStringLiteral("head %1.%2 (%3,%4)").arg(layer).arg(head).arg(i).arg(j);
            QVERIFY2(std::abs(c.position - ref[Position]) < 1e-4, qPrintable(where + QStringLiteral(" position %1 vs %2").arg(c.position).arg(ref[Position])));
            QVERIFY2(std::abs(c.content - ref[Content]) < 1e-4, qPrintable(where + QStringLiteral(" content %1 vs %2").arg(c.content).arg(ref[Content])));
            QVERIFY2(std::abs(c.biases - ref[Biases]) < 1e-4, qPrintable(where + QStringLiteral(" biases %1 vs %2").arg(c.biases).arg(ref[Biases])));
            // The three add up to the forward pass's own score.
            const double score = r.scores.at(layer, head, i, j);
            QVERIFY2(std::abs(c.position + c.content + c.biases - score) < 1e-4 * std::max(1.0, std::abs(score)),
                     qPrintable(where + QStringLiteral(" sum %1 vs the score %2").arg(c.position + c.content + c.biases).arg(score)));
        }
    const al::ScoreSplit s = al::score_split(m, r, layer, head);
    QCOMPARE(s.layer, layer);
    QCOMPARE(s.head, head);
    QVERIFY2(std::abs(s.position - p.share[Position]) < 1e-6, qPrintable(QStringLiteral("%1 vs %2").arg(s.position).arg(p.share[Position])));
    QVERIFY2(std::abs(s.content - p.share[Content]) < 1e-6, qPrintable(QStringLiteral("%1 vs %2").arg(s.content).arg(p.share[Content])));
    QVERIFY2(std::abs(s.biases - p.share[Biases]) < 1e-6, qPrintable(QStringLiteral("%1 vs %2").arg(s.biases).arg(p.share[Biases])));
    QVERIFY(std::abs(s.position + s.content + s.biases - 1) < 1e-9);
}

al::ForwardResult forwardKept(const std::shared_ptr<const al::Model>& m, const std::vector<int>& ids) {
    al::Runner runner(m);
    al::ForwardOptions o;
    o.keep_hidden = true;
    o.keep_qkv = true;
    return runner.forward(ids, o);
}

} // namespace

class TestScoreSplit : public QObject {
    Q_OBJECT

private slots:
    // Both layers of the fixture, every head: the groups and shares match the plain recomputation.
    void fixtureMatchesPlainRecomputation() {
        QVERIFY2(!fixtureDir().empty(), "AL_FIXTURE_MODEL is not set");
        const auto m = al::Model::load(fixtureDir());
        const al::SafetensorsFile expected(fixtureDir() + "/expected.safetensors");
        const std::vector<int> ids = testing_support::fixtureInputIds(expected, 3);
        QVERIFY(ids.size() >= 4);
        const al::ForwardResult r = forwardKept(m, ids);
        for (int l = 0; l < m->config().n_layer; ++l)
            for (int h = 0; h < m->config().n_head; ++h) compareWithPlain(*m, r, l, h);
    }

    // GPT-2 small's shapes: an early layer in full (the plain recomputation is one decomposition
    // per cell), and in the last layer the groups still add up to the score at every cell.
    void gpt2ShapesMatchPlainRecomputation() {
        const auto m = testing_support::gpt2ShapedModel(11);
        const std::vector<int> ids = m->tokenizer()->encode("When Mary and John went to the store, John gave");
        const al::ForwardResult r = forwardKept(m, ids);
        compareWithPlain(*m, r, 1, 3);
        const int T = static_cast<int>(ids.size());
        for (int h : {0, 7}) {
            const std::vector<al::ScoreGroups> g = al::score_groups(*m, r, 11, h);
            for (int i = 0; i < T; ++i)
                for (int j = 0; j <= i; ++j) {
                    const al::ScoreGroups& c = g[static_cast<size_t>(i) * T + j];
                    const double score = r.scores.at(11, h, i, j);
                    QVERIFY2(std::abs(c.position + c.content + c.biases - score) < 1e-4 * std::max(1.0, std::abs(score)),
                             qPrintable(QStringLiteral("11.%1 (%2,%3): %4 vs %5").arg(h).arg(i).arg(j)
                                            .arg(c.position + c.content + c.biases).arg(score)));
                }
        }
    }

    // The same token at every position: layer 0's content is then one vector on every side, which
    // tells keys apart only through each position's LayerNorm scale, so position is the larger share.
    void sameTokenEverywhereIsNoContent() {
        const auto m = testing_support::gpt2ShapedModel(5);
        const std::vector<int> ids(12, m->tokenizer()->encode(" the").front());
        const al::ForwardResult r = forwardKept(m, ids);
        for (int h : {0, 4, 9}) {
            const al::ScoreSplit s = al::score_split(*m, r, 0, h);
            QVERIFY2(s.position > 0.5, qPrintable(QStringLiteral("0.%1: position %2").arg(h).arg(s.position)));
            compareWithPlain(*m, r, 0, h);
        }
    }

    void refusesWhatItCannotSplit() {
        const auto m = testing_support::gpt2ShapedModel(3);
        const std::vector<int> ids = m->tokenizer()->encode("a short text");
        const al::ForwardResult kept = forwardKept(m, ids);
        QVERIFY_THROWS_EXCEPTION(al::Error, al::score_split(*m, kept, 12, 0));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::score_split(*m, kept, 0, -1));
        al::Runner runner(m);
        const al::ForwardResult plain = runner.forward(ids); // no hidden states kept
        QVERIFY_THROWS_EXCEPTION(al::Error, al::score_split(*m, plain, 0, 0));
        // One token: no row has a choice, so there is nothing to share out.
        const al::ForwardResult one = forwardKept(m, {ids.front()});
        const al::ScoreSplit s = al::score_split(*m, one, 3, 2);
        QCOMPARE(s.position + s.content + s.biases, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestScoreSplit)
#include "test_score_split.moc"

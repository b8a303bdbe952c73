// Station 3's patching pair on the learner's text, and its card. Every replacement patchText
// reports is measured again here with plain full forwards of both texts (no cached prefix), and the
// pair it chooses must have the largest gap among them. The card asks about the learner's text
// where that gap is large enough (after the wider search where the first positions move nothing),
// falls back to the first worked pair (the indirect-object
// sentences) where it is not, and refuses only where that pair has no gap either; the fallback's
// answer is checked against a patching of that pair's texts computed here.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <set>

#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "attention_lens/patching.h"
#include "exercises/course_math.h"
#include "exercises/exercise_engine.h"
#include "heads/patching_pair.h"
#include "fixture.h"

namespace {

int argmaxSkip(const std::vector<float>& v, int skip) {
    int best = -1;
    for (int i = 0; i < int(v.size()); ++i)
        if (i != skip && (best < 0 || v[size_t(i)] > v[size_t(best)])) best = i;
    return best;
}

// The measure's gap for clean/corrupted last logits, as the station defines it: the clean run's top
// token against the corrupted run's top token (the clean runner-up where both agree).
float gapOf(const std::vector<float>& c, const std::vector<float>& r) {
    const int answer = argmaxSkip(c, -1);
    int wrong = argmaxSkip(r, -1);
    if (wrong == answer) wrong = argmaxSkip(c, answer);
    return (c[size_t(answer)] - c[size_t(wrong)]) - (r[size_t(answer)] - r[size_t(wrong)]);
}

std::vector<float> lastLogits(const std::shared_ptr<const al::Model>& m, const std::vector<int>& ids) {
    al::Runner r(m);
    return r.forward_full(ids).logits_last;
}

std::shared_ptr<const al::Model> lensMini() {
    return al::Model::load((fixture::sourceDir() + QStringLiteral("/resources/models/lens-mini")).toStdString());
}

// The positions the header promises first: the latest four repeats, the third-last, and the ones
// three quarters, half and a quarter of the way in; never the one before the last.
std::set<int> expectedPositions(const std::vector<int>& ids) {
    const int T = int(ids.size());
    std::set<int> out;
    int repeats = 0;
    for (int i = T - 3; i >= 1 && repeats < 4; --i)
        if (std::find(ids.begin(), ids.begin() + i, ids[size_t(i)]) != ids.begin() + i) {
            out.insert(i);
            ++repeats;
        }
    for (int i : {T - 3, 3 * (T - 1) / 4, (T - 1) / 2, (T - 1) / 4})
        if (i >= 0 && i <= T - 3) out.insert(i);
    return out;
}

} // namespace

class TestPatchingPair : public QObject {
    Q_OBJECT

    // Every tried replacement measured again from scratch; the chosen one has the largest gap, and
    // the chosen pair's own runs give that gap too.
    // spread: how much the tried replacements' gaps must differ at least, so that choosing among
    // them is tested (the fixture's random weights move its measure by little either way).
    void checkChoice(const std::shared_ptr<const al::Model>& m, const std::string& text, float spread) {
        const std::vector<int> ids = course::tokenize(*m, text, course::kPatchTokens);
        const course::TextPatching tp = course::patchText(m, ids);
        const std::vector<float> clean = lastLogits(m, ids);
        std::vector<int> words;
        for (const char* w : course::kReplacementWords) words.push_back(m->tokenizer()->encode(w).front());
        // Every expected position with every replacement word that differs from its token, once;
        // where none of those moves the measure kMinPatchGap (measured here), every position but
        // the last two.
        std::set<std::pair<int, int>> expected, tried;
        float firstBest = -1e30f;
        for (int k : expectedPositions(ids))
            for (int w : words)
                if (w != ids[size_t(k)]) {
                    expected.insert({k, w});
                    std::vector<int> changed = ids;
                    changed[size_t(k)] = w;
                    firstBest = std::max(firstBest, gapOf(clean, lastLogits(m, changed)));
                }
        float wideBest = firstBest;
        if (firstBest < course::kMinPatchGap)
            for (int k = 0; k <= int(ids.size()) - 3; ++k)
                for (int w : words)
                    if (w != ids[size_t(k)] && expected.insert({k, w}).second) {
                        std::vector<int> changed = ids;
                        changed[size_t(k)] = w;
                        wideBest = std::max(wideBest, gapOf(clean, lastLogits(m, changed)));
                    }
        // Then, where the worked pair has no gap either, the token just before the last.
        if (wideBest < course::kMinPatchGap) {
            const al::Patching preset = course::patchPreset(m, course::kPresetPairs[0]);
            if (std::abs(preset.ld_clean - preset.ld_corrupted) < course::kMinPatchGap)
                for (int w : words)
                    if (w != ids[ids.size() - 2]) expected.insert({int(ids.size()) - 2, w});
        }
        float best = -1e30f, lowest = 1e30f;
        for (const course::PatchCandidate& c : tp.tried) {
            QVERIFY2(tried.insert({c.position, c.token}).second, "a replacement is tried once");
            std::vector<int> changed = ids;
            changed[size_t(c.position)] = c.token;
            const float gap = gapOf(clean, lastLogits(m, changed));
            QVERIFY2(std::abs(gap - c.gap) < 1e-3f, qPrintable(QStringLiteral("%1 against %2").arg(c.gap).arg(gap)));
            best = std::max(best, gap);
            lowest = std::min(lowest, gap);
        }
        QCOMPARE(tried, expected);
        QVERIFY2(best - lowest > spread, qPrintable(QStringLiteral("the gaps lie within %1").arg(best - lowest)));
        QVERIFY2(std::abs(tp.gap() - best) < 1e-3f, qPrintable(QStringLiteral("chosen %1, best %2").arg(tp.gap()).arg(best)));
        // The pair is the text with that one token replaced, and the grids' runs are of this pair.
        QCOMPARE(tp.pair.clean, ids);
        QCOMPARE(int(tp.pair.corrupted.size()), int(ids.size()));
        for (int i = 0; i < int(ids.size()); ++i)
            if (i != tp.pair.changed) QCOMPARE(tp.pair.corrupted[size_t(i)], ids[size_t(i)]);
        QVERIFY(tp.pair.corrupted[size_t(tp.pair.changed)] != ids[size_t(tp.pair.changed)]);
        QCOMPARE(tp.patching.corrupted_ids, tp.pair.corrupted);
        QVERIFY(std::abs(gapOf(tp.patching.clean.logits, tp.patching.corrupted.logits) - tp.gap()) < 1e-4f);
    }

private slots:
    void choosesTheReplacementThatMovesTheMeasureMost() {
        const auto fixtureModel = al::Model::load(fixture::modelDir().toStdString());
        checkChoice(fixtureModel, "When Mary and John went to the store, John gave a drink to", 0.0f);
        const auto m = lensMini();
        checkChoice(m, "When Mary and John went to the store, John gave a drink to", 0.5f);
        checkChoice(m, "The cat sat on the mat because the cat was tired, and then the dog came in.", 0.5f);
        checkChoice(m, kOwnText, 1.0f);
        checkChoice(m, kWideText, 1.0f);
    }

    void shortTextIsAnError() {
        const auto m = lensMini();
        QVERIFY_THROWS_EXCEPTION(al::Error, course::patchText(m, {1, 2}));
    }

    // On lens-mini, a text with a large enough gap is asked about itself; one without falls back to
    // the worked pair, whose answer is computed here from that pair's texts.
    void cardAsksOnTheTextOrOnTheWorkedPair() {
        const auto m = lensMini();
        al::Runner runner(m);
        const QJsonObject def = fixture::exercise(QStringLiteral("03-heads"), QStringLiteral("heads-patch-best"));
        QVERIFY(!def.isEmpty());

        const std::vector<int> own = course::tokenize(*m, kOwnText, course::kTokenCap);
        QVERIFY(course::patchText(m, std::vector<int>(own.begin(), own.begin() + std::min<size_t>(own.size(), 32))).gap() >= course::kMinPatchGap);
        const course::ExerciseAnswer a = course::computeExercise(def, runner, own);
        QVERIFY(!a.example);
        QVERIFY(a.promptText.contains(QStringLiteral("of your text")));

        // A text none of whose first replacements moves the measure, but one further from its end does.
        const std::vector<int> wide = course::tokenize(*m, kWideText, course::kTokenCap);
        const course::TextPatching wp = course::patchText(m, wide);
        QVERIFY(wp.gap() >= course::kMinPatchGap);
        QVERIFY(expectedPositions(wide).count(wp.pair.changed) == 0);
        const course::ExerciseAnswer w = course::computeExercise(def, runner, wide);
        QVERIFY(!w.example);
        QVERIFY(w.promptText.contains(QStringLiteral("replace token %1 ").arg(wp.pair.changed)));

        const std::vector<int> flat = course::tokenize(*m, kFlatText, course::kTokenCap);
        QVERIFY2(course::patchText(m, flat).gap() < course::kMinPatchGap, "no replacement of this text moves the measure 1 nat");
        const course::ExerciseAnswer b = course::computeExercise(def, runner, flat);
        QVERIFY(b.example);
        QVERIFY(b.promptText.contains(QString::fromUtf8(course::kPresetPairs[0].clean)));
        // The worked pair, measured on its own words, computed here.
        const std::vector<int> clean = m->tokenizer()->encode(course::kPresetPairs[0].clean),
                               corrupted = m->tokenizer()->encode(course::kPresetPairs[0].corrupted);
        const int mary = m->tokenizer()->encode(" Mary").front(), john = m->tokenizer()->encode(" John").front();
        const al::Patching p = al::patching_prepare(m, clean, corrupted, mary, john);
        // On lens-mini the names pair moves the measure against " Mary" (its size is what counts).
        QVERIFY(std::abs(p.ld_clean - p.ld_corrupted) >= course::kMinPatchGap);
        // The prompt says what the prediction builds on, from these runs: which name the model
        // prefers on each text and by how much, which way the swap moves the difference, and how
        // far before the last token the texts differ.
        const QString maryQ = QStringLiteral("“·Mary”"), johnQ = QStringLiteral("“·John”");
        // Two decimals, as the patching figure writes them.
        auto by = [](float v) { return QString::number(double(std::abs(v)), 'f', 2); };
        const QString firstPrefers = p.ld_clean >= 0 ? maryQ + QStringLiteral(" to ") + johnQ : johnQ + QStringLiteral(" to ") + maryQ;
        QVERIFY2(b.promptText.contains(QStringLiteral("On the first text this model prefers %1: its logit is %2 higher.")
                                           .arg(firstPrefers, by(p.ld_clean))),
                 qPrintable(b.promptText));
        const QString second = (p.ld_clean >= 0) == (p.ld_corrupted >= 0) ? QStringLiteral("On the second it still prefers %1, by %2.")
                                                                           : QStringLiteral("On the second it prefers %1 instead, by %2.");
        QVERIFY2(b.promptText.contains(second.arg(p.ld_corrupted >= 0 ? maryQ : johnQ, by(p.ld_corrupted))), qPrintable(b.promptText));
        QVERIFY2(b.promptText.contains(QStringLiteral("a shift of %1 toward %2.")
                                           .arg(by(p.ld_clean - p.ld_corrupted), p.ld_clean > p.ld_corrupted ? johnQ : maryQ)),
                 qPrintable(b.promptText));
        int firstDiff = 0;
        while (clean[size_t(firstDiff)] == corrupted[size_t(firstDiff)]) ++firstDiff;
        QVERIFY2(b.promptText.contains(QStringLiteral("from John to Mary, %1 tokens before the last.").arg(int(clean.size()) - 1 - firstDiff)),
                 qPrintable(b.promptText));
        const std::vector<float> heads = al::patch_heads(p);
        float share = -1e30f;
        for (float ld : heads) share = std::max(share, al::patching_fraction(p, ld));
        std::vector<double> edges;
        for (const QJsonValue e : def.value(QStringLiteral("params")).toObject().value(QStringLiteral("edges")).toArray())
            edges.push_back(e.toDouble());
        QCOMPARE(int(edges.size()), 3);
        const auto range = std::upper_bound(edges.begin(), edges.end(), share) - edges.begin();
        const QJsonArray options = def.value(QStringLiteral("options")).toArray();
        QVERIFY2(b.accept.contains(options[range].toObject().value(QStringLiteral("value")).toString()),
                 qPrintable(QStringLiteral("share %1, answer %2").arg(share).arg(b.answer)));
    }

    // The fixture's random weights move neither its text's measure nor the worked pair's by 1 nat:
    // the card refuses, saying both.
    void cardRefusesWhereNeitherHasAGap() {
        const auto m = al::Model::load(fixture::modelDir().toStdString());
        al::Runner runner(m);
        const QJsonObject def = fixture::exercise(QStringLiteral("03-heads"), QStringLiteral("heads-patch-best"));
        const al::Patching p = course::patchPreset(m, course::kPresetPairs[0]);
        QVERIFY(std::abs(p.ld_clean - p.ld_corrupted) < course::kMinPatchGap);
        try {
            course::computeExercise(def, runner, fixture::cases()[0].ids);
            QFAIL("the card asked on a text and a pair without a gap");
        } catch (const course::NotAskable& e) {
            const QString why = QString::fromUtf8(e.what());
            QVERIFY2(why.contains(QStringLiteral("hardly changes the answer")) && why.contains(QStringLiteral("either")), e.what());
        }
    }

private:
    // On lens-mini: a text one of whose replacements moves the measure by about 4 nats; one none of
    // whose first replacements moves it by even 0.1, but a replacement further from its end by
    // more than 1 nat; and one that no replacement at any position moves by 1 nat (0.69 at most).
    static constexpr const char* kOwnText = "Thanks, and see you soon.";
    static constexpr const char* kWideText = "Once upon a time there was a little fox who lived in the woods.";
    static constexpr const char* kFlatText = "Good morning, everyone.";
};

QTEST_MAIN(TestPatchingPair)
#include "test_patching_pair.moc"

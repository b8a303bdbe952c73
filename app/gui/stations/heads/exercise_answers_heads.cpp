// The answers of Station 3 (many heads)'s exercises, computed from the loaded model on the learner's text.
#include "exercise_context.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>

#include "attention_lens/census.h"
#include "attention_lens/error.h"
#include "attention_lens/sampling.h"
#include "attention_lens/score_parts.h"
#include "course_math.h"
#include "head_roles.h"
#include "patching_pair.h"
#include "pronoun_answer.h"

namespace course::answers {
namespace {

// How much of its weight, averaged over the rows, the layer's most first-token-heavy head puts on
// the first token, within 0.1: the census's "first-token" score, whatever label the census gives
// the head (it tries induction, previous-token, duplicate and self before sink, so a head can rest
// on the first token and still be labelled induction). The course's sink head (at least half
// there, its own threshold) is what the reveal counts.
ExerciseAnswer countSinks(const Ctx& c) {
    const int l = paramLayer(c);
    const std::vector<al::HeadScores> census = al::head_census(c.runner, c.ids, censusOptions(c));
    double best = -1;
    int bestHead = 0, sinks = 0;
    QStringList shares;
    for (const al::HeadScores& s : census)
        if (s.head.layer == l) {
            if (s.first_token > best) { best = s.first_token; bestHead = s.head.head; }
            sinks += s.first_token >= 0.5;
            shares << QStringLiteral("%1: %2").arg(headName(l, s.head.head), num(s.first_token, 2));
        }
    ExerciseAnswer a;
    setNumber(a, best, 0.1, 4);
    a.focusHead = headName(l, bestHead);
    a.detail = QObject::tr("On your text, the share of weight that each head of layer %1 puts on the first token, "
                           "averaged over the rows: %2. Head %3 puts the most there; %4 of the layer's %5 heads put at "
                           "least half there, which is what this course calls a sink head (its own threshold).")
                   .arg(l).arg(shares.join(QStringLiteral(", ")), a.focusHead).arg(sinks).arg(c.H);
    if (sinks == 0)
        a.note = QObject::tr("Trained models such as GPT-2 small usually have many heads that rest on the first token; "
                             "this model has none in layer %1 on your text.").arg(l);
    return a;
}

ExerciseAnswer positionalEarlyLate(const Ctx& c) {
    const std::vector<al::HeadScores> census = al::head_census(c.runner, c.ids, censusOptions(c));
    auto positional = [](const std::string& s) { return s == "previous-token" || s == "self"; };
    int first = 0, last = 0;
    for (const al::HeadScores& s : census) {
        if (s.head.layer == 0) first += positional(s.label);
        if (s.head.layer == c.L - 1) last += positional(s.label);
    }
    ExerciseAnswer a;
    setOption(c, a, first > last ? QStringLiteral("early") : first < last ? QStringLiteral("late") : QStringLiteral("same"));
    a.detail = QObject::tr("Heads labelled %1 or %2: %3 of %4 in layer 0, %5 of %4 in layer %6.")
                   .arg(head_roles::label(QStringLiteral("previous-token")), head_roles::label(QStringLiteral("self")))
                   .arg(first).arg(c.H).arg(last).arg(c.L - 1);
    if (a.answer != QLatin1String("early"))
        a.note = QObject::tr("In GPT-2 small the previous-token heads Wang et al. (2022) found, 2.2 and 4.11, sit in "
                             "early layers, where later induction heads can build on them (Elhage et al. 2021; Olsson "
                             "et al. 2022). This model does not show more such heads in its first layer than in its "
                             "last on your text.");
    return a;
}

} // namespace
} // namespace course::answers

namespace course {

// This station's compute functions, by the names its exercises.json uses (station_answers.h).
namespace answers {
namespace {

// What the learner needs to reason about the worked pair's shares: which of the two measured tokens
// this model prefers on each text and by how much, and which way the swap moves the difference (a
// small model may prefer the name said twice on both texts, the opposite of GPT-2 small's answer).
QString preferences(const Ctx& c, const al::Patching& p) {
    // Two decimals, as the patching figure beside the card writes the logit differences.
    const auto two = [](double v) {
        QLocale locale;
        locale.setNumberOptions(QLocale::OmitGroupSeparator);
        return locale.toString(v, 'f', 2);
    };
    const QString answer = quoted(c.model, p.answer), wrong = quoted(c.model, p.wrong);
    const bool cleanAnswer = p.ld_clean >= 0, corruptedAnswer = p.ld_corrupted >= 0;
    QString out = QObject::tr("On the first text this model prefers %1 to %2: its logit is %3 higher.")
                      .arg(cleanAnswer ? answer : wrong, cleanAnswer ? wrong : answer, two(std::abs(p.ld_clean)));
    out += QLatin1Char(' ') + (cleanAnswer == corruptedAnswer
                                   ? QObject::tr("On the second it still prefers %1, by %2.")
                                   : QObject::tr("On the second it prefers %1 instead, by %2."))
                                  .arg(corruptedAnswer ? answer : wrong, two(std::abs(p.ld_corrupted)));
    const bool towardWrong = p.ld_clean > p.ld_corrupted;
    out += QLatin1Char(' ') + QObject::tr("So the swap moves their logit difference (%1 minus %2) from %3 to %4: a shift "
                                          "of %5 toward %6.")
                                  .arg(answer, wrong, two(p.ld_clean), two(p.ld_corrupted),
                                       two(std::abs(p.ld_clean - p.ld_corrupted)), towardWrong ? wrong : answer);
    return out;
}

// The best single head's share of the drop, as a range (the exact share could only be guessed),
// with the head named in the detail only: a focus head is shown with the prompt, and this one is
// the answer's.
ExerciseAnswer bestHeadShare(const Ctx& c, const al::Patching& p, QString& bestHead, double& share) {
    const std::vector<float> heads = al::patch_heads(p);
    int best = 0;
    for (int i = 1; i < int(heads.size()); ++i)
        if (al::patching_fraction(p, heads[size_t(i)]) > al::patching_fraction(p, heads[size_t(best)])) best = i;
    share = al::patching_fraction(p, heads[size_t(best)]);
    bestHead = headName(best / c.H, best % c.H);
    ExerciseAnswer a;
    setBucket(c, a, share, paramEdges(c, {0.1, 0.3, 0.6}), 0.005);
    return a;
}

// Patching on the learner's text (patching_pair.h): one token replaced, each head's output copied
// back from the clean run in turn. How much of the logit difference does the best single head
// restore? Where no replacement moves the measure enough for fair shares, the question is asked
// about the station's first worked pair (the indirect-object sentences) instead, as an example.
ExerciseAnswer patchBestHead(const Ctx& c) {
    if (c.T < 3)
        throw NotAskable(QObject::tr("This needs a text of at least three tokens, so that one of them can be replaced "
                                     "before the last.").toStdString());
    std::vector<int> ids(c.ids.begin(), c.ids.begin() + std::min<size_t>(c.ids.size(), kPatchTokens));
    // The exercise engine's runner holds the model; patching needs it shared.
    const std::shared_ptr<const al::Model> model = c.runner.model_ptr();
    const TextPatching tp = patchText(model, ids, c.cancel);
    QString bestHead;
    double share = 0;
    if (tp.gap() >= kMinPatchGap) {
        const TextPair& pair = tp.pair;
        const al::Patching& p = tp.patching;
        ExerciseAnswer a = bestHeadShare(c, p, bestHead, share);
        const QString was = quoted(c.model, pair.clean[size_t(pair.changed)]), now = quoted(c.model, pair.corrupted[size_t(pair.changed)]);
        // The prompt names no token: another card of this station asks for a word of the same text.
        a.promptText = QObject::tr("Take the first %1 tokens of your text and replace token %2 (counting from 0) by a short "
                                   "common word. The model's top answer on your text loses ground to another token: their "
                                   "logit difference goes from %3 to %4. Copy one head's output at a time from the run on "
                                   "your text into the run on the changed one: how much of that drop does the best single "
                                   "head bring back?")
                           .arg(int(ids.size())).arg(pair.changed).arg(num(p.ld_clean, 2), num(p.ld_corrupted, 2));
        if (pair.changed == int(ids.size()) - 2)
            a.promptText += QLatin1Char(' ') +
                            QObject::tr("(No token further back moves this model's answer by 1, nor does the figure's "
                                        "names pair, so the token replaced is the one just before the last, which the "
                                        "last position can read in one attention step.)");
        a.detail = QObject::tr("Token %1, %2, was replaced by %3; the measure is the logit of %4 minus that of %5. Head %6 "
                               "brings back the most: %7 of the drop. The figure shows your text's pair now (“Your text”), "
                               "with every head's share.")
                       .arg(pair.changed)
                       .arg(was, now, quoted(c.model, p.answer), quoted(c.model, p.wrong), bestHead, num(share, 2));
        return a;
    }
    // A small drop makes every share noise over a small number: no fair question on this text. (No
    // token of the text is named: another card of this station asks for a word of it.)
    const QString own = QObject::tr("On your text, replacing one token hardly changes the answer: of the %1 replacements "
                                    "tried, the one that moves it most changes the logit difference between the model's "
                                    "top answer and its rival by only %2, so the heads' shares would be mostly noise.")
                            .arg(int(tp.tried.size()))
                            .arg(num(tp.gap(), 2));
    const PresetPair& preset = kPresetPairs[0];
    const QString title = QCoreApplication::translate("PatchingLab", preset.title);
    const al::Patching p = patchPreset(model, preset, c.cancel);
    // Measured on the pair's own words, the change may go either way: its size is what counts.
    if (std::abs(p.ld_clean - p.ld_corrupted) < kMinPatchGap)
        throw NotAskable((own + QLatin1Char(' ') +
                          QObject::tr("On the worked pair “%1” this model's logit difference moves only from %2 to %3, "
                                      "so there is no fair question there either. Try another text, one whose answer "
                                      "depends on an earlier word.")
                              .arg(title, num(p.ld_clean, 2), num(p.ld_corrupted, 2)))
                             .toStdString());
    ExerciseAnswer a = bestHeadShare(c, p, bestHead, share);
    a.example = true;
    a.promptText = own + QLatin1Char(' ') +
                   QObject::tr("So this asks about the figure's worked pair “%1” instead: %2 becomes %3, so the "
                               "name said twice changes from %4 to %5, %6 tokens before the last.")
                       .arg(title, QStringLiteral("“%1”").arg(QString::fromUtf8(preset.clean)),
                            QStringLiteral("“%1”").arg(QString::fromUtf8(preset.corrupted)),
                            QString::fromUtf8(preset.wrong).trimmed(), QString::fromUtf8(preset.answer).trimmed())
                       .arg(int(p.clean_ids.size()) - 1 - al::first_difference(p.clean_ids, p.corrupted_ids)) +
                   QLatin1Char(' ') + preferences(c, p) + QLatin1Char(' ') +
                   QObject::tr("Copy one head's output at a time from the first text's run into the second's: how much "
                               "of that shift does the best single head bring back? (Type a text whose answer depends "
                               "on an earlier word to ask about your own.)");
    a.detail = QObject::tr("On the worked pair “%1”, the measure is the logit of %2 minus that of %3. Head %4 brings back "
                           "the most: %5 of the change. The figure shows this pair now, with every head's share.")
                   .arg(title, quoted(c.model, p.answer), quoted(c.model, p.wrong), bestHead, num(share, 2));
    return a;
}

} // namespace
namespace {

// Whether a head's choice of keys comes mostly from position or mostly from content, by the split
// of its scores over the whole pattern (al::score_split: the attention-weighted size of each
// group's terms, measured from their mean over the keys each query may see), as the position
// share of position and content together (the fixed biases left out), in ranges. The head asked
// about is the one, in any layer, whose last row puts the least weight on the first token: a head
// that is not resting, whose pattern the learner can read. Which head that is depends on the
// text, and so does its layer: a first-layer head sees only tokens and positions, a later one also
// what earlier heads wrote, which the split counts as content.
ExerciseAnswer positionOrContent(const Ctx& c) {
    if (c.T < 3)
        throw NotAskable(QObject::tr("This needs a text of at least three tokens, so that a head has keys to choose "
                                     "between.").toStdString());
    al::ForwardOptions o;
    o.keep_hidden = true;
    const al::ForwardResult r = run(c, o);
    int layer = 0, head = 0;
    double least = 2;
    for (int l = 0; l < c.L; ++l)
        for (int h = 0; h < c.H; ++h) {
            const double w = r.attention.at(l, h, c.T - 1, 0);
            if (w < least - 1e-12) { least = w; layer = l; head = h; }
        }
    const al::ScoreSplit s = al::score_split(c.model, r, layer, head);
    const double share = s.position + s.content > 0 ? s.position / (s.position + s.content) : 0.5;
    ExerciseAnswer a;
    setBucket(c, a, share, paramEdges(c, {0.3, 0.78}), 0.005);
    a.measured = num(share, 4);
    a.focusHead = headName(layer, head);
    a.layer = layer;
    a.detail = QObject::tr("Head %1's choice of keys over your text: %2% from position, %3% from content, %4% from "
                           "the fixed biases; position is %5% of position and content together.")
                   .arg(a.focusHead).arg(std::lround(100 * s.position)).arg(std::lround(100 * s.content))
                   .arg(std::lround(100 * s.biases)).arg(std::lround(100 * share));
    a.promptText = QObject::tr("Head %1 is the head whose last row puts the least weight on the first token (%2). Is "
                               "its choice of keys over your text driven by position or by content?")
                       .arg(a.focusHead, num(least, 3));
    return a;
}

} // namespace
} // namespace answers

void registerStationAnswers_heads() {
    registerExerciseFunction(QStringLiteral("count_sinks"), answers::countSinks);
    registerExerciseFunction(QStringLiteral("positional_early_late"), answers::positionalEarlyLate);
    registerExerciseFunction(QStringLiteral("pronoun_target"), answers::pronounTarget);
    registerExerciseFunction(QStringLiteral("patch_best_head"), answers::patchBestHead);
    registerExerciseFunction(QStringLiteral("position_or_content"), answers::positionOrContent);
}

} // namespace course

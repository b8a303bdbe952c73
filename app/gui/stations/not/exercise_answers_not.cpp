// The answers of Station 6 (what attention isn't)'s exercises, computed from the loaded model on the learner's text.
#include "exercise_context.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>

#include "attention_lens/census.h"
#include "attention_lens/error.h"
#include "attention_lens/sampling.h"
#include "attention_lens/variants.h"
#include "course_math.h"
#include "head_roles.h"

namespace course::answers {
namespace {

// The strongest previous-token head, whose pattern is the most striking one on the page, given
// uniform weights instead: how far does the next-token prediction move (KL, nats)? A striking
// pattern need not matter: ranges, from "hardly at all" to "a lot".
ExerciseAnswer uniformSwapKl(const Ctx& c) {
    const al::ForwardResult clean = run(c);
    const al::census::RankedHead head = al::census::previous_token_head(clean, c.T, false);
    al::ForwardOptions o;
    al::PatternReplacement rep;
    rep.head = head.head;
    rep.kind = al::PatternKind::Uniform;
    o.replace_pattern = {rep};
    const al::ForwardResult swapped = run(c, o);
    const std::vector<double> p = nextProbs(clean), q = nextProbs(swapped);
    const double d = kl(p, q);
    ExerciseAnswer a;
    setBucket(c, a, d, paramEdges(c, {0.01, 0.1, 1.0}), 0.0005);
    const QString name = headName(head.head.layer, head.head.head);
    a.focusHead = name;
    a.promptText = QObject::tr("Head %1 has the most striking pattern on your text: %2 of its weight, on average, goes to "
                               "the previous token. Replace its pattern with uniform weights: how far will the "
                               "next-token prediction move?").arg(name, num(head.score, 2));
    a.detail = QObject::tr("Uniform weights in head %1 move the prediction by KL %2 nats; the most likely next token "
                           "goes from %3 (%4) to %5 (%6).")
                   .arg(name, num(d, 2), quoted(c.model, argmax(clean.logits_last)), num(p[size_t(argmax(clean.logits_last))], 2),
                        quoted(c.model, argmax(swapped.logits_last)), num(q[size_t(argmax(swapped.logits_last))], 2));
    return a;
}

ExerciseAnswer labelStable(const Ctx& c) {
    const int l = paramLayer(c), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1);
    QStringList labels;
    std::vector<std::string> seen;
    // The learner's text first, then the lesson's: whether the head keeps the label it has on the
    // learner's text.
    std::vector<std::vector<int>> texts{c.ids};
    for (const QJsonValue& t : c.params.value(QStringLiteral("texts")).toArray())
        texts.push_back(tokenize(c.model, t.toString().toStdString(), kTokenCap));
    for (const std::vector<int>& ids : texts) {
        for (const al::HeadScores& s : al::head_census(c.runner, ids, censusOptions(c)))
            if (s.head.layer == l && s.head.head == h) {
                labels << head_roles::label(QString::fromStdString(s.label));
                seen.push_back(s.label);
            }
    }
    if (seen.size() < 2)
        throw al::Error("the exercise names no texts");
    const bool same = std::all_of(seen.begin(), seen.end(), [&](const std::string& s) { return s == seen[0]; });
    ExerciseAnswer a;
    setOption(c, a, same ? QStringLiteral("yes") : QStringLiteral("no"));
    a.focusHead = headName(l, h);
    // The clue: the head's label on the lesson's texts, which the learner compares with their own.
    QStringList lesson;
    const QJsonArray lessonTexts = c.params.value(QStringLiteral("texts")).toArray();
    for (int i = 0; i < lessonTexts.size() && i + 1 < labels.size(); ++i)
        lesson << QObject::tr("%1 on “%2”").arg(labels[i + 1], lessonTexts[i].toString());
    a.promptText = QObject::tr("The census labels head %1 %2. Will it give the head the same label on your text?")
                       .arg(a.focusHead, lesson.join(QStringLiteral("; ")));
    a.detail = QObject::tr("Head %1's label on your text, then on the lesson's %2 texts: %3. Labels summarise one "
                           "text's pattern; whether a head keeps its label across texts has to be tested, not assumed.")
                   .arg(headName(l, h)).arg(seen.size() - 1).arg(labels.join(QStringLiteral(", ")));
    return a;
}

// Attention's multiply-adds against the rest of one layer, for the learner's text: the scores and
// weighted sums take 2·T²·d over the full T × T grid (T²·d over the allowed half), the projections
// and the MLP 12·T·d² (with the usual MLP width 4d; the model's own width is used when it differs).
ExerciseAnswer attentionCostShare(const Ctx& c) {
    const al::Config& cfg = c.model.config();
    const double T = c.T, d = cfg.n_embd, f = cfg.n_inner > 0 ? cfg.n_inner : 4.0 * d;
    const double attention = 2.0 * T * T * d, rest = 4.0 * T * d * d + 2.0 * T * d * f;
    const double full = attention / rest, half = full / 2;
    ExerciseAnswer a;
    // In percent of the rest, counting the full T x T grid; a fifth either way is close enough (the
    // allowed half is a factor of 2 away, so the prompt says which count it asks for).
    setNumber(a, 100 * full, std::max(0.05, 0.2 * 100 * full), 2);
    a.promptText = QObject::tr("Your text has %1 tokens and the model's width is %2. Counting the full %1 × %1 grid, "
                               "how large is one layer's attention arithmetic (scores and weighted sums), in percent "
                               "of the rest of the layer (projections and MLP)? Within a fifth either way counts.")
                       .arg(c.T).arg(cfg.n_embd);
    a.detail = QObject::tr("Your text has %1 tokens and the model's width is %2: attention's scores and weighted "
                           "sums take %3 multiply-adds over the full grid (%4 over the allowed half), the "
                           "projections and the MLP %5. Attention's arithmetic is %6% of the rest's (%7% over "
                           "the allowed half).")
                   .arg(c.T).arg(cfg.n_embd).arg(num(attention, 3), num(attention / 2, 3), num(rest, 3),
                                                 num(100 * full, 2), num(100 * half, 2));
    return a;
}

} // namespace
} // namespace course::answers

namespace course {

// This station's compute functions, by the names its exercises.json uses (station_answers.h).
void registerStationAnswers_not() {
    registerExerciseFunction(QStringLiteral("uniform_swap_kl"), answers::uniformSwapKl);
    registerExerciseFunction(QStringLiteral("label_stable"), answers::labelStable);
    registerExerciseFunction(QStringLiteral("attention_cost_share"), answers::attentionCostShare);
}

} // namespace course

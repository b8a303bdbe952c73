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
#include "induction_circuit_heads.h"

namespace course::answers {
namespace {

// The strongest previous-token head, given uniform weights instead: how far does the next-token prediction move (KL, nats)? A striking
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
    a.promptText = QObject::tr("Head %1 is the strongest previous-token head on your text: %2 of its weight, on average, "
                               "goes to the previous token. Replace its pattern with uniform weights: how far will the "
                               "next-token prediction move?").arg(name, num(head.score, 2));
    a.detail = QObject::tr("Uniform weights in head %1 move the prediction by KL %2 nats; the most likely next token "
                           "goes from %3 (%4) to %5 (%6).")
                   .arg(name, num(d, 2), quoted(c.model, argmax(clean.logits_last)), num(p[size_t(argmax(clean.logits_last))], 2),
                        quoted(c.model, argmax(swapped.logits_last)), num(q[size_t(argmax(swapped.logits_last))], 2));
    return a;
}

// The census's induction head of a late layer (the head with the highest induction score on the
// census's own repeated random sequence: the clue, in the prompt) on the learner's text written
// twice in a row: how much weight does it put on the token after the earlier copy of each token
// (its induction score on that text), within 0.1? The layer is the one asked for, or the next one
// down where Station 3's induction circuit shows a head of it: that panel prints its head's score
// on the learner's text written twice, which would be this answer. The census labels such a head
// induction on every text (its label is checked on the probe first); what changes with the text
// is the weight it measures.
ExerciseAnswer labelStable(const Ctx& c) {
    // Station 3's circuit, on the text it uses: the learner's first tokens, or the default text.
    int circuitLayer = -1;
    QString circuitHead;
    if (c.L >= 2) {
        std::vector<int> passage(c.ids.begin(), c.ids.begin() + long(std::min(c.ids.size(), size_t(InductionCircuitHeads::kMaxPassage))));
        if (passage.size() < 4) passage = tokenize(c.model, defaultText(), InductionCircuitHeads::kMaxPassage);
        if (passage.size() >= 4) {
            const InductionCircuitHeads circuit = findInductionCircuitHeads(c.model, c.runner, passage, c.cancel);
            circuitLayer = circuit.indLayer;
            circuitHead = headName(circuit.indLayer, circuit.indHead);
        }
    }
    int l = paramLayer(c);
    if (l == circuitLayer) l = l > 0 ? l - 1 : std::min(l + 1, c.L - 1);
    // Twice the text within the token cap: its first half of the cap, twice, on a long text.
    const size_t half = size_t(std::min(kTokenCap, c.model.config().n_positions) / 2);
    std::vector<int> twice(c.ids.begin(), c.ids.begin() + long(std::min(c.ids.size(), half)));
    twice.insert(twice.end(), twice.begin(), twice.end());
    const al::HeadScores* pick = nullptr;
    const std::vector<al::HeadScores> census = al::head_census(c.runner, c.ids, censusOptions(c));
    for (const al::HeadScores& s : census)
        if (s.head.layer == l && (!pick || s.induction > pick->induction)) pick = &s;
    if (!pick)
        throw al::Error("the census gave no head of layer " + std::to_string(l));
    al::ForwardOptions o;
    o.cancel = c.cancel;
    const al::ForwardResult r = c.runner.forward_full(twice, o);
    const double score = al::census::induction(r.attention.dense(l, pick->head.head), twice, false);
    ExerciseAnswer a;
    setNumber(a, score, 0.1, 4);
    a.focusHead = headName(l, pick->head.head);
    const QString where = circuitLayer >= 0
        ? QObject::tr(" (Station 3's induction circuit shows head %1; this is another layer's.)").arg(circuitHead)
        : QString();
    a.promptText = QObject::tr("On the census's repeated random tokens, head %1 has the highest induction score of "
                               "layer %2: %3 of its weight goes to the token after the earlier copy.%4 Write the first "
                               "%5 tokens of your text twice in a row (a longer text is cut there first): how much "
                               "will it put there? (Within 0.1 counts.)")
                       .arg(a.focusHead).arg(l).arg(num(pick->induction, 3)).arg(where).arg(half);
    a.detail = QObject::tr("On your text written twice, head %1 puts %2 of its weight on the token after the earlier "
                           "copy (%3 on the census's random tokens). On your text, the census labels it %4.")
                   .arg(a.focusHead, num(score, 2), num(pick->induction, 2),
                        head_roles::label(QString::fromStdString(pick->label)));
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
    setNumber(a, 100 * full, std::max(0.05, 0.2 * 100 * full), 3);
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

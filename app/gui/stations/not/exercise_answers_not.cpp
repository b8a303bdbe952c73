// The answers of Station 6 (what attention isn't)'s exercises, computed from the loaded model on the learner's text.
#include "exercise_context.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <random>

#include "attention_lens/census.h"
#include "attention_lens/error.h"
#include "attention_lens/logit_lens.h"
#include "attention_lens/sampling.h"
#include "attention_lens/variants.h"
#include "course_math.h"
#include "head_roles.h"
#include "head_three_way.h"

namespace course::answers {
namespace {

// The strongest previous-token head, given uniform weights instead: how far does the next-token prediction move (KL, nats)? A striking
// pattern need not matter: ranges, from "hardly at all" to "a lot". The clue, in the prompt: how far it moves when
// the same head is knocked out (its output set to zero, Station 3's lab); uniform weights keep an output, the
// average of the values, so the two differ, in either direction.
ExerciseAnswer uniformSwapKl(const Ctx& c) {
    // One token has no previous token, and uniform weights over its one key are its own pattern.
    if (c.T < 2)
        throw NotAskable(QObject::tr("This needs a text of at least two tokens, so that the last token has one before it.").toStdString());
    const al::ForwardResult clean = run(c);
    const al::census::RankedHead head = al::census::previous_token_head(clean, c.T, false);
    al::ForwardOptions o;
    al::PatternReplacement rep;
    rep.head = head.head;
    rep.kind = al::PatternKind::Uniform;
    o.replace_pattern = {rep};
    const al::ForwardResult swapped = run(c, o);
    al::ForwardOptions ko;
    ko.zero_ablate = {head.head};
    const al::ForwardResult knocked = run(c, ko);
    const std::vector<double> p = nextProbs(clean), q = nextProbs(swapped);
    const double d = kl(p, q), dKnocked = kl(p, nextProbs(knocked));
    ExerciseAnswer a;
    setBucket(c, a, d, paramEdges(c, {0.01, 0.1, 1.0}), 0.0005);
    const QString name = headName(head.head.layer, head.head.head);
    a.focusHead = name;
    a.promptText = QObject::tr("Head %1 is the strongest previous-token head on your text. Knocked out (its output set to "
                               "zero, as in Station 3), it moves the next-token prediction by KL %2 nats. Give it uniform "
                               "weights instead: it still writes an output, the average of the values its row can see. "
                               "How far will the prediction move?").arg(name, num(dKnocked, 2));
    a.detail = QObject::tr("Uniform weights in head %1 move the prediction by KL %2 nats (knocked out: %3); the most likely "
                           "next token goes from %4 (%5) to %6 (%7).")
                   .arg(name, num(d, 2), num(dKnocked, 2), quoted(c.model, argmax(clean.logits_last)),
                        num(p[size_t(argmax(clean.logits_last))], 2), quoted(c.model, argmax(swapped.logits_last)),
                        num(q[size_t(argmax(swapped.logits_last))], 2));
    return a;
}

// The model's strongest induction head by the census's probe (the highest induction score, first
// position kept, on its repeated random tokens: the clue, in the prompt), on the learner's first
// tokens repeated right after themselves: is its weight on the token after the earlier copy above
// or below its probe score, and how far? Ranges of the ratio (text / probe): the weight itself
// sits near the same value on most texts of one model, so a number within a tolerance would be a
// flat guess, and a ratio reads the same on a model whose probe score is 0.1 or 0.9. The tokens are
// shuffled first (always the same way for a text): Station 3's circuit figure shows the text written
// twice in its own order, and this asks about a sequence between that and the probe's random tokens,
// which that figure does not show.
constexpr unsigned kLabelShuffleSeed = 2019; // any fixed seed: the same text always gives the same order
ExerciseAnswer labelStable(const Ctx& c) {
    const std::vector<al::HeadScores> census = al::head_census(c.runner, c.ids, censusOptions(c));
    const al::HeadScores* pick = nullptr;
    for (const al::HeadScores& s : census)
        if (!pick || s.induction > pick->induction) pick = &s;
    if (!pick)
        throw al::Error("the census gave no heads");
    const int l = pick->head.layer, h = pick->head.head;
    // The text's first tokens, up to half the token cap, shuffled with a fixed seed, then the same
    // shuffled tokens again.
    const size_t half = size_t(std::min(kTokenCap, c.model.config().n_positions) / 2);
    std::vector<int> twice(c.ids.begin(), c.ids.begin() + long(std::min(c.ids.size(), half)));
    std::mt19937 shuffler(kLabelShuffleSeed);
    std::shuffle(twice.begin(), twice.end(), shuffler);
    twice.insert(twice.end(), twice.begin(), twice.end());
    // After the beginning-of-text token, as the probe has one, so that a head resting on the first
    // position rests there alike on both.
    const al::Config& cfg = c.model.config();
    if (cfg.bos_token_id >= 0 && cfg.bos_token_id < cfg.vocab_size && int(twice.size()) < cfg.n_positions)
        twice.insert(twice.begin(), cfg.bos_token_id);
    al::ForwardOptions o;
    o.cancel = c.cancel;
    const al::ForwardResult r = c.runner.forward_full(twice, o);
    const double score = al::census::induction(r.attention.dense(l, h), twice, false);
    const double probe = pick->induction;
    ExerciseAnswer a;
    setBucket(c, a, score / std::max(probe, 1e-9), paramEdges(c, {0.65, 0.75, 1.0}), 0.005);
    a.focusHead = headName(l, h);
    a.promptText = QObject::tr("On the census's repeated random tokens, head %1 has the model's highest induction score: "
                               "%2 of its weight goes to the token after the earlier copy of the current token. Suppose "
                               "the first %3 tokens of your text (all of it, if shorter) were put in a random order and "
                               "then written twice in a row: will its weight on the token after the earlier copy be above "
                               "or below %2, and how far? (Station 3 showed your text written twice in its own order.)")
                       .arg(a.focusHead, num(probe, 2)).arg(half);
    a.detail = QObject::tr("On the first %1 tokens of your text, shuffled and written twice, head %2 puts %3 of its weight "
                           "on the token after the earlier copy; on the census's random tokens, %4, so %5% of its probe "
                           "score. On your text, the census labels it %6.")
                   .arg(QString::number(twice.size() / 2), a.focusHead, num(score, 2), num(probe, 2),
                        num(100 * score / std::max(probe, 1e-9), 3), head_roles::label(QString::fromStdString(pick->label)));
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

// Direct attribution at the last position of how far the final answer's logit stands above the
// vocabulary's mean logit (a raw logit carries a constant shared by every token, which no
// probability sees): of what the layers' attention and MLPs write straight into it, how large is
// attention's part? Measured by size, summed over the layers (al::DirectAttribution::attention_share:
// a write that lowers the answer counts as much as one that raises it), so the share stays between
// 0 and 1 whatever the signs. Ranges. The clues stay on screen: the worked example on another text
// before the figure, which shows how the share is counted, and the logit lens's table, which shows
// where the answer climbs.
ExerciseAnswer lensAttentionShare(const Ctx& c) {
    al::ForwardOptions o;
    o.keep_hidden = true;
    const al::ForwardResult r = run(c, o);
    const al::LogitLens lens = al::logit_lens(c.model, r, c.T - 1, 5);
    const al::DirectAttribution d = al::direct_attribution(c.model, r, c.T - 1, lens.answer);
    double attention = 0, mlp = 0;
    for (double v : d.attention) attention += std::abs(v);
    for (double v : d.mlp) mlp += std::abs(v);
    const double share = d.attention_share();
    ExerciseAnswer a;
    setBucket(c, a, share, paramEdges(c, {0.1, 0.18}), 0.002);
    const QString answer = quoted(c.model, lens.answer);
    a.promptText = QObject::tr("At the last position of your text the model's final answer is %1, with probability %2. "
                               "Each layer's attention and each layer's MLP write a part of how far its logit stands "
                               "above the average token's. Counting every part by its absolute size (a negative part "
                               "counts as positive), as in the worked example above, what share of the total size is "
                               "attention's?")
                       .arg(answer, num(lens.rows.back().answer_prob, 2));
    a.detail = QObject::tr("Attention's parts of how far %1 stands above the average token add up to %2 in absolute "
                           "size, the MLPs' to %3: attention's parts make up %4% of the total size of all these parts.")
                   // Two significant digits: enough to see the range, and a coincidence with the
                   // next card's answer (three digits) on the same text is rarer.
                   .arg(answer, num(attention, 2), num(mlp, 2), num(100 * share, 2));
    return a;
}


// The head that writes the largest part of the final answer (the one the station's figures show
// first), at the last position: its largest weight is that position's share of the weights. Take
// each position's value out of the head in turn and add up the sizes of the changes of the top
// token's logit less the mean logit:
// is that position's share of this total below, near or above its share of the weights? Ranges
// of the ratio (removal share / weight), which reads the same whatever the weight. The clue, in
// the prompt: which position it is and its weight, and in the figure (left open while the card
// waits) its value-weighted share; a large weight on a short value (GPT-2's start-of-text token,
// often) is the usual way the removal share falls short, while a first word with a long value can
// hold its weight's share or more.
ExerciseAnswer threeWayShare(const Ctx& c) {
    al::ForwardOptions o;
    o.keep_hidden = true;
    o.keep_qkv = true;
    const al::ForwardResult r = run(c, o);
    const al::LogitLens lens = al::logit_lens(c.model, r, c.T - 1, 1);
    const std::vector<double> mean = al::unembedding_mean(c.model); // as the figure picks its head
    const al::DirectAttribution d = al::direct_attribution(c.model, r, c.T - 1, lens.answer, &mean);
    int best = 0;
    for (int i = 1; i < int(d.heads.size()); ++i)
        if (std::abs(d.heads[size_t(i)]) > std::abs(d.heads[size_t(best)])) best = i;
    const int l = best / c.H, h = best % c.H;
    const HeadThreeWay w = headThreeWay(c.model, r, l, h, c.cancel, &mean);
    const int top = w.byWeight.front(), first = w.byRemoval.front();
    double total = 0;
    for (float v : w.change) total += std::abs(v);
    const double share = total > 0 ? std::abs(w.change[size_t(top)]) / total : 0.0;
    const double weight = w.weight[size_t(top)];
    const double ratio = weight > 0 ? share / weight : 0.0;
    ExerciseAnswer a;
    const double slack = 0.02;
    const std::vector<double> edges = paramEdges(c, {0.5, 1.1});
    setBucket(c, a, ratio, edges, slack);
    const QString name = headName(l, h);
    a.focusHead = name;
    a.promptText = QObject::tr("Head %1 writes the largest part of the final answer %2 at the last position of your text. "
                               "There its largest weight, %3, is on %4 (position %5): that position's share of the "
                               "head's weights. Take each position's value out of the head there in turn, and add up how "
                               "far the logit of %2 moves against the mean logit, every change counted by its size. Compared with its weight, "
                               "what share of that total comes from position %5?")
                       .arg(name, quoted(c.model, w.token), num(weight, 2), quoted(c.model, c.ids[size_t(top)]))
                       .arg(top)
                   + QLatin1Char(' ')
                   + QObject::tr("The value-weighted share of position %1 in the figure is a clue, not the answer: it "
                                 "counts how long the value is, not which way it points or what the later layers make of it.")
                         .arg(top);
    // Four significant digits, so a ratio just past an edge (1.1, say) does not print as the edge itself.
    a.detail = QObject::tr("Removing the value of position %1 moves the logit of %2 against the mean logit by %3: %4% of all the positions' "
                           "changes added by size, %5 times its weight. The largest change, %6, comes from removing %7 "
                           "(position %8, weight %9).")
                   .arg(top)
                   .arg(quoted(c.model, w.token), num(w.change[size_t(top)], 3), num(100 * share, 2), num(ratio, 4),
                        num(w.change[size_t(first)], 3), quoted(c.model, c.ids[size_t(first)]))
                   .arg(first)
                   .arg(num(w.weight[size_t(first)], 2));
    for (double e : edges)
        if (std::abs(ratio - e) <= slack)
            a.detail += QLatin1Char(' ')
                        + QObject::tr("That is within %1 of the edge at %2 times, so the ranges on both sides of it count as right.")
                              .arg(num(slack, 2), num(e, 2));
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
    registerExerciseFunction(QStringLiteral("lens_attention_share"), answers::lensAttentionShare);
    registerExerciseFunction(QStringLiteral("three_way_share"), answers::threeWayShare);
}

} // namespace course

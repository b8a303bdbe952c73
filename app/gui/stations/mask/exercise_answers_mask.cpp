// The answers of Station 4 (the causal mask)'s exercises, computed from the loaded model on the learner's text.
#include "exercise_context.h"

#include <QJsonArray>
#include <QStringList>
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

namespace course::answers {
namespace {

// The grid shows the text's first 8 tokens (MaskLab's default), so the lifted-mask question stays
// on them: every key it asks about is a column the learner can see.
constexpr int kGridTokens = 8;

// How much a row would give to the later tokens on the grid if the mask were lifted, in the grid's
// head of layer 0, where the scores do not depend on the mask (its inputs are the embeddings): what
// the mask takes away from that row and hands back to the tokens it may see. The prompt lists the
// row's scores against every key on the grid, blocked ones included; the softmax is the learner's.
ExerciseAnswer blockedWeight(const Ctx& c) {
    if (c.T < 3)
        throw NotAskable(QObject::tr("This needs a text of at least three tokens, so that a row has a later token to hide.").toStdString());
    const int grid = std::min(c.T, kGridTokens);
    // params.row, or an earlier row on a short text, so that some tokens come after it.
    const int row = std::clamp(paramInt(c, "row", 3), 1, grid - 2);
    const int l = paramLayer(c, "layer", "first"), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1);
    al::ForwardOptions o;
    o.causal_mask = false;
    const al::ForwardResult open = run(c, o);
    std::vector<double> scores;
    QStringList listed;
    for (int j = 0; j < grid; ++j) {
        scores.push_back(open.scores.at(l, h, row, j));
        listed << QStringLiteral("%1 %2").arg(quoted(c.model, c.ids[size_t(j)]), num(scores.back(), 3));
    }
    const std::vector<double> w = softmax(scores);
    const double later = std::accumulate(w.begin() + row + 1, w.end(), 0.0);
    ExerciseAnswer a;
    setNumber(a, later, 0.1, 4);
    a.row = row;
    a.focusHead = headName(l, h);
    a.promptText = QObject::tr("Row %1 of the grid's head, head %2 (rows count from 0), may see %3 tokens: %4 and the ones "
                               "before it. Its scores against all %5 keys on the grid, the blocked ones as they would be "
                               "without the mask: %6. If the mask were lifted on the grid, what share of row %1's weight "
                               "would go to the %7 tokens after it? (Within 0.1 counts.)")
                       .arg(row).arg(a.focusHead).arg(row + 1).arg(quoted(c.model, c.ids[size_t(row)])).arg(grid)
                       .arg(listed.join(QStringLiteral(", "))).arg(grid - row - 1);
    a.detail = QObject::tr("Without the mask, row %1 of head %2 would give %3 of its weight to the %4 later tokens on the "
                           "grid. The mask sets those weights to 0, and the softmax hands their share back to the %5 "
                           "tokens the row may see.")
                   .arg(row).arg(a.focusHead).arg(num(later, 2)).arg(grid - row - 1).arg(row + 1);
    return a;
}

// Turning the mask off for every layer: what share of its probability does the token the masked
// model predicts keep (without / with), as a range? The clue is in the prompt: how sure the masked
// model is.
ExerciseAnswer unmaskTopProbability(const Ctx& c) {
    const al::ForwardResult with = run(c);
    al::ForwardOptions o;
    o.causal_mask = false;
    const al::ForwardResult without = run(c, o);
    const int top = argmax(with.logits_last);
    const std::vector<double> p = nextProbs(with), q = nextProbs(without);
    const double ratio = q[size_t(top)] / std::max(p[size_t(top)], 1e-12);
    ExerciseAnswer a;
    // Options: keeps under 0.75, 0.75 to 0.9, over 0.9 (up to all of it), rises; edges where no
    // range holds most of the audit corpus, on lens-mini or on a freshly trained model.
    setBucket(c, a, ratio, paramEdges(c, {0.75, 0.9, 1.0}), 0.01);
    a.promptText = QObject::tr("With the mask, the most likely next token for your text is %1 at probability %2. Turn "
                               "the mask off in every layer: what share of its probability will %1 keep?")
                       .arg(quoted(c.model, top), num(p[size_t(top)], 2));
    const int top2 = argmax(without.logits_last);
    a.detail = QObject::tr("Without the mask %1 has probability %2 (%3 times its probability with the mask); the most "
                           "likely token is now %4 at %5. KL between the two predictions: %6 nats. The last token "
                           "already sees everything, but the earlier tokens' vectors now mix in later tokens, and that "
                           "reaches the last position through the layers.")
                   .arg(quoted(c.model, top), num(q[size_t(top)], 2), num(ratio, 2), quoted(c.model, top2),
                        num(q[size_t(top2)], 2), num(kl(p, q), 2));
    return a;
}

// Row 1 (the second) has two allowed cells: the weight on the first token is 1 / (1 + e^(s1 - s0)).
// The prompt gives both scores, so the weight is worked out from them.
ExerciseAnswer secondRowFirstWeight(const Ctx& c) {
    if (c.T < 2)
        throw NotAskable(QObject::tr("This needs a text of at least two tokens, so that the second row has two cells to weigh.").toStdString());
    const int l = paramLayer(c, "layer", "first"), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1);
    const al::ForwardResult r = run(c);
    const double w = r.attention.at(l, h, 1, 0);
    const double s0 = r.scores.at(l, h, 1, 0), s1 = r.scores.at(l, h, 1, 1);
    ExerciseAnswer a;
    setNumber(a, w, 0.05, 4);
    a.row = 1;
    a.focusHead = headName(l, h);
    a.promptText = QObject::tr("Row 0 has one allowed cell, so its weight is 1. Row 1 (rows count from 0) has two. In the "
                               "grid's head, head %1, the second token %2 scores %3 against the first token %4 and %5 "
                               "against itself. What weight does it give the first token? (Within 0.05 counts.)")
                       .arg(a.focusHead, quoted(c.model, c.ids[1]), num(s0, 3), quoted(c.model, c.ids[0]), num(s1, 3));
    a.detail = QObject::tr("1 / (1 + e^(%1 − %2)) = %3: the weight of %4. Itself gets the rest, %5.")
                   .arg(num(s1, 3), num(s0, 3), num(w, 3), quoted(c.model, c.ids[0]), num(1 - w, 3));
    return a;
}

} // namespace
} // namespace course::answers

namespace course {

// This station's compute functions, by the names its exercises.json uses (station_answers.h).
void registerStationAnswers_mask() {
    registerExerciseFunction(QStringLiteral("blocked_weight"), answers::blockedWeight);
    registerExerciseFunction(QStringLiteral("unmask_top_probability"), answers::unmaskTopProbability);
    registerExerciseFunction(QStringLiteral("second_row_first_weight"), answers::secondRowFirstWeight);
}

} // namespace course

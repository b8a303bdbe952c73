// The answers of Station 4 (the causal mask)'s exercises, computed from the loaded model on the learner's text.
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

namespace course::answers {

// Which token a row of the mask grid's head weighs most: the largest *allowed* score wins, however
// large a later token's score would have been. In layer 0 the scores do not depend on the mask (its
// inputs are the embeddings), so a maskless run shows what the blocked cells held.
ExerciseAnswer maskedRowArgmax(const Ctx& c) {
    const int row = std::clamp(paramInt(c, "row", 3), 0, c.T - 1);
    const int l = paramLayer(c, "layer", "first"), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1);
    const al::ForwardResult r = run(c);
    double best = -1;
    int arg = 0;
    for (int j = 0; j <= row; ++j)
        if (r.attention.at(l, h, row, j) > best) { best = r.attention.at(l, h, row, j); arg = j; }
    ExerciseAnswer a;
    a.kind = QStringLiteral("token");
    a.choices = tokenChoices(c.model, c.ids); // every token: a later one is a possible (wrong) guess
    a.answer = QString::number(arg);
    for (int j = 0; j <= row; ++j)
        if (std::abs(r.attention.at(l, h, row, j) - best) <= 1e-6) a.accept << QString::number(j);
    a.answerText = QObject::tr("%1 (token %2)").arg(quoted(c.model, c.ids[arg])).arg(arg);
    a.detail = QObject::tr("In head %1, row %2 (%3) may see tokens 0 to %2; the largest of those scores, %4, "
                           "belongs to %5, which gets weight %6. Every later token gets exactly 0.")
                   .arg(headName(l, h)).arg(row).arg(quoted(c.model, c.ids[row]))
                   .arg(num(r.scores.at(l, h, row, arg))).arg(quoted(c.model, c.ids[arg])).arg(num(best, 3));
    if (l == 0 && row + 1 < c.T) {
        al::ForwardOptions o;
        o.causal_mask = false;
        const al::ForwardResult open = run(c, o);
        int later = row + 1;
        for (int j = row + 1; j < c.T; ++j)
            if (open.scores.at(l, h, row, j) > open.scores.at(l, h, row, later)) later = j;
        if (open.scores.at(l, h, row, later) > r.scores.at(l, h, row, arg))
            a.detail += QLatin1Char(' ') +
                        QObject::tr("Without the mask, the later token %1 would have scored higher still (%2).")
                            .arg(quoted(c.model, c.ids[later])).arg(num(open.scores.at(l, h, row, later)));
    }
    return a;
}

ExerciseAnswer unmaskTopChanges(const Ctx& c) {
    const al::ForwardResult with = run(c);
    al::ForwardOptions o;
    o.causal_mask = false;
    const al::ForwardResult without = run(c, o);
    const int a1 = argmax(with.logits_last), a2 = argmax(without.logits_last);
    const std::vector<double> p = nextProbs(with), q = nextProbs(without);
    ExerciseAnswer a;
    setOption(c, a, a1 != a2 ? QStringLiteral("yes") : QStringLiteral("no"));
    a.detail = QObject::tr("With the mask the top next token is %1 (%2); without it, %3 (%4). KL between the two "
                           "predictions: %5 nats. The last token already sees everything, but the earlier tokens' "
                           "vectors now mix in later tokens, and that reaches the last position through the layers.")
                   .arg(quoted(c.model, a1), num(p[a1], 2), quoted(c.model, a2), num(q[a2], 2), num(kl(p, q)));
    return a;
}

// The second row has two allowed cells: the weight on the first token is 1 / (1 + e^(s1 - s0)).
ExerciseAnswer secondRowFirstWeight(const Ctx& c) {
    if (c.T < 2)
        throw al::Error("this exercise needs a text of at least two tokens");
    const int l = paramLayer(c, "layer", "first"), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1);
    const al::ForwardResult r = run(c);
    const double w = r.attention.at(l, h, 1, 0);
    ExerciseAnswer a;
    a.row = 1;
    // Options: below 0.25, 0.25 to 0.5, 0.5 to 0.75, 0.75 or more.
    setBucket(c, a, w, {0.25, 0.5, 0.75}, 0.002);
    a.detail = QObject::tr("In head %1, %2 may see only %3 and itself. Scores: %4 for %3, %5 for itself; "
                           "the softmax of the two gives %3 weight %6.")
                   .arg(headName(l, h), quoted(c.model, c.ids[1]), quoted(c.model, c.ids[0]),
                        num(r.scores.at(l, h, 1, 0)), num(r.scores.at(l, h, 1, 1)), num(w, 3));
    return a;
}

} // namespace course::answers

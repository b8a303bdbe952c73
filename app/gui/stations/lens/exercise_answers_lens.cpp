// The answers of Station 1 (the attention lens)'s exercises, computed from the loaded model on the
// learner's text.
#include "exercise_context.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "attention_lens/census.h"
#include "attention_lens/error.h"
#include <QJsonArray>

namespace course::answers {
namespace {


// The lens's head (the one that puts the most weight on the previous token, first token included,
// as the question counts weights) with its last row hidden: how much of its weight does the last
// token give to the token just before it? The other rows stay visible, so the learner reads the
// head's habit there and predicts the hidden row. Options: five ranges split at params.edges.
ExerciseAnswer previousTokenShare(const Ctx& c) {
    if (c.T < 2)
        throw al::Error("this exercise needs a text of at least two tokens");
    const al::ForwardResult r = run(c);
    int l = 0, h = 0;
    double bestScore = -1;
    for (int li = 0; li < c.L; ++li)
        for (int hi = 0; hi < c.H; ++hi) {
            const double s = al::census::previous_token(r.attention.dense(li, hi), c.T, false);
            if (s > bestScore) { bestScore = s; l = li; h = hi; }
        }
    const int q = c.T - 1;
    const double w = r.attention.at(l, h, q, q - 1);
    ExerciseAnswer a;
    setBucket(c, a, w, paramEdges(c, {0.3, 0.4, 0.5, 0.6}), 0.005);
    a.row = q;
    a.focusHead = headName(l, h);
    a.detail = QObject::tr("Head %1 puts %2 of its weight, on average over the rows, on the previous token. In the "
                           "last row, %3 gives %4 to %5 and %6 to the first token.")
                   .arg(a.focusHead, num(bestScore, 2), quoted(c.model, c.ids[size_t(q)]), num(w, 2),
                        quoted(c.model, c.ids[size_t(q - 1)]), num(r.attention.at(l, h, q, 0), 2));
    return a;
}

} // namespace
} // namespace course::answers

namespace course {

// This station's compute functions, by the names its exercises.json uses (station_answers.h).
void registerStationAnswers_lens() {
    registerExerciseFunction(QStringLiteral("previous_token_share"), answers::previousTokenShare);
}

} // namespace course

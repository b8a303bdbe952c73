// The answers of Station 1 (the attention lens)'s exercises, computed from the loaded model on the
// learner's text.
#include "exercise_context.h"

#include <algorithm>
#include <QObject>
#include <cmath>
#include <string>

#include "attention_lens/census.h"
#include "attention_lens/error.h"
#include <QJsonArray>

namespace course::answers {
namespace {


// The lens's head (the one whose visible rows put the most weight on the previous token) with its
// last row hidden: how much of its weight does the last token give to the token just before it? The
// other rows stay visible, so the learner reads the head's habit there and predicts the hidden row,
// within 0.1.
ExerciseAnswer previousTokenShare(const Ctx& c) {
    if (c.T < 2)
        throw NotAskable(QObject::tr("This needs a text of at least two tokens, so that the last token has one before it.").toStdString());
    const al::ForwardResult r = run(c);
    // Heads are ranked on rows 2 to T-2: not on the hidden last row, whose answer that would pick,
    // and not on row 1, whose previous token is the first token, so that a head resting on the
    // first token earns no previous-token credit there. Short texts keep what rows they have.
    const int last = c.T - 1;
    const int from = c.T >= 4 ? 2 : 1, to = c.T >= 3 ? last - 1 : last;
    int l = 0, h = 0;
    double bestScore = -1;
    for (int li = 0; li < c.L; ++li)
        for (int hi = 0; hi < c.H; ++hi) {
            double s = 0;
            for (int i = from; i <= to; ++i) s += r.attention.at(li, hi, i, i - 1);
            s /= (to - from + 1);
            if (s > bestScore) { bestScore = s; l = li; h = hi; }
        }
    const int q = c.T - 1;
    const double w = r.attention.at(l, h, q, q - 1);
    double others = 0; // the clue: what the visible rows give their previous token
    for (int i = 1; i < q; ++i) others += r.attention.at(l, h, i, i - 1);
    others /= std::max(1, q - 1);
    ExerciseAnswer a;
    setNumber(a, w, 0.1, 4);
    a.row = q;
    a.focusHead = headName(l, h);
    a.promptText = QObject::tr("In head %1, how much of its weight will the last row, %2, give to the token just "
                               "before it, %3? Read the rows you can see first. (Within 0.1 counts.)")
                       .arg(a.focusHead, quoted(c.model, c.ids[size_t(q)]), quoted(c.model, c.ids[size_t(q - 1)]));
    a.detail = QObject::tr("The other rows of head %1 give their previous token %2 on average. In the last row, %3 "
                           "gives %4 to %5 and %6 to the first token.")
                   .arg(a.focusHead, num(others, 2), quoted(c.model, c.ids[size_t(q)]), num(w, 2),
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

// The answers of Station 2 (the math)'s exercises, computed from the loaded model on the learner's text.
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
namespace {

// How many numbers one head's queries, keys and values hold for the learner's whole text: 3 x T
// vectors of d / H numbers each (three vectors, so the answer never equals a number the prompt gives
// on the models the course ships).
// The prompt gives the loaded model's width and heads and the text's length, so the answer is
// worked out, not remembered from GPT-2 small's sizes.
ExerciseAnswer headKeyNumbers(const Ctx& c) {
    const al::Config& cfg = c.model.config();
    ExerciseAnswer a;
    setNumber(a, 3.0 * c.T * cfg.head_dim(), 0, 9);
    a.promptText = QObject::tr("The model you have loaded gives every token %1 numbers and has %2 heads in each "
                               "layer. Your text has %3 tokens. How many numbers make up one head's queries, keys and "
                               "values for your whole text?").arg(cfg.n_embd).arg(cfg.n_head).arg(c.T);
    a.detail = QObject::tr("Every one of the %2 heads reads all %1 numbers of a position and projects them down with "
                           "its own matrices to %1 / %2 = %3 numbers for its query, key and value. 3 × %4 tokens × %3 "
                           "= %5.")
                   .arg(cfg.n_embd).arg(cfg.n_head).arg(cfg.head_dim()).arg(c.T).arg(a.answer);
    return a;
}

// Which key scores highest against the last token's query in a head, leaving out the first token
// (where most heads rest). The clue is the head's habit on the text's other rows, counted, not
// assumed: how often their top key (first token left out) is the token itself, the one before it,
// or one further back. Each row's own query decides, so the habit is a lead, not the answer.
ExerciseAnswer topScoreKey(const Ctx& c) {
    if (c.T < 4)
        throw NotAskable(QObject::tr("This needs a text of at least four tokens, so that the other rows show the head's habit.").toStdString());
    const int l = paramLayer(c), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1), q = c.T - 1;
    const al::ForwardResult r = run(c);
    auto rowWeights = [&](int row) {
        std::vector<double> w(size_t(row) + 1);
        for (int j = 0; j <= row; ++j) w[size_t(j)] = r.attention.at(l, h, row, j);
        return w;
    };
    // Rows 2 .. q-1: from row 2 on, a row has at least two keys once the first token is left out.
    int itself = 0, previous = 0, further = 0;
    for (int row = 2; row < q; ++row) {
        const std::vector<double> w = rowWeights(row);
        const int top = int(std::max_element(w.begin() + 1, w.end()) - w.begin());
        (top == row ? itself : top == row - 1 ? previous : further) += 1;
    }
    const int rows = q - 2, most = std::max({itself, previous, further});
    const QString habit = most == itself ? QObject::tr("the token itself")
                          : most == previous ? QObject::tr("the token before it")
                                             : QObject::tr("a token further back");
    ExerciseAnswer a;
    setTokenArgmax(c, a, rowWeights(q), 1, q, q);
    a.focusHead = headName(l, h);
    const int arg = a.answer.toInt();
    a.promptText = QObject::tr("In head %1, leaving out the first token: on %2 of the %3 rows from row 2 to the one before "
                               "the last (rows count from 0), the key that scores highest is %4. The figure below shows "
                               "every query of this head but the last one's: pick a few to see where it looks. Which key "
                               "scores highest against the query of the last token, %5? Click it; any key within 2× of "
                               "the top weight counts.")
                       .arg(a.focusHead).arg(most).arg(rows).arg(habit, quoted(c.model, c.ids[size_t(q)]));
    a.detail = QObject::tr("In head %1, the query of %2 scores highest against the key of %3: score %4, "
                           "softmax weight %5. The largest score always gets the largest weight.")
                   .arg(a.focusHead, quoted(c.model, c.ids[size_t(q)]), quoted(c.model, c.ids[size_t(arg)]),
                        num(r.scores.at(l, h, q, arg)), num(r.attention.at(l, h, q, arg)));
    return a;
}

ExerciseAnswer unscaledPeak(const Ctx& c) {
    const int l = paramLayer(c), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1), q = paramQuery(c);
    // The question is about GPT-2's division by √d; a model that scales its scores otherwise
    // (config.json) has no such division to skip, so nothing fair can be asked of it.
    if (!c.model.config().scales_by_sqrt_head_dim_only())
        throw NotAskable(QObject::tr("This model does not divide its scores by √d alone (its config.json sets another "
                                     "scale), so asking what skipping that division would do does not apply to it. "
                                     "GPT-2 and the built-in model divide by √d.")
                             .toStdString());
    const al::ForwardResult r = run(c);
    const double sqrtd = std::sqrt(double(c.model.config().head_dim()));
    std::vector<double> scaled, unscaled;
    for (int j = 0; j <= q; ++j) {
        scaled.push_back(r.scores.at(l, h, q, j));
        unscaled.push_back(r.scores.at(l, h, q, j) * sqrtd);
    }
    const std::vector<double> pscaled = softmax(scaled);
    const double ps = *std::max_element(pscaled.begin(), pscaled.end());
    const std::vector<double> pu = softmax(unscaled);
    const double peak = *std::max_element(pu.begin(), pu.end());
    // The clue: the row's two largest scaled scores (the whole row, first token included) and √d, so
    // the gap to widen is on the card, even while the real-vectors figure is still veiled.
    std::vector<double> sorted = scaled;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    ExerciseAnswer a;
    // Options: below 0.5, 0.5 to 0.9, 0.9 to 0.99, 0.99 or more.
    setBucket(c, a, peak, {0.5, 0.9, 0.99}, 0.002);
    a.promptText = QObject::tr("In head %1, the row of the last token (the whole row, first token included): its two "
                               "largest scaled scores are %2 and %3, and √d = %4. Suppose you "
                               "multiplied every score of this row by √d, as if the model skipped the division (arithmetic "
                               "on this row, not a model trained without it). How large would the largest weight be?")
                       .arg(headName(l, h), num(sorted[0], 3), num(sorted.size() > 1 ? sorted[1] : sorted[0], 3),
                            num(sqrtd, 3));
    a.detail = QObject::tr("For %1 in head %2 the largest weight is %3 with the scaling and %4 without it: "
                           "every score %5 times larger, so every gap between scores %5 times wider.")
                   .arg(quoted(c.model, c.ids[q]), headName(l, h), num(ps), num(peak), num(sqrtd));
    return a;
}

} // namespace
} // namespace course::answers

namespace course {

// This station's compute functions, by the names its exercises.json uses (station_answers.h).
void registerStationAnswers_math() {
    registerExerciseFunction(QStringLiteral("head_key_numbers"), answers::headKeyNumbers);
    registerExerciseFunction(QStringLiteral("top_score_key"), answers::topScoreKey);
    registerExerciseFunction(QStringLiteral("unscaled_peak"), answers::unscaledPeak);
}

} // namespace course

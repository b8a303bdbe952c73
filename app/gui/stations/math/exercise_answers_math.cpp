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
// (where most heads rest). The clue: the row before it, whose top key the prompt names, shows the
// head's habit.
ExerciseAnswer topScoreKey(const Ctx& c) {
    if (c.T < 4)
        throw al::Error("this exercise needs a text of at least four tokens");
    const int l = paramLayer(c), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1), q = c.T - 1;
    const al::ForwardResult r = run(c);
    auto rowWeights = [&](int row) {
        std::vector<double> w(size_t(row) + 1);
        for (int j = 0; j <= row; ++j) w[size_t(j)] = r.attention.at(l, h, row, j);
        return w;
    };
    ExerciseAnswer clue;
    setTokenArgmax(c, clue, rowWeights(q - 1), 1, q - 1, q - 1);
    ExerciseAnswer a;
    setTokenArgmax(c, a, rowWeights(q), 1, q, q);
    a.focusHead = headName(l, h);
    const int arg = a.answer.toInt(), carg = clue.answer.toInt();
    a.promptText = QObject::tr("In head %1, leaving out the first token: the query of %2 (token %3) scores highest "
                               "against the key of %4 (token %5). Which key scores highest against the query of the "
                               "last token, %6? Click it; any key within 2× of the top weight counts.")
                       .arg(a.focusHead, quoted(c.model, c.ids[size_t(q - 1)])).arg(q - 1)
                       .arg(quoted(c.model, c.ids[size_t(carg)])).arg(carg).arg(quoted(c.model, c.ids[size_t(q)]));
    a.detail = QObject::tr("In head %1, the query of %2 scores highest against the key of %3: score %4, "
                           "softmax weight %5. The largest score always gets the largest weight.")
                   .arg(a.focusHead, quoted(c.model, c.ids[size_t(q)]), quoted(c.model, c.ids[size_t(arg)]),
                        num(r.scores.at(l, h, q, arg)), num(r.attention.at(l, h, q, arg)));
    return a;
}

ExerciseAnswer unscaledPeak(const Ctx& c) {
    const int l = paramLayer(c), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1), q = paramQuery(c);
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
    ExerciseAnswer a;
    // Options: below 0.5, 0.5 to 0.9, 0.9 to 0.99, 0.99 or more.
    setBucket(c, a, peak, {0.5, 0.9, 0.99}, 0.002);
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

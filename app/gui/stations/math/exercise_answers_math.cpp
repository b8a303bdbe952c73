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

ExerciseAnswer headDim(const Ctx& c) {
    ExerciseAnswer a;
    const al::Config& cfg = c.model.config();
    setNumber(a, cfg.head_dim(), 0);
    a.detail = QObject::tr("Every one of the %2 heads reads all %1 numbers of a position's residual stream and "
                           "projects them down with its own matrices to %1 / %2 = %3 numbers for its query, key "
                           "and value.")
                   .arg(cfg.n_embd).arg(cfg.n_head).arg(cfg.head_dim());
    return a;
}

ExerciseAnswer topScoreKey(const Ctx& c) {
    const int l = paramLayer(c), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1), q = paramQuery(c);
    const al::ForwardResult r = run(c);
    ExerciseAnswer a;
    a.kind = QStringLiteral("token");
    a.choices = tokenChoices(c.model, c.ids);
    double best = -1;
    int arg = 0;
    for (int j = 0; j <= q; ++j)
        if (r.attention.at(l, h, q, j) > best) { best = r.attention.at(l, h, q, j); arg = j; }
    a.answer = QString::number(arg);
    for (int j = 0; j <= q; ++j)
        if (std::abs(r.attention.at(l, h, q, j) - best) <= 1e-6)
            a.accept << QString::number(j);
    a.row = q;
    a.focusHead = headName(l, h);
    a.answerText = QObject::tr("%1 (token %2)").arg(quoted(c.model, c.ids[arg])).arg(arg);
    a.detail = QObject::tr("In head %1, the query of %2 scores highest against the key of %3: score %4, "
                           "softmax weight %5. The largest score always gets the largest weight.")
                   .arg(headName(l, h), quoted(c.model, c.ids[q]), quoted(c.model, c.ids[arg]),
                        num(r.scores.at(l, h, q, arg)), num(best));
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

} // namespace course::answers

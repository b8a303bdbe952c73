// The answers of Station 1 (the attention lens)'s exercises, computed from the loaded model on the
// learner's text.
#include "exercise_context.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "attention_lens/census.h"

namespace course::answers {

namespace {

// The head an exercise asks about: params.head is an index within params.layer, a name "L.H", or
// a census label ("previous-token", "sink", "self", "induction", "duplicate", "long-range"): then
// the head whose score for that label is highest on the learner's text, so the question always
// points at a head that does what it is about.
void paramHead(const Ctx& c, int& l, int& h) {
    const QJsonValue hv = c.params.value(QStringLiteral("head"));
    l = paramLayer(c, "layer", "last");
    h = 0;
    if (hv.isDouble()) {
        h = std::clamp(hv.toInt(), 0, c.H - 1);
        return;
    }
    if (hv.toString().contains(QLatin1Char('.'))) {
        l = std::clamp(hv.toString().section(QLatin1Char('.'), 0, 0).toInt(), 0, c.L - 1);
        h = std::clamp(hv.toString().section(QLatin1Char('.'), 1, 1).toInt(), 0, c.H - 1);
        return;
    }
    const std::string want = hv.toString(QStringLiteral("previous-token")).toStdString();
    double best = -1;
    for (const al::HeadScores& s : al::head_census(c.runner, c.ids, censusOptions(c))) {
        const double v = want == "previous-token" ? s.previous_token_nf : want == "sink" ? s.first_token
                       : want == "self" ? s.self_nf : want == "induction" ? s.induction_nf
                       : want == "duplicate" ? s.duplicate_token_nf : s.mean_distance_nf;
        if (v > best) { best = v; l = s.head.layer; h = s.head.head; }
    }
}

} // namespace

// In a head, which token does the query (the last token by default) attend to most? With
// params.hide_first the first token is left out, as the lens's "Hide the first token" does.
ExerciseAnswer argmaxAttention(const Ctx& c) {
    int l = 0, h = 0;
    paramHead(c, l, h);
    const int q = paramQuery(c);
    const bool hideFirst = c.params.value(QStringLiteral("hide_first")).toBool(false);
    const al::ForwardResult r = run(c);
    const int from = hideFirst && q > 0 ? 1 : 0;
    double best = -1;
    int arg = from;
    for (int j = from; j <= q; ++j)
        if (r.attention.at(l, h, q, j) > best) { best = r.attention.at(l, h, q, j); arg = j; }
    ExerciseAnswer a;
    a.kind = QStringLiteral("token");
    a.choices = tokenChoices(c.model, c.ids);
    a.row = q;
    a.answer = QString::number(arg);
    for (int j = from; j <= q; ++j)
        if (std::abs(r.attention.at(l, h, q, j) - best) <= 1e-6) a.accept << QString::number(j);
    a.focusHead = headName(l, h);
    a.answerText = QObject::tr("%1 (token %2)").arg(quoted(c.model, c.ids[arg])).arg(arg);
    a.detail = QObject::tr("Head %1: %2 gives its largest weight, %3, to %4.")
                   .arg(headName(l, h), quoted(c.model, c.ids[q]), num(best, 2), quoted(c.model, c.ids[arg]));
    return a;
}

} // namespace course::answers

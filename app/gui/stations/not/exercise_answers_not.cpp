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

namespace course::answers {

ExerciseAnswer leastPatternSensitiveHead(const Ctx& c) {
    al::VariantRunner vr(c.runner.model_ptr(), c.ids, c.cancel);
    const std::vector<double> p = softmax(vr.clean().logits_last);
    std::vector<al::ForwardOptions> variants(size_t(c.L) * c.H);
    for (int i = 0; i < c.L * c.H; ++i) {
        al::PatternReplacement rep;
        rep.head = {i / c.H, i % c.H};
        rep.kind = al::PatternKind::Uniform;
        variants[i].replace_pattern = {rep};
    }
    std::vector<double> kls;
    for (const al::VariantResult& r : vr.run(variants)) kls.push_back(kl(p, softmax(r.logits_last)));
    ExerciseAnswer a;
    setHeadShortlist(c, a, kls, false);
    a.detail = QObject::tr("Replacing head %1's pattern with uniform weights moves the prediction by only %2 nats; "
                           "the most sensitive head moves it by %3. A pattern that is already nearly even changes little when made "
                           "uniform, and even a striking pattern can matter little if later layers make little use of "
                           "what the head writes.")
                   .arg(a.answer, num(*std::min_element(kls.begin(), kls.end())), num(*std::max_element(kls.begin(), kls.end())));
    return a;
}

ExerciseAnswer labelStable(const Ctx& c) {
    const int l = paramLayer(c), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1);
    QStringList labels;
    std::vector<std::string> seen;
    for (const QJsonValue& t : c.params.value(QStringLiteral("texts")).toArray()) {
        const std::vector<int> ids = tokenize(c.model, t.toString().toStdString(), kTokenCap);
        for (const al::HeadScores& s : al::head_census(c.runner, ids, censusOptions(c)))
            if (s.head.layer == l && s.head.head == h) {
                labels << head_roles::label(QString::fromStdString(s.label));
                seen.push_back(s.label);
            }
    }
    if (seen.empty())
        throw al::Error("the exercise names no texts");
    const bool same = std::all_of(seen.begin(), seen.end(), [&](const std::string& s) { return s == seen[0]; });
    ExerciseAnswer a;
    setOption(c, a, same ? QStringLiteral("yes") : QStringLiteral("no"));
    a.detail = QObject::tr("Head %1's label on the %2 texts: %3. Labels summarise one text's pattern; whether a head "
                           "keeps its label across texts has to be tested, not assumed.").arg(headName(l, h)).arg(seen.size()).arg(labels.join(QStringLiteral(", ")));
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
    // Options: below 1%, 1% to 5%, 5% to 25%, 25% or more. Either way of counting the grid is right.
    setBucket(c, a, full, {0.01, 0.05, 0.25}, 0);
    ExerciseAnswer other;
    setBucket(c, other, half, {0.01, 0.05, 0.25}, 0);
    for (const QString& v : other.accept)
        if (!a.accept.contains(v)) a.accept << v;
    a.detail = QObject::tr("Your text has %1 tokens and the model's width is %2: attention's scores and weighted "
                           "sums take %3 multiply-adds over the full grid (%4 over the allowed half), the "
                           "projections and the MLP %5. Attention's arithmetic is %6% of the rest's (%7% over "
                           "the allowed half).")
                   .arg(c.T).arg(cfg.n_embd).arg(num(attention, 3), num(attention / 2, 3), num(rest, 3),
                                                 num(100 * full, 2), num(100 * half, 2));
    return a;
}

} // namespace course::answers

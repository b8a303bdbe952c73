// The answers of the station template's exercises, computed from the loaded model on the learner's text.
#include "exercise_answers_template.h"

#include <QObject>
#include <algorithm>

#include "attention_lens/census.h"
#include "exercise_context.h"

namespace course::answers {
namespace {

// The same score as the page's figure (TemplateLab), so the revealed figure shows the answer.
ExerciseAnswer templatePreviousTokenHead(const Ctx& c) {
    const int l = paramLayer(c);
    const al::ForwardResult r = run(c);
    // Over every head of the model, as a head picker offers them; only layer l's can win.
    std::vector<double> score(size_t(c.L) * size_t(c.H), -1.0);
    for (int h = 0; h < c.H; ++h)
        score[size_t(l) * size_t(c.H) + size_t(h)] = al::census::previous_token(r.attention.dense(l, h), c.T, false);
    ExerciseAnswer a;
    setHead(c, a, score, true);
    const double best = *std::max_element(score.begin(), score.end());
    a.detail = QObject::tr("On your text, head %1 puts %2 of its weight, on average, on the token just before each "
                           "position; a head that does this is called a previous-token head (a heuristic label).")
                   .arg(a.answer, num(best, 2));
    return a;
}

} // namespace
} // namespace course::answers

namespace course {

void registerStationAnswers_template() {
    registerExerciseFunction(QStringLiteral("template_previous_token_head"), answers::templatePreviousTokenHead);
}

} // namespace course

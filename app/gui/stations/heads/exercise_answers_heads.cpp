// The answers of Station 3 (many heads)'s exercises, computed from the loaded model on the learner's text.
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
#include "knockout_search.h"

namespace course::answers {

ExerciseAnswer countSinks(const Ctx& c) {
    const int l = paramLayer(c);
    const std::vector<al::HeadScores> census = al::head_census(c.runner, c.ids, censusOptions(c));
    int sinks = 0;
    QStringList labels;
    for (const al::HeadScores& s : census)
        if (s.head.layer == l) {
            sinks += s.label == "sink";
            labels << QStringLiteral("%1 %2").arg(headName(l, s.head.head), head_roles::label(QString::fromStdString(s.label)));
        }
    ExerciseAnswer a;
    setNumber(a, sinks, 0);
    a.detail = QObject::tr("On your text, layer %1's heads are labelled: %2. A sink puts most of its weight on the "
                           "first token (Xiao et al. 2023); the labels are heuristics.").arg(l).arg(labels.join(QStringLiteral(", ")));
    if (sinks == 0)
        a.note = QObject::tr("Trained models such as GPT-2 small usually have many heads that rest on the first token; "
                             "this model has none labelled %1 in layer %2 on your text.")
                     .arg(head_roles::label(QStringLiteral("sink"))).arg(l);
    return a;
}

ExerciseAnswer largestAblationHead(const Ctx& c) {
    // Every head knocked out once: the knock-out lab's search (batched by layer, and shared with
    // the lab when both ask about the same text).
    const KnockoutSearch k = runKnockoutSearch(c.runner.model_ptr(), c.ids, c.cancel);
    const std::vector<double>& kls = k.kl;
    ExerciseAnswer a;
    setHeadShortlist(c, a, kls, true);
    const double mx = *std::max_element(kls.begin(), kls.end());
    std::vector<double> sorted = kls;
    std::sort(sorted.begin(), sorted.end());
    a.detail = QObject::tr("Knocking out head %1 moves the next-token prediction by KL %2 nats; the median head "
                           "moves it by %3.").arg(a.answer, num(mx), num(sorted[sorted.size() / 2]));
    return a;
}

ExerciseAnswer positionalEarlyLate(const Ctx& c) {
    const std::vector<al::HeadScores> census = al::head_census(c.runner, c.ids, censusOptions(c));
    auto positional = [](const std::string& s) { return s == "previous-token" || s == "self"; };
    int first = 0, last = 0;
    for (const al::HeadScores& s : census) {
        if (s.head.layer == 0) first += positional(s.label);
        if (s.head.layer == c.L - 1) last += positional(s.label);
    }
    ExerciseAnswer a;
    setOption(c, a, first > last ? QStringLiteral("early") : first < last ? QStringLiteral("late") : QStringLiteral("same"));
    a.detail = QObject::tr("Heads labelled %1 or %2: %3 of %4 in layer 0, %5 of %4 in layer %6.")
                   .arg(head_roles::label(QStringLiteral("previous-token")), head_roles::label(QStringLiteral("self")))
                   .arg(first).arg(c.H).arg(last).arg(c.L - 1);
    if (a.answer != QLatin1String("early"))
        a.note = QObject::tr("In GPT-2 small the previous-token heads Wang et al. (2022) found, 2.2 and 4.11, sit in "
                             "early layers, where later induction heads can build on them (Elhage et al. 2021; Olsson "
                             "et al. 2022). This model does not show more such heads in its first layer than in its "
                             "last on your text.");
    return a;
}

bool isPronoun(std::string s) {
    while (!s.empty() && (s[0] == ' ')) s.erase(0, 1);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
    static const char* list[] = {"she", "he", "it", "they", "her", "him", "them", "his", "its", "their"};
    return std::any_of(std::begin(list), std::end(list), [&](const char* p) { return s == p; });
}

ExerciseAnswer pronounTarget(const Ctx& c0) {
    std::vector<int> ids = c0.ids;
    int q = -1;
    const al::Tokenizer* tok = c0.model.tokenizer();
    auto find = [&] {
        q = -1;
        for (int i = int(ids.size()) - 1; i > 0 && tok; --i)
            if (isPronoun(tok->token_bytes(ids[i]))) { q = i; break; }
    };
    find();
    QString note;
    if (q < 0) {
        ids = tokenize(c0.model, defaultText(), kTokenCap);
        find();
        note = QObject::tr("Your text has no pronoun after its first word, so this exercise uses the example "
                           "sentence “%1”.").arg(QString::fromUtf8(defaultText()));
    }
    if (q < 0)
        throw al::Error("no pronoun to ask about");
    Ctx c{c0.def, c0.params, c0.runner, ids, c0.model, c0.L, c0.H, int(ids.size())};
    const int l = paramLayer(c);
    const al::ForwardResult r = run(c);
    std::vector<double> mean(q + 1, 0.0);
    for (int h = 0; h < c.H; ++h)
        for (int j = 1; j <= q; ++j) // the first token is left out: most heads rest there
            mean[j] += r.attention.at(l, h, q, j) / c.H;
    int arg = 1;
    for (int j = 1; j <= q; ++j)
        if (mean[j] > mean[arg]) arg = j;
    ExerciseAnswer a;
    a.kind = QStringLiteral("token");
    a.choices = tokenChoices(c.model, ids);
    a.answer = QString::number(arg);
    // Every copy of the winning token counts: the learner names a word, not one of its positions.
    for (int j = 1; j <= q; ++j)
        if (ids[j] == ids[arg]) a.accept << QString::number(j);
    a.row = q;
    a.answerText = QObject::tr("%1 (token %2)").arg(quoted(c.model, ids[arg])).arg(arg);
    a.promptText = QObject::tr("In layer %1, averaged over its heads and leaving out the first token, which token "
                               "does the pronoun %2 (token %3) attend to most? Click it.")
                       .arg(l).arg(quoted(c.model, ids[q])).arg(q);
    if (!note.isEmpty())
        a.promptText = note + QLatin1Char(' ') + a.promptText;
    a.detail = QObject::tr("Averaged over layer %1's %2 heads (leaving out the first token), the pronoun %3 "
                           "(token %4) puts %5 of its weight on %6. Where a weight goes is not what the pronoun "
                           "means: in BERT, Clark et al. (2019) found single heads whose attention links a "
                           "pronoun to what it refers to fairly often, and an average over heads blurs such heads.")
                   .arg(l).arg(c.H).arg(quoted(c.model, ids[q])).arg(q).arg(num(mean[arg], 2)).arg(quoted(c.model, ids[arg]));
    a.note = note;
    return a;
}

} // namespace course::answers

// The answers of Station 5 (temperature)'s exercises, computed from the loaded model on the learner's text.
#include "exercise_context.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>

#include "attention_lens/census.h"
#include "attention_lens/generation.h"
#include "attention_lens/error.h"
#include "attention_lens/sampling.h"
#include "attention_lens/variants.h"
#include "course_math.h"
#include "seeded_writing.h"

namespace course::answers {
namespace {

// The top token's probability at a temperature below 1: p_T(top) = p(top)^(1/T) / sum_i p(i)^(1/T).
ExerciseAnswer topProbAtTemperature(const Ctx& c) {
    const double t = paramDouble(c, "temperature", 0.5);
    if (!(t > 0))
        throw al::Error("the exercise's temperature must be above 0");
    const al::ForwardResult r = run(c);
    const std::vector<double> p1 = softmax(r.logits_last), pt = softmax(r.logits_last, t);
    const int top = argmax(r.logits_last);
    ExerciseAnswer a;
    // Options: ranges split at params.edges.
    setBucket(c, a, pt[top], paramEdges(c, {0.25, 0.5, 0.9}), 0.002);
    // The reasoning starts from what the veiled figure would show at temperature 1: the top token's
    // probability and the runner-up's, which decides how much of the sharpening the top can take.
    int second = top == 0 ? 1 : 0;
    for (int i = 0; i < int(p1.size()); ++i)
        if (i != top && p1[size_t(i)] > p1[size_t(second)]) second = i;
    a.promptText = QObject::tr("At temperature 1 the most likely next token for your text, %1, has probability %2, and "
                               "the runner-up, %3, %4. Lower the temperature to %5: what probability will the top token get?")
                       .arg(quoted(c.model, top), num(p1[size_t(top)], 2), quoted(c.model, second), num(p1[size_t(second)], 2), num(t, 2));
    a.detail = QObject::tr("The top token %1 has probability %2 at temperature 1 and %3 at temperature %4.")
                   .arg(quoted(c.model, top), num(p1[top]), num(pt[top]), num(t, 2));
    // The worked line for temperature 0.5, where every probability is squared: the top's new share
    // is its square over the sum of all squares, and the runner-up shows why that sum is large or small.
    if (std::abs(t - 0.5) < 1e-9 && p1.size() > 1) {
        double squares = 0;
        for (double v : p1) squares += v * v;
        a.detail += QLatin1Char(' ') +
                    QObject::tr("Squared, the top's %1 becomes %2 and the runner-up's %4 (%3) becomes %5; the squares of all "
                                "%6 tokens add up to %7, so the top gets %2 / %7 = %8.")
                        .arg(num(p1[size_t(top)], 3), num(p1[size_t(top)] * p1[size_t(top)], 3), quoted(c.model, second),
                             num(p1[size_t(second)], 3), num(p1[size_t(second)] * p1[size_t(second)], 3))
                        .arg(p1.size())
                        .arg(num(squares, 3), num(pt[size_t(top)], 2));
    }
    return a;
}

// How many tokens top-p keeps at a temperature: the fewest most likely tokens whose probabilities
// reach p. Asked as a range, because the exact count among tens of thousands is not something to
// reason out, but its order of magnitude is.
ExerciseAnswer nucleusSize(const Ctx& c) {
    const double p = paramDouble(c, "top_p", 0.9), t = paramDouble(c, "temperature", 1.0);
    const al::ForwardResult r = run(c);
    al::SamplingOptions o;
    o.top_p = float(p);
    o.temperature = float(t);
    const std::vector<float> dist = al::sampling_distribution(r.logits_last, o);
    int kept = 0;
    for (float v : dist) kept += v > 0;
    ExerciseAnswer a;
    // As a count within a factor of it either way (params.factor: from count/factor to
    // count*factor, since counts run from 1 to the vocabulary), or as ranges (params.edges).
    if (c.params.contains(QStringLiteral("factor"))) {
        setNumber(a, kept, 0, 6);
        a.factor = std::max(1.0, paramDouble(c, "factor", 2.0));
        a.answerText = QString::number(kept);
        // The reasoning starts from how much the likeliest tokens hold, which the veiled figure
        // would show: a top ten holding most of p means few tokens, a thin one means a long tail.
        std::vector<double> sorted = softmax(r.logits_last, t);
        std::sort(sorted.begin(), sorted.end(), std::greater<>());
        const double topTen = std::accumulate(sorted.begin(), sorted.begin() + std::min<size_t>(10, sorted.size()), 0.0);
        a.promptText = QObject::tr("At temperature %1 the likeliest next token for your text has probability %2, and the "
                                   "ten likeliest together %3. With top-p %4, how many candidate tokens are kept? (Any "
                                   "guess from half to twice the true count counts.)")
                           .arg(num(t, 2), num(sorted[0], 2), num(topTen, 2), num(p, 2));
        a.detail = QObject::tr("At temperature %1, top-p %2 keeps %3 of %4 tokens; a guess from %5 to %6 counts.")
                       .arg(num(t, 2), num(p, 2)).arg(kept).arg(dist.size()).arg(num(kept / a.factor, 4), num(kept * a.factor, 4));
        return a;
    }
    // Options: ranges split at params.edges (no slack: counts are exact).
    setBucket(c, a, kept, paramEdges(c, {1.5, 10.5, 100.5, 1000.5}), 0);
    a.detail = QObject::tr("At temperature %1, top-p %2 keeps %3 of %4 tokens.").arg(num(t, 2), num(p, 2)).arg(kept).arg(dist.size());
    // The temperature-1 count is the card before's answer, so it may stand here as the baseline.
    if (t != 1.0) {
        o.temperature = 1.0f;
        int keptAt1 = 0;
        for (float v : al::sampling_distribution(r.logits_last, o)) keptAt1 += v > 0;
        a.detail += QLatin1Char(' ') + QObject::tr("At temperature 1 it keeps %1.").arg(keptAt1);
    }
    return a;
}

// Where the last written token looks: the model writes params.count tokens after the text (seeded,
// as the generation figure does), and the question is how the share of the last one's attention
// that falls on the written tokens (itself included), averaged over every head, compares with an
// even spread over every token it sees (count / T). Asked in ranges of that ratio: the even share
// is in the prompt, and the learner reasons from what the lens showed, heads that favour the
// nearest tokens pushing the ratio up and first-token heads pulling it down, more so the longer
// the typed text.
ExerciseAnswer writtenShare(const Ctx& c) {
    al::SamplingOptions o;
    o.temperature = float(paramDouble(c, "temperature", 1.0));
    o.seed = uint64_t(std::max(0, paramInt(c, "seed", 42)));
    const int count = std::clamp(paramInt(c, "count", 8), 1, 32);
    // As the figure reads it: a text that leaves no room to write is cut.
    const std::vector<int> prompt = promptWithRoom(c.model, c.ids, count);
    al::Generation gen(c.runner.model_ptr());
    al::GenerationStep last;
    writeSeeded(gen, prompt, o, count, c.cancel, {}, [&](const al::GenerationStep& s) { last = s; });
    const WrittenShare w = writtenShareOf(last, int(prompt.size()));
    const int P = w.typed, T = w.seen;
    const double share = w.share, even = w.even();
    ExerciseAnswer a;
    setBucket(c, a, share / even, paramEdges(c, {0.8, 1.25, 2, 3}), 0.02);
    a.promptText = QObject::tr("Your text has %1 tokens; with seed %2, at temperature %7 and without top-k or top-p, the "
                               "model writes %3 more, so the last written token sees %4 tokens, %3 of them written. Spread "
                               "evenly, the written ones would get a share of %5. Averaged over all %6 heads, how does their "
                               "real share compare with that even share?")
                       .arg(QString::number(P), QString::number(o.seed), QString::number(count), QString::number(T), num(even, 2),
                            QString::number(last.n_layer * last.n_head), num(o.temperature, 2));
    a.detail = QObject::tr("The last written token gives %1 of its attention to the %2 written tokens and %3 to your %4 "
                           "tokens. The even share is %2 / %5 = %6, so the ratio is %1 / %6 = %7.")
                   .arg(num(share, 2), QString::number(count), num(1 - share, 2), QString::number(P), QString::number(T),
                        num(even, 2), num(share / even, 3));
    return a;
}

} // namespace
} // namespace course::answers

namespace course {

// This station's compute functions, by the names its exercises.json uses (station_answers.h).
void registerStationAnswers_temperature() {
    registerExerciseFunction(QStringLiteral("top_prob_at_temperature"), answers::topProbAtTemperature);
    registerExerciseFunction(QStringLiteral("nucleus_size"), answers::nucleusSize);
    registerExerciseFunction(QStringLiteral("written_share"), answers::writtenShare);
}

} // namespace course

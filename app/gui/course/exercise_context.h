// What every exercise's compute function shares: the context it runs in (the exercise, the model,
// the text), reading its params, filling in an answer of each kind, and running the model; and the
// compute functions themselves, one file per station (exercise_answers_*.cpp).
#pragma once
#include <QJsonObject>
#include <QString>
#include <QVariantList>
#include <atomic>
#include <vector>

#include "attention_lens/census.h"
#include "attention_lens/forward.h"
#include "exercise_engine.h"

namespace course::answers {

// The exercise's settings and the model and text it runs on.
struct Ctx {
    const QJsonObject& def;
    const QJsonObject params;
    al::Runner& runner;
    const std::vector<int>& ids;
    const al::Model& model;
    int L, H, T;
    const std::atomic<bool>* cancel = nullptr;
};

al::CensusOptions censusOptions(const Ctx& c);
QString label(const al::Model& m, int id);
QString quoted(const al::Model& m, int id);
QString num(double v, int prec = 3);
QString headName(int l, int h);

// The exercise's params: a layer ("last", "middle", a number; see resolveLayer), numbers, and the
// query row (negative counts from the end; the last token by default).
int paramLayer(const Ctx& c, const char* key = "layer", const char* dflt = "last");
int paramInt(const Ctx& c, const char* key, int dflt);
double paramDouble(const Ctx& c, const char* key, double dflt);
int paramQuery(const Ctx& c);

QVariantList tokenChoices(const al::Model& m, const std::vector<int>& ids);

// Filling in an answer of each kind.
void optionChoices(const Ctx& c, ExerciseAnswer& a);
QString optionLabel(const Ctx& c, const QString& value);
void setOption(const Ctx& c, ExerciseAnswer& a, const QString& value);
void setNumber(ExerciseAnswer& a, double value, double tolerance, int prec = 4);
// Range questions: the exercise's options are buckets in order, split at `edges` (one fewer than
// the options); a value within `slack` of an edge also accepts the bucket on the other side.
void setBucket(const Ctx& c, ExerciseAnswer& a, double value, const std::vector<double>& edges, double slack);
// The head with the largest (or smallest) value of [L*H], ties accepted.
void setHead(const Ctx& c, ExerciseAnswer& a, const std::vector<double>& value, bool largest);
// The same as a shortlist of five heads, so the answer is reasoned, not guessed out of L x H.
void setHeadShortlist(const Ctx& c, ExerciseAnswer& a, const std::vector<double>& value, bool largest);

// A full forward of the text (cancellable), and the next-token distribution it gives.
al::ForwardResult run(const Ctx& c, al::ForwardOptions o = {});
std::vector<double> nextProbs(const al::ForwardResult& r);

// Station 1 (the attention lens): exercise_answers_lens.cpp
ExerciseAnswer argmaxAttention(const Ctx& c);

// Station 2 (the math): exercise_answers_math.cpp
ExerciseAnswer headDim(const Ctx& c);
ExerciseAnswer topScoreKey(const Ctx& c);
ExerciseAnswer unscaledPeak(const Ctx& c);

// Station 3 (many heads): exercise_answers_heads.cpp
ExerciseAnswer countSinks(const Ctx& c);
ExerciseAnswer largestAblationHead(const Ctx& c);
ExerciseAnswer positionalEarlyLate(const Ctx& c);
ExerciseAnswer pronounTarget(const Ctx& c);

// Station 4 (the causal mask): exercise_answers_mask.cpp
ExerciseAnswer maskedRowArgmax(const Ctx& c);
ExerciseAnswer unmaskTopChanges(const Ctx& c);
ExerciseAnswer secondRowFirstWeight(const Ctx& c);

// Station 5 (temperature): exercise_answers_temperature.cpp
ExerciseAnswer topProbAtTemperature(const Ctx& c);
ExerciseAnswer nucleusSize(const Ctx& c);

// Station 6 (what attention isn't): exercise_answers_not.cpp
ExerciseAnswer leastPatternSensitiveHead(const Ctx& c);
ExerciseAnswer labelStable(const Ctx& c);
ExerciseAnswer attentionCostShare(const Ctx& c);

} // namespace course::answers

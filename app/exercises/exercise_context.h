// What every exercise's compute function shares: the context it runs in (the exercise, the model,
// the text), reading its params, filling in an answer of each kind, and running the model. The
// compute functions themselves are in each station's folder (app/gui/stations/<id>/
// exercise_answers_<id>.cpp), which registers them (station_answers.h).
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
// A number for the learner to read, in the interface language's format (0.5 or 0,5).
QString num(double v, int prec = 3);
QString headName(int l, int h);

// The exercise's params: a layer ("last", "middle", a number; see resolveLayer), numbers, and the
// query row (negative counts from the end; the last token by default).
int paramLayer(const Ctx& c, const char* key = "layer", const char* dflt = "last");
int paramInt(const Ctx& c, const char* key, int dflt);
double paramDouble(const Ctx& c, const char* key, double dflt);
int paramQuery(const Ctx& c);
// The edges of a range question's options (params.edges, in increasing order), or `dflt`.
std::vector<double> paramEdges(const Ctx& c, const std::vector<double>& dflt);

QVariantList tokenChoices(const al::Model& m, const std::vector<int>& ids);

// Filling in an answer of each kind.
void optionChoices(const Ctx& c, ExerciseAnswer& a);
QString optionLabel(const Ctx& c, const QString& value);
// The value of the exercise's option at `index` (in the order the lesson lists them).
QString optionValueAt(const Ctx& c, int index);
void setOption(const Ctx& c, ExerciseAnswer& a, const QString& value);
void setNumber(ExerciseAnswer& a, double value, double tolerance, int prec = 4);
// Range questions: the exercise's options are buckets in order, split at `edges` (one fewer than
// the options); a value within `slack` of an edge also accepts the bucket on the other side.
void setBucket(const Ctx& c, ExerciseAnswer& a, double value, const std::vector<double>& edges, double slack);
// Whether `v` is within 2x of the best value of a "most" (largest) or "least" question: such a
// near-tie is accepted as right too.
bool nearBest(double v, double best, bool largest);
// The head with the largest (or smallest) value of [L*H], near-ties accepted.
void setHead(const Ctx& c, ExerciseAnswer& a, const std::vector<double>& value, bool largest);
// The token of tokens from..to with the largest weight (indexed by token), near-ties accepted;
// `row` is the row asked about.
void setTokenArgmax(const Ctx& c, ExerciseAnswer& a, const std::vector<double>& weight, int from, int to, int row);
// The same as a shortlist of five heads, so the answer is reasoned, not guessed out of L x H.
void setHeadShortlist(const Ctx& c, ExerciseAnswer& a, const std::vector<double>& value, bool largest);

// A full forward of the text (cancellable), and the next-token distribution it gives.
al::ForwardResult run(const Ctx& c, al::ForwardOptions o = {});
std::vector<double> nextProbs(const al::ForwardResult& r);

} // namespace course::answers

// Computes every exercise's answer from the loaded model. An exercise (exercises.json) names a
// compute function and its params; the answer is never written in the lesson, so the course stays
// true for any model the learner loads.
#pragma once
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <functional>
#include <vector>

#include "attention_lens/error.h"
#include "attention_lens/forward.h"

namespace course {

struct ExerciseAnswer {
    QString kind;          // token, cell, head, number, option
    QString answer;        // canonical: token index "5", head "1.2", cell "3,1", number "4", option value
    QStringList accept;    // every prediction counted right (ties), includes answer
    double tolerance = 0;  // for numbers: |prediction - answer| <= tolerance
    double factor = 0;     // for counts spanning orders of magnitude: answer/factor <= prediction <= answer*factor
    QString answerText;    // for people: "“ Mary” (token 5)", "head 1.2", "4"
    QString detail;        // the computed facts behind the answer, one or two sentences
    QString note;          // where a claim about GPT-2 is not what this model does
    QVariantList choices;  // tokens (labels) for token/cell, [{value,label}] for option, "L.H" shortlist for head
    int layers = 0, heads = 0; // for head pickers
    int row = -1;          // for cell exercises: the row the learner picks in
    int layer = -1;        // the layer the question asks about where it picks one per text; -1: its params' layer
    QString focusHead;     // "L.H": the head the question is about, so a station can show that head
    QString promptText;    // a prompt computed for this text (names the token asked about); empty: the lesson's
    // What the audit (exercise_audit.h) reads; the page does not show them.
    QString extreme;       // "most" or "least" for a question about the largest or smallest of its choices
    QVariantMap scores;    // for such a question: the measured value of every choice it offers
    QString measured;      // for a range question: the measured value that picked the range, as text
    bool example = false;  // the text had nothing to ask about, so the example sentence was used
    QVariantMap toVariant() const;
};

// Thrown by a compute function for a text it can ask no fair question about; the message says why
// and what text would do. The card shows it instead of a question (as for any error); the audit
// counts such a text apart, as not the card's own, rather than as a failure.
class NotAskable : public al::Error {
public:
    using al::Error::Error;
};

// Names of the compute functions this engine knows (the lessons' `compute` values).
QStringList exerciseFunctions();

// A compute function: one exercise's answer from its context (exercise_context.h). Each station
// registers its own (station_answers.h).
namespace answers { struct Ctx; }
using ExerciseFunction = std::function<ExerciseAnswer(const answers::Ctx&)>;
// Adds one to the registry: each station's registerStationAnswers_<id>() does, and so can a station
// built outside the app (the station template's test). False when the name is already taken.
bool registerExerciseFunction(const QString& name, ExerciseFunction fn);

// Throws al::Error for an unknown function or a model that cannot run it. `cancel` goes into every
// forward the exercise runs: once it reads true, al::Cancelled is thrown within one layer.
ExerciseAnswer computeExercise(const QJsonObject& exercise, al::Runner& runner, const std::vector<int>& ids,
                               const std::atomic<bool>* cancel = nullptr);

// Whether a prediction (the string the page sends: a token index, "L.H", a number, an option value)
// matches the computed answer.
bool gradePrediction(const ExerciseAnswer& answer, const QString& prediction);
bool gradePrediction(const QVariantMap& answer, const QString& prediction);

} // namespace course

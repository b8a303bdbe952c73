// The exercise engine's front: which compute function an exercise names, running it, and grading
// a prediction against its answer. The compute functions live in exercise_answers_*.cpp.
#include "exercise_engine.h"

#include <cmath>
#include <functional>
#include <map>

#include "attention_lens/error.h"
#include "exercise_context.h"
#include "station_answers.h"

namespace course {
namespace {

using Fn = ExerciseFunction;
// Every compute function by name, as the stations registered them.
std::map<QString, Fn>& table() {
    static std::map<QString, Fn> t;
    return t;
}
// The table once every station of the build has registered its functions.
std::map<QString, Fn>& registry() {
    static const bool filled = (registerStationAnswers(), true);
    (void)filled;
    return table();
}

} // namespace


QVariantMap ExerciseAnswer::toVariant() const {
    return {{QStringLiteral("kind"), kind},         {QStringLiteral("answer"), answer},
            {QStringLiteral("accept"), accept},     {QStringLiteral("tolerance"), tolerance},
            {QStringLiteral("factor"), factor},
            {QStringLiteral("answerText"), answerText}, {QStringLiteral("detail"), detail},
            {QStringLiteral("note"), note},         {QStringLiteral("choices"), choices},
            {QStringLiteral("layers"), layers},     {QStringLiteral("heads"), heads},
            {QStringLiteral("row"), row},           {QStringLiteral("layer"), layer},
            {QStringLiteral("focusHead"), focusHead},
            {QStringLiteral("promptText"), promptText}, {QStringLiteral("example"), example}};
}

bool registerExerciseFunction(const QString& name, ExerciseFunction fn) {
    // table(), not registry(): the stations call this while registry() is being filled.
    return fn && table().emplace(name, std::move(fn)).second;
}

QStringList exerciseFunctions() {
    QStringList out;
    for (const auto& [name, fn] : registry())
        out << name;
    return out;
}

ExerciseAnswer computeExercise(const QJsonObject& exercise, al::Runner& runner, const std::vector<int>& ids,
                               const std::atomic<bool>* cancel) {
    const QString name = exercise.value(QStringLiteral("compute")).toString();
    const auto it = registry().find(name);
    if (it == registry().end())
        throw al::Error("unknown exercise function \"" + name.toStdString() + "\"");
    if (ids.empty())
        throw al::Error("no tokens to work on");
    const al::Model& m = runner.model();
    answers::Ctx c{exercise, exercise.value(QStringLiteral("params")).toObject(), runner, ids, m,
          m.config().n_layer, m.config().n_head, int(ids.size()), cancel};
    ExerciseAnswer a = it->second(c);
    const QString declared = exercise.value(QStringLiteral("kind")).toString();
    if (!declared.isEmpty() && declared != a.kind)
        throw al::Error("exercise \"" + exercise.value(QStringLiteral("id")).toString().toStdString() + "\" declares kind " +
                        declared.toStdString() + " but " + name.toStdString() + " answers with a " + a.kind.toStdString());
    return a;
}

bool gradePrediction(const ExerciseAnswer& a, const QString& prediction) {
    return gradePrediction(a.toVariant(), prediction);
}

bool gradePrediction(const QVariantMap& a, const QString& prediction) {
    const QString p = prediction.trimmed();
    if (a.value(QStringLiteral("kind")).toString() == QLatin1String("number")) {
        bool ok1 = false, ok2 = false;
        const double x = p.toDouble(&ok1), y = a.value(QStringLiteral("answer")).toString().toDouble(&ok2);
        if (!ok1 || !ok2)
            return false;
        const double factor = a.value(QStringLiteral("factor")).toDouble();
        if (factor > 1)
            return x >= y / factor - 1e-9 && x <= y * factor + 1e-9;
        return std::abs(x - y) <= a.value(QStringLiteral("tolerance")).toDouble() + 1e-9;
    }
    return a.value(QStringLiteral("accept")).toStringList().contains(p);
}

} // namespace course

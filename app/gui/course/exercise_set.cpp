#include "exercise_set.h"

#include <QJsonObject>

#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "course_math.h"
#include "exercise_engine.h"
#include "progress_store.h"

void ExerciseSet::setStationId(const QString& id) {
    if (assignIfChanged(stationId_, id))
        emit stationIdChanged();
}

void ExerciseSet::setDefinitions(const QVariantList& defs) {
    if (!assignIfChanged(definitions_, defs))
        return;
    emit definitionsChanged();
    updateAnswered();
    scheduleRecompute();
}

void ExerciseSet::recompute(const Input& in) {
    answers_ = QVariantList();
    for (int i = 0; i < definitions_.size(); ++i)
        answers_ << QVariantMap();
    emit answersChanged();
    updateAnswered();
    // One job per exercise, so a quick answer is not held up by a slow search. Answers come after
    // the station's figures and before its background searches.
    for (int i = 0; i < definitions_.size(); ++i) {
        const QJsonObject def = QJsonObject::fromVariantMap(definitions_[i].toMap());
        runJob<QVariantMap>(
            Priority::Answer,
            [model = in.model, text = in.text, def](JobContext& ctx) -> QVariantMap {
                al::Runner runner(model);
                try {
                    const std::vector<int> ids = course::tokenize(*model, text, course::kTokenCap);
                    return course::computeExercise(def, runner, ids, ctx.cancelFlag()).toVariant();
                } catch (const al::Cancelled&) {
                    throw; // superseded: not an answer
                } catch (const std::exception& e) {
                    return {{QStringLiteral("error"), QString::fromUtf8(e.what())}};
                }
            },
            [this, i](QVariantMap& answer) {
                if (i < answers_.size()) {
                    answers_[i] = answer;
                    emit answersChanged();
                }
                updateAnswered();
            },
            i);
    }
}

QVariantMap ExerciseSet::submit(int index, const QString& prediction) {
    if (index < 0 || index >= answers_.size())
        return {};
    const QVariantMap a = answers_[index].toMap();
    if (a.isEmpty() || a.contains(QStringLiteral("error")))
        return {};
    const bool correct = course::gradePrediction(a, prediction);
    const QString id = definitions_[index].toMap().value(QStringLiteral("id")).toString();
    ProgressStore::instance()->recordAnswer(stationId_, id, prediction, a.value(QStringLiteral("answer")).toString(), correct);
    QVariantMap out = a;
    out.insert(QStringLiteral("correct"), correct);
    out.insert(QStringLiteral("prediction"), prediction);
    return out;
}

QVariantMap ExerciseSet::skip(int index) {
    if (index < 0 || index >= answers_.size())
        return {};
    const QVariantMap a = answers_[index].toMap();
    if (a.isEmpty() || a.contains(QStringLiteral("error")))
        return {};
    const QString id = definitions_[index].toMap().value(QStringLiteral("id")).toString();
    ProgressStore::instance()->recordAnswer(stationId_, id, QString(), a.value(QStringLiteral("answer")).toString(),
                                            false, true);
    QVariantMap out = a;
    out.insert(QStringLiteral("correct"), false);
    out.insert(QStringLiteral("skipped"), true);
    return out;
}

QVariantMap ExerciseSet::previous(int index) const {
    if (index < 0 || index >= definitions_.size())
        return {};
    return ProgressStore::instance()->answer(stationId_, definitions_[index].toMap().value(QStringLiteral("id")).toString());
}

void ExerciseSet::updateAnswered() {
    bool all = answers_.size() == definitions_.size();
    for (const QVariant& a : std::as_const(answers_))
        all = all && !a.toMap().isEmpty();
    if (all == allAnswered_)
        return;
    allAnswered_ = all;
    emit allAnsweredChanged();
}

// One station's exercises for QML: the definitions from exercises.json, each one's answer computed
// from the loaded model off the GUI thread (Answer priority on the ComputeScheduler: after the
// station's figures, before its searches; cancelled when the model or text changes), and grading
// of the learner's committed prediction (recorded in the ProgressStore).
#pragma once
#include <QVariantList>

#include "course_lab.h"

class ExerciseSet : public CourseLab {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString stationId READ stationId WRITE setStationId NOTIFY stationIdChanged)
    Q_PROPERTY(QVariantList definitions READ definitions WRITE setDefinitions NOTIFY definitionsChanged)
    // Index-aligned with definitions: {} while computing, else ExerciseAnswer::toVariant() (+ "error").
    Q_PROPERTY(QVariantList answers READ answers NOTIFY answersChanged)
    Q_PROPERTY(int count READ count NOTIFY definitionsChanged)
    // Every exercise has its answer (or its error): what --screenshot waits for.
    Q_PROPERTY(bool allAnswered READ allAnswered NOTIFY allAnsweredChanged)
public:
    using CourseLab::CourseLab;
    QString stationId() const { return stationId_; }
    void setStationId(const QString& id);
    QVariantList definitions() const { return definitions_; }
    void setDefinitions(const QVariantList& defs);
    QVariantList answers() const { return answers_; }
    int count() const { return int(definitions_.size()); }
    bool allAnswered() const { return allAnswered_; }

    // Grades a committed prediction against the computed answer and records it. Returns
    // {correct: bool, answerText, detail, note}; {} while the answer is still being computed.
    Q_INVOKABLE QVariantMap submit(int index, const QString& prediction);
    // Shows the computed answer without a prediction ("Show without predicting") and records a
    // skip. Returns the answer map with {skipped: true, correct: false}; {} while computing.
    Q_INVOKABLE QVariantMap skip(int index);
    // The learner's earlier answer from the progress store ({} if none).
    Q_INVOKABLE QVariantMap previous(int index) const;

signals:
    void stationIdChanged();
    void definitionsChanged();
    void answersChanged();
    void allAnsweredChanged();

protected:
    void recompute(const Input& in) override;

private:
    QString stationId_;
    QVariantList definitions_;
    QVariantList answers_;
    bool allAnswered_ = true;
    void updateAnswered();
};

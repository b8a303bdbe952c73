// The training lab for QML: trains the lab's tiny GPT-2 (training/src/train_lab.h) from scratch on
// repeated random sequences, off the GUI thread, so the learner can watch a previous-token head and
// an induction head form. Optionally a one-layer model (the control, which cannot form one) trains
// side by side, step for step, in the same job; and optionally the contrasting run (the same
// two-layer model on shorter repeated spans, al::train::short_span_contrast) trains after them in
// the same job, so the main run's figures come as fast as without it.
//
// The run is a background job on the app's ComputeScheduler (Search priority, BLAS on one thread):
// it trains one step per call and checks its cancel flag between steps, so pause and reset take
// effect within one step. Records (every LabSettings::log_every steps, with the heads' scores and
// attention on the probe sequence) reach the GUI thread a few times a second and are all kept:
// they are the snapshots the slider scrubs through.
//
// Pause cancels the job and keeps the models; resume starts a new job on the same models, and
// takes up the records where the GUI left off. Reset drops the models and everything received;
// results of the dropped run are never shown (each run has a generation number that every post
// checks).
//
// The station's predictions are answered from the run: answersReady turns true when the run (and
// the control, when it trains) has finished; the contrasting run's answer follows when it has.
#pragma once
#include <QObject>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <memory>
#include <vector>

#include "assign_if_changed.h"
#include "compute/compute_scheduler.h"
#include "train_lab.h"

class TrainingLabController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    // "idle" (nothing trained yet), "running", "paused", "finished".
    Q_PROPERTY(QString state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool running READ running NOTIFY stateChanged)
    // The run's length in steps; set before starting (ignored while a run exists: reset first).
    Q_PROPERTY(int totalSteps READ totalSteps WRITE setTotalSteps NOTIFY settingsChanged)
    Q_PROPERTY(int seed READ seed WRITE setSeed NOTIFY settingsChanged)
    // Train a one-layer model side by side (set before starting).
    Q_PROPERTY(bool withControl READ withControl WRITE setWithControl NOTIFY settingsChanged)
    // Train the contrasting run on short spans after the main run (set before starting).
    Q_PROPERTY(bool withContrast READ withContrast WRITE setWithContrast NOTIFY settingsChanged)
    // The repeated spans' lengths in tokens: the main run's and the contrasting run's.
    Q_PROPERTY(int minSpan READ minSpan NOTIFY settingsChanged)
    Q_PROPERTY(int maxSpan READ maxSpan NOTIFY settingsChanged)
    Q_PROPERTY(int contrastMinSpan READ contrastMinSpan CONSTANT)
    Q_PROPERTY(int contrastMaxSpan READ contrastMaxSpan CONSTANT)
    Q_PROPERTY(int layers READ layers NOTIFY settingsChanged)
    Q_PROPERTY(int headsPerLayer READ headsPerLayer NOTIFY settingsChanged)
    Q_PROPERTY(int stepsDone READ stepsDone NOTIFY progressChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)          // 0..1
    Q_PROPERTY(int contrastStepsDone READ contrastStepsDone NOTIFY progressChanged)
    Q_PROPERTY(double stepsPerSecond READ stepsPerSecond NOTIFY progressChanged)
    // Training seconds so far (pauses not counted).
    Q_PROPERTY(double seconds READ seconds NOTIFY progressChanged)
    // The curves, one entry per record: {step, loss, inContextLoss, otherLoss}.
    Q_PROPERTY(QVariantList curve READ curve NOTIFY recordsChanged)
    Q_PROPERTY(QVariantList controlCurve READ controlCurve NOTIFY recordsChanged)
    Q_PROPERTY(QVariantList contrastCurve READ contrastCurve NOTIFY recordsChanged)
    // Per head, the scores over time: [{layer, head, steps: [...], previousToken: [...], induction: [...]}].
    Q_PROPERTY(QVariantList scoreHistory READ scoreHistory NOTIFY recordsChanged)
    Q_PROPERTY(QVariantList controlScoreHistory READ controlScoreHistory NOTIFY recordsChanged)
    Q_PROPERTY(QVariantList contrastScoreHistory READ contrastScoreHistory NOTIFY recordsChanged)
    Q_PROPERTY(int snapshotCount READ snapshotCount NOTIFY recordsChanged)
    // Rows and columns of every attention snapshot (the probe's length).
    Q_PROPERTY(int probeLength READ probeLength NOTIFY settingsChanged)
    // The phase-change rule (training/src/phase_change.h) on the records so far:
    // {step (the rule holds), from, to (the steepest window's steps; -1 with fewer than 2 records),
    //  rise, opening (nats), window (its longest span in steps)}. The same for the contrasting run.
    Q_PROPERTY(QVariantMap phaseChange READ phaseChange NOTIFY recordsChanged)
    Q_PROPERTY(QVariantMap contrastPhaseChange READ contrastPhaseChange NOTIFY recordsChanged)
    Q_PROPERTY(bool answersReady READ answersReady NOTIFY stateChanged)
    // The run's answers to the station's predictions (valid once answersReady):
    // {inductionLayer, inductionHead, inductionScore (the strongest head by induction score),
    //  inductionFormed (that score reaches 0.3), lossShape: "step"|"smooth", phaseChange (as the
    //  property), controlForms: "yes"|"no"|"" (no control trained), controlBestInduction,
    //  contrastForms: "yes"|"no"|"" (no contrasting run, or not finished yet),
    //  contrastBestInduction}.
    Q_PROPERTY(QVariantMap answers READ answers NOTIFY stateChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    Q_PROPERTY(QString progressDescription READ progressDescription NOTIFY progressChanged) // in words, for screen readers
    Q_PROPERTY(QString lossDescription READ lossDescription NOTIFY recordsChanged)
    Q_PROPERTY(QString headsDescription READ headsDescription NOTIFY recordsChanged)
    Q_PROPERTY(QString contrastDescription READ contrastDescription NOTIFY recordsChanged)
public:
    explicit TrainingLabController(QObject* parent = nullptr);
    QString progressDescription() const;
    QString lossDescription() const;
    QString headsDescription() const;
    QString contrastDescription() const;
    ~TrainingLabController() override;

    QString state() const;
    bool running() const { return state_ == State::Running; }
    int totalSteps() const { return settings_.steps; }
    void setTotalSteps(int steps);
    int seed() const { return int(settings_.seed); }
    void setSeed(int seed);
    bool withControl() const { return withControl_; }
    void setWithControl(bool on);
    bool withContrast() const { return withContrast_; }
    void setWithContrast(bool on);
    int minSpan() const { return settings_.data.min_span; }
    int maxSpan() const { return settings_.data.max_span; }
    static int contrastMinSpan() { return al::train::kContrastMinSpan; }
    static int contrastMaxSpan() { return al::train::kContrastMaxSpan; }
    int layers() const { return settings_.n_layer; }
    int headsPerLayer() const { return settings_.n_head; }
    int stepsDone() const { return stepsDone_; }
    double progress() const { return settings_.steps > 0 ? double(stepsDone_) / settings_.steps : 0.0; }
    int contrastStepsDone() const { return contrastStepsDone_; }
    double stepsPerSecond() const { return stepsPerSecond_; }
    double seconds() const { return ms_ / 1000.0; }
    QVariantList curve() const { return curveOf(records_); }
    QVariantList controlCurve() const { return curveOf(controlRecords_); }
    QVariantList contrastCurve() const { return curveOf(contrastRecords_); }
    QVariantList scoreHistory() const { return historyOf(records_); }
    QVariantList controlScoreHistory() const { return historyOf(controlRecords_); }
    QVariantList contrastScoreHistory() const { return historyOf(contrastRecords_); }
    int snapshotCount() const { return int(records_.size()); }
    int probeLength() const { return probeLength_; }
    QVariantMap phaseChange() const { return phaseChangeOf(records_); }
    QVariantMap contrastPhaseChange() const { return phaseChangeOf(contrastRecords_); }
    bool answersReady() const { return mainDone_; }
    QVariantMap answers() const;
    QString error() const { return error_; }

    // The snapshot `index` (0 = first record): {step, loss, inContextLoss, size,
    // heads: [{layer, head, previousToken, induction, attention: [size*size]}]}; {} out of range.
    Q_INVOKABLE QVariantMap snapshot(int index) const;
    // The snapshot `index` in words: its step and the heads that score highest then.
    Q_INVOKABLE QString snapshotDescription(int index) const;
    // The same for the control's record `index`.
    Q_INVOKABLE QVariantMap controlSnapshot(int index) const;

    // For tests: other sizes (smaller, faster runs). Only while idle; throws std::invalid_argument
    // for settings train_lab rejects.
    void setLabSettings(const al::train::LabSettings& settings);
    const al::train::LabSettings& labSettings() const { return settings_; }
    // For tests: every record received, oldest first.
    const std::vector<al::train::LabRecord>& records() const { return records_; }
    const std::vector<al::train::LabRecord>& controlRecords() const { return controlRecords_; }
    const std::vector<al::train::LabRecord>& contrastRecords() const { return contrastRecords_; }

public slots:
    void start();   // from idle: a fresh run; from paused: resume
    void pause();
    void resume();
    void reset();

signals:
    void stateChanged();
    void settingsChanged();
    void progressChanged();
    void recordsChanged();
    void errorChanged();

private:
    enum class State { Idle, Running, Paused, Finished };
    struct Run;
    struct Batch;

    void submitJob();
    void apply(const Batch& batch);
    void setState(State s) { if (assignIfChanged(state_, s)) emit stateChanged(); }
    void setError(const QString& e) { if (assignIfChanged(error_, e)) emit errorChanged(); }
    static QVariantList curveOf(const std::vector<al::train::LabRecord>& records);
    static QVariantList historyOf(const std::vector<al::train::LabRecord>& records);
    QVariantMap phaseChangeOf(const std::vector<al::train::LabRecord>& records) const;
    static QVariantMap snapshotOf(const std::vector<al::train::LabRecord>& records, int index, int size);

    al::train::LabSettings settings_;
    bool withControl_ = true;
    bool withContrast_ = true;
    bool mainDone_ = false;   // the main run (and its control) finished: the answers are in
    State state_ = State::Idle;
    std::shared_ptr<Run> run_;
    compute::JobPtr job_;
    quint64 generation_ = 0;
    std::vector<al::train::LabRecord> records_, controlRecords_, contrastRecords_;
    int stepsDone_ = 0;
    int contrastStepsDone_ = 0;
    double ms_ = 0.0;
    double stepsPerSecond_ = 0.0;
    int probeLength_ = 0;
    QString error_;
};

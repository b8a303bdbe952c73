#include "training_lab_controller.h"

#include "figure_words.h"

#include <QPointer>
#include <chrono>
#include <mutex>
#include <stdexcept>

using al::train::LabRecord;
using al::train::LabSettings;
using al::train::TrainingLab;

// The models of one run. The job trains them under the mutex; a resumed job may start while the
// paused one finishes its last step, so they take turns.
struct TrainingLabController::Run {
    Run(const LabSettings& settings, bool withControl, bool withContrast) : lab(settings) {
        if (withControl) {
            LabSettings one = settings;
            one.n_layer = 1;
            control = std::make_unique<TrainingLab>(one);
        }
        if (withContrast)
            contrast = std::make_unique<TrainingLab>(al::train::short_span_contrast(settings));
    }
    bool mainFinished() const { return lab.finished() && (!control || control->finished()); }
    bool finished() const { return mainFinished() && (!contrast || contrast->finished()); }
    std::mutex mutex;
    TrainingLab lab;
    std::unique_ptr<TrainingLab> control;
    std::unique_ptr<TrainingLab> contrast;   // trains once the main run and the control are done
};

// What one post carries to the GUI thread: the records from index `first` on (records the GUI
// already has are skipped by index, so a resumed job may send some again harmlessly).
struct TrainingLabController::Batch {
    quint64 generation = 0;
    size_t first = 0, controlFirst = 0, contrastFirst = 0;
    std::vector<LabRecord> records, controlRecords, contrastRecords;
    int stepsDone = 0;
    int contrastStepsDone = 0;
    bool mainFinished = false;
    double ms = 0.0;
    double stepsPerSecond = 0.0;
    bool finished = false;
};

TrainingLabController::TrainingLabController(QObject* parent) : QObject(parent) {
    settings_.steps = 2000;
    // The probe's length is fixed by the settings: measure it on a throwaway lab of zero steps'
    // worth of work (construction only draws the weights and the probe).
    try {
        TrainingLab probe(settings_);
        probeLength_ = int(probe.probe().size());
    } catch (const std::exception& e) {
        error_ = QString::fromUtf8(e.what());
    }
}

TrainingLabController::~TrainingLabController() {
    if (job_)
        job_->cancel();
}

QString TrainingLabController::state() const {
    switch (state_) {
    case State::Idle: return QStringLiteral("idle");
    case State::Running: return QStringLiteral("running");
    case State::Paused: return QStringLiteral("paused");
    case State::Finished: return QStringLiteral("finished");
    }
    return {};
}

void TrainingLabController::setTotalSteps(int steps) {
    if (steps == settings_.steps || run_)
        return;
    LabSettings s = settings_;
    s.steps = steps;
    try {
        al::train::validate(s);
    } catch (const std::exception& e) {
        setError(QString::fromUtf8(e.what()));
        return;
    }
    settings_ = s;
    emit settingsChanged();
    emit progressChanged();
}

void TrainingLabController::setLabSettings(const LabSettings& settings) {
    if (run_)
        throw std::invalid_argument("the training lab's settings change only before a run (reset first)");
    TrainingLab probe(settings);   // validates
    settings_ = settings;
    probeLength_ = int(probe.probe().size());
    emit settingsChanged();
    emit progressChanged();
}

void TrainingLabController::setSeed(int seed) {
    if (uint64_t(seed) == settings_.seed || run_ || seed < 0)
        return;
    settings_.seed = uint64_t(seed);
    emit settingsChanged();
}

void TrainingLabController::setWithControl(bool on) {
    if (on == withControl_ || run_)
        return;
    withControl_ = on;
    emit settingsChanged();
}

void TrainingLabController::setWithContrast(bool on) {
    if (on == withContrast_ || run_)
        return;
    withContrast_ = on;
    emit settingsChanged();
}

void TrainingLabController::start() {
    if (state_ == State::Paused) {
        resume();
        return;
    }
    if (state_ != State::Idle)
        return;
    try {
        run_ = std::make_shared<Run>(settings_, withControl_, withContrast_);
    } catch (const std::exception& e) {
        setError(QString::fromUtf8(e.what()));
        return;
    }
    setError({});
    setState(State::Running);
    submitJob();
}

void TrainingLabController::pause() {
    if (state_ != State::Running)
        return;
    if (job_)
        job_->cancel();
    job_.reset();
    stepsPerSecond_ = 0.0;
    setState(State::Paused);
    emit progressChanged();
}

void TrainingLabController::resume() {
    if (state_ != State::Paused || !run_)
        return;
    setState(State::Running);
    submitJob();
}

void TrainingLabController::reset() {
    if (job_)
        job_->cancel();
    job_.reset();
    run_.reset();
    ++generation_;   // anything the old run still posts is dropped
    records_.clear();
    controlRecords_.clear();
    contrastRecords_.clear();
    stepsDone_ = 0;
    contrastStepsDone_ = 0;
    mainDone_ = false;
    ms_ = 0.0;
    stepsPerSecond_ = 0.0;
    setError({});
    setState(State::Idle);
    emit recordsChanged();
    emit progressChanged();
}

void TrainingLabController::submitJob() {
    const quint64 generation = generation_;
    const size_t first = records_.size(), controlFirst = controlRecords_.size(),
                 contrastFirst = contrastRecords_.size();
    std::shared_ptr<Run> run = run_;
    QPointer<TrainingLabController> self(this);

    compute::JobSpec spec;
    spec.priority = compute::Priority::Search;   // long: figures and answers go first
    spec.oneBlasThread = true;                   // the lab's sizes are fastest on one thread
    spec.receiver = this;
    spec.name = QStringLiteral("training lab");
    spec.work = [run, generation, first, controlFirst, contrastFirst, self](compute::JobContext& ctx) {
        using Clock = std::chrono::steady_clock;
        size_t sent = first, controlSent = controlFirst, contrastSent = contrastFirst;
        auto lastPost = Clock::now();
        int stepsAtPost = -1;
        auto post = [&](bool finished) {
            auto batch = std::make_shared<Batch>();
            batch->generation = generation;
            {
                std::lock_guard<std::mutex> lock(run->mutex);
                const auto& recs = run->lab.records();
                batch->first = sent;
                if (sent < recs.size())
                    batch->records.assign(recs.begin() + long(sent), recs.end());
                sent = recs.size();
                if (run->control) {
                    const auto& crecs = run->control->records();
                    batch->controlFirst = controlSent;
                    if (controlSent < crecs.size())
                        batch->controlRecords.assign(crecs.begin() + long(controlSent), crecs.end());
                    controlSent = crecs.size();
                }
                if (run->contrast) {
                    const auto& vrecs = run->contrast->records();
                    batch->contrastFirst = contrastSent;
                    if (contrastSent < vrecs.size())
                        batch->contrastRecords.assign(vrecs.begin() + long(contrastSent), vrecs.end());
                    contrastSent = vrecs.size();
                    batch->contrastStepsDone = run->contrast->steps_done();
                }
                batch->mainFinished = run->mainFinished();
                batch->stepsDone = run->lab.steps_done();
                batch->ms = run->lab.records().empty() ? 0.0 : run->lab.records().back().ms;
            }
            const auto now = Clock::now();
            const double seconds = std::chrono::duration<double>(now - lastPost).count();
            // Steps of whichever model trains now: the main run's, then the contrasting run's.
            const int steps = batch->stepsDone + batch->contrastStepsDone;
            if (stepsAtPost >= 0 && seconds > 0)
                batch->stepsPerSecond = (steps - stepsAtPost) / seconds;
            stepsAtPost = steps;
            lastPost = now;
            batch->finished = finished;
            ctx.post([self, batch] {
                if (self)
                    self->apply(*batch);
            });
        };
        post(false);
        while (!ctx.cancelled()) {
            {
                std::lock_guard<std::mutex> lock(run->mutex);
                if (run->finished())
                    break;
                // One step each, so the flag is checked after every step of any model. The
                // contrasting run waits for the main run and the control to finish.
                if (!run->mainFinished()) {
                    run->lab.step(1);
                    if (run->control)
                        run->control->step(1);
                } else {
                    run->contrast->step(1);
                }
            }
            if (std::chrono::duration<double>(Clock::now() - lastPost).count() >= 0.25)
                post(false);
        }
        if (!ctx.cancelled()) {
            std::lock_guard<std::mutex> lock(run->mutex);
            if (!run->finished())
                return;
        }
        if (!ctx.cancelled())
            post(true);
    };
    spec.onFinished = [self, generation](compute::Outcome outcome, const QString& error) {
        if (!self || self->generation_ != generation)
            return;
        if (outcome == compute::Outcome::Failed) {
            self->setError(error);
            self->job_.reset();
            self->setState(State::Paused);
        }
    };
    job_ = compute::ComputeScheduler::instance()->submit(std::move(spec));
}

void TrainingLabController::apply(const Batch& batch) {
    if (batch.generation != generation_ || !run_)
        return;   // a run that was reset
    bool changed = false;
    auto take = [&changed](std::vector<LabRecord>& mine, size_t first, const std::vector<LabRecord>& theirs) {
        for (size_t i = 0; i < theirs.size(); ++i) {
            if (first + i == mine.size()) {
                mine.push_back(theirs[i]);
                changed = true;
            }
        }
    };
    take(records_, batch.first, batch.records);
    take(controlRecords_, batch.controlFirst, batch.controlRecords);
    take(contrastRecords_, batch.contrastFirst, batch.contrastRecords);
    if (batch.stepsDone >= stepsDone_) {
        stepsDone_ = batch.stepsDone;
        ms_ = batch.ms;
    }
    contrastStepsDone_ = std::max(contrastStepsDone_, batch.contrastStepsDone);
    if (changed)
        emit recordsChanged();
    if (batch.mainFinished && !mainDone_) {
        mainDone_ = true;   // answersReady (a property of stateChanged)
        emit stateChanged();
    }
    if (state_ == State::Running)
        stepsPerSecond_ = batch.stepsPerSecond > 0 ? batch.stepsPerSecond : stepsPerSecond_;
    emit progressChanged();
    if (batch.finished && state_ == State::Running) {
        job_.reset();
        stepsPerSecond_ = 0.0;
        setState(State::Finished);
        emit progressChanged();
    }
}

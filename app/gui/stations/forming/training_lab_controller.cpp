#include "training_lab_controller.h"

#include "figure_words.h"

#include <QPointer>
#include <chrono>
#include <mutex>
#include <stdexcept>

using al::train::LabRecord;
using al::train::LabSettings;
using al::train::TrainingLab;

namespace {
// A head counts as an induction head from this score on the probe: the lab's benchmark bar (its
// one-layer control stays under it; the default run's induction head reaches about 0.8).
constexpr float kInductionBar = 0.3f;
} // namespace

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

QVariantMap TrainingLabController::phaseChangeOf(const std::vector<LabRecord>& records) const {
    const al::train::PhaseChange p =
        al::train::find_phase_change(records, al::train::phase_window_steps(settings_.steps, settings_.log_every));
    return QVariantMap{{QStringLiteral("step"), p.step},
                       {QStringLiteral("from"), p.from_step},
                       {QStringLiteral("to"), p.to_step},
                       {QStringLiteral("rise"), double(p.rise)},
                       {QStringLiteral("opening"), double(p.opening)},
                       {QStringLiteral("window"), p.window_steps}};
}

namespace {
// The best induction score in any record: a head that formed and faded counts.
double bestInductionEver(const std::vector<LabRecord>& records) {
    double most = 0.0;
    for (const auto& r : records)
        for (const auto& h : r.heads)
            most = std::max(most, double(h.induction));
    return most;
}
} // namespace

QVariantMap TrainingLabController::answers() const {
    if (!mainDone_ || records_.empty())
        return {};
    QVariantMap a;
    const al::train::LabHeadScores* best = nullptr;
    for (const auto& h : records_.back().heads)
        if (!best || h.induction > best->induction)
            best = &h;
    a[QStringLiteral("inductionLayer")] = best ? best->layer : -1;
    a[QStringLiteral("inductionHead")] = best ? best->head : -1;
    a[QStringLiteral("inductionScore")] = best ? double(best->induction) : 0.0;
    // Whether there is an induction head to place at all (the benchmark's bar, as for the control).
    a[QStringLiteral("inductionFormed")] = best && best->induction >= kInductionBar;
    const QVariantMap phase = phaseChange();
    a[QStringLiteral("phaseChange")] = phase;
    a[QStringLiteral("lossShape")] = phase.value(QStringLiteral("step")).toBool() ? QStringLiteral("step") : QStringLiteral("smooth");
    if (!controlRecords_.empty()) {
        const double most = bestInductionEver(controlRecords_);
        a[QStringLiteral("controlBestInduction")] = most;
        a[QStringLiteral("controlForms")] = most >= kInductionBar ? QStringLiteral("yes") : QStringLiteral("no");
    } else {
        a[QStringLiteral("controlForms")] = QString();
    }
    // The contrasting run answers once it has trained to its end.
    if (!contrastRecords_.empty() && contrastRecords_.back().step >= settings_.steps) {
        const double most = bestInductionEver(contrastRecords_);
        a[QStringLiteral("contrastBestInduction")] = most;
        a[QStringLiteral("contrastForms")] = most >= kInductionBar ? QStringLiteral("yes") : QStringLiteral("no");
    } else {
        a[QStringLiteral("contrastForms")] = QString();
    }
    return a;
}

QVariantList TrainingLabController::curveOf(const std::vector<LabRecord>& records) {
    QVariantList out;
    out.reserve(qsizetype(records.size()));
    for (const auto& r : records)
        out.append(QVariantMap{{QStringLiteral("step"), r.step},
                               {QStringLiteral("loss"), double(r.loss)},
                               {QStringLiteral("inContextLoss"), double(r.in_context_loss)},
                               {QStringLiteral("otherLoss"), double(r.other_loss)}});
    return out;
}

QVariantList TrainingLabController::historyOf(const std::vector<LabRecord>& records) {
    QVariantList out;
    if (records.empty())
        return out;
    const size_t heads = records.front().heads.size();
    for (size_t h = 0; h < heads; ++h) {
        QVariantList steps, prev, ind;
        for (const auto& r : records) {
            if (h >= r.heads.size())
                continue;
            steps.append(r.step);
            prev.append(double(r.heads[h].previous_token));
            ind.append(double(r.heads[h].induction));
        }
        out.append(QVariantMap{{QStringLiteral("layer"), records.front().heads[h].layer},
                               {QStringLiteral("head"), records.front().heads[h].head},
                               {QStringLiteral("steps"), steps},
                               {QStringLiteral("previousToken"), prev},
                               {QStringLiteral("induction"), ind}});
    }
    return out;
}

QVariantMap TrainingLabController::snapshotOf(const std::vector<LabRecord>& records, int index, int size) {
    if (index < 0 || index >= int(records.size()) || size <= 0)
        return {};
    const LabRecord& r = records[size_t(index)];
    const size_t cells = size_t(size) * size_t(size);
    QVariantList heads;
    for (size_t h = 0; h < r.heads.size(); ++h) {
        QVariantList attention;
        if (r.attention.size() >= (h + 1) * cells) {
            attention.reserve(qsizetype(cells));
            for (size_t i = 0; i < cells; ++i)
                attention.append(double(r.attention[h * cells + i]));
        }
        heads.append(QVariantMap{{QStringLiteral("layer"), r.heads[h].layer},
                                 {QStringLiteral("head"), r.heads[h].head},
                                 {QStringLiteral("previousToken"), double(r.heads[h].previous_token)},
                                 {QStringLiteral("induction"), double(r.heads[h].induction)},
                                 {QStringLiteral("attention"), attention}});
    }
    return QVariantMap{{QStringLiteral("step"), r.step},
                       {QStringLiteral("loss"), double(r.loss)},
                       {QStringLiteral("inContextLoss"), double(r.in_context_loss)},
                       {QStringLiteral("size"), size},
                       {QStringLiteral("heads"), heads}};
}

QVariantMap TrainingLabController::snapshot(int index) const {
    return snapshotOf(records_, index, probeLength_);
}

QVariantMap TrainingLabController::controlSnapshot(int index) const {
    return snapshotOf(controlRecords_, index, probeLength_);
}

using al::train::LabHeadScores;

namespace {

// The heads with the highest previous-token and induction scores in one record, in words.
QString strongestHeads(const LabRecord& r) {
    const LabHeadScores* prev = nullptr;
    const LabHeadScores* ind = nullptr;
    for (const LabHeadScores& h : r.heads) {
        if (!prev || h.previous_token > prev->previous_token) prev = &h;
        if (!ind || h.induction > ind->induction) ind = &h;
    }
    if (!prev || !ind)
        return {};
    return TrainingLabController::tr("the strongest previous-token head is %1.%2 (%3), the strongest induction head %4.%5 (%6)")
        .arg(prev->layer).arg(prev->head).arg(figure_words::number(prev->previous_token))
        .arg(ind->layer).arg(ind->head).arg(figure_words::number(ind->induction));
}

} // namespace

QString TrainingLabController::progressDescription() const {
    if (state_ == State::Idle && stepsDone_ == 0)
        return tr("Not trained yet: %1 steps to go.").arg(settings_.steps);
    if (mainDone_ && withContrast_ && state_ != State::Finished)
        return tr("The main run is done. The short-span run: step %1 of %2, %3 steps per second.")
            .arg(contrastStepsDone_).arg(settings_.steps).arg(figure_words::number(stepsPerSecond_, 1));
    return tr("Step %1 of %2 done, %3 steps per second.").arg(stepsDone_).arg(settings_.steps).arg(figure_words::number(stepsPerSecond_, 1));
}

// The phase-change rule's verdict on some records, in words.
static QString phaseWords(const QVariantMap& p) {
    if (p.value(QStringLiteral("from")).toInt() < 0)
        return {};
    const QString rise = figure_words::number(p.value(QStringLiteral("rise")).toDouble());
    const QString opening = figure_words::number(p.value(QStringLiteral("opening")).toDouble());
    if (p.value(QStringLiteral("step")).toBool())
        return TrainingLabController::tr("Phase change between steps %1 and %2: there the gap between the losses grew by %3 nats, of %4 over the run so far.")
            .arg(p.value(QStringLiteral("from")).toInt()).arg(p.value(QStringLiteral("to")).toInt()).arg(rise, opening);
    return TrainingLabController::tr("No phase change so far: within any %1 steps the gap between the losses grew by at most %2 nats, of %3 over the run so far.")
        .arg(p.value(QStringLiteral("window")).toInt()).arg(rise, opening);
}

QString TrainingLabController::lossDescription() const {
    if (records_.empty())
        return tr("Not trained yet.");
    const LabRecord& r = records_.back();
    QString s = tr("At step %1 the in-context loss is %2 and the other loss %3.")
                    .arg(r.step).arg(figure_words::number(r.in_context_loss)).arg(figure_words::number(r.other_loss));
    const QString phase = phaseWords(phaseChange());
    if (!phase.isEmpty())
        s += QLatin1Char(' ') + phase;
    return s;
}

QString TrainingLabController::contrastDescription() const {
    if (contrastRecords_.empty())
        return withContrast_ ? tr("Not trained yet: it trains after the main run.") : tr("Not trained in this run.");
    const LabRecord& r = contrastRecords_.back();
    const LabHeadScores* ind = nullptr;
    for (const LabHeadScores& h : r.heads)
        if (!ind || h.induction > ind->induction) ind = &h;
    QString s = tr("At step %1 the in-context loss is %2 and the other loss %3; the strongest induction head is %4.%5 (%6).")
                    .arg(r.step).arg(figure_words::number(r.in_context_loss)).arg(figure_words::number(r.other_loss))
                    .arg(ind->layer).arg(ind->head).arg(figure_words::number(ind->induction));
    const QString phase = phaseWords(contrastPhaseChange());
    if (!phase.isEmpty())
        s += QLatin1Char(' ') + phase;
    return s;
}

QString TrainingLabController::headsDescription() const {
    if (records_.empty())
        return tr("Not trained yet.");
    return tr("At step %1, %2.").arg(records_.back().step).arg(strongestHeads(records_.back()));
}

QString TrainingLabController::snapshotDescription(int index) const {
    if (index < 0 || index >= int(records_.size()))
        return tr("Not trained yet.");
    return tr("Snapshot at step %1: %2.").arg(records_[size_t(index)].step).arg(strongestHeads(records_[size_t(index)]));
}

#include "course_lab.h"

#include <QTimer>

#include "model_hub.h"

CourseLab::CourseLab(QObject* parent) : QObject(parent) {
    // Connect after construction so that QML-set properties are in place before the first run.
    QTimer::singleShot(0, this, [this] {
        if (!followHub_)
            return;
        ModelHub* hub = ModelHub::instance();
        connect(hub, &ModelHub::modelChanged, this, [this] { if (followHub_) takeFromHub(); });
        connect(hub, &ModelHub::textChanged, this, [this] { if (followHub_) takeFromHub(); });
        takeFromHub();
    });
}

CourseLab::~CourseLab() { cancelJobs(); }

void CourseLab::setActive(bool on) {
    if (!assignIfChanged(active_, on))
        return;
    emit activeChanged();
    if (!on) {
        // Off screen: nothing of this lab keeps the cores busy; catch up when shown again.
        if (pending_ > 0 || scheduled_)
            stale_ = true;
        cancelJobs();
    } else if (stale_) {
        stale_ = false;
        scheduleRecompute();
    }
}

void CourseLab::takeFromHub() {
    ModelHub* hub = ModelHub::instance();
    cancelJobs(); // their model or text is gone
    model_ = hub->model();
    text_ = hub->text();
    setReady(false);
    scheduleRecompute();
}

void CourseLab::setModel(std::shared_ptr<const al::Model> model, const QString& text) {
    followHub_ = false;
    cancelJobs();
    model_ = std::move(model);
    text_ = text;
    setReady(false);
    recomputeNow();
}

std::optional<CourseLab::Input> CourseLab::input() const {
    if (!model_)
        return std::nullopt;
    return Input{model_, text_.toStdString()};
}

void CourseLab::recomputeNow() {
    if (const auto in = input())
        recompute(*in);
}

void CourseLab::scheduleRecompute() {
    if (scheduled_)
        return;
    scheduled_ = true;
    QTimer::singleShot(0, this, [this] {
        scheduled_ = false;
        recomputeNow();
    });
}

void CourseLab::cancelJobs() {
    for (const compute::JobPtr& job : std::as_const(jobs_))
        job->cancel();
}

void CourseLab::submitJob(compute::JobSpec spec, int channel, std::function<bool()> apply) {
    if (!active_) {
        stale_ = true;
        return;
    }
    const int ticket = ++tickets_[channel];
    if (const compute::JobPtr old = jobs_.value(channel))
        old->cancel(); // superseded
    spec.receiver = this;
    if (spec.name.isEmpty())
        spec.name = QStringLiteral("%1 channel %2").arg(QLatin1String(metaObject()->className())).arg(channel);
    spec.onProgress = [this, channel](double f) {
        progressChannel_ = channel;
        setProgress(f);
    };
    spec.onFinished = [this, ticket, channel, apply = std::move(apply)](compute::Outcome outcome, const QString& error) {
        --pending_;
        const bool current = ticket == tickets_[channel];
        if (current)
            jobs_.remove(channel);
        if (channel == progressChannel_) {
            progressChannel_ = -1;
            setProgress(-1);
        }
        emit busyChanged();
        if (!current || outcome == compute::Outcome::Cancelled)
            return; // superseded or stopped: never shown
        if (error.isEmpty())
            channelErrors_.remove(channel);
        else
            channelErrors_.insert(channel, error);
        setError(channelErrors_.isEmpty() ? QString() : channelErrors_.first());
        if (outcome == compute::Outcome::Done && apply()) {
            setReady(true);
            emit computed();
        }
    };
    ++pending_;
    jobs_.insert(channel, compute::ComputeScheduler::instance()->submit(std::move(spec)));
    emit busyChanged();
}

// The common base of the stations' C++ backends: each lab runs its engine work on the app's
// ComputeScheduler (a fresh al::Runner per job, so jobs never share one) with a priority: the
// figure first, then the station's exercise answers, then background searches. A newer request
// on the same channel supersedes the older one (its cancel flag is set, the engine stops within
// one layer and its result is dropped); a new model or text cancels every job of the lab; a lab
// whose station is not on screen (`active` false) runs nothing and catches up when shown again.
// Jobs may report progress (`progress`, -1 when unknown) and post partial results.
#pragma once
#include <QHash>
#include <QMap>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "assign_if_changed.h"
#include "attention_lens/model.h"
#include "compute/compute_scheduler.h"

class CourseLab : public QObject {
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(bool ready READ ready NOTIFY readyChanged)   // results for the current model are shown
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    // Follow ModelHub's model and text (on by default); tests turn it off and call setModel.
    Q_PROPERTY(bool followHub READ followHub WRITE setFollowHub NOTIFY followHubChanged)
    // The station is on screen (bound from QML). While false, nothing runs: jobs are cancelled and
    // the lab recomputes when it becomes active again.
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)
    // The running job's progress 0..1 (e.g. a search), -1 when no job reports one.
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
public:
    using Priority = compute::Priority;
    using JobContext = compute::JobContext;

    explicit CourseLab(QObject* parent = nullptr);
    ~CourseLab() override;
    bool busy() const { return pending_ > 0; }
    bool ready() const { return ready_; }
    QString error() const { return error_; }
    bool followHub() const { return followHub_; }
    void setFollowHub(bool on) { if (assignIfChanged(followHub_, on)) emit followHubChanged(); }
    bool active() const { return active_; }
    void setActive(bool on);
    double progress() const { return progress_; }

    // For tests and for labs used outside the hub: a model and text to work on.
    void setModel(std::shared_ptr<const al::Model> model, const QString& text);
    std::shared_ptr<const al::Model> model() const { return model_; }
    QString text() const { return text_; }

    Q_INVOKABLE void refresh() { recomputeNow(); }

signals:
    void busyChanged();
    void readyChanged();
    void errorChanged();
    void followHubChanged();
    void activeChanged();
    void progressChanged();
    void computed(); // a result was applied (tests wait on this)

protected:
    // What a lab's jobs work on, read on the GUI thread when they are submitted (a job must not
    // touch the lab's members: it runs on a worker thread).
    struct Input {
        std::shared_ptr<const al::Model> model;
        std::string text; // UTF-8
    };
    // Submits the lab's jobs for `in`: called when the model, the text or the lab's choices
    // change, and only while there is a model.
    virtual void recompute(const Input& in) = 0;
    // The current model and text; none before a model is loaded.
    std::optional<Input> input() const;
    void recomputeNow(); // recompute() on the current input, if there is one
    // One of a lab's own jobs again on the current input, if there is one (a choice that
    // concerns only that job, e.g. the sampling settings of the temperature lab's prediction).
    template <class Lab>
    void rerun(void (Lab::*job)(const Input&)) {
        if (const auto in = input())
            (static_cast<Lab*>(this)->*job)(*in);
    }

    // Runs work(ctx) on the scheduler with `priority`; apply(result) runs on the GUI thread unless
    // the job was cancelled or a newer job of the same channel started since. work() may throw:
    // the message lands in `error` (al::Cancelled is not an error). Put ctx.cancelFlag() into
    // every al::ForwardOptions the work builds; ctx.setProgress(f) drives `progress`;
    // ctx.post(fn) runs fn on the GUI thread while the job is still current (partial results).
    // oneBlasThread: BLAS on one thread even when the job runs alone (for timing code).
    template <class R>
    void runJob(Priority priority, std::function<R(JobContext&)> work, std::function<void(R&)> apply,
                int channel = 0, bool oneBlasThread = false) {
        auto result = std::make_shared<std::shared_ptr<R>>();
        compute::JobSpec spec;
        spec.priority = priority;
        spec.oneBlasThread = oneBlasThread;
        spec.work = [work = std::move(work), result](JobContext& ctx) { *result = std::make_shared<R>(work(ctx)); };
        submitJob(std::move(spec), channel, [result, apply = std::move(apply)] {
            if (!*result)
                return false;
            apply(**result);
            return true;
        });
    }
    // The original form: a Figure job whose work does not look at its context.
    template <class R>
    void runJob(std::function<R()> work, std::function<void(R&)> apply, int channel = 0) {
        runJob<R>(Priority::Figure, std::function<R(JobContext&)>([work = std::move(work)](JobContext&) { return work(); }),
                  std::move(apply), channel);
    }
    // The apply step of a job whose result a lab keeps whole: moves it into `field`, then emits
    // `changed` (the NOTIFY signal of the properties that read it).
    template <class R, class Lab>
    std::function<void(R&)> keepIn(R& field, void (Lab::*changed)()) {
        return [this, &field, changed](R& r) {
            field = std::move(r);
            (static_cast<Lab*>(this)->*changed)();
        };
    }
    void setError(const QString& e) { if (assignIfChanged(error_, e)) emit errorChanged(); }
    void setReady(bool r) { if (assignIfChanged(ready_, r)) emit readyChanged(); }
    void scheduleRecompute();   // coalesces bursts of changes into one recompute
    void cancelJobs();          // every job of this lab (their results are dropped)

private:
    // Supersedes the channel's job, submits, and on success calls apply() (true: a result applied).
    void submitJob(compute::JobSpec spec, int channel, std::function<bool()> apply);
    void setProgress(double p) { if (assignIfChanged(progress_, p)) emit progressChanged(); }
    void takeFromHub();
    std::shared_ptr<const al::Model> model_;
    QString text_;
    bool followHub_ = true;
    bool ready_ = false;
    bool scheduled_ = false;
    bool active_ = true;
    bool stale_ = false;      // work was skipped or cancelled while inactive
    int pending_ = 0;
    double progress_ = -1;
    int progressChannel_ = -1;
    QHash<int, int> tickets_; // per channel: the newest job's number
    QHash<int, compute::JobPtr> jobs_; // per channel: the newest job, until it finishes
    // Per channel: why its newest job failed. `error` shows the first, so a channel that succeeds
    // later does not hide another's failure (and the page's readiness, which waits on it).
    QMap<int, QString> channelErrors_;
    QString error_;
};

// The app's one place where engine work runs off the GUI thread. Every station's lab, Station 1's
// lens, the exercise answers and model loading submit jobs here, so that:
//  - the figure the learner looks at runs first: a queued job of higher priority (Figure > Answer >
//    Search) starts before queued lower ones, and a Figure never waits for a running search (see
//    the slot rules below);
//  - superseded work stops: each job carries a cancel flag that the engine checks before every
//    layer (al::ForwardOptions::cancel); a queued job whose flag is set never starts, and the
//    result of a cancelled job is never delivered as a result;
//  - two jobs never fight over the same cores: the scheduler owns BLAS's process-wide thread
//    count (all cores for a job running alone, one thread each while several run);
//  - progress (0..1) and partial results reach the GUI thread while the job runs.
//
// Slots: there are cores + 1 worker threads. Searches may take at most cores - 1 of them (at
// least 1), searches and answers together at most `cores`, so one thread is always left for a
// Figure: a figure asked for while long jobs hold every core starts at once and shares the CPU
// for its short run, instead of waiting for a search or a long answer to end. Measured on the
// 2-core development machine (busy with other work, load average about 7) with
// `al-bench-labs --stations-only --station 3 --skip-searches`, a knock-out clicked 5 s after
// Station 3 opened (its long answer and the search running) showed after 0.46 s; with a plain
// pool of `cores` workers and the same priorities (AL_COMPUTE_FLAT=1) after 15.8 s. The first
// figure came after 0.2-0.3 s either way.
//
// BLAS: one thread per job while several run, all cores for a job alone. Two jobs that each
// split every product across both cores wait on each other's threads: in the same Station 3 run,
// the answers took 22.7 and 24.2 s this way against 35.5 and 49.4 s with BLAS on all cores for
// every job (AL_COMPUTE_BLAS_ALL=1), and the first figure 0.24 s against 0.40 s.
//
// Answers and searches submitted from the GUI thread are queued together at the end of the
// current event-loop pass, so a station's burst (labs and exercise set start together) is ordered
// by priority as a whole.
#pragma once
#include <QObject>
#include <QPointer>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

namespace compute {

// Higher runs first.
enum class Priority : int { Search = 0, Answer = 1, Figure = 2 };

// How a job ended; delivered once, on the GUI thread.
enum class Outcome { Done, Cancelled, Failed };

class Job;
struct SchedulerCore;
using JobPtr = std::shared_ptr<Job>;

// What a running job sees (passed to its work function, on a worker thread).
class JobContext {
public:
    // Put into every al::ForwardOptions / al::CensusOptions the job builds.
    const std::atomic<bool>* cancelFlag() const;
    bool cancelled() const;
    void throwIfCancelled() const; // al::Cancelled
    // 0..1; delivered to the job's onProgress on the GUI thread (throttled).
    void setProgress(double fraction);
    // Runs fn on the GUI thread, unless the job has been cancelled by then. Posts arrive in
    // order and before the job's onFinished.
    void post(std::function<void()> fn);
    JobPtr job() const { return job_; }

private:
    friend class ComputeScheduler;
    friend struct SchedulerCore;
    explicit JobContext(JobPtr job) : job_(std::move(job)) {}
    JobPtr job_;
};

struct JobSpec {
    Priority priority = Priority::Figure;
    // Callbacks run on the scheduler's thread (the GUI thread) while the receiver exists; once it
    // is deleted they are dropped.
    QPointer<QObject> receiver;
    std::function<void(JobContext&)> work;        // on a worker thread; may throw
    std::function<void(double)> onProgress;       // optional
    // Always called once (unless the receiver is gone): Done, Cancelled (also al::Cancelled thrown
    // by the work, or a flag set after it finished) or Failed with the exception's message.
    std::function<void(Outcome, const QString& error)> onFinished;
    bool oneBlasThread = false;                   // timing code: BLAS on one thread even when alone
    QString name;                                 // for diagnostics
};

class Job : public std::enable_shared_from_this<Job> {
public:
    // Sets the flag: a queued job never starts; a running one stops at the next check.
    void cancel();
    bool cancelled() const { return cancel_.load(std::memory_order_relaxed); }
    const std::atomic<bool>* cancelFlag() const { return &cancel_; }
    Priority priority() const { return spec_.priority; }
    QString name() const { return spec_.name; }

private:
    friend class ComputeScheduler;
    friend class JobContext;
    friend struct SchedulerCore;
    explicit Job(JobSpec spec) : spec_(std::move(spec)) {}
    JobSpec spec_;
    std::atomic<bool> cancel_{false};
    std::atomic<double> lastProgress_{-1.0};
    std::atomic<long long> lastProgressMs_{0};
    std::weak_ptr<SchedulerCore> core_;
    quint64 sequence_ = 0;
};

class ComputeScheduler : public QObject {
    Q_OBJECT
public:
    // The app's scheduler (created on first use, owned by the application object).
    static ComputeScheduler* instance();
    // cores <= 0: the machine's hardware threads.
    explicit ComputeScheduler(int cores = 0, QObject* parent = nullptr);
    ~ComputeScheduler() override; // cancels everything and joins the workers

    JobPtr submit(JobSpec spec);
    // Cancels every queued or running job whose receiver is `receiver`.
    void cancelFor(const QObject* receiver);

    int cores() const;
    int workerCount() const;
    int running() const;
    int queued() const;
    int blasThreads() const;     // what the scheduler last set (all cores while idle)
    int peakRunning() const;     // the most jobs that ran at once (tests, benchmarks)

private:
    std::shared_ptr<SchedulerCore> core_;
};

} // namespace compute

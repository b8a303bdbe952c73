#include "compute/compute_scheduler.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QThread>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "attention_lens/error.h"
#include "attention_lens/threads.h"

namespace compute {

namespace {

long long nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

} // namespace

struct SchedulerCore {
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<JobPtr> queue;           // in submission order; picked by priority
    std::deque<JobPtr> held;            // answers and searches submitted in this GUI event-loop pass
    bool releasePosted = false;
    std::vector<JobPtr> runningJobs;
    std::vector<std::thread> workers;
    bool stopping = false;
    int cores = 1;
    int fullBlas = 1;                   // BLAS threads for a job running alone
    int blas = 1;                       // what was last set
    int peak = 0;
    bool flat = false;                  // AL_COMPUTE_FLAT: `cores` workers, no slot rules (to compare)
    bool blasAllCores = false;          // AL_COMPUTE_BLAS_ALL: all cores for every job (to compare)
    quint64 sequence = 0;
    QObject* dispatcher = nullptr;      // the scheduler object, on the GUI thread
    bool trace = qEnvironmentVariableIsSet("AL_COMPUTE_TRACE"); // one stderr line per job start/end

    void traceLine(const char* what, const JobPtr& job, double ms) {
        if (trace)
            std::fprintf(stderr, "compute: %-9s %-40s priority %d running %d queued %d blas %d %.0f ms\n", what,
                         qPrintable(job->name()), int(job->priority()), int(runningJobs.size()), int(queue.size()),
                         blas, ms);
    }

    // Runs fn on the scheduler's (GUI) thread while the receiver exists. Posting to the long-lived
    // scheduler, not to the receiver, keeps worker threads from touching an object that the GUI
    // thread may be deleting; the receiver is checked where it lives.
    void deliver(const QPointer<QObject>& receiver, std::function<void()> fn) {
        if (!receiver)
            return;
        QMetaObject::invokeMethod(dispatcher, [receiver, fn = std::move(fn)] {
            if (receiver)
                fn();
        }, Qt::QueuedConnection);
    }

    // The most jobs of priority <= p that may run at once (see the header: one thread stays free
    // for a Figure, searches leave room for answers).
    int limit(Priority p) const {
        if (flat)
            return int(workers.size());
        switch (p) {
        case Priority::Search: return std::max(1, cores - 1);
        case Priority::Answer: return std::max(1, cores);
        case Priority::Figure: break;
        }
        return int(workers.size());
    }

    int runningAtOrBelow(Priority p) const {
        int n = 0;
        for (const JobPtr& j : runningJobs)
            if (j->priority() <= p) ++n;
        return n;
    }

    // Starting a job of priority p adds one to the count of every class at or above p.
    bool mayStart(Priority p) const {
        for (Priority q : {Priority::Search, Priority::Answer, Priority::Figure})
            if (q >= p && runningAtOrBelow(q) >= limit(q))
                return false;
        return true;
    }

    // Highest priority first, then first come; a job whose class is at its limit waits.
    JobPtr takeNext() {
        auto best = queue.end();
        for (auto it = queue.begin(); it != queue.end(); ++it) {
            if (best != queue.end() && (*it)->priority() <= (*best)->priority())
                continue;
            if (!mayStart((*it)->priority()))
                continue;
            best = it;
        }
        if (best == queue.end())
            return nullptr;
        JobPtr job = *best;
        queue.erase(best);
        return job;
    }

    // One BLAS thread while several jobs run (each keeps its own core busy; two jobs splitting
    // every product across both cores would wait on each other), all cores for one alone.
    void updateBlas() {
        int want = fullBlas;
        if (runningJobs.size() > 1 && !blasAllCores)
            want = 1;
        else if (runningJobs.size() == 1 && runningJobs.front()->spec_.oneBlasThread)
            want = 1;
        if (want != blas) {
            blas = want;
            al::set_blas_threads(want);
        }
    }

    void finish(const JobPtr& job, Outcome outcome, const QString& error) {
        auto done = job->spec_.onFinished;
        if (!done)
            return;
        deliver(job->spec_.receiver, [job, done, outcome, error] {
            // A job cancelled after its work returned is still a cancelled job.
            done(outcome == Outcome::Done && job->cancelled() ? Outcome::Cancelled : outcome, error);
        });
    }

    void workerLoop() {
        // Workers run a little below the GUI thread (nice +5 for this thread only, Linux), so that
        // on a busy machine the window keeps its share of the CPU while they compute.
        setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), 5);
        for (;;) {
            JobPtr job;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [&] { return stopping || (job = takeNext()) != nullptr; });
                if (stopping && !job)
                    return;
                runningJobs.push_back(job);
                peak = std::max(peak, int(runningJobs.size()));
                updateBlas();
                traceLine("start", job, 0);
            }
            const long long t0 = nowMs();
            Outcome outcome = Outcome::Done;
            QString error;
            if (job->cancelled()) {
                outcome = Outcome::Cancelled;
            } else {
                JobContext ctx(job);
                try {
                    job->spec_.work(ctx);
                } catch (const al::Cancelled&) {
                    outcome = Outcome::Cancelled;
                } catch (const std::exception& e) {
                    outcome = Outcome::Failed;
                    error = QString::fromUtf8(e.what());
                } catch (...) {
                    outcome = Outcome::Failed;
                    error = QStringLiteral("unknown error");
                }
                if (outcome == Outcome::Done && job->cancelled())
                    outcome = Outcome::Cancelled;
            }
            {
                std::lock_guard lock(mutex);
                runningJobs.erase(std::find(runningJobs.begin(), runningJobs.end(), job));
                updateBlas();
                traceLine(outcome == Outcome::Done ? "done" : outcome == Outcome::Cancelled ? "cancelled" : "failed",
                          job, double(nowMs() - t0));
            }
            wake.notify_all(); // a slot is free: a job held back by its class limit may start
            finish(job, outcome, error);
        }
    }

    // Removes a cancelled job from the queue (it never starts) and reports it at once.
    void dropIfQueued(const JobPtr& job) {
        bool removed = false;
        {
            std::lock_guard lock(mutex);
            for (std::deque<JobPtr>* list : {&queue, &held}) {
                auto it = std::find(list->begin(), list->end(), job);
                if (it != list->end()) {
                    list->erase(it);
                    removed = true;
                }
            }
        }
        if (removed)
            finish(job, Outcome::Cancelled, QString());
    }
};

// ---- JobContext ----

const std::atomic<bool>* JobContext::cancelFlag() const { return job_->cancelFlag(); }
bool JobContext::cancelled() const { return job_->cancelled(); }
void JobContext::throwIfCancelled() const {
    if (job_->cancelled())
        throw al::Cancelled();
}

void JobContext::setProgress(double fraction) {
    fraction = std::clamp(fraction, 0.0, 1.0);
    auto onProgress = job_->spec_.onProgress;
    if (!onProgress)
        return;
    // At most one update per 1% and per 40 ms (the last one, 1, always goes through): enough
    // for a bar, few enough events for the GUI thread.
    const double last = job_->lastProgress_.load();
    const long long now = nowMs();
    if (fraction < 1.0 && (fraction - last < 0.01 || now - job_->lastProgressMs_.load() < 40))
        return;
    job_->lastProgress_.store(fraction);
    job_->lastProgressMs_.store(now);
    JobPtr job = job_;
    auto core = job_->core_.lock();
    if (!core)
        return;
    core->deliver(job_->spec_.receiver, [job, onProgress, fraction] {
        if (!job->cancelled())
            onProgress(fraction);
    });
}

void JobContext::post(std::function<void()> fn) {
    JobPtr job = job_;
    auto core = job_->core_.lock();
    if (!core)
        return;
    core->deliver(job_->spec_.receiver, [job, fn = std::move(fn)] {
        if (!job->cancelled())
            fn();
    });
}

// ---- Job ----

void Job::cancel() {
    if (cancel_.exchange(true))
        return;
    if (auto core = core_.lock())
        core->dropIfQueued(shared_from_this());
}

// ---- ComputeScheduler ----

ComputeScheduler* ComputeScheduler::instance() {
    static QPointer<ComputeScheduler> self;
    if (!self)
        self = new ComputeScheduler(0, QCoreApplication::instance());
    return self.data();
}

ComputeScheduler::ComputeScheduler(int cores, QObject* parent)
    : QObject(parent), core_(std::make_shared<SchedulerCore>()) {
    core_->dispatcher = this;
    if (cores <= 0)
        cores = int(std::thread::hardware_concurrency());
    core_->cores = std::max(1, cores);
    // configure_threads() (or the user's OPENBLAS_NUM_THREADS) decided how many BLAS threads a job
    // alone may use; the scheduler never goes above that.
    core_->fullBlas = std::max(1, std::min(al::blas_threads(), core_->cores));
    core_->blas = al::blas_threads();
    core_->flat = qEnvironmentVariableIntValue("AL_COMPUTE_FLAT") == 1;
    core_->blasAllCores = qEnvironmentVariableIntValue("AL_COMPUTE_BLAS_ALL") == 1;
    const int workers = core_->flat ? core_->cores : core_->cores + 1;
    for (int i = 0; i < workers; ++i)
        core_->workers.emplace_back([core = core_.get()] { core->workerLoop(); });
}

ComputeScheduler::~ComputeScheduler() {
    std::deque<JobPtr> dropped;
    {
        std::lock_guard lock(core_->mutex);
        core_->stopping = true;
        dropped.swap(core_->queue);
        dropped.insert(dropped.end(), core_->held.begin(), core_->held.end());
        core_->held.clear();
        for (const JobPtr& j : core_->runningJobs)
            j->cancel_.store(true);
    }
    core_->wake.notify_all();
    for (std::thread& t : core_->workers)
        t.join();
    for (const JobPtr& j : dropped) {
        j->cancel_.store(true);
        core_->finish(j, Outcome::Cancelled, QString());
    }
    al::set_blas_threads(core_->fullBlas);
}

JobPtr ComputeScheduler::submit(JobSpec spec) {
    JobPtr job(new Job(std::move(spec)));
    job->core_ = core_;
    // A figure is queued at once. Answers and searches submitted from the GUI thread wait until
    // the current event-loop pass ends, so that a station's burst of requests (its labs and its
    // exercise set start together) is ordered by priority as a whole: otherwise a search that
    // happened to be submitted first would take a core before the answers were even queued.
    const bool hold = job->priority() != Priority::Figure && QThread::currentThread() == thread();
    bool postRelease = false;
    {
        std::lock_guard lock(core_->mutex);
        job->sequence_ = ++core_->sequence;
        if (core_->stopping) {
            job->cancel_.store(true);
        } else if (hold) {
            core_->held.push_back(job);
            postRelease = !core_->releasePosted;
            core_->releasePosted = true;
        } else {
            core_->queue.push_back(job);
        }
    }
    if (job->cancelled())
        core_->finish(job, Outcome::Cancelled, QString());
    else if (!hold)
        core_->wake.notify_all();
    if (postRelease)
        QMetaObject::invokeMethod(this, [core = core_] {
            {
                std::lock_guard lock(core->mutex);
                core->releasePosted = false;
                core->queue.insert(core->queue.end(), core->held.begin(), core->held.end());
                core->held.clear();
            }
            core->wake.notify_all();
        }, Qt::QueuedConnection);
    return job;
}

void ComputeScheduler::cancelFor(const QObject* receiver) {
    std::vector<JobPtr> hit;
    {
        std::lock_guard lock(core_->mutex);
        for (const JobPtr& j : core_->queue)
            if (j->spec_.receiver.data() == receiver) hit.push_back(j);
        for (const JobPtr& j : core_->runningJobs)
            if (j->spec_.receiver.data() == receiver) hit.push_back(j);
    }
    for (const JobPtr& j : hit)
        j->cancel();
}

int ComputeScheduler::cores() const { return core_->cores; }
int ComputeScheduler::workerCount() const { return int(core_->workers.size()); }
int ComputeScheduler::running() const {
    std::lock_guard lock(core_->mutex);
    return int(core_->runningJobs.size());
}
int ComputeScheduler::queued() const {
    std::lock_guard lock(core_->mutex);
    return int(core_->queue.size() + core_->held.size());
}
int ComputeScheduler::blasThreads() const {
    std::lock_guard lock(core_->mutex);
    return core_->blas;
}
int ComputeScheduler::peakRunning() const {
    std::lock_guard lock(core_->mutex);
    return core_->peak;
}

} // namespace compute

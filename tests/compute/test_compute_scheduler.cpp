// The app's ComputeScheduler: priority order, cancellation (queued jobs never start; a running
// forward on a GPT-2-small-shaped model stops within a fraction of a forward), superseded lab
// results never applied, progress and partial results delivered on the GUI thread, and the BLAS
// thread budget (one thread each while two jobs run, all cores for one alone).
#include <QSignalSpy>
#include <QThread>
#include <QtTest>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "attention_lens/threads.h"
#include "compute/compute_scheduler.h"
#include "course/course_lab.h"
#include "gpt2_shaped_model.h"

using namespace compute;

namespace {

// A gate that jobs wait on until the test opens it.
struct Gate {
    std::mutex m;
    std::condition_variable cv;
    bool open = false;
    void wait() {
        std::unique_lock l(m);
        cv.wait(l, [&] { return open; });
    }
    void release() {
        {
            std::lock_guard l(m);
            open = true;
        }
        cv.notify_all();
    }
};

struct Log {
    std::mutex m;
    QStringList started;
    void add(const QString& s) {
        std::lock_guard l(m);
        started << s;
    }
    QStringList get() {
        std::lock_guard l(m);
        return started;
    }
};

JobSpec spec(QObject* receiver, Priority p, std::function<void(JobContext&)> work,
             std::function<void(Outcome, const QString&)> done = {}) {
    JobSpec s;
    s.priority = p;
    s.receiver = receiver;
    s.work = std::move(work);
    s.onFinished = std::move(done);
    return s;
}

double msSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// A lab whose job is given by the test: returns `value` after waiting for `gate` (if any).
class ProbeLab : public CourseLab {
public:
    ProbeLab() { setFollowHub(false); }
    std::function<int(JobContext&)> work;
    QList<int> applied;
    void start(Priority p = Priority::Figure) {
        runJob<int>(p, work, [this](int& v) { applied << v; });
    }

protected:
    void recompute(const Input&) override {}
};

} // namespace

class TestComputeScheduler : public QObject {
    Q_OBJECT
    QObject receiver_;

private slots:
    void higherPriorityQueuedLaterRunsFirst() {
        // One core: two workers; searches and answers share one slot, figures may use both.
        ComputeScheduler s(1);
        QCOMPARE(s.workerCount(), 2);
        Gate figureGate, searchGate;
        Log log;
        std::atomic<int> finished{0};
        auto done = [&](Outcome, const QString&) { ++finished; };
        s.submit(spec(&receiver_, Priority::Figure, [&](JobContext&) { figureGate.wait(); }, done));
        s.submit(spec(&receiver_, Priority::Search, [&](JobContext&) { searchGate.wait(); }, done));
        QTRY_COMPARE(s.running(), 2);
        // Queued in the order search, answer, figure.
        s.submit(spec(&receiver_, Priority::Search, [&](JobContext&) { log.add(QStringLiteral("search")); }, done));
        s.submit(spec(&receiver_, Priority::Answer, [&](JobContext&) { log.add(QStringLiteral("answer")); }, done));
        s.submit(spec(&receiver_, Priority::Figure, [&](JobContext&) { log.add(QStringLiteral("figure")); }, done));
        QCOMPARE(s.queued(), 3);
        figureGate.release(); // a worker is free; the search still holds the background slot
        QTRY_COMPARE(log.get(), QStringList{QStringLiteral("figure")});
        QTest::qWait(50);
        QCOMPARE(log.get(), QStringList{QStringLiteral("figure")}); // answer and search wait for the slot
        searchGate.release();
        QTRY_COMPARE(finished.load(), 5);
        QCOMPARE(log.get(), (QStringList{QStringLiteral("figure"), QStringLiteral("answer"), QStringLiteral("search")}));
    }

    void figureNeverWaitsForBackgroundJobs() {
        ComputeScheduler s(2); // three workers: searches <= 1, searches + answers <= 2
        Gate gate;
        std::atomic<int> finished{0};
        auto done = [&](Outcome, const QString&) { ++finished; };
        for (int i = 0; i < 3; ++i)
            s.submit(spec(&receiver_, Priority::Search, [&](JobContext&) { gate.wait(); }, done));
        s.submit(spec(&receiver_, Priority::Answer, [&](JobContext&) { gate.wait(); }, done));
        QTRY_COMPARE(s.running(), 2); // one search, one answer
        std::atomic<bool> figureRan{false};
        s.submit(spec(&receiver_, Priority::Figure, [&](JobContext&) { figureRan = true; }, done));
        QTRY_VERIFY(figureRan.load());
        gate.release();
        QTRY_COMPARE(finished.load(), 5);
        QCOMPARE(s.peakRunning(), 3);
    }

    void cancelledQueuedJobNeverStarts() {
        ComputeScheduler s(1);
        Gate gate;
        std::atomic<bool> ran{false};
        QList<Outcome> outcomes;
        s.submit(spec(&receiver_, Priority::Search, [&](JobContext&) { gate.wait(); }));
        QTRY_COMPARE(s.running(), 1);
        JobPtr queued = s.submit(spec(&receiver_, Priority::Search, [&](JobContext&) { ran = true; },
                                      [&](Outcome o, const QString&) { outcomes << o; }));
        QCOMPARE(s.queued(), 1);
        queued->cancel();
        QCOMPARE(s.queued(), 0);
        QTRY_COMPARE(outcomes.size(), 1); // reported at once, while the worker is still busy
        QCOMPARE(outcomes.front(), Outcome::Cancelled);
        gate.release();
        QTest::qWait(50);
        QVERIFY(!ran.load());
    }

    void failuresAndCancelledAreReported() {
        ComputeScheduler s(2);
        QList<QPair<Outcome, QString>> out;
        s.submit(spec(&receiver_, Priority::Figure, [](JobContext&) { throw al::Error("bad input"); },
                      [&](Outcome o, const QString& e) { out << qMakePair(o, e); }));
        QTRY_COMPARE(out.size(), 1);
        QCOMPARE(out[0].first, Outcome::Failed);
        QCOMPARE(out[0].second, QStringLiteral("bad input"));
        s.submit(spec(&receiver_, Priority::Figure, [](JobContext&) { throw al::Cancelled(); },
                      [&](Outcome o, const QString& e) { out << qMakePair(o, e); }));
        QTRY_COMPARE(out.size(), 2);
        QCOMPARE(out[1].first, Outcome::Cancelled); // not an error for the learner
        QVERIFY(out[1].second.isEmpty());
    }

    void progressAndPartialsArriveOnTheGuiThread() {
        ComputeScheduler s(2);
        QList<double> progress;
        QList<int> partials;
        bool threadsOk = true;
        bool finishedAfterPartials = false;
        bool finished = false;
        JobSpec js = spec(&receiver_, Priority::Search, [&](JobContext& ctx) {
            for (int i = 1; i <= 4; ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(60)); // past the throttle
                ctx.setProgress(i / 4.0);
                ctx.post([&, i] {
                    threadsOk = threadsOk && QThread::currentThread() == qApp->thread();
                    partials << i;
                });
            }
        }, [&](Outcome o, const QString&) {
            threadsOk = threadsOk && QThread::currentThread() == qApp->thread();
            finishedAfterPartials = partials.size() == 4 && o == Outcome::Done;
            finished = true;
        });
        js.onProgress = [&](double f) {
            threadsOk = threadsOk && QThread::currentThread() == qApp->thread();
            progress << f;
        };
        s.submit(std::move(js));
        QTRY_VERIFY(finished);
        QVERIFY(threadsOk);
        QVERIFY(finishedAfterPartials);
        QCOMPARE(partials, (QList<int>{1, 2, 3, 4}));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.back(), 1.0);
        for (int i = 1; i < progress.size(); ++i)
            QVERIFY(progress[i] > progress[i - 1]);
    }

    void partialsOfACancelledJobAreDropped() {
        ComputeScheduler s(2);
        Gate posted;
        int partials = 0;
        Outcome outcome = Outcome::Done;
        bool finished = false;
        JobPtr job = s.submit(spec(&receiver_, Priority::Figure, [&](JobContext& ctx) {
            ctx.post([&] { ++partials; });
            posted.release();
            while (!ctx.cancelled())
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }, [&](Outcome o, const QString&) { outcome = o; finished = true; }));
        posted.wait(); // the partial is queued for the GUI thread, not yet delivered
        job->cancel();
        QTRY_VERIFY(finished);
        QCOMPARE(partials, 0);
        QCOMPARE(outcome, Outcome::Cancelled); // the work returned normally, but it was cancelled
    }

    void blasThreadsAreShared() {
        const int before = al::blas_threads();
        {
            ComputeScheduler s(2);
            const int full = std::max(1, std::min(before, 2));
            std::atomic<int> alone{-1}, a{-1}, b{-1};
            std::atomic<int> finished{0};
            auto done = [&](Outcome, const QString&) { ++finished; };
            s.submit(spec(&receiver_, Priority::Figure, [&](JobContext&) { alone = al::blas_threads(); }, done));
            QTRY_COMPARE(finished.load(), 1);
            QCOMPARE(alone.load(), full);
            // Two jobs that overlap: each reads the setting while the other runs.
            std::atomic<int> arrived{0};
            auto both = [&](std::atomic<int>& out) {
                return [&](JobContext&) {
                    ++arrived;
                    while (arrived.load() < 2)
                        std::this_thread::yield();
                    out = al::blas_threads();
                    ++arrived;
                    while (arrived.load() < 4)
                        std::this_thread::yield();
                };
            };
            s.submit(spec(&receiver_, Priority::Figure, both(a), done));
            s.submit(spec(&receiver_, Priority::Answer, both(b), done));
            QTRY_COMPARE(finished.load(), 3);
            QCOMPARE(a.load(), 1);
            QCOMPARE(b.load(), 1);
            QTRY_COMPARE(s.blasThreads(), full); // idle again: all cores for the next job alone
            // A timing job asks for one thread even alone.
            JobSpec one = spec(&receiver_, Priority::Figure, [&](JobContext&) { alone = al::blas_threads(); }, done);
            one.oneBlasThread = true;
            s.submit(std::move(one));
            QTRY_COMPARE(finished.load(), 4);
            QCOMPARE(alone.load(), 1);
        }
        al::set_blas_threads(before);
    }

    void cancellationStopsAGpt2SmallForwardWithinALayer() {
        const std::shared_ptr<const al::Model> model = testing_support::gpt2ShapedModel(7);
        std::vector<int> ids(384);
        for (size_t i = 0; i < ids.size(); ++i) ids[i] = int((i * 7919) % 50000);
        al::ForwardOptions o;
        o.keep_scores = false;
        // One uncancelled forward, to know how long the whole thing takes here and now.
        ComputeScheduler s(2);
        double fullMs = 0;
        bool finished = false;
        s.submit(spec(&receiver_, Priority::Figure, [&](JobContext& ctx) {
            al::Runner runner(model);
            al::ForwardOptions oo = o;
            oo.cancel = ctx.cancelFlag();
            const auto t0 = std::chrono::steady_clock::now();
            runner.forward_full(ids, oo);
            fullMs = msSince(t0);
        }, [&](Outcome, const QString&) { finished = true; }));
        QTRY_VERIFY_WITH_TIMEOUT(finished, 60000);
        QVERIFY(fullMs > 0);

        // The same forward, cancelled a tenth of the way in.
        std::atomic<bool> started{false}, threw{false};
        std::atomic<std::chrono::steady_clock::rep> cancelledAt{0};
        std::atomic<double> stopMs{-1};
        Outcome outcome = Outcome::Done;
        finished = false;
        JobPtr job = s.submit(spec(&receiver_, Priority::Figure, [&](JobContext& ctx) {
            al::Runner runner(model);
            al::ForwardOptions oo = o;
            oo.cancel = ctx.cancelFlag();
            started = true;
            try {
                runner.forward_full(ids, oo);
            } catch (const al::Cancelled&) {
                threw = true;
                const auto at = std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(cancelledAt.load()));
                stopMs = msSince(at);
                throw;
            }
        }, [&](Outcome out, const QString&) { outcome = out; finished = true; }));
        QTRY_VERIFY(started.load());
        QTest::qWait(int(fullMs / 10));
        cancelledAt = std::chrono::steady_clock::now().time_since_epoch().count();
        job->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(finished, 60000);
        QVERIFY(threw.load());
        QCOMPARE(outcome, Outcome::Cancelled);
        // One layer is a twelfth of the forward; allow slack for a busy machine but stay well
        // below the rest of the forward (nine tenths) that an uncancellable run would take.
        QVERIFY2(stopMs.load() < fullMs / 3,
                 qPrintable(QStringLiteral("stopped %1 ms after cancel; a full forward takes %2 ms").arg(stopMs.load()).arg(fullMs)));
    }

    void supersededLabResultsAreNeverApplied() {
        // The first job ignores its cancel flag and finishes after the second: its result must
        // still be dropped (a newer ticket); the second's is applied once.
        ProbeLab lab;
        Gate first;
        std::atomic<bool> firstFlagSeen{false}, firstStarted{false};
        lab.work = [&](JobContext& ctx) {
            firstStarted = true;
            first.wait();
            firstFlagSeen = ctx.cancelled();
            return 1;
        };
        lab.start();
        QTRY_VERIFY(firstStarted.load());
        lab.work = [](JobContext&) { return 2; };
        lab.start();
        QTRY_COMPARE(lab.applied, QList<int>{2});
        first.release();
        QTRY_VERIFY(!lab.busy());
        QCOMPARE(lab.applied, QList<int>{2});
        QVERIFY(firstFlagSeen.load()); // superseding set the old job's flag
        QVERIFY(lab.error().isEmpty());
    }

    void inactiveLabRunsNothingAndCatchesUp() {
        ProbeLab lab;
        Gate gate;
        std::atomic<bool> sawCancel{false}, started{false};
        lab.work = [&](JobContext& ctx) {
            started = true;
            gate.wait();
            sawCancel = ctx.cancelled();
            if (ctx.cancelled())
                throw al::Cancelled();
            return 1;
        };
        lab.start(Priority::Search);
        QVERIFY(lab.busy());
        QTRY_VERIFY(started.load());
        lab.setActive(false); // the station left the screen: its running search is cancelled
        gate.release();
        QTRY_VERIFY(!lab.busy());
        QVERIFY(sawCancel.load());
        QVERIFY(lab.applied.isEmpty());
        QVERIFY(lab.error().isEmpty()); // al::Cancelled is not an error
        lab.work = [](JobContext&) { return 3; };
        lab.start(Priority::Search);
        QVERIFY(!lab.busy()); // nothing runs while inactive
        QVERIFY(lab.applied.isEmpty());
    }
};

QTEST_MAIN(TestComputeScheduler)
#include "test_compute_scheduler.moc"

// The training lab's controller (the app's side of training/src/train_lab.h): a short, small run
// trains off the GUI thread and its loss falls; pausing stops the steps, resuming loses none and
// repeats none (the records equal those of an uninterrupted run of the library); the one-layer
// control trains alongside; the contrasting run on short spans trains after the main run, and the
// main run's answers come before it ends; the loss's shape is the phase-change rule's verdict;
// reset drops the run and nothing from it shows afterwards.
#include <QSignalSpy>
#include <QtTest>

#include "forming/training_lab_controller.h"

namespace {
// Small enough for a few seconds of CI: width 32, 4 sequences a batch, 160 steps.
al::train::LabSettings smallSettings() {
    al::train::LabSettings s;
    s.n_embd = 32;
    s.steps = 160;
    s.batch = 4;
    s.warmup = 10;
    s.log_every = 10;
    return s;
}

bool waitFor(const std::function<bool()>& done, int ms = 120000) {
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms)
            return false;
        QTest::qWait(10);
    }
    return true;
}
} // namespace

class TestTrainingLabController : public QObject {
    Q_OBJECT
private slots:
    void runPauseResume() {
        TrainingLabController lab;
        lab.setLabSettings(smallSettings());
        lab.setWithControl(true);
        lab.setWithContrast(false);
        QCOMPARE(lab.state(), QStringLiteral("idle"));
        QCOMPARE(lab.totalSteps(), 160);
        QCOMPARE(lab.snapshotCount(), 0);

        lab.start();
        QCOMPARE(lab.state(), QStringLiteral("running"));
        QVERIFY(waitFor([&] { return lab.snapshotCount() >= 3; }));
        lab.pause();
        QCOMPARE(lab.state(), QStringLiteral("paused"));
        // A step under way when pause came may finish, but nothing of it is shown while paused.
        const int steps = lab.stepsDone();
        const int count = lab.snapshotCount();
        QTest::qWait(600);
        QCOMPARE(lab.stepsDone(), steps);
        QCOMPARE(lab.snapshotCount(), count);
        QVERIFY(steps < 160);

        lab.resume();
        QCOMPARE(lab.state(), QStringLiteral("running"));
        QVERIFY(waitFor([&] { return lab.state() == QStringLiteral("finished"); }));
        QCOMPARE(lab.stepsDone(), 160);
        QCOMPARE(lab.progress(), 1.0);

        // Every record once, in order: one per 10 steps.
        const auto& records = lab.records();
        QCOMPARE(int(records.size()), 16);
        for (size_t i = 0; i < records.size(); ++i)
            QCOMPARE(records[i].step, int(10 * (i + 1)));
        // Training works: the loss falls (the data's rules are learnable within these steps).
        QVERIFY2(records.back().loss < records.front().loss - 0.3f,
                 qPrintable(QStringLiteral("%1 -> %2").arg(records.front().loss).arg(records.back().loss)));

        // Pausing lost and repeated nothing: the records are those of one uninterrupted run.
        al::train::TrainingLab direct(smallSettings());
        direct.step(160);
        QCOMPARE(direct.records().size(), records.size());
        for (size_t i = 0; i < records.size(); ++i) {
            QCOMPARE(records[i].loss, direct.records()[i].loss);
            QCOMPARE(records[i].in_context_loss, direct.records()[i].in_context_loss);
        }

        // The control: one layer, as many records.
        QCOMPARE(int(lab.controlRecords().size()), 16);
        for (const auto& h : lab.controlRecords().back().heads)
            QCOMPARE(h.layer, 0);

        // What QML reads.
        QCOMPARE(lab.curve().size(), 16);
        QCOMPARE(lab.scoreHistory().size(), 2 * 4);
        QCOMPARE(lab.controlScoreHistory().size(), 4);
        const QVariantMap snap = lab.snapshot(15);
        QCOMPARE(snap.value("step").toInt(), 160);
        const int P = lab.probeLength();
        QVERIFY(P > 8);
        const QVariantList heads = snap.value("heads").toList();
        QCOMPARE(heads.size(), 8);
        const QVariantList cells = heads[5].toMap().value("attention").toList();
        QCOMPARE(cells.size(), P * P);
        // A causal pattern: each row's weights sum to 1, nothing above the diagonal.
        for (int row : {0, P / 2, P - 1}) {
            double sum = 0;
            for (int c = 0; c < P; ++c) {
                const double w = cells[row * P + c].toDouble();
                QVERIFY(w >= 0);
                if (c > row)
                    QCOMPARE(w, 0.0);
                sum += w;
            }
            QVERIFY(std::abs(sum - 1.0) < 1e-3);
        }
        QVERIFY(lab.snapshot(16).isEmpty());
        QVERIFY(lab.snapshot(-1).isEmpty());

        // The answers come from the run itself.
        QVERIFY(lab.answersReady());
        const QVariantMap a = lab.answers();
        double best = -1;
        int bestLayer = -1;
        for (const auto& h : records.back().heads)
            if (h.induction > best) {
                best = h.induction;
                bestLayer = h.layer;
            }
        QCOMPARE(a.value("inductionLayer").toInt(), bestLayer);
        QCOMPARE(a.value("inductionScore").toDouble(), best);
        QCOMPARE(a.value("inductionFormed").toBool(), best >= 0.3);
        // The shape is the phase-change rule's verdict on the records, read with an eighth of
        // the run (20 of 160 steps) as its window.
        const al::train::PhaseChange rule = al::train::find_phase_change(records, 20);
        const QVariantMap phase = lab.phaseChange();
        QCOMPARE(phase.value("window").toInt(), 20);
        QCOMPARE(phase.value("step").toBool(), rule.step);
        QCOMPARE(phase.value("from").toInt(), rule.from_step);
        QCOMPARE(phase.value("to").toInt(), rule.to_step);
        QVERIFY(rule.from_step >= 10 && rule.to_step - rule.from_step <= 20 && rule.to_step > rule.from_step);
        QCOMPARE(a.value("lossShape").toString(), rule.step ? QStringLiteral("step") : QStringLiteral("smooth"));
        // 160 small steps open no gap of a nat between the losses: gradual.
        QCOMPARE(a.value("lossShape").toString(), QStringLiteral("smooth"));
        double most = 0;
        for (const auto& r : lab.controlRecords())
            for (const auto& h : r.heads)
                most = std::max(most, double(h.induction));
        QCOMPARE(a.value("controlBestInduction").toDouble(), most);
        QCOMPARE(a.value("controlForms").toString(), most >= 0.3 ? QStringLiteral("yes") : QStringLiteral("no"));
        // No contrasting run was asked for: its question stays open.
        QCOMPARE(a.value("contrastForms").toString(), QString());
        QVERIFY(lab.contrastRecords().empty());
    }

    // The contrasting run: the same model on short spans, trained after the main run in the same
    // job. The main run's answers arrive when it ends, before the contrast has; the contrast's
    // answer comes from its own records once it has trained to its end.
    void contrastTrainsAfterTheMainRun() {
        TrainingLabController lab;
        lab.setLabSettings(smallSettings());
        lab.setWithControl(false);
        QVERIFY(lab.withContrast());   // on by default, as the station trains it
        QCOMPARE(lab.contrastMinSpan(), al::train::kContrastMinSpan);
        QCOMPARE(lab.minSpan(), smallSettings().data.min_span);
        int contrastBeforeMain = 0, answeredEarly = 0;
        connect(&lab, &TrainingLabController::progressChanged, this, [&] {
            if (lab.contrastStepsDone() > 0 && lab.stepsDone() < lab.totalSteps())
                ++contrastBeforeMain;
        });
        connect(&lab, &TrainingLabController::stateChanged, this, [&] {
            if (lab.answersReady() && lab.state() == QStringLiteral("running")) {
                ++answeredEarly;
                QCOMPARE(lab.records().back().step, 160);
                QCOMPARE(lab.answers().value("contrastForms").toString(), QString());
            }
        });
        lab.start();
        QVERIFY(waitFor([&] { return lab.state() == QStringLiteral("finished"); }));
        QCOMPARE(contrastBeforeMain, 0);
        QCOMPARE(answeredEarly, 1);
        QCOMPARE(lab.contrastStepsDone(), 160);

        // Its records are those of the library's contrasting run.
        const auto& mine = lab.contrastRecords();
        al::train::TrainingLab direct(al::train::short_span_contrast(smallSettings()));
        direct.step(160);
        QCOMPARE(mine.size(), direct.records().size());
        for (size_t i = 0; i < mine.size(); ++i) {
            QCOMPARE(mine[i].loss, direct.records()[i].loss);
            QCOMPARE(mine[i].in_context_loss, direct.records()[i].in_context_loss);
        }
        // Another run than the main one (other spans, so other data).
        QVERIFY(mine.back().loss != lab.records().back().loss);
        QCOMPARE(lab.contrastCurve().size(), 16);
        QCOMPARE(lab.contrastScoreHistory().size(), 2 * 4);

        double most = 0;
        for (const auto& r : mine)
            for (const auto& h : r.heads)
                most = std::max(most, double(h.induction));
        const QVariantMap a = lab.answers();
        QCOMPARE(a.value("contrastBestInduction").toDouble(), most);
        QCOMPARE(a.value("contrastForms").toString(), most >= 0.3 ? QStringLiteral("yes") : QStringLiteral("no"));
        const al::train::PhaseChange rule = al::train::find_phase_change(mine, 20);
        QCOMPARE(lab.contrastPhaseChange().value("step").toBool(), rule.step);
        QCOMPARE(lab.contrastPhaseChange().value("from").toInt(), rule.from_step);
        QVERIFY(lab.contrastDescription().contains(QStringLiteral("step 160")));

        lab.reset();
        QVERIFY(lab.contrastRecords().empty());
        QCOMPARE(lab.contrastStepsDone(), 0);
        QVERIFY(!lab.answersReady());
    }

    void resetDropsTheRun() {
        TrainingLabController lab;
        lab.setLabSettings(smallSettings());
        lab.setWithControl(false);
        lab.start();
        QVERIFY(waitFor([&] { return lab.snapshotCount() >= 2; }));
        const float firstLoss = lab.records().front().loss;
        QSignalSpy records(&lab, &TrainingLabController::recordsChanged);
        lab.reset();
        QCOMPARE(lab.state(), QStringLiteral("idle"));
        QCOMPARE(lab.snapshotCount(), 0);
        QCOMPARE(lab.stepsDone(), 0);
        QVERIFY(lab.answers().isEmpty());
        records.clear();
        // The old job may still be inside a step; whatever it produces never arrives.
        QTest::qWait(800);
        QCOMPARE(records.count(), 0);
        QCOMPARE(lab.snapshotCount(), 0);
        QCOMPARE(lab.stepsDone(), 0);
        QVERIFY(lab.controlRecords().empty());

        // Settings change only while idle; a new start is the same run again from step 0.
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, [&] {
            al::train::LabSettings bad = smallSettings();
            bad.n_layer = 0;
            lab.setLabSettings(bad);
        }());
        lab.start();
        QVERIFY(waitFor([&] { return lab.snapshotCount() >= 1; }));
        QCOMPARE(lab.records().front().step, 10);
        QCOMPARE(lab.records().front().loss, firstLoss);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, lab.setLabSettings(smallSettings()));
        lab.reset();
    }

    void badSettingsAreRefused() {
        TrainingLabController lab;
        QSignalSpy error(&lab, &TrainingLabController::errorChanged);
        lab.setTotalSteps(0);
        QCOMPARE(lab.totalSteps(), 2000);
        QVERIFY(!lab.error().isEmpty());
    }
};

QTEST_MAIN(TestTrainingLabController)
#include "test_training_lab_controller.moc"

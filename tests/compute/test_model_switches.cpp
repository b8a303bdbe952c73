// Switching models while the stations' jobs run: 100 switches between lens-mini, the tiny fixture
// GPT-2, a broken folder and (a few times) a model of GPT-2 small's exact shape built in memory,
// with Station 1's lens and two labs following the app's model as in the app. Nothing may crash,
// resident memory must stay flat, and at the end every figure shows the last model's results.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>
#include <unistd.h>

#include "gpt2_shaped_model.h"
#include "process_probes.h"
#include "attention_lens/model.h"
#include "compute/compute_scheduler.h"
#include "heads/heads_lab.h"
#include "temperature/temperature_lab.h"
#include "lens/lens_controller.h"
#include "model_hub.h"

namespace {
using probes::rssMb;
} // namespace

class TestModelSwitches : public QObject {
    Q_OBJECT

private slots:
    void hundredSwitchesWhileJobsRun() {
        const QString lensMini = QDir::cleanPath(qEnvironmentVariable("AL_SOURCE_DIR") + QStringLiteral("/resources/models/lens-mini"));
        const QString tiny = QDir::cleanPath(qEnvironmentVariable("AL_FIXTURE_MODEL"));
        QVERIFY(QFile::exists(lensMini + QStringLiteral("/config.json")));
        QVERIFY(QFile::exists(tiny + QStringLiteral("/config.json")));
        QTemporaryDir broken; // a model folder whose weights are cut short
        QVERIFY(QFile::copy(lensMini + QStringLiteral("/config.json"), broken.filePath(QStringLiteral("config.json"))));
        QFile cut(broken.filePath(QStringLiteral("model.safetensors")));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        QFile whole(lensMini + QStringLiteral("/model.safetensors"));
        QVERIFY(whole.open(QIODevice::ReadOnly));
        cut.write(whole.read(4096));
        cut.close();

        std::shared_ptr<const al::Model> gpt2 = testing_support::gpt2ShapedModel(1234);

        ModelHub* hub = ModelHub::instance();
        hub->setText(QStringLiteral("When Mary and John went to the store, John gave a drink to"));
        auto lens = std::make_unique<LensController>();
        auto heads = std::make_unique<HeadsLab>();
        auto temperature = std::make_unique<TemperatureLab>();
        hub->loadModel(lensMini);
        QTRY_VERIFY_WITH_TIMEOUT(hub->ready() && !hub->loading(), 30000);

        int failedLoads = 0;
        double warmRss = 0;
        for (int i = 0; i < 100; ++i) {
            if (i % 25 == 12) {
                hub->useModel(gpt2, QStringLiteral("GPT-2 small (124M)"));
            } else {
                const int which = i % 3;
                const QString errorBefore = hub->error();
                hub->loadModel(which == 0 ? lensMini : which == 1 ? tiny : broken.path());
                if (i % 7 == 3) // now and then a second load supersedes the first in flight
                    hub->loadModel(which == 1 ? lensMini : tiny);
                QTRY_VERIFY_WITH_TIMEOUT(!hub->loading(), 30000);
                if (which == 2 && i % 7 != 3) {
                    QVERIFY2(hub->error().contains(broken.path()), qPrintable(hub->error()));
                    QVERIFY(hub->ready()); // the previous model stays
                    ++failedLoads;
                }
            }
            // Let the stations' jobs start (and, on GPT-2's shape, run for a while) before the next switch.
            QTest::qWait(i % 25 == 12 ? 300 : 15);
            if (i == 20) {
                QTRY_VERIFY_WITH_TIMEOUT(!lens->busy() && !heads->busy() && !temperature->busy(), 60000);
                warmRss = rssMb();
            }
        }
        QVERIFY(failedLoads >= 20);

        // The last switch: lens-mini. Every figure ends on its results.
        hub->loadModel(lensMini);
        QTRY_VERIFY_WITH_TIMEOUT(!hub->loading() && hub->modelDir() == lensMini, 30000);
        QVERIFY(hub->error().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(lens->upToDate() && heads->ready() && !heads->busy() && temperature->ready()
                                     && !temperature->busy(), 60000);
        const auto model = hub->model();
        QCOMPARE(model->config().n_layer, 4);
        QVERIFY(lens->result()->model.lock() == model);
        QCOMPARE(lens->nLayer(), 4);
        QCOMPARE(lens->nHead(), 4);
        QVERIFY(heads->model() == model);
        QCOMPARE(heads->layers(), 4);
        QVERIFY(temperature->model() == model);
        QVERIFY2(lens->error().isEmpty() && heads->error().isEmpty() && temperature->error().isEmpty(),
                 qPrintable(lens->error() + heads->error() + temperature->error()));

        compute::ComputeScheduler* scheduler = compute::ComputeScheduler::instance();
        QTRY_VERIFY_WITH_TIMEOUT(scheduler->running() == 0 && scheduler->queued() == 0, 30000);
        const double endRss = rssMb();
        qInfo("RSS after 20 switches %.1f MB, after 100 %.1f MB", warmRss, endRss);
        // Flat: models that were switched away from are freed (only `gpt2` is kept by the test).
        QVERIFY2(endRss < warmRss * 1.05 + 10, qPrintable(QStringLiteral("RSS grew from %1 to %2 MB").arg(warmRss).arg(endRss)));
    }
};

QTEST_MAIN(TestModelSwitches)
#include "test_model_switches.moc"

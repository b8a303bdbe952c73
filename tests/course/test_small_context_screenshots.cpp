// Every station on a valid model whose context is only 8 positions (the fixture's shapes with 8
// position rows): a lab that cannot run on so short a context finishes with its reason on the
// figure, so --screenshot exits at once with the picture instead of waiting out its --timeout.
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include "../common/app_screenshot.h"
#include "../common/write_model_folder.h"
#include "attention_lens/model.h"

class TestSmallContextScreenshots : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString model_;

private slots:
    void initTestCase() {
        const QString fixture = qEnvironmentVariable("AL_FIXTURE_MODEL");
        QVERIFY2(!fixture.isEmpty(), "AL_FIXTURE_MODEL is not set (run through ctest)");
        al::Config config = al::Model::load(fixture.toStdString())->config();
        config.n_positions = 8;
        model_ = dir_.filePath(QStringLiteral("pos8"));
        testing_support::writeModelFolder(*al::Model::random(config, 7), model_.toStdString(), fixture.toStdString());
    }
    void station_data() {
        QTest::addColumn<QString>("station");
        for (const char* s : {"lens", "math", "heads", "mask", "temperature", "not", "forming"})
            QTest::newRow(s) << QString::fromLatin1(s);
    }
    void station() {
        QFETCH(QString, station);
        QElapsedTimer clock;
        clock.start();
        const AppScreenshot shot = runAppScreenshot(QStringLiteral(AL_APP_BINARY), model_, station,
            QStringLiteral("When Mary and John went to the store, John gave a drink to"), QStringLiteral("light"));
        QVERIFY2(shot.finished, qPrintable(shot.log));
        QVERIFY2(clock.elapsed() < 45000, qPrintable(QStringLiteral("%1 ms").arg(clock.elapsed())));
        QCOMPARE(shot.image.size(), QSize(1280, 800));
    }
};

QTEST_GUILESS_MAIN(TestSmallContextScreenshots)
#include "test_small_context_screenshots.moc"

// Starts attention-lens with --screenshot on each of stations 2-7 (light and dark) on the fixture
// model and checks each PNG: the window's size and rendered content, not a blank.
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include "../common/app_screenshot.h"

class TestStationScreenshots : public QObject {
    Q_OBJECT
private slots:
    void station_data() {
        QTest::addColumn<QString>("station");
        QTest::addColumn<QString>("theme");
        for (const char* s : {"math", "heads", "mask", "temperature", "not", "forming"})
            for (const char* t : {"light", "dark"})
                QTest::newRow(qPrintable(QStringLiteral("%1-%2").arg(QLatin1String(s), QLatin1String(t))))
                    << QString::fromLatin1(s) << QString::fromLatin1(t);
    }
    void station() {
        QFETCH(QString, station);
        QFETCH(QString, theme);
        const QString fixture = qEnvironmentVariable("AL_FIXTURE_MODEL");
        QVERIFY2(!fixture.isEmpty(), "AL_FIXTURE_MODEL is not set (run through ctest)");
        const AppScreenshot shot = runAppScreenshot(QStringLiteral(AL_APP_BINARY), fixture, station,
            QStringLiteral("When Mary and John went to the store, John gave a drink to"), theme);
        const QString& log = shot.log;
        QVERIFY2(shot.finished, qPrintable(log));
        QVERIFY2(!log.contains(QStringLiteral("unavailable")) && !log.contains(QStringLiteral("TypeError")), qPrintable(log));
        const QImage& image = shot.image;
        QVERIFY2(!image.isNull(), qPrintable(log));
        QCOMPARE(image.size(), QSize(1280, 800));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 50, qPrintable(QStringLiteral("only %1 colours").arg(colours.size())));
    }
};

QTEST_GUILESS_MAIN(TestStationScreenshots)
#include "test_station_screenshots.moc"

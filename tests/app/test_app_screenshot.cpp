// Starts attention-lens with --screenshot on the fixture model and checks the saved PNG: the
// expected size, and rendered content (many distinct colours, including the heatmap's), not a blank.
#include <QColor>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include "../common/app_screenshot.h"

class TestAppScreenshot : public QObject {
    Q_OBJECT
private slots:
    void rendersTheLensStation_data() {
        QTest::addColumn<QString>("theme");
        QTest::newRow("light") << QStringLiteral("light");
        QTest::newRow("dark") << QStringLiteral("dark");
    }
    void rendersTheLensStation() {
        QFETCH(QString, theme);
        const QString fixture = qEnvironmentVariable("AL_FIXTURE_MODEL");
        QVERIFY2(!fixture.isEmpty(), "AL_FIXTURE_MODEL is not set (run through ctest)");
        const AppScreenshot shot = runAppScreenshot(QStringLiteral(AL_APP_BINARY), fixture, QStringLiteral("lens"),
            QStringLiteral("The trophy didn't fit in the suitcase because it was too big."), theme);
        const QString& log = shot.log;
        QVERIFY2(shot.finished, qPrintable(log));
        const QImage& image = shot.image;
        QVERIFY2(!image.isNull(), qPrintable(log));
        QCOMPARE(image.size(), QSize(1280, 800));
        QSet<QRgb> colours;
        int viridisLike = 0;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2) {
                const QRgb c = image.pixel(x, y);
                colours.insert(c);
                // Heatmap cells: viridis' greens and teals (green clearly above red).
                if (qGreen(c) > qRed(c) + 40 && qBlue(c) > 60)
                    ++viridisLike;
            }
        QVERIFY2(colours.size() > 50, qPrintable(QStringLiteral("only %1 colours").arg(colours.size())));
        QVERIFY2(viridisLike > 500, qPrintable(QStringLiteral("only %1 heatmap-like pixels").arg(viridisLike)));
    }
};

QTEST_GUILESS_MAIN(TestAppScreenshot)
#include "test_app_screenshot.moc"

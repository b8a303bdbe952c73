// Long texts through every station on a model of GPT-2 small's exact shape (random weights,
// GPT-2's tokenizer), in the real window (Main.qml): a text of exactly 1,024 tokens (the model's
// whole context) and one past it. Each station must show its figures and its exercises' answers
// without freezing the window, and must say how much of the text it reads ("Showing the first 64
// of 1,310 tokens…"), except Station 7, which trains on its own text and must not claim to read the
// learner's. On the whole context, every exercise is then answered (as a learner commits a
// prediction) so the figures show what they show after predicting. With AL_SCREENSHOT_DIR set,
// each station is saved there as PNG to look at, before and after the predictions.
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QThread>
#include <QElapsedTimer>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTimer>
#include <QtQml/QQmlExtensionPlugin>
#include <QtTest>
#include <algorithm>
#include <functional>
#include <memory>

#include "gpt2_shaped_model.h"
#include "main_window.h"
#include "process_probes.h"
#include "stall_meter.h"
#include "app_state.h"
#include "attention_lens/model.h"
#include "lens/lens_controller.h"
#include "model_hub.h"
#include "screenshot_reveal.h"

Q_IMPORT_QML_PLUGIN(AttentionLensPlugin)

namespace {
using probes::findByName;

using testing_support::StallMeter;

// How long the window may stop answering before it counts as frozen: 2 s on a machine with a core
// to spare, stretched by how oversubscribed the machine is (a shared build box), since then the GUI
// thread waits its turn for a core like every other thread.
qint64 freezeLimitMs() {
    QFile f(QStringLiteral("/proc/loadavg"));
    const double load = f.open(QIODevice::ReadOnly) ? f.readAll().split(' ').value(0).toDouble() : 0.0;
    const double cores = std::max(1, QThread::idealThreadCount());
    return qint64(2000 * std::max(1.0, load / cores));
}

} // namespace

class TestLongTexts : public QObject {
    Q_OBJECT
    std::shared_ptr<const al::Model> model_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QQuickWindow* window_ = nullptr;

    // Exactly n tokens of plain prose for GPT-2's tokenizer (checked by encoding it again).
    QString textOf(int n) {
        const std::string paragraph =
            "Once upon a time there was a little fox who lived at the edge of a quiet forest. Every morning "
            "she walked to the river to drink, and every evening she came back to her den under the old oak "
            "tree. ";
        std::string text;
        while (int(model_->tokenizer()->encode(text).size()) < n + 8) text += paragraph;
        std::vector<int> ids = model_->tokenizer()->encode(text);
        ids.resize(size_t(n));
        return QString::fromStdString(model_->tokenizer()->decode(ids));
    }

    // Opens every station on `text` and checks each one as described above. Both texts begin with
    // the same 64 tokens, so every figure computes the same thing for both: the first tour waits
    // for every figure and answer; the second (`everything` false) checks Station 1's result and,
    // on each other station, the page, the notice and the window for a few seconds, then leaves
    // (which cancels the station's work) to keep the test short.
    void tourEveryStation(const QString& text, int tokens, const QString& tag, bool everything) {
        ModelHub* hub = ModelHub::instance();
        hub->setText(text);
        QCOMPARE(hub->textTokens(), tokens);
        const QString expected = QStringLiteral("Showing the first 64 of %1 tokens").arg(QLocale(QLocale::English).toString(tokens));
        QVERIFY2(hub->truncationNotice().startsWith(expected), qPrintable(hub->truncationNotice()));
        const QString shots = qEnvironmentVariable("AL_SCREENSHOT_DIR");
        for (const char* id : {"lens", "math", "heads", "mask", "temperature", "not", "forming"}) {
            const QString station = QString::fromLatin1(id);
            AppState::instance()->reportFiguresPending();
            QElapsedTimer t;
            t.start();
            StallMeter stall;
            QVERIFY(QMetaObject::invokeMethod(window_, "openStation", Q_ARG(QVariant, station)));
            // The page that just left (popped at once) must not report this one's figures as shown
            // before they are computed: nothing here has run yet.
            QVERIFY2(!AppState::instance()->figuresAreShown(),
                     qPrintable(station + QStringLiteral(": shown before its page computed anything")));
            if (everything || station == QLatin1String("lens"))
                QVERIFY2(QTest::qWaitFor([] { return AppState::instance()->figuresAreShown(); }, 480000),
                         qPrintable(station + QStringLiteral(": the figures and answers did not arrive")));
            else
                QTest::qWait(3000); // the page is built and its jobs run meanwhile
            QTest::qWait(200); // a frame for the figures to lay out
            const qint64 limit = freezeLimitMs();
            qInfo("%s, %s: %s after %.1f s, longest GUI stall %.0f ms (limit %lld)", qPrintable(tag), id,
                  everything || station == QLatin1String("lens") ? "everything shown" : "left",
                  t.elapsed() / 1000.0, stall.worstMs(), limit);
            // No freeze: the engine works off the GUI thread; building a station page with 144
            // heads' figures may take a moment, never seconds.
            QVERIFY2(stall.worstMs() < limit, qPrintable(QStringLiteral("%1: the window froze for %2 ms (limit %3 ms)")
                                                             .arg(station).arg(stall.worstMs()).arg(limit)));
            auto* bar = qobject_cast<QQuickItem*>(findByName(window_->contentItem(), QStringLiteral("truncationNotice")));
            QVERIFY(bar);
            if (station == QLatin1String("forming")) {
                QVERIFY2(!bar->isVisible(), "Station 7 trains on its own text: no note about the learner's");
            } else {
                QVERIFY2(bar->isVisible() && bar->height() > 0, qPrintable(station + QStringLiteral(": no truncation notice")));
                QVERIFY(bar->property("text").toString().startsWith(expected));
            }
            if (station == QLatin1String("lens")) {
                auto* lens = testing_support::onScreen<LensController>(window_);
                QVERIFY(lens && lens->upToDate());
                QCOMPARE(lens->tokenCount(), 64);
                QVERIFY2(lens->notice().startsWith(expected), qPrintable(lens->notice()));
            }
            if (!shots.isEmpty())
                window_->grabWindow().save(QStringLiteral("%1/%2-%3.png").arg(shots, tag, station));
            if (everything && station != QLatin1String("forming")) {
                // Every exercise can be answered on the whole context; its figures then unveil.
                int cards = 0;
                std::function<void(QQuickItem*)> count = [&](QQuickItem* i) {
                    if (i->objectName().startsWith(QLatin1String("exercise:"))) ++cards;
                    for (QQuickItem* c : i->childItems()) count(c);
                };
                count(window_->contentItem());
                QVERIFY2(cards > 0, qPrintable(station + QStringLiteral(": no exercise on the page")));
                // (A card that waits for Start computes its answer once started: commit it then.)
                QVERIFY2(QTest::qWaitFor([&] {
                             return AppState::instance()->figuresAreShown()
                                    && revealAllPredictions(*engine_, window_->contentItem()).done();
                         }, 480000),
                         qPrintable(station + QStringLiteral(": not every exercise could be answered")));
                QVERIFY2(QTest::qWaitFor([] { return AppState::instance()->figuresAreShown(); }, 480000),
                         qPrintable(station + QStringLiteral(": the figures did not come back after the predictions")));
                QTest::qWait(500);
                if (!shots.isEmpty())
                    window_->grabWindow().save(QStringLiteral("%1/%2-%3-unveiled.png").arg(shots, tag, station));
            }
        }
    }

private slots:
    void initTestCase() {
        model_ = testing_support::gpt2ShapedModel(1234);
        QCOMPARE(model_->config().n_positions, 1024);
        ModelHub::instance()->useModel(model_, QStringLiteral("GPT-2 small (124M)"));

        QQuickStyle::setStyle(QStringLiteral("Basic"));
        window_ = testing_support::startMainWindow(engine_, QSize(1280, 1000));
        QVERIFY(window_);
        // Start where a learner who last left on Station 7 starts: on a page that is ready at once,
        // which the first tour then pops.
        AppState::instance()->reportFiguresPending();
        QVERIFY(QMetaObject::invokeMethod(window_, "openStation", Q_ARG(QVariant, QStringLiteral("forming"))));
        QVERIFY(QTest::qWaitFor([] { return AppState::instance()->figuresAreShown(); }, 60000));
    }

    void wholeContext() { tourEveryStation(textOf(1024), 1024, QStringLiteral("1024-tokens"), true); }
    void pastTheContext() { tourEveryStation(textOf(1310), 1310, QStringLiteral("1310-tokens"), false); }

    // A text the course reads whole: no notice anywhere.
    void shortTextSaysNothing() {
        ModelHub::instance()->setText(QStringLiteral("The cat sat on the mat."));
        QVERIFY(ModelHub::instance()->truncationNotice().isEmpty());
        auto* bar = qobject_cast<QQuickItem*>(findByName(window_->contentItem(), QStringLiteral("truncationNotice")));
        QVERIFY(bar);
        QTRY_VERIFY(!bar->isVisible());
    }

    void cleanupTestCase() {
        engine_.reset();
    }
};

int main(int argc, char** argv) {
    QStandardPaths::setTestModeEnabled(true); // settings and progress never touch the user's own
    // A tour waits for Station 3's knock-out search on 144 heads, which can outlast Qt Test's
    // default of 5 minutes per function on a busy 2-core machine; ctest's TIMEOUT still bounds it.
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "850000");
    QApplication app(argc, argv);
    TestLongTexts test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_long_texts.moc"

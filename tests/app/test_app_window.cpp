// The real window (Main.qml, as the app loads it) driven like a learner would: export the lens
// figure through the save dialog, copy the matrix to the clipboard, follow a theme change of the
// system while running, and come back to the same window geometry and station after a restart.
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPalette>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QScreen>
#include <QSvgRenderer>
#include <QSettings>
#include <QTemporaryDir>
#include <QtQml/QQmlExtensionPlugin>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>

#include "app_state.h"
#include "course/progress_store.h"
#include "golden.h"
#include "lens/lens_controller.h"
#include "main_window.h"
#include "model_hub.h"
#include "process_probes.h"
#include "storage_failures.h"

Q_IMPORT_QML_PLUGIN(AttentionLensPlugin)

namespace {

// Settings and progress go to a fresh folder, never to the learner's own.
QTemporaryDir& sandbox() {
    static QTemporaryDir dir;
    return dir;
}

} // namespace

class TestAppWindow : public QObject {
    Q_OBJECT
    QString fixture;
    QString caseText;
    std::vector<float> caseAtt; // [L][H][T][T] from the independent implementation
    int L = 0, H = 0, T = 0;
    std::unique_ptr<QQmlApplicationEngine> engine;

    float golden(int l, int h, int i, int j) const { return caseAtt[((size_t(l) * H + h) * T + i) * T + j]; }

    // Starts the window as main.cpp does: Basic style, the module from qrc, Main.qml.
    QQuickWindow* startWindow() { return testing_support::startMainWindow(engine); }

    QObject* root() const { return engine->rootObjects().constFirst(); }

    static QQuickItem* buttonWithText(QQuickItem* item, const QString& text) {
        if (!item) return nullptr;
        if (item->isVisible() && QByteArray(item->metaObject()->className()).contains("Button") &&
            item->property("text").toString().remove(QLatin1Char('&')) == text)
            return item;
        for (QQuickItem* c : item->childItems())
            if (QQuickItem* f = buttonWithText(c, text)) return f;
        return nullptr;
    }
    template <typename T_>
    T_* find(const QString& name) const {
        QObject* f = probes::findByName(root(), name);
        if (!f) f = probes::findByName(qobject_cast<QQuickWindow*>(root())->contentItem(), name);
        return qobject_cast<T_*>(f);
    }

    // A real mouse click in the middle of a visible item.
    static bool click(QQuickWindow* window, QQuickItem* item) {
        if (!item || !item->isVisible())
            return false;
        const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        if (!QRectF(QPointF(0, 0), window->size()).contains(centre))
            return false;
        QTest::mouseMove(window, centre.toPoint());
        QTest::mousePress(window, Qt::LeftButton, Qt::NoModifier, centre.toPoint());
        QTest::mouseRelease(window, Qt::LeftButton, Qt::NoModifier, centre.toPoint(), 80);
        return true;
    }

    LensController* openLensOn(QQuickWindow* window) {
        QMetaObject::invokeMethod(root(), "openStation", Q_ARG(QVariant, QStringLiteral("lens")));
        LensController* lens = nullptr;
        if (!QTest::qWaitFor([&] { return (lens = testing_support::onScreen<LensController>(window)) != nullptr; }, 20000))
            return nullptr;
        if (!QTest::qWaitFor([&] { return lens->hasResult() && lens->upToDate() && !lens->busy(); }, 30000))
            return nullptr;
        // The page slides in; StackView takes no input until its transition has finished.
        QQuickItem* stack = nullptr;
        std::function<void(QQuickItem*)> visit = [&](QQuickItem* i) {
            if (QByteArray(i->metaObject()->className()).contains("StackView")) stack = i;
            for (QQuickItem* c : i->childItems()) visit(c);
        };
        visit(window->contentItem());
        if (!stack || !QTest::qWaitFor([&] { return !stack->property("busy").toBool(); }, 5000))
            return nullptr;
        QTest::qWait(100); // a frame for the figure to lay out
        return lens;
    }

    // The main window at `size` with Station 1 open and the lens's first result in place.
    QQuickWindow* startOnLens(QSize size) {
        QQuickWindow* window = startWindow();
        if (!window)
            return nullptr;
        window->resize(size);
        return openLensOn(window) ? window : nullptr;
    }

    // As a learner would: press `button`, then in the dialog's folder type `fileName` and press
    // Save; waits until the file is there.
    void saveThroughDialog(QQuickWindow* window, const QString& button, const QString& path) {
        QObject* dialog = find<QObject>(QStringLiteral("savePngDialog"));
        QVERIFY(dialog);
        QFile::remove(path);
        QVERIFY2(click(window, find<QQuickItem>(button)), qPrintable(button + QStringLiteral(" is not on screen")));
        QTRY_VERIFY(dialog->property("visible").toBool());
        QVERIFY(dialog->setProperty("currentFolder", QUrl::fromLocalFile(QFileInfo(path).path())));
        QQuickItem* scene = window->contentItem(); // the root item: pages and popups
        QQuickItem* nameField = nullptr;
        QTRY_VERIFY((nameField = qobject_cast<QQuickItem*>(probes::findByName(scene, QStringLiteral("fileNameTextField")))) && nameField->isVisible());
        QQuickItem* saveButton = nullptr;
        // Qt 6.4's own file dialog names its accept button "Open" even when saving.
        QTRY_VERIFY((saveButton = buttonWithText(scene, QStringLiteral("Save"))) != nullptr ||
                    (saveButton = buttonWithText(scene, QStringLiteral("Open"))) != nullptr);
        QTest::qWait(300); // the popup's opening transition
        QVERIFY(click(window, nameField));
        QTest::keyClick(window, Qt::Key_A, Qt::ControlModifier);
        const QString fileName = QFileInfo(path).fileName();
        for (QChar c : fileName) QTest::keyClick(window, c.toLatin1());
        QTRY_COMPARE(nameField->property("text").toString(), fileName);
        QTest::keyClick(window, Qt::Key_Return); // Qt 6.4's dialog takes the typed name on Return
        QVERIFY(click(window, saveButton));
        QTRY_VERIFY(!dialog->property("visible").toBool());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 10000);
        QTest::qWait(200); // the file is renamed into place complete; give the dialog a moment
    }

private slots:
    void initTestCase() {
        fixture = qEnvironmentVariable("AL_FIXTURE_MODEL");
        QVERIFY2(!fixture.isEmpty(), "AL_FIXTURE_MODEL is not set (run through ctest)");
        QFile json(fixture + QStringLiteral("/expected.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonArray cases = QJsonDocument::fromJson(json.readAll()).array();
        QVERIFY(!cases.isEmpty());
        caseText = cases.at(0).toObject().value(QStringLiteral("text")).toString();
        const GoldenTensor att = readGolden(fixture + QStringLiteral("/expected.safetensors"), QStringLiteral("case0.attentions"));
        QCOMPARE(att.shape.size(), size_t(4));
        L = att.shape[0]; H = att.shape[1]; T = att.shape[2];
        caseAtt = att.f32;
        QVERIFY(L >= 2 && H >= 3);

        QSettings().clear();
        ModelHub* hub = ModelHub::instance();
        hub->setText(caseText);
        hub->loadModel(fixture);
        QTRY_VERIFY_WITH_TIMEOUT(hub->ready(), 30000);
    }

    void copyCsvPutsTheMatrixOnTheClipboard() {
        // The figure's export buttons (PNG, SVG, JSON) fill a line: the copy button sits below them.
        QQuickWindow* window = startOnLens({1280, 1200});
        QVERIFY(window);
        LensController* lens = testing_support::onScreen<LensController>(window);
        lens->setLayer(1);
        lens->setHead(2);
        QGuiApplication::clipboard()->clear();
        QTest::qWait(50);
        QSignalSpy spyClicked(find<QQuickItem>(QStringLiteral("copyCsvButton")), SIGNAL(clicked()));
        QVERIFY2(click(window, find<QQuickItem>(QStringLiteral("copyCsvButton"))), "the copy button is not on screen");
        QCOMPARE(spyClicked.count(), 1);
        QTRY_VERIFY(find<QQuickItem>(QStringLiteral("copiedNote"))->isVisible());

        const QStringList lines = QGuiApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), T + 1); // header + one row per query
        QVERIFY2(lines[0].contains(QStringLiteral("layer 1, head 2")), qPrintable(lines[0]));
        for (int i = 0; i < T; ++i) {
            // The first cell is the quoted token label; no token of the case holds a comma.
            const QStringList cells = lines[i + 1].split(QLatin1Char(','));
            QCOMPARE(cells.size(), T + 1);
            for (int j = 0; j < T; ++j) {
                const QString cell = cells[j + 1];
                if (j > i) {
                    QVERIFY2(cell.isEmpty(), "a masked cell holds a number"); // the causal mask: no weight at all
                    continue;
                }
                bool ok = false;
                const double w = cell.toDouble(&ok);
                QVERIFY2(ok, qPrintable(cell));
                QVERIFY2(std::abs(w - golden(1, 2, i, j)) < 1e-4,
                         qPrintable(QStringLiteral("row %1 col %2: %3 vs %4").arg(i).arg(j).arg(w).arg(golden(1, 2, i, j))));
            }
        }
        window->close();
        engine.reset();
    }

    void savePngWritesTheFigure() {
        QQuickWindow* window = startOnLens({1280, 1000});
        QVERIFY(window);
        const QString path = sandbox().filePath(QStringLiteral("figure.png"));
        saveThroughDialog(window, QStringLiteral("savePngButton"), path);
        if (QTest::currentTestFailed()) return;

        QImage image;
        QVERIFY(image.load(path, "PNG"));
        const auto* figure = find<QQuickItem>(QStringLiteral("lensFigure"));
        QVERIFY(figure);
        const qreal dpr = window->effectiveDevicePixelRatio();
        QCOMPARE(image.width(), qRound(figure->width() * dpr));
        QCOMPARE(image.height(), qRound(figure->height() * dpr));
        // Not blank: the heatmap alone brings dozens of colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3) colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 40, qPrintable(QString::number(colours.size())));

        // The same figure as SVG through the same dialog: the PNG's size, in the figure's units.
        const QString svg = sandbox().filePath(QStringLiteral("figure.svg"));
        saveThroughDialog(window, QStringLiteral("saveSvgButton"), svg);
        if (QTest::currentTestFailed()) return;
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.defaultSize(), QSize(qRound(image.width() / dpr), qRound(image.height() / dpr)));
        // And every head: the grid's PNG and SVG are the same size too.
        const QString headsPng = sandbox().filePath(QStringLiteral("heads.png"));
        saveThroughDialog(window, QStringLiteral("saveHeadsPngButton"), headsPng);
        if (QTest::currentTestFailed()) return;
        const QString headsSvg = sandbox().filePath(QStringLiteral("heads.svg"));
        saveThroughDialog(window, QStringLiteral("saveHeadsSvgButton"), headsSvg);
        if (QTest::currentTestFailed()) return;
        QImage heads;
        QVERIFY(heads.load(headsPng, "PNG"));
        QSvgRenderer headsRenderer(headsSvg);
        QVERIFY(headsRenderer.isValid());
        QCOMPARE(headsRenderer.defaultSize(), QSize(qRound(heads.width() / dpr), qRound(heads.height() / dpr)));
        window->close();
        engine.reset();
    }

    void stationOneExerciseRevealsTheModelsAnswer() {
        QQuickWindow* window = startOnLens({1280, 1400});
        QVERIFY(window);
        QQuickItem* scene = window->contentItem();
        QQuickItem* station = nullptr;
        std::function<void(QQuickItem*)> visit = [&](QQuickItem* i) {
            if (QByteArray(i->metaObject()->className()).startsWith("LensStation")) station = i;
            for (QQuickItem* c : i->childItems()) visit(c);
        };
        visit(scene);
        QVERIFY(station);
        QVERIFY(!station->property("exerciseActive").toBool());
        QVERIFY2(click(window, buttonWithText(scene, QStringLiteral("Start"))), "no Start button on screen");
        QTRY_VERIFY(station->property("exerciseActive").toBool());
        QQuickItem* commit = buttonWithText(scene, QStringLiteral("Commit and reveal"));
        QVERIFY(commit);
        QVERIFY2(!commit->isEnabled(), "nothing is revealed before a prediction is committed");

        // The exercise engine's answer names the row it asks about: the last token.
        QTRY_COMPARE(station->property("exQuery").toInt(), T - 1);
        const int query = station->property("exQuery").toInt();
        // While it waits for the prediction, that row of the matrix and the all-heads overview are
        // veiled, and the token strip shows no weight and picks nothing (the question asks for a number).
        QTRY_VERIFY(station->property("exOpen").toBool());
        const auto* overviewVeil = find<QQuickItem>(QStringLiteral("veil:lens-overview"));
        QVERIFY(overviewVeil);
        QVERIFY(overviewVeil->property("veiled").toBool());
        const auto* rowVeil = find<QQuickItem>(QStringLiteral("veil:lens-matrix-row"));
        QVERIFY(rowVeil);
        QVERIFY(rowVeil->isVisible());
        auto* strip = find<QQuickItem>(QStringLiteral("veil:lens-strip"));
        QVERIFY(strip);
        QVERIFY(strip->property("weightsHidden").toBool());
        QVERIFY(!strip->property("choosing").toBool());
        auto* chip = find<QQuickItem>(QStringLiteral("chip1"));
        QVERIFY(chip);
        QCOMPARE(chip->property("weight").toDouble(), -1.0);
        QVERIFY(click(window, chip->property("box").value<QQuickItem*>()));
        auto* card = station->property("lensCard").value<QObject*>();
        QVERIFY(card);
        QCOMPARE(card->property("prediction").toString(), QString()); // a click on a chip is no prediction here

        // Predict: type a share into the card's number field (real key presses), then commit.
        auto* field = find<QQuickItem>(QStringLiteral("numberField"));
        QVERIFY(field);
        field->forceActiveFocus();
        QTRY_VERIFY(field->hasActiveFocus());
        for (const char ch : QByteArray("0.5"))
            QTest::keyClick(window, ch);
        QTRY_VERIFY(commit->isEnabled());
        QVERIFY(click(window, commit));
        QTRY_VERIFY(station->property("exRevealed").toBool());
        QVERIFY(!overviewVeil->property("veiled").toBool());
        QVERIFY(!rowVeil->isVisible());

        // The answer is the reference implementation's weight from that row to the token before it,
        // in the head the card names; the strip marks that token once revealed.
        const int l = station->property("exLayer").toInt(), h = station->property("exHead").toInt();
        const QVariantMap answer = station->property("exAnswerMap").toMap();
        QVERIFY2(std::abs(answer.value(QStringLiteral("answer")).toString().toDouble() - golden(l, h, query, query - 1)) < 1e-3,
                 qPrintable(answer.value(QStringLiteral("answer")).toString()));
        QCOMPARE(station->property("exAnswer").toInt(), query - 1);
        QVERIFY(buttonWithText(scene, QStringLiteral("Try again")) != nullptr);
        window->close();
        engine.reset();
    }

    void followsASystemThemeChangeWhileRunning() {
        QQuickWindow* window = startWindow();
        QVERIFY(window);
        const QPalette original = QGuiApplication::palette();
        QPalette dark = original;
        dark.setColor(QPalette::Window, QColor(30, 30, 30));
        dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
        QPalette light = original;
        light.setColor(QPalette::Window, QColor(240, 240, 240));
        light.setColor(QPalette::WindowText, QColor(20, 20, 20));

        QGuiApplication::setPalette(light);
        QTRY_VERIFY(!AppState::instance()->dark());
        QTRY_VERIFY(window->color().lightnessF() > 0.5);
        QGuiApplication::setPalette(dark); // the desktop switches to a dark theme
        QTRY_VERIFY(AppState::instance()->dark());
        QTRY_VERIFY(window->color().lightnessF() < 0.5);
        QTest::qWait(100);
        QImage frame = window->grabWindow();
        QVERIFY(!frame.isNull());
        QVERIFY2(QColor(frame.pixel(frame.width() / 2, frame.height() - 5)).lightnessF() < 0.5, "the window did not redraw dark");
        QGuiApplication::setPalette(light); // and back
        QTRY_VERIFY(!AppState::instance()->dark());
        QTest::qWait(100);
        frame = window->grabWindow();
        QVERIFY2(QColor(frame.pixel(frame.width() / 2, frame.height() - 5)).lightnessF() > 0.5, "the window did not redraw light");
        QGuiApplication::setPalette(original);
        window->close();
        engine.reset();
    }

    void remembersGeometryAndStationAcrossRestarts() {
        QSettings().clear();
        QQuickWindow* window = startWindow();
        QVERIFY(window);
        QVERIFY(openLensOn(window));
        // A size and place on the screen (a remembered geometry is cut to the screen).
        const QRect room = window->screen()->availableGeometry();
        const QRect chosen(room.x() + 60, room.y() + 70, std::min(1111, room.width() - 80), std::min(777, room.height() - 90));
        QVERIFY(chosen.width() > 300 && chosen.height() > 300);
        window->setGeometry(chosen);
        QTRY_COMPARE(window->size(), chosen.size());
        window->close(); // Main.qml's onClosing stores the geometry
        engine.reset();

        window = startWindow();
        QVERIFY(window);
        QCOMPARE(window->size(), chosen.size());
        QCOMPARE(window->position(), chosen.topLeft());
        // The last station comes back: the lens and its token chips, not the course map.
        QTRY_VERIFY_WITH_TIMEOUT(testing_support::onScreen<LensController>(window) != nullptr, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(find<QQuickItem>(QStringLiteral("chip0")) != nullptr, 30000);

        // Going back to the map is remembered too.
        QMetaObject::invokeMethod(root(), "goHome");
        window->close();
        engine.reset();
        window = startWindow();
        QVERIFY(window);
        QTest::qWait(300);
        QCOMPARE(root()->findChild<LensController*>(), nullptr);
        window->close();
        engine.reset();
    }

    // With the course's own model loaded, the course map says it is a small model trained for
    // the course, not GPT-2, with the loaded model's real shape, and its button opens the model
    // library (where GPT-2 small is downloaded). Another model loaded: the note goes away.
    void courseMapSaysTheEmbeddedModelIsNotGpt2() {
        QSettings().clear();
        ModelHub* hub = ModelHub::instance();
        qputenv("AL_EMBEDDED_MODEL", fixture.toUtf8()); // the fixture stands in for lens-mini
        hub->loadEmbeddedModel();
        QTRY_VERIFY_WITH_TIMEOUT(hub->ready() && !hub->loading() && hub->isEmbedded(), 30000);

        QQuickWindow* window = startWindow();
        QVERIFY(window);
        auto* note = find<QQuickItem>(QStringLiteral("courseModelNote"));
        QVERIFY(note);
        QTRY_VERIFY(note->isVisible());
        const QString said = note->property("headingText").toString() + QLatin1Char(' ') + note->property("bodyText").toString();
        QVERIFY2(said.contains(QStringLiteral("not GPT-2")), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("%1 layers × %2 heads").arg(L).arg(H)), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("trained for this course")), qPrintable(said));

        QVERIFY(click(window, buttonWithText(note, QStringLiteral("Get GPT-2 small…"))));
        QTRY_VERIFY_WITH_TIMEOUT(find<QQuickItem>(QStringLiteral("modelLibraryPage")) != nullptr, 5000);

        // A model that is not the embedded one: no note.
        QTemporaryDir other;
        QVERIFY(other.isValid());
        for (const char* f : {"config.json", "model.safetensors", "vocab.json", "merges.txt"})
            QVERIFY(QFile::copy(fixture + QLatin1Char('/') + QLatin1String(f), other.filePath(QLatin1String(f))));
        hub->loadModel(other.path());
        QTRY_VERIFY_WITH_TIMEOUT(hub->ready() && !hub->loading() && !hub->isEmbedded(), 30000);
        QVERIFY(!note->isVisible());
        window->close();
        engine.reset();
        qunsetenv("AL_EMBEDDED_MODEL");
    }

    // A full disk while progress and a setting are saved: the window says so in two bars above the
    // page (which a learner can dismiss), and both go away once saving works again.
    void saysWhenProgressOrSettingsCannotBeSaved() {
        QSettings().clear();
        QQuickWindow* window = startWindow();
        QVERIFY(window);
        auto* progressBar = find<QQuickItem>(QStringLiteral("progressNotice"));
        auto* settingsBar = find<QQuickItem>(QStringLiteral("settingsNotice"));
        QVERIFY(progressBar && settingsBar);
        QVERIFY(!progressBar->isVisible() && !settingsBar->isVisible());
        ProgressStore* progress = ProgressStore::instance();
        progress->markVisited(QStringLiteral("lens"));
        QVERIFY(progress->notice().isEmpty());
        {
            storage_failures::DiskFull full(16);
            progress->recordAnswer(QStringLiteral("lens"), QStringLiteral("prev-token"), QStringLiteral("1"),
                                   QStringLiteral("2"), false);
            AppState::instance()->setSetting(QStringLiteral("lastStation"), QStringLiteral("mask"));
        }
        QTRY_VERIFY(progressBar->isVisible() && progressBar->height() > 0);
        QTRY_VERIFY(settingsBar->isVisible() && settingsBar->height() > 0);
        QVERIFY2(progressBar->property("text").toString().contains(QStringLiteral("progress could not be saved")),
                 qPrintable(progressBar->property("text").toString()));
        QVERIFY2(settingsBar->property("text").toString().contains(QStringLiteral("settings could not be saved")),
                 qPrintable(settingsBar->property("text").toString()));
        QVERIFY(buttonWithText(settingsBar, QStringLiteral("Dismiss")));
        QVERIFY(QMetaObject::invokeMethod(settingsBar, "dismissed"));
        QTRY_VERIFY(!settingsBar->isVisible());
        QVERIFY(progressBar->isVisible());

        // Room again: the next saves work and the progress bar goes away by itself.
        progress->recordAnswer(QStringLiteral("lens"), QStringLiteral("prev-token"), QStringLiteral("1"),
                               QStringLiteral("3"), false);
        AppState::instance()->setSetting(QStringLiteral("lastStation"), QStringLiteral("lens"));
        QTRY_VERIFY(!progressBar->isVisible());
        QFile saved(progress->filePath());
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll().contains("\"answer\": \"3\""));
        QVERIFY(AppState::instance()->settingsNotice().isEmpty());
        window->close();
        engine.reset();
    }
};

int main(int argc, char** argv) {
    if (!sandbox().isValid())
        return 1;
    qputenv("XDG_CONFIG_HOME", sandbox().filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", sandbox().filePath(QStringLiteral("data")).toUtf8());
    QApplication app(argc, argv); // Qt Charts in the stations needs QApplication
    QApplication::setOrganizationName(QStringLiteral("AttentionLensWindowTests"));
    QApplication::setApplicationName(QStringLiteral("Attention Lens"));
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    TestAppWindow t;
    return QTest::qExec(&t, argc, argv);
}

#include "test_app_window.moc"

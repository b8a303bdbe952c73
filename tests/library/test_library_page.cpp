// The model library page end to end, headless: the page lists the course's models; "Download"
// fetches a model from a local Hugging Face look-alike, checks it, installs it and switches the
// app to it through ModelHub, keeping the learner's text; a wrong folder is refused by name; a
// folder that is slow to check (huge but legal header and vocabulary) is listed without freezing the page.
// With $AL_SCREENSHOT_DIR set, the page is saved as PNGs (before, during and after a download).
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickItem>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/QQmlExtensionPlugin>
#include <QtTest>
#include <cstring>
#include <mutex>

#include "attention_lens/model.h"
#include "stall_meter.h"
#include "download/model_downloader.h"
#include "fake_hub.h"
#include "library/download_controller.h"
#include "library/model_library_model.h"
#include "model_hub.h"

Q_IMPORT_QML_PLUGIN(AttentionLensPlugin)

namespace {
const int kTimeout = 90000;
} // namespace

class TestLibraryPage : public QObject {
    Q_OBJECT
    FakeHub hub;
    QTemporaryDir models, cache, work;
    QQmlApplicationEngine* engine = nullptr;
    QQuickWindow* window = nullptr;
    QObject* page = nullptr;
    QString fixture;

    void shot(const QString& name) {
        const QString dir = qEnvironmentVariable("AL_SCREENSHOT_DIR");
        if (dir.isEmpty() || !window)
            return;
        QTest::qWait(50); // let the scene graph draw the latest state before grabbing
        window->grabWindow().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
    }
    ModelLibraryModel* library() const { return page->property("library").value<ModelLibraryModel*>(); }
    DownloadController* downloads() const { return page->property("downloads").value<DownloadController*>(); }
    int rowOf(const QString& key) const {
        ModelLibraryModel* m = library();
        for (int i = 0; i < m->rowCount(); ++i)
            if (m->data(m->index(i), ModelLibraryModel::KeyRole).toString() == key)
                return i;
        return -1;
    }

private slots:
    void initTestCase() {
        fixture = qEnvironmentVariable("AL_FIXTURE_MODEL");
        QVERIFY(!fixture.isEmpty());
        hub.serveModelFolder(fixture);
        hub.stallAfter = 4000000; // one stalled connection on the way (and time for a screenshot)
        hub.stallTimes = 1;
        QVERIFY(hub.listen());
        // A manifest naming the look-alike's repository; nothing pinned, so the headers are used.
        QJsonObject tiny{{"id", "tiny"}, {"repo", hub.repo}, {"title", "Tiny GPT-2"}, {"revision", "main"},
                         {"n_layer", 2}, {"n_head", 4}, {"n_embd", 64}, {"n_positions", 128}, {"vocab_size", 50257},
                         {"files", QJsonArray{QJsonObject{{"name", "config.json"}}, QJsonObject{{"name", "vocab.json"}},
                                              QJsonObject{{"name", "merges.txt"}}, QJsonObject{{"name", "model.safetensors"}}}}};
        QFile manifest(work.filePath(QStringLiteral("models.json")));
        QVERIFY(manifest.open(QIODevice::WriteOnly));
        manifest.write(QJsonDocument(QJsonObject{{"format", 1}, {"models", QJsonArray{tiny}}}).toJson());
        manifest.close();
        qputenv("AL_MANIFEST", manifest.fileName().toUtf8());
        qputenv("AL_MODELS_DIR", models.path().toUtf8());
        qputenv("HF_HUB_CACHE", cache.path().toUtf8());
        qputenv("HF_ENDPOINT", hub.endpoint().toUtf8());

        // The app starts on the fixture model, with the learner's own text.
        ModelHub::instance()->setText(QStringLiteral("My own sentence about a cat."));
        ModelHub::instance()->loadModel(fixture);
        QTRY_VERIFY_WITH_TIMEOUT(ModelHub::instance()->ready(), kTimeout);

        engine = new QQmlApplicationEngine(this);
        engine->addImportPath(QStringLiteral("qrc:/"));
        engine->loadData(R"(
            import QtQuick
            import QtQuick.Controls
            import AttentionLens
            ApplicationWindow {
                width: 1000; height: 780; visible: true
                color: Theme.background
                font.pixelSize: Theme.fontBody
                palette.window: Theme.background
                palette.windowText: Theme.text
                palette.base: Theme.surface
                palette.text: Theme.text
                palette.button: Theme.surfaceAlt
                palette.buttonText: Theme.text
                palette.highlight: Theme.accent
                Loader { objectName: "loader"; anchors.fill: parent; source: "qrc:/AttentionLens/library/ModelLibraryPage.qml" }
            })");
        QVERIFY(!engine->rootObjects().isEmpty());
        window = qobject_cast<QQuickWindow*>(engine->rootObjects().first());
        QVERIFY(window);
        auto* loader = window->findChild<QObject*>(QStringLiteral("loader"));
        QVERIFY(loader);
        QTRY_VERIFY_WITH_TIMEOUT(loader->property("item").value<QObject*>() != nullptr, kTimeout);
        page = loader->property("item").value<QObject*>();
        QVERIFY(QTest::qWaitForWindowExposed(window));
    }

    void listsTheModels() {
        ModelLibraryModel* m = library();
        QVERIFY(m);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(QStringLiteral("tiny")) >= 0, kTimeout); // the first scan runs off the GUI thread
        const int tiny = rowOf(QStringLiteral("tiny"));
        QCOMPARE(m->data(m->index(tiny), ModelLibraryModel::KindRole).toString(), QStringLiteral("download"));
        QCOMPARE(m->data(m->index(tiny), ModelLibraryModel::ShapeTextRole).toString(), QStringLiteral("2 layers × 4 heads"));
        QVERIFY(!m->data(m->index(tiny), ModelLibraryModel::ReadyRole).toBool());
        // The loaded model (here from a folder, as with --model) is listed and marked current.
        const int current = rowOf(QStringLiteral("folder:") + QDir::cleanPath(fixture));
        QVERIFY(current >= 0);
        QVERIFY(m->data(m->index(current), ModelLibraryModel::CurrentRole).toBool());
        shot(QStringLiteral("library-before"));
    }

    void downloadInstallsAndSwitches() {
        DownloadController* dc = downloads();
        QVERIFY(dc);
        QSignalSpy finished(dc, &DownloadController::finished);
        // Count the loads of the downloaded folder: the check's load is the only one, its model is
        // the one the app switches to (the same weights in memory, not a second copy).
        // The test holds the checked model too, so a second load could never reuse its memory.
        std::mutex mutex;
        int validations = 0;
        std::shared_ptr<const al::Model> validated;
        dc->downloader()->setValidator([&](const QString& dir) {
            auto v = al::download::ModelDownloader::validateWithEngine(dir);
            std::lock_guard lock(mutex);
            ++validations;
            validated = v.model;
            return v;
        });
        const auto restore = qScopeGuard([dc] { dc->downloader()->setValidator(&al::download::ModelDownloader::validateWithEngine); });
        QMetaObject::invokeMethod(page, [dc] { dc->download(QStringLiteral("tiny")); });
        QTRY_VERIFY_WITH_TIMEOUT(dc->busy(), kTimeout);
        dc->downloader()->setStallTimeoutMs(2000);
        // Mid-download the page shows bytes and a progress fraction.
        QTRY_VERIFY_WITH_TIMEOUT(dc->progress() > 0.2 && !dc->bytesText().isEmpty(), kTimeout);
        QVERIFY(dc->progress() < 1.0);
        QCOMPARE(dc->phase(), QStringLiteral("downloading"));
        QCOMPARE(dc->modelTitle(), QStringLiteral("Tiny GPT-2"));
        shot(QStringLiteral("library-downloading"));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kTimeout);
        QVERIFY2(finished.first().first().toBool(), qPrintable(dc->error()));
        const QString installed = models.path() + QStringLiteral("/tiny-gpt2");
        QCOMPARE(finished.first().at(1).toString(), installed);
        QCOMPARE(readAll(installed + QStringLiteral("/model.safetensors")), hub.files[QStringLiteral("model.safetensors")].data);
        // The app switches to the new model and keeps the learner's text.
        QTRY_COMPARE_WITH_TIMEOUT(ModelHub::instance()->modelDir(), installed, kTimeout);
        QCOMPARE(ModelHub::instance()->text(), QStringLiteral("My own sentence about a cat."));
        {
            std::lock_guard lock(mutex);
            QCOMPARE(validations, 1);
            QVERIFY(validated);
            QCOMPARE(ModelHub::instance()->model()->wte(), validated->wte());
        }
        QVERIFY(!ModelHub::instance()->loading()); // no second load was started
        QCOMPARE(QString::fromStdString(ModelHub::instance()->model()->dir()), installed);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(QStringLiteral("tiny")) >= 0
                                     && library()->data(library()->index(rowOf(QStringLiteral("tiny"))), ModelLibraryModel::CurrentRole).toBool(),
                                 kTimeout);
        QCOMPARE(library()->data(library()->index(rowOf(QStringLiteral("tiny"))), ModelLibraryModel::KindRole).toString(),
                 QStringLiteral("downloaded"));
        shot(QStringLiteral("library-after"));
    }

    void aFailedDownloadSaysWhyAndKeepsTheModel() {
        // Remove the install so "tiny" is downloadable again, then make the server send bad bytes.
        // (through the library's own "Remove…", which refuses the model in use).
        const QString installed = models.path() + QStringLiteral("/tiny-gpt2");
        const QString inUse = library()->removeDownloaded(QStringLiteral("tiny"));
        QVERIFY2(inUse.contains(QStringLiteral("in use")), qPrintable(inUse));
        QVERIFY(QFileInfo::exists(installed + QStringLiteral("/model.safetensors")));
        ModelHub::instance()->loadModel(fixture);
        QTRY_COMPARE_WITH_TIMEOUT(ModelHub::instance()->modelDir(), QDir::cleanPath(fixture), kTimeout);
        QVERIFY(!library()->removeDownloaded(QStringLiteral("embedded")).isEmpty());
        QVERIFY(!library()->removeDownloaded(QStringLiteral("folder:") + fixture).isEmpty());
        QVERIFY(QFileInfo::exists(fixture + QStringLiteral("/model.safetensors")));
        const QString removed = library()->removeDownloaded(QStringLiteral("tiny"));
        QVERIFY2(removed.isEmpty(), qPrintable(removed));
        QVERIFY(!QFileInfo::exists(installed));
        QTRY_COMPARE_WITH_TIMEOUT(library()->data(library()->index(rowOf(QStringLiteral("tiny"))), ModelLibraryModel::KindRole).toString(),
                                  QStringLiteral("download"), kTimeout);

        // A link in the models folder to a folder of the learner's: Remove takes the link away and
        // leaves every file of the folder it points to.
        const QString theirs = work.path() + QStringLiteral("/their-model");
        QVERIFY(QDir().mkpath(theirs + QStringLiteral("/notes")));
        for (const char* f : {"config.json", "model.safetensors", "vocab.json", "merges.txt"})
            QVERIFY(QFile::copy(fixture + QLatin1Char('/') + QLatin1String(f), theirs + QLatin1Char('/') + QLatin1String(f)));
        QVERIFY(QFile::link(theirs, installed));
        library()->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(library()->data(library()->index(rowOf(QStringLiteral("tiny"))), ModelLibraryModel::KindRole).toString(),
                                  QStringLiteral("downloaded"), kTimeout);
        const QString unlinked = library()->removeDownloaded(QStringLiteral("tiny"));
        QVERIFY2(unlinked.isEmpty(), qPrintable(unlinked));
        QVERIFY(!QFileInfo(installed).isSymLink() && !QFileInfo::exists(installed));
        QVERIFY(QFileInfo::exists(theirs + QStringLiteral("/model.safetensors")));
        QVERIFY(QFileInfo(theirs + QStringLiteral("/notes")).isDir());
        hub.corrupt = true;
        DownloadController* dc = downloads();
        QSignalSpy finished(dc, &DownloadController::finished);
        dc->download(QStringLiteral("tiny"));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kTimeout);
        QVERIFY(!finished.first().first().toBool());
        QCOMPARE(dc->errorKind(), QStringLiteral("wrong_hash"));
        QVERIFY(dc->error().contains(QStringLiteral("model.safetensors")));
        QCOMPARE(ModelHub::instance()->modelDir(), QDir::cleanPath(fixture));
        QVERIFY(!QFileInfo::exists(installed));
        shot(QStringLiteral("library-error"));
        hub.corrupt = false;
    }

    void aWrongFolderIsRefusedByName() {
        QTemporaryDir half;
        QVERIFY(QFile::copy(fixture + QStringLiteral("/config.json"), half.filePath(QStringLiteral("config.json"))));
        QSignalSpy opened(library(), &ModelLibraryModel::folderOpened);
        library()->openFolder(QUrl::fromLocalFile(half.path()).toString());
        QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty(), kTimeout);
        const QString problem = opened.first().first().toString();
        QVERIFY2(problem.contains(QStringLiteral("model.safetensors")) && problem.contains(QStringLiteral("vocab.json")),
                 qPrintable(problem));
        QCOMPARE(ModelHub::instance()->modelDir(), QDir::cleanPath(fixture));
        page->setProperty("folderError", problem);
        shot(QStringLiteral("library-folder-error"));
        page->setProperty("folderError", QString());
    }

    void aSlowFolderDoesNotFreezeThePage() {
        // A legal folder that is expensive to check: a safetensors header padded with 60 MB of
        // whitespace and a vocab.json padded with 30 MB. Checking it takes about a second.
        const QString slow = models.path() + QStringLiteral("/padded-model");
        QVERIFY(QDir().mkpath(slow));
        for (const char* f : {"config.json", "merges.txt"})
            QVERIFY(QFile::copy(fixture + QLatin1Char('/') + QLatin1String(f), slow + QLatin1Char('/') + QLatin1String(f)));
        const QByteArray st = readAll(fixture + QStringLiteral("/model.safetensors"));
        QVERIFY(st.size() > 8);
        quint64 n = 0;
        memcpy(&n, st.constData(), 8); // little-endian, as on every machine the app runs on
        QByteArray header = st.mid(8, qsizetype(n)) + QByteArray(60 * 1024 * 1024, ' ');
        const quint64 padded = quint64(header.size());
        QFile out(slow + QStringLiteral("/model.safetensors"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(reinterpret_cast<const char*>(&padded), 8);
        out.write(header);
        out.write(st.mid(8 + qsizetype(n)));
        out.close();
        QFile vocab(slow + QStringLiteral("/vocab.json"));
        QVERIFY(vocab.open(QIODevice::WriteOnly));
        vocab.write(QByteArray(30 * 1024 * 1024, ' '));
        vocab.write(readAll(fixture + QStringLiteral("/vocab.json")));
        vocab.close();
        header.clear();

        auto slowRow = [this, slow] {
            for (int i = 0; i < library()->rowCount(); ++i)
                if (library()->data(library()->index(i), ModelLibraryModel::DirRole).toString() == QDir::cleanPath(slow))
                    return i;
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(!library()->scanning(), kTimeout);
        QCOMPARE(slowRow(), -1);
        testing_support::StallMeter meter;
        QElapsedTimer clock;
        clock.start();
        library()->refresh();
        library()->refresh(); // a second refresh overtakes the first: only its result is shown
        const qint64 refreshMs = clock.elapsed();
        QTRY_VERIFY_WITH_TIMEOUT(!library()->scanning(), kTimeout);
        const qint64 scanMs = clock.elapsed();
        const int row = slowRow();
        QVERIFY(row >= 0);
        QVERIFY2(library()->data(library()->index(row), ModelLibraryModel::ReadyRole).toBool(),
                 qPrintable(library()->data(library()->index(row), ModelLibraryModel::ProblemRole).toString()));
        qInfo("refresh() returned after %lld ms, the scans took %lld ms, the GUI thread froze for at most %.1f ms",
              refreshMs, scanMs, meter.worstMs());
        // Scanning on the GUI thread froze it for the whole scan (seconds). The calls return at
        // once; the meter's bound leaves room for a busy machine not scheduling the thread (quiet:
        // under 50 ms) but not for the scan.
        QVERIFY2(refreshMs < 50, qPrintable(QStringLiteral("refresh() took %1 ms").arg(refreshMs)));
        QVERIFY2(meter.worstMs() < std::min(250.0, scanMs / 4.0), qPrintable(QStringLiteral("froze %1 ms").arg(meter.worstMs())));

        // "Open a folder…" on the same folder checks it off the GUI thread too, then loads it.
        testing_support::StallMeter openMeter;
        QSignalSpy opened(library(), &ModelLibraryModel::folderOpened);
        clock.restart();
        library()->openFolder(QUrl::fromLocalFile(slow).toString());
        const qint64 openMs = clock.elapsed();
        QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty(), kTimeout);
        const qint64 checkMs = clock.elapsed();
        QVERIFY2(opened.first().first().toString().isEmpty(), qPrintable(opened.first().first().toString()));
        qInfo("openFolder() returned after %lld ms, the check took %lld ms, the GUI thread froze for at most %.1f ms",
              openMs, checkMs, openMeter.worstMs());
        QVERIFY2(openMs < 50, qPrintable(QStringLiteral("openFolder() took %1 ms").arg(openMs)));
        QVERIFY2(openMeter.worstMs() < std::min(250.0, checkMs / 4.0),
                 qPrintable(QStringLiteral("froze %1 ms").arg(openMeter.worstMs())));
        // It asked the hub to load the folder; whatever became of that, the fixture comes back.
        QTRY_VERIFY_WITH_TIMEOUT(!ModelHub::instance()->loading(), kTimeout);
        ModelHub::instance()->loadModel(fixture);
        QTRY_COMPARE_WITH_TIMEOUT(ModelHub::instance()->modelDir(), QDir::cleanPath(fixture), kTimeout);
        QVERIFY(QDir(slow).removeRecursively());
        // It was opened and loaded in this run, so the list remembers it: gone from disk, not ready.
        library()->forget(QStringLiteral("folder:") + QDir::cleanPath(slow));
        QTRY_VERIFY_WITH_TIMEOUT(!library()->scanning(), kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(slowRow() < 0 || !library()->data(library()->index(slowRow()), ModelLibraryModel::ReadyRole).toBool(),
                                 kTimeout);
    }

    void cleanupTestCase() {
        delete engine;
        engine = nullptr;
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv); // the app's QML module uses Qt Charts, which needs QApplication
    QApplication::setOrganizationName(QStringLiteral("AttentionLensTests"));
    QApplication::setApplicationName(QStringLiteral("test_library_page"));
    QStandardPaths::setTestModeEnabled(true);
    TestLibraryPage t;
    return QTest::qExec(&t, argc, argv);
}

#include "test_library_page.moc"

// `attention-lens-cli download` and `models` against the local Hugging Face look-alike: JSON
// progress lines and a final "done" naming the installed folder, byte-identical files after a
// dropped connection, a specific JSON error for a missing repository, bad options refused before
// anything is fetched, and the library listing.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <cerrno>
#include <cstring>
#include <sys/resource.h>
#include <QTemporaryDir>
#include <QtTest>

#include "fake_hub.h"

class TestCliDownload : public QObject {
    Q_OBJECT
    FakeHub hub;
    QTemporaryDir models, cache;
    QString fixture;

    // Runs the CLI while this process keeps serving (the look-alike lives on this event loop).
    // A `fileSizeLimit` in bytes is set on the child as `ulimit -f` would.
    QList<QJsonObject> run(const QStringList& args, int* exitCode, QByteArray* raw = nullptr, QByteArray* err = nullptr,
                           rlim_t fileSizeLimit = 0, bool* crashed = nullptr) {
        QProcess p;
        if (fileSizeLimit > 0)
            p.setChildProcessModifier([fileSizeLimit] {
                const rlimit limit{fileSizeLimit, fileSizeLimit};
                ::setrlimit(RLIMIT_FSIZE, &limit);
            });
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HF_ENDPOINT"), hub.endpoint());
        env.insert(QStringLiteral("HF_HUB_CACHE"), cache.path());
        env.insert(QStringLiteral("AL_MODELS_DIR"), models.path());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(AL_CLI_BINARY), args);
        if (!p.waitForStarted(30000))
            return {};
        if (!QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 120000))
            return {};
        *exitCode = p.exitCode();
        if (crashed)
            *crashed = p.exitStatus() == QProcess::CrashExit;
        const QByteArray out = p.readAllStandardOutput();
        if (raw)
            *raw = out;
        if (err)
            *err = p.readAllStandardError();
        QList<QJsonObject> lines;
        for (const QByteArray& line : out.split('\n'))
            if (!line.trimmed().isEmpty())
                lines << QJsonDocument::fromJson(line).object();
        return lines;
    }

private slots:
    void initTestCase() {
        fixture = qEnvironmentVariable("AL_FIXTURE_MODEL");
        QVERIFY(!fixture.isEmpty());
        hub.serveModelFolder(fixture);
        QVERIFY(hub.listen());
    }

    void downloadPrintsProgressAndDone() {
        hub.cutAfter = 5000000;
        hub.cutTimes = 1;
        int code = -1;
        const QList<QJsonObject> lines = run({QStringLiteral("download"), QStringLiteral("--repo"), hub.repo,
                                              QStringLiteral("--dest"), models.path()}, &code);
        QCOMPARE(code, 0);
        QVERIFY(lines.size() >= 2);
        QCOMPARE(lines.first()[QStringLiteral("event")].toString(), QStringLiteral("progress"));
        const QJsonObject done = lines.last();
        QCOMPARE(done[QStringLiteral("event")].toString(), QStringLiteral("done"));
        QCOMPARE(done[QStringLiteral("revision")].toString(), hub.commit);
        const QString dir = models.path() + QStringLiteral("/tiny-gpt2");
        QCOMPARE(done[QStringLiteral("dir")].toString(), dir);
        QCOMPARE(done[QStringLiteral("n_head")].toInt(), 4);
        for (auto it = hub.files.cbegin(); it != hub.files.cend(); ++it)
            QVERIFY2(readAll(dir + QLatin1Char('/') + it.key()) == it.value().data, qPrintable(it.key()));
        QVERIFY(hub.ranges.contains("bytes=5000000-"));
    }

    // Under a file-size limit (ulimit -f) the download stops with the system's reason, kept for a
    // resume; SIGXFSZ never kills it.
    void aFileSizeLimitStopsTheDownloadWithAReason() {
        QTemporaryDir dest;
        int code = -1;
        bool crashed = true;
        QByteArray out, err;
        run({QStringLiteral("download"), QStringLiteral("--repo"), hub.repo, QStringLiteral("--dest"), dest.path(),
             QStringLiteral("--no-progress")},
            &code, &out, &err, 2000 * 1024, &crashed);
        QVERIFY2(!crashed && code != 0, qPrintable(QString::number(code) + QString::fromUtf8(out + err)));
        QVERIFY2((out + err).contains(std::strerror(EFBIG)), (out + err).constData());
        QCOMPARE(QFileInfo(dest.path() + QStringLiteral("/.staging/tiny-gpt2/model.safetensors.part")).size(), qint64(2000 * 1024));
    }

    void modelsListsTheDownload() {
        int code = -1;
        QByteArray raw;
        run({QStringLiteral("models"), QStringLiteral("--models-dir"), models.path()}, &code, &raw);
        QCOMPARE(code, 0);
        const QJsonObject o = QJsonDocument::fromJson(raw).object();
        QCOMPARE(o[QStringLiteral("models_folder")].toString(), models.path());
        bool found = false, gpt2 = false;
        for (const QJsonValue& v : o[QStringLiteral("models")].toArray()) {
            const QJsonObject m = v.toObject();
            if (m[QStringLiteral("dir")].toString() == models.path() + QStringLiteral("/tiny-gpt2")) {
                found = true;
                QVERIFY(m[QStringLiteral("ready")].toBool());
                QCOMPARE(m[QStringLiteral("repo")].toString(), hub.repo);
                QCOMPARE(m[QStringLiteral("n_layer")].toInt(), 2);
            }
            if (m[QStringLiteral("id")].toString() == QLatin1String("gpt2")) {
                gpt2 = true;
                QCOMPARE(m[QStringLiteral("kind")].toString(), QStringLiteral("download"));
                QCOMPARE(m[QStringLiteral("parameters")].toDouble(), 124439808.0);
            }
        }
        QVERIFY(found);
        QVERIFY(gpt2);
    }

    void missingRepositoryIsAJsonError() {
        int code = -1;
        const QList<QJsonObject> lines = run({QStringLiteral("download"), QStringLiteral("--repo"), QStringLiteral("org/nothing-here"),
                                              QStringLiteral("--dest"), models.path(), QStringLiteral("--no-progress")}, &code);
        QCOMPARE(code, 1);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.last()[QStringLiteral("event")].toString(), QStringLiteral("error"));
        QCOMPARE(lines.last()[QStringLiteral("error")].toString(), QStringLiteral("not_found"));
        QVERIFY(!QFileInfo::exists(models.path() + QStringLiteral("/nothing-here")));
    }

    // Bad options are usage errors like every command's (exit 2, one line on stderr, nothing on
    // stdout), and nothing is fetched.
    void badOptionIsAUsageError() {
        const int requests = hub.headCount + hub.getCount;
        for (const QStringList& args : {QStringList{QStringLiteral("download"), QStringLiteral("--bogus")},
                                         QStringList{QStringLiteral("download"), QStringLiteral("--repo")},
                                         QStringList{QStringLiteral("download"), QStringLiteral("--repo"),
                                                     QStringLiteral("no-slash-and-not-in-the-manifest")}}) {
            int code = -1;
            QByteArray out, err;
            run(args, &code, &out, &err);
            QCOMPARE(code, 2);
            QVERIFY2(out.isEmpty(), out.constData());
            QVERIFY2(err.endsWith('\n') && err.count('\n') == 1, err.constData());
        }
        QCOMPARE(hub.headCount + hub.getCount, requests);
    }
};

QTEST_GUILESS_MAIN(TestCliDownload)
#include "test_cli_download.moc"

// The downloader against a local Hugging Face look-alike (never the internet): a clean download,
// resumes after a cut, a stall, an app restart, a server that ignores Range or answers 416, and the
// errors a learner can meet (wrong hash, wrong size, 404, offline, disk full, unwritable folder),
// none of which may touch an installed model.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLockFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <QTcpServer>
#include <QTcpSocket>
#include <algorithm>
#include <cstring>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

#include "attention_lens/model.h"
#include "download/model_downloader.h"
#include "download/staged_file.h"
#include "fake_hub.h"
#include "storage_failures.h"
#include "library/model_folder.h"
#include "library/model_library.h"

using al::download::DownloadError;
using al::download::ModelDownloader;
using al::library::HashKind;
using al::library::ManifestModel;

namespace {
const int kTimeout = 60000; // generous: a loaded 2-core machine

} // namespace

class TestDownloader : public QObject {
    Q_OBJECT

    FakeHub* hub = nullptr;
    QTemporaryDir* root = nullptr;
    QString fixture;
    QMap<QString, QByteArray> original;

    // The fixture model as the manifest of an unpinned repository: revision "main", every size and
    // hash from the server's headers.
    ManifestModel unpinned() const {
        ManifestModel m;
        m.id = QStringLiteral("tiny");
        m.repo = hub->repo;
        m.title = QStringLiteral("Tiny GPT-2");
        m.revision = QStringLiteral("main");
        for (const char* name : {"config.json", "vocab.json", "merges.txt", "model.safetensors"})
            m.files.append({QString::fromLatin1(name), -1, HashKind::None, QString()});
        return m;
    }
    // The same with the commit, the tokenizer and the weights pinned as the shipped manifest does.
    ManifestModel pinned() const {
        ManifestModel m = unpinned();
        m.revision = hub->commit;
        for (auto& f : m.files) {
            const QByteArray data = original.value(f.name);
            if (f.name == QLatin1String("model.safetensors")) {
                f = {f.name, data.size(), HashKind::Sha256, QString::fromLatin1(FakeHub::sha256(data))};
            } else if (f.name != QLatin1String("config.json")) {
                f = {f.name, data.size(), HashKind::GitSha1, QString::fromLatin1(FakeHub::gitSha1(data))};
            }
        }
        return m;
    }
    ModelDownloader* makeDownloader() {
        auto* dl = new ModelDownloader(this);
        dl->setEndpoint(hub->endpoint());
        dl->setModelsRoot(root->path());
        dl->setRetryDelayMs(50);
        dl->setStallTimeoutMs(20000);
        dl->setReserveBytes(0);
        return dl;
    }
    QString installed() const { return root->path() + QStringLiteral("/tiny-gpt2"); }
    void checkInstalledIdentical() {
        for (auto it = original.cbegin(); it != original.cend(); ++it)
            QVERIFY2(readAll(installed() + QLatin1Char('/') + it.key()) == it.value(), qPrintable(it.key()));
    }
    QString partPath() const {
        return root->path() + QStringLiteral("/.staging/tiny-gpt2/model.safetensors.part");
    }
    // Starts dl on m and waits up to kTimeout for finished(): its success flag, or none if it never came.
    static std::optional<bool> runToEnd(ModelDownloader* dl, const ManifestModel& m) {
        QSignalSpy finished(dl, &ModelDownloader::finished);
        dl->start(m);
        if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, kTimeout))
            return std::nullopt;
        return finished.first().first().toBool();
    }

private slots:
    void initTestCase() {
        fixture = qEnvironmentVariable("AL_FIXTURE_MODEL");
        QVERIFY2(!fixture.isEmpty(), "AL_FIXTURE_MODEL is not set");
        for (const char* name : {"config.json", "vocab.json", "merges.txt", "model.safetensors"}) {
            original[QString::fromLatin1(name)] = readAll(fixture + QLatin1Char('/') + QLatin1String(name));
            QVERIFY(!original[QString::fromLatin1(name)].isEmpty());
        }
    }
    void init() {
        hub = new FakeHub;
        for (auto it = original.cbegin(); it != original.cend(); ++it)
            hub->files[it.key()] = {it.value(), it.key() == QLatin1String("model.safetensors")};
        QVERIFY(hub->listen());
        root = new QTemporaryDir;
        QVERIFY(root->isValid());
    }
    void cleanup() {
        hub->closeStalled();
        delete hub;
        delete root;
    }

    void cleanDownloadFromHeaders() {
        ModelDownloader* dl = makeDownloader();
        QVERIFY2(runToEnd(dl, unpinned()) == true, qPrintable(dl->errorMessage()));
        QCOMPARE(dl->phase(), ModelDownloader::Phase::Done);
        QCOMPARE(dl->installedDir(), installed());
        checkInstalledIdentical();
        // "main" was resolved through X-Repo-Commit and every file came from that commit.
        QCOMPARE(dl->resolvedRevision(), hub->commit);
        for (const QString& p : hub->getPaths)
            QVERIFY2(p.startsWith(QStringLiteral("/cdn/")) || p.contains(hub->commit), qPrintable(p));
        QCOMPARE(dl->bytesDone(), dl->bytesTotal());
        QVERIFY(QFile::exists(installed() + QStringLiteral("/source.json")));
        QVERIFY(!QFileInfo::exists(root->path() + QStringLiteral("/.staging/tiny-gpt2")));
        QVERIFY(al::library::inspectModelFolder(installed()).ready());
        // The model the check loaded is handed on, named by the folder it was installed to.
        const auto model = dl->takeModel();
        QVERIFY(model);
        QCOMPARE(QString::fromStdString(model->dir()), installed());
        QVERIFY(!dl->takeModel()); // taken once: the downloader no longer holds it
    }

    // Qt warns about misuse on stderr; a download that works must not cause one (nor leave its
    // write test behind in the installed folder).
    void aDownloadCausesNoQtWarnings() {
        static QStringList warnings;
        warnings.clear();
        const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& msg) {
            if (type != QtDebugMsg && type != QtInfoMsg)
                warnings << msg;
        });
        ModelDownloader* dl = makeDownloader();
        const std::optional<bool> ok = runToEnd(dl, unpinned());
        qInstallMessageHandler(previous);
        QVERIFY2(ok == true, qPrintable(dl->errorMessage()));
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
        QVERIFY(!QFileInfo::exists(installed() + QStringLiteral("/.write-test")));
    }

    // A server that sends a byte every so often never looks stalled; the slow rule (fewer than
    // so many bytes in a window) ends the download, keeping what arrived for a later resume.
    void aTricklingServerIsGivenUpOn() {
        hub->trickleEveryMs = 100;
        ModelDownloader* dl = makeDownloader();
        dl->setSlowRule(4096, 1500);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runToEnd(dl, pinned()) == false);
        QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(dl->error(), DownloadError::Stalled);
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("too slow")) && dl->errorMessage().contains(QStringLiteral("is kept")),
                 qPrintable(dl->errorMessage()));
        QVERIFY2(QFileInfo(partPath()).size() > 0, qPrintable(partPath()));
        QVERIFY(!QFileInfo::exists(installed()));
        // Started again against a server that sends, it resumes from what was kept.
        hub->closeStalled();
        hub->trickleEveryMs = -1;
        const qint64 kept = QFileInfo(partPath()).size();
        ModelDownloader* again = makeDownloader();
        QVERIFY2(runToEnd(again, pinned()) == true, qPrintable(again->errorMessage()));
        QCOMPARE(hub->ranges.last(), "bytes=" + QByteArray::number(kept) + "-");
        checkInstalledIdentical();
    }

    // A server that sends a little and closes, again and again, makes progress on every
    // connection (so the retry count never runs out) and is as slow as a trickle: the slow
    // rule's window runs on across the reconnects and ends it, keeping what arrived.
    void aServerThatReconnectsWithDribblesIsGivenUpOn() {
        hub->cutAfter = 64;
        hub->cutTimes = 1000000;
        ModelDownloader* dl = makeDownloader();
        dl->setSlowRule(4096, 1500);
        dl->setRetryDelayMs(100);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runToEnd(dl, pinned()) == false);
        QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(dl->error() == DownloadError::Stalled && dl->errorMessage().contains(QStringLiteral("too slow")),
                 qPrintable(dl->errorMessage()));
        QVERIFY2(hub->getCount > 3, qPrintable(QString::number(hub->getCount))); // it did reconnect
        QVERIFY2(QFileInfo(partPath()).size() > 0, qPrintable(partPath()));
        hub->cutTimes = 0;
    }

    // The connection to the redirect's target (the hub's CDN) closing unanswered is a dropped
    // connection, retried; the redirect's 302 is not taken for the server's answer.
    void aConnectionLostAfterARedirectIsRetried() {
        hub->dropCdnTimes = 2;
        ModelDownloader* dl = makeDownloader();
        QVERIFY2(runToEnd(dl, pinned()) == true, qPrintable(dl->errorMessage()));
        QCOMPARE(hub->dropCdnTimes, 0);
        checkInstalledIdentical();
    }

    // A server that redirects a request to itself, again and again, is refused by name after five
    // hops; the last redirect's own Content-Length is never taken for the file's size.
    void aRedirectLoopIsRefusedByName() {
        hub->redirectSmallTo = hub->endpoint().toLatin1();
        ModelDownloader* dl = makeDownloader();
        QVERIFY(runToEnd(dl, unpinned()) == false);
        QVERIFY2(dl->error() == DownloadError::ServerError && dl->errorMessage().contains(QStringLiteral("more than 5 times")),
                 qPrintable(dl->errorMessage()));
        QVERIFY(!QFileInfo::exists(installed()));
    }

    void pinnedDownloadAsksOnlyForUnpinnedFiles() {
        ModelDownloader* dl = makeDownloader();
        QVERIFY2(runToEnd(dl, pinned()) == true, qPrintable(dl->errorMessage()));
        QCOMPARE(hub->headCount, 1); // config.json only: the rest is pinned
        checkInstalledIdentical();
    }

    void resumesAfterACut() {
        hub->cutAfter = 3000000;
        hub->cutTimes = 2;
        ModelDownloader* dl = makeDownloader();
        QVERIFY2(runToEnd(dl, pinned()) == true, qPrintable(dl->errorMessage()));
        // The weights were fetched three times: whole, from 3,000,000, from 6,000,000.
        const QList<QByteArray> expected{"", "bytes=3000000-", "bytes=6000000-"};
        QList<QByteArray> bodyRanges;
        for (int i = 0; i < hub->getPaths.size(); ++i)
            if (hub->getPaths[i].startsWith(QStringLiteral("/cdn/")))
                bodyRanges << hub->ranges[i];
        QCOMPARE(bodyRanges, expected);
        checkInstalledIdentical();
    }

    void resumesAfterAStall() {
        hub->stallAfter = 1000000;
        hub->stallTimes = 1;
        ModelDownloader* dl = makeDownloader();
        dl->setStallTimeoutMs(1500);
        QVERIFY2(runToEnd(dl, pinned()) == true, qPrintable(dl->errorMessage()));
        QVERIFY(hub->ranges.contains("bytes=1000000-"));
        checkInstalledIdentical();
    }

    void resumesAfterARestart() {
        hub->stallAfter = 2000000;
        hub->stallTimes = 1;
        {
            ModelDownloader* first = makeDownloader();
            first->start(pinned());
            QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partPath()).size() == 2000000, kTimeout);
            delete first; // the app quits mid-download
        }
        QVERIFY(!QFileInfo::exists(installed()));
        QCOMPARE(QFileInfo(partPath()).size(), qint64(2000000));
        ModelDownloader* second = makeDownloader();
        QVERIFY2(runToEnd(second, pinned()) == true, qPrintable(second->errorMessage()));
        QCOMPARE(hub->ranges.last(), QByteArray("bytes=2000000-"));
        checkInstalledIdentical();
    }

    void restartsCleanlyWhenRangeIsIgnored() {
        hub->cutAfter = 500000;
        hub->cutTimes = 1;
        hub->ignoreRange = true;
        ModelDownloader* dl = makeDownloader();
        QVERIFY2(runToEnd(dl, pinned()) == true, qPrintable(dl->errorMessage()));
        QVERIFY(hub->ranges.contains("bytes=500000-")); // asked to resume, got 200, started over
        checkInstalledIdentical();
    }

    void restartsAfter416() {
        hub->cutAfter = 500000;
        hub->cutTimes = 1;
        hub->answer416Times = 1;
        ModelDownloader* dl = makeDownloader();
        QVERIFY2(runToEnd(dl, pinned()) == true, qPrintable(dl->errorMessage()));
        checkInstalledIdentical();
    }

    void wrongHashIsRejectedAndKeepsThePreviousInstall() {
        // A working model is already installed.
        QVERIFY(QDir().mkpath(installed()));
        for (auto it = original.cbegin(); it != original.cend(); ++it)
            QVERIFY(QFile::copy(fixture + QLatin1Char('/') + it.key(), installed() + QLatin1Char('/') + it.key()));
        // Its source.json (a file a download may replace) marks it: a failed download leaves it.
        QFile marker(installed() + QStringLiteral("/source.json"));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        const QByteArray mark = "{\"repo\": \"" + hub->repo.toLatin1() + "\", \"marker\": 1}";
        QVERIFY(marker.write(mark) == mark.size());
        marker.close();
        hub->corrupt = true;
        for (const ManifestModel& m : {pinned(), unpinned()}) {
            ModelDownloader* dl = makeDownloader();
            QVERIFY(runToEnd(dl, m) == false);
            QCOMPARE(dl->error(), DownloadError::WrongHash);
            QVERIFY2(dl->errorMessage().contains(QStringLiteral("model.safetensors")), qPrintable(dl->errorMessage()));
            QVERIFY(!QFileInfo::exists(partPath()));
            QCOMPARE(readAll(installed() + QStringLiteral("/source.json")), mark);
            checkInstalledIdentical();
        }
    }

    // HEAD said how large the file is; a GET that streams on past that is stopped there, not
    // written to disk until the server stops.
    void aServerThatNeverStopsIsStoppedAtTheAnnouncedSize() {
        hub->endless = true;
        ModelDownloader* dl = makeDownloader();
        qint64 most = 0;
        connect(dl, &ModelDownloader::progressChanged, this, [&] { most = std::max(most, dl->bytesDone()); });
        const ManifestModel m = pinned();
        QVERIFY(runToEnd(dl, m) == false);
        QCOMPARE(dl->error(), DownloadError::WrongSize);
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("more than")), qPrintable(dl->errorMessage()));
        QVERIFY2(most <= dl->bytesTotal(), qPrintable(QString::number(most)));
        QVERIFY(!QFileInfo::exists(partPath()));
        QVERIFY(!QFileInfo::exists(installed()));
        QVERIFY2(hub->endlessSent < (qint64(64) << 20), qPrintable(QString::number(hub->endlessSent)));
    }

    // Headers that are there but say nothing usable are named as such, not as missing.
    void invalidHeadersAreSaidToBeInvalid() {
        hub->commit = QStringLiteral("../../../../tmp/evilcommit");
        ModelDownloader* dl = makeDownloader();
        QVERIFY(runToEnd(dl, unpinned()) == false);
        QCOMPARE(dl->error(), DownloadError::ServerError);
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("not a valid commit id")), qPrintable(dl->errorMessage()));
        hub->commit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
        for (const QByteArray& size : {QByteArray("-5"), QByteArray("12a")}) {
            hub->headContentLength = size;
            ModelDownloader* dl2 = makeDownloader();
            QVERIFY(runToEnd(dl2, unpinned()) == false);
            QCOMPARE(dl2->error(), DownloadError::ServerError);
            QVERIFY2(dl2->errorMessage().contains(QStringLiteral("size for config.json that is not valid")),
                     qPrintable(dl2->errorMessage()));
        }
        // A count too large for any file is a size, only beyond what a download takes: said so,
        // with the limit (64 GB unless set).
        const QString limit = al::library::formatBytes(64000000000LL);
        for (const QByteArray& size : {QByteArray("1000000000000000000"), QByteArray(" 99999999999999999999999 "),
                                       QByteArray("64000000001")}) {
            hub->headContentLength = size;
            ModelDownloader* dl2 = makeDownloader();
            QVERIFY(runToEnd(dl2, unpinned()) == false);
            QCOMPARE(dl2->error(), DownloadError::ServerError);
            QVERIFY2(dl2->errorMessage().contains(QStringLiteral("size for config.json beyond this download's limit of ") + limit),
                     qPrintable(dl2->errorMessage()));
        }
        QCOMPARE(hub->getCount, 0);
    }

    // A folder of the model's name that holds anything else is someone's own: refused before any
    // request, and left exactly as it was.
    void aFolderWithOtherFilesIsNeverReplaced() {
        QVERIFY(QDir().mkpath(installed() + QStringLiteral("/chapters")));
        QVERIFY(writeAll(installed() + QStringLiteral("/config.json"), "{}"));
        QVERIFY(writeAll(installed() + QStringLiteral("/notes.txt"), "mine"));
        ModelDownloader* dl = makeDownloader();
        QVERIFY(runToEnd(dl, unpinned()) == false);
        QCOMPARE(dl->error(), DownloadError::DestinationTaken);
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("notes.txt")) && dl->errorMessage().contains(QStringLiteral("chapters/")),
                 qPrintable(dl->errorMessage()));
        QCOMPARE(hub->headCount + hub->getCount, 0);
        QCOMPARE(readAll(installed() + QStringLiteral("/notes.txt")), QByteArray("mine"));
        QCOMPARE(readAll(installed() + QStringLiteral("/config.json")), QByteArray("{}"));
        QVERIFY(QFileInfo(installed() + QStringLiteral("/chapters")).isDir());
        dl->discard(); // deletes nothing of it
        QCOMPARE(readAll(installed() + QStringLiteral("/notes.txt")), QByteArray("mine"));
    }

    // A link at the target, as the staging root or as the staging folder is never followed.
    void linksOnTheWayAreNeverFollowed() {
        QTemporaryDir elsewhere;
        QVERIFY(writeAll(elsewhere.path() + QStringLiteral("/keep/x.txt"), "mine"));
        for (const QString& link : {installed(), root->path() + QStringLiteral("/.staging"),
                                    root->path() + QStringLiteral("/.staging/tiny-gpt2")}) {
            QDir(root->path()).removeRecursively();
            QVERIFY(QDir().mkpath(QFileInfo(link).path()));
            QVERIFY(QFile::link(elsewhere.path(), link));
            ModelDownloader* dl = makeDownloader();
            QVERIFY(runToEnd(dl, unpinned()) == false);
            QCOMPARE(dl->error(), DownloadError::DestinationTaken);
            QVERIFY2(dl->errorMessage().contains(QStringLiteral("symbolic link")), qPrintable(dl->errorMessage()));
            dl->discard();
            QVERIFY(QFileInfo(link).isSymLink());
            QCOMPARE(QDir(elsewhere.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{"keep"});
            QCOMPARE(readAll(elsewhere.path() + QStringLiteral("/keep/x.txt")), QByteArray("mine"));
        }
        QCOMPARE(hub->headCount + hub->getCount, 0);
    }

    // An earlier download (a model's files only) is replaced; whatever else lies in the staging
    // folder, a ".previous" folder of an older version included, is not the installer's to delete.
    void anEarlierDownloadIsReplacedAndNothingElse() {
        QVERIFY(QDir().mkpath(installed()));
        for (auto it = original.cbegin(); it != original.cend(); ++it)
            QVERIFY(writeAll(installed() + QLatin1Char('/') + it.key(), "old " + it.key().toLatin1()));
        QVERIFY(writeAll(installed() + QStringLiteral("/source.json"), "{\"repo\": \"" + hub->repo.toLatin1() + "\"}"));
        const QString previous = root->path() + QStringLiteral("/.staging/tiny-gpt2.previous");
        QVERIFY(writeAll(previous + QStringLiteral("/keep.txt"), "mine"));
        ModelDownloader* dl = makeDownloader();
        QVERIFY2(runToEnd(dl, unpinned()) == true, qPrintable(dl->errorMessage()));
        checkInstalledIdentical();
        QVERIFY(readAll(installed() + QStringLiteral("/source.json")).contains("\"repo\""));
        QCOMPARE(readAll(previous + QStringLiteral("/keep.txt")), QByteArray("mine"));
        // Nothing set aside is left behind.
        QCOMPARE(QDir(root->path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 (QStringList{".staging", "tiny-gpt2"}));
        QCOMPARE(QDir(root->path() + QStringLiteral("/.staging")).entryList(QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot),
                 (QStringList{".locks", "tiny-gpt2.previous"}));
    }

    // A model folder of the same name that another repository (alice/tiny-gpt2 and org/tiny-gpt2
    // share it) or the learner filled is refused before any request and left as it was.
    void aModelOfAnotherRepositoryIsNeverReplaced() {
        QVERIFY(QDir().mkpath(installed()));
        for (auto it = original.cbegin(); it != original.cend(); ++it)
            QVERIFY(writeAll(installed() + QLatin1Char('/') + it.key(), "old " + it.key().toLatin1()));
        for (const QByteArray& source : {QByteArray("{\"repo\": \"alice/tiny-gpt2\"}"), QByteArray()}) {
            QFile::remove(installed() + QStringLiteral("/source.json"));
            if (!source.isEmpty())
                QVERIFY(writeAll(installed() + QStringLiteral("/source.json"), source));
            ModelDownloader* dl = makeDownloader();
            QVERIFY(runToEnd(dl, unpinned()) == false);
            QCOMPARE(dl->error(), DownloadError::DestinationTaken);
            const QString msg = dl->errorMessage();
            QVERIFY2(msg.contains(installed()) && msg.contains(source.isEmpty() ? QStringLiteral("no source.json") : QStringLiteral("alice/tiny-gpt2"))
                         && msg.contains(QStringLiteral("--dest")),
                     qPrintable(msg));
            QCOMPARE(hub->headCount + hub->getCount, 0);
            QCOMPARE(readAll(installed() + QStringLiteral("/model.safetensors")), QByteArray("old model.safetensors"));
        }
        // Its own earlier download is replaced.
        QVERIFY(writeAll(installed() + QStringLiteral("/source.json"), "{\"repo\": \"" + hub->repo.toLatin1() + "\"}"));
        ModelDownloader* dl = makeDownloader();
        QVERIFY2(runToEnd(dl, unpinned()) == true, qPrintable(dl->errorMessage()));
        checkInstalledIdentical();
    }

    // A link or a named pipe in the staging folder, under the name of a file being downloaded, is
    // removed itself: the file it points to is never written, nothing blocks on the pipe, and the
    // installed model holds real files.
    void linksAndPipesInTheStagingFolderAreNeverWrittenThrough() {
        QTemporaryDir elsewhere;
        const QString outside = elsewhere.path() + QStringLiteral("/mine.bin");
        const QString staging = root->path() + QStringLiteral("/.staging/tiny-gpt2");
        for (int kind = 0; kind < 4; ++kind) {
            QDir(root->path()).removeRecursively();
            // As large as the weights, so that a size check alone would take it for them.
            const QByteArray mine(original.value(QStringLiteral("model.safetensors")).size(), 'm');
            QVERIFY(writeAll(outside, mine));
            QVERIFY(QDir().mkpath(staging));
            if (kind == 0) {
                QVERIFY(QFile::link(outside, partPath()));
            } else if (kind == 1) {
                QVERIFY(QFile::link(outside, staging + QStringLiteral("/model.safetensors"))); // a "finished" file
            } else if (kind == 2) {
                QVERIFY(QFile::link(outside, staging + QStringLiteral("/download.json")));
            } else {
                QCOMPARE(::mkfifo(QFile::encodeName(partPath()).constData(), 0644), 0);
                QCOMPARE(::mkfifo(QFile::encodeName(staging + QStringLiteral("/download.json")).constData(), 0644), 0);
            }
            ModelDownloader* dl = makeDownloader();
            QVERIFY2(runToEnd(dl, pinned()) == true, qPrintable(QString::number(kind) + dl->errorMessage()));
            QVERIFY2(readAll(outside) == mine, qPrintable(QString::number(kind)));
            for (auto it = original.cbegin(); it != original.cend(); ++it)
                QVERIFY2(QFileInfo(installed() + QLatin1Char('/') + it.key()).isFile()
                             && !QFileInfo(installed() + QLatin1Char('/') + it.key()).isSymLink(),
                         qPrintable(it.key()));
            checkInstalledIdentical();
        }
    }

    // A regular file in the staging folder with a second name (a hard link to a file elsewhere)
    // is never written: not the write test, not the resume state, not a .part being resumed. The
    // staged name is removed and the file downloaded afresh; the other file keeps every byte.
    void hardLinksInTheStagingFolderAreNeverWrittenThrough_data() {
        QTest::addColumn<QString>("name");
        for (const char* name : {".write-test", "download.json", "model.safetensors.part"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    void hardLinksInTheStagingFolderAreNeverWrittenThrough() {
        QFETCH(QString, name);
        const QString staging = root->path() + QStringLiteral("/.staging/tiny-gpt2");
        if (name.endsWith(QLatin1String(".part"))) { // a real resume: state and .part of this revision
            hub->stallAfter = 2000000;
            hub->stallTimes = 1;
            ModelDownloader* first = makeDownloader();
            first->start(pinned());
            QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partPath()).size() == 2000000, kTimeout);
            delete first;
            QVERIFY(QFileInfo::exists(staging + QStringLiteral("/download.json")));
        }
        QVERIFY(QDir().mkpath(staging));
        QTemporaryDir elsewhere;
        const QString outside = elsewhere.path() + QStringLiteral("/notes.txt");
        const QByteArray mine = QByteArray("precious notes\n").repeated(100);
        QVERIFY(writeAll(outside, mine));
        QFile::remove(staging + QLatin1Char('/') + name);
        QCOMPARE(::link(QFile::encodeName(outside).constData(), QFile::encodeName(staging + QLatin1Char('/') + name).constData()), 0);
        ModelDownloader* dl = makeDownloader();
        QVERIFY2(runToEnd(dl, pinned()) == true, qPrintable(dl->errorMessage()));
        QCOMPARE(readAll(outside), mine);
        checkInstalledIdentical();
    }

    // The same when the second name appears after the download started: the file is opened, then
    // looked at, and a file with two names is replaced by a fresh one before anything is written.
    void aStagedFileWithTwoNamesIsReplacedWhenOpened() {
        QTemporaryDir dir;
        const QString outside = dir.path() + QStringLiteral("/notes.txt");
        const QString staged = dir.path() + QStringLiteral("/model.safetensors.part");
        for (const QIODevice::OpenMode mode : {QIODevice::WriteOnly | QIODevice::Truncate, QIODevice::WriteOnly | QIODevice::Append}) {
            QVERIFY(writeAll(outside, "precious notes"));
            QFile::remove(staged);
            QCOMPARE(::link(QFile::encodeName(outside).constData(), QFile::encodeName(staged).constData()), 0);
            QFile file;
            QCOMPARE(al::download::openStagedFile(file, staged, mode), QString());
            QCOMPARE(file.size(), qint64(0));
            QCOMPARE(file.write("new", 3), qint64(3));
            file.close();
            QCOMPARE(readAll(outside), QByteArray("precious notes"));
            QCOMPARE(readAll(staged), QByteArray("new"));
            struct stat st {};
            QVERIFY(::stat(QFile::encodeName(staged).constData(), &st) == 0 && st.st_nlink == 1);
        }
        // A file with one name is truncated when that is asked, and only then.
        QVERIFY(writeAll(staged, "abc"));
        QFile append;
        QCOMPARE(al::download::openStagedFile(append, staged, QIODevice::WriteOnly | QIODevice::Append), QString());
        QCOMPARE(append.size(), qint64(3));
        append.close();
        QFile truncate;
        QCOMPARE(al::download::openStagedFile(truncate, staged, QIODevice::WriteOnly | QIODevice::Truncate), QString());
        QCOMPARE(truncate.size(), qint64(0));
    }

    // Whatever lies at the lock's path that is no lock file (a named pipe, which would block the
    // open; a sparse file of gigabytes, which would be read whole; an empty file, a dangling link
    // or a folder, which QLockFile never takes over) neither hangs nor locks the model out: a
    // special one is set aside with a notice that names it, an empty one is stale and taken over.
    void anUnusableLockFileNeverBlocksTheDownload_data() {
        QTest::addColumn<QString>("kind");
        for (const char* kind : {"fifo", "huge", "empty", "dangling", "folder"})
            QTest::newRow(kind) << QString::fromLatin1(kind);
    }
    void anUnusableLockFileNeverBlocksTheDownload() {
        QFETCH(QString, kind);
        const QString lock = root->path() + QStringLiteral("/.staging/.locks/tiny-gpt2.lock");
        QVERIFY(QDir().mkpath(root->path() + QStringLiteral("/.staging/.locks")));
        if (kind == QLatin1String("fifo")) {
            QCOMPARE(::mkfifo(QFile::encodeName(lock).constData(), 0644), 0);
        } else if (kind == QLatin1String("huge")) {
            QFile f(lock);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.resize(qint64(2) << 30)); // sparse: no disk used
        } else if (kind == QLatin1String("empty")) {
            QVERIFY(writeAll(lock, QByteArray()));
        } else if (kind == QLatin1String("dangling")) {
            QVERIFY(QFile::link(root->path() + QStringLiteral("/nowhere"), lock));
        } else {
            QVERIFY(QDir().mkpath(lock));
        }
        ModelDownloader* dl = makeDownloader();
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(runToEnd(dl, pinned()) == true, qPrintable(dl->errorMessage()));
        checkInstalledIdentical();
        if (kind == QLatin1String("empty")) {
            QVERIFY(dl->notice().isEmpty()); // a stale lock is no news
        } else {
            QVERIFY2(dl->notice().contains(QStringLiteral("could not be used")) && dl->notice().contains(lock), qPrintable(dl->notice()));
            const QStringList aside = QDir(root->path() + QStringLiteral("/.staging/.locks"))
                                          .entryList({QStringLiteral("tiny-gpt2.lock.unusable-*")},
                                                     QDir::AllEntries | QDir::System | QDir::Hidden);
            QCOMPARE(aside.size(), 1);
        }
        // The lock went with the download: the next one starts at once.
        ModelDownloader* again = makeDownloader();
        QVERIFY2(runToEnd(again, pinned()) == true, qPrintable(again->errorMessage()));
    }

    // Staged files are another revision's when the resume state that names them is gone (an
    // install killed after removing it) or names other bytes: they are fetched again, never
    // installed under the new revision's name because their size matches.
    void stagedFilesOfAnotherRevisionAreNeverInstalled_data() {
        QTest::addColumn<bool>("withState");
        QTest::newRow("no resume state") << false;
        QTest::newRow("resume state of other bytes") << true;
    }
    void stagedFilesOfAnotherRevisionAreNeverInstalled() {
        QFETCH(bool, withState);
        const QString staging = root->path() + QStringLiteral("/.staging/tiny-gpt2");
        // Revision A: the same files but for one byte of the weights (still a loadable model).
        QByteArray weightsA = original.value(QStringLiteral("model.safetensors"));
        weightsA[weightsA.size() - 3] = char(weightsA[weightsA.size() - 3] ^ 0x01);
        for (auto it = original.cbegin(); it != original.cend(); ++it)
            QVERIFY(writeAll(staging + QLatin1Char('/') + it.key(), it.key() == QLatin1String("model.safetensors") ? weightsA : it.value()));
        if (withState) {
            QByteArray files;
            for (auto it = original.cbegin(); it != original.cend(); ++it) {
                const bool lfs = it.key() == QLatin1String("model.safetensors");
                const QByteArray hash = lfs ? FakeHub::sha256(weightsA) : FakeHub::gitSha1(it.value());
                files += (files.isEmpty() ? "" : ",") + ("\"" + it.key().toLatin1() + "\": {\"size\": " + QByteArray::number(it.value().size())
                                                         + ", \"hash\": \"" + hash + "\"}");
            }
            QVERIFY(writeAll(staging + QStringLiteral("/download.json"),
                             "{\"repo\": \"" + hub->repo.toLatin1() + "\", \"revision\": \"" + hub->commit.toLatin1()
                                 + "\", \"requested\": \"main\", \"files\": {" + files + "}}"));
        }
        ModelDownloader* dl = makeDownloader();
        QVERIFY2(runToEnd(dl, unpinned()) == true, qPrintable(dl->errorMessage()));
        checkInstalledIdentical();
        QVERIFY(hub->getPaths.contains(QStringLiteral("/cdn/model.safetensors")));
    }

    // A folder in the way of a staged file is named before any byte is fetched.
    void aFolderInTheWayOfAFileIsNamedBeforeTheTransfer() {
        // One finished run's state, so that the staging folder is resumed rather than dropped.
        {
            hub->stallAfter = 1000;
            hub->stallTimes = 1;
            ModelDownloader* first = makeDownloader();
            first->start(pinned());
            QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partPath()).size() == 1000, kTimeout);
            delete first;
            hub->closeStalled();
        }
        QVERIFY(QFile::remove(partPath()));
        QVERIFY(QDir().mkpath(root->path() + QStringLiteral("/.staging/tiny-gpt2/model.safetensors")));
        const int gets = hub->getCount;
        ModelDownloader* dl = makeDownloader();
        QVERIFY(runToEnd(dl, pinned()) == false);
        QCOMPARE(dl->error(), DownloadError::NotWritable);
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("in its way"))
                     && dl->errorMessage().contains(QStringLiteral(".staging/tiny-gpt2/model.safetensors")),
                 qPrintable(dl->errorMessage()));
        QCOMPARE(hub->getCount, gets);
    }

    // A renamed repository redirects within its server; a redirect without a scheme but with
    // another host ("//host:port/...") is not followed: the files come from the endpoint only.
    void aRedirectToAnotherHostIsNotFollowed() {
        FakeHub other;
        for (auto it = original.cbegin(); it != original.cend(); ++it)
            other.files[it.key()] = {it.value(), it.key() == QLatin1String("model.safetensors")};
        QVERIFY(other.listen());
        hub->redirectSmallTo = "//localhost:" + QByteArray::number(QUrl(other.endpoint()).port());
        ModelDownloader* dl = makeDownloader();
        QVERIFY(runToEnd(dl, unpinned()) == false);
        QCOMPARE(dl->error(), DownloadError::ServerError);
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("another server")), qPrintable(dl->errorMessage()));
        QCOMPARE(other.headCount + other.getCount, 0);
        QVERIFY(!QFileInfo::exists(installed()));
    }

    // A compressed answer to a request for the file itself is said to be one, at once: it is not
    // taken for a cut transfer, retried, or kept as a fragment.
    void aCompressedAnswerIsRefusedAsSuch() {
        hub->smallContentEncoding = "gzip";
        ModelDownloader* dl = makeDownloader();
        QVERIFY(runToEnd(dl, unpinned()) == false);
        QCOMPARE(dl->error(), DownloadError::ServerError);
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("compressed (Content-Encoding: gzip)")), qPrintable(dl->errorMessage()));
        QCOMPARE(hub->getCount, 1);
        QVERIFY(!QFileInfo::exists(root->path() + QStringLiteral("/.staging/tiny-gpt2/config.json.part")));
        // Every request asked for the file itself.
        QVERIFY(!hub->acceptEncodings.isEmpty());
        for (const QByteArray& e : hub->acceptEncodings)
            QCOMPARE(e, QByteArray("identity"));
    }

    // An endpoint that carries a user and password (HF_ENDPOINT=https://user:pass@mirror) works, and
    // neither source.json nor a message repeats the password.
    void credentialsInTheEndpointAreNeverRepeated() {
        ModelDownloader* dl = makeDownloader();
        const QString withPassword = hub->endpoint().replace(QStringLiteral("http://"), QStringLiteral("http://reader:s3cret@"));
        dl->setEndpoint(withPassword);
        QVERIFY2(runToEnd(dl, unpinned()) == true, qPrintable(dl->errorMessage()));
        const QByteArray source = readAll(installed() + QStringLiteral("/source.json"));
        QVERIFY2(!source.isEmpty() && !source.contains("s3cret") && !source.contains("reader@"), source.constData());
        QVERIFY2(source.contains(hub->endpoint().toUtf8()), source.constData());
        // A failure's message names the server without them.
        ModelDownloader* down = makeDownloader();
        down->setEndpoint(QStringLiteral("http://reader:s3cret@127.0.0.1:1"));
        QVERIFY(runToEnd(down, unpinned()) == false);
        QVERIFY2(!down->errorMessage().contains(QStringLiteral("s3cret")) && down->errorMessage().contains(QStringLiteral("127.0.0.1:1")),
                 qPrintable(down->errorMessage()));
    }

    // Headers too large to read are named as such, not as a missing size.
    void headersTooLargeAreSaidSo_data() {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("length");
        QTest::newRow("one header of 4 MB") << 1 << (4 << 20);
        QTest::newRow("200,000 headers") << 200000 << 1;
    }
    void headersTooLargeAreSaidSo() {
        QFETCH(int, count);
        QFETCH(int, length);
        for (int i = 0; i < count; ++i)
            hub->headExtraHeaders << "X-H" + QByteArray::number(i) + ": " + QByteArray(length, 'v');
        ModelDownloader* dl = makeDownloader();
        QVERIFY(runToEnd(dl, unpinned()) == false);
        QCOMPARE(dl->error(), DownloadError::ServerError);
        QVERIFY2(!dl->errorMessage().contains(QStringLiteral("did not say how large")), qPrintable(dl->errorMessage()));
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("config.json")) && dl->errorMessage().contains(QStringLiteral("too large")),
                 qPrintable(dl->errorMessage()));
    }

    // "Done" only when the new folder holds every file of the model; otherwise the earlier model stays.
    void anInstallMissingAFileFailsAndKeepsThePreviousModel() {
        QVERIFY(QDir().mkpath(installed()));
        for (auto it = original.cbegin(); it != original.cend(); ++it)
            QVERIFY(writeAll(installed() + QLatin1Char('/') + it.key(), "old " + it.key().toLatin1()));
        QVERIFY(writeAll(installed() + QStringLiteral("/source.json"), "{\"repo\": \"" + hub->repo.toLatin1() + "\"}"));
        ModelDownloader* dl = makeDownloader();
        dl->setValidator([](const QString& dir) {
            ModelDownloader::Validation v = ModelDownloader::validateWithEngine(dir);
            QFile::remove(dir + QStringLiteral("/model.safetensors")); // lost after the check
            return v;
        });
        QVERIFY(runToEnd(dl, pinned()) == false);
        QCOMPARE(dl->error(), DownloadError::DestinationTaken);
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("model.safetensors is missing")), qPrintable(dl->errorMessage()));
        QCOMPARE(readAll(installed() + QStringLiteral("/model.safetensors")), QByteArray("old model.safetensors"));
    }

    // A server that ignores Range and drops the connection at the same point every time sends the
    // same bytes again: that is no progress, and the download fails after the retries.
    void aServerThatNeverGetsFurtherFailsAfterTheRetries() {
        hub->cutAfter = 500000;
        hub->cutTimes = 1000;
        hub->ignoreRange = true;
        ModelDownloader* dl = makeDownloader();
        dl->setMaxRetries(3);
        QVERIFY(runToEnd(dl, pinned()) == false);
        QCOMPARE(dl->error(), DownloadError::Truncated);
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("does not resume")), qPrintable(dl->errorMessage()));
        int gets = 0;
        for (const QString& p : hub->getPaths)
            gets += p.startsWith(QStringLiteral("/cdn/")) ? 1 : 0;
        QCOMPARE(gets, 4); // the first try and three retries
        QVERIFY(!QFileInfo::exists(installed()));
    }

    // The folder is looked at again at install: files put there during a long download stop it,
    // and the downloaded files are kept for the next try.
    void filesAddedDuringTheDownloadStopTheInstall() {
        ModelDownloader* dl = makeDownloader();
        const QString target = installed();
        dl->setValidator([target](const QString& dir) {
            QDir().mkpath(target);
            writeAll(target + QStringLiteral("/notes.txt"), "mine");
            return ModelDownloader::validateWithEngine(dir);
        });
        QVERIFY(runToEnd(dl, unpinned()) == false);
        QCOMPARE(dl->error(), DownloadError::DestinationTaken);
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("notes.txt")), qPrintable(dl->errorMessage()));
        QCOMPARE(readAll(target + QStringLiteral("/notes.txt")), QByteArray("mine"));
        QCOMPARE(readAll(dl->stagingDir() + QStringLiteral("/model.safetensors")), original.value(QStringLiteral("model.safetensors")));
    }

    // Two downloads of one model into one folder would write the same files: the second is refused
    // while the first runs, and the lock goes with the first.
    void aSecondDownloadOfTheSameModelIsRefused() {
        hub->stallAfter = 1000000;
        hub->stallTimes = 1;
        ModelDownloader* first = makeDownloader();
        QSignalSpy firstDone(first, &ModelDownloader::finished);
        first->start(pinned());
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partPath()).size() == 1000000, kTimeout);
        ModelDownloader* second = makeDownloader();
        QVERIFY(runToEnd(second, pinned()) == false);
        QCOMPARE(second->error(), DownloadError::InProgress);
        QVERIFY2(second->errorMessage().contains(QStringLiteral("in progress")), qPrintable(second->errorMessage()));
        second->discard(); // not its staging folder to delete
        QCOMPARE(QFileInfo(partPath()).size(), qint64(1000000));
        QVERIFY(first->busy());
        first->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!firstDone.isEmpty(), kTimeout);
        ModelDownloader* third = makeDownloader();
        QVERIFY2(runToEnd(third, pinned()) == true, qPrintable(third->errorMessage()));
        checkInstalledIdentical();
    }

    // No model's staging folder is another model's lock: a paused download of a repository named
    // "tiny-gpt2.lock" is left as it is by a download of "tiny-gpt2", and is still there to
    // resume. A download an earlier version runs (its lock beside the staging folders) is waited for.
    void aModelNamedLikeALockKeepsItsStagedFiles() {
        const QString other = root->path() + QStringLiteral("/.staging/tiny-gpt2.lock");
        QVERIFY(QDir().mkpath(other));
        QVERIFY(writeAll(other + QStringLiteral("/model.safetensors.part"), QByteArray(4321, 'p')));
        QVERIFY(writeAll(other + QStringLiteral("/download.json"), "{}"));
        ModelDownloader* dl = makeDownloader();
        QVERIFY2(runToEnd(dl, pinned()) == true, qPrintable(dl->errorMessage()));
        QVERIFY2(dl->notice().isEmpty(), qPrintable(dl->notice()));
        checkInstalledIdentical();
        QCOMPARE(readAll(other + QStringLiteral("/model.safetensors.part")), QByteArray(4321, 'p'));
        QCOMPARE(readAll(other + QStringLiteral("/download.json")), QByteArray("{}"));
        const QStringList beside = QDir(root->path() + QStringLiteral("/.staging"))
                                       .entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot);
        QVERIFY2(!beside.join(QLatin1Char(' ')).contains(QStringLiteral("unusable")), qPrintable(beside.join(QLatin1Char(' '))));

        QVERIFY(QDir(other).removeRecursively());
        QLockFile earlier(other); // as an earlier version holds it, while its download runs
        QVERIFY(earlier.tryLock(0));
        ModelDownloader* second = makeDownloader();
        QVERIFY(runToEnd(second, pinned()) == false);
        QCOMPARE(second->error(), DownloadError::InProgress);
        second->discard();
        earlier.unlock();
        QVERIFY(!QFileInfo::exists(other));
    }

    void tooManyBytesIsAWrongSize() {
        hub->extraBytes = 10;
        ModelDownloader* dl = makeDownloader();
        QVERIFY(runToEnd(dl, pinned()).has_value());
        QCOMPARE(dl->error(), DownloadError::WrongSize);
        QVERIFY(!QFileInfo::exists(installed()));
    }

    void missingRepositoryIs404() {
        ModelDownloader* dl = makeDownloader();
        ManifestModel m = unpinned();
        m.repo = QStringLiteral("org/no-such-model");
        QVERIFY(runToEnd(dl, m).has_value());
        QCOMPARE(dl->error(), DownloadError::NotFound);
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("RepoNotFound")), qPrintable(dl->errorMessage()));
        QVERIFY(!QFileInfo::exists(root->path() + QStringLiteral("/no-such-model")));
    }

    // A server's header of 50,000 bytes (Qt's HTTP reader takes headers up to about that size), or
    // a source.json naming a repository of 60,000 characters, is quoted as a short excerpt: the
    // error line stays a line.
    void hugeValuesAreQuotedShort() {
        hub->repoNotFoundCode = QByteArray(50000, 'E');
        ModelDownloader* dl = makeDownloader();
        ManifestModel m = unpinned();
        m.repo = QStringLiteral("org/no-such-model");
        QVERIFY(runToEnd(dl, m).has_value());
        QString msg = dl->errorMessage();
        QVERIFY2(dl->error() == DownloadError::NotFound, qPrintable(msg.left(1000)));
        QVERIFY2(msg.contains(QStringLiteral("(\"EEEE")) && msg.contains(QStringLiteral("\u2026\" (50,000 bytes))")),
                 qPrintable(msg.left(500)));
        QVERIFY2(msg.size() < 400, qPrintable(QStringLiteral("%1 characters: ").arg(msg.size()) + msg.left(500)));

        QVERIFY(QDir().mkpath(installed()));
        QVERIFY(writeAll(installed() + QStringLiteral("/config.json"), "{}"));
        QVERIFY(writeAll(installed() + QStringLiteral("/source.json"),
                         "{\"repo\": \"" + QByteArray(60000, 'r') + "\\u0000\\u001b[2J\"}"));
        dl = makeDownloader();
        QVERIFY(runToEnd(dl, unpinned()) == false);
        QCOMPARE(dl->error(), DownloadError::DestinationTaken);
        msg = dl->errorMessage();
        QVERIFY2(msg.contains(QStringLiteral("\u2026\" (60,005 bytes), not ") + hub->repo), qPrintable(msg.left(500)));
        QVERIFY2(msg.size() < 600, qPrintable(QStringLiteral("%1 characters: ").arg(msg.size()) + msg.left(500)));
        QVERIFY2(!msg.contains(QChar(0)) && !msg.contains(QChar(0x1b)), qPrintable(msg));
    }

    void missingFileIs404() {
        hub->files.remove(QStringLiteral("merges.txt"));
        ModelDownloader* dl = makeDownloader();
        QVERIFY(runToEnd(dl, pinned()).has_value());
        QCOMPARE(dl->error(), DownloadError::NotFound);
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("merges.txt")), qPrintable(dl->errorMessage()));
        QVERIFY(!QFileInfo::exists(installed()));
    }

    void offlineIsSaidSo() {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close(); // nothing listens there now: connection refused
        ModelDownloader* dl = makeDownloader();
        dl->setEndpoint(QStringLiteral("http://127.0.0.1:%1").arg(port));
        QVERIFY(runToEnd(dl, unpinned()).has_value());
        QCOMPARE(dl->error(), DownloadError::Offline);
    }

    // An address that is not http(s)://server (HF_ENDPOINT=localhost:8080) names the setting, not
    // the network, and nothing is created.
    void anEndpointWithoutASchemeNamesTheSetting_data() {
        QTest::addColumn<QString>("endpoint");
        QTest::newRow("host:port") << QStringLiteral("127.0.0.1:8080");
        QTest::newRow("name:port") << QStringLiteral("localhost:8080");
        QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1");
        QTest::newRow("no host") << QStringLiteral("https://");
    }
    void anEndpointWithoutASchemeNamesTheSetting() {
        QFETCH(QString, endpoint);
        ModelDownloader* dl = makeDownloader();
        dl->setEndpoint(endpoint);
        QVERIFY(runToEnd(dl, unpinned()) == false);
        QCOMPARE(dl->error(), DownloadError::InvalidSource);
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("HF_ENDPOINT")) && dl->errorMessage().contains(endpoint),
                 qPrintable(dl->errorMessage()));
        QVERIFY2(!dl->errorMessage().contains(QStringLiteral("Cannot reach")), qPrintable(dl->errorMessage()));
        QVERIFY(!QFileInfo::exists(installed()));
    }

    // A server that accepts the connection and never answers was reached: it is not called
    // unreachable, and the message says how long it stayed silent.
    void aSilentServerIsNotCalledUnreachable() {
        QTcpServer silent;
        QList<QTcpSocket*> held;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket* s = silent.nextPendingConnection())
                held << s; // read nothing, answer nothing
        });
        ModelDownloader* dl = makeDownloader();
        dl->setStallTimeoutMs(1500);
        dl->setEndpoint(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
        QVERIFY(runToEnd(dl, unpinned()) == false);
        QCOMPARE(dl->error(), DownloadError::Stalled);
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("accepted the connection but sent no answer for 1.5 s")),
                 qPrintable(dl->errorMessage()));
        QVERIFY2(!dl->errorMessage().contains(QStringLiteral("Cannot reach")), qPrintable(dl->errorMessage()));
        qDeleteAll(held);
    }

    void cancelKeepsThePartForLater() {
        hub->stallAfter = 1000000;
        hub->stallTimes = 1;
        ModelDownloader* dl = makeDownloader();
        QSignalSpy finished(dl, &ModelDownloader::finished);
        dl->start(pinned());
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partPath()).size() == 1000000, kTimeout);
        QVERIFY(dl->busy());
        QVERIFY(dl->bytesDone() >= 1000000);
        dl->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kTimeout);
        QCOMPARE(dl->phase(), ModelDownloader::Phase::Cancelled);
        QCOMPARE(dl->error(), DownloadError::Cancelled);
        QCOMPARE(QFileInfo(partPath()).size(), qint64(1000000));
        QVERIFY(!QFileInfo::exists(installed()));
        dl->discard();
        QVERIFY(!QFileInfo::exists(partPath()));
    }

    void notEnoughSpaceStopsBeforeFetching() {
        ModelDownloader* dl = makeDownloader();
        dl->setReserveBytes(qint64(1) << 60); // no disk has an exabyte free
        QVERIFY(runToEnd(dl, pinned()).has_value());
        QCOMPARE(dl->error(), DownloadError::DiskFull);
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("free")), qPrintable(dl->errorMessage()));
        // The reserve is named as part of what is needed, before what is free.
        const QString m = dl->errorMessage();
        QVERIFY2(m.indexOf(QStringLiteral("plus")) > 0 && m.indexOf(QStringLiteral("plus")) < m.indexOf(QStringLiteral("only")), qPrintable(m));
        QCOMPARE(hub->getCount, 0);
    }

    // A write that fails midway gives the system's reason, never "Unknown error". The disk fills
    // up here as storage_failures.h makes it: no file may grow past 3 MB (more than the tokenizer
    // files, less than the weights), which a write meets as EFBIG partway through a chunk (a disk
    // that fills up gives ENOSPC the same way).
    void aFailedWriteSaysWhy() {
        ModelDownloader* dl = makeDownloader();
        std::optional<bool> ok;
        {
            storage_failures::DiskFull full(3000000);
            ok = runToEnd(dl, pinned());
        }
        QVERIFY(ok == false);
        QCOMPARE(dl->error(), DownloadError::NotWritable);
        QVERIFY2(dl->errorMessage().contains(QString::fromLocal8Bit(std::strerror(EFBIG))), qPrintable(dl->errorMessage()));
        QVERIFY2(dl->errorMessage().contains(QStringLiteral("model.safetensors.part")), qPrintable(dl->errorMessage()));
        // What was written is kept for the resume.
        QCOMPARE(QFileInfo(partPath()).size(), qint64(3000000));
    }

    void unwritableFolderIsSaidSo() {
        // A models folder under a plain file can never be created, whoever runs the test.
        QFile blocker(root->path() + QStringLiteral("/not-a-folder"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        ModelDownloader* dl = makeDownloader();
        dl->setModelsRoot(blocker.fileName() + QStringLiteral("/models"));
        QVERIFY(runToEnd(dl, pinned()).has_value());
        QCOMPARE(dl->error(), DownloadError::NotWritable);
        QCOMPARE(hub->getCount + hub->headCount, 0);
        if (geteuid() != 0) { // permissions do not stop root
            const QString ro = root->path() + QStringLiteral("/read-only");
            QVERIFY(QDir().mkpath(ro));
            QFile::setPermissions(ro, QFile::ReadOwner | QFile::ExeOwner);
            ModelDownloader* dl2 = makeDownloader();
            dl2->setModelsRoot(ro);
            QVERIFY(runToEnd(dl2, pinned()).has_value());
            QCOMPARE(dl2->error(), DownloadError::NotWritable);
            QFile::setPermissions(ro, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
    }

    void aModelTheEngineRefusesIsNotInstalled() {
        ModelDownloader* dl = makeDownloader();
        dl->setValidator([](const QString&) {
            return ModelDownloader::Validation{nullptr, QStringLiteral("tensor h.0.attn.c_attn.weight has the wrong shape")};
        });
        QVERIFY(runToEnd(dl, pinned()).has_value());
        QCOMPARE(dl->error(), DownloadError::InvalidModel);
        QVERIFY(dl->errorMessage().contains(QStringLiteral("wrong shape")));
        QVERIFY(!QFileInfo::exists(installed()));
    }
};

QTEST_GUILESS_MAIN(TestDownloader)
#include "test_downloader.moc"

// The app and the CLI run as processes in homes of their own, each with something hostile where
// their state or a model's file should be: links, named pipes, devices, sparse files larger than
// memory, garbage, a window size no screen has, a second copy of the app, repository ids with "..",
// a model file cut short while in use, a full disk under train-lab --out. Every run must end by
// itself (no signal, no hang past its limit), change nothing outside the app's own folders, set an
// unusable file aside rather than follow, overwrite or delete it, and lose no saved answer.
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QRegularExpression>
#include <QtTest>

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "attention_lens/model.h"
#include "attention_lens/tokenizer.h"
#include "hostile_home.h"
#include "write_model_folder.h"

using hostile::Home;
using hostile::Run;

namespace {

QString binary(const char* env, const char* built) {
    const QString over = qEnvironmentVariable(env); // to run these cases against another build
    return over.isEmpty() ? QString::fromLatin1(built) : over;
}
QString app() { return binary("AL_HOSTILE_APP", AL_APP_BINARY); }
QString cli() { return binary("AL_HOSTILE_CLI", AL_CLI_BINARY); }
QString fixture() { return qEnvironmentVariable("AL_FIXTURE_MODEL"); }

bool makeFifo(const QString& path) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    return ::mkfifo(QFile::encodeName(path).constData(), 0600) == 0;
}
bool makeLink(const QString& target, const QString& path) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    return ::symlink(QFile::encodeName(target).constData(), QFile::encodeName(path).constData()) == 0;
}
// A sparse file of `bytes` (nothing is written): as large as asked, as the kernel allows.
bool makeSparse(const QString& path, qint64 bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return false;
    const bool ok = ::ftruncate(fd, off_t(bytes)) == 0;
    ::close(fd);
    return ok;
}

// What is at `path` right now, as a word: "missing", "regular", "link", "fifo", "other".
QString kindAt(const QString& path) {
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0) return QStringLiteral("missing");
    if (S_ISREG(st.st_mode)) return QStringLiteral("regular");
    if (S_ISLNK(st.st_mode)) return QStringLiteral("link");
    if (S_ISFIFO(st.st_mode)) return QStringLiteral("fifo");
    return QStringLiteral("other");
}

// Peak resident memory of a running process in MB (VmHWM), or -1.
double peakMb(qint64 pid) {
    const QByteArray status = Home::readFile(QStringLiteral("/proc/%1/status").arg(pid));
    const QRegularExpression re(QStringLiteral("VmHWM:\\s+(\\d+) kB"));
    const auto m = re.match(QString::fromLatin1(status));
    return m.hasMatch() ? m.captured(1).toDouble() / 1024.0 : -1;
}

// The app opened as a learner would (no --screenshot), running until stopped.
struct OpenApp {
    QProcess p;
    OpenApp(const Home& home, const QStringList& args, const QProcessEnvironment& env = {}) {
        p.setProcessEnvironment(env.isEmpty() ? home.env() : env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(app(), args);
        p.waitForStarted(10000);
    }
    bool running() { return p.state() == QProcess::Running; }
    ~OpenApp() {
        if (p.state() != QProcess::NotRunning) {
            p.terminate();
            if (!p.waitForFinished(5000)) {
                p.kill();
                p.waitForFinished(5000);
            }
        }
    }
};

bool waitFor(const std::function<bool()>& ready, int ms) {
    QElapsedTimer clock;
    clock.start();
    while (!ready()) {
        if (clock.elapsed() > ms) return false;
        QThread::msleep(100);
    }
    return true;
}

// True when `log` holds only printable text (valid UTF-8, no control bytes but newlines and tabs).
bool printableText(const QByteArray& log) {
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8(log);
    if (utf8.hasError()) return false;
    for (QChar c : text)
        if (c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\t')) return false;
    return true;
}

QJsonObject progressStations(const QString& file) {
    return QJsonDocument::fromJson(Home::readFile(file)).object().value(QStringLiteral("stations")).toObject();
}

} // namespace

class TestHostileState : public QObject {
    Q_OBJECT

    // A --screenshot of Station 1 on the fixture: it reads the settings (the language) and the
    // progress (the station is marked visited), then exits by itself.
    Run stationShot(const Home& home) {
        return home.run(app(), {QStringLiteral("--model"), fixture(), QStringLiteral("--station"), QStringLiteral("lens"),
                                QStringLiteral("--timeout"), QStringLiteral("25"), QStringLiteral("--screenshot"),
                                home.path("tmp") + QStringLiteral("/lens.png")},
                        40000);
    }

private slots:
    void initTestCase() {
        QVERIFY2(QFileInfo(app()).isExecutable(), qPrintable(app()));
        QVERIFY2(QFileInfo(cli()).isExecutable(), qPrintable(cli()));
        QVERIFY2(QFileInfo(fixture()).isDir(), "AL_FIXTURE_MODEL (ctest sets it)");
    }

    // Settings and progress files that cannot be used: set aside with their bytes, never followed,
    // waited on or read whole; the run ends normally.
    void unusableStateFilesAreSetAside_data() {
        QTest::addColumn<QString>("settings");
        QTest::addColumn<QString>("progress");
        QTest::newRow("named pipes") << "fifo" << "fifo";
        QTest::newRow("30 GiB sparse") << "sparse" << "sparse";
        QTest::newRow("garbage, /dev/zero") << "garbage" << "zero";
        QTest::newRow("link, /dev/urandom") << "link" << "urandom";
    }
    void unusableStateFilesAreSetAside() {
        QFETCH(QString, settings);
        QFETCH(QString, progress);
        Home home;
        QVERIFY(home.valid());
        const auto plant = [&](const QString& kind, const QString& path) {
            if (kind == QLatin1String("fifo")) return makeFifo(path);
            if (kind == QLatin1String("sparse")) return makeSparse(path, 30ll << 30);
            if (kind == QLatin1String("garbage"))
                return Home::writeFile(path, QByteArray("\x00\x01\xff\xfe[General]\x00lastStation=\x80\x81", 26));
            if (kind == QLatin1String("zero")) return makeLink(QStringLiteral("/dev/zero"), path);
            if (kind == QLatin1String("urandom")) return makeLink(QStringLiteral("/dev/urandom"), path);
            if (kind == QLatin1String("link")) return makeLink(home.outside(QStringLiteral("victim.txt")), path);
            return false;
        };
        QVERIFY(plant(settings, home.settingsFile()));
        QVERIFY(plant(progress, home.progressFile()));
        // What a save killed between its write and its rename leaves behind.
        const QString stale = home.progressFile() + QStringLiteral(".saving-Ab12Cd");
        QVERIFY(Home::writeFile(stale, "{\"format\": \"attention-lens-progress\""));

        const Run r = stationShot(home);
        QVERIFY2(r.finished && !r.signalled && r.code == 0, qPrintable(r.summary()));
        // Set aside (a new, regular file may take its place: the visit is saved).
        for (const QString& file : {home.settingsFile(), home.progressFile()}) {
            QVERIFY2(kindAt(file) == QLatin1String("missing") || kindAt(file) == QLatin1String("regular"),
                     qPrintable(file + QStringLiteral(" is still a ") + kindAt(file)));
            QCOMPARE(Home::besides(file, QStringLiteral(".unusable-")).size(), 1);
        }
        QVERIFY(progressStations(home.progressFile()).value(QStringLiteral("lens")).toObject().value(QStringLiteral("visited")).toBool());
        QVERIFY2(r.log.contains(QStringLiteral("saved")), qPrintable(r.log));
        QVERIFY2(!QFileInfo::exists(stale), "the leftover temporary file was not removed");
        QVERIFY2(home.outsideChanges().isEmpty(), qPrintable(home.outsideChanges()));
    }

    // A link as the settings file: the app saves into its own folder (the link is set aside) and
    // the file the link pointed to is unchanged.
    void settingsAreNeverWrittenThroughALink() {
        Home home;
        const QString victim = home.outside(QStringLiteral("victim.txt"));
        QVERIFY(makeLink(victim, home.settingsFile()));
        OpenApp open(home, {QStringLiteral("--model"), fixture(), QStringLiteral("--station"), QStringLiteral("math")});
        const bool saved = waitFor([&] {
            return Home::isRegular(home.settingsFile()) && Home::readFile(home.settingsFile()).contains("lastStation=math");
        }, 30000);
        QVERIFY2(open.running(), qPrintable(QString::fromUtf8(open.p.readAll())));
        QVERIFY2(saved, qPrintable(QStringLiteral("the settings file is a %1").arg(kindAt(home.settingsFile()))));
        QCOMPARE(Home::besides(home.settingsFile(), QStringLiteral(".unusable-")).size(), 1);
        QVERIFY2(home.outsideChanges().isEmpty(), qPrintable(home.outsideChanges()));
    }

    // One course per data folder: a second launch brings the first window to the front and exits;
    // the first keeps running. Its hand-edited window size, larger than any screen, is cut to the
    // screen instead of filling gigabytes.
    void secondLaunchRaisesTheFirst() {
        Home home;
        QVERIFY(Home::writeFile(home.settingsFile(), "[window]\ngeometry=@Rect(0 0 32767 32767)\n"));
        OpenApp first(home, {QStringLiteral("--model"), fixture(), QStringLiteral("--station"), QStringLiteral("map")});
        QThread::msleep(4000); // the window is shown by now
        QVERIFY2(first.running(), qPrintable(QString::fromUtf8(first.p.readAll())));
        const double peak = peakMb(first.p.processId());
        QVERIFY2(peak > 0 && peak < 1500, qPrintable(QStringLiteral("peak resident memory %1 MB").arg(peak)));
        QVERIFY(QFileInfo::exists(home.dataDir() + QStringLiteral("/instance.lock")));

        const Run second = home.run(app(), {QStringLiteral("--model"), fixture(), QStringLiteral("--station"),
                                            QStringLiteral("lens")}, 25000);
        QVERIFY2(second.finished && !second.signalled && second.code == 0, qPrintable(second.summary()));
        QVERIFY2(second.log.contains(QStringLiteral("already open")), qPrintable(second.log));
        QVERIFY(first.running());
    }

    // A data folder where no lock can be made (here immutable, which binds root too; a full disk or
    // a folder out of inodes does the same): the second launch still finds the first through its
    // socket and exits; the first runs, saying it could not lock the folder.
    void secondLaunchFindsTheFirstWithoutALock() {
        Home home;
        QVERIFY(QDir().mkpath(home.dataDir()));
        auto chattr = [&](const char* flag) {
            QProcess p;
            p.start(QStringLiteral("chattr"), {QString::fromLatin1(flag), home.dataDir()});
            return p.waitForFinished(5000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        };
        if (!chattr("+i"))
            QSKIP("chattr +i is not available here (needs root and a file system with the immutable flag)");
        struct Unfreeze {
            std::function<void()> f;
            ~Unfreeze() { f(); }
        } unfreeze{[&] { chattr("-i"); }};
        OpenApp first(home, {QStringLiteral("--model"), fixture(), QStringLiteral("--station"), QStringLiteral("map")});
        QString firstLog;
        waitFor([&] {
            first.p.waitForReadyRead(100);
            firstLog += QString::fromUtf8(first.p.readAll());
            return firstLog.contains(QStringLiteral("instance.lock"));
        }, 4000);
        QThread::msleep(3000); // the window is shown by now
        QVERIFY2(first.running(), qPrintable(firstLog));
        QVERIFY2(firstLog.contains(QStringLiteral("could not lock the data folder")) && firstLog.contains(QStringLiteral("instance.lock")),
                 qPrintable(firstLog));
        const Run second = home.run(app(), {QStringLiteral("--model"), fixture(), QStringLiteral("--station"),
                                            QStringLiteral("lens")}, 25000);
        QVERIFY2(second.finished && !second.signalled && second.code == 0, qPrintable(second.summary()));
        QVERIFY2(second.log.contains(QStringLiteral("already open")), qPrintable(second.log));
        QVERIFY(first.running());
    }

    // A lock file that names no process (left empty by a crash between its creation and its
    // write), or a folder or a link in its place: the app takes the lock at once instead of
    // waiting for a copy that does not exist; what is not a regular file is set aside.
    void malformedLockDoesNotLockOut_data() {
        QTest::addColumn<QString>("kind");
        QTest::newRow("empty file") << "empty";
        QTest::newRow("garbage") << "garbage";
        QTest::newRow("folder") << "folder";
        QTest::newRow("link to a file outside") << "link";
        QTest::newRow("dangling link") << "dangling";
        QTest::newRow("sparse 100 GB file") << "huge";
    }
    void malformedLockDoesNotLockOut() {
        QFETCH(QString, kind);
        Home home;
        const QString lock = home.dataDir() + QStringLiteral("/instance.lock");
        QVERIFY(QDir().mkpath(home.dataDir()));
        if (kind == QLatin1String("empty")) QVERIFY(Home::writeFile(lock, QByteArray()));
        if (kind == QLatin1String("garbage")) QVERIFY(Home::writeFile(lock, QByteArray("\xff\x00not a lock", 12)));
        if (kind == QLatin1String("folder")) QVERIFY(QDir().mkpath(lock + QStringLiteral("/inside")));
        if (kind == QLatin1String("link")) QVERIFY(makeLink(home.outside(QStringLiteral("victim.txt")), lock));
        if (kind == QLatin1String("dangling")) QVERIFY(makeLink(home.outside(QStringLiteral("gone")), lock));
        if (kind == QLatin1String("huge")) { // read whole, it filled memory at about 90 MB/s
            QFile f(lock);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.resize(qint64(100) << 30));
        }
        const bool setAside = kind == QLatin1String("folder") || kind == QLatin1String("link") || kind == QLatin1String("dangling") ||
                              kind == QLatin1String("huge");

        const Run shot = stationShot(home);
        QVERIFY2(shot.finished && !shot.signalled && shot.code == 0 && shot.ms < 20000, qPrintable(shot.summary()));
        QVERIFY2(!shot.log.contains(QStringLiteral("waiting for it")), qPrintable(shot.log));
        QCOMPARE(Home::besides(lock, QStringLiteral(".unusable-")).size(), setAside ? 1 : 0);
        if (setAside) QVERIFY2(shot.log.contains(QStringLiteral("It was kept as")), qPrintable(shot.log));
        QVERIFY2(home.outsideChanges().isEmpty(), qPrintable(home.outsideChanges()));

        // Opened as a learner would: it starts and stays open instead of giving up after 15 s.
        if (kind == QLatin1String("empty")) {
            QVERIFY(Home::writeFile(lock, QByteArray()));
            OpenApp open(home, {QStringLiteral("--model"), fixture(), QStringLiteral("--station"), QStringLiteral("lens")});
            QVERIFY2(waitFor([&] { return Home::readFile(lock).startsWith(QByteArray::number(open.p.processId())); }, 10000),
                     qPrintable(QString::fromUtf8(open.p.readAll())));
            QThread::msleep(1000);
            QVERIFY2(open.running(), qPrintable(QString::fromUtf8(open.p.readAll())));
        }
    }

    // A lock held by a copy on another computer (a data folder shared between computers) cannot be
    // checked from here: the app does not take it over, but says whose it is and what to delete.
    void lockOfAnotherComputerIsExplained() {
        Home home;
        const QString lock = home.dataDir() + QStringLiteral("/instance.lock");
        QVERIFY(QDir().mkpath(home.dataDir()));
        QVERIFY(Home::writeFile(lock, QByteArray("4242\nattention-lens\nlaptop-old\n0123456789abcdef0123456789abcdef\n"
                                                 "11111111-2222-3333-4444-555555555555\n")));
        const Run r = home.run(app(), {QStringLiteral("--model"), fixture(), QStringLiteral("--station"), QStringLiteral("lens")}, 40000);
        QVERIFY2(r.finished && !r.signalled && r.code == 1, qPrintable(r.summary()));
        QVERIFY2(r.log.contains(QStringLiteral("process 4242 on the computer \"laptop-old\"")), qPrintable(r.log));
        QVERIFY2(r.log.contains(QStringLiteral("delete ") + lock), qPrintable(r.log));
        QVERIFY(QFileInfo::exists(lock));
    }

    // A screenshot run that times out waiting for another running copy to close says so, naming
    // the copy, instead of blaming the station's figures or the model's size.
    void screenshotWaitingForAnotherCopySaysSo() {
        Home home;
        QVERIFY(QDir().mkpath(home.dataDir()));
        QLockFile other(home.dataDir() + QStringLiteral("/instance.lock")); // this process: a copy that runs
        QVERIFY(other.tryLock(0));
        const QString png = home.path("tmp") + QStringLiteral("/shot.png");
        const Run r = home.run(app(), {QStringLiteral("--model"), fixture(), QStringLiteral("--station"), QStringLiteral("lens"),
                                       QStringLiteral("--timeout"), QStringLiteral("3"), QStringLiteral("--screenshot"), png},
                               40000);
        QVERIFY2(r.finished && !r.signalled && r.code == 3, qPrintable(r.summary()));
        QVERIFY2(r.log.contains(QStringLiteral("timed out after 3 s waiting for the other copy of Attention Lens on this "
                                               "data folder (process %1 on this computer) to close")
                                    .arg(QCoreApplication::applicationPid())),
                 qPrintable(r.log));
        QVERIFY2(!r.log.contains(QStringLiteral("figures")) && !r.log.contains(QStringLiteral("larger model")), qPrintable(r.log));
        QVERIFY(!QFileInfo::exists(png));
    }

    // The same hand-edited window size on a real X server (Xvfb), where a window of 32767 x 32767
    // took the app down with a segfault: the window is cut to the screen and the app keeps running.
    void hugeWindowOnX11IsCutToTheScreen() {
        const QString xvfb = QStandardPaths::findExecutable(QStringLiteral("Xvfb"));
        if (xvfb.isEmpty())
            QSKIP("Xvfb is not installed (scripts/install-deps.sh installs it)");
        QProcess server;
        const QString display = QStringLiteral(":%1").arg(90 + QCoreApplication::applicationPid() % 400);
        server.start(xvfb, {display, QStringLiteral("-screen"), QStringLiteral("0"), QStringLiteral("1280x1024x24"),
                            QStringLiteral("-nolisten"), QStringLiteral("tcp")});
        QVERIFY(server.waitForStarted(5000));
        QThread::msleep(800); // the server accepts clients
        Home home;
        QVERIFY(Home::writeFile(home.settingsFile(), "[window]\ngeometry=@Rect(0 0 32767 32767)\n"));
        QProcessEnvironment env = home.env();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        env.insert(QStringLiteral("DISPLAY"), display);
        {
            OpenApp app(home, {QStringLiteral("--model"), fixture(), QStringLiteral("--station"), QStringLiteral("lens")}, env);
            QThread::msleep(5000); // the window is shown and painted by now
            const QByteArray log = app.p.readAll();
            QVERIFY2(app.running(), qPrintable(QStringLiteral("exit status %1, code %2: %3")
                                                   .arg(int(app.p.exitStatus())).arg(app.p.exitCode())
                                                   .arg(QString::fromUtf8(log.right(1500)))));
            const double peak = peakMb(app.p.processId());
            QVERIFY2(peak > 0 && peak < 1500, qPrintable(QStringLiteral("peak resident memory %1 MB").arg(peak)));
        }
        server.terminate();
        server.waitForFinished(5000);
    }

    // Two --screenshot --reveal runs started together on one data folder: both stations' committed
    // answers are in the progress file at the end.
    void twoRunsKeepBothAnswers() {
        Home home;
        auto start = [&](QProcess& p, const char* station) {
            p.setProcessEnvironment(home.env());
            p.setProcessChannelMode(QProcess::MergedChannels);
            p.start(app(), {QStringLiteral("--model"), fixture(), QStringLiteral("--station"), QString::fromLatin1(station),
                            QStringLiteral("--reveal"), QStringLiteral("--timeout"), QStringLiteral("90"),
                            QStringLiteral("--screenshot"), home.path("tmp") + QLatin1Char('/') + QLatin1String(station) +
                                                                QStringLiteral(".png")});
        };
        QProcess a, b;
        start(a, "math");
        start(b, "mask");
        QVERIFY(a.waitForFinished(100000) && b.waitForFinished(100000));
        QVERIFY2(a.exitStatus() == QProcess::NormalExit && a.exitCode() == 0, a.readAll().right(1500).constData());
        QVERIFY2(b.exitStatus() == QProcess::NormalExit && b.exitCode() == 0, b.readAll().right(1500).constData());
        const QJsonObject stations = progressStations(home.progressFile());
        for (const char* id : {"math", "mask"}) {
            const QJsonObject exercises = stations.value(QLatin1String(id)).toObject().value(QStringLiteral("exercises")).toObject();
            QVERIFY2(!exercises.isEmpty(), qPrintable(QStringLiteral("the answers of %1 were lost: %2")
                                                          .arg(QLatin1String(id), QString::fromUtf8(Home::readFile(home.progressFile())))));
        }
    }

    // A --reveal screenshot commits answers by itself: it adds them where the learner has none and
    // never replaces the learner's own; keys the app does not know survive its save.
    void revealKeepsTheLearnersAnswers() {
        Home home;
        QVERIFY(Home::writeFile(home.progressFile(), R"({"format": "attention-lens-progress", "version": 1,
            "fromLater": {"keep": true},
            "stations": {"math": {"visited": true, "exercises": {"math-top-score":
                {"prediction": "7", "answer": "32", "correct": false, "at": "2026-01-01T10:00:00Z", "hint": "mine"}}}}})"));
        const Run r = home.run(app(), {QStringLiteral("--model"), fixture(), QStringLiteral("--station"), QStringLiteral("math"),
                                       QStringLiteral("--reveal"), QStringLiteral("--timeout"), QStringLiteral("60"),
                                       QStringLiteral("--screenshot"), home.path("tmp") + QStringLiteral("/math.png")},
                               80000);
        QVERIFY2(r.finished && !r.signalled && r.code == 0, qPrintable(r.summary()));
        const QJsonObject root = QJsonDocument::fromJson(Home::readFile(home.progressFile())).object();
        const QString file = QString::fromUtf8(Home::readFile(home.progressFile()));
        QVERIFY2(root.value(QStringLiteral("fromLater")).toObject().value(QStringLiteral("keep")).toBool(), qPrintable(file));
        const QJsonObject exercises = root.value(QStringLiteral("stations")).toObject().value(QStringLiteral("math")).toObject()
                                          .value(QStringLiteral("exercises")).toObject();
        const QJsonObject mine = exercises.value(QStringLiteral("math-top-score")).toObject();
        QVERIFY2(mine.value(QStringLiteral("prediction")).toString() == QLatin1String("7"), qPrintable(file));
        QVERIFY2(mine.value(QStringLiteral("correct")) == QJsonValue(false), qPrintable(file));
        QVERIFY2(mine.value(QStringLiteral("at")).toString() == QLatin1String("2026-01-01T10:00:00Z"), qPrintable(file));
        QVERIFY2(mine.value(QStringLiteral("hint")).toString() == QLatin1String("mine"), qPrintable(file));
        // The exercises the learner had not answered are filled in, marked as the app's own.
        QVERIFY2(exercises.size() > 1, qPrintable(file));
        for (auto it = exercises.begin(); it != exercises.end(); ++it)
            if (it.key() != QLatin1String("math-top-score"))
                QVERIFY2(it.value().toObject().value(QStringLiteral("revealed")).toBool(), qPrintable(file));
    }

    // A --screenshot run whose progress cannot be saved (the data folder on a full disk) says so
    // on stderr and exits with code 4, after saving the picture. Needs a small disk: a tmpfs, which
    // only root can mount.
    void screenshotFailsWhenProgressCannotBeSaved() {
        if (::geteuid() != 0)
            QSKIP("a full disk is a small tmpfs here, and mounting one needs root");
        Home home;
        const QString data = home.dataDir();
        QVERIFY(QDir().mkpath(data));
        if (::mount("tmpfs", QFile::encodeName(data).constData(), "tmpfs", 0, "size=1m") != 0)
            QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs (%1)").arg(QString::fromLocal8Bit(std::strerror(errno)))));
        struct Unmount {
            QByteArray at;
            ~Unmount() { ::umount2(at.constData(), MNT_DETACH); }
        } unmount{QFile::encodeName(data)};
        {
            QFile filler(data + QStringLiteral("/filler"));
            QVERIFY(filler.open(QIODevice::WriteOnly));
            const QByteArray block(4096, 'x');
            while (filler.write(block) == block.size() && filler.flush()) {}
        }
        const QString png = home.path("tmp") + QStringLiteral("/lens.png");
        const Run r = stationShot(home);
        QVERIFY2(r.finished && !r.signalled && r.code == 4, qPrintable(r.summary()));
        QVERIFY2(r.log.contains(QStringLiteral("could not be saved")), qPrintable(r.log));
        // Said once, naming the file once (not "could not be saved to X: ... could not be saved to X").
        const QStringList saveLines = r.log.split(QLatin1Char('\n')).filter(QStringLiteral("could not be saved"));
        QCOMPARE(saveLines.size(), 1);
        QCOMPARE(saveLines.first().count(home.progressFile()), 1);
        QCOMPARE(saveLines.first().count(QStringLiteral("could not be saved")), 1);
        QVERIFY2(QFileInfo(png).size() > 0, "the screenshot was not saved");
        QVERIFY(!QFileInfo::exists(home.progressFile()));
        // The instance lock cannot be written either: the reason is the system's, not "unknown".
        const QStringList lockLines = r.log.split(QLatin1Char('\n')).filter(QStringLiteral("could not lock"));
        QCOMPARE(lockLines.size(), 1);
        QVERIFY2(lockLines.first().contains(QString::fromLocal8Bit(std::strerror(ENOSPC))), qPrintable(lockLines.first()));
    }

    // Under a file-size limit (ulimit -f) a write past it fails and is reported; it never kills
    // the app (SIGXFSZ). 100 KiB is less than the screenshot takes.
    void aFileSizeLimitNeverKillsTheApp() {
        Home home;
        const QString png = home.path("tmp") + QStringLiteral("/lens.png");
        const Run r = home.run(app(), {QStringLiteral("--model"), fixture(), QStringLiteral("--station"), QStringLiteral("lens"),
                                       QStringLiteral("--timeout"), QStringLiteral("25"), QStringLiteral("--screenshot"), png},
                               40000, QString(), 100 * 1024);
        QVERIFY2(r.finished && !r.signalled, qPrintable(r.summary()));
        QVERIFY2(r.code != 0 && r.log.contains(QString::fromLocal8Bit(std::strerror(EFBIG))), qPrintable(r.summary()));
    }

    // The app's options are read as strictly as the CLI's: a value that is not what the option
    // takes exits 2 with one line that names the option, before anything opens or loads.
    void appOptionsAreReadStrictly_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        for (const char* t : {" 5", "5 ", "+5", "1e1", "1e-300", "0.5", "0", "-5", "nan", "90000"})
            QTest::newRow(qPrintable(QStringLiteral("--timeout '%1'").arg(QLatin1String(t))))
                << QStringList{"--timeout", t} << "--timeout must be";
        for (const char* wh : {"abc", "0x0", "-5x-5", "1280x800x3", "1e3x1e3", " 640x480", "30000x30000", "16385x100"})
            QTest::newRow(qPrintable(QStringLiteral("--size '%1'").arg(QLatin1String(wh))))
                << QStringList{"--size", wh} << "--size must be";
        QTest::newRow("--station bogus") << QStringList{"--station", "bogus"} << "the stations are map, lens, math";
        QTest::newRow("unknown option") << QStringList{"--colour", "red"} << "Unknown option 'colour'";
        QTest::newRow("stray argument") << QStringList{"lens"} << "unexpected argument \"lens\"";
    }
    void appOptionsAreReadStrictly() {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        Home home;
        const QString png = home.path("tmp") + QStringLiteral("/shot.png");
        QStringList all{QStringLiteral("--model"), fixture(), QStringLiteral("--screenshot"), png};
        if (!args.contains(QStringLiteral("--timeout")))
            all << QStringLiteral("--timeout") << QStringLiteral("20");
        const Run r = home.run(app(), all + args, 30000);
        QVERIFY2(r.finished && !r.signalled && r.code == 2, qPrintable(r.summary()));
        QVERIFY2(r.log.contains(expected), qPrintable(r.log));
        QVERIFY(!QFileInfo::exists(png));
        QVERIFY(!QFileInfo::exists(home.progressFile()));
    }
    // A folder named in bytes that are not UTF-8: Qt would read them as U+FFFD and then not find
    // the folder. The app names the option and the byte instead (a shell passes the raw bytes;
    // QProcess would encode them).
    void modelFolderNamedInBytesThatAreNotUtf8() {
        Home home;
        const QByteArray tmp = QFile::encodeName(home.path("tmp"));
        QVERIFY(::mkdir((tmp + "/caf\xe9-model").constData(), 0755) == 0);
        const QString png = home.path("tmp") + QStringLiteral("/shot.png");
        for (const char* form : {"--model \"$1/$(printf 'caf\\351')-model\"", "--model=\"$1/$(printf 'caf\\351')-model\""}) {
            const Run r = home.run(QStringLiteral("/bin/sh"),
                                   {QStringLiteral("-c"),
                                    QStringLiteral("exec \"$0\" %1 --timeout 20 --screenshot \"$2\"").arg(QLatin1String(form)),
                                    app(), home.path("tmp"), png},
                                   30000);
            QVERIFY2(r.finished && !r.signalled && r.code == 2, qPrintable(r.summary()));
            const QString expected = QStringLiteral("the value of --model is not valid UTF-8 (byte %1,").arg(tmp.size() + 4);
            QVERIFY2(r.log.contains(expected), qPrintable(r.log));
            QVERIFY(!QFileInfo::exists(png));
        }
    }
    // A screenshot run on a model folder that cannot be loaded saves the picture of the message,
    // but fails with it: a script must not take it for a picture of the station.
    void screenshotOfAModelThatFailsToLoadFails() {
        Home home;
        const QString png = home.path("tmp") + QStringLiteral("/shot.png");
        const Run r = home.run(app(), {QStringLiteral("--model"), home.path("tmp") + QStringLiteral("/no-such-model"),
                                       QStringLiteral("--timeout"), QStringLiteral("30"), QStringLiteral("--screenshot"), png},
                               45000);
        QVERIFY2(r.finished && !r.signalled && r.code == 2, qPrintable(r.summary()));
        QVERIFY2(r.log.contains(QStringLiteral("no-such-model")), qPrintable(r.log));
        QVERIFY(QFileInfo(png).size() > 0);
    }
    // A model file with one value of many megabytes: the load error quotes an excerpt, so the app
    // lays out a short message and its screenshot run fails at once, and the CLI prints one line.
    void aModelWithAHugeValueFailsPromptly() {
        Home home;
        const QString dir = home.path("home/model");
        QDir().mkpath(dir);
        for (const QString& f : QDir(fixture()).entryList(QDir::Files))
            QVERIFY(QFile::copy(fixture() + QLatin1Char('/') + f, dir + QLatin1Char('/') + f));
        QVERIFY(QFile::remove(dir + QStringLiteral("/config.json")));
        QVERIFY(Home::writeFile(dir + QStringLiteral("/config.json"),
                                "{\"model_type\": \"" + QByteArray(10 << 20, 'x') + "\"}"));
        const Run cliRun = home.run(cli(), {QStringLiteral("info"), QStringLiteral("--model"), dir}, 15000);
        QVERIFY2(cliRun.finished && !cliRun.signalled && cliRun.code == 2, qPrintable(cliRun.summary()));
        QVERIFY2(cliRun.bytes.size() < 1000 && cliRun.log.contains(QStringLiteral("(10,485,760 bytes)")),
                 qPrintable(QStringLiteral("%1 bytes: ").arg(cliRun.bytes.size()) + cliRun.log.left(500)));
        const QString png = home.path("tmp") + QStringLiteral("/shot.png");
        const Run appRun = home.run(app(), {QStringLiteral("--model"), dir, QStringLiteral("--timeout"), QStringLiteral("30"),
                                                  QStringLiteral("--screenshot"), png},
                                    45000);
        QVERIFY2(appRun.finished && !appRun.signalled && appRun.code == 2, qPrintable(appRun.summary().left(2000)));
        QVERIFY2(appRun.ms < 20000, qPrintable(appRun.summary().left(2000)));
        QVERIFY2(appRun.log.contains(QStringLiteral("model_type is \"xxx")), qPrintable(appRun.log.left(2000)));
        QVERIFY(QFileInfo(png).size() > 0);
    }
    // A model with one or two positions cannot hold the census's repeated sequence: the stations
    // whose figures need it say so, and --screenshot saves that picture instead of waiting out its
    // timeout.
    void stationsOfAModelTooShortForTheCensusFinish_data() {
        QTest::addColumn<QString>("station");
        QTest::newRow("heads") << QStringLiteral("heads");
        QTest::newRow("not") << QStringLiteral("not");
    }
    void stationsOfAModelTooShortForTheCensusFinish() {
        QFETCH(QString, station);
        Home home;
        const std::string dir = home.path("home/npos2").toStdString();
        const std::string tok = qEnvironmentVariable("AL_SHARED_DIR").toStdString() + "/gpt2-tokenizer";
        al::Config c = al::Model::gpt2_small_config();
        c.n_layer = 1;
        c.n_head = 2;
        c.n_embd = 16;
        c.n_positions = 2;
        testing_support::writeModelFolder(*al::Model::random(c, 7), dir, tok);
        const QString png = home.path("tmp") + QStringLiteral("/shot.png");
        const Run r = home.run(app(), {QStringLiteral("--model"), QString::fromStdString(dir), QStringLiteral("--station"), station,
                                       QStringLiteral("--timeout"), QStringLiteral("40"), QStringLiteral("--screenshot"), png},
                               60000);
        QVERIFY2(r.finished && !r.signalled && r.code == 0, qPrintable(r.summary()));
        QVERIFY(QFileInfo(png).size() > 0);
    }
    // picture is not saved there and the pipe stays.
    void screenshotNeverReplacesASpecialFile() {
        Home home;
        const QString fifo = home.path("tmp") + QStringLiteral("/pipe");
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        const Run r = home.run(app(), {QStringLiteral("--model"), fixture(), QStringLiteral("--timeout"), QStringLiteral("30"),
                                       QStringLiteral("--screenshot"), fifo},
                               45000);
        QVERIFY2(r.finished && !r.signalled && r.code == 1, qPrintable(r.summary()));
        QVERIFY2(r.log.contains(QStringLiteral("named pipe")), qPrintable(r.log));
        struct stat st {};
        QVERIFY(::lstat(QFile::encodeName(fifo).constData(), &st) == 0 && S_ISFIFO(st.st_mode));
    }
    // --screenshot "" is a mistake, not a wish for the interactive app.
    void emptyScreenshotNameIsRefused() {
        Home home;
        const Run r = home.run(app(), {QStringLiteral("--model"), fixture(), QStringLiteral("--screenshot"), QString()}, 15000);
        QVERIFY2(r.finished && !r.signalled && r.code == 2, qPrintable(r.summary()));
        QVERIFY2(r.log.contains(QStringLiteral("--screenshot needs")), qPrintable(r.log));
    }

    // Repository ids and revisions that would put the staging folder on (or outside) the models
    // folder are refused with exit 2 before anything is created or deleted.
    void downloadRefusesPathsOutOfTheModelsFolder_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("evil/..") << QStringList{"--repo", "evil/.."};
        QTest::newRow("evil/.") << QStringList{"--repo", "evil/."};
        QTest::newRow("../gpt2") << QStringList{"--repo", "../gpt2"};
        QTest::newRow("a/b/..") << QStringList{"--repo", "a/b/.."};
        QTest::newRow("evil/.hidden") << QStringList{"--repo", "evil/.hidden"};
        QTest::newRow("evil/na me") << QStringList{"--repo", "evil/na me"};
        QTest::newRow("97 characters") << QStringList{"--repo", "evil/" + QString(97, QLatin1Char('a'))};
        QTest::newRow("revision ../..") << QStringList{"--repo", "evil/model", "--revision", "../../x"};
        QTest::newRow("revision /abs") << QStringList{"--repo", "evil/model", "--revision", "/etc"};
    }
    void downloadRefusesPathsOutOfTheModelsFolder() {
        QFETCH(QStringList, args);
        Home home;
        const QString models = home.path("home/.local/share") + QStringLiteral("/models");
        QVERIFY(Home::writeFile(models + QStringLiteral("/gpt2/config.json"), "{}"));
        QVERIFY(Home::writeFile(models + QStringLiteral("/notes.txt"), "mine"));
        QProcessEnvironment env = home.env();
        const Run r = home.run(cli(), QStringList{"download"} + args + QStringList{"--dest", models, "--no-progress"}, 20000);
        QVERIFY2(r.finished && !r.signalled && r.code == 2, qPrintable(r.summary()));
        QCOMPARE(Home::readFile(models + QStringLiteral("/gpt2/config.json")), QByteArray("{}"));
        QCOMPARE(Home::readFile(models + QStringLiteral("/notes.txt")), QByteArray("mine"));
        QCOMPARE(QDir(models).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 (QStringList{"gpt2", "notes.txt"}));
        QVERIFY2(home.outsideChanges().isEmpty(), qPrintable(home.outsideChanges()));
    }

    // The model is installed as <dest>/<repository name>, a name the learner did not choose: a
    // folder of that name holding anything but a model's files, a link on the way, or a --dest
    // that is not a folder is refused with exit 2 before anything is fetched, created or deleted.
    void downloadRefusesADestinationItMayNotReplace_data() {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("repo");
        QTest::addColumn<QString>("dest");     // relative to the home folder, or absolute
        QTest::addColumn<QString>("expected"); // in the message
        QTest::newRow("someone's thesis") << "thesis" << "someone/Documents" << "home" << "chapter1.tex";
        QTest::newRow("a model and notes") << "notes" << "other/gpt2" << "home/models" << "notes.txt";
        QTest::newRow("a link at the target") << "link" << "a/m" << "home/dl" << "symbolic link";
        QTest::newRow("a link as .staging") << "staging-link" << "a/m" << "home/dl" << "symbolic link";
        QTest::newRow("dest is a file") << "file" << "a/m" << "home/file.txt" << "not a folder";
        QTest::newRow("dest is /dev/null") << "" << "a/m" << "/dev/null" << "not a folder";
    }
    void downloadRefusesADestinationItMayNotReplace() {
        QFETCH(QString, setup);
        QFETCH(QString, repo);
        QFETCH(QString, dest);
        QFETCH(QString, expected);
        Home home;
        const QString h = home.path("home");
        if (setup == QLatin1String("thesis")) {
            QVERIFY(Home::writeFile(h + QStringLiteral("/Documents/thesis/chapter1.tex"), "work"));
            QVERIFY(Home::writeFile(h + QStringLiteral("/Documents/chapter1.tex"), "work"));
        } else if (setup == QLatin1String("notes")) {
            QVERIFY(Home::writeFile(h + QStringLiteral("/models/gpt2/config.json"), "{}"));
            QVERIFY(Home::writeFile(h + QStringLiteral("/models/gpt2/notes.txt"), "mine"));
        } else if (setup == QLatin1String("link")) {
            QVERIFY(Home::writeFile(h + QStringLiteral("/elsewhere/keep/x.txt"), "mine"));
            QVERIFY(QDir().mkpath(h + QStringLiteral("/dl")));
            QVERIFY(QFile::link(h + QStringLiteral("/elsewhere"), h + QStringLiteral("/dl/m")));
        } else if (setup == QLatin1String("staging-link")) {
            QVERIFY(QDir().mkpath(h + QStringLiteral("/dl")));
            QVERIFY(QFile::link(home.path("outside"), h + QStringLiteral("/dl/.staging")));
        } else if (setup == QLatin1String("file")) {
            QVERIFY(Home::writeFile(h + QStringLiteral("/file.txt"), "mine"));
        }
        const auto snapshot = [&] {
            QStringList out;
            QDirIterator it(h, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot | QDir::System, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString p = it.next();
                out << p + QLatin1Char(' ') + QString::fromLatin1(QFileInfo(p).isSymLink() ? "link" : Home::readFile(p));
            }
            out.sort();
            return out;
        };
        const QStringList before = snapshot();
        const QString destPath = dest.startsWith(QLatin1Char('/')) ? dest : home.path(dest.toLatin1().constData());
        const Run r = home.run(cli(), {"download", "--repo", repo, "--dest", destPath, "--no-progress"}, 20000);
        QVERIFY2(r.finished && !r.signalled && r.code == 2, qPrintable(r.summary()));
        QVERIFY2(r.log.contains(expected), qPrintable(r.log));
        QCOMPARE(snapshot(), before);
        QVERIFY2(home.outsideChanges().isEmpty(), qPrintable(home.outsideChanges()));
    }

    // Every file of a model folder: a regular file under a cap, read without blocking, refused
    // with a clear message that quotes no raw bytes.
    void modelFilesAreCheckedBeforeTheyAreRead_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("vocab.json pipe") << "vocab.json" << "fifo" << "named pipe";
        QTest::newRow("merges.txt pipe") << "merges.txt" << "fifo" << "merges.txt is a named pipe";
        QTest::newRow("config.json pipe") << "config.json" << "fifo" << "named pipe";
        QTest::newRow("merges.txt -> /dev/urandom") << "merges.txt" << "urandom" << "character device";
        QTest::newRow("vocab.json 8 TiB") << "vocab.json" << "sparse" << "bytes allowed";
        QTest::newRow("vocab.json raw bytes") << "vocab.json" << "garbage" << "not valid JSON";
    }
    void modelFilesAreCheckedBeforeTheyAreRead() {
        QFETCH(QString, file);
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        Home home;
        const QString dir = home.path("home/model");
        QDir().mkpath(dir);
        for (const QString& f : QDir(fixture()).entryList(QDir::Files))
            QVERIFY(QFile::copy(fixture() + QLatin1Char('/') + f, dir + QLatin1Char('/') + f));
        const QString target = dir + QLatin1Char('/') + file;
        QVERIFY(QFile::remove(target));
        if (kind == QLatin1String("fifo")) QVERIFY(makeFifo(target));
        if (kind == QLatin1String("urandom")) QVERIFY(makeLink(QStringLiteral("/dev/urandom"), target));
        if (kind == QLatin1String("sparse") && !makeSparse(target, 8ll << 40)) QVERIFY(makeSparse(target, 1ll << 40));
        if (kind == QLatin1String("garbage"))
            // A key of bytes that are not UTF-8, with a terminal escape: the parser quotes what it read.
            QVERIFY(Home::writeFile(target, QByteArray("{\"\xff\xfe\x1b]0;owned\x07\x1b[2J\": 0}", 23)));
        const Run r = home.run(cli(), {QStringLiteral("info"), QStringLiteral("--model"), dir}, 15000);
        QVERIFY2(r.finished && !r.signalled && r.code == 2, qPrintable(r.summary()));
        QVERIFY2(r.log.contains(expected), qPrintable(r.log));
        QVERIFY2(printableText(r.bytes), qPrintable(r.log));
    }

    // A model in use stays valid when its model.safetensors is cut short or copied over: the
    // engine owns its bytes (a mapping would fault with SIGBUS on the next forward pass).
    void loadedModelSurvivesItsFileChanging_data() {
        QTest::addColumn<bool>("truncate");
        QTest::newRow("truncated") << true;
        QTest::newRow("copied over") << false;
    }
    void loadedModelSurvivesItsFileChanging() {
        QFETCH(bool, truncate);
        Home home;
        const std::string dir = home.path("home/model").toStdString();
        // GPT-2's tokenizer and a narrow model: every forward pass reads all of its 13 MB.
        const std::string tok = qEnvironmentVariable("AL_SHARED_DIR").toStdString() + "/gpt2-tokenizer";
        al::Config c = al::Model::gpt2_small_config();
        c.n_layer = 2;
        c.n_head = 2;
        c.n_embd = 64;
        c.n_positions = 128;
        testing_support::writeModelFolder(*al::Model::random(c, 7), dir, tok);
        QProcess bench;
        bench.setProcessEnvironment(home.env());
        bench.setProcessChannelMode(QProcess::MergedChannels);
        bench.start(cli(), {QStringLiteral("bench"), QStringLiteral("--model"), QString::fromStdString(dir),
                            QStringLiteral("--tokens"), QStringLiteral("64"), QStringLiteral("--repeat"), QStringLiteral("400")});
        QVERIFY(bench.waitForStarted(10000));
        QThread::msleep(700); // loaded, and in its forward passes
        QVERIFY2(bench.state() == QProcess::Running, "the bench ended before the file changed: make it longer");
        const QString weights = QString::fromStdString(dir + "/model.safetensors");
        if (truncate) {
            QVERIFY(::truncate(QFile::encodeName(weights).constData(), 0) == 0);
        } else {
            QFile f(weights); // as cp does: truncate, then write other bytes
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(Home::readFile(fixture() + QStringLiteral("/model.safetensors")));
        }
        QVERIFY(bench.waitForFinished(60000));
        QVERIFY2(bench.exitStatus() == QProcess::NormalExit && bench.exitCode() == 0,
                 qPrintable(QStringLiteral("exit %1: %2").arg(bench.exitCode()).arg(QString::fromUtf8(bench.readAll()))));
    }

    // The CLI and the app share one models folder: the app's, whatever the running program is
    // called, so a model the CLI downloads shows in the app's library. $AL_MODELS_DIR still wins.
    void cliUsesTheAppsModelsFolder() {
        Home home;
        const auto modelsFolder = [&](const QString& override) {
            QProcessEnvironment env = home.env();
            env.remove(QStringLiteral("AL_MODELS_DIR"));
            if (!override.isEmpty()) env.insert(QStringLiteral("AL_MODELS_DIR"), override);
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(cli(), {QStringLiteral("models")});
            if (!p.waitForFinished(30000) || p.exitCode() != 0) return QStringLiteral("failed: ") + QString::fromUtf8(p.readAllStandardError());
            return QJsonDocument::fromJson(p.readAllStandardOutput()).object().value(QStringLiteral("models_folder")).toString();
        };
        QCOMPARE(modelsFolder(QString()), home.dataDir() + QStringLiteral("/models"));
        QCOMPARE(modelsFolder(home.path("elsewhere")), home.path("elsewhere"));
    }

    // train-lab --out on a folder that holds anything but a model's files: refused before the
    // training, with exit code 2 and a message naming what else is there, and every file left as it
    // was. `--out .`, `--out DIR/sub/..` and the home folder itself are such folders too.
    void trainLabOutNeverDeletesOtherFiles_data() {
        QTest::addColumn<QString>("out"); // as typed, relative to the working folder "home/w"
        QTest::addColumn<QString>("folder"); // the folder it names, relative to the Home
        QTest::addColumn<QString>("named"); // a file the message names
        QTest::newRow("a project") << "proj" << "home/w/proj" << "a.txt";
        QTest::newRow("the working folder") << "." << "home/w" << "proj/";
        QTest::newRow("a folder through ..") << "d2/sub/.." << "home/w/d2" << "keep.txt";
        QTest::newRow("the home folder") << "HOME" << "home" << ".local/";
        QTest::newRow("a model folder with a note") << "model" << "home/w/model" << "notes.txt";
    }
    void trainLabOutNeverDeletesOtherFiles() {
        QFETCH(QString, out);
        QFETCH(QString, folder);
        QFETCH(QString, named);
        Home home;
        const QString work = home.path("home/w");
        QVERIFY(QDir().mkpath(work + QStringLiteral("/proj/sub")));
        QVERIFY(Home::writeFile(work + QStringLiteral("/proj/a.txt"), "x\n"));
        QVERIFY(QDir().mkpath(work + QStringLiteral("/d2/sub")));
        QVERIFY(Home::writeFile(work + QStringLiteral("/d2/keep.txt"), "mine\n"));
        QVERIFY(QDir().mkpath(work + QStringLiteral("/model")));
        for (const char* f : {"config.json", "model.safetensors", "vocab.json", "merges.txt"})
            QVERIFY(QFile::copy(fixture() + QLatin1Char('/') + QLatin1String(f), work + QStringLiteral("/model/") + QLatin1String(f)));
        QVERIFY(Home::writeFile(work + QStringLiteral("/model/notes.txt"), "what I found\n"));
        QVERIFY(Home::writeFile(home.progressFile(), "{\"format\": \"attention-lens-progress\"}\n"));
        const auto everything = [&] {
            QMap<QString, QByteArray> files;
            QDirIterator it(home.path("home"), QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString p = it.next();
                files.insert(p, QFileInfo(p).isDir() ? QByteArray("folder") : Home::readFile(p));
            }
            return files;
        };
        const QMap<QString, QByteArray> before = everything();
        const QString arg = out == QLatin1String("HOME") ? home.path("home") : out;
        const Run r = home.run(cli(), {QStringLiteral("train-lab"), QStringLiteral("--steps"), QStringLiteral("2"),
                                       QStringLiteral("--out"), arg}, 60000, work);
        QVERIFY2(r.finished && !r.signalled && r.code == 2, qPrintable(r.summary()));
        QVERIFY2(r.log.contains(QStringLiteral("exists and holds other files")) && r.log.contains(named) &&
                     r.log.contains(QStringLiteral("give a new or empty folder")),
                 qPrintable(r.log));
        QVERIFY2(!r.log.contains(QStringLiteral("\"step\"")), "it trained before refusing");
        QCOMPARE(everything(), before);
        // Nothing was left beside the folder either.
        const QDir parent = QFileInfo(home.path(qPrintable(folder))).dir();
        for (const QString& e : parent.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
            QVERIFY2(!e.contains(QStringLiteral(".writing-")) && !e.contains(QStringLiteral(".previous-")), qPrintable(e));
    }

    // An empty folder, and a folder of a model written before, are what --out may fill or replace.
    void trainLabOutFillsAnEmptyFolderAndReplacesAModel() {
        Home home;
        const QString out = home.path("home/empty");
        QVERIFY(QDir().mkpath(out));
        // A private folder stays private once filled (the new folder takes its permissions).
        QVERIFY(QFile::setPermissions(out, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        const QStringList train{QStringLiteral("train-lab"), QStringLiteral("--steps"), QStringLiteral("2"),
                                QStringLiteral("--out"), out};
        const Run first = home.run(cli(), train, 60000);
        QVERIFY2(first.finished && first.code == 0, qPrintable(first.summary()));
        const QStringList files{"config.json", "merges.txt", "model.safetensors", "vocab.json"};
        QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), files);
        QCOMPARE(QFileInfo(out).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
        const Run second = home.run(cli(), train + QStringList{QStringLiteral("--layers"), QStringLiteral("1")}, 60000);
        QVERIFY2(second.finished && second.code == 0, qPrintable(second.summary()));
        QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), files);
        QVERIFY(Home::readFile(out + QStringLiteral("/config.json")).contains("\"n_layer\": 1"));
        QCOMPARE(QDir(home.path("home")).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 (QStringList{".cache", ".config", ".local", "empty"}));
    }

    // Without a display (an ssh session: no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM) the app
    // answers --help and --version, refuses a bad option with exit 2, and says why no window opens,
    // never aborting in Qt's platform plugin.
    void withoutADisplayTheAppSaysWhy() {
        Home home;
        for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            home.removeEnv(name);
        const Run help = home.run(app(), {QStringLiteral("--help")}, 30000);
        QVERIFY2(help.finished && !help.signalled && help.code == 0 && help.log.contains(QStringLiteral("--screenshot")), qPrintable(help.summary()));
        const Run bad = home.run(app(), {QStringLiteral("--no-such-option")}, 30000);
        QVERIFY2(bad.finished && !bad.signalled && bad.code == 2 && bad.log.contains(QStringLiteral("no-such-option")), qPrintable(bad.summary()));
        const Run open = home.run(app(), {QStringLiteral("--station"), QStringLiteral("lens")}, 30000);
        QVERIFY2(open.finished && !open.signalled && open.code == 2 && open.log.contains(QStringLiteral("QT_QPA_PLATFORM=offscreen")),
                 qPrintable(open.summary()));
    }

    // A --screenshot larger than the memory there is (16384x16384 drawn at scale 16: about 800 GB)
    // is refused up front with exit 2 and the sizes, not left to crash in Qt's raster engine.
    void aScreenshotLargerThanMemoryIsRefused() {
        Home home;
        home.setEnv("QT_SCALE_FACTOR", "16");
        const QString png = home.path("tmp") + QStringLiteral("/big.png");
        const Run r = home.run(app(), {QStringLiteral("--station"), QStringLiteral("mask"), QStringLiteral("--size"), QStringLiteral("16384x16384"),
                                       QStringLiteral("--screenshot"), png}, 60000);
        QVERIFY2(r.finished && !r.signalled && r.code == 2 && r.log.contains(QStringLiteral("needs about")) &&
                     r.log.contains(QStringLiteral("smaller --size")),
                 qPrintable(r.summary()));
        QVERIFY(!QFileInfo::exists(png));
    }

    // train-lab --out over a model on a full disk: it fails, and the model that was there still
    // loads, byte for byte. Needs a small disk: a tmpfs, which only root can mount.
    void trainLabOutIsAtomicOnAFullDisk() {
        if (::geteuid() != 0)
            QSKIP("a full disk is a small tmpfs here, and mounting one needs root");
        Home home;
        const QString disk = home.path("disk");
        QDir().mkpath(disk);
        if (::mount("tmpfs", QFile::encodeName(disk).constData(), "tmpfs", 0, "size=2m") != 0)
            QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs (%1)").arg(QString::fromLocal8Bit(std::strerror(errno)))));
        struct Unmount {
            QByteArray at;
            ~Unmount() { ::umount2(at.constData(), MNT_DETACH); }
        } unmount{QFile::encodeName(disk)};
        const QString out = disk + QStringLiteral("/model");
        const QStringList train{QStringLiteral("train-lab"), QStringLiteral("--steps"), QStringLiteral("1"),
                                QStringLiteral("--out"), out};
        const Run first = home.run(cli(), train, 60000);
        QVERIFY2(first.finished && first.code == 0, qPrintable(first.summary()));
        QMap<QString, QByteArray> before;
        for (const QString& f : QDir(out).entryList(QDir::Files))
            before.insert(f, Home::readFile(out + QLatin1Char('/') + f));
        QVERIFY(before.size() >= 4);

        // Fill the disk but for a few KiB: less than one model, more than its config.json.
        {
            QFile filler(disk + QStringLiteral("/filler"));
            QVERIFY(filler.open(QIODevice::WriteOnly));
            const QByteArray block(4096, 'x');
            while (filler.write(block) == block.size() && filler.flush()) {}
            filler.close();
            struct statvfs vfs {};
            ::statvfs(QFile::encodeName(disk).constData(), &vfs);
            QVERIFY(::truncate(QFile::encodeName(filler.fileName()).constData(),
                               std::max<off_t>(0, off_t(filler.size()) - 24 * 1024)) == 0);
        }
        // Another shape, so that a config.json written over the old one would not match its weights.
        const Run second = home.run(cli(), train + QStringList{QStringLiteral("--layers"), QStringLiteral("1")}, 60000);
        QVERIFY2(second.finished && !second.signalled && second.code != 0, qPrintable(second.summary()));
        // Refused before training, the need and what is free written so that they differ on the page.
        const QRegularExpressionMatch said =
            QRegularExpression(QStringLiteral("it needs about (.+), and (.+) are free")).match(second.log);
        QVERIFY2(said.hasMatch() && said.captured(1) != said.captured(2), qPrintable(second.log));
        QVERIFY2(said.captured(2).endsWith(QStringLiteral(" kB")), qPrintable(second.log)); // not "0.0 MB"
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QVERIFY2(Home::readFile(out + QLatin1Char('/') + it.key()) == it.value(), qPrintable(it.key() + " changed"));
        QCOMPARE(QDir(disk).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 (QStringList{"filler", "model"}));
        const Run info = home.run(cli(), {QStringLiteral("info"), QStringLiteral("--model"), out}, 20000);
        QVERIFY2(info.finished && info.code == 0, qPrintable(info.summary()));
    }
};

QTEST_GUILESS_MAIN(TestHostileState)
#include "test_hostile_state.moc"

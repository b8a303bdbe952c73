// A home folder of its own for one run of the app or the CLI: HOME, the XDG folders and TMPDIR all
// point inside a temporary folder, beside an "outside" folder of files the app has no business
// touching (the targets of planted links). Shared by the hostile-state tests.
#pragma once
#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QThread>

#include <sys/resource.h>
#include <sys/stat.h>

namespace hostile {

// What a finished run did: how it ended and what it said.
struct Run {
    bool finished = false; // ended within its time limit
    bool signalled = false; // ended by a signal (a crash: SIGSEGV, SIGBUS, SIGABRT...)
    int code = -1;
    QString log;
    QByteArray bytes; // the log as written, to check what reached the terminal
    qint64 ms = 0;
    QString summary() const {
        return QStringLiteral("finished=%1 signalled=%2 code=%3 after %4 ms; log: %5")
            .arg(finished).arg(signalled).arg(code).arg(ms).arg(log.right(1500));
    }
};

class Home {
public:
    Home() {
        for (const char* d : {"home/.config", "home/.local/share", "home/.cache", "tmp", "outside"})
            QDir().mkpath(root_.filePath(QString::fromLatin1(d)));
        env_ = QProcessEnvironment::systemEnvironment();
        env_.insert(QStringLiteral("HOME"), path("home"));
        env_.insert(QStringLiteral("XDG_CONFIG_HOME"), path("home/.config"));
        env_.insert(QStringLiteral("XDG_DATA_HOME"), path("home/.local/share"));
        env_.insert(QStringLiteral("XDG_CACHE_HOME"), path("home/.cache"));
        env_.insert(QStringLiteral("TMPDIR"), path("tmp"));
        env_.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env_.insert(QStringLiteral("OPENBLAS_NUM_THREADS"), QStringLiteral("1"));
        // A file outside the app's folders, there to be a link's target: it must never change.
        writeFile(outside("victim.txt"), QByteArray("the learner's own file, 1,221 bytes in the report\n").repeated(20));
        snapshot_ = listing(path("outside"));
    }
    bool valid() const { return root_.isValid(); }
    QString path(const char* rel) const { return root_.filePath(QString::fromLatin1(rel)); }
    QString outside(const QString& name) const { return path("outside") + QLatin1Char('/') + name; }
    QString settingsFile() const { return path("home/.config") + QStringLiteral("/Attention Lens/Attention Lens.conf"); }
    QString dataDir() const { return path("home/.local/share") + QStringLiteral("/Attention Lens/Attention Lens"); }
    QString progressFile() const { return dataDir() + QStringLiteral("/progress.json"); }
    QProcessEnvironment env() const { return env_; }
    void removeEnv(const char* name) { env_.remove(QString::fromLatin1(name)); }
    void setEnv(const char* name, const char* value) { env_.insert(QString::fromLatin1(name), QString::fromLatin1(value)); }

    // "" when every file outside the app's folders is as it was; else what changed.
    QString outsideChanges() const {
        const QMap<QString, QByteArray> now = listing(path("outside"));
        return now == snapshot_ ? QString() : QStringLiteral("files outside the app's folders changed");
    }

    // Files beside `file` whose names start with its name and `suffix` (what was set aside).
    static QStringList besides(const QString& file, const QString& suffix) {
        const QFileInfo fi(file);
        return QDir(fi.absolutePath()).entryList({fi.fileName() + suffix + QLatin1Char('*')},
                                                 QDir::AllEntries | QDir::System | QDir::Hidden);
    }

    static bool writeFile(const QString& path, const QByteArray& bytes) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
    }
    static QByteArray readFile(const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static bool isRegular(const QString& path) {
        struct stat st {};
        return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISREG(st.st_mode);
    }

    // Runs `program` here (in `cwd` if given) and waits up to `ms`; a run past it is killed and
    // reported unfinished.
    // A `fileSizeLimit` in bytes is set on the child as `ulimit -f` would.
    Run run(const QString& program, const QStringList& args, int ms, const QString& cwd = QString(),
            rlim_t fileSizeLimit = 0) const {
        QProcess p;
        if (fileSizeLimit > 0)
            p.setChildProcessModifier([fileSizeLimit] {
                const rlimit limit{fileSizeLimit, fileSizeLimit};
                ::setrlimit(RLIMIT_FSIZE, &limit);
            });
        p.setProcessEnvironment(env_);
        if (!cwd.isEmpty()) p.setWorkingDirectory(cwd);
        p.setProcessChannelMode(QProcess::MergedChannels);
        QElapsedTimer clock;
        clock.start();
        p.start(program, args);
        Run out;
        out.finished = p.waitForFinished(ms);
        if (!out.finished) {
            p.kill();
            p.waitForFinished(5000);
        }
        out.ms = clock.elapsed();
        out.bytes = p.readAll();
        out.log = QString::fromUtf8(out.bytes);
        out.signalled = out.finished && p.exitStatus() == QProcess::CrashExit;
        out.code = p.exitCode();
        return out;
    }

private:
    static QMap<QString, QByteArray> listing(const QString& dir) {
        QMap<QString, QByteArray> out;
        QDirIterator it(dir, QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString p = it.next();
            struct stat st {};
            ::lstat(QFile::encodeName(p).constData(), &st);
            out.insert(p, QByteArray::number(int(st.st_mode)) + ' ' + QByteArray::number(qint64(st.st_mtim.tv_sec)) +
                              '.' + QByteArray::number(qint64(st.st_mtim.tv_nsec)) + ' ' +
                              (S_ISREG(st.st_mode) ? readFile(p) : QByteArray()));
        }
        return out;
    }

    QTemporaryDir root_;
    QProcessEnvironment env_;
    QMap<QString, QByteArray> snapshot_;
};

} // namespace hostile

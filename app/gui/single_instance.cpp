#include "single_instance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QSysInfo>
#include <QThread>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

#include "storage/state_file.h"

namespace {
// One name per user and data folder: a socket name may not hold the path itself (length limits).
QString serverNameFor(const QString& dataDir) {
    const QByteArray key = QFileInfo(dataDir).absoluteFilePath().toUtf8() + '\n' + QByteArray::number(::getuid());
    return QStringLiteral("attention-lens-") +
           QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(20));
}
} // namespace

SingleInstance::SingleInstance(const QString& dataDir, QObject* parent)
    : QObject(parent),
      lockPath_(QDir(dataDir).filePath(QStringLiteral("instance.lock"))),
      serverName_(serverNameFor(dataDir)),
      lock_(lockPath_) {
    QDir().mkpath(dataDir);
    // Never stale by age: the app stays open for hours. A lock whose process is gone is still
    // recognised as stale and taken over.
    lock_.setStaleLockTime(0);
}

bool SingleInstance::acquire(int waitMs) {
    clearUnusableLock();
    if (lock_.tryLock(waitMs))
        return true;
    if (lock_.error() != QLockFile::LockFailedError) {
        // No lock can be made here (a read-only folder, a full disk, no inodes left): another copy
        // may still be running, so the caller asks it first (raiseOther), then runs unlocked.
        lockProblem_ = whyNoLock();
        return true;
    }
    // The lock may have become unusable while this copy waited (a copy killed between creating
    // and writing it): once cleared, it is taken at once.
    return clearUnusableLock() && (lock_.tryLock(0) || lock_.error() != QLockFile::LockFailedError);
}

// QLockFile says only "permission" or "unknown": a file created and written beside the lock
// gives the system's own words (No space left on device, Read-only file system...). It is written
// as much as a lock file holds, because a full disk may still have an inode for an empty file.
QString SingleInstance::whyNoLock() const {
    QByteArray probe = QFile::encodeName(lockPath_) + ".probe-XXXXXX";
    const int fd = ::mkstemp(probe.data());
    QString why;
    if (fd < 0) {
        why = QString::fromLocal8Bit(std::strerror(errno));
    } else {
        const QByteArray lockSized(256, 'x');
        const ssize_t wrote = ::write(fd, lockSized.constData(), size_t(lockSized.size()));
        const int writeErrno = errno;
        const bool synced = wrote == lockSized.size() && ::fsync(fd) == 0;
        const int syncErrno = errno;
        ::close(fd);
        ::unlink(probe.constData());
        if (wrote < 0)
            why = QString::fromLocal8Bit(std::strerror(writeErrno));
        else if (wrote != lockSized.size())
            why = QString::fromLocal8Bit(std::strerror(ENOSPC));
        else if (!synced)
            why = QString::fromLocal8Bit(std::strerror(syncErrno));
        else
            why = lock_.error() == QLockFile::PermissionError ? QStringLiteral("permission denied")
                                                              : QStringLiteral("unknown error");
    }
    return tr("could not lock the data folder (%1: %2); a second copy opened now would not be noticed")
        .arg(QDir::toNativeSeparators(lockPath_), why);
}

// QLockFile never takes over a lock file whose contents it cannot read (with no stale age set,
// which the app needs: it stays open for hours), so a lock file left empty by a crash between its
// creation and its write, or a folder or a link in its place, would lock the learner out for good.
// A lock file that names no process is stale: removed. Anything but a regular file is set aside,
// like the app's other unusable files.
namespace {
constexpr qint64 kMaxLockFileBytes = 4096;
} // namespace

bool SingleInstance::clearUnusableLock() {
    const QByteArray local = QFile::encodeName(lockPath_);
    struct stat st {};
    if (::lstat(local.constData(), &st) != 0)
        return false;
    // A lock file holds a process id, an application and a host name: a few dozen bytes. A larger
    // one (a sparse file of gigabytes) is no lock file, and reading it would fill memory.
    const bool tooLarge = S_ISREG(st.st_mode) && st.st_size > kMaxLockFileBytes;
    if (!S_ISREG(st.st_mode) || tooLarge) {
        const QString aside = al::app::setFileAside(lockPath_);
        if (aside.isEmpty())
            return false;
        const QString what = tooLarge ? tr("larger than a lock file can be") : S_ISLNK(st.st_mode) ? tr("a symbolic link")
                             : S_ISDIR(st.st_mode) ? tr("a folder") : tr("not a regular file");
        notice_ = tr("The lock file %1 could not be used because it was %2. It was kept as %3.")
                      .arg(QDir::toNativeSeparators(lockPath_), what, QDir::toNativeSeparators(aside));
        return true;
    }
    qint64 pid = 0;
    QString host, app;
    if (lock_.getLockInfo(&pid, &host, &app))
        return false; // it names a process: QLockFile knows whether that one still runs
    // Another copy may be between creating the file and writing its process id: look again after
    // a moment before calling it stale.
    QThread::msleep(300);
    if (lock_.getLockInfo(&pid, &host, &app))
        return false;
    struct stat again {};
    if (::lstat(local.constData(), &again) != 0 || again.st_ino != st.st_ino || again.st_dev != st.st_dev)
        return false; // replaced meanwhile: tryLock judges the new one
    return ::unlink(local.constData()) == 0;
}

QString SingleInstance::holder() const {
    qint64 pid = 0;
    QString host, app;
    if (!lock_.getLockInfo(&pid, &host, &app))
        return QString();
    if (host.isEmpty() || host == QSysInfo::machineHostName())
        return tr("process %1 on this computer").arg(pid);
    return tr("process %1 on the computer \"%2\"").arg(pid).arg(host);
}

bool SingleInstance::raiseOther(int waitMs) {
    // The first copy listens once its window exists (a model and the interface load first), so
    // connecting is tried again until `waitMs` has passed.
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < waitMs) {
        QLocalSocket socket;
        socket.connectToServer(serverName_);
        if (socket.waitForConnected(500)) {
            socket.write("raise\n");
            socket.waitForBytesWritten(2000);
            // The first copy answers once it has raised its window.
            return socket.waitForReadyRead(std::max(500, int(waitMs - clock.elapsed()))) && socket.readAll().startsWith("ok");
        }
        QThread::msleep(200);
    }
    return false;
}

void SingleInstance::listen(std::function<void()> raise) {
    // Holding the lock, any socket of that name is a leftover of a copy that crashed. Without the
    // lock it may be a running copy's: left alone.
    if (lockProblem_.isEmpty())
        QLocalServer::removeServer(serverName_);
    server_.setSocketOptions(QLocalServer::UserAccessOption);
    if (!server_.listen(serverName_))
        return; // a later launch then says the course is open and exits without raising it
    connect(&server_, &QLocalServer::newConnection, this, [this, raise] {
        while (QLocalSocket* s = server_.nextPendingConnection()) {
            connect(s, &QLocalSocket::disconnected, s, &QObject::deleteLater);
            connect(s, &QLocalSocket::readyRead, s, [s, raise] {
                if (!s->readAll().startsWith("raise"))
                    return;
                raise();
                s->write("ok\n");
                s->flush();
            });
        }
    });
}

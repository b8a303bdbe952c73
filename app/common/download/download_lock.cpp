// The lock that keeps two downloads of one model from writing the same .part files. QLockFile
// opens and reads the file it finds, and never takes over one whose contents it cannot read: a
// named pipe there would block the open for good (on the GUI thread), a huge file would be read
// whole, and an empty file, a folder or a dangling link would refuse every later download. So the
// path is looked at first without following links or opening it, as the app's instance lock is.
#include <QDir>
#include <QThread>
#include <sys/stat.h>
#include <unistd.h>

#include "download/model_downloader_p.h"
#include "download/staged_file.h"
#include "storage/state_file.h"

namespace al::download {

namespace {
// A lock file holds a process id, an application and a host name: a few dozen bytes.
constexpr qint64 kMaxLockFileBytes = 4096;
} // namespace

QString ModelDownloader::clearUnusableLock(const QString& path) {
    const QByteArray local = QFile::encodeName(path);
    struct stat st {};
    if (::lstat(local.constData(), &st) != 0)
        return QString(); // none: tryLock creates it
    const bool tooLarge = S_ISREG(st.st_mode) && st.st_size > kMaxLockFileBytes;
    if (!S_ISREG(st.st_mode) || tooLarge) {
        const QString what = tooLarge ? tr("larger than a lock file can be") : S_ISLNK(st.st_mode) ? tr("a symbolic link")
                             : S_ISDIR(st.st_mode) ? tr("a folder") : tr("not a regular file");
        const QString aside = al::app::setFileAside(path);
        if (aside.isEmpty())
            return tr("The lock file %1 cannot be used: it is %2. Delete it and start the download again.")
                .arg(QDir::toNativeSeparators(path), what);
        d->notice = tr("The lock file %1 could not be used because it was %2. It was kept as %3.")
                        .arg(QDir::toNativeSeparators(path), what, QDir::toNativeSeparators(aside));
        return QString();
    }
    qint64 pid = 0;
    QString host, app;
    if (d->lock->getLockInfo(&pid, &host, &app))
        return QString(); // it names a process: QLockFile knows whether that one still runs
    // Another download may be between creating the file and writing its process id: look again
    // after a moment before calling it stale.
    QThread::msleep(300);
    if (d->lock->getLockInfo(&pid, &host, &app))
        return QString();
    struct stat again {};
    if (::lstat(local.constData(), &again) != 0 || again.st_ino != st.st_ino || again.st_dev != st.st_dev)
        return QString(); // replaced meanwhile: tryLock judges the new one
    if (::unlink(local.constData()) != 0)
        return tr("The lock file %1 names no download and cannot be removed. Delete it and start the download again.")
            .arg(QDir::toNativeSeparators(path));
    return QString();
}

// Earlier versions kept the lock beside the staging folders, as "<name>.lock". A download they
// still run is waited for; a lock file of theirs whose process has gone is removed, once. Only a
// regular file naming a process is looked at there: anything else may be the staging folder of a
// repository called "<name>.lock", which is not ours to touch.
bool ModelDownloader::heldByAnEarlierVersion(const QString& oldPath) {
    if (!isRegularFile(oldPath))
        return false;
    QLockFile old(oldPath);
    old.setStaleLockTime(0);
    qint64 pid = 0;
    QString host, app;
    if (!old.getLockInfo(&pid, &host, &app))
        return false;
    if (!old.tryLock(0))
        return old.error() == QLockFile::LockFailedError;
    old.unlock(); // removes the stale file
    return false;
}

} // namespace al::download

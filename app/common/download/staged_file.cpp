#include "download/staged_file.h"

#include <QDir>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace al::download {

namespace {
// Opens without truncating or creating through a link; fstat then tells what was opened.
int openNoFollow(const QByteArray& local, int flags) { return ::open(local.constData(), flags, 0644); }

QString whyNotOpened(const QString& path) {
    // A link is reported as ELOOP; a pipe opened for writing with no reader as ENXIO.
    if (errno == ELOOP)
        return QStringLiteral("%1 is a symbolic link, which is never followed").arg(path);
    if (errno == ENXIO)
        return QStringLiteral("%1 is not a regular file").arg(path);
    return QString::fromLocal8Bit(std::strerror(errno));
}
} // namespace

QString openStagedFile(QFile& file, const QString& path, QIODevice::OpenMode mode) {
    const QByteArray local = QFile::encodeName(path);
    const bool writing = (mode & QIODevice::WriteOnly) != 0;
    // Never O_TRUNC: the file is truncated only once it is known to be ours (see below).
    const int flags = O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK
                      | (writing ? (O_WRONLY | O_CREAT | ((mode & QIODevice::Append) ? O_APPEND : 0)) : O_RDONLY);
    int fd = openNoFollow(local, flags);
    if (fd < 0)
        return whyNotOpened(path);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return QStringLiteral("%1 is not a regular file").arg(path);
    }
    // A file with a second name (a hard link) is also a file elsewhere, perhaps outside the
    // models folder: writing would change that file. The staged name itself is removed and a
    // fresh file made in its place; what it was linked to is left as it was.
    if (writing && st.st_nlink != 1) {
        ::close(fd);
        if (::unlink(local.constData()) != 0)
            return QStringLiteral("%1 has other names (hard links) and cannot be removed (%2)")
                .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        fd = openNoFollow(local, flags | O_EXCL);
        if (fd < 0)
            return whyNotOpened(path);
    } else if (writing && !(mode & QIODevice::Append) && ::ftruncate(fd, 0) != 0) {
        const int e = errno;
        ::close(fd);
        return QString::fromLocal8Bit(std::strerror(e));
    }
    // A regular file never blocks; the flag only kept the open itself from waiting on a pipe.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if (!file.open(fd, mode, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return file.errorString();
    }
    return QString();
}

int appendStaged(QFile& file, const QByteArray& bytes) {
    const char* data = bytes.constData();
    qint64 left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(file.handle(), data, size_t(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        data += n;
        left -= n;
    }
    return 0;
}

QStringList removeSpecialEntries(const QString& folder) {
    QStringList removed;
    const QStringList names = QDir(folder).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString& name : names) {
        const QByteArray local = QFile::encodeName(folder + QLatin1Char('/') + name);
        struct stat st {};
        if (::lstat(local.constData(), &st) != 0 || (S_ISREG(st.st_mode) && st.st_nlink == 1) || S_ISDIR(st.st_mode))
            continue;
        if (::unlink(local.constData()) == 0)
            removed << name;
    }
    return removed;
}

bool isRegularFile(const QString& path) {
    struct stat st {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISREG(st.st_mode);
}

} // namespace al::download

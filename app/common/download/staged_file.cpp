#include "download/staged_file.h"

#include <QDir>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace al::download {

QString openStagedFile(QFile& file, const QString& path, QIODevice::OpenMode mode) {
    const QByteArray local = QFile::encodeName(path);
    int flags = O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK;
    if (mode & QIODevice::WriteOnly) {
        flags |= O_WRONLY | O_CREAT;
        flags |= (mode & QIODevice::Append) ? O_APPEND : O_TRUNC;
    } else {
        flags |= O_RDONLY;
    }
    const int fd = ::open(local.constData(), flags, 0644);
    if (fd < 0) {
        // A link is reported as ELOOP; a pipe opened for writing with no reader as ENXIO.
        if (errno == ELOOP)
            return QStringLiteral("%1 is a symbolic link, which is never followed").arg(path);
        if (errno == ENXIO)
            return QStringLiteral("%1 is not a regular file").arg(path);
        return QString::fromLocal8Bit(std::strerror(errno));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return QStringLiteral("%1 is not a regular file").arg(path);
    }
    // A regular file never blocks; the flag only kept the open itself from waiting on a pipe.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if (!file.open(fd, mode, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return file.errorString();
    }
    return QString();
}

QStringList removeSpecialEntries(const QString& folder) {
    QStringList removed;
    const QStringList names = QDir(folder).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString& name : names) {
        const QByteArray local = QFile::encodeName(folder + QLatin1Char('/') + name);
        struct stat st {};
        if (::lstat(local.constData(), &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
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

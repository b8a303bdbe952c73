#include "storage/state_file.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "attention_lens/safe_file.h"

namespace al::app {

namespace {
// Messages are translated in StateFile's context (written out at each call, so lupdate files them there).
std::string local(const QString& path) { return QFile::encodeName(path).toStdString(); }
} // namespace

StateFileRead readStateFile(const QString& path, qint64 maxBytes) {
    StateFileRead out;
    al::FileBytes read = al::read_regular_file(local(path), quint64(maxBytes), al::Links::Refuse);
    switch (read.problem) {
    case al::FileProblem::None:
        out.bytes = QByteArray(read.bytes.data(), qsizetype(read.bytes.size()));
        break;
    case al::FileProblem::Missing:
        out.missing = true;
        break;
    case al::FileProblem::Link:
        out.problem = QCoreApplication::translate("StateFile", "it is a symbolic link, and the app does not read or write through links");
        break;
    case al::FileProblem::NotRegular:
        out.problem = QCoreApplication::translate("StateFile", "it is %1, not a regular file").arg(QString::fromStdString(read.kind));
        break;
    case al::FileProblem::TooLarge:
        out.problem = QCoreApplication::translate("StateFile", "it is %1 bytes, far more than such a file can hold (at most %2)").arg(read.size).arg(maxBytes);
        break;
    case al::FileProblem::Unreadable:
        out.problem = read.kind == "changed" ? QCoreApplication::translate("StateFile", "it changed while it was read")
                                              : QCoreApplication::translate("StateFile", "it could not be read (%1)").arg(QString::fromLocal8Bit(std::strerror(read.error)));
        break;
    }
    return out;
}

QString writeFileAtomically(const QString& path, const QByteArray& bytes) {
    const std::string why = al::write_file_atomically(local(path), std::string_view(bytes.constData(), size_t(bytes.size())));
    return QString::fromLocal8Bit(why.c_str());
}

QString setFileAside(const QString& path) {
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QByteArray from = QFile::encodeName(path);
    // Two files set aside in the same second (or one set aside before under the same name) must
    // not overwrite each other: the first free name of "<stamp>", "<stamp>-2", "<stamp>-3"... is
    // taken, and RENAME_NOREPLACE makes taking it atomic. rename() moves a link or a special file
    // as it is, and never opens it.
    for (int n = 1; n <= 1000; ++n) {
        const QString aside = path + QStringLiteral(".unusable-") + stamp + (n > 1 ? QStringLiteral("-%1").arg(n) : QString());
        const QByteArray to = QFile::encodeName(aside);
        if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE) == 0)
            return aside;
        if (errno == EEXIST)
            continue;
        if (errno != EINVAL && errno != ENOSYS)
            return QString();
        // A file system without RENAME_NOREPLACE: look first, then rename.
        struct stat st {};
        if (::lstat(to.constData(), &st) == 0)
            continue;
        return std::rename(from.constData(), to.constData()) == 0 ? aside : QString();
    }
    return QString();
}

void removeStaleTemporaries(const QString& path, long minAgeSeconds) {
    al::remove_stale_temporaries(local(path), minAgeSeconds);
}

} // namespace al::app

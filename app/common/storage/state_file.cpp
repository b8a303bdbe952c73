#include "storage/state_file.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
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
    const QString aside = path + QStringLiteral(".unusable-") + stamp;
    // rename() moves a link or a special file as it is, and never opens it.
    return std::rename(QFile::encodeName(path).constData(), QFile::encodeName(aside).constData()) == 0 ? aside : QString();
}

void removeStaleTemporaries(const QString& path) { al::remove_stale_temporaries(local(path)); }

} // namespace al::app

#include "settings_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStringDecoder>
#include <QTemporaryDir>

#include "storage/state_file.h"

namespace settings_file {

// Its messages are translated in AppState's context: AppState shows them in its notice.

namespace {

// A private folder (mode 0700, a fresh random name) where QSettings reads and writes its copies.
const QTemporaryDir& scratch() {
    static const QTemporaryDir dir;
    return dir;
}

QString scratchFile(const char* name) { return scratch().filePath(QString::fromLatin1(name)); }

} // namespace

Contents parse(const QByteArray& bytes) {
    Contents out;
    out.bytes = bytes;
    // INI text is UTF-8 without NUL bytes; anything else is not a file the app wrote.
    QStringDecoder utf8(QStringDecoder::Utf8);
    (void)QString(utf8(bytes));
    if (bytes.contains('\0') || utf8.hasError()) {
        out.problem = QCoreApplication::translate("AppState", "it is not a settings file (it holds binary data)");
        return out;
    }
    const QString copy = scratchFile("read.conf");
    QFile::remove(copy);
    {
        QFile f(copy);
        if (!scratch().isValid() || !f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
            out.notParsed = true;
            return out;
        }
    }
    QSettings settings(copy, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError) {
        out.problem = QCoreApplication::translate("AppState", "it is not a settings file in the format the app writes");
        return out;
    }
    for (const QString& key : settings.allKeys())
        out.values.insert(key, settings.value(key));
    return out;
}

Contents read(const QString& path) {
    const al::app::StateFileRead file = al::app::readStateFile(path, kMaxBytes);
    if (file.missing) {
        Contents out;
        out.missing = true;
        return out;
    }
    if (!file.problem.isEmpty()) {
        Contents out;
        out.problem = file.problem;
        return out;
    }
    return parse(file.bytes);
}

QString write(const QString& path, const QVariantMap& values, QByteArray* written) {
    if (!scratch().isValid())
        return QCoreApplication::translate("AppState", "no temporary folder");
    const QString copy = scratchFile("write.conf");
    QFile::remove(copy);
    {
        QSettings settings(copy, QSettings::IniFormat);
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            settings.setValue(it.key(), it.value());
        settings.sync();
        if (settings.status() != QSettings::NoError)
            return QCoreApplication::translate("AppState", "the temporary folder is full or read-only");
    }
    // QSettings writes no file at all for no values: then the settings file is empty.
    QFile f(copy);
    if (f.exists() && !f.open(QIODevice::ReadOnly))
        return f.errorString();
    const QByteArray bytes = f.isOpen() ? f.readAll() : QByteArray();
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString why = al::app::writeFileAtomically(path, bytes);
    if (why.isEmpty() && written)
        *written = bytes;
    return why;
}

} // namespace settings_file

#include "settings_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRect>
#include <QRectF>
#include <QSettings>
#include <QStringDecoder>
#include <QTemporaryDir>

#include <algorithm>
#include <cctype>

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

// A private copy (and the lock file QSettings makes beside it) is removed as soon as it has been
// read or written: a process killed later leaves an empty folder behind, not a copy of the settings.
struct RemovedAfterUse {
    QString path;
    ~RemovedAfterUse() {
        QFile::remove(path);
        QFile::remove(path + QStringLiteral(".lock"));
    }
};

bool isOctal(char c) { return c >= '0' && c <= '7'; }
bool isHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// Whether an escape in INI text (\x followed by hex digits, \ followed by octal digits) can stand
// for '@': QSettings unescapes before it looks for "@Variant(", so "\x40Variant(" is one too. Every
// prefix of the digits is tried (however many digits QSettings reads, and whatever it keeps of a
// wide value), so this answers yes whenever QSettings could read an '@'.
bool hasEscapedAt(const QByteArray& text) {
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != '\\')
            continue;
        const bool hex = text[i + 1] == 'x';
        quint32 value = 0;
        for (qsizetype j = hex ? i + 2 : i + 1; j < text.size() && (hex ? isHex(text[j]) : isOctal(text[j])); ++j) {
            const int digit = hex ? QByteArray(1, text[j]).toInt(nullptr, 16) : text[j] - '0';
            value = value * (hex ? 16u : 8u) + quint32(digit);
            if ((value & 0xffffu) == 0x40u)
                return true;
        }
        ++i; // skip the escaped character: in "\\\\x40" the backslash is escaped and "x40" is plain text
    }
    return false;
}

// The one binary value an earlier version of the app wrote: the window's geometry as a QRectF
// ("@Variant(" + type 20 + four doubles), under [window]. Its type is fixed by the text (so
// QDataStream reads four numbers and nothing it must allocate for) and its length is bounded.
bool isLegacyGeometryLine(const QByteArray& line, const QByteArray& section) {
    static const QByteArray head = "geometry=@Variant(\\0\\0\\0\\x14";
    if (section != "[window]")
        return false;
    QByteArray value = line.trimmed();
    if (!value.startsWith("geometry=\"")) {
        if (!value.startsWith(head))
            return false;
    } else {
        if (!value.endsWith('"'))
            return false;
        value = "geometry=" + value.mid(10, value.size() - 11);
        if (!value.startsWith(head))
            return false;
    }
    return value.size() <= head.size() + 160 && value.endsWith(')') && value.size() > head.size() &&
           !isHex(value[head.size()]) && value.count("@Variant(") == 1;
}

// "" when QSettings may parse `text`; else why not. QSettings decodes "@Variant(...)" (and
// "@DateTime(...)") with QDataStream, which recurses once per nested list and reserves whatever
// element count the bytes claim: a few hundred kilobytes overflow the stack, 20 bytes reserve
// gigabytes. The app writes only text, booleans, lists of text and a rectangle ("@Rect(...)"), none
// of which needs that form; only the geometry an earlier version wrote is still read.
QString binaryValueProblem(const QByteArray& text) {
    const QString refused = QCoreApplication::translate(
        "AppState", "it holds a value in a binary form (@Variant) that the app does not write");
    if (text.contains("@DateTime(") || hasEscapedAt(text))
        return refused;
    if (!text.contains("@Variant("))
        return {};
    QByteArray section;
    bool continued = false; // the line before ended in a backslash: QSettings may join them
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = start;
        while (end < text.size() && text[end] != '\n' && text[end] != '\r')
            ++end;
        const QByteArray line = text.mid(start, end - start);
        const QByteArray trimmed = line.trimmed();
        if (trimmed.startsWith('['))
            section = trimmed;
        if (line.contains("@Variant(") && (continued || !isLegacyGeometryLine(line, section)))
            return refused;
        continued = trimmed.endsWith('\\');
        start = end + 1;
    }
    return {};
}

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
    out.problem = binaryValueProblem(bytes);
    if (!out.problem.isEmpty())
        return out;
    const QString copy = scratchFile("read.conf");
    QFile::remove(copy);
    const RemovedAfterUse removed{copy};
    {
        QFile f(copy);
        if (!scratch().isValid() || !f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
            out.notParsed = true;
            return out;
        }
    }
    {
        QSettings settings(copy, QSettings::IniFormat);
        if (settings.status() != QSettings::NoError) {
            out.problem = QCoreApplication::translate("AppState", "it is not a settings file in the format the app writes");
            return out;
        }
        for (const QString& key : settings.allKeys())
            out.values.insert(key, settings.value(key));
    }
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
    const RemovedAfterUse removed{copy};
    {
        QSettings settings(copy, QSettings::IniFormat);
        for (auto it = values.cbegin(); it != values.cend(); ++it) {
            // A rectangle in whole pixels is written as plain "@Rect(x y w h)"; a QRectF (what QML's
            // Qt.rect() makes) would be a binary @Variant, which reading refuses.
            const bool fractional = it.value().metaType().id() == QMetaType::QRectF;
            settings.setValue(it.key(), fractional ? QVariant(it.value().toRectF().toRect()) : it.value());
        }
        settings.sync();
        if (settings.status() != QSettings::NoError)
            return QCoreApplication::translate("AppState", "the temporary folder is full or read-only");
    }
    // QSettings writes no file at all for no values: then the settings file is empty.
    QByteArray bytes;
    {
        QFile f(copy);
        if (f.exists() && !f.open(QIODevice::ReadOnly))
            return f.errorString();
        bytes = f.isOpen() ? f.readAll() : QByteArray();
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString why = al::app::writeFileAtomically(path, bytes);
    if (why.isEmpty() && written)
        *written = bytes;
    return why;
}

} // namespace settings_file

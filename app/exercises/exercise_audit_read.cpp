// The exercise audit's inputs: the stations as the source tree holds them, and a corpus of texts
// (exercise_audit.h).
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>

#include "attention_lens/error.h"
#include "attention_lens/safe_file.h"
#include "exercise_audit.h"

namespace course::audit {
namespace {

// A lesson file is a regular file of a few kilobytes: a pipe in its place would block the open
// for ever, and a link to /dev/zero would read until memory ran out.
QByteArray readFile(const QString& path) {
    constexpr uint64_t kMaxLessonFileBytes = 4u << 20;
    const al::FileBytes read = al::read_regular_file(path.toStdString(), kMaxLessonFileBytes, al::Links::Follow);
    if (read.problem != al::FileProblem::None)
        throw al::Error(path.toStdString() + " " + al::describe(read, kMaxLessonFileBytes));
    return QByteArray(read.bytes.data(), qsizetype(read.bytes.size()));
}

QJsonDocument readJson(const QString& path) {
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(readFile(path), &err);
    if (err.error != QJsonParseError::NoError)
        throw al::Error(path.toStdString() + " is not valid JSON: " + err.errorString().toStdString());
    return doc;
}

// The string literals of qsTr("...") calls: the captions a page shows whatever the model says.
QStringList qsTrLiterals(const QString& qml) {
    static const QRegularExpression re(QStringLiteral(R"(qsTr\(\s*"((?:[^"\\]|\\.)*)\")"));
    QStringList out;
    for (auto it = re.globalMatch(qml); it.hasNext();) {
        QString s = it.next().captured(1);
        s.replace(QStringLiteral("\\\""), QStringLiteral("\"")).replace(QStringLiteral("\\n"), QStringLiteral("\n"));
        out << s;
    }
    return out;
}

} // namespace

std::vector<Station> readStations(const QString& lessonsDir, const QString& qmlDir) {
    const QDir dir(lessonsDir);
    if (!dir.exists())
        throw al::Error("no lessons folder at " + lessonsDir.toStdString());
    std::vector<Station> out;
    for (const QString& folder : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (folder.startsWith(QLatin1Char('_')) || !QFile::exists(dir.filePath(folder + QStringLiteral("/station.json"))))
            continue;
        const QJsonObject meta = readJson(dir.filePath(folder + QStringLiteral("/station.json"))).object();
        Station s;
        s.id = meta.value(QStringLiteral("id")).toString();
        s.order = meta.value(QStringLiteral("order")).toInt();
        for (const QJsonValue& p : meta.value(QStringLiteral("presets")).toArray())
            s.presets << p.toObject().value(QStringLiteral("text")).toString();
        const QString ex = dir.filePath(folder + QStringLiteral("/exercises.json"));
        if (QFile::exists(ex)) {
            const QJsonDocument doc = readJson(ex);
            s.exercises = doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("exercises")).toArray();
        }
        const QString prose = dir.filePath(folder + QStringLiteral("/prose.md"));
        if (QFile::exists(prose))
            s.pageTexts << QStringLiteral("[prose] ") + QString::fromUtf8(readFile(prose));
        const QDir page(QDir(qmlDir).filePath(QStringLiteral("stations/") + s.id));
        for (const QString& qml : page.entryList({QStringLiteral("*.qml")}, QDir::Files, QDir::Name))
            for (const QString& caption : qsTrLiterals(QString::fromUtf8(readFile(page.filePath(qml)))))
                s.pageTexts << QStringLiteral("[%1] ").arg(qml) + caption;
        out.push_back(std::move(s));
    }
    std::stable_sort(out.begin(), out.end(), [](const Station& a, const Station& b) { return a.order < b.order; });
    return out;
}

QStringList readTexts(const QString& path) {
    // A corpus is a text file; a pipe, a device or a file larger than this is a mistake.
    constexpr uint64_t kMaxCorpusBytes = 16u << 20;
    const al::FileBytes read = al::read_regular_file(path.toStdString(), kMaxCorpusBytes, al::Links::Follow);
    if (read.problem != al::FileProblem::None)
        throw al::Error(path.toStdString() + " " + al::describe(read, kMaxCorpusBytes));
    if (const size_t at = al::first_invalid_utf8(read.bytes); at != std::string_view::npos)
        throw al::Error(path.toStdString() + " is not valid UTF-8 text (one text per line): byte " + std::to_string(at) +
                        " (counted from 0) starts no UTF-8 character");
    const QString text = QString::fromUtf8(read.bytes.data(), qsizetype(read.bytes.size()));
    QStringList out;
    for (const QString& line : text.split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty())
            out << line.trimmed();
    return out;
}

} // namespace course::audit

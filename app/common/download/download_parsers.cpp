#include "download/download_parsers.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <cmath>
#include <limits>

#include "attention_lens/quote.h"

namespace al::download {

using library::HashKind;
using library::ManifestFile;

QString quotedValue(QByteArrayView value) {
    return QString::fromStdString(al::quote_value(std::string_view(value.data(), size_t(value.size()))));
}

QString quotedValue(QStringView value) {
    return quotedValue(QByteArrayView(value.toUtf8()));
}

QString withoutCredentials(const QString& text) {
    static const QRegularExpression userInfo(QStringLiteral("(://)[^/@\\s]*@"));
    QString out = text;
    return out.replace(userInfo, QStringLiteral("\\1"));
}

QString shortText(const QString& text, int maxChars) {
    const QByteArray utf8 = withoutCredentials(text).toUtf8();
    return QString::fromStdString(al::excerpt(std::string_view(utf8.constData(), size_t(utf8.size())), size_t(maxChars)));
}

QString cleanEtag(QByteArrayView value) {
    value = value.trimmed();
    if (value.startsWith("W/"))
        value = value.sliced(2);
    if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
        value = value.sliced(1, value.size() - 2);
    return QString::fromLatin1(value).toLower();
}

HashKind hashKindOfEtag(const QString& etag) {
    static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
    static const QRegularExpression sha1(QStringLiteral("^[0-9a-f]{40}$"));
    if (sha256.match(etag).hasMatch())
        return HashKind::Sha256;
    if (sha1.match(etag).hasMatch())
        return HashKind::GitSha1;
    return HashKind::None;
}

namespace {

// Digits only, no sign, no blanks; at most 18 of them so the value cannot overflow.
std::optional<qint64> parseDigits(QByteArrayView digits) {
    if (digits.isEmpty() || digits.size() > 18)
        return std::nullopt;
    qint64 value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace

std::optional<qint64> parseByteCount(QByteArrayView value) {
    return parseDigits(value.trimmed());
}

bool isByteCountTooLarge(QByteArrayView value) {
    value = value.trimmed();
    while (value.startsWith('0'))
        value = value.sliced(1);
    if (value.size() <= 18)
        return false;
    for (const char c : value)
        if (c < '0' || c > '9')
            return false;
    return true;
}

std::optional<ContentRange> parseContentRange(QByteArrayView value) {
    value = value.trimmed();
    if (!value.startsWith("bytes "))
        return std::nullopt;
    value = value.sliced(6);
    const qsizetype dash = value.indexOf('-');
    const qsizetype slash = value.indexOf('/');
    if (dash < 0 || slash < dash)
        return std::nullopt;
    const auto first = parseDigits(value.first(dash));
    const auto last = parseDigits(value.sliced(dash + 1, slash - dash - 1));
    const QByteArrayView totalText = value.sliced(slash + 1);
    const auto total = totalText == "*" ? std::optional<qint64>(-1) : parseDigits(totalText);
    if (!first || !last || !total || *first > *last || (*total >= 0 && *last >= *total))
        return std::nullopt;
    return ContentRange{*first, *last, *total};
}

ProbedFile probedFile(const ProbeHeaders& h) {
    ProbedFile f;
    if (const auto size = parseByteCount(h.linkedSize.isEmpty() ? h.contentLength : h.linkedSize))
        f.size = *size;
    const QString etag = cleanEtag(h.linkedEtag.isEmpty() ? h.etag : h.linkedEtag);
    f.hashKind = hashKindOfEtag(etag);
    if (f.hashKind != HashKind::None)
        f.hash = etag;
    const QString commit = QString::fromLatin1(h.repoCommit.trimmed());
    if (library::isCommitId(commit))
        f.commit = commit;
    return f;
}

std::optional<ResumeState> parseResumeState(QByteArrayView json) {
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray());
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    const QJsonValue repo = o.value(QStringLiteral("repo"));
    const QJsonValue revision = o.value(QStringLiteral("revision"));
    if (!repo.isString() || !revision.isString())
        return std::nullopt;
    ResumeState state{repo.toString(), revision.toString(), {}, o.value(QStringLiteral("requested")).toString()};
    const QJsonObject files = o.value(QStringLiteral("files")).toObject();
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (!it.value().isObject() || it.key().isEmpty())
            continue;
        const QJsonObject fo = it.value().toObject();
        ManifestFile f;
        f.name = it.key();
        const double size = fo.value(QStringLiteral("size")).toDouble(-1);
        // JSON numbers are doubles: only whole, non-negative ones that fit a qint64 are sizes.
        if (size >= 0 && size < 9.0e18 && size == std::floor(size))
            f.size = qint64(size);
        const QString hash = cleanEtag(fo.value(QStringLiteral("hash")).toString().toLatin1());
        f.hashKind = hashKindOfEtag(hash);
        if (f.hashKind != HashKind::None)
            f.hash = hash;
        state.files.append(f);
    }
    return state;
}

QByteArray serializeResumeState(const ResumeState& state) {
    QJsonObject o;
    o[QStringLiteral("repo")] = state.repo;
    o[QStringLiteral("revision")] = state.revision;
    o[QStringLiteral("requested")] = state.requested;
    QJsonObject files;
    for (const ManifestFile& f : state.files) {
        QJsonObject fo;
        fo[QStringLiteral("size")] = double(f.size);
        fo[QStringLiteral("hash")] = f.hash;
        files[f.name] = fo;
    }
    o[QStringLiteral("files")] = files;
    return QJsonDocument(o).toJson();
}

bool resumesSameSource(const ResumeState& staged, const QString& repo, const QString& revision) {
    if (staged.repo != repo)
        return false;
    if (library::isCommitId(revision))
        return staged.revision == revision;
    return library::isCommitId(staged.revision) && staged.requested == revision;
}

} // namespace al::download

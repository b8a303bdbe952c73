// The HTTP header values the downloader reads (X-Linked-Size, Content-Length, X-Linked-Etag, ETag,
// X-Repo-Commit, Content-Range) on arbitrary bytes. The input is split at newlines into those six
// values, in that order (a header value never holds a newline). Whatever they say, the sizes read are
// sizes, the hashes are hex of their kind's length, a commit is a commit id, and a range is ordered.
#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>

#include "download/download_parsers.h"
#include "fuzz_check.h"
#include "library/model_manifest.h"

using al::library::HashKind;

namespace {
bool isLowerHex(const QString& s) {
    for (const QChar c : s)
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    return true;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    QList<QByteArray> v = bytes.split('\n');
    while (v.size() < 6)
        v.append(QByteArray());

    for (const QByteArray& value : v) {
        // Byte counts: non-negative, and the number printed back reads as itself.
        if (const std::optional<qint64> n = al::download::parseByteCount(value)) {
            FUZZ_CHECK(*n >= 0, "a byte count is not negative");
            FUZZ_CHECK(al::download::parseByteCount(QByteArray::number(*n)) == n, "a byte count round trips");
        }
        // Entity tags: the kind matches the cleaned text.
        const QString tag = al::download::cleanEtag(value);
        const HashKind kind = al::download::hashKindOfEtag(tag);
        if (kind != HashKind::None)
            FUZZ_CHECK(isLowerHex(tag) && tag.size() == (kind == HashKind::Sha256 ? 64 : 40), "a hash is hex of its length");
    }

    const al::download::ProbedFile f = al::download::probedFile({v[0], v[1], v[2], v[3], v[4]});
    FUZZ_CHECK(f.size >= -1, "a probed size is a size or -1");
    FUZZ_CHECK((f.hashKind == HashKind::None) == f.hash.isEmpty(), "a hash exactly when it has a kind");
    if (f.hashKind != HashKind::None)
        FUZZ_CHECK(isLowerHex(f.hash) && f.hash.size() == (f.hashKind == HashKind::Sha256 ? 64 : 40),
                   "a probed hash is hex of its length");
    FUZZ_CHECK(f.commit.isEmpty() || al::library::isCommitId(f.commit), "a probed commit is a commit id");

    if (const std::optional<al::download::ContentRange> r = al::download::parseContentRange(v[5])) {
        FUZZ_CHECK(r->first >= 0 && r->first <= r->last, "a range is ordered");
        FUZZ_CHECK(r->total == -1 || r->last < r->total, "a range lies inside the total");
        const QByteArray printed = "bytes " + QByteArray::number(r->first) + '-' + QByteArray::number(r->last) + '/' +
                                   (r->total < 0 ? QByteArray("*") : QByteArray::number(r->total));
        const std::optional<al::download::ContentRange> again = al::download::parseContentRange(printed);
        FUZZ_CHECK(again && again->first == r->first && again->last == r->last && again->total == r->total,
                   "a range round trips");
    }
    return 0;
}

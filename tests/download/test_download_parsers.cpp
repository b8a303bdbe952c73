// The downloader's pure readers: header values and the resume-state file, from bytes alone.
// Values are Hugging Face's own (gpt2's model.safetensors sha256 and config.json blob sha1).
#include <QtTest>

#include "download/download_parsers.h"
#include "download/source_names.h"

using namespace al::download;
using al::library::HashKind;

namespace {
const QString kSha256 = QStringLiteral("248dfc3911869ec493c76e65bf2fcf7f615828b0254c12b473182f0f81d3a707");
const QString kSha1 = QStringLiteral("10c66461e4c109db5a2196bff4bb59be30396ed8");
const QString kCommit = QStringLiteral("607a30d783dfa663caf39e06633721c8d4cfcd7e");
} // namespace

class TestDownloadParsers : public QObject {
    Q_OBJECT
private slots:
    void etagsLoseQuotesAndWeakMarker() {
        QCOMPARE(cleanEtag("\"" + kSha256.toUpper().toLatin1() + "\""), kSha256);
        QCOMPARE(cleanEtag("W/\"" + kSha1.toLatin1() + "\""), kSha1);
        QCOMPARE(cleanEtag("  " + kSha1.toLatin1() + " "), kSha1);
        QCOMPARE(cleanEtag("\""), QStringLiteral("\"")); // one quote is not a quoted value
        QCOMPARE(cleanEtag(""), QString());
    }

    void etagKindsByLength() {
        QCOMPARE(hashKindOfEtag(kSha256), HashKind::Sha256);
        QCOMPARE(hashKindOfEtag(kSha1), HashKind::GitSha1);
        QCOMPARE(hashKindOfEtag(kSha1.left(39)), HashKind::None);
        QCOMPARE(hashKindOfEtag(kSha1.toUpper()), HashKind::None); // cleanEtag lower-cases first
        QCOMPARE(hashKindOfEtag(QStringLiteral("z") + kSha1.mid(1)), HashKind::None);
        QCOMPARE(hashKindOfEtag(QString()), HashKind::None);
    }

    void byteCounts() {
        QCOMPARE(parseByteCount("548105171"), std::optional<qint64>(548105171));
        QCOMPARE(parseByteCount(" 0 "), std::optional<qint64>(0));
        QCOMPARE(parseByteCount("999999999999999999"), std::optional<qint64>(999999999999999999LL));
        for (const char* bad : {"", " ", "-1", "+5", "12a", "0x10", "1 2", "1.5", "9999999999999999999"})
            QVERIFY2(!parseByteCount(bad), bad);
    }

    void contentRanges() {
        const auto r = parseContentRange("bytes 100-999/1000");
        QVERIFY(r);
        QCOMPARE(r->first, 100);
        QCOMPARE(r->last, 999);
        QCOMPARE(r->total, 1000);
        const auto open = parseContentRange("bytes 0-9/*");
        QVERIFY(open);
        QCOMPARE(open->total, -1);
        for (const char* bad : {"", "bytes", "bytes 5-4/10", "bytes 0-10/10", "items 0-1/2", "bytes -1/2",
                                "bytes 0-/2", "bytes 1-2/", "bytes */10", "bytes 0-1/2/3", "bytes 0x1-2/3"})
            QVERIFY2(!parseContentRange(bad), bad);
    }

    void probeLinkedHeadersWin() {
        // An LFS file: the redirect's own Content-Length and ETag describe the redirect, not the file.
        ProbeHeaders h{"548105171", "1102", "\"" + kSha256.toLatin1() + "\"", "\"" + kSha1.toLatin1() + "\"",
                       kCommit.toLatin1()};
        ProbedFile f = probedFile(h);
        QCOMPARE(f.size, 548105171);
        QCOMPARE(f.hashKind, HashKind::Sha256);
        QCOMPARE(f.hash, kSha256);
        QCOMPARE(f.commit, kCommit);
        // A small file served directly.
        f = probedFile({{}, "665", {}, "\"" + kSha1.toLatin1() + "\"", {}});
        QCOMPARE(f.size, 665);
        QCOMPARE(f.hashKind, HashKind::GitSha1);
        QCOMPARE(f.hash, kSha1);
        QVERIFY(f.commit.isEmpty());
        // Nothing usable: unknown size, no hash, a branch name is not a commit.
        f = probedFile({"-3", "abc", "\"not-a-hash\"", {}, "main"});
        QCOMPARE(f.size, -1);
        QCOMPARE(f.hashKind, HashKind::None);
        QVERIFY(f.hash.isEmpty());
        QVERIFY(f.commit.isEmpty());
    }

    void resumeStateRoundTrips() {
        ResumeState s{QStringLiteral("openai-community/gpt2"), kCommit, {}, QStringLiteral("main")};
        s.files.append({QStringLiteral("config.json"), 665, HashKind::GitSha1, kSha1});
        s.files.append({QStringLiteral("model.safetensors"), 548105171, HashKind::Sha256, kSha256});
        const auto back = parseResumeState(serializeResumeState(s));
        QVERIFY(back);
        QCOMPARE(back->repo, s.repo);
        QCOMPARE(back->revision, kCommit);
        QCOMPARE(back->requested, s.requested);
        QCOMPARE(back->files.size(), 2);
        QCOMPARE(back->files[1].name, QStringLiteral("model.safetensors"));
        QCOMPARE(back->files[1].size, 548105171);
        QCOMPARE(back->files[1].hashKind, HashKind::Sha256);
        QCOMPARE(back->files[1].hash, kSha256);
    }

    void malformedResumeStates() {
        for (const char* bad : {"", "[]", "{", "null", "{\"repo\": 1, \"revision\": \"x\"}", "{\"repo\": \"a/b\"}"})
            QVERIFY2(!parseResumeState(QByteArrayView(bad)), bad);
        // Bad file entries are read as unknown, not trusted.
        const auto s = parseResumeState(R"({"repo": "a/b", "revision": "main",
            "files": {"x": {"size": -5, "hash": "zz"}, "y": {"size": 1.5}, "z": 7, "w": {"size": 1e300}}})");
        QVERIFY(s);
        QCOMPARE(s->files.size(), 3);
        for (const auto& f : s->files) {
            QCOMPARE(f.size, -1);
            QCOMPARE(f.hashKind, HashKind::None);
        }
    }

    void sameSourceDecidesResume() {
        const ResumeState staged{QStringLiteral("a/b"), kCommit, {}, QStringLiteral("main")};
        QVERIFY(resumesSameSource(staged, QStringLiteral("a/b"), kCommit));
        QVERIFY(resumesSameSource(staged, QStringLiteral("a/b"), QStringLiteral("main"))); // keeps the staged commit
        // Another name may point elsewhere; a state that does not say its name resumes none.
        QVERIFY(!resumesSameSource(staged, QStringLiteral("a/b"), QStringLiteral("v2")));
        QVERIFY(!resumesSameSource({QStringLiteral("a/b"), kCommit, {}, {}}, QStringLiteral("a/b"), QStringLiteral("main")));
        QVERIFY(!resumesSameSource(staged, QStringLiteral("a/c"), kCommit));
        QVERIFY(!resumesSameSource(staged, QStringLiteral("a/b"), QString(kCommit).replace(0, 1, QLatin1Char('f'))));
        QVERIFY(!resumesSameSource({QStringLiteral("a/b"), QStringLiteral("main"), {}, {}}, QStringLiteral("a/b"), QStringLiteral("main")));
    }

    // Values from a server or a file are quoted as short, printable excerpts that say their length.
    void valuesAreQuotedShort() {
        QCOMPARE(al::download::quotedValue(QByteArrayView("EntryNotFound")), QStringLiteral("\"EntryNotFound\""));
        const QString big = al::download::quotedValue(QByteArray(5 << 20, 'E'));
        QCOMPARE(big, QLatin1Char('"') + QString(60, QLatin1Char('E')) + QStringLiteral("\u2026\" (5,242,880 bytes)"));
        QCOMPARE(al::download::quotedValue(QByteArrayView("a\0b\x1b", 4)), QStringLiteral("\"a\\x00b\\x1b\""));
        QCOMPARE(al::download::shortText(QString(300, QLatin1Char('u')), 10),
                 QString(10, QLatin1Char('u')) + QStringLiteral("\u2026 (300 bytes)"));
        // A repository id, revision or file name of a megabyte is refused with a short message.
        for (const QString& problem : {al::download::repoIdProblem(QStringLiteral("a/") + QString(1 << 20, QLatin1Char('b'))),
                                       al::download::revisionProblem(QString(1 << 20, QLatin1Char('r'))),
                                       al::download::fileNameProblem(QString(1 << 20, QLatin1Char('f')))}) {
            QVERIFY2(problem.size() < 400, qPrintable(problem.left(500)));
            QVERIFY2(problem.contains(QStringLiteral("bytes)")), qPrintable(problem));
        }
    }
};

QTEST_GUILESS_MAIN(TestDownloadParsers)
#include "test_download_parsers.moc"

// The downloader's readers of what a server or an earlier run hands it: HTTP header values
// (ETag, X-Linked-Etag, X-Linked-Size, Content-Length, Content-Range) and the resume-state file
// a staging folder keeps. Pure functions from bytes or strings: no network, no files, so they can
// be tested (and fed hostile input) on their own. Anything malformed reads as "not known".
#pragma once
#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <optional>

#include "library/model_manifest.h"

namespace al::download {

// A value a server sent (a header, a redirect target) or a file held, for a message: in quote
// marks, escaped and cut to a short excerpt that says the full length (al::quote_value), so a
// server's megabyte header cannot make the error line megabytes long.
QString quotedValue(QByteArrayView value);
QString quotedValue(QStringView value);
// The same without quote marks, at most `maxChars` characters, for a text that reads on its own
// (a URL the server redirected to, a network error that repeats the server's reason phrase);
// without credentials (withoutCredentials).
QString shortText(const QString& text, int maxChars = 200);
// `text` with the user and password of every URL in it taken out ("https://u:p@host" becomes
// "https://host"): HF_ENDPOINT may carry them, and no message or saved file repeats them.
QString withoutCredentials(const QString& text);

// An entity tag without its quotes and weak marker, lower-cased: "\"AbC\"", W/"abc" -> "abc".
QString cleanEtag(QByteArrayView value);

// What a cleaned tag names: 64 hex digits are an LFS sha256, 40 a git blob sha1, anything else None.
library::HashKind hashKindOfEtag(const QString& etag);

// A byte count (Content-Length, X-Linked-Size): decimal digits with optional surrounding blanks,
// small enough for qint64. nullopt for anything else (empty, signed, hex, overflowing).
std::optional<qint64> parseByteCount(QByteArrayView value);
// True for a byte count too large for parseByteCount (decimal digits, more than 18 after leading
// zeros): a size, but beyond any file a download takes, not a malformed header.
bool isByteCountTooLarge(QByteArrayView value);

// Content-Range: "bytes <first>-<last>/<total>" (total "*" when unknown, read as -1).
struct ContentRange {
    qint64 first = 0;
    qint64 last = 0;
    qint64 total = -1;
};
// nullopt unless the value has that form with first <= last (and last < total when total is known).
std::optional<ContentRange> parseContentRange(QByteArrayView value);

// The headers of a HEAD answer that describe one file of a repository.
struct ProbeHeaders {
    QByteArray linkedSize;    // X-Linked-Size: the LFS file's size (on the answer that redirects)
    QByteArray contentLength; // Content-Length: the size of a small file served directly
    QByteArray linkedEtag;    // X-Linked-Etag: the LFS file's sha256
    QByteArray etag;          // ETag: a small file's git blob sha1
    QByteArray repoCommit;    // X-Repo-Commit: the commit a branch name resolved to
};

// What those headers say about the file. The X-Linked-* headers win over the plain ones, as the
// plain ones describe the redirect rather than the file behind it.
struct ProbedFile {
    qint64 size = -1;                                  // -1: not said
    library::HashKind hashKind = library::HashKind::None;
    QString hash;                                      // lower-case hex, empty with HashKind::None
    QString commit;                                    // a 40-hex commit id, or empty
};
ProbedFile probedFile(const ProbeHeaders& headers);

// The staging folder's download.json: the source a half-finished download came from, so a later
// run resumes against the same commit, and what each file was expected to be.
struct ResumeState {
    QString repo;
    QString revision;                  // the resolved commit
    QList<library::ManifestFile> files;
    QString requested;                 // the revision asked for (a branch, a tag or the commit)
};
// nullopt for text that is not a JSON object with a string "repo" and "revision". Files with a
// malformed entry are skipped: a size that is not a whole number >= 0 reads as -1.
std::optional<ResumeState> parseResumeState(QByteArrayView json);
QByteArray serializeResumeState(const ResumeState& state);

// Whether staged parts may be resumed for (repo, revision): the same repository and, for a pinned
// commit, that commit; for a branch or tag name, the commit the earlier run resolved for that same
// name (it is kept). A state that does not say which name it resolved resumes no name.
bool resumesSameSource(const ResumeState& staged, const QString& repo, const QString& revision);

} // namespace al::download

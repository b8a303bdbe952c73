// The downloader's resume state (download.json in a staging folder) on arbitrary bytes: either "not
// usable", or a source and files whose sizes are sizes and whose hashes are what their kind says,
// which survive being written and read again, and which the resume decision can compare.
#include <QByteArray>
#include <QString>

#include <cstdint>

#include "download/download_parsers.h"
#include "fuzz_check.h"

using al::library::HashKind;

namespace {
bool sameFiles(const QList<al::library::ManifestFile>& a, const QList<al::library::ManifestFile>& b) {
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || a[i].size != b[i].size || a[i].hashKind != b[i].hashKind || a[i].hash != b[i].hash)
            return false;
    return true;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const std::optional<al::download::ResumeState> state = al::download::parseResumeState(bytes);
    if (!state)
        return 0;
    bool textIsValid = state->repo.isValidUtf16() && state->revision.isValidUtf16();
    for (const al::library::ManifestFile& f : state->files) {
        FUZZ_CHECK(!f.name.isEmpty(), "files have names");
        FUZZ_CHECK(f.size >= -1, "a file size is a size or -1");
        FUZZ_CHECK((f.hashKind == HashKind::None) == f.hash.isEmpty(), "a hash exactly when it has a kind");
        if (f.hashKind == HashKind::Sha256) FUZZ_CHECK(f.hash.size() == 64, "a sha256 has 64 digits");
        if (f.hashKind == HashKind::GitSha1) FUZZ_CHECK(f.hash.size() == 40, "a git sha1 has 40 digits");
        textIsValid = textIsValid && f.name.isValidUtf16();
    }
    (void)al::download::resumesSameSource(*state, state->repo, state->revision);
    (void)al::download::resumesSameSource(*state, state->repo, QStringLiteral("main"));
    // What the downloader writes, it reads back the same (text that is valid UTF-16: a lone
    // surrogate from a \ud800 escape has no UTF-8 form to write).
    if (textIsValid) {
        const std::optional<al::download::ResumeState> again =
            al::download::parseResumeState(al::download::serializeResumeState(*state));
        FUZZ_CHECK(again && again->repo == state->repo && again->revision == state->revision &&
                       sameFiles(again->files, state->files),
                   "serializeResumeState round trip");
    }
    return 0;
}

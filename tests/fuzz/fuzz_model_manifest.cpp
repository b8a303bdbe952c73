// The model manifest (models.json) on arbitrary bytes: either an error and no models, or models with
// an id, a repository and files, whose sizes and estimates are computed without overflow.
#include <QByteArray>
#include <QString>

#include <cstdint>

#include "fuzz_check.h"
#include "library/model_manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    QString error;
    const QList<al::library::ManifestModel> models = al::library::parseManifest(bytes, &error);
    FUZZ_CHECK(models.isEmpty() != error.isEmpty(), "models or an error, never both or neither");
    for (const al::library::ManifestModel& m : models) {
        FUZZ_CHECK(!m.id.isEmpty() && !m.repo.isEmpty() && !m.files.isEmpty(), "a model names itself and its files");
        (void)m.folderName();
        (void)al::library::isCommitId(m.revision);
        const qint64 parameters = m.parameters();
        FUZZ_CHECK(parameters >= 0, "parameter count is not negative");
        const qint64 pinned = m.pinnedBytes();
        FUZZ_CHECK(pinned >= -1, "pinned bytes are a size or -1");
        FUZZ_CHECK(m.estimatedBytes() >= 0, "the estimate is a size");
        for (const al::library::ManifestFile& f : m.files) {
            FUZZ_CHECK(!f.name.isEmpty(), "files have names");
            FUZZ_CHECK(f.size >= -1, "a file size is a size or -1");
            (void)f.pinned();
        }
    }
    return 0;
}

// The learner's progress file on arbitrary bytes: either a reason it cannot be used, or stations that
// the store's readers (visited, answers, progress) walk without trouble.
#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QVariantMap>

#include <cstdint>

#include "course/progress_file.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const al::course::ProgressFileContents contents = al::course::parseProgressFile(bytes);
    if (!contents.problem.isEmpty()) {
        FUZZ_CHECK(contents.stations.isEmpty(), "a refused file yields nothing");
        return 0;
    }
    // The same reads ProgressStore makes on what it loaded.
    for (auto it = contents.stations.begin(); it != contents.stations.end(); ++it) {
        const QJsonObject st = it.value().toObject();
        (void)st.value(QStringLiteral("visited")).toBool();
        const QJsonObject exercises = st.value(QStringLiteral("exercises")).toObject();
        for (auto e = exercises.begin(); e != exercises.end(); ++e) {
            const QVariantMap answer = e.value().toObject().toVariantMap();
            (void)answer.value(QStringLiteral("correct")).toBool();
        }
    }
    return 0;
}

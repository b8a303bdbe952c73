#include "model_locator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace al::app {

QString embeddedModelName() { return QStringLiteral("lens-mini"); }

QStringList embeddedModelCandidates() {
    QStringList out;
    const QString env = qEnvironmentVariable("AL_EMBEDDED_MODEL");
    if (!env.isEmpty()) out << QDir::cleanPath(env);
    // applicationDirPath needs a QCoreApplication; without one only the other places are looked at.
    if (QCoreApplication::instance())
        out << QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/attention-lens/models/") +
                               embeddedModelName());
#ifdef AL_SOURCE_MODELS_DIR
    out << QDir::cleanPath(QStringLiteral(AL_SOURCE_MODELS_DIR "/") + embeddedModelName());
#endif
    return out;
}

QString locateEmbeddedModel() {
    for (const QString& dir : embeddedModelCandidates())
        if (QFileInfo(dir + QStringLiteral("/config.json")).isFile()) return dir;
    return {};
}

QString embeddedModelMissingMessage() {
    return QStringLiteral("the embedded model %1 is not installed (looked in: %2); pass --model DIR with a GPT-2 "
                          "model folder")
        .arg(embeddedModelName(), embeddedModelCandidates().join(QStringLiteral(", ")));
}

} // namespace al::app

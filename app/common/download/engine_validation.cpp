// The downloader's last check: the engine itself loads the folder (every tensor's name, shape and
// dtype), so a model is only called ready when the course can run it.
#include <QDir>

#include "attention_lens/model.h"
#include "download/model_downloader.h"

namespace al::download {

QString ModelDownloader::validateWithEngine(const QString& dir) {
    try {
        const auto model = al::Model::load(QDir(dir).absolutePath().toStdString());
        if (!model)
            return QStringLiteral("the engine returned no model");
        return QString();
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    }
}

} // namespace al::download

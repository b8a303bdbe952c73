// `models`: the model library as JSON — the embedded model, the downloadable GPT-2 family,
// downloaded models, Hugging Face cache snapshots — the same list the app's library page shows.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

#include "commands.h"
#include "library/hf_cache.h"
#include "library/model_library.h"
#include "model_locator.h"

namespace cli {

int cmd_models(const Args& args) {
    const Options o(args, {"--embedded", "--models-dir"});
    al::library::LibraryOptions options;
    options.embeddedDir = o.has("--embedded") ? QString::fromStdString(o.value("--embedded"))
                                              : al::app::locateEmbeddedModel();
    if (o.has("--models-dir")) options.modelsRoot = QString::fromStdString(o.value("--models-dir"));
    QJsonObject out;
    out[QStringLiteral("models_folder")] = options.modelsRoot;
    out[QStringLiteral("hf_cache_folders")] = QJsonArray::fromStringList(al::library::hfCacheRoots());
    out[QStringLiteral("models")] = al::library::libraryToJson(al::library::scanLibrary(options));
    std::puts(QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace cli

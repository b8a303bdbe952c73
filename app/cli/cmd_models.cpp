// `attention-lens-cli models [--embedded DIR]`: the model library as JSON — the embedded model,
// the downloadable GPT-2 family, downloaded models, Hugging Face cache snapshots — the same list
// the app's library page shows.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <cstdio>

#include "library/hf_cache.h"
#include "library/model_library.h"

int cmdModels(const QStringList& args, const QString& embeddedDir) {
    using namespace al::library;
    LibraryOptions options;
    options.embeddedDir = embeddedDir;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--embedded") && i + 1 < args.size()) {
            options.embeddedDir = args[++i];
        } else if (args[i] == QLatin1String("--models-dir") && i + 1 < args.size()) {
            options.modelsRoot = args[++i];
        } else if (args[i] == QLatin1String("--help") || args[i] == QLatin1String("-h")) {
            std::puts("usage: attention-lens-cli models [--embedded DIR] [--models-dir DIR]\n"
                      "  Lists the model library as JSON: the embedded model, the downloadable GPT-2 family,\n"
                      "  downloaded models and Hugging Face cache snapshots ($HF_HUB_CACHE, $HF_HOME/hub,\n"
                      "  ~/.cache/huggingface/hub), with size on disk, parameters, layers x heads and readiness.");
            return 0;
        } else {
            const QJsonObject err{{QStringLiteral("error"), QStringLiteral("usage")},
                                  {QStringLiteral("message"), QStringLiteral("unknown option %1 (see models --help)").arg(args[i])}};
            std::puts(QJsonDocument(err).toJson(QJsonDocument::Compact).constData());
            return 2;
        }
    }
    QJsonObject out;
    out[QStringLiteral("models_folder")] = options.modelsRoot;
    out[QStringLiteral("hf_cache_folders")] = QJsonArray::fromStringList(hfCacheRoots());
    out[QStringLiteral("models")] = libraryToJson(scanLibrary(options));
    std::fputs(QJsonDocument(out).toJson(QJsonDocument::Indented).constData(), stdout);
    return 0;
}

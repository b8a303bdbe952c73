#include "download/download_destination.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <algorithm>

#include "attention_lens/safe_file.h"
#include "library/model_library.h"

namespace al::download {

std::vector<std::string> installedFileNames(const library::ManifestModel& model) {
    std::vector<std::string> names{"config.json", "model.safetensors", "vocab.json", "merges.txt", "source.json"};
    for (const library::ManifestFile& f : model.files)
        if (std::find(names.begin(), names.end(), f.name.toStdString()) == names.end())
            names.push_back(f.name.toStdString());
    return names;
}

namespace {

// A folder the downloader creates or writes in: absent, or a real folder (never a link to one).
QString notAPlainFolder(const QString& path) {
    const QFileInfo info(path);
    if (info.isSymLink())
        return QCoreApplication::translate("al::download::ModelDownloader", "%1 is a symbolic link; the download does not follow links there. Remove the link or choose another models folder.")
            .arg(path);
    if (info.exists() && !info.isDir())
        return QCoreApplication::translate("al::download::ModelDownloader", "%1 is not a folder. Remove it or choose another models folder.").arg(path);
    return QString();
}

} // namespace

QString destinationProblem(const QString& modelsRoot, const library::ManifestModel& model) {
    // The models folder itself may be a link (to a larger disk); it must lead to a folder.
    const QFileInfo root(modelsRoot);
    if (!root.exists())
        return QString(); // nothing there to replace; creating it says whether it can be written
    if (!root.isDir())
        return QCoreApplication::translate("al::download::ModelDownloader", "%1 is not a folder; give a folder to download models into.").arg(modelsRoot);
    const QString staging = library::stagingRoot(modelsRoot);
    for (const QString& path : {staging, staging + QLatin1Char('/') + model.folderName()})
        if (const QString why = notAPlainFolder(path); !why.isEmpty())
            return why;
    const QString target = modelsRoot + QLatin1Char('/') + model.folderName();
    QString why = QString::fromStdString(al::why_folder_cannot_be_replaced(target.toStdString(), installedFileNames(model)));
    // Its advice is for a folder the learner named; here the name comes from the repository.
    const QLatin1String advice("; give a new or empty folder");
    if (why.endsWith(advice))
        why.chop(advice.size());
    if (!why.isEmpty())
        return QCoreApplication::translate("al::download::ModelDownloader", "%1 would be installed as %2, but that folder may not be replaced: %3. Move what is there away "
                  "or choose another models folder.")
            .arg(model.repo, target, why);
    return QString();
}

} // namespace al::download

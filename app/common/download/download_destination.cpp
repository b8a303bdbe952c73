#include "download/download_destination.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

#include "attention_lens/safe_file.h"
#include "download/download_parsers.h"
#include "download/staged_file.h"
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

QString otherModelProblem(const QString& target, const QString& repo) {
    const QFileInfo info(target);
    if (!info.isDir() || info.isSymLink() || QDir(target).isEmpty(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot))
        return QString(); // nothing there to replace (a link or a file is refused elsewhere)
    const QString advice = QCoreApplication::translate("al::download::ModelDownloader",
        "It is not replaced: remove or move that folder, or download into another models folder (with --dest for attention-lens-cli download).");
    QFile file;
    const QString sourcePath = target + QStringLiteral("/source.json");
    QString held;
    if (QFileInfo(sourcePath).isSymLink() || QFileInfo::exists(sourcePath)) {
        if (openStagedFile(file, sourcePath, QIODevice::ReadOnly).isEmpty() && file.size() <= 65536)
            held = QJsonDocument::fromJson(file.read(65536)).object().value(QStringLiteral("repo")).toString();
    }
    if (held.isEmpty())
        return QCoreApplication::translate("al::download::ModelDownloader",
                                           "%1 already holds a model with no record of where it came from (no source.json naming a "
                                           "repository), perhaps one of your own. %2")
            .arg(target, advice);
    // Hugging Face repository ids do not depend on case.
    if (held.compare(repo, Qt::CaseInsensitive) != 0)
        return QCoreApplication::translate("al::download::ModelDownloader", "%1 already holds %2, not %3. %4").arg(target, quotedValue(held), repo, advice);
    return QString();
}

QString destinationProblem(const QString& modelsRoot, const library::ManifestModel& model) {
    // The models folder itself may be a link (to a larger disk); it must lead to a folder.
    const QFileInfo root(modelsRoot);
    if (!root.exists())
        return QString(); // nothing there to replace; creating it says whether it can be written
    if (!root.isDir())
        return QCoreApplication::translate("al::download::ModelDownloader", "%1 is not a folder; give a folder to download models into.").arg(modelsRoot);
    const QString staging = library::stagingRoot(modelsRoot);
    for (const QString& path : {staging, staging + QStringLiteral("/.locks"), staging + QLatin1Char('/') + model.folderName()})
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
    return otherModelProblem(target, model.repo);
}

} // namespace al::download

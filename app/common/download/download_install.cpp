// Installing: the verified folder gets its source.json and is put in place with one rename, so
// the models folder only ever holds complete models and never loses a file that is not a model's.
// The validated model is renamed with it.
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

#include "attention_lens/error.h"
#include "attention_lens/model.h"
#include "attention_lens/safe_file.h"
#include "download/download_destination.h"
#include "download/model_downloader_p.h"
#include "storage/state_file.h"

namespace al::download {

// The verified files are put in place with al::replace_folder_atomically, the one way a folder is
// replaced: a folder already at the target is replaced only when it still holds nothing but a
// model's files (looked at again here: it may have changed during a long download), links are
// never followed, and of the earlier folder only those files are deleted.
void ModelDownloader::install(std::shared_ptr<const al::Model> validated) {
    setPhase(Phase::Installing);
    const QString target = d->modelsRoot + QLatin1Char('/') + d->model.folderName();
    const std::vector<std::string> ours = installedFileNames(d->model);
    // Looked at again: another model may have been put there during a long download. (Other
    // files there are named by the replacement below.)
    const QString why = al::why_folder_cannot_be_replaced(target.toStdString(), ours).empty() ? otherModelProblem(target, d->model.repo) : QString();
    if (!why.isEmpty()) {
        fail(DownloadError::DestinationTaken,
             tr("The download of %1 is complete but was not installed: %2 The downloaded files are kept in %3.")
                 .arg(d->model.repo, why, d->staging));
        return;
    }
    QFile::remove(d->stagedPath(QLatin1String(kStateFile)));
    {
        QJsonObject source;
        source[QStringLiteral("repo")] = d->model.repo;
        source[QStringLiteral("revision")] = d->revision;
        source[QStringLiteral("endpoint")] = withoutCredentials(d->endpoint);
        source[QStringLiteral("downloaded")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        // Says where the folder came from; the model loads without it, so a failed write is not fatal.
        al::app::writeFileAtomically(d->staging + QStringLiteral("/source.json"), QJsonDocument(source).toJson());
    }
    try {
        al::replace_folder_atomically(target.toStdString(), ours, [&](const std::string& fresh) {
            // Hard links, so that the staged files stay whole if the folder cannot be put in place
            // (a file system without them gets the files moved instead).
            for (const std::string& name : ours) {
                const std::string from = (d->staging + QLatin1Char('/')).toStdString() + name;
                const std::string to = fresh + "/" + name;
                struct stat st {};
                if (::lstat(from.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
                    continue;
                if (::link(from.c_str(), to.c_str()) != 0 && std::rename(from.c_str(), to.c_str()) != 0)
                    throw al::Error(to + ": cannot put the downloaded file there (" + std::strerror(errno) + ")");
            }
            // The new folder must hold every file of the model, each a regular file of its size,
            // before it takes the place of the old one: otherwise the old one stays.
            for (const library::ManifestFile& f : d->files) {
                const std::string path = fresh + "/" + f.name.toStdString();
                struct stat st {};
                if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
                    throw al::Error(f.name.toStdString() + " is missing from the downloaded files");
                if (f.size >= 0 && st.st_size != f.size)
                    throw al::Error(f.name.toStdString() + " is " + std::to_string(st.st_size) + " bytes, not " + std::to_string(f.size));
            }
        });
    } catch (const std::exception& e) {
        fail(DownloadError::DestinationTaken,
             tr("The download of %1 is complete but was not installed: %2. The downloaded files are kept in %3.")
                 .arg(d->model.repo, QString::fromStdString(e.what()), d->staging));
        return;
    }
    QDir(d->staging).removeRecursively();
    d->installedDir = QDir::cleanPath(target);
    // The loaded weights stay valid across the rename (they are held in memory, not read from the file); only the
    // folder the model names changes.
    if (validated)
        d->validated = validated->relocated(d->installedDir.toStdString());
    d->index = -1;
    d->lock.reset();
    d->status = tr("%1 is ready.").arg(d->model.title);
    setPhase(Phase::Done);
    emit finished(true);
}

} // namespace al::download

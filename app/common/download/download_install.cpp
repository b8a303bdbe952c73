// Installing: the verified folder gets its source.json and is put in place with one rename, so
// the models folder only ever holds complete models. The validated model is renamed with it.
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include "attention_lens/model.h"
#include "download/model_downloader_p.h"
#include "storage/state_file.h"

namespace al::download {

// One rename puts the verified folder in place; an earlier install is moved aside first and
// restored if that rename fails.
void ModelDownloader::install(std::shared_ptr<const al::Model> validated) {
    setPhase(Phase::Installing);
    QFile::remove(d->stagedPath(QLatin1String(kStateFile)));
    {
        QJsonObject source;
        source[QStringLiteral("repo")] = d->model.repo;
        source[QStringLiteral("revision")] = d->revision;
        source[QStringLiteral("endpoint")] = d->endpoint;
        source[QStringLiteral("downloaded")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        // Says where the folder came from; the model loads without it, so a failed write is not fatal.
        al::app::writeFileAtomically(d->staging + QStringLiteral("/source.json"), QJsonDocument(source).toJson());
    }
    const QString target = d->modelsRoot + QLatin1Char('/') + d->model.folderName();
    const QString aside = library::stagingRoot(d->modelsRoot) + QLatin1Char('/') + d->model.folderName() + QStringLiteral(".previous");
    QDir dir;
    if (QFileInfo::exists(aside))
        QDir(aside).removeRecursively();
    const bool hadPrevious = QFileInfo::exists(target);
    if (hadPrevious && !dir.rename(target, aside)) {
        fail(DownloadError::NotWritable, tr("Cannot move the earlier copy of %1 aside; it was left as it was.").arg(target));
        return;
    }
    if (!dir.rename(d->staging, target)) {
        if (hadPrevious)
            dir.rename(aside, target);
        fail(DownloadError::NotWritable, tr("Cannot move the downloaded model into %1.").arg(target));
        return;
    }
    if (hadPrevious)
        QDir(aside).removeRecursively();
    d->installedDir = QDir::cleanPath(target);
    // The loaded weights stay valid across the rename (they are held in memory, not read from the file); only the
    // folder the model names changes.
    if (validated)
        d->validated = validated->relocated(d->installedDir.toStdString());
    d->index = -1;
    d->status = tr("%1 is ready.").arg(d->model.title);
    setPhase(Phase::Done);
    emit finished(true);
}

} // namespace al::download

#include "download_controller.h"

#include <QMetaEnum>

#include "library/model_library.h"
#include "library/model_manifest.h"
#include "library/staged_download.h"
#include "model_hub.h"

using al::download::DownloadError;
using al::download::ModelDownloader;

DownloadController::DownloadController(QObject* parent)
    : QObject(parent), downloader_(new ModelDownloader(this)) {
    connect(downloader_, &ModelDownloader::phaseChanged, this, &DownloadController::stateChanged);
    connect(downloader_, &ModelDownloader::progressChanged, this, &DownloadController::progressChanged);
    connect(downloader_, &ModelDownloader::finished, this, [this](bool ok) {
        error_ = ok || downloader_->error() == DownloadError::Cancelled ? QString() : downloader_->errorMessage();
        emit stateChanged();
        // The downloader loaded the model to check it: hand that one over rather than load it again.
        std::shared_ptr<const al::Model> model = downloader_->takeModel();
        if (ok && switchWhenDone_) {
            if (model)
                ModelHub::instance()->adoptModel(std::move(model), downloader_->installedDir());
            else
                ModelHub::instance()->loadModel(downloader_->installedDir());
        }
        emit finished(ok, downloader_->installedDir());
    });
}

bool DownloadController::busy() const { return downloader_->busy(); }
QString DownloadController::modelId() const { return downloader_->modelId(); }

QString DownloadController::phase() const {
    const char* key = QMetaEnum::fromType<ModelDownloader::Phase>().valueToKey(int(downloader_->phase()));
    return key ? QString::fromLatin1(key).toLower() : QString();
}

double DownloadController::progress() const {
    const qint64 total = downloader_->bytesTotal();
    return total > 0 ? double(downloader_->bytesDone()) / double(total) : -1.0;
}

QString DownloadController::bytesText() const {
    const qint64 total = downloader_->bytesTotal();
    if (total <= 0)
        return QString();
    return tr("%1 of %2").arg(al::library::formatBytes(downloader_->bytesDone()), al::library::formatBytes(total));
}

QString DownloadController::speedText() const {
    const double speed = downloader_->bytesPerSecond();
    if (downloader_->phase() != ModelDownloader::Phase::Downloading || speed < 1.0)
        return QString();
    return tr("%1/s").arg(al::library::formatBytes(qint64(speed)));
}

QString DownloadController::etaText() const {
    const qint64 s = downloader_->secondsLeft();
    if (downloader_->phase() != ModelDownloader::Phase::Downloading || s < 0)
        return QString();
    if (s < 60)
        return tr("about %1 s left").arg(s);
    if (s < 3600)
        return tr("about %1 min left").arg((s + 30) / 60);
    return tr("about %1 h %2 min left").arg(s / 3600).arg((s % 3600) / 60);
}

// A notice (an unusable lock file set aside) stays with the status for the whole download, so the
// learner can see which file was moved.
QString DownloadController::status() const {
    const QString notice = downloader_->notice();
    return notice.isEmpty() ? downloader_->status() : notice + QLatin1Char(' ') + downloader_->status();
}
QString DownloadController::error() const { return error_; }
QString DownloadController::errorKind() const {
    return error_.isEmpty() ? QString() : QString::fromLatin1(al::download::downloadErrorName(downloader_->error()));
}

void DownloadController::download(const QString& id) {
    if (downloader_->busy())
        return;
    QString manifestError;
    for (const al::library::ManifestModel& m : al::library::loadManifest(QString(), &manifestError)) {
        if (m.id == id) {
            error_.clear();
            title_ = m.title;
            downloader_->start(m);
            emit stateChanged();
            return;
        }
    }
    error_ = manifestError.isEmpty() ? tr("No model called \"%1\" can be downloaded.").arg(id) : manifestError;
    emit stateChanged();
}

void DownloadController::cancel() { downloader_->cancel(); }

void DownloadController::discard(const QString& id) {
    if (downloader_->busy())
        return;
    for (const al::library::ManifestModel& m : al::library::loadManifest()) {
        if (m.id == id) {
            al::library::discardStaged(al::library::defaultModelsRoot(), m.folderName());
            error_.clear();
            emit stateChanged();
            emit finished(false, QString());
            return;
        }
    }
}

// The downloader's frame: settings, progress and speed, start (with the resume state an earlier
// run left), failure and cancellation. Each step of the work is in its own file (see
// model_downloader_p.h).
#include "download/model_downloader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QUrl>
#include <algorithm>
#include <utility>

#include "attention_lens/model.h"
#include "download/download_destination.h"
#include "download/download_parsers.h"
#include "download/source_names.h"
#include "download/staged_file.h"
#include "download/model_downloader_p.h"

namespace al::download {

using library::HashKind;
using library::ManifestFile;

const char* downloadErrorName(DownloadError e) {
    switch (e) {
    case DownloadError::None: return "none";
    case DownloadError::Offline: return "offline";
    case DownloadError::NotFound: return "not_found";
    case DownloadError::Unauthorized: return "unauthorized";
    case DownloadError::RangeNotSatisfiable: return "range_not_satisfiable";
    case DownloadError::Truncated: return "truncated";
    case DownloadError::Stalled: return "stalled";
    case DownloadError::WrongSize: return "wrong_size";
    case DownloadError::WrongHash: return "wrong_hash";
    case DownloadError::DiskFull: return "disk_full";
    case DownloadError::NotWritable: return "not_writable";
    case DownloadError::ServerError: return "server_error";
    case DownloadError::InvalidModel: return "invalid_model";
    case DownloadError::InvalidSource: return "invalid_source";
    case DownloadError::DestinationTaken: return "destination_taken";
    case DownloadError::InProgress: return "in_progress";
    case DownloadError::Cancelled: return "cancelled";
    }
    return "none";
}

const char* hashName(HashKind k) { return k == HashKind::Sha256 ? "sha256" : "git blob sha1"; }

ModelDownloader::ModelDownloader(QObject* parent) : QObject(parent), d(std::make_unique<Private>()) {
    d->nam = new QNetworkAccessManager(this);
    d->nam->setAutoDeleteReplies(false);
    d->stallTimer.setSingleShot(true);
    d->retryTimer.setSingleShot(true);
    connect(&d->stallTimer, &QTimer::timeout, this, [this] {
        if (d->reply) {
            d->stalled = true;
            d->reply->abort();
        }
    });
    // The window runs on across reconnects: a server that sends a little and closes, again and
    // again, is as slow as one that trickles on one connection (each reconnect is progress, so
    // the retry count alone would never end it).
    connect(&d->slowTimer, &QTimer::timeout, this, [this] {
        if (d->networkBytes - d->windowStartBytes < d->slowBytes) {
            d->tooSlow = true;
            if (d->reply) {
                d->reply->abort(); // onGetFinished fails with tooSlowMessage()
            } else {
                d->retryTimer.stop();
                fail(DownloadError::Stalled, tooSlowMessage());
            }
            return;
        }
        d->windowStartBytes = d->networkBytes;
    });
    d->clock.start();
    d->heartbeat.setInterval(1000);
    connect(&d->heartbeat, &QTimer::timeout, this, [this] { emit progressChanged(); });
}

ModelDownloader::~ModelDownloader() {
    d->cancelFlag->store(true);
    if (d->reply) {
        d->reply->disconnect(this);
        d->reply->abort();
        d->reply->deleteLater();
    }
    if (d->hashWatcher)
        d->hashWatcher->waitForFinished();
    if (d->validateWatcher)
        d->validateWatcher->waitForFinished();
}

QString ModelDownloader::defaultEndpoint() {
    QString e = qEnvironmentVariable("HF_ENDPOINT");
    if (e.isEmpty())
        e = QStringLiteral("https://huggingface.co");
    while (e.endsWith(QLatin1Char('/')))
        e.chop(1);
    return e;
}

void ModelDownloader::setEndpoint(const QString& endpoint) {
    d->endpoint = endpoint;
    while (d->endpoint.endsWith(QLatin1Char('/')))
        d->endpoint.chop(1);
}
void ModelDownloader::setModelsRoot(const QString& dir) { d->modelsRoot = QDir::cleanPath(dir); }
void ModelDownloader::setStallTimeoutMs(int ms) { d->stallTimeoutMs = ms; }
void ModelDownloader::setSlowRule(qint64 bytes, int windowMs) {
    d->slowBytes = bytes;
    d->slowWindowMs = windowMs;
}
void ModelDownloader::setMaxFileBytes(qint64 bytes) { d->maxFileBytes = bytes; }
void ModelDownloader::setMaxRetries(int retries) { d->maxRetries = retries; }
void ModelDownloader::setRetryDelayMs(int ms) { d->retryDelayMs = ms; }
void ModelDownloader::setReserveBytes(qint64 bytes) { d->reserveBytes = bytes; }
void ModelDownloader::setValidator(Validator validator) { d->validator = std::move(validator); }

ModelDownloader::Phase ModelDownloader::phase() const { return d->phase; }
bool ModelDownloader::busy() const {
    return d->phase == Phase::Checking || d->phase == Phase::Downloading || d->phase == Phase::Verifying
           || d->phase == Phase::Validating || d->phase == Phase::Installing;
}
QString ModelDownloader::modelId() const { return d->model.id; }
DownloadError ModelDownloader::error() const { return d->error; }
QString ModelDownloader::errorMessage() const { return d->errorMessage; }
QString ModelDownloader::status() const { return d->status; }
QString ModelDownloader::notice() const { return d->notice; }
QString ModelDownloader::currentFile() const {
    return d->index >= 0 && d->index < d->files.size() ? d->files[d->index].name : QString();
}
qint64 ModelDownloader::bytesDone() const { return d->completedBytes + d->currentBytes; }
qint64 ModelDownloader::bytesTotal() const {
    qint64 total = 0;
    for (const ManifestFile& f : d->files) {
        if (f.size < 0)
            return -1;
        total += f.size;
    }
    return d->files.isEmpty() ? -1 : total;
}
double ModelDownloader::bytesPerSecond() const {
    // Bytes over the last three seconds up to now, so a stall shows as a falling speed.
    const qint64 now = d->clock.elapsed();
    const auto first = std::find_if(d->samples.begin(), d->samples.end(),
                                    [now](const auto& s) { return now - s.first <= 3000; });
    if (first == d->samples.end() || now - first->first < 200)
        return 0.0;
    return double(d->samples.back().second - first->second) * 1000.0 / double(now - first->first);
}
qint64 ModelDownloader::secondsLeft() const {
    const double speed = bytesPerSecond();
    const qint64 total = bytesTotal();
    if (speed <= 1.0 || total < 0)
        return -1;
    return qint64((total - bytesDone()) / speed + 0.5);
}
QString ModelDownloader::installedDir() const { return d->installedDir; }
QString ModelDownloader::stagingDir() const { return d->staging; }
QString ModelDownloader::resolvedRevision() const { return d->revision; }
std::shared_ptr<const al::Model> ModelDownloader::takeModel() { return std::exchange(d->validated, nullptr); }

void ModelDownloader::setPhase(Phase phase) {
    if (d->phase == phase)
        return;
    d->phase = phase;
    if (phase == Phase::Downloading)
        d->heartbeat.start();
    else
        d->heartbeat.stop();
    emit phaseChanged();
    noteProgress(true);
}

void ModelDownloader::setStatus(const QString& status) {
    d->status = status;
    noteProgress(true);
}

void ModelDownloader::noteProgress(bool force) {
    const qint64 now = d->clock.elapsed();
    d->samples.emplace_back(now, d->networkBytes);
    while (d->samples.size() > 2 && now - d->samples.front().first > 3000)
        d->samples.pop_front();
    if (force || now - d->lastEmitMs >= 100) {
        d->lastEmitMs = now;
        emit progressChanged();
    }
}

QString ModelDownloader::fileUrl(const QString& name) const {
    return QStringLiteral("%1/%2/resolve/%3/%4").arg(d->endpoint, d->model.repo, d->revision, name);
}

void ModelDownloader::fail(DownloadError error, const QString& message) {
    d->stallTimer.stop();
    d->slowTimer.stop();
    d->retryTimer.stop();
    if (d->part.isOpen())
        d->part.close();
    d->lock.reset();
    d->error = error;
    d->errorMessage = message;
    d->status = message;
    setPhase(error == DownloadError::Cancelled ? Phase::Cancelled : Phase::Failed);
    emit finished(false);
}

void ModelDownloader::start(const library::ManifestModel& model) {
    if (busy())
        return;
    d->model = model;
    d->files = model.files;
    d->revision = model.revision;
    d->error = DownloadError::None;
    d->errorMessage.clear();
    d->notice.clear();
    d->installedDir.clear();
    d->validated.reset();
    d->cancelled = false;
    d->cancelFlag = std::make_shared<std::atomic<bool>>(false);
    d->index = -1;
    d->completedBytes = d->currentBytes = 0;
    d->networkBytes = 0;
    d->samples.clear();
    d->retried416 = false;
    d->restartFromZero = false;
    d->mostIndex = -1;

    // The folder's name comes from the repository id and files are named by the manifest: a name
    // such as ".." would put the staging folder on the models folder itself, which a failed or
    // repeated download then deletes. Nothing is created before every name has been checked.
    const QString root = library::stagingRoot(d->modelsRoot);
    d->staging = root + QLatin1Char('/') + model.folderName();
    QString invalid = sourceProblem(model);
    // An address without http:// or https:// (HF_ENDPOINT=localhost:8080) would fail as if the
    // network were down: the setting is named instead.
    const QUrl endpointUrl(d->endpoint);
    const QString scheme = endpointUrl.scheme().toLower();
    if (invalid.isEmpty() && ((scheme != QLatin1String("https") && scheme != QLatin1String("http")) || endpointUrl.host().isEmpty()))
        invalid = tr("the download address “%1” does not start with https:// or http:// and a server's name (it comes from "
                     "HF_ENDPOINT when that is set)")
                      .arg(withoutCredentials(d->endpoint));
    const auto inside = [](const QString& path, const QString& folder) {
        return QDir::cleanPath(path).startsWith(QDir::cleanPath(folder) + QLatin1Char('/'));
    };
    if (invalid.isEmpty() && (!inside(d->staging, root) || !inside(d->modelsRoot + QLatin1Char('/') + model.folderName(), d->modelsRoot)))
        invalid = tr("the folder for %1 would not be inside %2").arg(model.repo, d->modelsRoot);
    for (const library::ManifestFile& f : model.files)
        if (invalid.isEmpty() && !inside(d->stagedPath(f.name), d->staging))
            invalid = tr("the file %1 would not be inside %2").arg(f.name, d->staging);
    if (!invalid.isEmpty()) {
        d->staging.clear(); // so that discard() deletes nothing
        fail(DownloadError::InvalidSource, tr("Nothing was downloaded: %1.").arg(invalid));
        return;
    }
    // Before anything is created: a link on the way is never followed, and a folder of the same
    // name that holds anything but a model is never replaced.
    if (const QString why = destinationProblem(d->modelsRoot, model); !why.isEmpty()) {
        d->staging.clear();
        fail(DownloadError::DestinationTaken, tr("Nothing was downloaded: %1").arg(why));
        return;
    }
    setPhase(Phase::Checking);
    if (!QDir().mkpath(root)) {
        fail(DownloadError::NotWritable,
             tr("Cannot create the folder %1. Check that %2 is writable, or choose another folder.").arg(root, d->modelsRoot));
        return;
    }
    // One download per model and folder: a second one would write the same .part files. The lock
    // is held as long as the download runs, however long that is (no staleness by age); a lock
    // whose process has gone is taken over, and so is anything at its path that is no lock file.
    // The locks have a folder of their own: beside the staging folders, "<name>.lock" would be
    // the staging folder of a repository of that name. No model is named ".locks" (a repository
    // name never starts with a dot).
    const QString locks = root + QStringLiteral("/.locks");
    if (!QDir().mkpath(locks)) {
        fail(DownloadError::NotWritable,
             tr("Cannot create the folder %1. Check that %2 is writable, or choose another folder.").arg(locks, d->modelsRoot));
        return;
    }
    if (heldByAnEarlierVersion(root + QLatin1Char('/') + model.folderName() + QStringLiteral(".lock"))) {
        d->staging.clear();
        fail(DownloadError::InProgress,
             tr("Another download of %1 into %2 is in progress; wait for it to finish.").arg(model.repo, d->modelsRoot));
        return;
    }
    const QString lockPath = locks + QLatin1Char('/') + model.folderName() + QStringLiteral(".lock");
    d->lock = std::make_unique<QLockFile>(lockPath);
    d->lock->setStaleLockTime(0);
    if (const QString why = clearUnusableLock(lockPath); !why.isEmpty()) {
        d->staging.clear();
        fail(DownloadError::NotWritable, why);
        return;
    }
    if (!d->lock->tryLock(0)) {
        const bool held = d->lock->error() == QLockFile::LockFailedError;
        d->staging.clear(); // another run's: not ours to discard
        fail(held ? DownloadError::InProgress : DownloadError::NotWritable,
             held ? tr("Another download of %1 into %2 is in progress; wait for it to finish.").arg(model.repo, d->modelsRoot)
                  : tr("Cannot create a lock file in %1. Check that the folder is writable, or choose another folder.").arg(root));
        return;
    }
    if (!QDir().mkpath(d->staging)) {
        fail(DownloadError::NotWritable,
             tr("Cannot create the folder %1. Check that %2 is writable, or choose another folder.")
                 .arg(d->staging, d->modelsRoot));
        return;
    }
    // A link or a named pipe among the staged files is removed itself (never what it points to),
    // so that the file of that name is downloaded afresh; every staged file is also opened
    // without following links or blocking, should one appear later.
    removeSpecialEntries(d->staging);
    {
        QFile probe;
        QString why = openStagedFile(probe, d->staging + QStringLiteral("/.write-test"), QIODevice::WriteOnly | QIODevice::Truncate);
        if (why.isEmpty() && probe.write("ok", 2) != 2)
            why = probe.errorString();
        if (!why.isEmpty()) {
            fail(DownloadError::NotWritable,
                 tr("Cannot write in %1 (%2). Check that the folder is writable, or choose another folder.")
                     .arg(d->staging, why));
            return;
        }
        probe.close();
        // A QFile opened from a descriptor has no name: the file is removed by its path.
        QFile::remove(d->staging + QStringLiteral("/.write-test"));
    }

    // A download started earlier (by this or an earlier run of the app) left its expectations here.
    // Staged files are only ever kept with the state that names their repository, commit and
    // hashes: without it (an install killed after removing it, a state file that cannot be read)
    // a file of the right size may still be another revision's, so everything staged is dropped.
    d->staged.reset();
    QFile stateFile;
    if (openStagedFile(stateFile, d->stagedPath(QLatin1String(kStateFile)), QIODevice::ReadOnly).isEmpty()) {
        // A resume state is a few hundred bytes per file; anything far larger is not one.
        if (stateFile.size() <= 1 << 20)
            d->staged = parseResumeState(stateFile.read(1 << 20));
        stateFile.close();
    }
    if (!d->staged || !resumesSameSource(*d->staged, model.repo, model.revision)) {
        d->staged.reset();
        QDir(d->staging).removeRecursively();
        QDir().mkpath(d->staging);
    } else if (!library::isCommitId(model.revision)) {
        d->revision = d->staged->revision; // keep the commit the earlier files came from
    }
    setStatus(tr("Checking the files of %1…").arg(model.repo));
    headNext(0);
}

void ModelDownloader::cancel() {
    if (!busy())
        return;
    d->cancelled = true;
    d->cancelFlag->store(true);
    if (d->retryTimer.isActive()) {
        d->retryTimer.stop();
        fail(DownloadError::Cancelled, tr("Download paused; what was downloaded is kept and the next start resumes it."));
        return;
    }
    if (d->reply)
        d->reply->abort(); // finished() reports the cancellation
    // A hash or a load in flight reports it when it returns.
}

void ModelDownloader::discard() {
    cancel();
    if (d->hashWatcher)
        d->hashWatcher->waitForFinished();
    if (!d->staging.isEmpty())
        QDir(d->staging).removeRecursively();
    d->completedBytes = d->currentBytes = 0;
    noteProgress(true);
}

} // namespace al::download
#include "download/model_downloader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QStorageInfo>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <atomic>
#include <deque>

#include "download/file_hasher.h"
#include "library/model_library.h"

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
    case DownloadError::Cancelled: return "cancelled";
    }
    return "none";
}

namespace {

const char* kStateFile = "download.json"; // in the staging folder: repo, resolved revision, expectations

// "\"abc\"", "W/\"abc\"" -> "abc"
QString cleanEtag(QByteArray value) {
    value = value.trimmed();
    if (value.startsWith("W/"))
        value = value.mid(2);
    if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
        value = value.mid(1, value.size() - 2);
    return QString::fromLatin1(value).toLower();
}

HashKind kindOfEtag(const QString& etag) {
    static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
    static const QRegularExpression sha1(QStringLiteral("^[0-9a-f]{40}$"));
    if (sha256.match(etag).hasMatch())
        return HashKind::Sha256;
    if (sha1.match(etag).hasMatch())
        return HashKind::GitSha1;
    return HashKind::None;
}

QString userAgent() {
    const QString version = QCoreApplication::applicationVersion();
    return QStringLiteral("attention-lens/%1").arg(version.isEmpty() ? QStringLiteral("0") : version);
}

const char* hashName(HashKind k) { return k == HashKind::Sha256 ? "sha256" : "git blob sha1"; }

bool isNetworkDown(QNetworkReply::NetworkError e) {
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
        return true;
    default:
        return false;
    }
}

} // namespace

struct ModelDownloader::Private {
    QNetworkAccessManager* nam = nullptr;
    QString endpoint = ModelDownloader::defaultEndpoint();
    QString modelsRoot = library::defaultModelsRoot();
    int stallTimeoutMs = 30000;
    int maxRetries = 5;
    int retryDelayMs = 1000;
    qint64 reserveBytes = 64LL * 1024 * 1024;
    Validator validator = &ModelDownloader::validateWithEngine;

    library::ManifestModel model;
    QList<ManifestFile> files;   // expectations, filled in from headers where not pinned
    QString revision;            // the commit every file is fetched at
    QString staging;
    Phase phase = Phase::Idle;
    DownloadError error = DownloadError::None;
    QString errorMessage;
    QString status;
    QString installedDir;

    int index = -1;              // the file being fetched
    QNetworkReply* reply = nullptr;
    QFile part;
    bool replyChecked = false;   // the status of the current reply was looked at
    bool restartFromZero = false;
    bool stalled = false;
    bool writeFailed = false;
    bool retried416 = false;
    int attempts = 0;            // consecutive failed attempts on the current file without progress
    qint64 partAtRequest = 0;    // .part size when the request was sent
    QTimer stallTimer;
    QTimer retryTimer;
    QTimer heartbeat;            // refreshes speed and time left while no bytes arrive
    std::shared_ptr<std::atomic<bool>> cancelFlag = std::make_shared<std::atomic<bool>>(false);
    QFutureWatcher<HashResult>* hashWatcher = nullptr;
    QFutureWatcher<QString>* validateWatcher = nullptr;
    bool cancelled = false;

    qint64 completedBytes = 0;   // sizes of the files already finished
    qint64 currentBytes = 0;     // size of the current .part
    std::deque<std::pair<qint64, qint64>> samples; // (ms, network bytes) for the speed
    qint64 networkBytes = 0;
    QElapsedTimer clock;
    qint64 lastEmitMs = -1000;
};

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
    d->retryTimer.stop();
    if (d->part.isOpen())
        d->part.close();
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
    d->installedDir.clear();
    d->cancelled = false;
    d->cancelFlag = std::make_shared<std::atomic<bool>>(false);
    d->index = -1;
    d->completedBytes = d->currentBytes = 0;
    d->networkBytes = 0;
    d->samples.clear();
    d->retried416 = false;
    d->restartFromZero = false;

    const QString root = library::stagingRoot(d->modelsRoot);
    d->staging = root + QLatin1Char('/') + model.folderName();
    setPhase(Phase::Checking);
    if (!QDir().mkpath(d->staging)) {
        fail(DownloadError::NotWritable,
             tr("Cannot create the folder %1. Check that %2 is writable, or choose another folder.")
                 .arg(d->staging, d->modelsRoot));
        return;
    }
    {
        QFile probe(d->staging + QStringLiteral("/.write-test"));
        if (!probe.open(QIODevice::WriteOnly) || probe.write("ok", 2) != 2) {
            fail(DownloadError::NotWritable,
                 tr("Cannot write in %1 (%2). Check that the folder is writable, or choose another folder.")
                     .arg(d->staging, probe.errorString()));
            return;
        }
        probe.close();
        probe.remove();
    }

    // A download started earlier (by this or an earlier run of the app) left its expectations here.
    QFile stateFile(d->staging + QLatin1Char('/') + QLatin1String(kStateFile));
    if (stateFile.open(QIODevice::ReadOnly)) {
        const QJsonObject o = QJsonDocument::fromJson(stateFile.readAll()).object();
        const QString stagedRepo = o.value(QStringLiteral("repo")).toString();
        const QString stagedRev = o.value(QStringLiteral("revision")).toString();
        const bool sameSource = stagedRepo == model.repo
                                && (library::isCommitId(model.revision) ? stagedRev == model.revision : library::isCommitId(stagedRev));
        stateFile.close();
        if (!sameSource) {
            QDir(d->staging).removeRecursively();
            QDir().mkpath(d->staging);
        } else if (!library::isCommitId(model.revision)) {
            d->revision = stagedRev; // keep the commit the earlier files came from
        }
    }
    setStatus(tr("Checking the files of %1…").arg(model.repo));
    headNext(0);
}

// Asks the server for each unpinned file's size and hash (and the commit a branch points to),
// without following the redirect to the CDN: the X-Linked-* headers are on the first answer.
void ModelDownloader::headNext(int index, const QString& urlIn, int hops) {
    while (index < d->files.size() && d->files[index].pinned() && library::isCommitId(d->revision))
        ++index;
    if (index >= d->files.size()) {
        checkSpaceAndDownload();
        return;
    }
    d->index = index;
    const QString url = urlIn.isEmpty() ? fileUrl(d->files[index].name) : urlIn;
    QNetworkRequest req{QUrl(url)};
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setRawHeader("Accept-Encoding", "identity");
    req.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    req.setTransferTimeout(d->stallTimeoutMs);
    QNetworkReply* reply = d->nam->head(req);
    d->reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply, index, url, hops] {
        reply->deleteLater();
        d->reply = nullptr;
        if (d->cancelled) {
            fail(DownloadError::Cancelled, tr("Download cancelled."));
            return;
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        ManifestFile& f = d->files[index];
        if (status == 0) {
            const QNetworkReply::NetworkError e = reply->error();
            fail(isNetworkDown(e) || e == QNetworkReply::OperationCanceledError || e == QNetworkReply::TimeoutError
                     ? DownloadError::Offline : DownloadError::ServerError,
                 tr("Cannot reach %1 (%2). Check the internet connection and try again.").arg(d->endpoint, reply->errorString()));
            return;
        }
        if (status == 404) {
            const QString code = QString::fromLatin1(reply->rawHeader("X-Error-Code"));
            fail(DownloadError::NotFound, tr("%1 was not found at %2%3: the repository, revision or file does not exist.")
                                              .arg(f.name, url, code.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(code)));
            return;
        }
        if (status == 401 || status == 403) {
            fail(DownloadError::Unauthorized, tr("The server refused access to %1 (HTTP %2): the repository is gated or private.")
                                                  .arg(url).arg(status));
            return;
        }
        const QByteArray linkedSize = reply->rawHeader("X-Linked-Size");
        const bool redirect = status >= 300 && status < 400;
        // A renamed repository answers with a relative redirect to its new name: follow it (huggingface_hub does).
        if (redirect && linkedSize.isEmpty()) {
            const QUrl target = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
            if (target.isRelative() && hops < 5) {
                headNext(index, QUrl(url).resolved(target).toString(), hops + 1);
                return;
            }
        }
        if (status != 200 && !redirect) {
            fail(DownloadError::ServerError, tr("The server answered HTTP %1 for %2.").arg(status).arg(url));
            return;
        }
        const QByteArray commit = reply->rawHeader("X-Repo-Commit");
        if (!library::isCommitId(d->revision) && library::isCommitId(QString::fromLatin1(commit)))
            d->revision = QString::fromLatin1(commit);
        if (f.size < 0) {
            bool ok = false;
            const qint64 size = linkedSize.isEmpty() ? reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok)
                                                     : linkedSize.toLongLong(&ok);
            if (ok && size >= 0)
                f.size = size;
        }
        if (f.hashKind == HashKind::None) {
            const QByteArray linkedEtag = reply->rawHeader("X-Linked-Etag");
            const QString etag = cleanEtag(linkedEtag.isEmpty() ? reply->rawHeader("ETag") : linkedEtag);
            f.hashKind = kindOfEtag(etag);
            if (f.hashKind != HashKind::None)
                f.hash = etag;
        }
        if (f.size < 0) {
            fail(DownloadError::ServerError, tr("The server did not say how large %1 is (no X-Linked-Size or Content-Length).").arg(f.name));
            return;
        }
        headNext(index + 1);
    });
}

void ModelDownloader::checkSpaceAndDownload() {
    if (!library::isCommitId(d->revision)) {
        fail(DownloadError::ServerError,
             tr("The server did not name the commit of %1 at \"%2\" (no X-Repo-Commit header).").arg(d->model.repo, d->revision));
        return;
    }
    // Remember what this download expects, so a later run resumes against the same commit.
    QJsonObject state;
    state[QStringLiteral("repo")] = d->model.repo;
    state[QStringLiteral("revision")] = d->revision;
    QJsonObject files;
    qint64 remaining = 0;
    for (const ManifestFile& f : d->files) {
        QJsonObject fo;
        fo[QStringLiteral("size")] = double(f.size);
        fo[QStringLiteral("hash")] = f.hash;
        files[f.name] = fo;
        const QString path = d->staging + QLatin1Char('/') + f.name;
        const qint64 have = QFileInfo::exists(path) ? QFileInfo(path).size() : QFileInfo(path + QStringLiteral(".part")).size();
        remaining += std::max<qint64>(0, f.size - have);
    }
    state[QStringLiteral("files")] = files;
    QFile stateFile(d->staging + QLatin1Char('/') + QLatin1String(kStateFile));
    if (!stateFile.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || stateFile.write(QJsonDocument(state).toJson()) < 0) {
        fail(DownloadError::NotWritable, tr("Cannot write in %1: %2").arg(d->staging, stateFile.errorString()));
        return;
    }
    stateFile.close();

    const QStorageInfo storage(d->staging);
    if (storage.isValid() && storage.bytesAvailable() < remaining + d->reserveBytes) {
        fail(DownloadError::DiskFull, tr("Not enough free space on %1: the download needs %2 more and %3 is free (%4 kept in reserve).")
                                          .arg(storage.rootPath(), library::formatBytes(remaining),
                                               library::formatBytes(storage.bytesAvailable()), library::formatBytes(d->reserveBytes)));
        return;
    }
    if (storage.isValid() && storage.isReadOnly()) {
        fail(DownloadError::NotWritable, tr("%1 is on a read-only file system.").arg(d->staging));
        return;
    }
    d->attempts = 0;
    setPhase(Phase::Downloading);
    downloadNext(0);
}

void ModelDownloader::downloadNext(int index) {
    d->index = index;
    d->currentBytes = 0;
    if (d->cancelled) {
        fail(DownloadError::Cancelled, tr("Download cancelled."));
        return;
    }
    if (index >= d->files.size()) {
        validate();
        return;
    }
    const ManifestFile& f = d->files[index];
    const QString finalPath = d->staging + QLatin1Char('/') + f.name;
    const QString partPath = finalPath + QStringLiteral(".part");
    // A file renamed from .part was already verified; trust it if its size still matches.
    if (QFileInfo::exists(finalPath)) {
        if (QFileInfo(finalPath).size() == f.size) {
            d->completedBytes += f.size;
            noteProgress(true);
            downloadNext(index + 1);
            return;
        }
        QFile::remove(finalPath);
    }
    qint64 have = QFileInfo::exists(partPath) ? QFileInfo(partPath).size() : 0;
    if (d->restartFromZero || have > f.size) {
        QFile::remove(partPath);
        have = 0;
        d->restartFromZero = false;
    }
    if (have == f.size && f.size > 0) {
        d->currentBytes = have;
        verify(index);
        return;
    }
    d->part.setFileName(partPath);
    if (!d->part.open(QIODevice::WriteOnly | QIODevice::Append)) {
        fail(DownloadError::NotWritable, tr("Cannot write %1: %2").arg(partPath, d->part.errorString()));
        return;
    }
    d->currentBytes = have;
    d->partAtRequest = have;
    d->replyChecked = false;
    d->stalled = false;
    d->writeFailed = false;

    QNetworkRequest req{QUrl(fileUrl(f.name))};
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    req.setRawHeader("Accept-Encoding", "identity"); // byte ranges of the file itself, never of a gzip stream
    req.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    if (have > 0)
        req.setRawHeader("Range", "bytes=" + QByteArray::number(have) + "-");
    setStatus(have > 0 ? tr("Resuming %1 at %2…").arg(f.name, library::formatBytes(have))
                       : tr("Downloading %1…").arg(f.name));
    d->reply = d->nam->get(req);
    connect(d->reply, &QNetworkReply::readyRead, this, &ModelDownloader::onReadyRead);
    connect(d->reply, &QNetworkReply::finished, this, &ModelDownloader::onGetFinished);
    d->stallTimer.start(d->stallTimeoutMs);
}

void ModelDownloader::onReadyRead() {
    QNetworkReply* reply = d->reply;
    if (!reply || d->writeFailed)
        return;
    d->stallTimer.start(d->stallTimeoutMs);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!d->replyChecked) {
        d->replyChecked = true;
        if (status == 200 && d->partAtRequest > 0) {
            // The server ignored the Range header and sends the whole file: start the .part over.
            d->part.resize(0);
            d->part.seek(0);
            d->currentBytes = 0;
            d->partAtRequest = 0;
        } else if (status == 206) {
            // Content-Range: bytes <first>-<last>/<total>; anything but our offset means start over.
            static const QRegularExpression re(QStringLiteral("^bytes (\\d+)-(\\d+)/(\\d+|\\*)$"));
            const auto m = re.match(QString::fromLatin1(reply->rawHeader("Content-Range")).trimmed());
            if (!m.hasMatch() || m.captured(1).toLongLong() != d->partAtRequest) {
                d->restartFromZero = true;
                d->writeFailed = true; // stop writing; finished() restarts
                reply->abort();
                return;
            }
        }
    }
    if (status != 200 && status != 206) {
        reply->readAll(); // an error page: not part of the file
        return;
    }
    const QByteArray chunk = reply->readAll();
    if (chunk.isEmpty())
        return;
    if (d->part.write(chunk) != chunk.size() || !d->part.flush()) {
        d->writeFailed = true;
        const QStorageInfo storage(d->staging);
        const bool full = storage.isValid() && storage.bytesAvailable() < chunk.size() + 4096;
        const QString why = d->part.errorString();
        d->part.close();
        d->reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
        fail(full ? DownloadError::DiskFull : DownloadError::NotWritable,
             full ? tr("The disk is full while writing %1 (%2). Free some space and resume: what was downloaded is kept.")
                        .arg(d->part.fileName(), why)
                  : tr("Cannot write %1: %2").arg(d->part.fileName(), why));
        return;
    }
    d->currentBytes += chunk.size();
    d->networkBytes += chunk.size();
    noteProgress();
}

void ModelDownloader::onGetFinished() {
    QNetworkReply* reply = d->reply;
    if (!reply)
        return;
    d->stallTimer.stop();
    if (reply->bytesAvailable() > 0 && !d->writeFailed)
        onReadyRead();
    d->reply = nullptr;
    reply->deleteLater();
    d->part.close();
    if (d->phase == Phase::Failed)
        return; // a write error already failed the download
    if (d->cancelled) {
        fail(DownloadError::Cancelled, tr("Download paused; what was downloaded is kept and the next start resumes it."));
        return;
    }
    const ManifestFile& f = d->files[d->index];
    if (d->restartFromZero) {
        downloadNext(d->index);
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const qint64 have = QFileInfo(d->part.fileName()).size();
    d->currentBytes = have;
    if (status == 416) {
        if (have == f.size) {
            verify(d->index); // the part was complete already
        } else if (!d->retried416) {
            d->retried416 = true;
            d->restartFromZero = true;
            downloadNext(d->index);
        } else {
            fail(DownloadError::RangeNotSatisfiable,
                 tr("The server refused the byte range for %1 (HTTP 416) even after starting over.").arg(f.name));
        }
        return;
    }
    if (status == 404) {
        fail(DownloadError::NotFound, tr("%1 was not found at %2 (HTTP 404).").arg(f.name, fileUrl(f.name)));
        return;
    }
    if (status == 401 || status == 403) {
        fail(DownloadError::Unauthorized, tr("The server refused access to %1 (HTTP %2).").arg(fileUrl(f.name)).arg(status));
        return;
    }
    if (status >= 500) {
        retryOrFail(DownloadError::ServerError, tr("The server answered HTTP %1 for %2.").arg(status).arg(f.name));
        return;
    }
    if (status != 0 && status != 200 && status != 206) {
        fail(DownloadError::ServerError, tr("The server answered HTTP %1 for %2.").arg(status).arg(fileUrl(f.name)));
        return;
    }
    const QNetworkReply::NetworkError e = reply->error();
    if (d->stalled) {
        retryOrFail(DownloadError::Stalled, tr("No data arrived for %1 s while downloading %2.").arg(d->stallTimeoutMs / 1000.0).arg(f.name));
        return;
    }
    if (e != QNetworkReply::NoError || status == 0) {
        if (status == 0 && isNetworkDown(e))
            retryOrFail(DownloadError::Offline, tr("Cannot reach %1 (%2). Check the internet connection; the download resumes where it stopped.")
                                                    .arg(d->endpoint, reply->errorString()));
        else
            retryOrFail(DownloadError::Truncated, tr("The connection dropped after %1 of %2 (%3).")
                                                      .arg(library::formatBytes(have), f.name, reply->errorString()));
        return;
    }
    if (have < f.size) {
        retryOrFail(DownloadError::Truncated, tr("The server closed %1 after %2 of %3.")
                                                  .arg(f.name, library::formatBytes(have), library::formatBytes(f.size)));
        return;
    }
    if (have > f.size) {
        QFile::remove(d->part.fileName());
        fail(DownloadError::WrongSize, tr("%1 is %2 bytes, but %3 bytes were expected; the file was deleted. Try again later.")
                                           .arg(f.name).arg(have).arg(f.size));
        return;
    }
    verify(d->index);
}

void ModelDownloader::retryOrFail(DownloadError error, const QString& message) {
    // Progress since the last attempt resets the count: a flaky connection that keeps moving goes on.
    if (d->currentBytes > d->partAtRequest)
        d->attempts = 0;
    ++d->attempts;
    if (d->attempts > d->maxRetries) {
        fail(error, message + QLatin1Char(' ') + tr("What was downloaded is kept; start again to resume."));
        return;
    }
    setStatus(message + QLatin1Char(' ') + tr("Resuming (attempt %1 of %2)…").arg(d->attempts).arg(d->maxRetries));
    const int index = d->index;
    d->retryTimer.disconnect(this);
    connect(&d->retryTimer, &QTimer::timeout, this, [this, index] { downloadNext(index); });
    d->retryTimer.start(d->retryDelayMs * d->attempts);
}

void ModelDownloader::verify(int index) {
    const ManifestFile f = d->files[index];
    const QString partPath = d->staging + QLatin1Char('/') + f.name + QStringLiteral(".part");
    const QString finalPath = d->staging + QLatin1Char('/') + f.name;
    auto accept = [this, index, f, partPath, finalPath] {
        QFile::remove(finalPath);
        if (!QFile::rename(partPath, finalPath)) {
            fail(DownloadError::NotWritable, tr("Cannot rename %1 in %2.").arg(partPath, d->staging));
            return;
        }
        d->completedBytes += f.size;
        d->currentBytes = 0;
        d->attempts = 0;
        d->retried416 = false;
        setPhase(Phase::Downloading);
        downloadNext(index + 1);
    };
    if (f.hashKind == HashKind::None) {
        accept(); // the server named no hash; the size was checked
        return;
    }
    setPhase(Phase::Verifying);
    setStatus(tr("Checking %1 (%2)…").arg(f.name, QLatin1String(hashName(f.hashKind))));
    d->hashWatcher = new QFutureWatcher<HashResult>(this);
    connect(d->hashWatcher, &QFutureWatcher<HashResult>::finished, this, [this, f, partPath, accept] {
        const HashResult r = d->hashWatcher->result();
        d->hashWatcher->deleteLater();
        d->hashWatcher = nullptr;
        if (d->cancelled) {
            fail(DownloadError::Cancelled, tr("Download paused; what was downloaded is kept and the next start resumes it."));
            return;
        }
        if (!r.error.isEmpty()) {
            fail(DownloadError::NotWritable, r.error);
            return;
        }
        if (r.hex != f.hash) {
            QFile::remove(partPath);
            fail(DownloadError::WrongHash, tr("%1 arrived damaged: its %2 is %3, not %4. The file was deleted; nothing was installed. Try again.")
                                               .arg(f.name, QLatin1String(hashName(f.hashKind)), r.hex, f.hash));
            return;
        }
        accept();
    });
    d->hashWatcher->setFuture(QtConcurrent::run(hashFile, partPath, f.hashKind, d->cancelFlag.get(), nullptr));
}

void ModelDownloader::validate() {
    setPhase(Phase::Validating);
    setStatus(tr("Loading %1 to check it…").arg(d->model.repo));
    d->validateWatcher = new QFutureWatcher<QString>(this);
    connect(d->validateWatcher, &QFutureWatcher<QString>::finished, this, [this] {
        const QString problem = d->validateWatcher->result();
        d->validateWatcher->deleteLater();
        d->validateWatcher = nullptr;
        if (d->cancelled) {
            fail(DownloadError::Cancelled, tr("Download cancelled."));
            return;
        }
        if (!problem.isEmpty()) {
            fail(DownloadError::InvalidModel, tr("The downloaded files are intact but the model does not load: %1").arg(problem));
            return;
        }
        install();
    });
    const Validator validator = d->validator;
    const QString dir = d->staging;
    d->validateWatcher->setFuture(QtConcurrent::run([validator, dir] { return validator ? validator(dir) : QString(); }));
}

// One rename puts the verified folder in place; an earlier install is moved aside first and
// restored if that rename fails.
void ModelDownloader::install() {
    setPhase(Phase::Installing);
    QFile::remove(d->staging + QLatin1Char('/') + QLatin1String(kStateFile));
    {
        QJsonObject source;
        source[QStringLiteral("repo")] = d->model.repo;
        source[QStringLiteral("revision")] = d->revision;
        source[QStringLiteral("endpoint")] = d->endpoint;
        source[QStringLiteral("downloaded")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        QFile f(d->staging + QStringLiteral("/source.json"));
        if (f.open(QIODevice::WriteOnly))
            f.write(QJsonDocument(source).toJson());
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
    d->index = -1;
    d->status = tr("%1 is ready.").arg(d->model.title);
    setPhase(Phase::Done);
    emit finished(true);
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

// Transfer: each file grows as <file>.part in the staging folder, resumed with a Range request
// after a dropped connection, a stall or a restart of the app; the resume state (download.json)
// records the source so a later run continues against the same commit. Retries back off while
// a flaky connection keeps making progress; a full disk or an unwritable folder stops at once.
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QStorageInfo>
#include <algorithm>
#include <cerrno>
#include <cstring>

#include "download/download_parsers.h"
#include "download/model_downloader_p.h"
#include "download/staged_file.h"

namespace al::download {

using library::ManifestFile;

void ModelDownloader::checkSpaceAndDownload() {
    if (!library::isCommitId(d->revision)) {
        fail(DownloadError::ServerError,
             tr("The server did not name the commit of %1 at \"%2\" (no X-Repo-Commit header).").arg(d->model.repo, d->revision));
        return;
    }
    // A staged file is kept only when the earlier run expected the same bytes of it (its size and
    // hash): a size alone cannot tell two revisions of a file apart.
    for (const ManifestFile& f : d->files) {
        const auto same = [&f](const ManifestFile& s) {
            return s.name == f.name && s.size == f.size && s.hashKind == f.hashKind && s.hash == f.hash && f.hashKind != library::HashKind::None;
        };
        if (!d->staged || std::none_of(d->staged->files.begin(), d->staged->files.end(), same))
            for (const QString& path : {d->stagedPath(f.name), d->stagedPath(f.name) + QStringLiteral(".part")})
                if (isRegularFile(path))
                    QFile::remove(path);
    }
    // A folder in the way of a file would only be found once everything else was fetched.
    for (const ManifestFile& f : d->files)
        for (const QString& path : {d->stagedPath(f.name), d->stagedPath(f.name) + QStringLiteral(".part")})
            if (QFileInfo(path).isDir() && !QFileInfo(path).isSymLink()) {
                fail(DownloadError::NotWritable, tr("Cannot download %1: the folder %2 is in its way. Delete that folder and start again.")
                                                     .arg(f.name, path));
                return;
            }
    // Remember what this download expects, so a later run resumes against the same commit.
    qint64 remaining = 0;
    for (const ManifestFile& f : d->files) {
        const QString path = d->stagedPath(f.name);
        const qint64 have = QFileInfo::exists(path) ? QFileInfo(path).size() : QFileInfo(path + QStringLiteral(".part")).size();
        remaining += std::max<qint64>(0, f.size - have);
    }
    QFile stateFile;
    QString why = openStagedFile(stateFile, d->stagedPath(QLatin1String(kStateFile)), QIODevice::WriteOnly | QIODevice::Truncate);
    if (why.isEmpty() && stateFile.write(serializeResumeState({d->model.repo, d->revision, d->files, d->model.revision})) < 0)
        why = stateFile.errorString();
    if (!why.isEmpty()) {
        fail(DownloadError::NotWritable, tr("Cannot write in %1: %2").arg(d->staging, why));
        return;
    }
    stateFile.close();

    const QStorageInfo storage(d->staging);
    if (storage.isValid() && storage.bytesAvailable() < remaining + d->reserveBytes) {
        // The reserve is named as part of the need: "needs 21.6 kB, 2.1 MB is free" alone would
        // read as enough.
        fail(DownloadError::DiskFull, tr("Not enough free space on %1: the download needs %2 more, plus %3 left free so that "
                                         "the system and the app can go on working, and only %4 is free.")
                                          .arg(storage.rootPath(), library::formatBytes(remaining),
                                               library::formatBytes(d->reserveBytes), library::formatBytes(storage.bytesAvailable())));
        return;
    }
    if (storage.isValid() && storage.isReadOnly()) {
        fail(DownloadError::NotWritable, tr("%1 is on a read-only file system.").arg(d->staging));
        return;
    }
    d->attempts = 0;
    d->mostIndex = -1;
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
    const QString finalPath = d->stagedPath(f.name);
    const QString partPath = finalPath + QStringLiteral(".part");
    // A link or a special file under either name is removed itself, never opened or followed.
    for (const QString& path : {finalPath, partPath})
        if (QFileInfo(path).exists() || QFileInfo(path).isSymLink())
            if (!isRegularFile(path) && !QFileInfo(path).isDir())
                QFile::remove(path);
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
    if (index != d->mostIndex) {
        d->mostIndex = index;
        d->mostBytes = have;
        d->rangeIgnored = false;
    }
    d->mostBytes = std::max(d->mostBytes, have);
    d->partPath = partPath; // a QFile opened from a descriptor has no name
    if (const QString why = openStagedFile(d->part, partPath, QIODevice::WriteOnly | QIODevice::Append); !why.isEmpty()) {
        fail(DownloadError::NotWritable, tr("Cannot write %1: %2").arg(partPath, why));
        return;
    }
    // A .part with a second name is replaced by an empty one as it is opened: resume from there.
    have = std::min(have, d->part.size());
    d->currentBytes = have;
    d->partAtRequest = have;
    d->replyChecked = false;
    d->stalled = false;
    d->tooSlow = false;
    d->writeFailed = false;

    QNetworkRequest req = fileRequest(fileUrl(f.name));
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    if (have > 0)
        req.setRawHeader("Range", "bytes=" + QByteArray::number(have) + "-");
    setStatus(have > 0 ? tr("Resuming %1 at %2…").arg(f.name, library::formatBytes(have))
                       : tr("Downloading %1…").arg(f.name));
    d->reply = d->nam->get(req);
    connect(d->reply, &QNetworkReply::readyRead, this, &ModelDownloader::onReadyRead);
    connect(d->reply, &QNetworkReply::finished, this, &ModelDownloader::onGetFinished);
    d->stallTimer.start(d->stallTimeoutMs);
    if (!d->slowTimer.isActive()) { // a retry goes on in the window its file's first request began
        d->windowStartBytes = d->networkBytes;
        d->slowTimer.start(d->slowWindowMs);
    }
}

void ModelDownloader::onReadyRead() {
    QNetworkReply* reply = d->reply;
    if (!reply || d->writeFailed)
        return;
    d->stallTimer.start(d->stallTimeoutMs);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!d->replyChecked) {
        d->replyChecked = true;
        // The request asks for the file itself (Accept-Encoding: identity). A compressed answer is
        // not the file: its bytes can be neither checked against the file's size and hash nor
        // resumed, so it is refused at once rather than retried as a cut transfer.
        const QByteArray encoding = reply->rawHeader("Content-Encoding").trimmed().toLower();
        if ((status == 200 || status == 206) && !encoding.isEmpty() && encoding != "identity") {
            d->writeFailed = true;
            d->part.close();
            if (d->partAtRequest == 0)
                QFile::remove(d->partPath);
            d->reply = nullptr;
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
            fail(DownloadError::ServerError, tr("The server sent %1 compressed (Content-Encoding: %2) although the file itself was "
                                                "asked for; a compressed file cannot be checked or resumed. Try another endpoint.")
                                                 .arg(d->files[d->index].name, shortText(QString::fromLatin1(encoding))));
            return;
        }
        if (status == 200 && d->partAtRequest > 0) {
            // The server ignored the Range header and sends the whole file: start the .part over.
            d->part.resize(0);
            d->part.seek(0);
            d->currentBytes = 0;
            d->partAtRequest = 0;
            d->rangeIgnored = true;
        } else if (status == 206) {
            // Content-Range: bytes <first>-<last>/<total>; anything but our offset means start over.
            const std::optional<ContentRange> range = parseContentRange(reply->rawHeader("Content-Range"));
            if (!range || range->first != d->partAtRequest) {
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
    const ManifestFile& f = d->files[d->index];
    // The size the probe (or the manifest) gave is the most this file may take on disk: a server
    // that announces more, or sends more, is stopped at once, not trusted to end.
    const std::optional<qint64> announced = parseByteCount(reply->rawHeader("Content-Length"));
    const qint64 room = f.size - d->partAtRequest;
    if (announced && *announced > room) {
        stopForTooManyBytes(tr("%1: the server announced %2 bytes where %3 were expected").arg(f.name).arg(*announced).arg(room));
        return;
    }
    const QByteArray chunk = reply->read(std::max<qint64>(0, f.size - d->currentBytes) + 1);
    if (chunk.isEmpty())
        return;
    if (d->currentBytes + chunk.size() > f.size) {
        stopForTooManyBytes(tr("%1: the server sent more than the %2 bytes it announced").arg(f.name).arg(f.size));
        return;
    }
    if (const int err = appendStaged(d->part, chunk); err != 0) {
        d->writeFailed = true;
        const QStorageInfo storage(d->staging);
        const bool full = err == ENOSPC || err == EDQUOT || (storage.isValid() && storage.bytesAvailable() < chunk.size() + 4096);
        const QString why = QString::fromLocal8Bit(std::strerror(err));
        d->part.close();
        d->reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
        fail(full ? DownloadError::DiskFull : DownloadError::NotWritable,
             full ? tr("The disk is full while writing %1 (%2). Free some space and resume: what was downloaded is kept.")
                        .arg(d->partPath, why)
                  : tr("Cannot write %1: %2").arg(d->partPath, why));
        return;
    }
    d->currentBytes += chunk.size();
    d->networkBytes += chunk.size();
    noteProgress();
}

// The server sends (or says it will send) more than the file's size: the reply is dropped and the
// .part deleted, since bytes past the size mean its start may not be the file either.
void ModelDownloader::stopForTooManyBytes(const QString& what) {
    QNetworkReply* reply = d->reply;
    d->writeFailed = true;
    d->part.close();
    QFile::remove(d->partPath);
    d->currentBytes = 0;
    d->reply = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
    fail(DownloadError::WrongSize, tr("%1; the download stopped and the partial file was deleted. Try again later.").arg(what));
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
    const QNetworkReply::NetworkError e = reply->error();
    int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // A connection lost on the way to a redirect's target (the hub's CDN) leaves the redirect's
    // own status on the reply: that is a dropped connection, retried like one, not an answer.
    if (status >= 300 && status < 400 && e != QNetworkReply::NoError && e != QNetworkReply::InsecureRedirectError
        && e != QNetworkReply::TooManyRedirectsError)
        status = 0;
    const qint64 have = QFileInfo(d->partPath).size();
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
    if (d->tooSlow) {
        // Not retried: a trickle counts as progress, so retries would never end.
        fail(DownloadError::Stalled, tooSlowMessage());
        return;
    }
    if (d->stalled) {
        retryOrFail(DownloadError::Stalled, tr("No data arrived for %1 s while downloading %2.").arg(d->stallTimeoutMs / 1000.0).arg(f.name));
        return;
    }
    if (e != QNetworkReply::NoError || status == 0) {
        if (status == 0 && isNetworkDown(e))
            retryOrFail(DownloadError::Offline, tr("Cannot reach %1 (%2). Check the internet connection; the download resumes where it stopped.")
                                                    .arg(withoutCredentials(d->endpoint), shortText(reply->errorString())));
        else
            retryOrFail(DownloadError::Truncated, tr("The connection dropped after %1 of %2 (%3).")
                                                      .arg(library::formatBytes(have), f.name, shortText(reply->errorString())));
        return;
    }
    if (have < f.size) {
        retryOrFail(DownloadError::Truncated, tr("The server closed %1 after %2 of %3.")
                                                  .arg(f.name, library::formatBytes(have), library::formatBytes(f.size)));
        return;
    }
    if (have > f.size) {
        QFile::remove(d->partPath);
        fail(DownloadError::WrongSize, tr("%1 is %2 bytes, but %3 bytes were expected; the file was deleted. Try again later.")
                                           .arg(f.name).arg(have).arg(f.size));
        return;
    }
    verify(d->index);
}

QString ModelDownloader::tooSlowMessage() const {
    return tr("Fewer than %1 arrived in %2 s while downloading %3: the connection is too slow to finish. "
              "What was downloaded is kept; start again to resume.")
        .arg(library::formatBytes(d->slowBytes))
        .arg(d->slowWindowMs / 1000.0)
        .arg(d->files[d->index].name);
}

void ModelDownloader::retryOrFail(DownloadError error, const QString& message) {
    // Progress resets the count, so a flaky connection that keeps moving goes on. Progress is bytes
    // beyond the most this file ever had: a server that ignores Range sends the start again each
    // time, and bytes sent again are no progress.
    if (d->currentBytes > d->mostBytes) {
        d->mostBytes = d->currentBytes;
        d->attempts = 0;
    }
    ++d->attempts;
    if (d->attempts > d->maxRetries) {
        QString why = message;
        if (d->rangeIgnored)
            why += QLatin1Char(' ') + tr("The server does not resume downloads (it sends the whole file again each time) and "
                                         "never got further than %1 of %2 in %3 attempts.")
                                          .arg(library::formatBytes(d->mostBytes), d->files[d->index].name)
                                          .arg(d->attempts);
        fail(error, why + QLatin1Char(' ') + tr("What was downloaded is kept; start again to resume."));
        return;
    }
    setStatus(message + QLatin1Char(' ') + tr("Resuming (attempt %1 of %2)…").arg(d->attempts).arg(d->maxRetries));
    const int index = d->index;
    d->retryTimer.disconnect(this);
    connect(&d->retryTimer, &QTimer::timeout, this, [this, index] { downloadNext(index); });
    d->retryTimer.start(d->retryDelayMs * d->attempts);
}

} // namespace al::download

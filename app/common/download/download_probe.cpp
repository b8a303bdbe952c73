// Probing: a HEAD request for each file that is not pinned, to learn its size and hash (and the
// commit a branch points to) before any byte is fetched. The header values are read by the pure
// functions of download_parsers.h.
#include <memory>
#include <QNetworkAccessManager>
#include <QNetworkRequest>

#include "download/download_parsers.h"
#include "download/model_downloader_p.h"

namespace al::download {

using library::HashKind;
using library::ManifestFile;

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
    QNetworkRequest req = fileRequest(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setTransferTimeout(d->stallTimeoutMs);
    QNetworkReply* reply = d->nam->head(req);
    d->reply = reply;
    // Sent means connected: a timeout after it is a server that says nothing, not a lost connection.
    auto sent = std::make_shared<bool>(false);
    connect(reply, &QNetworkReply::requestSent, this, [sent] { *sent = true; });
    connect(reply, &QNetworkReply::finished, this, [this, reply, index, url, hops, sent] {
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
            if (*sent && (e == QNetworkReply::OperationCanceledError || e == QNetworkReply::TimeoutError)) {
                fail(DownloadError::Stalled,
                     tr("The server at %1 accepted the connection but sent no answer for %2 s. It may be overloaded; try again later.")
                         .arg(withoutCredentials(d->endpoint))
                         .arg(d->stallTimeoutMs / 1000.0));
                return;
            }
            fail(isNetworkDown(e) || e == QNetworkReply::OperationCanceledError || e == QNetworkReply::TimeoutError
                     ? DownloadError::Offline : DownloadError::ServerError,
                 tr("Cannot reach %1 (%2). Check the internet connection and try again.").arg(withoutCredentials(d->endpoint), shortText(reply->errorString())));
            return;
        }
        if (status == 404) {
            const QByteArray code = reply->rawHeader("X-Error-Code");
            fail(DownloadError::NotFound, tr("%1 was not found at %2%3: the repository, revision or file does not exist.")
                                              .arg(f.name, shortText(url), code.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(quotedValue(code))));
            return;
        }
        if (status == 401 || status == 403) {
            fail(DownloadError::Unauthorized, tr("The server refused access to %1 (HTTP %2): the repository is gated or private.")
                                                  .arg(shortText(url)).arg(status));
            return;
        }
        // Qt drops every header of an answer whose headers exceed its limits (too many, or one too
        // long) and still reports the status: an answer with none at all was not readable, which is
        // not the same as a server that leaves the size out.
        if (reply->rawHeaderList().isEmpty()) {
            fail(DownloadError::ServerError, tr("The server's answer for %1 (HTTP %2) had headers that could not be read: none, "
                                                "or too many or too large for this app to accept.").arg(f.name).arg(status));
            return;
        }
        const QByteArray linkedSize = reply->rawHeader("X-Linked-Size");
        const bool redirect = status >= 300 && status < 400;
        // A renamed repository answers with a relative redirect to its new name: follow it (huggingface_hub does),
        // but only on the same server. "//host/path" is relative too (no scheme) and names another host.
        if (redirect && linkedSize.isEmpty()) {
            const QUrl target = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
            const QUrl resolved = QUrl(url).resolved(target);
            const bool sameServer = resolved.scheme() == QUrl(url).scheme() && resolved.host() == QUrl(url).host()
                                    && resolved.port() == QUrl(url).port();
            if (!sameServer) {
                fail(DownloadError::ServerError, tr("The server sent the request for %1 on to another server (%2); only redirects "
                                                    "within %3 are followed.").arg(f.name, shortText(resolved.toString()), withoutCredentials(d->endpoint)));
                return;
            }
            if (hops < 5) {
                headNext(index, resolved.toString(), hops + 1);
                return;
            }
            // A redirect's own headers describe the redirect, not the file: never read a size from them.
            fail(DownloadError::ServerError, tr("The server redirected the request for %1 more than 5 times without "
                                                "answering it (last to %2).").arg(f.name, shortText(resolved.toString())));
            return;
        }
        if (status != 200 && !redirect) {
            fail(DownloadError::ServerError, tr("The server answered HTTP %1 for %2.").arg(status).arg(shortText(url)));
            return;
        }
        const ProbedFile probed = probedFile({linkedSize, reply->rawHeader("Content-Length"), reply->rawHeader("X-Linked-Etag"),
                                              reply->rawHeader("ETag"), reply->rawHeader("X-Repo-Commit")});
        const QByteArray commitHeader = reply->rawHeader("X-Repo-Commit").trimmed();
        if (!library::isCommitId(d->revision) && !probed.commit.isEmpty())
            d->revision = probed.commit;
        if (!library::isCommitId(d->revision) && !commitHeader.isEmpty() && probed.commit.isEmpty()) {
            fail(DownloadError::ServerError, tr("The server named the commit of %1 at \"%2\" with an X-Repo-Commit header that is "
                                                "not a valid commit id (40 hexadecimal digits).").arg(d->model.repo, d->revision));
            return;
        }
        if (f.size < 0)
            f.size = probed.size;
        if (f.hashKind == HashKind::None) {
            f.hashKind = probed.hashKind;
            f.hash = probed.hash;
        }
        const QByteArray sizeHeader = linkedSize.isEmpty() ? reply->rawHeader("Content-Length") : linkedSize;
        if ((f.size < 0 && isByteCountTooLarge(sizeHeader)) || f.size > d->maxFileBytes) {
            fail(DownloadError::ServerError, tr("The server gave a size for %1 beyond this download's limit of %2 per file.")
                                                 .arg(f.name, library::formatBytes(d->maxFileBytes)));
            return;
        }
        if (f.size < 0 && !sizeHeader.trimmed().isEmpty()) {
            fail(DownloadError::ServerError, tr("The server gave a size for %1 that is not valid (its %2 header is not a byte count).").arg(f.name, QLatin1String(linkedSize.isEmpty() ? "Content-Length" : "X-Linked-Size")));
            return;
        }
        if (f.size < 0) {
            fail(DownloadError::ServerError, tr("The server did not say how large %1 is (no X-Linked-Size or Content-Length).").arg(f.name));
            return;
        }
        headNext(index + 1);
    });
}


} // namespace al::download

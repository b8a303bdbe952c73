// How every request to the hub is made, and which network errors mean "no connection" (told apart
// from a server that answered badly).
#include <QCoreApplication>
#include <QNetworkRequest>
#include <QUrl>

#include "download/model_downloader_p.h"

namespace al::download {

QNetworkRequest fileRequest(const QString& url) {
    QNetworkRequest req{QUrl(url)};
    req.setRawHeader("Accept-Encoding", "identity");
    const QString version = QCoreApplication::applicationVersion();
    req.setHeader(QNetworkRequest::UserAgentHeader,
                  QStringLiteral("attention-lens/%1").arg(version.isEmpty() ? QStringLiteral("0") : version));
    return req;
}

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

} // namespace al::download

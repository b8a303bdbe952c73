// A small Hugging Face look-alike on 127.0.0.1 for the downloader's tests: serves
// /{repo}/resolve/{revision}/{file} like the Hub (HEAD with X-Repo-Commit, ETag = git blob sha1 for
// small files; 302 to /cdn/... with X-Linked-Size / X-Linked-Etag = sha256 for LFS files), honours
// Range with 206 / 416, and misbehaves on request: cuts a body short, stalls, trickles, corrupts bytes,
// ignores Range, answers 416 or 404, streams without end, announces a size that is not one.
#pragma once
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QCryptographicHash>
#include <QHash>
#include <QList>
#include <QMap>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

class FakeHub : public QObject {
public:
    struct File {
        QByteArray data;
        bool lfs = false;
    };
    QString repo = QStringLiteral("org/tiny-gpt2");
    QString commit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    QMap<QString, File> files; // by file name

    // Misbehaviour, applied to GETs of LFS bodies (the big file).
    int cutAfter = -1, cutTimes = 0;      // send only this many body bytes, then close
    int stallAfter = -1, stallTimes = 0;  // send this many body bytes, then nothing
    bool corrupt = false;                 // flip a byte in the middle
    bool ignoreRange = false;             // answer 200 with the whole file to a Range request
    int answer416Times = 0;               // answer 416 to Range requests this many times
    int extraBytes = 0;                   // append junk beyond the declared size
    bool endless = false;                 // answer 200 with no Content-Length and zeros without end
    qint64 endlessSent = 0;               // body bytes sent so far by an endless answer
    int trickleEveryMs = -1;              // send the body one byte at a time, this many ms apart
    int dropCdnTimes = 0;                 // close this many requests for a redirect's target unanswered
    QByteArray headContentLength;         // when set, HEAD of a small file announces this Content-Length
    QByteArray repoNotFoundCode = "RepoNotFound"; // the X-Error-Code of the 404 for another repository
    QByteArray redirectSmallTo;           // when set, HEAD of a small file answers 302 to this prefix + its path
    QList<QByteArray> headExtraHeaders;   // added to the HEAD answer of small files
    QByteArray smallContentEncoding;      // when set, GET of a small file answers with this Content-Encoding

    int headCount = 0, getCount = 0;
    QList<QByteArray> ranges;             // the Range header of each body GET ("" when none)
    QStringList getPaths;
    QList<QByteArray> acceptEncodings;    // the Accept-Encoding header of each request ("" when none)

    static QByteArray gitSha1(const QByteArray& data) {
        return QCryptographicHash::hash("blob " + QByteArray::number(data.size()) + QByteArray(1, '\0') + data,
                                        QCryptographicHash::Sha1).toHex();
    }
    static QByteArray sha256(const QByteArray& data) {
        return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
    }

    bool listen() {
        connect(&server_, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = server_.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onRead(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        return server_.listen(QHostAddress::LocalHost);
    }
    QString endpoint() const { return QStringLiteral("http://127.0.0.1:%1").arg(server_.serverPort()); }
    // Serves a model folder's four files, model.safetensors as an LFS file (the big one).
    void serveModelFolder(const QString& dir) {
        for (const char* name : {"config.json", "vocab.json", "merges.txt", "model.safetensors"}) {
            QFile f(dir + QLatin1Char('/') + QLatin1String(name));
            files[QString::fromLatin1(name)] = {f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray(),
                                                QByteArrayView(name) == "model.safetensors"};
        }
    }
    void closeStalled() {
        for (const QPointer<QTcpSocket>& s : stalled_)
            if (s) s->abort();
        stalled_.clear();
    }

private:
    QTcpServer server_;
    QHash<QTcpSocket*, QByteArray> buffers_;
    QList<QPointer<QTcpSocket>> stalled_;

    void reply(QTcpSocket* s, int status, const QByteArray& reason, const QList<QByteArray>& headers,
               const QByteArray& body, qint64 contentLength, bool headOnly) {
        QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
        for (const QByteArray& h : headers)
            out += h + "\r\n";
        out += "Content-Length: " + QByteArray::number(contentLength) + "\r\nConnection: close\r\n\r\n";
        s->write(out);
        if (!headOnly)
            s->write(body);
        s->disconnectFromHost();
    }

    void onRead(QTcpSocket* s) {
        QByteArray& buf = buffers_[s];
        buf += s->readAll();
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buf.left(end).split('\n');
        buffers_.remove(s);
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        const QByteArray method = requestLine.value(0);
        const QString path = QString::fromLatin1(requestLine.value(1));
        QByteArray range;
        for (const QByteArray& l : lines)
            if (l.toLower().startsWith("range:"))
                range = l.mid(6).trimmed();
        QByteArray acceptEncoding;
        for (const QByteArray& l : lines)
            if (l.toLower().startsWith("accept-encoding:"))
                acceptEncoding = l.mid(16).trimmed();
        acceptEncodings << acceptEncoding;
        const bool head = method == "HEAD";
        head ? ++headCount : ++getCount;

        if (path.startsWith(QLatin1String("/cdn/"))) {
            if (!head && dropCdnTimes > 0) {
                --dropCdnTimes;
                s->disconnectFromHost();
                return;
            }
            serveBody(s, path.mid(5), range, head);
            return;
        }
        // /{repo}/resolve/{revision}/{file}
        const QString prefix = QLatin1Char('/') + repo + QStringLiteral("/resolve/");
        if (!path.startsWith(prefix)) {
            reply(s, 404, "Not Found", {"X-Error-Code: " + repoNotFoundCode}, "Repository not found", 20, head);
            return;
        }
        const QString rest = path.mid(prefix.size());
        const QString revision = rest.section(QLatin1Char('/'), 0, 0);
        const QString name = rest.section(QLatin1Char('/'), 1);
        if ((revision != QLatin1String("main") && revision != commit) || !files.contains(name)) {
            reply(s, 404, "Not Found", {"X-Error-Code: EntryNotFound"}, "Entry not found", 15, head);
            return;
        }
        const File& f = files[name];
        const QByteArray commitHeader = "X-Repo-Commit: " + commit.toLatin1();
        if (f.lfs) {
            const QByteArray location = "Location: " + endpoint().toLatin1() + "/cdn/" + name.toLatin1();
            reply(s, 302, "Found",
                  {commitHeader, location, "X-Linked-Size: " + QByteArray::number(f.data.size()),
                   "X-Linked-Etag: \"" + sha256(f.data) + '"', "ETag: W/\"deadbeef\""},
                  QByteArray(), 0, head);
            return;
        }
        if (head && !redirectSmallTo.isEmpty()) {
            reply(s, 302, "Found", {"Location: " + redirectSmallTo + path.toLatin1()}, QByteArray(), 0, true);
            return;
        }
        if (head && !headExtraHeaders.isEmpty()) {
            reply(s, 200, "OK", QList<QByteArray>{commitHeader, "ETag: \"" + gitSha1(f.data) + '"'} + headExtraHeaders, QByteArray(),
                  f.data.size(), true);
            return;
        }
        if (!head && !smallContentEncoding.isEmpty()) {
            ranges << range;
            getPaths << path;
            reply(s, 200, "OK", {"Content-Encoding: " + smallContentEncoding}, f.data.left(f.data.size() / 2), f.data.size() / 2, false);
            return;
        }
        if (head && !headContentLength.isEmpty()) {
            s->write("HTTP/1.1 200 OK\r\n" + commitHeader + "\r\nETag: \"" + gitSha1(f.data) + "\"\r\nContent-Length: "
                     + headContentLength + "\r\nConnection: close\r\n\r\n");
            s->disconnectFromHost();
            return;
        }
        if (head) {
            reply(s, 200, "OK", {commitHeader, "ETag: \"" + gitSha1(f.data) + '"'}, QByteArray(), f.data.size(), true);
            return;
        }
        ranges << range;
        getPaths << path;
        serveBody(s, name, range, false);
    }

    void serveBody(QTcpSocket* s, const QString& name, const QByteArray& range, bool head) {
        if (!files.contains(name)) {
            reply(s, 404, "Not Found", {}, QByteArray(), 0, head);
            return;
        }
        const File& f = files[name];
        if (head) {
            reply(s, 200, "OK", {"Accept-Ranges: bytes"}, QByteArray(), f.data.size(), true);
            return;
        }
        if (f.lfs) {
            ranges << range;
            getPaths << QStringLiteral("/cdn/") + name;
        }
        if (f.lfs && endless) {
            // Zeros for as long as the client reads them (capped, so a client that never stops
            // cannot fill the disk of the machine running the test).
            s->write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            const auto more = [this, s] {
                while (s->state() == QAbstractSocket::ConnectedState && s->bytesToWrite() < (4 << 20)
                       && endlessSent < (qint64(256) << 20)) {
                    s->write(QByteArray(1 << 20, '\0'));
                    endlessSent += 1 << 20;
                }
                if (endlessSent >= (qint64(256) << 20))
                    s->disconnectFromHost();
            };
            connect(s, &QTcpSocket::bytesWritten, s, more);
            more();
            return;
        }
        QByteArray data = f.data;
        if (f.lfs && corrupt)
            data[data.size() / 2] = char(data[data.size() / 2] ^ 0x5a);
        if (f.lfs && extraBytes > 0)
            data += QByteArray(extraBytes, 'x');
        qint64 from = 0;
        if (!range.isEmpty() && range.startsWith("bytes=") && !ignoreRange) {
            from = range.mid(6).split('-').value(0).toLongLong();
            if (answer416Times > 0 || from >= data.size()) {
                if (answer416Times > 0)
                    --answer416Times;
                reply(s, 416, "Range Not Satisfiable", {"Content-Range: bytes */" + QByteArray::number(data.size())},
                      QByteArray(), 0, false);
                return;
            }
        }
        const QByteArray body = data.mid(from);
        QByteArray out = from > 0 || (!range.isEmpty() && !ignoreRange)
                             ? "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + QByteArray::number(from) + '-'
                                   + QByteArray::number(data.size() - 1) + '/' + QByteArray::number(data.size()) + "\r\n"
                             : QByteArray("HTTP/1.1 200 OK\r\n");
        out += "Accept-Ranges: bytes\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
        s->write(out);
        if (f.lfs && cutTimes > 0 && cutAfter >= 0) {
            --cutTimes;
            s->write(body.left(cutAfter));
            s->disconnectFromHost();
            return;
        }
        if (f.lfs && trickleEveryMs >= 0) {
            // Never silent long enough to look stalled, never fast enough to finish.
            auto* timer = new QTimer(s);
            connect(timer, &QTimer::timeout, s, [s, body, sent = qsizetype(0)]() mutable {
                if (sent < body.size() && s->state() == QAbstractSocket::ConnectedState)
                    s->write(body.mid(sent++, 1));
            });
            timer->start(trickleEveryMs);
            stalled_ << s; // closed by closeStalled() at the end of the test
            return;
        }
        if (f.lfs && stallTimes > 0 && stallAfter >= 0) {
            --stallTimes;
            s->write(body.left(stallAfter));
            stalled_ << s; // keeps the connection open, sending nothing more
            return;
        }
        s->write(body);
        s->disconnectFromHost();
    }
};

// A whole file's bytes, or empty if it cannot be read (the download tests' way to check results).
inline QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Writes a whole file, creating its folder; false if that fails.
inline bool writeAll(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

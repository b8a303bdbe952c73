#include "single_instance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocalSocket>
#include <QThread>
#include <algorithm>
#include <unistd.h>

namespace {
// One name per user and data folder: a socket name may not hold the path itself (length limits).
QString serverNameFor(const QString& dataDir) {
    const QByteArray key = QFileInfo(dataDir).absoluteFilePath().toUtf8() + '\n' + QByteArray::number(::getuid());
    return QStringLiteral("attention-lens-") +
           QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(20));
}
} // namespace

SingleInstance::SingleInstance(const QString& dataDir, QObject* parent)
    : QObject(parent),
      lockPath_(QDir(dataDir).filePath(QStringLiteral("instance.lock"))),
      serverName_(serverNameFor(dataDir)),
      lock_(lockPath_) {
    QDir().mkpath(dataDir);
    // Never stale by age: the app stays open for hours. A lock whose process is gone is still
    // recognised as stale and taken over.
    lock_.setStaleLockTime(0);
}

bool SingleInstance::acquire(int waitMs) {
    if (lock_.tryLock(waitMs))
        return true;
    return lock_.error() != QLockFile::LockFailedError;
}

bool SingleInstance::raiseOther(int waitMs) {
    // The first copy listens once its window exists (a model and the interface load first), so
    // connecting is tried again until `waitMs` has passed.
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < waitMs) {
        QLocalSocket socket;
        socket.connectToServer(serverName_);
        if (socket.waitForConnected(500)) {
            socket.write("raise\n");
            socket.waitForBytesWritten(2000);
            // The first copy answers once it has raised its window.
            return socket.waitForReadyRead(std::max(500, int(waitMs - clock.elapsed()))) && socket.readAll().startsWith("ok");
        }
        QThread::msleep(200);
    }
    return false;
}

void SingleInstance::listen(std::function<void()> raise) {
    // Holding the lock, any socket of that name is a leftover of a copy that crashed.
    QLocalServer::removeServer(serverName_);
    server_.setSocketOptions(QLocalServer::UserAccessOption);
    if (!server_.listen(serverName_))
        return; // a later launch then says the course is open and exits without raising it
    connect(&server_, &QLocalServer::newConnection, this, [this, raise] {
        while (QLocalSocket* s = server_.nextPendingConnection()) {
            connect(s, &QLocalSocket::disconnected, s, &QObject::deleteLater);
            connect(s, &QLocalSocket::readyRead, s, [s, raise] {
                if (!s->readAll().startsWith("raise"))
                    return;
                raise();
                s->write("ok\n");
                s->flush();
            });
        }
    });
}

#include "download/file_hasher.h"

#include <QCryptographicHash>
#include <QFile>

namespace al::download {

HashResult hashFile(const QString& path, library::HashKind kind, const std::atomic<bool>* cancel,
                    std::atomic<qint64>* progress) {
    HashResult r;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        r.error = QStringLiteral("cannot read %1 to check it: %2").arg(path, f.errorString());
        return r;
    }
    QCryptographicHash hash(kind == library::HashKind::Sha256 ? QCryptographicHash::Sha256 : QCryptographicHash::Sha1);
    if (kind == library::HashKind::GitSha1) {
        const QByteArray header = "blob " + QByteArray::number(f.size());
        hash.addData(header);
        hash.addData(QByteArrayView("\0", 1));
    }
    QByteArray buffer(4 << 20, Qt::Uninitialized);
    qint64 done = 0;
    for (;;) {
        if (cancel && cancel->load()) {
            r.error = QStringLiteral("cancelled");
            return r;
        }
        const qint64 n = f.read(buffer.data(), buffer.size());
        if (n < 0) {
            r.error = QStringLiteral("cannot read %1 to check it: %2").arg(path, f.errorString());
            return r;
        }
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
        done += n;
        if (progress)
            progress->store(done);
    }
    r.hex = QString::fromLatin1(hash.result().toHex());
    return r;
}

} // namespace al::download

#include "gpt2_small_weights.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QMutex>

#include "attention_lens/error.h"
#include "download/file_hasher.h"
#include "library/model_manifest.h"

namespace course {

bool hasGpt2SmallShape(const al::Config& c) {
    return c.n_layer == 12 && c.n_head == 12 && c.n_embd == 768 && c.vocab_size == 50257;
}

bool isGpt2SmallWeights(const QString& modelDir, const std::atomic<bool>* cancel, const QString& expectedSha256,
                        qint64 expectedSize) {
    QString sha = expectedSha256;
    qint64 size = expectedSize;
    if (sha.isEmpty()) {
        for (const al::library::ManifestModel& m : al::library::loadManifest())
            if (m.id == QLatin1String("gpt2"))
                for (const al::library::ManifestFile& f : m.files)
                    if (f.name == QLatin1String("model.safetensors") && f.hashKind == al::library::HashKind::Sha256) {
                        sha = f.hash;
                        size = f.size;
                    }
        if (sha.isEmpty()) return false;
    }
    const QFileInfo info(modelDir + QStringLiteral("/model.safetensors"));
    if (!info.exists() || (size >= 0 && info.size() != size)) return false; // no need to hash
    static QMutex mutex;
    static QHash<QString, bool> known;
    const QString key = QStringLiteral("%1|%2|%3|%4").arg(info.canonicalFilePath()).arg(info.size())
                            .arg(info.lastModified().toMSecsSinceEpoch()).arg(sha);
    {
        QMutexLocker lock(&mutex);
        if (known.contains(key)) return known.value(key);
    }
    const al::download::HashResult h = al::download::hashFile(info.filePath(), al::library::HashKind::Sha256, cancel);
    if (!h.error.isEmpty()) {
        if (cancel && cancel->load()) throw al::Cancelled();
        return false;
    }
    const bool same = h.hex.compare(sha, Qt::CaseInsensitive) == 0;
    QMutexLocker lock(&mutex);
    known.insert(key, same);
    return same;
}

} // namespace course

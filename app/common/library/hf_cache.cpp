#include "library/hf_cache.h"

#include <QDir>
#include <QFileInfo>

namespace al::library {

QStringList hfCacheRoots() {
    QStringList candidates;
    const QString hubCache = qEnvironmentVariable("HF_HUB_CACHE");
    if (!hubCache.isEmpty())
        candidates << hubCache;
    const QString hfHome = qEnvironmentVariable("HF_HOME");
    if (!hfHome.isEmpty())
        candidates << hfHome + QStringLiteral("/hub");
    const QString xdg = qEnvironmentVariable("XDG_CACHE_HOME");
    if (!xdg.isEmpty())
        candidates << xdg + QStringLiteral("/huggingface/hub");
    candidates << QDir::homePath() + QStringLiteral("/.cache/huggingface/hub");
    QStringList roots;
    for (const QString& c : candidates) {
        const QString clean = QDir::cleanPath(c);
        if (QFileInfo(clean).isDir() && !roots.contains(clean))
            roots << clean;
    }
    return roots;
}

QList<CachedSnapshot> findCachedSnapshots(const QStringList& roots) {
    QList<CachedSnapshot> out;
    for (const QString& root : roots) {
        const QDir r(root);
        for (const QString& repoDir : r.entryList({QStringLiteral("models--*")}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            // models--openai-community--gpt2 -> openai-community/gpt2 (a repo without an org: models--gpt2)
            const QString repo = repoDir.mid(8).replace(QStringLiteral("--"), QStringLiteral("/"));
            const QDir snaps(r.filePath(repoDir) + QStringLiteral("/snapshots"));
            for (const QString& rev : snaps.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
                const QDir s(snaps.filePath(rev));
                if (s.exists(QStringLiteral("config.json")) && s.exists(QStringLiteral("model.safetensors")))
                    out.append({repo, rev, QDir::cleanPath(s.absolutePath())});
            }
        }
    }
    return out;
}

} // namespace al::library

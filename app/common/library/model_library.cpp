#include "library/model_library.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include "attention_lens/safe_file.h"
#include "attention_lens/tokenizer.h"
#include <dirent.h>
#include <sys/stat.h>
#include <string_view>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>

#include "library/hf_cache.h"
#include "library/staged_download.h"
#include "storage/app_folders.h"

namespace al::library {

const char* entryKindName(EntryKind k) {
    switch (k) {
    case EntryKind::Embedded: return "embedded";
    case EntryKind::Download: return "download";
    case EntryKind::Downloaded: return "downloaded";
    case EntryKind::HfCache: return "hf-cache";
    case EntryKind::Folder: return "folder";
    }
    return "folder";
}

QString defaultModelsRoot() {
    const QString env = qEnvironmentVariable("AL_MODELS_DIR");
    if (!env.isEmpty())
        return QDir::cleanPath(env);
    return al::app::appDataFolder() + QStringLiteral("/models");
}

QString stagingRoot(const QString& modelsRoot) { return modelsRoot + QStringLiteral("/.staging"); }

QString formatBytes(qint64 bytes) {
    if (bytes < 0)
        return QStringLiteral("?");
    if (bytes < 1000)
        return QStringLiteral("%1 B").arg(bytes);
    const char* units[] = {"kB", "MB", "GB", "TB"};
    double v = double(bytes) / 1000.0;
    int u = 0;
    while (v >= 1000.0 && u < 3) {
        v /= 1000.0;
        ++u;
    }
    return QStringLiteral("%1 %2").arg(v, 0, 'f', v >= 100 ? 0 : 1).arg(QLatin1String(units[u]));
}

QString formatParameters(qint64 p) {
    if (p <= 0)
        return QStringLiteral("?");
    if (p >= 1000000000)
        return QStringLiteral("%1B").arg(double(p) / 1e9, 0, 'f', 1);
    if (p >= 1000000)
        return QStringLiteral("%1M").arg(double(p) / 1e6, 0, 'f', 0);
    return QStringLiteral("%1k").arg(double(p) / 1e3, 0, 'f', 0);
}

QJsonObject LibraryEntry::toJson() const {
    QJsonObject o;
    o[QStringLiteral("key")] = key;
    o[QStringLiteral("kind")] = QString::fromLatin1(entryKindName(kind));
    o[QStringLiteral("title")] = title;
    if (!repo.isEmpty())
        o[QStringLiteral("repo")] = repo;
    if (!revision.isEmpty())
        o[QStringLiteral("revision")] = revision;
    if (!manifestId.isEmpty())
        o[QStringLiteral("id")] = manifestId;
    o[QStringLiteral("dir")] = dir.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(dir);
    o[QStringLiteral("ready")] = ready;
    if (!problem.isEmpty())
        o[QStringLiteral("problem")] = problem;
    o[QStringLiteral("bytes_on_disk")] = double(bytesOnDisk);
    if (downloadBytes >= 0) {
        o[QStringLiteral("download_bytes")] = double(downloadBytes);
        o[QStringLiteral("download_bytes_exact")] = downloadBytesExact;
    }
    if (partialBytes > 0)
        o[QStringLiteral("partial_bytes")] = double(partialBytes);
    o[QStringLiteral("parameters")] = double(parameters);
    o[QStringLiteral("n_layer")] = nLayer;
    o[QStringLiteral("n_head")] = nHead;
    o[QStringLiteral("n_embd")] = nEmbd;
    return o;
}

QJsonArray libraryToJson(const QList<LibraryEntry>& entries) {
    QJsonArray a;
    for (const LibraryEntry& e : entries)
        a.append(e.toJson());
    return a;
}

namespace {

// The folders in `root` whose names are not valid UTF-8, as Qt shows them (U+FFFD for the bytes).
QStringList foldersNotNamedInUtf8(const QString& root) {
    QStringList out;
    const QByteArray local = QFile::encodeName(root);
    DIR* dir = ::opendir(local.constData());
    if (!dir)
        return out;
    while (const dirent* e = ::readdir(dir)) {
        const std::string_view name(e->d_name);
        if (name.empty() || name[0] == '.' || al::first_invalid_utf8(name) == std::string_view::npos)
            continue;
        struct stat st {};
        if (::lstat((local + '/' + e->d_name).constData(), &st) == 0 && S_ISDIR(st.st_mode))
            out << QFile::decodeName(e->d_name);
    }
    ::closedir(dir);
    out.sort();
    return out;
}

void fillFromFolder(LibraryEntry& e, const QString& dir) {
    const FolderInfo info = inspectModelFolder(dir);
    e.dir = info.dir;
    e.ready = info.ready();
    e.problem = info.problem;
    e.bytesOnDisk = info.bytesOnDisk;
    if (info.configOk) {
        e.parameters = info.parameters;
        e.nLayer = info.nLayer;
        e.nHead = info.nHead;
        e.nEmbd = info.nEmbd;
    }
}

// What a source.json written by the downloader says about a folder (repo, revision).
void readSource(LibraryEntry& e) {
    // A regular file of at most 64 KiB, read without blocking: a named pipe there must not hang the list.
    const al::FileBytes file = al::read_regular_file(
        QFile::encodeName(QDir(e.dir).filePath(QStringLiteral("source.json"))).toStdString(), 64 << 10, al::Links::Follow);
    if (file.problem != al::FileProblem::None)
        return;
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(file.bytes)).object();
    e.repo = o.value(QStringLiteral("repo")).toString(e.repo);
    e.revision = o.value(QStringLiteral("revision")).toString(e.revision);
}

} // namespace

QList<LibraryEntry> scanLibrary(const LibraryOptions& opt) {
    QList<LibraryEntry> out;
    QStringList seenDirs;
    auto seen = [&seenDirs](const QString& dir) {
        const QString canon = QFileInfo(dir).canonicalFilePath();
        if (canon.isEmpty())
            return false;
        if (seenDirs.contains(canon))
            return true;
        seenDirs << canon;
        return false;
    };

    if (!opt.embeddedDir.isEmpty()) {
        LibraryEntry e;
        e.key = QStringLiteral("embedded");
        e.kind = EntryKind::Embedded;
        e.title = QStringLiteral("Course model (built in)");
        fillFromFolder(e, opt.embeddedDir);
        seen(e.dir);
        out.append(e);
    }

    QString manifestError;
    const QList<ManifestModel> manifest = opt.manifest.isEmpty() ? loadManifest(QString(), &manifestError) : opt.manifest;
    for (const ManifestModel& m : manifest) {
        LibraryEntry e;
        e.key = m.id;
        e.manifestId = m.id;
        e.title = m.title;
        e.repo = m.repo;
        e.revision = m.revision;
        e.parameters = m.parameters();
        e.nLayer = m.nLayer;
        e.nHead = m.nHead;
        e.nEmbd = m.nEmbd;
        e.downloadBytes = m.estimatedBytes();
        e.downloadBytesExact = m.pinnedBytes() >= 0;
        const QString dir = opt.modelsRoot + QLatin1Char('/') + m.folderName();
        if (QFileInfo(dir).isDir()) {
            e.kind = EntryKind::Downloaded;
            fillFromFolder(e, dir);
            readSource(e);
            seen(e.dir);
        } else {
            e.kind = EntryKind::Download;
            e.problem = QStringLiteral("not downloaded yet");
            e.partialBytes = stagedBytes(opt.modelsRoot, m.folderName());
        }
        out.append(e);
    }

    // Other folders in the models folder (downloaded by an older manifest, or copied there by hand).
    const QDir root(opt.modelsRoot);
    for (const QString& sub : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString dir = root.filePath(sub);
        if (sub.startsWith(QLatin1Char('.')) || seen(dir))
            continue;
        LibraryEntry e;
        e.key = QStringLiteral("folder:") + QDir::cleanPath(dir);
        e.kind = EntryKind::Downloaded;
        e.title = sub;
        fillFromFolder(e, dir);
        readSource(e);
        out.append(e);
    }

    // Qt reads a name that is not UTF-8 with U+FFFD in its place, finds no folder of that name and
    // leaves it out: such a folder would be missing without a word. Listed, and named as such.
    for (const QString& title : foldersNotNamedInUtf8(opt.modelsRoot)) {
        LibraryEntry e;
        e.key = QStringLiteral("folder:") + root.filePath(title);
        e.kind = EntryKind::Downloaded;
        e.title = title;
        e.problem = QStringLiteral("its folder name is not valid UTF-8, so it cannot be opened; rename the folder");
        out.append(e);
    }

    if (opt.scanHfCache) {
        const QStringList roots = opt.hfCacheRoots.isEmpty() ? hfCacheRoots() : opt.hfCacheRoots;
        for (const CachedSnapshot& s : findCachedSnapshots(roots)) {
            if (seen(s.dir))
                continue;
            LibraryEntry e;
            e.key = QStringLiteral("hf:%1@%2").arg(s.repo, s.revision);
            e.kind = EntryKind::HfCache;
            e.title = s.repo.section(QLatin1Char('/'), -1);
            e.repo = s.repo;
            e.revision = s.revision;
            fillFromFolder(e, s.dir);
            out.append(e);
        }
    }

    for (const QString& folder : opt.openedFolders) {
        if (folder.isEmpty() || seen(folder))
            continue;
        LibraryEntry e;
        e.key = QStringLiteral("folder:") + QDir::cleanPath(folder);
        e.kind = EntryKind::Folder;
        e.title = QFileInfo(folder).fileName();
        fillFromFolder(e, folder);
        out.append(e);
    }
    return out;
}

} // namespace al::library

// The model library: every model the app can switch to or fetch, in the order a learner sees them —
// the embedded course model, the downloadable GPT-2 family (downloaded or not), other folders in the
// app's models folder, Hugging Face cache snapshots, and folders the user opened. Shared by the
// app's library page and `attention-lens-cli models`.
#pragma once
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "library/model_folder.h"
#include "library/model_manifest.h"

namespace al::library {

enum class EntryKind { Embedded, Download, Downloaded, HfCache, Folder };
const char* entryKindName(EntryKind k); // "embedded", "download", "downloaded", "hf-cache", "folder"

struct LibraryEntry {
    QString key;              // unique: "embedded", "gpt2", "folder:/path", "hf:org/name@rev"
    EntryKind kind = EntryKind::Folder;
    QString title;            // "GPT-2 small"
    QString repo;             // Hugging Face repository, when known
    QString revision;
    QString dir;              // where it is on disk; "" for a model not downloaded yet
    QString manifestId;       // set for the downloadable family (whether downloaded or not)
    bool ready = false;       // the folder passes every check short of reading the weights (model_folder.h)
    QString problem;          // why it is not ready (names what is missing or wrong)
    qint64 bytesOnDisk = 0;   // the model's files on disk
    qint64 downloadBytes = -1;// bytes to fetch (-1 unknown); exact only when downloadBytesExact
    bool downloadBytesExact = false;
    qint64 partialBytes = 0;  // already fetched into the staging folder (a paused download)
    qint64 parameters = 0;
    int nLayer = 0, nHead = 0, nEmbd = 0;
    QJsonObject toJson() const;
};

// The app's own models folder, the same for the app and the CLI: "<app data folder>/models"
// (storage/app_folders.h), or $AL_MODELS_DIR.
QString defaultModelsRoot();
// Where downloads in progress live (on the same filesystem, so installing is a rename).
QString stagingRoot(const QString& modelsRoot);

struct LibraryOptions {
    QString modelsRoot = defaultModelsRoot();
    QString embeddedDir;                  // "" when there is none
    QStringList hfCacheRoots;             // empty: the standard places (see hf_cache.h)
    bool scanHfCache = true;
    QStringList openedFolders;            // folders the user opened before
    QList<ManifestModel> manifest;        // empty: the built-in manifest
};

QList<LibraryEntry> scanLibrary(const LibraryOptions& options);
QJsonArray libraryToJson(const QList<LibraryEntry>& entries);

// "548.1 MB", "1.5 GB", "912 kB"
QString formatBytes(qint64 bytes);
// "124M", "355M", "1.2B", "420k"
QString formatParameters(qint64 parameters);

} // namespace al::library

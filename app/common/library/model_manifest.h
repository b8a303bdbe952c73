// The shipped list of downloadable models (resources/manifest/models.json): for each model its
// Hugging Face repository, the revision to fetch, its shape, and the files with whatever size and
// hash is known for certain. Anything not pinned is read from the server's headers at download time.
#pragma once
#include <QList>
#include <QString>

namespace al::library {

enum class HashKind { None, Sha256, GitSha1 };

struct ManifestFile {
    QString name;                      // "model.safetensors"
    qint64 size = -1;                  // -1: not pinned, ask the server
    HashKind hashKind = HashKind::None;
    QString hash;                      // lower-case hex; empty: not pinned
    bool pinned() const { return size >= 0 && hashKind != HashKind::None && !hash.isEmpty(); }
};

struct ManifestModel {
    QString id;          // "gpt2"
    QString repo;        // "openai-community/gpt2"
    QString title;       // "GPT-2 small"
    QString revision;    // a 40-hex commit, or a branch name resolved through X-Repo-Commit
    QString note;
    int nLayer = 0, nHead = 0, nEmbd = 0, nPositions = 0, vocabSize = 0;
    QList<ManifestFile> files;

    QString folderName() const;          // the repository's name: "gpt2"
    qint64 parameters() const;           // computed from the shape (tied lm_head)
    qint64 pinnedBytes() const;          // sum of pinned sizes, -1 if any size is unknown
    qint64 estimatedBytes() const;       // pinned sum, else ~4 bytes a parameter + tokenizer
};

// True for a full 40-hex git commit id.
bool isCommitId(const QString& revision);

// Reads a manifest file; the default is $AL_MANIFEST when set, else the copy compiled into the
// program (:/manifest/models.json). On failure returns an empty list and sets *error.
QList<ManifestModel> loadManifest(const QString& path = QString(), QString* error = nullptr);
QList<ManifestModel> parseManifest(const QByteArray& json, QString* error = nullptr);

} // namespace al::library

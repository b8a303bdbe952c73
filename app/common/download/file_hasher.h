// Hashes a downloaded file the way Hugging Face names it: sha256 for LFS files (X-Linked-Etag),
// git's blob sha1 for small files (ETag): sha1("blob <size>\0" + content). Runs on a worker thread.
#pragma once
#include <QString>
#include <atomic>

#include "library/model_manifest.h"

namespace al::download {

struct HashResult {
    QString hex;    // lower-case hex digest; empty on failure
    QString error;  // why it failed ("" on success)
};

// Reads the file in 4 MiB chunks; stops early (error "cancelled") when *cancel becomes true.
// `progress`, when set, is updated with the bytes hashed so far.
HashResult hashFile(const QString& path, library::HashKind kind, const std::atomic<bool>* cancel = nullptr,
                    std::atomic<qint64>* progress = nullptr);

} // namespace al::download

// The app's own small files (progress, settings, source.json, exports) through the engine's safe
// file rules (attention_lens/safe_file.h), in Qt's types and the learner's language: read only a
// regular file that is not a link, without blocking, up to a cap; write atomically; set a file that
// cannot be used aside under a new name instead of overwriting or deleting it.
#pragma once
#include <QByteArray>
#include <QString>

namespace al::app {

struct StateFileRead {
    bool missing = false; // nothing there yet: start fresh, nothing to set aside
    QByteArray bytes;     // the file, when `problem` is empty and it is not missing
    QString problem;      // translated: "it is a named pipe (FIFO), not a regular file", ...
};

// Reads `path` if it is a regular file (not a link) of at most `maxBytes`.
StateFileRead readStateFile(const QString& path, qint64 maxBytes);

// Writes `bytes` atomically (never through a link at `path`): "" or why not, in plain words.
QString writeFileAtomically(const QString& path, const QByteArray& bytes);

// Renames `path` (the link itself, if it is one) to "<path>.unusable-<UTC time>", with "-2", "-3"...
// added when that name is taken (nothing set aside is ever overwritten): the new name, or "" when
// it could not be moved.
QString setFileAside(const QString& path);

// Removes what a save killed before its rename left beside `path` (call while no other copy of
// the app can be saving it, or give `minAgeSeconds`: only temporaries older than that go).
void removeStaleTemporaries(const QString& path, long minAgeSeconds = 0);

} // namespace al::app

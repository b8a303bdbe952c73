// Files in a staging folder, opened as what they claim to be. The staging folder lives in a
// folder others may write to, so a name there may be a link to a file elsewhere or a named pipe:
// such a file is never opened through its name (a link would be written through, a pipe would
// block forever). Only regular files are opened, without following links and without blocking.
#pragma once
#include <QFile>
#include <QString>

namespace al::download {

// Opens `path` into `file` (ReadOnly, or WriteOnly with Append or Truncate) only if it is, or is
// created as, a regular file; never through a link, never blocking. "" on success, else why not.
QString openStagedFile(QFile& file, const QString& path, QIODevice::OpenMode mode);

// Removes every entry of `folder` that is not a regular file or a folder (links, pipes, sockets,
// devices): the entry itself goes, never what it points to. The names removed, for the record.
QStringList removeSpecialEntries(const QString& folder);

// True when `path` is a regular file (not a link to one).
bool isRegularFile(const QString& path);

} // namespace al::download

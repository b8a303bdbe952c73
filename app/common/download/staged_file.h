// Files in a staging folder, opened as what they claim to be. The staging folder lives in a
// folder others may write to, so a name there may be a link to a file elsewhere or a named pipe:
// such a file is never opened through its name (a link would be written through, a pipe would
// block forever), and a regular file there may have a second name elsewhere (a hard link), which
// writing would change. Only regular files are opened, without following links and without
// blocking, and only a file with one name is written to.
#pragma once
#include <QFile>
#include <QString>

namespace al::download {

// Opens `path` into `file` (ReadOnly, or WriteOnly with Append or Truncate) only if it is, or is
// created as, a regular file; never through a link, never blocking. A file to be written that has
// other names (hard links) is replaced by a fresh, empty one: the staged name is removed, never
// what it is linked to. "" on success, else why not.
QString openStagedFile(QFile& file, const QString& path, QIODevice::OpenMode mode);

// Writes all of `bytes` to the end of `file` (opened by openStagedFile for appending), straight to
// its descriptor: 0, or the errno of the write that failed. A short write (the disk filled up
// midway) is followed by another, so the system's reason is always known (ENOSPC, EFBIG, EIO).
int appendStaged(QFile& file, const QByteArray& bytes);

// Removes every entry of `folder` that is not a regular file with one name or a folder (links,
// hard links, pipes, sockets, devices): the entry itself goes, never what it points to. The names removed, for the record.
QStringList removeSpecialEntries(const QString& folder);

// True when `path` is a regular file (not a link to one).
bool isRegularFile(const QString& path);

} // namespace al::download

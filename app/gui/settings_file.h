// The settings file ("Attention Lens.conf", QSettings' INI format) read and written by the state
// file rules (storage/state_file.h): read only when it is a regular file, not a link, of at most
// kMaxBytes, without blocking; parsed from the bytes read; written atomically into the real folder,
// so a link put in its place is replaced, never written through. QSettings itself only ever opens
// a private copy: it follows links, blocks on a named pipe and reads any size. Nor does it parse a
// binary "@Variant(...)" value (QDataStream: a deep nesting overflows the stack, a claimed count is
// reserved whole): such a file is refused, save the fixed-size geometry an earlier version wrote,
// and the app writes only text, booleans, lists of text and "@Rect(...)".
#pragma once
#include <QByteArray>
#include <QString>
#include <QVariantMap>

namespace settings_file {

// A few hundred bytes in use; a settings file of a megabyte is not one the app wrote.
inline constexpr qint64 kMaxBytes = 1 << 20;

struct Contents {
    bool missing = false; // no file yet
    QByteArray bytes;     // as read (to notice a change without parsing again)
    QVariantMap values;   // key ("window/geometry") -> value, as QSettings reads it
    QString problem;      // "" when usable; else why not (translated), and the file must be set aside
    // Not parsed this time for want of room for the private copy QSettings reads: the file itself
    // may be fine, so it is neither used nor set aside (and nothing may be saved over it).
    bool notParsed = false;
};

Contents read(const QString& path);

// Parses bytes already read; `problem` says why they are not a settings file.
Contents parse(const QByteArray& bytes);

// Writes `values` as QSettings' INI text to `path` atomically: "" or why it failed. `written`
// receives the bytes now in the file.
QString write(const QString& path, const QVariantMap& values, QByteArray* written = nullptr);

} // namespace settings_file

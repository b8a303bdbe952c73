// The progress file's contents, checked from bytes alone (no file system), so the store and its
// tests can tell a usable file from one that must be set aside before anything is overwritten.
#pragma once
#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace al::course {

inline constexpr int kProgressVersion = 1;
QString progressFormat(); // "attention-lens-progress"

struct ProgressFileContents {
    QJsonObject root;     // the whole file, keys this version does not know included (kept on save)
    QJsonObject stations; // what a usable file holds; empty when `problem` is set
    QString problem;      // empty: usable; else why not, e.g. "it is not valid JSON (...)"
    // Entries of a usable file in a shape no version writes (a station, its "exercises" or an
    // exercise that is not an object): nothing can be shown of them, and a change to their
    // station would replace them, so the store keeps the file as it was before its first save.
    // A key given twice in one object (only the last is read) and a number a save would write
    // differently (12345678901234567891 as 12345678901234567000) count too: both are kept only in
    // the file as it was.
    int malformedEntries = 0;
};

// Reads version-1 progress JSON. A file of another shape, without a version, with a version no
// release writes (below 1, not whole), or written by a newer
// version (any number above this one, however large) is refused with the reason.
ProgressFileContents parseProgressFile(const QByteArray& bytes);

// `stations` without the entries counted in malformedEntries (written once the file as read is
// kept elsewhere, so the next start does not set a file aside again for the same entries).
QJsonObject withoutMalformedEntries(const QJsonObject& stations);
// Only what this version writes: each station's "visited" and its exercises' known fields, for a
// file that would otherwise be too large to save (ProgressStore sets the file as it was aside first).
QJsonObject knownFieldsOnly(const QJsonObject& stations);

} // namespace al::course

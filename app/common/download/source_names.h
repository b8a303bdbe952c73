// The names a download is built from, checked before anything touches the disk: the repository id
// (whose last part names the model's folder), the revision (part of every URL) and the file names.
// The rules are the Hugging Face hub's own, so every real repository passes.
#pragma once
#include <QString>

namespace al::library { struct ManifestModel; }

namespace al::download {

// "" when `repo` is "owner/name" with each part 1..96 characters of [A-Za-z0-9._-] that start and
// end with a letter, digit or "_" (so neither "." nor ".."), without "--" or ".."; else why not.
QString repoIdProblem(const QString& repo);
// "" for a branch, tag or commit name: [A-Za-z0-9._/-], at most 255 characters, no part that is
// empty or starts with "." (so no ".."); else why not.
QString revisionProblem(const QString& revision);
// "" for a plain file name ([A-Za-z0-9._-], not starting with ".", at most 255); else why not.
QString fileNameProblem(const QString& name);
// The first problem of the model's repository id, revision or file names, or "".
QString sourceProblem(const al::library::ManifestModel& model);

} // namespace al::download

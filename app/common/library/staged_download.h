// What a paused download left in the staging folder, looked at and discarded. The staging folder
// is in a folder others may write to: a link there (to "/", say) is no download, so no link is
// ever followed, and a folder far larger than a download ever makes is not walked to its end.
#pragma once
#include <QString>

namespace al::library {

// The bytes of the regular files staged for `folderName` under `modelsRoot`; 0 when its staging
// folder (or the staging root) is not a real folder.
qint64 stagedBytes(const QString& modelsRoot, const QString& folderName);

// Deletes what was staged for `folderName`. A link in place of its folder is removed itself,
// never what it points to.
void discardStaged(const QString& modelsRoot, const QString& folderName);

} // namespace al::library

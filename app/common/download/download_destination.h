// Where a download may go. The model is installed as <models>/<repository name>, a name the
// learner did not choose, so a folder already there may be someone's own work that happens to
// share it: it is replaced only when it holds nothing but a model's files and its source.json
// names the same repository (the rule `train-lab
// --out` follows), and no link on the way (the models folder's .staging, the staging folder, the
// target) is ever followed.
#pragma once
#include <QString>
#include <string>
#include <vector>

#include "library/model_manifest.h"

namespace al::download {

// The files a downloaded model folder holds: the model's own and the source.json the downloader
// writes. A folder holding nothing else (or nothing) may be replaced.
std::vector<std::string> installedFileNames(const library::ManifestModel& model);

// Why the model folder `target` may not be replaced by a download of `repo`: "" when it is
// absent or empty, or its source.json names `repo`; else a sentence naming the folder, what it
// holds and what to do. A folder another repository of the same name, or the learner, filled is
// never replaced. Looks only; changes nothing.
QString otherModelProblem(const QString& target, const QString& repo);

// Why `model` cannot be downloaded into `modelsRoot`: "" when it can, else a sentence naming the
// path and what is wrong (not a folder, a link, other files there). Looks only; changes nothing.
QString destinationProblem(const QString& modelsRoot, const library::ManifestModel& model);

} // namespace al::download

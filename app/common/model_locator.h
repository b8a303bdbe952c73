// Where the embedded default model lives. Looked up in this order:
//   1. $AL_EMBEDDED_MODEL (a folder), when set;
//   2. <executable dir>/../share/attention-lens/models/lens-mini (an installed package);
//   3. the source tree's resources/models/lens-mini (a developer build).
#pragma once
#include <QString>
#include <QStringList>

namespace al::app {

QString embeddedModelName(); // "lens-mini"

// Every place looked at, in order (for messages that say where the model was not found).
QStringList embeddedModelCandidates();

// The first candidate that holds a config.json, or an empty string when none does.
QString locateEmbeddedModel();

// One sentence for when locateEmbeddedModel() finds nothing, naming the places looked at.
QString embeddedModelMissingMessage();

} // namespace al::app

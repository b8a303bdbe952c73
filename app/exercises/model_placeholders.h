// Lesson texts (the prose and the glossary) may name the loaded model's sizes as {{model.KEY}}, so
// that a reading can put them beside GPT-2 small's published ones: the course runs on whatever
// model is loaded, and a learner asked about its sizes should find them, not only GPT-2 small's.
// The keys: n_layer, n_head, d_model, d_head, d_mlp, n_vocab, n_ctx.
#pragma once
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include "attention_lens/config.h"

namespace course {

// The keys with the model's numbers ({} when there is no model).
QVariantMap modelSizes(const al::Config* config);

// `text` with every known {{model.KEY}} replaced by its number, written the way the interface's
// language writes numbers (50,257 or 50.257). Without a model (empty `sizes`) a known key reads "?".
// An unknown key stays as written, so that a typo shows (and the lessons' test catches it).
QString fillModelPlaceholders(const QString& text, const QVariantMap& sizes);

// The keys in `text` that fillModelPlaceholders does not know.
QStringList unknownModelPlaceholders(const QString& text);

} // namespace course

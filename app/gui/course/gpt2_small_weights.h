// Whether the loaded model is GPT-2 small itself: its shape, and its weights by the hash the
// download manifest pins. The model's name (ModelHub) and Station 3's known heads ask this alike.
#pragma once
#include <QString>
#include <atomic>

#include "attention_lens/config.h"

namespace course {

// GPT-2 small's shape: 12 layers of 12 heads, d 768, its 50,257-token vocabulary.
bool hasGpt2SmallShape(const al::Config& c);

// Whether the folder's model.safetensors is GPT-2 small's, by size and then sha256 against the
// download manifest's pinned entry (`expectedSha256`/`expectedSize` override it, for tests).
// Results are remembered per file, size and modification time, so each file is hashed once.
// Throws al::Cancelled once `cancel` reads true while hashing.
bool isGpt2SmallWeights(const QString& modelDir, const std::atomic<bool>* cancel = nullptr,
                        const QString& expectedSha256 = QString(), qint64 expectedSize = -1);

} // namespace course

// Models already in the Hugging Face cache (what huggingface_hub and transformers download):
// <cache>/models--<org>--<name>/snapshots/<revision>/ with config.json, model.safetensors,
// vocab.json and merges.txt (symlinks into blobs/ in a real cache).
#pragma once
#include <QList>
#include <QString>
#include <QStringList>

namespace al::library {

struct CachedSnapshot {
    QString repo;      // "openai-community/gpt2"
    QString revision;  // the snapshot folder's name (a commit)
    QString dir;       // the snapshot folder
};

// The cache folders to look in, in huggingface_hub's order of precedence: $HF_HUB_CACHE,
// $HF_HOME/hub, ~/.cache/huggingface/hub ($XDG_CACHE_HOME/huggingface/hub when set). Existing ones only.
QStringList hfCacheRoots();

// Every snapshot under the roots that holds GPT-2-family files (config.json and model.safetensors
// at least; the library reports anything else missing).
QList<CachedSnapshot> findCachedSnapshots(const QStringList& roots = hfCacheRoots());

} // namespace al::library

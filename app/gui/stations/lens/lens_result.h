// One finished lens computation: the text's tokens, every head's attention, and per-head pattern
// scores. Immutable once built, shared between the GUI thread's models and items.
#pragma once
#include <atomic>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

#include "attention_lens/forward.h"

namespace al { class Model; }

namespace lens {

struct TokenInfo {
    int id = 0;
    QString text;          // what a chip shows: the piece without its leading space, escaped as every label is (course::tokenText)
    bool leadingSpace = false;
    bool continuesWord = false; // this piece continues the word the previous piece started
    bool special = false;       // <|endoftext|> and other special tokens
    bool partialBytes = false;  // part of a multi-byte character, or a control byte: shown as its bytes
};

struct HeadStats {
    float previousToken = 0; // mean weight on the position just before, row 1 left out (census::previous_token)
    float firstToken = 0;    // mean weight on position 0 (census::first_token)
    float entropyNf = 0;     // mean row entropy in nats without position 0 (census::mean_entropy)
};

struct LensResult {
    quint64 generation = 0;
    QString text;
    std::weak_ptr<const al::Model> model; // the model that computed it (to tell a stale result)
    std::vector<int> ids;
    std::vector<TokenInfo> tokens;
    al::AttentionStore attention; // [L][H] x causal rows
    std::vector<float> values;    // [L][H][T][head_dim]: every head's v, for the value-weighted view
    std::vector<HeadStats> stats; // [L * H]
    int nLayer = 0, nHead = 0;
    int reusedPrefix = 0;
    int truncatedFrom = 0;  // > 0: the text had this many tokens and only n_positions were kept
    double milliseconds = 0;

    int tokenCount() const { return int(ids.size()); }
    // Attention of query i on key j in head (l, h); with hideFirst, renormalised without key 0
    // (then -1 for row 0, which has nothing left). Masked cells (j > i) are 0.
    float weight(int l, int h, int i, int j, bool hideFirst) const;
};

using LensResultPtr = std::shared_ptr<const LensResult>;

// ‖v_j·W_O‖ of head (layer, head) at every position of the result (al::value_norms on its kept
// values): [T]. Throws al::Error if the result kept no values or the head is not in the model.
std::vector<float> valueNorms(const al::Model& model, const LensResult& r, int layer, int head);
// The same for every head: [L][H][T] (al::value_norms_all), for the all-heads grid.
std::vector<float> allValueNorms(const al::Model& model, const LensResult& r, const std::atomic<bool>* cancel);

// The value-weighted view of query i on key j (Kobayashi et al. 2020): weight(i, j) × norms[j],
// rescaled so that the row sums to 1 and so compares with the raw weights. hideFirst and masked
// cells as in LensResult::weight; 0 if norms do not fit the result.
float valueWeighted(const LensResult& r, const std::vector<float>& norms, int l, int h, int i, int j, bool hideFirst);
// The same with `norms` pointing at head (l, h)'s T norms (a slice of allValueNorms).
float valueWeighted(const LensResult& r, const float* norms, int l, int h, int i, int j, bool hideFirst);

// Chip text for one token's raw bytes (GPT-2 byte-level pieces).
TokenInfo describeToken(const std::string& bytes, bool special);

} // namespace lens

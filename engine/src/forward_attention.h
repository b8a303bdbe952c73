// One layer's causal self-attention for a block of new positions, with the interventions of
// ForwardOptions applied per head. Keys and values of all positions (cached prefix + new) are
// given per head; the scores and probabilities of the new rows are written into AttentionStores.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "attention_lens/forward.h"

namespace al::detail {

// What happens to one head of the layer being computed.
struct HeadPlan {
    bool zero = false;
    bool mean = false;
    float temperature = 1.0f;
    const PatternReplacement* replace = nullptr;
};

struct AttentionArgs {
    int layer = 0;
    int T = 0;          // all positions
    int P = 0;          // first new position (rows P..T-1 are computed)
    int C = 0, NH = 0;
    float scale = 1.0f;
    bool causal = true;
    const float* q = nullptr;   // [NH][T-P][hs] new queries
    const float* k = nullptr;   // [NH][T][hs]
    const float* v = nullptr;   // [NH][T][hs]
    const std::vector<HeadPlan>* plans = nullptr; // [NH] or null (no interventions)
    AttentionStore* att = nullptr;      // probabilities
    AttentionStore* scores = nullptr;   // may be null
};

// qkv [n][3C] (q | k | v) of positions P..P+n-1, split per head: k and v into the cache k, v
// [NH][T][hs] at rows P..P+n-1; the queries of the last q_rows rows into q [NH][q_rows][hs], and
// into q_kept [NH][T][hs] at their rows when it is not null.
void split_heads(const float* qkv, int n, int P, int T, int q_rows, int C, int NH, float* q, float* k, float* v,
                 float* q_kept);

// out [T-P][C]: per head z = A.V written at the head's column block. scratch is resized as needed.
void attention_new_rows(float* out, const AttentionArgs& a, std::vector<float>& scratch);

} // namespace al::detail

// Three answers to "which position mattered to this head" at the last position, side by side:
// the raw weight, the value-weighted share (weight × ‖v_j·W_O‖, Kobayashi et al. 2020, the row
// rescaled to sum to 1 as in the lens), and the change in the top token's logit less the mean
// logit over the vocabulary when that position's value is removed from the head there
// (al::value_removal). Station 6's figure and its
// exercise answer read the same ranking from here.
#pragma once
#include <atomic>
#include <vector>

#include "attention_lens/forward.h"
#include "attention_lens/model.h"

namespace course {

struct HeadThreeWay {
    int layer = 0, head = 0;
    int token = -1;          // the clean run's most likely next token
    float cleanLogit = 0;    // its logit
    std::vector<float> weight, share, change; // [T] per key position of the last row
    // Positions, best first: by weight, by share, by the size of the change (|change|).
    std::vector<int> byWeight, byShare, byRemoval;
};

// `r`: a plain forward with keep_hidden and keep_qkv (al::value_removal's needs). Throws al::Error
// for a head out of range, al::Cancelled when `cancel` reads true. `unembeddingMean`: the model's
// al::unembedding_mean when the caller has it (else it is computed).
HeadThreeWay headThreeWay(const al::Model& model, const al::ForwardResult& r, int layer, int head,
                          const std::atomic<bool>* cancel = nullptr,
                          const std::vector<double>* unembeddingMean = nullptr);

} // namespace course

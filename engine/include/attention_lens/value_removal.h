// Which position's value mattered to one head's output at the last position, measured by removing
// it: for every key position j, how far the top token's logit stands above the vocabulary's mean
// logit when weight_j · v_j is taken out of the head's weighted sum of values at the last position
// (the weights of the other positions unchanged, not renormalised), with every later layer run as
// usual on the changed stream. The mean is taken off because a change that every token's logit
// shares moves no probability; it is the quantity Station 6's attribution bars split
// (direct_attribution's above_mean), so the two figures measure the same thing. Set beside the raw
// weight and the value-weighted norm (value_weighted.h), it answers "which token mattered to this
// head" a third way: it also counts what the layers after the head make of what it moved.
//
// Exact, and cheap: the change touches only the last position's row of the head's output, and by
// the causal mask no earlier position reads the last one, so every row but the last stays as in
// the clean run at every layer. Each variant therefore needs one row per layer, reading the clean
// run's keys and values for the earlier rows; the T variants (and the clean row, run the same way
// so that the differences carry no rounding of another path) are stacked into one batch.
//
// Shapes: T tokens, C = n_embd, H heads, D = C / H, FF the MLP's width, V vocabulary.
#pragma once
#include <atomic>
#include <vector>

#include "attention_lens/forward.h"
#include "attention_lens/model.h"

namespace al {

struct ValueRemoval {
    int token = -1;            // the clean run's most likely next token at the last position
    float clean_logit = 0;     // its logit in the clean run
    float clean_above_mean = 0; // that logit minus the mean logit over the vocabulary, clean run
    std::vector<float> change; // [T] its logit minus the mean logit with position j's value removed, minus clean_above_mean
};

// `r` is a plain forward (no interventions, causal mask on) of the text, with keep_hidden and
// keep_qkv and its last logits; otherwise al::Error, as for a head out of range or a mean of the
// wrong size. `unembedding_mean` is al::unembedding_mean(model) (logit_lens.h), computed here when
// null. `cancel` is checked before every layer (al::Cancelled); it may be null.
ValueRemoval value_removal(const Model& model, const ForwardResult& r, int layer, int head,
                           const std::atomic<bool>* cancel = nullptr,
                           const std::vector<double>* unembedding_mean = nullptr);

} // namespace al

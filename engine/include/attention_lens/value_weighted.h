// What a head moves, not only where it looks (Kobayashi et al. 2020, "Attention is Not Only a
// Weight"): weight × ‖v_j·W_O‖, the size of what position j's value adds to the head's output at
// query i. A large weight on a position whose value is small (the first token, in many heads) moves
// little; this shows it.
#pragma once
#include <atomic>
#include <vector>

#include "attention_lens/forward.h"
#include "attention_lens/model.h"

namespace al {

// The norms ‖v_j·W_O^h‖ of head (layer, head) at every position: [T]. v_j includes its bias;
// W_O^h is the head's rows of c_proj. From a forward pass with keep_qkv; throws al::Error otherwise.
std::vector<float> value_norms(const Model& model, const ForwardResult& r, int layer, int head);

// The same for every head at once: [L][H][T], for a view of all heads (one product per head,
// [T][D] . [D][C]). `cancel` is checked before every layer (al::Cancelled); it may be null.
std::vector<float> value_norms_all(const Model& model, const ForwardResult& r, const std::atomic<bool>* cancel = nullptr);

// [T][T] (row-major, 0 where the mask hides a position): weight(i, j) × ‖v_j·W_O^h‖.
std::vector<float> value_weighted_attention(const Model& model, const ForwardResult& r, int layer, int head);

} // namespace al

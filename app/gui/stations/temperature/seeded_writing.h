// Station 5's seeded writing, one token at a time with the KV cache: the same seed, settings and
// text give the same tokens in the sampling figure, the generation figure and the exercise answers,
// since all three write through this one function.
#pragma once
#include <atomic>
#include <functional>
#include <vector>

#include "attention_lens/forward.h"
#include "attention_lens/generation.h"
#include "attention_lens/sampling.h"

namespace course {

// The typed tokens that are read: `prompt` without the tokens that would leave less than `count`
// positions to write in (only a model with few positions, such as the training lab's, cuts any).
std::vector<int> promptWithRoom(const al::Model& model, const std::vector<int>& prompt, int count);

// Reads promptWithRoom(prompt), then samples and appends `count` tokens. onPrompt sees the typed
// text's forward pass, onStep each written token's step, in order; either may be empty. Throws
// al::Error when the model has no room for `count` tokens, al::Cancelled when `cancel` reads true.
void writeSeeded(al::Generation& gen, const std::vector<int>& prompt, const al::SamplingOptions& options, int count,
                 const std::atomic<bool>* cancel, const std::function<void(const al::ForwardResult&)>& onPrompt,
                 const std::function<void(const al::GenerationStep&)>& onStep);

} // namespace course

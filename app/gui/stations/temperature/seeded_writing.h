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

// Where a written token's attention goes, averaged over every head: its weight on the written
// tokens (itself included) against an even spread over the `seen` tokens it reads, which would
// give the written ones written / seen. Station 5's question about the writing asks for `ratio`,
// and its figure works the same numbers out on an example text.
struct WrittenShare {
    int typed = 0;     // tokens of the text that was read
    int written = 0;   // tokens written after it, up to and including this one
    int seen = 0;      // typed + written: the keys this token reads
    double share = 0;  // mean over heads of its weight on the written tokens
    double even() const { return seen > 0 ? double(written) / seen : 0; }
    double ratio() const { return even() > 0 ? share / even() : 0; }
};
// The share of `step`'s attention on the tokens after the first `typed`.
WrittenShare writtenShareOf(const al::GenerationStep& step, int typed);

} // namespace course

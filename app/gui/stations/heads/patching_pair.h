// A clean/corrupted pair made from any text, for patching on the learner's own text: the text's
// tokens, with one of them replaced. The replaced token is the last one (before the last
// position) that repeats an earlier token, as the repeated name in the indirect-object sentences
// (Wang et al. 2022); in a text without a repeat, the middle one. It becomes " the" (" a" where it
// already is " the"), a word the model knows well that carries little of the text's meaning.
// The measure compares the clean run's top token with the token the corruption raises most
// against it, so that it is defined on every text.
#pragma once
#include <atomic>
#include <memory>
#include <vector>

#include "attention_lens/model.h"
#include "attention_lens/patching.h"

namespace course {

// The first tokens of the learner's text that the station patches: a grid of every head on 32
// tokens takes about as long as a learner waits for a figure, at GPT-2 small's shapes.
constexpr int kPatchTokens = 32;

struct TextPair {
    std::vector<int> clean, corrupted;
    int changed = -1; // the replaced position; -1 when the text is too short (fewer than 3 tokens)
};

TextPair pairFromText(const al::Model& model, const std::vector<int>& ids);

// Both runs of the pair and its measure (see the top). Throws al::Error for a pair with no change.
al::Patching patchPair(const std::shared_ptr<const al::Model>& model, const TextPair& pair,
                       const std::atomic<bool>* cancel = nullptr);

} // namespace course

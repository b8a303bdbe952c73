// A clean/corrupted pair made from any text, for patching on the learner's own text: the text's
// tokens, with one of them replaced by " the" (" a" where it already is " the"), a word the model
// knows well that carries little of the text's meaning. The candidates for the replaced token are
// the tokens (before the last position) that repeat an earlier token, as the repeated name in the
// indirect-object sentences (Wang et al. 2022), and the middle one; the one chosen is the one
// whose replacement moves the measure most. The measure compares the clean run's top token with
// the corrupted run's top token (the clean run's runner-up where both runs agree), as the
// command line's `patch` does, so that it is defined on every text.
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

// Below this gap between the clean and corrupted logit differences (in nats), every restored share
// is mostly noise divided by a small number: the text is not patched but refused, with the reason.
constexpr float kMinPatchGap = 1.0f;

struct TextPair {
    std::vector<int> clean, corrupted;
    int changed = -1; // the replaced position; -1 when the text is too short (fewer than 3 tokens)
};

struct TextPatching {
    TextPair pair;
    al::Patching patching; // both runs of the pair and its measure
    float gap() const { return patching.ld_clean - patching.ld_corrupted; }
};

// Throws al::Error for a text of fewer than 3 tokens. The caller checks gap() >= kMinPatchGap.
TextPatching patchText(const std::shared_ptr<const al::Model>& model, const std::vector<int>& ids,
                       const std::atomic<bool>* cancel = nullptr);

} // namespace course

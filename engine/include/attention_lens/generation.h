// Attention while the model writes: a text is read once, then each token the model writes is
// appended with the keys and values of every earlier position kept (the KV cache), so a step
// computes only the new position. Each step gives the new token's attention row in every layer
// and head (what it looks at among everything before it) and the logits for the token after it.
#pragma once
#include <atomic>
#include <memory>
#include <vector>

#include "attention_lens/forward.h"
#include "attention_lens/model.h"

namespace al {

struct GenerationStep {
    int position = 0;              // the new token's position: its row of the T x T matrix
    int token = 0;
    int n_layer = 0, n_head = 0;
    std::vector<float> attention;  // [L][H][position + 1]: the new token's row in every head
    std::vector<float> logits;     // [V]: the prediction for the token after it
    int reused = 0;                // positions whose keys and values came from the cache

    const float* row(int layer, int head) const; // position + 1 weights, summing to 1
};

// Not thread-safe: one per thread, like the Runner it holds.
class Generation {
public:
    explicit Generation(std::shared_ptr<const Model> model);
    // Reads the typed text (every position computed once) and returns its forward pass: the typed
    // tokens' T x T patterns and the logits for the first token to write. Throws al::Error for an
    // empty prompt, an id out of range or more tokens than the model's positions.
    ForwardResult begin(const std::vector<int>& prompt, const std::atomic<bool>* cancel = nullptr);
    // Appends one token after begin(): only its position is computed. Throws al::Error before
    // begin(), for an id out of range, or once the model's positions are full; al::Cancelled when
    // `cancel` reads true (the generation then has to begin again).
    GenerationStep step(int token, const std::atomic<bool>* cancel = nullptr);
    const std::vector<int>& ids() const { return ids_; }
    int prompt_length() const { return prompt_length_; }
    const Model& model() const { return runner_.model(); }

private:
    Runner runner_;
    std::vector<int> ids_;
    int prompt_length_ = 0;
    ForwardOptions options(const std::atomic<bool>* cancel) const;
};

} // namespace al

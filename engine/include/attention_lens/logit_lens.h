// The prediction, layer by layer (the "logit lens", nostalgebraist 2020): the final LayerNorm and
// the unembedding applied to the residual stream at one position after each layer, as if the model
// stopped there. The last row is the model's own prediction. Early layers were never trained to be
// read this way, so their rows are a rough view; the tuned lens (Belrose et al. 2023) learns a
// correction per layer instead.
#pragma once
#include <vector>

#include "attention_lens/forward.h"
#include "attention_lens/model.h"

namespace al {

struct LensRow {
    std::vector<int> top;      // the k most likely next tokens, most likely first
    std::vector<float> probs;  // their probabilities (softmax over the whole vocabulary)
    int answer_rank = 0;       // the rank (0 = top) of the model's final answer in this row
    float answer_prob = 0;     // and its probability
};

struct LogitLens {
    int position = 0;
    int answer = 0;            // the model's final top token at the position
    std::vector<LensRow> rows; // [L+1]: row 0 the embeddings, row l+1 after layer l; the last is the model's
};

// From a forward pass that kept its hidden states (keep_hidden). Throws al::Error otherwise, or for
// a position outside the text or k < 1.
LogitLens logit_lens(const Model& model, const ForwardResult& r, int position, int k);

} // namespace al

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

// The first row (0 = the embeddings) where the final answer ranks among the top `k` (it always
// does in the last row, where it ranks first).
int first_row_in_top(const LogitLens& lens, int k);

} // namespace al

namespace al {

// Direct attribution of one token's logit at one position: the residual stream entering ln_f is a
// sum of what each part of the model wrote into it, and with ln_f's scale held at its value on this
// text the logit is linear in that sum (direct_logit, Elhage et al. 2021). The parts below add up
// to the logit exactly (up to float rounding). Each is "direct" only: what a layer writes and a
// later layer reads and rewrites is credited to the later one.
struct DirectAttribution {
    int position = 0;
    int token = 0;
    double logit = 0;               // the token's logit, as the model computes it
    double token_embedding = 0;     // wte[token at position]
    double position_embedding = 0;  // wpe[position]
    std::vector<double> attention;  // [L] the layer's heads together, without the output bias
    std::vector<double> heads;      // [L][H] each head's output (its values' bias included)
    std::vector<double> mlp;        // [L] the MLP's output, without its output bias
    double biases = 0;              // every layer's attention and MLP output biases together
    double lnf_bias = 0;            // ln_f's bias, which no layer writes: lm_head[token] . ln_f.bias

    double attention_total() const;
    double mlp_total() const;
    double sum() const;             // every part: equals logit
};

// From a forward pass that kept its hidden states (keep_hidden), causal. Throws al::Error otherwise,
// or for a position outside the text or a token outside the vocabulary.
DirectAttribution direct_attribution(const Model& model, const ForwardResult& r, int position, int token);

} // namespace al

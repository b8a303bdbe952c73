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

// Direct attribution at one position of how far one token's logit stands above the mean logit over
// the vocabulary. A logit alone is defined only up to a constant that every token shares (softmax
// ignores it), so a split of the raw logit would credit every part with a share of that constant,
// which changes no probability; the distance above the vocabulary's mean has no such share. The
// residual stream entering ln_f is a sum of what each part of the model wrote into it, and with
// ln_f's scale held at its value on this text the quantity is linear in that sum: each part is
// projected onto (lm_head[token] - the mean row of lm_head), scaled by ln_f's weight (Elhage et al.
// 2021). The parts below add up to the quantity exactly (up to float rounding). Each is "direct"
// only: what a layer writes and a later layer reads and rewrites is credited to the later one.
//
// Why the mean and not the runner-up: the logit difference to a rival token is the measure when a
// text has a natural rival (Station 3's patching pairs, Wang et al. 2022), but on a free text the
// runner-up is often a near-synonym of the answer, the difference is small, and parts of it many
// times the total swing from text to text; the mean is one fixed reference that every text has.
struct DirectAttribution {
    int position = 0;
    int token = 0;
    double logit = 0;               // the token's logit, as the model computes it
    double mean_logit = 0;          // the mean of every token's logit at the position
    double above_mean = 0;          // logit - mean_logit: what the parts add up to
    double token_embedding = 0;     // wte[token at position]
    double position_embedding = 0;  // wpe[position]
    std::vector<double> attention;  // [L] the layer's heads together, without the output bias
    std::vector<double> heads;      // [L][H] each head's output (its values' bias included)
    std::vector<double> mlp;        // [L] the MLP's output, without its output bias
    double biases = 0;              // every layer's attention and MLP output biases together
    double lnf_bias = 0;            // ln_f's offset, which no layer writes: (lm_head[token] - mean row) . ln_f.bias

    double attention_total() const;
    double mlp_total() const;
    double sum() const;             // every part: equals above_mean
    // Attention's share of the layers' parts by size: sum |attention[l]| / (sum |attention[l]| +
    // sum |mlp[l]|), so that a part that lowers the quantity counts as much as one that raises it and
    // the share stays between 0 and 1 whatever the signs (0 when every part is 0).
    double attention_share() const;
};

// The mean row of lm_head [C], in double: every token's logit less the mean logit over the
// vocabulary is (lm_head[t] - this) . the final hidden state. One pass over lm_head (tens of ms at
// GPT-2 small's size), so a caller that attributes often on one model computes it once and passes
// it to the functions below; without it, they compute it themselves.
std::vector<double> unembedding_mean(const Model& model);

// From a forward pass that kept its hidden states (keep_hidden), causal. Throws al::Error otherwise,
// or for a position outside the text, a token outside the vocabulary or a mean of the wrong size.
DirectAttribution direct_attribution(const Model& model, const ForwardResult& r, int position, int token,
                                     const std::vector<double>* unembedding_mean = nullptr);

// What one head writes at one position pushes every token's logit up or down, with ln_f's scale
// held as above; measured, like the attribution, against the mean over the vocabulary (the
// pushes add up to 0 over all tokens). A negative or copy-suppression head pushes down the tokens
// it attends to (McDougall et al. 2023).
struct TokenPush {
    int token = 0;
    double push = 0;
};
struct HeadDirectEffect {
    int layer = 0, head = 0, position = 0;
    std::vector<TokenPush> up;   // the k largest pushes, largest first
    std::vector<TokenPush> down; // the k most negative pushes, most negative first
};
// Throws al::Error like direct_attribution, or for a head outside the model or k < 1.
HeadDirectEffect head_direct_effect(const Model& model, const ForwardResult& r, int position, int layer, int head, int k,
                                    const std::vector<double>* unembedding_mean = nullptr);

} // namespace al

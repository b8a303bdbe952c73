// Why a head attends where it does: one pre-softmax score q·k/√d taken apart into what each part of
// the residual stream contributes on the query side and on the key side.
//
// The residual stream entering layer l at a position is a sum of parts: the token embedding, the
// position embedding, every earlier head's output (its weighted sum of values through its slice of
// W_O), every earlier MLP's output, and the attention output biases. With the LayerNorm's scale
// (1/σ) held at its value on this text, LN(x) = Σ_p γ⊙(p − mean(p))/σ + β is linear in the parts,
// so q = Σ_p q_p + q_bias and k = Σ_p k_p + k_bias, and the score q·k/√d = Σ_a Σ_b q_a·k_b/√d is an
// exact sum of query-part × key-part terms (Elhage et al. 2021, "A Mathematical Framework for
// Transformer Circuits": the QK circuit read through the residual stream's parts).
#pragma once
#include <string>
#include <vector>

#include "attention_lens/forward.h"
#include "attention_lens/model.h"

namespace al {

// One part of the residual stream at a position.
struct StreamPart {
    enum class Kind { Token, Position, Head, Mlp, AttentionBiases, Shift };
    Kind kind = Kind::Token;
    int layer = -1; // Head, Mlp: the layer that wrote it
    int head = -1;  // Head
    // "token", "position", "head 3.5", "MLP 3", "attention biases", "LayerNorm shift and q/k bias".
    std::string name() const;
    // Position embedding, or the shift term (β and the projection bias, the same whatever the text).
    bool positional() const { return kind == Kind::Position; }
};

struct ScoreParts {
    int layer = 0, head = 0, query = 0, key = 0;
    std::vector<StreamPart> parts; // P parts: token, position, heads and MLPs of layers < layer,
                                   // attention biases, then the shift (β·W + b, no position)
    std::vector<double> terms;     // [P][P]: query-side part a × key-side part b, times the layer's
                                   // scale (Config::attention_scale: 1/√d for GPT-2)
    double sum = 0;                // Σ terms: the score, rebuilt
    double score = 0;              // the forward pass's own scaled score at (query, key)
    double term(int a, int b) const { return terms[static_cast<size_t>(a) * parts.size() + b]; }
};

// The score of (layer, head) at (query, key) taken apart. `r` must come from a forward pass with
// keep_hidden and keep_qkv on, and without interventions (the parts are those of GPT-2's own
// forward). Throws al::Error when something needed is missing or out of range.
ScoreParts decompose_score(const Model& model, const ForwardResult& r, int layer, int head, int query, int key);

} // namespace al

namespace al {

// The same split, grouped three ways for a whole head: position (the position embedding, on at
// least one side, with nothing but the fixed biases on the other), content (the token embedding or
// an earlier head's or MLP's output on at least one side) and biases (the fixed vectors on both
// sides: the attention output biases and the LayerNorm shift with the q/k bias). The three add up
// to the score at every cell, exactly, as the per-part terms do.
struct ScoreGroups {
    double position = 0, content = 0, biases = 0;
};

// How much of a head's choice of keys comes from position and how much from content, over its
// whole pattern. The softmax of a row ignores what every key of that row shares, so each group's
// term is measured from its mean over the keys the query may see: d_g(i, j) = g(i, j) − mean over
// k ≤ i of g(i, k); the three d_g add up to how far key j's score stands above the row's mean.
// Each share is Σ_{i ≥ 1, j ≤ i} A[i][j]·|d_g(i, j)| over the same sum for the three groups
// together: the attention-weighted size of what each group does to the keys the head reads. Row
// 0 has one key and no choice, so it is left out. The shares add up to 1 (0 each for a text of
// one token).
struct ScoreSplit {
    int layer = 0, head = 0;
    double position = 0, content = 0, biases = 0;
};

// The grouped terms of every cell (i, j ≤ i) of one head: [T][T], row-major, zero above the
// diagonal. `r` as for decompose_score.
std::vector<ScoreGroups> score_groups(const Model& model, const ForwardResult& r, int layer, int head);
// One row of it: query's grouped terms against keys 0..query, [query + 1].
std::vector<ScoreGroups> score_groups_row(const Model& model, const ForwardResult& r, int layer, int head, int query);

// The shares above, for one head, computed a row at a time (memory grows with T, not T²).
ScoreSplit score_split(const Model& model, const ForwardResult& r, int layer, int head);

} // namespace al

// Activation patching (Wang et al. 2022; Meng et al. 2022's causal tracing): run a clean and a
// corrupted text of the same token length, copy one activation from the clean run into the
// corrupted run, and measure how much of the clean answer comes back.
//
// The measure is the logit difference at the last position, LD = logit(answer) - logit(wrong);
// a cell's restored fraction is (LD_patched - LD_corrupted) / (LD_clean - LD_corrupted): 0 where
// the patch changes nothing, 1 where it brings back all of the clean run's difference.
//
// Three families of patches, each a grid of cells computed with the variants that start at the
// same layer stacked into one batch (one sgemm per weight matrix, as in variants.h). A patched
// run equals the corrupted one at every position before the first one the patch changes (the
// mask lets nothing flow backwards), so each variant computes only its rows from there on, with
// the corrupted run's keys and values for the rows before; at the last layer only the last row
// goes past the keys and values.
//   - a head: its output z_h [T][hs] times its rows of attn.c_proj [hs][C] (without the bias,
//     which all heads share) at every position, taken from the clean run;
//   - a layer's MLP output (mlp.c_proj's result, bias included) at every position;
//   - the residual stream entering layer l at one position p.
//
// Shapes: T tokens, C = n_embd, L layers, H heads, hs = head_dim, V vocabulary.
#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "attention_lens/forward.h"
#include "attention_lens/model.h"

namespace al {

// One run's activations, kept so that any of them can be copied into the other run.
struct PatchingActivations {
    std::vector<float> layer_in; // [L+1][T][C] residual stream entering each layer; [L] = before ln_f
    std::vector<float> qkv;      // [L][T][3C] queries | keys | values of each layer
    std::vector<float> z;        // [L][T][C] attention's weighted values, heads side by side (hs each)
    std::vector<float> mid;      // [L][T][C] residual stream after the attention block
    std::vector<float> mlp_out;  // [L][T][C] what the MLP adds to the residual stream
    std::vector<float> logits;   // [V] at the last position
};

struct Patching {
    std::shared_ptr<const Model> model;
    std::vector<int> clean_ids, corrupted_ids; // [T] each
    int answer = 0, wrong = 0;                 // token ids the logit difference compares
    PatchingActivations clean, corrupted;
    float ld_clean = 0, ld_corrupted = 0;
    const std::atomic<bool>* cancel = nullptr; // checked before every layer (al::Cancelled); may be null
};

// Runs both texts and keeps their activations. Throws al::Error when the texts' lengths differ,
// for bad ids (as Runner does) or an answer/wrong id out of range. Equal logit differences are not
// an error here (every fraction would be undefined): callers check ld_clean != ld_corrupted.
Patching patching_prepare(std::shared_ptr<const Model> model, std::vector<int> clean_ids,
                          std::vector<int> corrupted_ids, int answer, int wrong,
                          const std::atomic<bool>* cancel = nullptr);

// The first position where two texts' tokens differ (where one ends, when it is a prefix of the
// other); -1 when they are the same. What a message about texts of different lengths names.
int first_difference(const std::vector<int>& a, const std::vector<int>& b);

// (ld - ld_corrupted) / (ld_clean - ld_corrupted).
float patching_fraction(const Patching& p, float ld);

// The grids, as LD_patched (pass each through patching_fraction). progress(done, total) is called
// after each batch and may be empty.
using PatchingProgress = std::function<void(int done, int total)>;
std::vector<float> patch_heads(const Patching& p, const PatchingProgress& progress = {});     // [L][H]
std::vector<float> patch_mlps(const Patching& p, const PatchingProgress& progress = {});      // [L]
std::vector<float> patch_positions(const Patching& p, const PatchingProgress& progress = {}); // [L][T]

// The last position's logits of `ids` and of texts that each differ from it in one token, given as
// (position, token): [1 + n][V], ids' own first. Each changed text runs only from its changed
// position on, with ids' keys and values before it, all stacked into one batch per layer; each
// equals a plain forward of that text up to float rounding. Throws al::Error for bad ids (as
// Runner does), a position outside the text or a token outside the vocabulary.
std::vector<float> substitution_logits(std::shared_ptr<const Model> model, const std::vector<int>& ids,
                                       const std::vector<std::pair<int, int>>& substitutions,
                                       const std::atomic<bool>* cancel = nullptr);

// Any set of patches applied together, in one unbatched pass: the reference the grids are built
// from, and how "patch everything" is asked. Returns the last position's logits [V].
struct PatchSet {
    std::vector<HeadRef> heads;
    std::vector<int> mlps;                      // layers
    std::vector<std::pair<int, int>> positions; // (layer, position): the stream entering the layer
};
std::vector<float> patch_set_logits(const Patching& p, const PatchSet& set);

} // namespace al

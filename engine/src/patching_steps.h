// The steps activation patching (patching.h) is built from, shared by its files: GPT-2's block
// written out over n variants stacked row-wise (patching_passes.cpp), the stacked variants that
// each start at their own first changed row (patching_stacked.cpp). Private to the engine.
#pragma once
#include <atomic>
#include <cstddef>
#include <vector>

#include "attention_lens/patching.h"

namespace al::patching_detail {

// Rows stacked into one batch at most: bounds the scratch memory (rows x (4C + FF) floats).
constexpr int kMaxBatchRows = 1024;

struct Scratch {
    std::vector<float> a, qkv, z, big, preatt, att;
};

void check_cancel(const std::atomic<bool>* cancel);

inline size_t at(int index, int T, int C) { return static_cast<size_t>(index) * T * C; }

// x [n*T][C] += attention block of layer l. z_keep [T][C] (n == 1) receives z; patch_z, when set,
// overwrites the columns of the heads it names with clean [T][C] before the projection.
void attention_half(const Model& m, int l, int n, int T, float* x, Scratch& s, float* z_keep, float* qkv_keep,
                    const std::vector<int>* patch_heads, const float* clean_z);

// x [n*T][C] += MLP of layer l. mlp_keep [T][C] (n == 1) receives what it adds; clean_mlp, when
// set, is added instead [T][C].
void mlp_half(const Model& m, int l, int n, int T, float* x, Scratch& s, float* mlp_keep, const float* clean_mlp);

// ln_f of the last row of each variant's x [n][T][C] -> ln [n][C].
std::vector<float> final_rows(const Model& m, int n, int T, const float* x);

// Variants stacked row-wise, each from its own first changed row to the end: variant v holds
// rows [start[v], T) at stacked offset off[v].
struct Ragged {
    std::vector<int> start, off;
    int rows = 0;
    void add(int first, int T) {
        start.push_back(first);
        off.push_back(rows);
        rows += T - first;
    }
    int n() const { return static_cast<int>(start.size()); }
};

// Runs layers [from, L) on the stacked variants x [g.rows][C] and returns each one's last row after
// ln_f [n][C]. first_only: entering layer `from`, each variant differs from the corrupted run in its
// first row alone, so the other rows' queries, keys and values there are the corrupted run's.
std::vector<float> finish_rows(const Patching& p, int from, const Ragged& g, std::vector<float>& x, Scratch& s,
                               bool first_only = false);

// finish_rows, then each variant's logit difference.
std::vector<float> finish(const Patching& p, int from, const Ragged& g, std::vector<float>& x, Scratch& s,
                          bool first_only = false);

// The first row from which a [T][width] block (row stride `stride`) differs between two runs; T
// when it never does.
int first_changed(const float* a, const float* b, int T, int width, int stride);

// One pass over ids with the patches of `set` taken from `clean` (which may be null when set is
// empty), keeping the activations in `keep` when it is not null. Returns the last logits [V].
std::vector<float> single_pass(const Model& m, const std::vector<int>& ids, const PatchSet& set,
                               const PatchingActivations* clean, PatchingActivations* keep,
                               const std::atomic<bool>* cancel);

} // namespace al::patching_detail

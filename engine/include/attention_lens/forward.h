// GPT-2's exact forward pass with everything a learner wants to look at kept: each layer's and head's
// scaled scores before the softmax and attention probabilities after it, optional Q/K/V per head,
// hidden states (HF semantics), logits. Interventions are options of a forward call.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "attention_lens/model.h"

namespace al {

struct HeadRef {
    int layer = 0;
    int head = 0;
    bool operator==(const HeadRef&) const = default;
};

enum class PatternKind {
    Uniform,       // equal weight on every allowed position of each row
    PermutedRows,  // each row's allowed weights shuffled among its allowed positions (seeded)
    Given          // a T x T matrix supplied by the caller (row-major; masked cells ignored)
};

struct PatternReplacement {
    HeadRef head;
    PatternKind kind = PatternKind::Uniform;
    uint64_t seed = 0;
    std::vector<float> matrix; // [T][T] for Given
};

struct HeadTemperature {
    HeadRef head;
    float temperature = 1.0f; // scores divided by this before the softmax (a what-if, not GPT-2)
};

// Interventions (all what-ifs on top of GPT-2's forward pass; none is part of GPT-2):
// - zero_ablate: the head's output z = A.V (its slice of the attention output before c_proj) is 0
//   at every position. Its pattern is still computed and reported.
// - mean_ablate: z at every position is replaced by the mean of z over all positions of this text
//   (a per-text mean, not a dataset mean).
// - replace_pattern: after the softmax the head's probabilities are replaced; z uses the new ones,
//   and `attention` reports the new ones (`scores` keep what the head computed).
//   Uniform: 1/(number of allowed positions). PermutedRows: each row's allowed weights are shuffled
//   among its allowed positions with a generator seeded by `seed` (rows still sum to 1).
//   Given: `matrix` must be T x T, finite and non-negative; masked cells are ignored; each row is
//   renormalised over its allowed cells; a row whose allowed cells sum to 0 is rejected (al::Error).
// - head_temperature: that head's scores are divided by the temperature (> 0, finite) before its
//   softmax; `scores` report the divided values (what the softmax saw).
// - causal_mask = false: every position attends to every position in every head (rows of length T).
// A head named twice in one list is treated once; a head out of range is an al::Error. Where a
// head has both a temperature and a replacement, the replacement wins.
struct ForwardOptions {
    bool all_logits = false;   // logits_all [T][V]; otherwise only logits_last [V]
    bool keep_hidden = false;  // hidden [L+1][T][C]; the last entry is after ln_f (HF semantics)
    bool keep_qkv = false;     // q, k, v [L][H][T][head_dim]
    bool keep_scores = true;   // scaled pre-softmax scores (masked cells are -inf)
    bool causal_mask = true;   // false: every position sees every other (a what-if, not GPT-2)
    bool last_logits = true;   // false (and all_logits false): no LM head at all, logits_last stays
                               // empty; a view of attention alone saves the 38M-weight product
    std::vector<HeadRef> zero_ablate;   // the head's output (its weighted sum of values) set to 0
    std::vector<HeadRef> mean_ablate;   // ... replaced by its mean over this text's positions
    std::vector<PatternReplacement> replace_pattern;
    std::vector<HeadTemperature> head_temperature;
    // Checked before each layer: once it reads true the call throws al::Cancelled, so work that
    // was superseded stops within one layer's time. Not owned; may be null.
    const std::atomic<bool>* cancel = nullptr;

    bool has_interventions() const; // any list non-empty, or causal_mask off
};

// Per-head T x T matrices stored compactly: with the causal mask, row i holds only i+1 entries.
class AttentionStore {
public:
    AttentionStore() = default;
    AttentionStore(int n_layer, int n_head, int T, bool causal); // zero-filled
    // Every row will be written by the caller: skips the zero fill (the forward pass uses this).
    static AttentionStore for_overwrite(int n_layer, int n_head, int T, bool causal);
    int n_layer() const { return L_; }
    int n_head() const { return H_; }
    int tokens() const { return T_; }
    bool causal() const { return causal_; }
    bool empty() const { return size_ == 0; }
    int row_length(int i) const { return causal_ ? i + 1 : T_; }
    float* row(int l, int h, int i);                        // copies shared data first (see data_)
    const float* row(int l, int h, int i) const;
    float at(int l, int h, int i, int j) const;            // 0 (or -inf for scores) where masked
    std::vector<float> dense(int l, int h, float masked_value = 0.0f) const; // [T][T]
    size_t bytes() const { return size_ * sizeof(float); }

private:
    int L_ = 0, H_ = 0, T_ = 0;
    bool causal_ = true;
    size_t per_head_ = 0;
    // Shared between copies (a ForwardResult handed out and the Runner's cached copy of it);
    // the non-const row() makes a private copy first when another copy still shares the data.
    std::shared_ptr<float[]> data_;
    size_t size_ = 0;
    size_t capacity_ = 0; // floats allocated (a recycled block may be larger than size_)
    void allocate(bool zero);
    friend class Runner;  // recycles the previous call's blocks when nobody else holds them
};

struct ForwardResult {
    std::vector<int> ids;
    int n_layer = 0, n_head = 0, tokens = 0, n_embd = 0, vocab = 0, head_dim = 0;
    AttentionStore attention;          // probabilities, each row sums to 1
    AttentionStore scores;             // scaled scores before softmax (if keep_scores)
    std::vector<float> logits_last;    // [V]
    std::vector<float> logits_all;     // [T][V] if all_logits
    std::vector<float> hidden;         // [L+1][T][C] if keep_hidden
    std::vector<float> q, k, v;        // [L][H][T][head_dim] if keep_qkv
    int reused_prefix = 0;             // positions whose keys/values came from the previous call

    const float* hidden_at(int layer_plus_one, int t) const;
    const float* q_at(int l, int h, int t) const;
    const float* k_at(int l, int h, int t) const;
    const float* v_at(int l, int h, int t) const;
};

// Runs forwards on one model and keeps the last call's keys/values, so that a text sharing a token
// prefix with the previous one costs only its new positions. Not thread-safe: one Runner per thread.
class Runner {
public:
    explicit Runner(std::shared_ptr<const Model> model);
    ~Runner();
    // Throws al::Error for an empty sequence, too many tokens (> n_positions) or an id out of range.
    // Reuses the previous call's prefix when the options are the same and carry no interventions;
    // the result is equal to forward_full's.
    ForwardResult forward(const std::vector<int>& ids, const ForwardOptions& options = {});
    ForwardResult forward_full(const std::vector<int>& ids, const ForwardOptions& options = {});
    void reset();
    const Model& model() const;
    std::shared_ptr<const Model> model_ptr() const;

private:
    struct State;
    std::unique_ptr<State> state_;
    ForwardResult compute(const std::vector<int>& ids, const ForwardOptions& options, int reuse, bool save);
};

} // namespace al

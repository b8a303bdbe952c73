// The training lab: a tiny GPT-2 trained from scratch on synthetic repeated sequences
// (synthetic_sequences.h), measured as it learns, so that a learner can watch a previous-token
// head and an induction head form (Elhage et al. 2021; Olsson et al. 2022).
//
// It is the embedded model's trainer (gpt2_train.h: the engine's forward layers, the backward
// passes, AdamW) driven by a small loop that the caller owns. Qt-free, and deliberately passive:
//
//   al::train::LabSettings settings;            // defaults: 2 layers x 4 heads, d 64 (LabSettings)
//   al::train::TrainingLab lab(settings);       // throws std::invalid_argument on bad settings
//   while (!lab.finished() && !stop_requested) {
//       for (const al::train::LabRecord& r : lab.step(25)) publish(r);  // a few steps at a time
//   }
//   al::train::PhaseChange p = lab.phase_change(); // the rule of phase_change.h on the records
//   lab.export_hf("/some/folder");               // a Hugging Face GPT-2 folder the engine opens
//
// Pause is not calling step(); resume is calling it again; cancel is not calling it any more;
// reset() starts the same run again from step 0. A run is a pure function of its settings: the
// same settings give bit-for-bit the same records on one machine (same BLAS, same thread count).
// An object is not thread-safe: call it from one thread at a time (e.g. a worker thread that
// hands copies of the records to the user interface). Records are plain values, safe to copy.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gpt2_train.h"
#include "phase_change.h"
#include "synthetic_sequences.h"

namespace al::train {

struct LabSettings {
    // The model. attn_only drops the MLPs (their weights stay 0, so the exported model is an
    // ordinary GPT-2 whose MLPs add nothing).
    int n_layer = 2;
    int n_head = 4;
    int n_embd = 64;
    bool attn_only = false;
    // The run. steps is its full length: the learning-rate schedule (linear warm-up, cosine decay
    // to a tenth) and progress() are measured against it.
    int steps = 2000;
    int batch = 16;
    SyntheticSpec data;          // sequence length = the model's n_positions
    float learning_rate = 3e-3f;
    int warmup = 50;
    float weight_decay = 0.01f;
    float grad_clip = 1.0f;
    // Initialisation as the embedded model's trainer takes it (GPT2::init_random): wider query and
    // key weights, sinusoidal position embeddings (kept out of weight decay).
    float qk_init_std = 0.1f;
    float wpe_sinusoid_std = 0.1f;
    // Token embeddings start at this deviation instead of GPT-2's 0.02 (0: GPT-2's). At 0.02 the
    // tokens are a fifth of the sinusoidal positions in the residual stream, and the heads took
    // longer to find the previous token and no induction head formed in the lab's run.
    float wte_init_std = 0.1f;
    uint64_t seed = 1;           // weights and data both derive from it
    // Measurement: a record every log_every steps (and at the last step).
    int log_every = 25;
    // The census's induction probe (al::induction_sequence): probe_length random tokens repeated
    // twice after <|endoftext|>, shortened to fit the positions; seeded by probe_seed. With the
    // data on all 256 byte tokens (the default) and the census's own length and seed (50 and 0,
    // the defaults), it is the sequence `attention-lens-cli heads` scores the exported model on;
    // with fewer tokens, it is drawn from those.
    int probe_length = 50;
    uint64_t probe_seed = 0;
};

// Throws std::invalid_argument naming the first setting out of range.
void validate(const LabSettings& settings);

// The contrasting run: the same settings but shorter repeated spans (kContrastMinSpan to
// kContrastMaxSpan tokens), so that far fewer targets can be predicted only by looking back. In the
// trials of training/README.md such a run formed a previous-token head but no induction head within
// the run's 2,000 steps: whether one forms depends on the data (Chan et al. 2022; Singh et al. 2024).
constexpr int kContrastMinSpan = 8;
constexpr int kContrastMaxSpan = 16;
LabSettings short_span_contrast(LabSettings settings);

// One head's scores, by the engine's census definitions (attention_lens/census.h, not the "_nf"
// variants) on the probe sequence: previous_token is the mean weight on the position before,
// induction the mean weight, over the second copy, on the token after the earlier copy of the
// current token.
struct LabHeadScores {
    int layer = 0;
    int head = 0;
    float previous_token = 0.0f;
    float induction = 0.0f;
};

// Measurements taken after `step` steps.
struct LabRecord {
    int step = 0;
    float loss = 0.0f;              // mean training loss over the steps since the previous record
    float in_context_loss = 0.0f;   // the same, only on targets inside a repeated span's second
                                    // copy after its first token (predictable from context alone)
    float other_loss = 0.0f;        // the same, on all other targets
    std::vector<LabHeadScores> heads;  // every head, layer by layer
    // Every head's attention pattern on the probe: [n_layer][n_head][P][P], P = probe().size(),
    // row = query position, causal (cells above the diagonal are 0). Small heat maps to scrub.
    std::vector<float> attention;
    double ms = 0.0;                // wall-clock time spent inside step() so far, measurements
                                    // included (pauses between calls are not counted)
};

// The phase-change rule (phase_change.h) on a list of records, oldest first.
PhaseChange find_phase_change(const std::vector<LabRecord>& records, int window_steps);

class TrainingLab {
public:
    explicit TrainingLab(const LabSettings& settings);

    // Trains up to n more steps (fewer when the run ends first) and returns the records taken
    // meanwhile, oldest first (also kept in records()). n <= 0 or a finished run: nothing.
    std::vector<LabRecord> step(int n);
    // Back to step 0 with the same settings: fresh weights from the seed, the same data again.
    void reset();

    int steps_done() const { return step_; }
    bool finished() const { return step_ >= settings_.steps; }
    double progress() const { return static_cast<double>(step_) / settings_.steps; } // 0..1

    const LabSettings& settings() const { return settings_; }
    const std::vector<LabRecord>& records() const { return records_; }
    // The probe sequence the scores and attention patterns are measured on (token ids).
    const std::vector<int>& probe() const { return probe_; }

    // The phase change (Olsson et al. 2022) by the rule of phase_change.h, on the records so far:
    // the window of at most an eighth of the run in which the in-context loss fell furthest below
    // the other loss, and whether that was a step. phase_change_step() is that window's first
    // step when it was a step, else -1.
    PhaseChange phase_change() const;
    int phase_change_step() const;

    // The head with the highest induction score in the latest record (layer 0, head 0 and score 0
    // before any record), and the head of `layer` with the highest previous-token score.
    LabHeadScores best_induction() const;
    LabHeadScores best_previous_token(int layer) const;

    // The trained model, and it written as a Hugging Face GPT-2 folder (config.json,
    // model.safetensors, vocab.json and merges.txt of the byte vocabulary), created if needed.
    const GPT2& model() const { return model_; }
    void export_hf(const std::string& dir) const;

private:
    LabRecord measure();
    float learning_rate(int step) const;

    LabSettings settings_;
    GPT2 model_;
    std::vector<int> probe_;
    std::vector<LabRecord> records_;
    uint64_t data_rng_ = 0;
    int step_ = 0;
    double ms_ = 0.0;
    // Sums since the previous record.
    double loss_sum_ = 0.0, in_context_sum_ = 0.0, other_sum_ = 0.0;
    int64_t loss_count_ = 0, in_context_count_ = 0, other_count_ = 0;
    std::vector<int> x_, y_;
    std::vector<uint8_t> in_context_;
};

// The model's shape for these settings (vocab 257, n_positions = data.length).
ModelShape lab_model_shape(const LabSettings& settings);

} // namespace al::train

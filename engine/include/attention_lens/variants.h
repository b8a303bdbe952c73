// Many what-ifs on one text, cheaply. A knock-out search or a pattern-swap sweep asks the same
// question of hundreds of variants of one forward pass (one head ablated, one pattern replaced...).
// An intervention that first acts at layer l leaves layers 0..l-1 exactly as in the clean run, so:
//   - the clean run's residual stream at the input of every layer is kept, and each variant
//     restarts at the first layer it changes;
//   - variants that restart at the same layer are evaluated together: their rows are stacked, so
//     each weight matrix is applied to all of them in one sgemm ([n x T] rows instead of n calls of
//     T rows, which on a short text is bound by reading the weights, not by arithmetic).
// Attention itself stays per variant (each has its own pattern). The results equal Runner's
// forward_full with the same options, up to float rounding (tested within 1e-5).
//
// Shapes: T tokens, C = n_embd, L layers, H heads, V vocabulary.
#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "attention_lens/forward.h"
#include "attention_lens/model.h"

namespace al {

struct VariantResult {
    std::vector<float> logits_last;    // [V] next-token logits at the last position
    // Kept only when the runner was made with keep_head_outputs:
    std::vector<float> head_out_last;  // [L][H][C] what each head wrote into the last position's
                                       // residual stream: its z (after any intervention) times
                                       // its hs rows of attn.c_proj (the shared bias left out)
    std::vector<float> resid_last;     // [C] the last position's residual stream before ln_f
};

class VariantRunner {
public:
    // Runs the clean forward of `ids` (throws al::Error as Runner does for bad ids). `cancel` is
    // checked before every layer of every call (al::Cancelled); it may be null.
    VariantRunner(std::shared_ptr<const Model> model, std::vector<int> ids,
                  const std::atomic<bool>* cancel = nullptr, bool keep_head_outputs = false);
    ~VariantRunner();

    const VariantResult& clean() const { return clean_; }
    const std::vector<int>& ids() const { return ids_; }
    const Model& model() const { return *model_; }

    // The first layer a variant changes: the lowest layer any of its head interventions names,
    // 0 when causal_mask is off, n_layer when it changes nothing.
    int start_layer(const ForwardOptions& variant) const;

    // One result per variant, in order. Only the interventions of each ForwardOptions are read
    // (zero/mean ablation, pattern replacement, head temperature, causal_mask); output flags are
    // ignored. progress(done, total) is called after each batch. Throws al::Error for an invalid
    // intervention (the same messages as Runner) and al::Cancelled when asked to stop.
    std::vector<VariantResult> run(const std::vector<ForwardOptions>& variants,
                                   const std::function<void(int done, int total)>& progress = {}) const;

    // Most variants stacked into one batch: bounds the scratch memory (rows x 4C floats).
    static constexpr int kMaxBatchRows = 1024;

private:
    std::shared_ptr<const Model> model_;
    std::vector<int> ids_;
    const std::atomic<bool>* cancel_;
    bool keep_heads_;
    std::vector<float> layer_in_;  // [L][T][C] the clean residual stream entering each layer
    VariantResult clean_;
};

// Direct logit attribution: how much one component of the last position's residual stream adds to
// one token's logit, with ln_f's scale frozen at its value in that run (Elhage et al. 2021).
// component, resid [C]; returns lm_head[token] . (ln_f.weight * (component - mean(component)) / std(resid)).
float direct_logit(const Model& model, const float* component, const float* resid, int token);

} // namespace al

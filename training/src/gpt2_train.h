// A GPT-2 that can learn: parameters, activations, forward, backward and AdamW over the engine's
// layer functions (attention_lens/layers.h) and their backward passes (layers_backward.h, beside
// this file), laid out as llm.c's train_gpt2.c does, but with Hugging Face's tensor layout
// (Conv1D weights [C, OC]) so the weights export unchanged.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace al::train {

struct ModelShape {
    int vocab = 4097;     // V, including <|endoftext|>
    int max_T = 256;      // n_positions
    int n_layer = 4;      // L
    int n_head = 4;       // NH
    int n_embd = 128;     // C
    // Attention-only blocks (Elhage et al. 2021): the MLP is skipped. Its parameters stay in the
    // buffer at zero (never trained), so the model exports as an ordinary GPT-2 whose MLPs add
    // exactly nothing to the residual stream and any GPT-2 loader runs it unchanged.
    bool attn_only = false;
    int n_inner() const { return 4 * n_embd; }
};

// One named parameter tensor inside the flat parameter buffer, with its HF key and shape.
struct ParamInfo {
    std::string hf_name;              // e.g. "h.0.attn.c_attn.weight"
    std::vector<int64_t> shape;
    size_t offset = 0;                // into the flat buffer
    size_t numel = 0;
    bool decay = false;               // weight decay for matrices only (not biases, LayerNorm)
};

// Pointers into the flat parameter (or gradient) buffer. Per-layer tensors are stacked [L, ...].
struct ParamPtrs {
    float* wte;      // [V, C]
    float* wpe;      // [maxT, C]
    float* ln1w;     // [L, C]
    float* ln1b;     // [L, C]
    float* qkvw;     // [L, C, 3C]
    float* qkvb;     // [L, 3C]
    float* attprojw; // [L, C, C]
    float* attprojb; // [L, C]
    float* ln2w;     // [L, C]
    float* ln2b;     // [L, C]
    float* fcw;      // [L, C, 4C]
    float* fcb;      // [L, 4C]
    float* fcprojw;  // [L, 4C, C]
    float* fcprojb;  // [L, C]
    float* lnfw;     // [C]
    float* lnfb;     // [C]
};

// The parameter tensors in HF order, one entry per HF key (per-layer tensors split by layer).
std::vector<ParamInfo> parameter_layout(const ModelShape& s);
size_t parameter_count(const ModelShape& s);
ParamPtrs point_into(float* base, const ModelShape& s);

struct Activations {
    int B = 0, T = 0;
    std::vector<float> encoded;   // [B,T,C]
    std::vector<float> ln1;       // [L,B,T,C]
    std::vector<float> ln1_mean;  // [L,B,T]
    std::vector<float> ln1_rstd;  // [L,B,T]
    std::vector<float> qkv;       // [L,B,T,3C]
    std::vector<float> atty;      // [L,B,T,C]
    std::vector<float> preatt;    // [L,B,NH,T,T]
    std::vector<float> att;       // [L,B,NH,T,T]
    std::vector<float> attproj;   // [L,B,T,C]
    std::vector<float> residual2; // [L,B,T,C]
    std::vector<float> ln2;       // [L,B,T,C]
    std::vector<float> ln2_mean;  // [L,B,T]
    std::vector<float> ln2_rstd;  // [L,B,T]
    std::vector<float> fch;       // [L,B,T,4C]
    std::vector<float> fch_gelu;  // [L,B,T,4C]
    std::vector<float> fcproj;    // [L,B,T,C]
    std::vector<float> residual3; // [L,B,T,C]
    std::vector<float> lnf;       // [B,T,C]
    std::vector<float> lnf_mean;  // [B,T]
    std::vector<float> lnf_rstd;  // [B,T]
    std::vector<float> logits;    // [B,T,V]
    std::vector<float> probs;     // [B,T,V]
    std::vector<float> losses;    // [B,T]
    void resize(const ModelShape& s, int B, int T);
};

struct AdamW {
    float beta1 = 0.9f, beta2 = 0.95f, eps = 1e-8f, weight_decay = 0.1f;
};

class GPT2 {
public:
    explicit GPT2(const ModelShape& shape);
    // GPT-2's initialisation: N(0, 0.02), residual projections scaled by 1/sqrt(2L), LayerNorm 1/0.
    // qk_std > 0 draws the query and key columns of c_attn with that deviation instead: q.k is
    // bilinear, so with small q and k both their gradients are small and attention stays nearly
    // uniform for a long time in a narrow model; a larger start lets heads specialise sooner.
    // wpe_sinusoid_std > 0 starts the position embeddings from Vaswani et al.'s sinusoids scaled to
    // that standard deviation (still trained): a shift by one position is then a fixed linear map,
    // so a previous-token head is reachable with one q.k map instead of being learned position by
    // position from a few samples per step. An attention-only shape leaves the MLP weights at 0.
    void init_random(uint64_t seed, float qk_std = 0.0f, float wpe_sinusoid_std = 0.0f);

    // Turns weight decay off for one parameter (by its Hugging Face name). Position embeddings
    // get only B gradient samples per row and step, mostly noise, so decay would shrink them
    // faster than the consistent part of their gradient grows them.
    void exclude_from_decay(const std::string& hf_name);

    // inp, targets [B,T] (targets may be null: no loss). Returns the mean loss (or -1).
    float forward(const int* inp, const int* targets, int B, int T);
    // After forward with targets: fills grads() (zeroed first) with d(mean loss)/d(params).
    void backward();
    // Global L2 norm of the gradients; scales them down to max_norm if above (max_norm <= 0: none).
    float clip_gradients(float max_norm);
    void adamw_update(float lr, const AdamW& opt);

    const ModelShape& shape() const { return shape_; }
    std::vector<float>& params() { return params_; }
    const std::vector<float>& params() const { return params_; }
    std::vector<float>& grads() { return grads_; }
    std::vector<float>& adam_m() { return m_; }
    std::vector<float>& adam_v() { return v_; }
    int64_t& adam_step() { return adam_t_; }
    const Activations& acts() const { return acts_; }
    const std::vector<ParamInfo>& layout() const { return layout_; }

private:
    ModelShape shape_;
    std::vector<ParamInfo> layout_;
    std::vector<float> params_, grads_, m_, v_;
    std::vector<uint8_t> decay_mask_;
    int64_t adam_t_ = 0;
    Activations acts_, dacts_;
    std::vector<int> inp_, targets_;
};

// Resumable training state: shape, step, data RNG, parameters, Adam moments. Written atomically.
struct CheckpointMeta {
    int64_t step = 0;
    uint64_t rng_state = 0;
    double elapsed_s = 0;   // training time so far, summed over resumed runs
};
void save_checkpoint(const std::string& path, GPT2& model, const CheckpointMeta& meta);
// Returns false if the file does not exist; throws std::runtime_error if it is invalid.
bool load_checkpoint(const std::string& path, GPT2& model, CheckpointMeta& meta);
// Reads only the shape (to construct the model before load_checkpoint).
ModelShape read_checkpoint_shape(const std::string& path);

} // namespace al::train

// A GPT-2-family model loaded from a Hugging Face folder (config.json, model.safetensors, vocab.json,
// merges.txt), or built with random weights of a given shape (benchmarks, tests).
// All weights are float32 in HF's layout; Conv1D weights are [in, out] as GPT-2 stores them.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "attention_lens/config.h"
#include "attention_lens/tokenizer.h"

namespace al {

struct LayerWeights {
    const float* ln1_w;     // [C]
    const float* ln1_b;     // [C]
    const float* attn_w;    // [C, 3C]   c_attn (q | k | v)
    const float* attn_b;    // [3C]
    const float* proj_w;    // [C, C]    attn.c_proj
    const float* proj_b;    // [C]
    const float* ln2_w;     // [C]
    const float* ln2_b;     // [C]
    const float* fc_w;      // [C, n_inner]  mlp.c_fc
    const float* fc_b;      // [n_inner]
    const float* fcproj_w;  // [n_inner, C]  mlp.c_proj
    const float* fcproj_b;  // [C]
};

class Model {
public:
    // Loads and validates a Hugging Face GPT-2 folder. Keys with or without "transformer."; the
    // h.N.attn.bias / attn.masked_bias buffers are ignored; lm_head.weight tied to wte when absent.
    // F32 tensors are used in place from the bytes read when aligned; F16/BF16 are converted to float32.
    // Throws al::Error with one specific message (file, tensor, what is wrong).
    static std::shared_ptr<const Model> load(const std::string& dir);

    // What load checks without reading the weights: the four files present and regular, config.json
    // valid, model.safetensors' header valid and its tensors' names, dtypes and shapes what the
    // config implies. Cheap (reads config.json and the header only); throws al::Error as load does.
    // Returns the config.
    static Config check_files(const std::string& dir);

    // Random weights (N(0, 0.02), LayerNorm weight 1 / bias 0, as GPT-2's init) of the config's shape.
    // The tokenizer is optional: without one the model works on ids only.
    static std::shared_ptr<const Model> random(const Config& config, uint64_t seed,
                                               std::optional<Tokenizer> tokenizer = std::nullopt);
    static Config gpt2_small_config(); // 12 layers, 12 heads, 768, 1024 positions, 50257 tokens

    // The same weights (shared, not copied) under the folder they were moved to: a folder renamed
    // after loading (a download being installed) need not be loaded again.
    std::shared_ptr<const Model> relocated(const std::string& dir) const;

    const Config& config() const;
    const Tokenizer* tokenizer() const;      // nullptr for a random model built without one
    const std::string& dir() const;          // empty for a random model
    std::string dtype() const;               // the stored dtype of the weights: "F32", "F16", "BF16"
    int64_t parameter_count() const;         // unique parameters (tied lm_head counted once)

    const float* wte() const;                // [V, C]
    const float* wpe() const;                // [n_positions, C]
    const float* lnf_w() const;              // [C]
    const float* lnf_b() const;              // [C]
    const float* lm_head() const;            // [V, C] (== wte() when tied)
    const LayerWeights& layer(int l) const;

    ~Model();
    struct Storage;                          // owns the file's bytes and any converted buffers

private:
    Model();
    std::shared_ptr<Storage> storage_;
    std::string dir_;
};

} // namespace al

// GPT2Config as Hugging Face transformers reads it from config.json, with transformers' defaults.
#pragma once
#include <cstdint>
#include <string>

namespace al {

struct Config {
    int n_layer = 12;
    int n_head = 12;
    int n_embd = 768;
    int n_positions = 1024;
    int vocab_size = 50257;
    int n_inner = 0;                 // 0 in the file means 4 * n_embd (resolved by parse)
    float layer_norm_epsilon = 1e-5f;
    std::string activation_function = "gelu_new";
    bool scale_attn_weights = true;  // divide scores by sqrt(head_dim)
    bool scale_attn_by_inverse_layer_idx = false; // also divide by (layer index + 1)
    bool tie_word_embeddings = true; // lm_head shares wte's weights (GPT-2 always does)
    int bos_token_id = 50256;
    int eos_token_id = 50256;

    int head_dim() const { return n_embd / n_head; }
    int inner() const { return n_inner > 0 ? n_inner : 4 * n_embd; }

    // Unique parameters of this shape: token and position embeddings; per layer ln_1, c_attn,
    // attn.c_proj, ln_2, mlp.c_fc, mlp.c_proj (weights and biases); ln_f; lm_head only when not
    // tied to the token embeddings. GPT-2 small gives 124,439,808. 0 for an empty shape.
    int64_t parameter_count() const;

    // Parses config.json text. `source` names the file in error messages.
    // Throws al::Error on invalid JSON, missing/ill-typed fields, non-positive sizes,
    // n_embd not divisible by n_head, unsupported activation, absurd sizes.
    static Config parse(const std::string& json_text, const std::string& source);
    static Config load(const std::string& path);
    std::string to_json() const; // HF-compatible config.json text
};

} // namespace al

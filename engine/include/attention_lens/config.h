// GPT2Config as Hugging Face transformers reads it from config.json, with transformers' defaults.
#pragma once
#include <cmath>
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
    // What layer `layer`'s scores q·k are multiplied by before the softmax, as HF's GPT2Attention
    // does: 1/√head_dim where scale_attn_weights, and also 1/(layer + 1) where
    // scale_attn_by_inverse_layer_idx. Every computation of a score uses this one.
    float attention_scale(int layer) const {
        float s = scale_attn_weights ? 1.0f / std::sqrt(static_cast<float>(head_dim())) : 1.0f;
        if (scale_attn_by_inverse_layer_idx) s /= static_cast<float>(layer + 1);
        return s;
    }
    // True where the scores are divided by √head_dim and nothing else (GPT-2's own setting).
    bool scales_by_sqrt_head_dim_only() const { return scale_attn_weights && !scale_attn_by_inverse_layer_idx; }

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

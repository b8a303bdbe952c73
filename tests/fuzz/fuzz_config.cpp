// config.json on arbitrary bytes: either one al::Error, or a configuration whose sizes are positive
// and consistent, and which survives its own to_json() unchanged.
#include <cstdint>
#include <string>

#include "attention_lens/config.h"
#include "attention_lens/error.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    al::Config c;
    try {
        c = al::Config::parse(text, "fuzz/config.json");
    } catch (const al::Error&) {
        return 0;
    }
    FUZZ_CHECK(c.n_layer > 0 && c.n_head > 0 && c.n_embd > 0 && c.n_positions > 0 && c.vocab_size > 0,
               "sizes are positive");
    FUZZ_CHECK(c.n_embd % c.n_head == 0 && c.head_dim() > 0, "heads divide the width");
    FUZZ_CHECK(c.n_inner > 0, "n_inner is resolved");
    al::Config again;
    try {
        again = al::Config::parse(c.to_json(), "fuzz/config.json again");
    } catch (const al::Error&) {
        FUZZ_CHECK(false, "an accepted config's to_json() is accepted");
    }
    FUZZ_CHECK(again.n_layer == c.n_layer && again.n_head == c.n_head && again.n_embd == c.n_embd &&
                   again.n_positions == c.n_positions && again.vocab_size == c.vocab_size &&
                   again.n_inner == c.n_inner && again.activation_function == c.activation_function &&
                   again.layer_norm_epsilon == c.layer_norm_epsilon &&
                   again.scale_attn_weights == c.scale_attn_weights &&
                   again.scale_attn_by_inverse_layer_idx == c.scale_attn_by_inverse_layer_idx &&
                   again.tie_word_embeddings == c.tie_word_embeddings &&
                   again.bos_token_id == c.bos_token_id && again.eos_token_id == c.eos_token_id,
               "to_json() round trip");
    return 0;
}

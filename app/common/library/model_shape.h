// GPT-2's parameter count from its shape, without loading any weights.
#pragma once
#include <QtGlobal>

namespace al::library {

// Unique parameters of a GPT-2 with a tied lm_head: token and position embeddings, per layer
// ln_1, c_attn, attn.c_proj, ln_2, c_fc, mlp.c_proj (weights and biases), then ln_f.
// GPT-2 small (12, 768, 1024, 50257, 3072) gives 124,439,808.
inline qint64 gpt2ParameterCount(qint64 nLayer, qint64 C, qint64 nPositions, qint64 vocab, qint64 nInner) {
    if (nLayer <= 0 || C <= 0)
        return 0;
    const qint64 perLayer = 2 * C                    // ln_1
                            + C * 3 * C + 3 * C      // c_attn
                            + C * C + C              // attn.c_proj
                            + 2 * C                  // ln_2
                            + C * nInner + nInner    // mlp.c_fc
                            + nInner * C + C;        // mlp.c_proj
    return vocab * C + nPositions * C + nLayer * perLayer + 2 * C;
}

} // namespace al::library

// GPT-2's block, once, for every pass (see block.h).
#include "attention_lens/block.h"

#include <algorithm>

#include "attention_lens/layers.h"
#include "forward_plan.h"

namespace al::layers {

void block_forward(const BlockActs& a, const LayerWeights& w, const BlockShape& s, const AttentionStep& attend) {
    const int Nin = s.Nin, N = s.N, C = s.C, FF = s.FF;
    // attention half
    layernorm_forward(a.ln1, a.ln1_mean, a.ln1_rstd, a.in, w.ln1_w, w.ln1_b, Nin, C, s.eps); // ln1 [Nin][C]
    matmul_forward(a.qkv, a.ln1, w.attn_w, w.attn_b, Nin, C, 3 * C);                         // qkv [Nin][3C]
    attend(a.qkv, a.atty);                                                                   // atty [N][C]
    matmul_forward(a.attproj, a.atty, w.proj_w, w.proj_b, N, C, C);                          // attproj [N][C]
    residual_forward(a.residual2, a.skip, a.attproj, N * C);                                 // residual2 [N][C]
    if (!s.mlp) {
        if (a.out != a.residual2) std::copy(a.residual2, a.residual2 + static_cast<size_t>(N) * C, a.out);
        return;
    }
    // MLP half
    layernorm_forward(a.ln2, a.ln2_mean, a.ln2_rstd, a.residual2, w.ln2_w, w.ln2_b, N, C, s.eps); // ln2 [N][C]
    if (a.fch) {
        matmul_forward(a.fch, a.ln2, w.fc_w, w.fc_b, N, C, FF); // fch [N][FF], kept for a backward pass
        detail::activation_forward(a.fch_gelu, a.fch, N * FF, *s.activation); // fch_gelu [N][FF]
    } else {
        detail::mlp_fc_forward(a.fch_gelu, a.ln2, w, N, C, FF, *s.activation); // fch_gelu [N][FF]
    }
    matmul_forward(a.fcproj, a.fch_gelu, w.fcproj_w, w.fcproj_b, N, FF, C); // fcproj [N][C]
    residual_forward(a.out, a.residual2, a.fcproj, N * C);                  // out [N][C]
}

} // namespace al::layers

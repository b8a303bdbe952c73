// One transformer block of GPT-2, written once: the app's forward pass (Runner), the variant runner
// (VariantRunner, many variants' rows stacked) and the trainer's forward all run their layers
// through block_forward. What differs between them is only where attention reads its keys and values
// (a cache of earlier positions, one pattern per variant, the full T x T patterns the trainer's
// backward pass needs) and which intermediate tensors are kept: the attention step is the caller's,
// and the tensors are the caller's buffers, which may be shared as BlockActs says.
//
// Shapes: Nin rows enter the block, N rows leave it (N == Nin but for a pass that needs only some
// rows past the attention, e.g. each variant's last); C = n_embd, FF = n_inner.
#pragma once
#include <functional>
#include <string>

#include "attention_lens/model.h"

namespace al::layers {

// The buffers of one block. The app's passes keep nothing, so they point several of them at one
// buffer: in == skip == residual2 == out (the residual stream, updated in place), ln1 == attproj ==
// ln2 == fcproj, and qkv == fch_gelu. The trainer gives each its own, for its backward pass.
struct BlockActs {
    const float* in = nullptr;  // [Nin][C]  residual stream entering the block
    float* ln1 = nullptr;       // [Nin][C]  ln_1(in)
    float* ln1_mean = nullptr;  // [Nin]     may be null
    float* ln1_rstd = nullptr;  // [Nin]     may be null
    float* qkv = nullptr;       // [Nin][3C] ln1 . c_attn + b  (q | k | v)
    float* atty = nullptr;      // [N][C]    the attention step's output, heads concatenated
    float* attproj = nullptr;   // [N][C]    atty . attn.c_proj + b
    const float* skip = nullptr; // [N][C]   the rows of `in` that leave the block (in when N == Nin)
    float* residual2 = nullptr; // [N][C]    skip + attproj
    float* ln2 = nullptr;       // [N][C]    ln_2(residual2)
    float* ln2_mean = nullptr;  // [N]       may be null
    float* ln2_rstd = nullptr;  // [N]       may be null
    float* fch = nullptr;       // [N][FF]   ln2 . c_fc + b before the activation; null: the
                                //           activation is applied inside the product (not kept)
    float* fch_gelu = nullptr;  // [N][FF]   act(fch)
    float* fcproj = nullptr;    // [N][C]    fch_gelu . mlp.c_proj + b
    float* out = nullptr;       // [N][C]    residual2 + fcproj: the residual stream leaving
};

struct BlockShape {
    int Nin = 0, N = 0, C = 0, FF = 0;
    float eps = 1e-5f;                 // LayerNorm's epsilon
    const std::string* activation = nullptr; // the MLP's, by Hugging Face's name (gelu_new...)
    bool mlp = true;                   // false: an attention-only block (out = residual2)
};

// The attention step: qkv [Nin][3C] -> atty [N][C], heads concatenated. It also owns what the
// patterns are kept in (a cache, an AttentionStore, the trainer's preatt/att).
using AttentionStep = std::function<void(const float* qkv, float* atty)>;

// x_out = x + mlp(ln_2(x + attn(ln_1(x)))) with the tensors written into `a` along the way:
//   ln1 = ln_1(in)                   [Nin][C]
//   qkv = ln1 . c_attn + b           [Nin][3C]
//   atty = attend(qkv)               [N][C]
//   residual2 = skip + atty . c_proj + b          [N][C]
//   fch_gelu = act(ln_2(residual2) . c_fc + b)    [N][FF]
//   out = residual2 + fch_gelu . c_proj + b       [N][C]
void block_forward(const BlockActs& a, const LayerWeights& w, const BlockShape& s, const AttentionStep& attend);

} // namespace al::layers

// GPT-2's operations as plain functions over float arrays, one per layer type, in the style of
// llm.c's train_gpt2.c. Shapes are in the comments; B = batch, T = tokens, C = channels,
// NH = heads, V = vocabulary, OC = output channels. Conv1D weights are [C, OC] (HF's layout).
// The inference forward pass and the trainer both use these; the trainer adds the backward passes
// (training/src/layers_backward.h).
#pragma once

namespace al::layers {

// inp [B,T] token ids; wte [V,C]; wpe [maxT,C] -> out [B,T,C]; positions start at pos0.
void encoder_forward(float* out, const int* inp, const float* wte, const float* wpe,
                     int B, int T, int C, int pos0 = 0);
// inp [N,C] -> out [N,C]; mean, rstd [N] kept for the backward pass (may be null).
void layernorm_forward(float* out, float* mean, float* rstd, const float* inp,
                       const float* weight, const float* bias, int N, int C, float eps);
// inp [N,C] . weight [C,OC] + bias [OC] -> out [N,OC]  (bias may be null). OpenBLAS sgemm.
void matmul_forward(float* out, const float* inp, const float* weight, const float* bias,
                    int N, int C, int OC);
// qkv [B,T,3C] -> preatt [B,NH,T,T] scaled scores (masked = -inf), att [B,NH,T,T] softmax,
// out [B,T,C] = att . v per head, heads concatenated. scale = 1/sqrt(C/NH).
void attention_forward(float* out, float* preatt, float* att, const float* qkv,
                       int B, int T, int C, int NH, float scale, bool causal = true);
// GPT-2's gelu_new: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). inp, out [N].
void gelu_forward(float* out, const float* inp, int N);

// gelu_forward(matmul_forward(...)) in one step (out = gelu(inp . weight + bias)), for the
// forward pass only: the training backward needs the pre-activation, which this does not keep.
void matmul_gelu_forward(float* out, const float* inp, const float* weight, const float* bias,
                         int N, int C, int OC);
// out [N] = a [N] + b [N]
void residual_forward(float* out, const float* a, const float* b, int N);
// logits [N,V] -> probs [N,V], numerically stable.
void softmax_forward(float* probs, const float* logits, int N, int V);

} // namespace al::layers

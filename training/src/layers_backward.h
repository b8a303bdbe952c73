// Backward passes for GPT-2's operations in layers.h, in the style of llm.c's train_gpt2.c, for the
// trainer (gpt2_train.h). Every function ACCUMULATES (+=) into its gradient outputs, so the
// caller zeroes them once per step; this is what lets a tensor used twice (the residual stream, the
// tied wte) collect both contributions. Shapes as in layers.h: B = batch, T = tokens, C = channels,
// NH = heads, V = vocabulary, OC = output channels; Conv1D weights are [C, OC] (HF's layout).
#pragma once

namespace al::layers {

// dout [B,T,C] -> dwte [V,C], dwpe [maxT,C] (rows of the tokens and positions used).
void encoder_backward(float* dwte, float* dwpe, const float* dout, const int* inp,
                      int B, int T, int C);
// dout [N,C], inp [N,C], weight [C], mean/rstd [N] from layernorm_forward
// -> dinp [N,C], dweight [C], dbias [C].
void layernorm_backward(float* dinp, float* dweight, float* dbias, const float* dout,
                        const float* inp, const float* weight, const float* mean, const float* rstd,
                        int N, int C);
// out [N,OC] = inp [N,C] . weight [C,OC] + bias: dout [N,OC] -> dinp [N,C], dweight [C,OC],
// dbias [OC] (dbias may be null). OpenBLAS sgemm.
void matmul_backward(float* dinp, float* dweight, float* dbias, const float* dout,
                     const float* inp, const float* weight, int N, int C, int OC);
// The tied language-model head: out [N,V] = inp [N,C] . weight [V,C]^T (no bias).
void matmul_transposed_forward(float* out, const float* inp, const float* weight, int N, int C, int V);
// dout [N,V] -> dinp [N,C], dweight [V,C].
void matmul_transposed_backward(float* dinp, float* dweight, const float* dout, const float* inp,
                                const float* weight, int N, int C, int V);
// Through attention_forward: dout [B,T,C], qkv [B,T,3C], att [B,NH,T,T] (kept by the forward;
// masked cells are 0) -> dqkv [B,T,3C]. datt, dpreatt [B,NH,T,T] are scratch (overwritten, not
// accumulated). scale as in the forward (1/sqrt(C/NH)).
void attention_backward(float* dqkv, float* dpreatt, float* datt, const float* dout,
                        const float* qkv, const float* att, int B, int T, int C, int NH, float scale);
// gelu_new: inp [N], dout [N] -> dinp [N].
void gelu_backward(float* dinp, const float* inp, const float* dout, int N);
// out = a + b: dout [N] -> da [N], db [N].
void residual_backward(float* da, float* db, const float* dout, int N);
// Mean cross-entropy over N positions: probs [N,V] (softmax_forward), targets [N]
// -> losses [N] = -log p[target]; returns their mean.
float crossentropy_forward(float* losses, const float* probs, const int* targets, int N, int V);
// d(mean loss)/dlogits through softmax and cross-entropy: dlogits [N,V] += (probs - onehot) * dloss,
// dloss = 1/N for the mean loss.
void crossentropy_softmax_backward(float* dlogits, const float* probs, const int* targets,
                                   int N, int V, float dloss);

} // namespace al::layers

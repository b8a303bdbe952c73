// The engine's one softmax over a row of scores, used by the forward pass's attention, the
// training layers (attention and the logits) and the stacked what-if variants.
#pragma once

namespace al::kernels {

// p[0..n) = softmax(x[0..n)) for n >= 1; p may be x. In float, vectorised: e^(x - max) with
// fastmath::exp, so weights are never negative, and a score more than 87.3 below the row's
// maximum (a masked -inf included) gets exactly 0. The sum runs in float lanes over blocks and in
// double across blocks, so a 50,257-entry logit row sums to 1 within float rounding.
void softmax_row(float* p, const float* x, int n);

} // namespace al::kernels

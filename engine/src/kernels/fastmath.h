// Fast, vectorisable elementwise math for the forward pass. glibc's expf/tanhf are scalar calls;
// in a loop over a softmax row or a GELU block the compiler cannot vectorise them without
// -ffast-math. These are plain arithmetic (Cephes' expf polynomial, relative error ~2e-7), so
// -O3 turns the loops that use them into SIMD code while staying well inside the 1e-4 tolerance
// against Hugging Face's float32 reference.
#pragma once
#include <cstdint>
#include <cstring>

namespace al::fastmath {

// e^x for x in float range. Below -87.3 the true value is under e^-87.3 = 1.2e-38, the smallest
// normal float: the result is exactly 0 (a softmax weight that should vanish does, instead of
// keeping the clamp's 1.2e-38). Above 88 it gives e^88.
inline float exp(float x) {
    const bool vanishes = x < -87.3f;
    x = x < -87.3f ? -87.3f : (x > 88.0f ? 88.0f : x); // keeps 2^n below a normal exponent
    // n = round(x / ln 2) with the 1.5 * 2^23 trick (vectorises without SSE4.1's roundps)
    const float magic = 12582912.0f;
    float t = x * 1.44269504088896341f + magic;
    float n = t - magic;
    // r = x - n ln2, ln2 split in two for precision
    float r = x - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    float y = p * r * r + r + 1.0f;
    int32_t bits = (static_cast<int32_t>(n) + 127) << 23; // 2^n
    float scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return vanishes ? 0.0f : y * scale;
}

// GPT-2's gelu_new, 0.5 x (1 + tanh(u)) with u = sqrt(2/pi) (x + 0.044715 x^3), written as
// x / (1 + e^(-2u)): the same value, but it needs only exp, which vectorises (libm's tanhf would
// dominate the MLP's cost).
inline float gelu_tanh(float x) {
    const float s = 0.7978845608028654f; // sqrt(2 / pi)
    const float u = s * (x + 0.044715f * x * x * x);
    return x / (1.0f + exp(-2.0f * u));
}

} // namespace al::fastmath

// The softmax of kernels/softmax.h.
// Lets -O3 vectorise the clamps in fastmath::exp (a comparison may not be if-converted while
// floating-point exceptions are observable; nothing here reads them).
#pragma GCC optimize("no-trapping-math")
#include "softmax.h"

#include "fastmath.h"

namespace al::kernels {

void softmax_row(float* p, const float* x, int n) {
    // Eight partial maxima and sums: a single float accumulator forbids the reordering that
    // vectorising needs (without -ffast-math).
    float m8[8];
    for (int k = 0; k < 8; k++) m8[k] = x[0];
    int j = 0;
    for (; j + 8 <= n; j += 8)
        for (int k = 0; k < 8; k++) m8[k] = x[j + k] > m8[k] ? x[j + k] : m8[k];
    float maxv = m8[0];
    for (int k = 1; k < 8; k++) maxv = m8[k] > maxv ? m8[k] : maxv;
    for (; j < n; j++) maxv = x[j] > maxv ? x[j] : maxv;

    for (j = 0; j < n; j++) p[j] = fastmath::exp(x[j] - maxv);

    // Blocks of 512 summed in float lanes, the blocks' sums added in double: the rounding error
    // stays that of a 512-term float sum however long the row.
    constexpr int kBlock = 512;
    double sum = 0.0;
    for (int b = 0; b < n; b += kBlock) {
        const int e = b + kBlock < n ? b + kBlock : n;
        float s8[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        j = b;
        for (; j + 8 <= e; j += 8)
            for (int k = 0; k < 8; k++) s8[k] += p[j + k];
        float s = ((s8[0] + s8[1]) + (s8[2] + s8[3])) + ((s8[4] + s8[5]) + (s8[6] + s8[7]));
        for (; j < e; j++) s += p[j];
        sum += s;
    }
    const float inv = static_cast<float>(1.0 / sum);
    for (j = 0; j < n; j++) p[j] *= inv;
}

} // namespace al::kernels

// The largest absolute difference between two results of the engine, for tests that compare two
// ways of computing the same thing. A NaN on either side, or different sizes, count as infinite.
#pragma once
#include <cmath>
#include <vector>

#include "attention_lens/forward.h"

namespace testing_support {

// Over n floats from a and from b.
inline double max_diff(const float* a, const float* b, size_t n) {
    double m = 0;
    for (size_t i = 0; i < n; i++) {
        const double d = std::fabs(double(a[i]) - b[i]);
        if (std::isnan(d)) return INFINITY; // a NaN anywhere fails every tolerance
        if (d > m) m = d;
    }
    return m;
}

inline double max_diff(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return INFINITY;
    return max_diff(a.data(), b.data(), a.size());
}

// Over every layer, head and causal cell (i, j <= i) of two attention stores of the same shape.
inline double max_diff(const al::AttentionStore& a, const al::AttentionStore& b) {
    if (a.n_layer() != b.n_layer() || a.n_head() != b.n_head() || a.tokens() != b.tokens()) return INFINITY;
    double m = 0;
    for (int l = 0; l < a.n_layer(); l++)
        for (int h = 0; h < a.n_head(); h++)
            for (int i = 0; i < a.tokens(); i++)
                for (int j = 0; j <= i; j++) {
                    const double d = std::fabs(double(a.at(l, h, i, j)) - b.at(l, h, i, j));
                    if (std::isnan(d)) return INFINITY;
                    if (d > m) m = d;
                }
    return m;
}

} // namespace testing_support

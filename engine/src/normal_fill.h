// Normally distributed random weights, fast and reproducible: what Model::random fills a model with.
#pragma once
#include <cstddef>
#include <cstdint>

namespace al {

// Fills `out` with N(0, std): Marsaglia & Tsang's ziggurat (2000) on xoshiro256+, a table lookup
// and one multiply for 98% of draws, which keeps GPT-2 small's 124M weights quick. Each block of
// 65,536 numbers has its own stream seeded from (seed, block), so the result does not depend on
// how many threads fill it.
void fill_normal(float* out, size_t n, uint64_t seed, float stddev);

} // namespace al

// Next-token choice: temperature, top-k, top-p (nucleus), seeded so a result can be repeated.
#pragma once
#include <cstdint>
#include <random>
#include <vector>

namespace al {

struct SamplingOptions {
    float temperature = 1.0f; // 0 means greedy (argmax)
    int top_k = 0;            // 0 = off
    float top_p = 1.0f;       // 1 = off
    uint64_t seed = 0;        // for the caller's Sampler(seed); sample() uses the Sampler's generator
};

// The distribution actually sampled from after temperature, top-k and top-p (renormalised);
// zeros outside the kept set. Throws al::Error for a negative temperature or top_p outside (0,1].
std::vector<float> sampling_distribution(const std::vector<float>& logits, const SamplingOptions& o);

// Draws from sampling_distribution (temperature 0: the argmax, no draw). The same seed and the same
// calls give the same tokens.
class Sampler {
public:
    explicit Sampler(uint64_t seed);
    int sample(const std::vector<float>& logits, const SamplingOptions& o);
private:
    std::mt19937_64 rng_;
};

} // namespace al

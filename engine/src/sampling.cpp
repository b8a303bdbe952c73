// Next-token choice. The order is Hugging Face generate()'s: temperature, then top-k, then top-p,
// then renormalise and draw. The draw uses our own mapping from the 64-bit generator to [0, 1), so
// a seed gives the same tokens with any standard library.
#include "attention_lens/sampling.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "attention_lens/error.h"

namespace al {

namespace {

int argmax(const std::vector<float>& x) {
    int best = 0;
    for (int i = 1; i < static_cast<int>(x.size()); i++)
        if (x[i] > x[best]) best = i;
    return best;
}

void validate(const std::vector<float>& logits, const SamplingOptions& o) {
    if (logits.empty()) throw Error("sampling: no logits");
    if (!(o.temperature >= 0.0f) || !std::isfinite(o.temperature))
        throw Error("sampling: the temperature must be 0 (greedy) or a positive finite number");
    if (!(o.top_p > 0.0f && o.top_p <= 1.0f)) throw Error("sampling: top_p must be in (0, 1]");
    if (o.top_k < 0) throw Error("sampling: top_k must be 0 (off) or positive");
    for (size_t i = 0; i < logits.size(); i++)
        if (std::isnan(logits[i]) || logits[i] == INFINITY)
            throw Error("sampling: logit " + std::to_string(i) + " is not a number or +infinity");
    if (*std::max_element(logits.begin(), logits.end()) == -INFINITY)
        throw Error("sampling: every logit is -infinity");
}

} // namespace

std::vector<float> sampling_distribution(const std::vector<float>& logits, const SamplingOptions& o) {
    validate(logits, o);
    const int V = static_cast<int>(logits.size());
    std::vector<float> out(V, 0.0f);
    if (o.temperature == 0.0f) {
        out[argmax(logits)] = 1.0f;
        return out;
    }
    // Softmax of logits / temperature, in double.
    const double maxv = *std::max_element(logits.begin(), logits.end());
    std::vector<double> p(V);
    double sum = 0.0;
    for (int i = 0; i < V; i++) sum += (p[i] = std::exp((logits[i] - maxv) / o.temperature));
    for (double& x : p) x /= sum;
    // Tokens by decreasing probability (ties: lower id first).
    std::vector<int> order(V);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return p[a] > p[b]; });
    int keep = V;
    if (o.top_k > 0) keep = std::min(keep, o.top_k);
    if (o.top_p < 1.0f) {
        // The smallest set of most likely tokens (within top-k) whose renormalised mass reaches top_p.
        double kept_mass = 0.0;
        for (int r = 0; r < keep; r++) kept_mass += p[order[r]];
        double cum = 0.0;
        int n = 0;
        while (n < keep) {
            cum += p[order[n]] / kept_mass;
            n++;
            if (cum >= o.top_p - 1e-12) break;
        }
        keep = std::max(n, 1);
    }
    double mass = 0.0;
    for (int r = 0; r < keep; r++) mass += p[order[r]];
    for (int r = 0; r < keep; r++) out[order[r]] = static_cast<float>(p[order[r]] / mass);
    return out;
}

Sampler::Sampler(uint64_t seed) : rng_(seed) {}

int Sampler::sample(const std::vector<float>& logits, const SamplingOptions& o) {
    const std::vector<float> p = sampling_distribution(logits, o);
    if (o.temperature == 0.0f) return argmax(logits);
    const double u = static_cast<double>(rng_() >> 11) * (1.0 / 9007199254740992.0); // [0, 1)
    double cum = 0.0;
    int last = 0;
    for (int i = 0; i < static_cast<int>(p.size()); i++) {
        if (p[i] <= 0.0f) continue;
        last = i;
        cum += p[i];
        if (u < cum) return i;
    }
    return last; // rounding: u fell beyond the float sum
}

} // namespace al

#include "window_sampler.h"

#include <stdexcept>

namespace al::train {

uint64_t next_random(uint64_t& s) {
    uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

double next_unit(uint64_t& s) { return static_cast<double>(next_random(s) >> 11) * 0x1.0p-53; }

// One window:
//  * Plain: n consecutive corpus tokens from a random offset.
//  * With probability bos_frac the window starts with <|endoftext|>, as a document does, so that
//    position 0 holds one fixed token the heads can learn to park attention on (Xiao 2023).
//  * With probability repeat_frac a passage of L corpus tokens (kMinRepeat <= L <= a third of the
//    window) is written twice:
//      [k tokens from offset a] [L tokens from offset b] [the same L tokens] [text after b ...]
//    The second copy can only be predicted by finding the first and copying what followed it:
//    the job of an induction head (Olsson 2022). Natural text alone repeats names and phrases
//    too, but too rarely for induction heads to form within this CPU budget.
//  * With probability random_repeat_frac (within those), the passage is L random token ids
//    instead of corpus text, and the text after the copy is corpus text from offset b.
void sample_window(const std::vector<int>& tokens, int n, const Sampler& s, uint64_t& rng, int* w) {
    const uint64_t span = tokens.size() - n;
    int pos = 0;
    if (s.bos_frac > 0.0f && next_unit(rng) < s.bos_frac) w[pos++] = s.bos_id;
    if (s.repeat_frac > 0.0f && next_unit(rng) < s.repeat_frac && n - pos >= 3 * kMinRepeat) {
        const int room = n - pos;
        const int L = kMinRepeat + static_cast<int>(next_random(rng) % static_cast<uint64_t>(room / 3 - kMinRepeat + 1));
        const int k = static_cast<int>(next_random(rng) % static_cast<uint64_t>(room - 2 * L + 1));
        const size_t a = next_random(rng) % span, b = next_random(rng) % span;
        for (int i = 0; i < k; i++) w[pos++] = tokens[a + i];
        const int start = pos;
        size_t after = b + L; // where the text after the copy comes from
        if (s.random_repeat_frac > 0.0f && next_unit(rng) < s.random_repeat_frac) {
            if (s.vocab < 2) throw std::invalid_argument("window sampler: random passages need a vocabulary size");
            // Random ids have no statistics to lean on: only an exact look-back predicts the copy.
            for (int i = 0; i < L; i++) {
                int id = s.bos_id;
                while (id == s.bos_id) id = static_cast<int>(next_random(rng) % static_cast<uint64_t>(s.vocab));
                w[pos++] = id;
            }
            after = b;
        } else {
            for (int i = 0; i < L; i++) w[pos++] = tokens[b + i];
        }
        for (int i = 0; i < L; i++) w[pos++] = w[start + i]; // the copy
        for (size_t i = after; pos < n; i++) w[pos++] = tokens[i]; // then what followed
        return;
    }
    const size_t off = next_random(rng) % span;
    for (int i = 0; pos < n; i++) w[pos++] = tokens[off + i];
}

void sample_batch(const std::vector<int>& tokens, int B, int T, const Sampler& s, uint64_t& rng,
                  std::vector<int>& x, std::vector<int>& y) {
    std::vector<int> w(T + 1);
    for (int b = 0; b < B; b++) {
        sample_window(tokens, T + 1, s, rng, w.data());
        for (int t = 0; t < T; t++) {
            x[b * T + t] = w[t];
            y[b * T + t] = w[t + 1];
        }
    }
}

} // namespace al::train

// How the trainer draws its training windows from the token file: random offsets, optionally a
// leading <|endoftext|> and optionally a passage (corpus text or random ids) written twice.
// Deterministic given the generator's state, which is one integer the checkpoint saves, so a
// resumed run draws the same windows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace al::train {

struct Sampler {
    int bos_id = -1;          // <|endoftext|>'s id; needed for bos_frac > 0
    float bos_frac = 0.0f;    // share of windows that start with <|endoftext|>
    float repeat_frac = 0.0f; // share of windows in which a passage of corpus text appears twice
    // Share of those repeated passages made of random token ids in [0, vocab) other than bos_id
    // instead of corpus text (needs vocab > 1).
    float random_repeat_frac = 0.0f;
    int vocab = 0;
};

// Shortest repeated passage, in tokens; a window needs room for three of them to hold a repeat.
constexpr int kMinRepeat = 16;

// splitmix64: a tiny seeded generator whose whole state is one integer (saved in checkpoints).
uint64_t next_random(uint64_t& state);
// Uniform in [0, 1), from the top 53 bits of next_random.
double next_unit(uint64_t& state);

// One window of n tokens (tokens.size() must exceed n), written to w[0..n).
void sample_window(const std::vector<int>& tokens, int n, const Sampler& s, uint64_t& rng, int* w);

// B windows of T+1 tokens: inputs x [B*T] are the first T of each, targets y [B*T] the last T.
void sample_batch(const std::vector<int>& tokens, int B, int T, const Sampler& s, uint64_t& rng,
                  std::vector<int>& x, std::vector<int>& y);

} // namespace al::train

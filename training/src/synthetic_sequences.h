// The training lab's data: sequences of random tokens in which a random span is written a second
// time later on. Inside the second copy, a model that finds the earlier copy of the current token
// and copies the token after it (an induction head, Olsson et al. 2022) can predict every token but
// the first; elsewhere it cannot. The gap between the two is the in-context signal.
//
// Outside the second copy a token is mostly random, with two fixed rules mixed in so that there is
// something to learn before induction, in the order a model learns it. The random tokens are not
// equally common: most come from a small set of common ids, the rest from all of them, so the
// first thing to learn is which tokens are frequent (unigram statistics). Then, with probability
// `bigram` the token is a fixed function of the token before it (learnable with no attention at
// all), with probability `skip_bigram` a fixed function of the token two before it (learnable with
// a head that looks one position back: a previous-token head, which induction then reuses).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace al::train {

// The model's vocabulary is GPT-2's 256 single-byte tokens and <|endoftext|> (id 256), so the
// model reads as an ordinary byte-level GPT-2 in which any text tokenizes, one token per byte.
// The data uses the first `tokens` ids (by default all 256 bytes, so that every byte token is
// trained and the census's repeated random sequence, drawn from the whole vocabulary, reads only
// trained tokens). Ids 0..63 are the 64 characters A-Z a-z 0-9 + / (the common ids by default,
// so text typed in letters and digits reads the most trained tokens), the other bytes follow in
// byte order.
constexpr int kSyntheticBytes = 256;
constexpr int kSyntheticBos = 256;            // <|endoftext|>, at position 0 of every sequence
constexpr int kSyntheticVocab = 257;          // the model's vocab_size

struct SyntheticSpec {
    int tokens = 256;       // the random tokens are ids 0..tokens-1 (2..256)
    // A random token is drawn from the first `common` ids with probability common_share, else
    // from all `tokens` ids, uniformly in both cases. common = tokens or common_share = 0: all
    // equally common.
    int common = 64;
    float common_share = 0.75f;
    int length = 64;        // tokens per sequence, the <|endoftext|> at position 0 included
    // Length of the repeated span, drawn uniformly in [min_span, max_span] (capped at half the
    // positions after <|endoftext|>). Long spans make about 40% of the targets predictable from
    // context, enough pull for an induction head to form within the lab's 2,000-step run; with
    // spans of 8 to 24 (about 20%) none had formed in the trials (training/README.md).
    int min_span = 20;
    int max_span = 31;
    float bigram = 0.2f;       // share of tokens that follow the token before them by a fixed rule
    float skip_bigram = 0.3f;  // share that follow the token two before them by another rule
    // Draws the two rules: random permutations that map common ids to common ids and the others
    // to the others, so that the rules keep the tokens' frequencies.
    uint64_t rules_seed = 7;
};

// Throws std::invalid_argument (naming the field) when the spec cannot hold two copies of a span.
void validate(const SyntheticSpec& spec);

// One sequence. in_context[i] is 1 where token i is predictable from context: inside the second
// copy, after its first token. Deterministic given the generator's state (splitmix64, as the window
// sampler's next_random).
struct SyntheticSequence {
    std::vector<int> tokens;
    std::vector<uint8_t> in_context;
};
SyntheticSequence synthetic_sequence(const SyntheticSpec& spec, uint64_t& rng);

// A batch of B sequences of spec.length + 1 tokens: inputs x [B*T] and targets y [B*T] with
// T = spec.length, and in_context [B*T] = 1 where the target y is predictable from context.
void synthetic_batch(const SyntheticSpec& spec, int B, uint64_t& rng, std::vector<int>& x,
                     std::vector<int>& y, std::vector<uint8_t>& in_context);

// The byte of token id (0..255) in the order above, and vocab.json text (GPT-2's printable
// stand-in for each byte -> its id, <|endoftext|> -> 256) and a merges.txt without merges (its
// header line only).
int synthetic_byte(int id);
std::string synthetic_vocab_json();
std::string synthetic_merges_txt();

} // namespace al::train

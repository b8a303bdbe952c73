// Random sequences with a repeated span (see synthetic_sequences.h).
#include "synthetic_sequences.h"

#include <nlohmann/json.hpp>
#include <algorithm>
#include <stdexcept>

#include "window_sampler.h"

namespace al::train {

namespace {

// Uniform integer in [lo, hi].
int uniform(uint64_t& rng, int lo, int hi) {
    return lo + static_cast<int>(next_random(rng) % static_cast<uint64_t>(hi - lo + 1));
}

// A random permutation of 0..n-1 that maps 0..split-1 onto themselves and split..n-1 onto
// themselves (Fisher-Yates on each part).
std::vector<int> permutation(int n, int split, uint64_t& rng) {
    std::vector<int> p(n);
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = split - 1; i > 0; i--) std::swap(p[i], p[uniform(rng, 0, i)]);
    for (int i = n - 1; i > split; i--) std::swap(p[i], p[uniform(rng, split, i)]);
    return p;
}

// One random token: a common id with probability common_share, else any id.
int random_token(const SyntheticSpec& spec, uint64_t& rng) {
    const bool common = spec.common_share > 0 && next_unit(rng) < spec.common_share;
    return uniform(rng, 0, (common ? spec.common : spec.tokens) - 1);
}

// The sequence of n tokens with its in-context mask; n may exceed spec.length by one (a batch
// row holds one more token than the model reads, for the last target).
SyntheticSequence make_sequence(const SyntheticSpec& spec, int n, uint64_t& rng) {
    uint64_t rules_rng = spec.rules_seed;
    const std::vector<int> next1 = permutation(spec.tokens, spec.common, rules_rng),
                           next2 = permutation(spec.tokens, spec.common, rules_rng);
    // Both copies lie in positions 1..length-1, so the model reads all of the span twice.
    const int room = spec.length - 1;
    const int k = uniform(rng, spec.min_span, std::min(spec.max_span, room / 2));
    const int first = uniform(rng, 1, spec.length - 2 * k);
    const int second = uniform(rng, first + k, spec.length - k);
    SyntheticSequence s;
    s.tokens.resize(n);
    s.in_context.assign(n, 0);
    s.tokens[0] = kSyntheticBos;
    for (int i = 1; i < n; i++) {
        if (i >= second && i < second + k) {
            s.tokens[i] = s.tokens[i - second + first];
            s.in_context[i] = i > second;
            continue;
        }
        const double u = next_unit(rng);
        if (u < spec.bigram && i >= 2) s.tokens[i] = next1[s.tokens[i - 1]];
        else if (u < spec.bigram + spec.skip_bigram && i >= 3) s.tokens[i] = next2[s.tokens[i - 2]];
        else s.tokens[i] = random_token(spec, rng);
    }
    return s;
}

} // namespace

void validate(const SyntheticSpec& spec) {
    if (spec.tokens < 2 || spec.tokens > kSyntheticBytes)
        throw std::invalid_argument("the number of random tokens must be between 2 and 256");
    if (spec.common < 1 || spec.common > spec.tokens)
        throw std::invalid_argument("the number of common tokens must be between 1 and the number of tokens");
    if (!(spec.common_share >= 0 && spec.common_share <= 1))
        throw std::invalid_argument("the common tokens' share must be between 0 and 1");
    if (spec.length < 5) throw std::invalid_argument("sequence length must be at least 5");
    if (spec.min_span < 2) throw std::invalid_argument("the repeated span must be at least 2 tokens");
    if (spec.max_span < spec.min_span) throw std::invalid_argument("max_span is below min_span");
    if (!(spec.bigram >= 0 && spec.skip_bigram >= 0 && spec.bigram + spec.skip_bigram <= 1))
        throw std::invalid_argument("the rule shares must be non-negative and sum to at most 1");
    if (2 * spec.min_span > spec.length - 1)
        throw std::invalid_argument("the sequence is too short for two copies of the shortest span");
}

SyntheticSequence synthetic_sequence(const SyntheticSpec& spec, uint64_t& rng) {
    validate(spec);
    return make_sequence(spec, spec.length, rng);
}

void synthetic_batch(const SyntheticSpec& spec, int B, uint64_t& rng, std::vector<int>& x,
                     std::vector<int>& y, std::vector<uint8_t>& in_context) {
    validate(spec);
    const int T = spec.length;
    x.resize(static_cast<size_t>(B) * T);
    y.resize(x.size());
    in_context.resize(x.size());
    for (int b = 0; b < B; b++) {
        const SyntheticSequence s = make_sequence(spec, T + 1, rng);
        for (int t = 0; t < T; t++) {
            const size_t i = static_cast<size_t>(b) * T + t;
            x[i] = s.tokens[t];
            y[i] = s.tokens[t + 1];
            in_context[i] = s.in_context[t + 1];
        }
    }
}

int synthetic_byte(int id) {
    static const std::vector<int> order = [] {
        const std::string first = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        std::vector<int> o;
        for (char c : first) o.push_back(static_cast<unsigned char>(c));
        for (int b = 0; b < kSyntheticBytes; b++)
            if (first.find(static_cast<char>(b)) == std::string::npos) o.push_back(b);
        return o;
    }();
    if (id < 0 || id >= kSyntheticBytes) throw std::out_of_range("not a byte token id");
    return order[id];
}

std::string synthetic_vocab_json() {
    // GPT-2's bytes_to_unicode: printable Latin-1 bytes stand for themselves, the others for
    // code points 256, 257, ... in byte order.
    std::vector<std::string> stand_in(kSyntheticBytes);
    int extra = 0;
    for (int b = 0; b < kSyntheticBytes; b++) {
        const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        const int cp = printable ? b : 256 + extra++;
        std::string utf8;
        if (cp < 0x80) utf8 += static_cast<char>(cp);
        else {
            utf8 += static_cast<char>(0xC0 | (cp >> 6));
            utf8 += static_cast<char>(0x80 | (cp & 0x3F));
        }
        stand_in[b] = utf8;
    }
    nlohmann::ordered_json j;
    for (int id = 0; id < kSyntheticBytes; id++) j[stand_in[synthetic_byte(id)]] = id;
    j["<|endoftext|>"] = kSyntheticBos;
    return j.dump() + "\n";
}

std::string synthetic_merges_txt() { return "#version: 0.2\n"; }

} // namespace al::train

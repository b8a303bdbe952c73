// Head census: scores that describe what a head's attention pattern does. Each score is a
// heuristic with a documented definition (see census.cpp); a label derived from them is a
// heuristic too.
#pragma once
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "attention_lens/forward.h"

namespace al {

// Scores on one head's dense pattern A [T][T] (rows sum to 1 over allowed positions).
// exclude_first: position 0 is dropped from every row and the rest renormalised (the sink often
// swamps everything else); rows with nothing left are skipped.
namespace census {
float previous_token(const std::vector<float>& A, int T, bool exclude_first);
float first_token(const std::vector<float>& A, int T);
// The first_token score from which census_label calls a head a sink (and the lens's finder agrees).
inline constexpr float kSinkMin = 0.5f;
float self(const std::vector<float>& A, int T, bool exclude_first);
float duplicate_token(const std::vector<float>& A, const std::vector<int>& ids, bool exclude_first);
// ids are a random sequence of length n repeated twice (2n tokens, optionally after a BOS).
float induction(const std::vector<float>& A, const std::vector<int>& ids, bool exclude_first);
float mean_distance(const std::vector<float>& A, int T, bool exclude_first);
float mean_entropy(const std::vector<float>& A, int T, bool exclude_first); // nats
// Each row's entropy as a share of the largest it could have (uniform over its allowed cells), 0..1.
float entropy_share(const std::vector<float>& A, int T, bool exclude_first);

// A head and its score, as a finder returns it; head {-1, -1} when there was nothing to rank.
struct RankedHead {
    HeadRef head{-1, -1};
    float score = 0;
};
// The head with the highest score(layer, head) among layers [0, layer_end) (all layers when
// layer_end is larger); the first such head on ties.
RankedHead strongest_head(int n_layer, int n_head, const std::function<float(int, int)>& score,
                          int layer_end = std::numeric_limits<int>::max());
// The strongest previous-token head of a forward pass over T tokens (previous_token on each head).
RankedHead previous_token_head(const ForwardResult& r, int T, bool exclude_first,
                               int layer_end = std::numeric_limits<int>::max());
} // namespace census

struct HeadScores {
    HeadRef head;
    float previous_token = 0, previous_token_nf = 0;   // _nf: without the first position
    float first_token = 0;
    float self = 0, self_nf = 0;
    float duplicate_token = 0, duplicate_token_nf = 0;
    float induction = 0, induction_nf = 0;
    float mean_distance = 0, mean_distance_nf = 0;
    float entropy = 0, entropy_nf = 0;
    float entropy_share_nf = 0;  // 1: spread evenly over the visible positions (without the first)
    // The induction scores come from a fixed repeated random sequence, not from the text: they
    // describe the head, and are the same whatever the text.
    std::string label;     // heuristic: "sink", "previous-token", "self", "duplicate", "induction",
                           // "diffuse", "long-range" or "mixed"
};

struct CensusOptions {
    int induction_length = 50; // random tokens, repeated twice (as TransformerLens does)
    uint64_t seed = 0;
    // Passed to both forwards (ForwardOptions::cancel): al::Cancelled once it reads true.
    const std::atomic<bool>* cancel = nullptr;
};

// The induction probe: [BOS] r_1..r_n r_1..r_n with r random ids from the vocabulary (never BOS/EOS),
// seeded; n is shortened to fit the model's positions.
std::vector<int> induction_sequence(const Config& config, int n, uint64_t seed);

// Runs the model on `ids` (for the text-based scores, through `runner`, so its cache is used) and on
// induction_sequence(...) (induction scores, on a separate Runner so the caller's cache survives).
std::vector<HeadScores> head_census(Runner& runner, const std::vector<int>& ids,
                                    const CensusOptions& options = {});
std::string census_label(const HeadScores& s);

} // namespace al

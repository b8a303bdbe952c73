// What the forward pass and the variant runner share: validating interventions into per-head plans,
// the MLP's activation function by name, and the check that a pass's numbers are finite.
#pragma once
#include <string>
#include <vector>

#include "attention_lens/config.h"
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "forward_attention.h"

namespace al::detail {

// Throws al::Error for an empty sequence, more tokens than n_positions, or an id out of range.
void validate_ids(const std::vector<int>& ids, const Config& cfg);

// Throws al::Error when a forward over T tokens (P of them reused) would need more than half of this
// machine's memory: every layer keeps a T x T pattern per head, which grows past any RAM long before
// a long context's n_positions is reached. A few multiplications: cheap on every call.
void check_working_memory(const Config& cfg, const ForwardOptions& o, int T, int P);

// Weights that pass the load checks can still overflow float32 on some text (huge but finite
// values), and every number downstream is then NaN: a pass checks its last residual rows and its
// logits (cheap next to the pass) and throws not_finite() rather than answer with them.
bool all_finite(const float* p, size_t n);
Error not_finite();

// Validates the interventions of `o` for a T-token text and turns them into a plan per layer and
// head ([L][H]); empty when `o` has no head interventions. Throws al::Error naming the bad entry.
std::vector<std::vector<HeadPlan>> make_plans(const ForwardOptions& o, const Config& cfg, int T);

// out [N] = act(in [N]) (out may be in): gelu_new (and its aliases), gelu, relu, silu or quick_gelu.
void activation_forward(float* out, const float* in, int N, const std::string& act);

// The MLP's first half: out[N][FF] = act(a[N][C] . fc_w + fc_b), fused for GPT-2's gelu_new.
void mlp_fc_forward(float* out, const float* a, const LayerWeights& w, int N, int C, int FF, const std::string& act);

} // namespace al::detail

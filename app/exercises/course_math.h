// Small numeric helpers shared by the course's stations (softmax, KL, top-k), kept apart from Qt
// so that tests can check them against independent computations.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "attention_lens/forward.h"
#include "attention_lens/model.h"

namespace course {

// Numerically stable softmax of `logits` divided by `temperature` (> 0).
std::vector<double> softmax(const std::vector<float>& logits, double temperature = 1.0);
std::vector<double> softmax(const std::vector<double>& scores, double temperature = 1.0);
// KL(p || q) in nats; q's zeros are floored at 1e-12 so the result stays finite.
double kl(const std::vector<double>& p, const std::vector<double>& q);
// Indices of the k largest values, largest first.
std::vector<int> topk(const std::vector<double>& values, int k);
int argmax(const std::vector<float>& values);

// How many tokens of the learner's text every figure and exercise reads: one cap, so that an
// exercise's answer is computed on exactly the tokens its figures show. QML reads it as
// ModelHub.tokenCap.
inline constexpr int kTokenCap = 64;

// The learner's text as token ids (GPT-2 BPE), at most maxTokens (and the model's n_positions).
// An empty text falls back to a short example sentence. Throws al::Error without a tokenizer.
std::vector<int> tokenize(const al::Model& model, const std::string& utf8, int maxTokens);
// How a token is shown: its text with a leading space as "·" and line breaks as "⏎". A piece that
// is not whole UTF-8 (part of a character) or holds a control byte shows its bytes instead, as the
// lens's chips do: "‹E2 80›".
std::string tokenLabel(const al::Model& model, int id);
// Whether bytes are shown as their values (bytesLabel) rather than as text: not valid UTF-8, or a
// control byte other than a line break or a tab, which would draw as nothing or move the cursor.
bool showsAsBytes(std::string_view bytes);
// "‹E2 80›": the bytes in hex, for a piece that showsAsBytes.
std::string bytesLabel(std::string_view bytes);
// The layer index a parameter names: "last", "first", "middle", or a number (clamped).
int resolveLayer(const std::string& spec, int n_layer);

const char* defaultText();

} // namespace course

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
// A token's bytes as every figure writes them, a leading space left as it is: a line break as "⏎", a
// tab as "⇥", a piece made only of spaces as one "␣" each, and a piece of a multi-byte character as
// its bytes, "‹E2 80›" (then *partial is set), so that no figure shows a misleading glyph or nothing.
// A control byte other than a line break or a tab, which would draw as nothing, is shown as its byte
// too: "‹1B›" (showsAsBytes); a character that draws as nothing or as a plain space (a zero-width
// space, a direction mark, a no-break space) as its code point, "‹U+200B›".
std::string tokenText(const std::string& bytes, bool* partial = nullptr);
// Whether tokenText shows bytes as their values: not valid UTF-8, or a control byte other than a
// line break or a tab.
bool showsAsBytes(std::string_view bytes);
// How a token is labelled where no gap between chips shows its leading space (the matrices, grids
// and charts): "·" for that space, then tokenText of the rest. One rule for every label.
std::string tokenLabel(const al::Model& model, int id);
// The layer index a parameter names: "last", "first", "middle", or a number (clamped).
int resolveLayer(const std::string& spec, int n_layer);

const char* defaultText();

} // namespace course

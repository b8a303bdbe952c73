// The pairs Station 3 patches: its worked pairs, and a clean/corrupted pair made from any text, for
// patching on the learner's own text.
//
// On the learner's text, one token is replaced by a short common word that carries little of the
// text's meaning. The candidates for the replaced token are the latest four tokens that repeat an
// earlier token (as the repeated name in the indirect-object sentences, Wang et al. 2022), the
// third-last one, and the ones three quarters, half and a quarter of the way in; each is tried with
// each of kReplacementWords (that differs from it), and the pair chosen is the one whose
// replacement moves the measure most. Where none of these moves it by kMinPatchGap (on a byte-level
// model a replaced letter often changes little far from the end), every other position is tried
// as well. The token just before the last is not replaced while anything else will do: the last
// position reads it in one attention step, so on nearly every text of a trained GPT-2 a single head
// would bring back nearly all of the drop, and the question about the best head would have one
// answer. Only where no other position moves the measure and the first worked pair has no gap either
// (a byte-level model trained briefly reads mostly its last two tokens) is it tried, last. The measure
// compares the clean run's top token with the corrupted run's top token (the clean run's runner-up
// where both runs agree), as the command line's `patch` does, so that it is defined on every text.
// All candidates run as one batch (al::substitution_logits), each from its replaced token on.
#pragma once
#include <atomic>
#include <memory>
#include <vector>

#include "attention_lens/model.h"
#include "attention_lens/patching.h"

namespace course {

// The first tokens of the learner's text that the station patches: a grid of every head on 32
// tokens takes about as long as a learner waits for a figure, at GPT-2 small's shapes.
constexpr int kPatchTokens = 32;

// Below this gap between the clean and corrupted logit differences (in nats), every restored share
// is mostly noise divided by a small number: the text is not patched but refused, with the reason.
constexpr float kMinPatchGap = 1.0f;

// The words tried as the replacement, in this order (the first one tried wins a tie).
constexpr const char* kReplacementWords[] = {" the", " a", " and", " it"};

// A worked pair: two texts of the same token length and the two words whose logits the measure
// compares (texts stay English: the model reads them; the title is translated in context
// "PatchingLab").
struct PresetPair {
    const char* title;
    const char* clean;
    const char* corrupted;
    const char* answer;
    const char* wrong;
};
// [0]: the indirect object swapped (Wang et al. 2022): the repeated name changes, so the name the
// sentence should end with flips (its `wrong` is the name the clean text says twice, its `answer`
// the one it says once; Station 3's card says so). [1]: a coreference pair: the pronouns change, and with them who
// was thanked.
extern const PresetPair kPresetPairs[2];
constexpr int kPresetCount = 2;

struct TextPair {
    std::vector<int> clean, corrupted;
    int changed = -1; // the replaced position; -1 when the text is too short (fewer than 3 tokens)
};

// One replacement measured: its position, the word's token and the gap it gives.
struct PatchCandidate {
    int position = -1, token = -1;
    float gap = 0;
};

struct TextPatching {
    TextPair pair;
    al::Patching patching;              // both runs of the pair and its measure
    std::vector<PatchCandidate> tried;  // every replacement measured, in the order tried
    float gap() const { return patching.ld_clean - patching.ld_corrupted; }
};

// Throws al::Error for a text of fewer than 3 tokens. The caller checks gap() >= kMinPatchGap.
TextPatching patchText(const std::shared_ptr<const al::Model>& model, const std::vector<int>& ids,
                       const std::atomic<bool>* cancel = nullptr);

// The patching of two texts of the same token length, measured on the pair's words where this model
// reads each as one token and they differ, else on each run's top token. Throws al::Error as
// al::patching_prepare does (texts of different lengths among them).
al::Patching patchPair(const std::shared_ptr<const al::Model>& model, std::vector<int> clean,
                       std::vector<int> corrupted, const char* answerWord, const char* wrongWord,
                       const std::atomic<bool>* cancel = nullptr);

// A worked pair as given, tokenized by the model (which must have a tokenizer).
al::Patching patchPreset(const std::shared_ptr<const al::Model>& model, const PresetPair& pair,
                         const std::atomic<bool>* cancel = nullptr);

} // namespace course

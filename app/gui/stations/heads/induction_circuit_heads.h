// Which two heads Station 3's induction circuit shows on a text: the learner's passage written
// twice, the head with the highest induction score there (any layer but the first) and the
// strongest previous-token head of an earlier layer. The circuit lab shows them. Station 6's
// question on one head across texts may ask about the same induction head, but on another sequence
// (up to twice as many of the learner's tokens, and no BOS in front), so the panel's score is not
// its answer.
#pragma once
#include <atomic>
#include <vector>

#include "attention_lens/forward.h"
#include "attention_lens/model.h"

namespace course {

struct InductionCircuitHeads {
    std::vector<int> ids;           // [BOS] + passage + passage (BOS only where the model has one)
    int passage = 0;                // tokens in one copy
    int prevLayer = -1, prevHead = -1;
    double prevScore = 0;           // previous-token score on this sequence (first token left out)
    int indLayer = -1, indHead = -1;
    double indScore = 0;            // induction score on this sequence (first token kept)

    static constexpr int kMaxPassage = 24; // tokens of the learner's text in each copy
};

// `passage`: the learner's text as ids (the first kMaxPassage are used). `forward`, when given,
// receives the forward pass over `ids`. Throws al::Error when the model has a single layer or the
// passage has fewer than 4 tokens; al::Cancelled when asked to stop.
InductionCircuitHeads findInductionCircuitHeads(const al::Model& model, al::Runner& runner, std::vector<int> passage,
                                                const std::atomic<bool>* cancel = nullptr,
                                                al::ForwardResult* forward = nullptr);

} // namespace course

#include "induction_circuit_heads.h"

#include "attention_lens/census.h"
#include "attention_lens/error.h"

namespace course {

InductionCircuitHeads findInductionCircuitHeads(const al::Model& model, al::Runner& runner, std::vector<int> passage,
                                                const std::atomic<bool>* cancel, al::ForwardResult* forward) {
    const al::Config& cfg = model.config();
    const int L = cfg.n_layer, H = cfg.n_head;
    if (L < 2) throw al::Error("an induction circuit needs at least two layers; this model has one");
    if (passage.size() > size_t(InductionCircuitHeads::kMaxPassage)) passage.resize(InductionCircuitHeads::kMaxPassage);
    if (passage.size() < 4) throw al::Error("the passage needs at least 4 tokens");
    InductionCircuitHeads c;
    c.passage = int(passage.size());
    if (cfg.bos_token_id >= 0 && cfg.bos_token_id < cfg.vocab_size) c.ids.push_back(cfg.bos_token_id);
    c.ids.insert(c.ids.end(), passage.begin(), passage.end());
    c.ids.insert(c.ids.end(), passage.begin(), passage.end());

    al::ForwardOptions plain;
    plain.keep_scores = false;
    plain.cancel = cancel;
    al::ForwardResult r = runner.forward_full(c.ids, plain);
    // The induction head: the highest induction score in any layer but the first.
    c.indScore = -1;
    for (int l = 1; l < L; ++l)
        for (int h = 0; h < H; ++h) {
            const double s = al::census::induction(r.attention.dense(l, h), c.ids, false);
            if (s > c.indScore) { c.indScore = s; c.indLayer = l; c.indHead = h; }
        }
    // The previous-token head: the highest previous-token score in an earlier layer.
    const al::census::RankedHead prev = al::census::previous_token_head(r, int(c.ids.size()), true, c.indLayer);
    c.prevScore = prev.head.layer >= 0 ? prev.score : -1;
    c.prevLayer = prev.head.layer;
    c.prevHead = prev.head.head;
    if (forward) *forward = std::move(r);
    return c;
}

} // namespace course

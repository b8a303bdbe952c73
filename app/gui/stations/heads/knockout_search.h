// Station 3's guided knock-out search, computed on the loaded model and the learner's text.
//
// Every head is knocked out (zero-ablated) singly, and the effect is read in an additive quantity:
// the change in the logit of the token the intact model ranks first (KL is kept too, but KL is
// not additive, so two independent heads can move it "more than the sum"). Then:
//  - pairs: every pair among the heads with the largest single effects, in any layers, is knocked
//    out together, and the pair whose joint effect differs most from the sum of its parts is kept
//    (heads whose contributions overlap, or that interact through later layers);
//  - backup: with the strongest head knocked out, the direct effect on the top token's logit of
//    every head in a later layer (direct logit attribution, ln_f's scale frozen at the intact run's
//    in both, so a rise is not a rescaling) is compared with its value in the intact run. A later head whose direct effect rises is taking over part of
//    the job: a backup head in the sense of Wang et al. 2022 (arXiv:2211.00593).
// All variants run through al::VariantRunner (restart at the first changed layer, batched).
#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "attention_lens/model.h"

namespace course {

struct KnockoutSearch {
    int layers = 0, heads = 0;
    int topToken = -1;                // the intact model's most likely next token
    double topLogit = 0;              // its logit
    std::vector<double> dLogit;       // [L*H] knocked-out logit of topToken minus intact
    std::vector<double> kl;           // [L*H] KL(intact || knocked out), nats
    int strongest = -1;               // the head whose removal lowers topToken's logit most

    // The pair among the `candidates` strongest heads whose joint effect is furthest from the sum.
    int candidates = 0;               // heads the pair search took (by |dLogit|)
    int pairsTried = 0;
    int pairA = -1, pairB = -1;       // A in an earlier or the same layer as B
    double pairDA = 0, pairDB = 0, pairDBoth = 0; // dLogit of A alone, B alone, both

    // Later-layer heads' direct effects on topToken with `strongest` knocked out.
    int laterHeadsChecked = 0;
    int backup = -1;                  // the later head whose direct effect rose most; -1 if none rose
    double backupDirectIntact = 0, backupDirectKnocked = 0;
    bool backupFound() const;         // it rose by at least a tenth of the strongest head's effect

    static constexpr int kPairCandidates = 8;
};

// Throws al::Error for a text the model cannot run and al::Cancelled when `cancel` is raised.
// progress(fraction) is called as the search advances (0..1).
// The last few searches are remembered per model object and token ids (Station 3's lab and its
// exercise ask about the same text); clearKnockoutSearches() forgets them (benchmarks, tests).
void clearKnockoutSearches();

KnockoutSearch runKnockoutSearch(const std::shared_ptr<const al::Model>& model, const std::vector<int>& ids,
                                 const std::atomic<bool>* cancel = nullptr,
                                 const std::function<void(double)>& progress = {});

} // namespace course

#include "knockout_search.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <mutex>
#include <numeric>

#include "attention_lens/forward.h"
#include "attention_lens/variants.h"
#include "course_math.h"

namespace course {

bool KnockoutSearch::backupFound() const {
    if (backup < 0 || strongest < 0) return false;
    const double rise = backupDirectKnocked - backupDirectIntact;
    return rise > 0 && rise >= 0.1 * std::abs(dLogit[strongest]);
}

namespace {

// The last few searches, so that Station 3's lab and its exercise answers (both asking which head
// matters most for the same text) share one search. Keyed by the model object and the token ids.
struct CacheEntry {
    std::weak_ptr<const al::Model> model;
    std::vector<int> ids;
    KnockoutSearch result;
};
std::mutex cacheMutex;
std::deque<CacheEntry> cache;
constexpr size_t kCacheEntries = 4;

KnockoutSearch computeKnockoutSearch(const std::shared_ptr<const al::Model>& model, const std::vector<int>& ids,
                                     const std::atomic<bool>* cancel, const std::function<void(double)>& progress);

} // namespace

void clearKnockoutSearches() {
    std::lock_guard<std::mutex> lock(cacheMutex);
    cache.clear();
}

KnockoutSearch runKnockoutSearch(const std::shared_ptr<const al::Model>& model, const std::vector<int>& ids,
                                 const std::atomic<bool>* cancel, const std::function<void(double)>& progress) {
    {
        std::lock_guard<std::mutex> lock(cacheMutex);
        for (const CacheEntry& e : cache)
            if (e.model.lock() == model && e.ids == ids) {
                if (progress) progress(1.0);
                return e.result;
            }
    }
    KnockoutSearch s = computeKnockoutSearch(model, ids, cancel, progress);
    std::lock_guard<std::mutex> lock(cacheMutex);
    cache.push_front({model, ids, s});
    while (cache.size() > kCacheEntries) cache.pop_back();
    return s;
}

namespace {

KnockoutSearch computeKnockoutSearch(const std::shared_ptr<const al::Model>& model, const std::vector<int>& ids,
                                     const std::atomic<bool>* cancel, const std::function<void(double)>& progress) {
    const int L = model->config().n_layer, H = model->config().n_head, C = model->config().n_embd;
    KnockoutSearch s;
    s.layers = L;
    s.heads = H;
    // Weights of the three phases in the progress bar: singles, pairs, backup run.
    const int nSingles = L * H;
    const int nPairs = std::min(KnockoutSearch::kPairCandidates, nSingles) * (std::min(KnockoutSearch::kPairCandidates, nSingles) - 1) / 2;
    const double total = nSingles + nPairs + 1;
    auto report = [&](double done) { if (progress) progress(std::clamp(done / total, 0.0, 1.0)); };

    // Singles and pairs need only each variant's logits: a runner that kept every head's output
    // would hold L x H x C floats per variant, (L x H)^2 x C in all (9 GB for GPT-2 XL's 1,200 heads).
    // The backup check below has its own runner for the two runs whose head outputs it reads.
    al::VariantRunner runner(model, ids, cancel);
    const std::vector<float>& clean = runner.clean().logits_last;
    const std::vector<double> base = softmax(clean);
    s.topToken = argmax(clean);
    s.topLogit = clean[s.topToken];

    std::vector<al::ForwardOptions> singles(nSingles);
    for (int i = 0; i < nSingles; ++i) singles[i].zero_ablate = {{i / H, i % H}};
    const std::vector<al::VariantResult> single =
        runner.run(singles, [&](int done, int) { report(done); });
    s.dLogit.resize(nSingles);
    s.kl.resize(nSingles);
    for (int i = 0; i < nSingles; ++i) {
        s.dLogit[i] = double(single[i].logits_last[s.topToken]) - s.topLogit;
        s.kl[i] = kl(base, softmax(single[i].logits_last));
    }
    s.strongest = int(std::min_element(s.dLogit.begin(), s.dLogit.end()) - s.dLogit.begin());

    // Pairs among the strongest single effects (by size, either sign).
    std::vector<int> order(nSingles);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return std::abs(s.dLogit[a]) > std::abs(s.dLogit[b]); });
    s.candidates = std::min(KnockoutSearch::kPairCandidates, nSingles);
    std::vector<std::pair<int, int>> pairs;
    std::vector<al::ForwardOptions> pairOpts;
    for (int x = 0; x < s.candidates; ++x)
        for (int y = x + 1; y < s.candidates; ++y) {
            const int a = std::min(order[x], order[y]), b = std::max(order[x], order[y]);
            pairs.push_back({a, b});
            al::ForwardOptions o;
            o.zero_ablate = {{a / H, a % H}, {b / H, b % H}};
            pairOpts.push_back(o);
        }
    const std::vector<al::VariantResult> both =
        runner.run(pairOpts, [&](int done, int) { report(nSingles + done); });
    s.pairsTried = int(pairs.size());
    double bestGap = -1;
    for (size_t p = 0; p < pairs.size(); ++p) {
        const auto [a, b] = pairs[p];
        const double dBoth = double(both[p].logits_last[s.topToken]) - s.topLogit;
        const double gap = std::abs(dBoth - s.dLogit[a] - s.dLogit[b]);
        if (gap > bestGap) {
            bestGap = gap;
            s.pairA = a;
            s.pairB = b;
            s.pairDA = s.dLogit[a];
            s.pairDB = s.dLogit[b];
            s.pairDBoth = dBoth;
        }
    }

    // Backup: later heads' direct effects on the top token with the strongest head off. Both are read
    // through the intact run's final LayerNorm scale, so that a rise is what the later head writes,
    // not the knock-out rescaling the whole residual stream.
    al::ForwardOptions off;
    off.zero_ablate = {{s.strongest / H, s.strongest % H}};
    const al::VariantRunner withHeads(model, ids, cancel, /*keep_head_outputs=*/true);
    const al::VariantResult knocked = withHeads.run({off}).at(0);
    report(total);
    double bestRise = 0;
    for (int l = s.strongest / H + 1; l < L; ++l)
        for (int h = 0; h < H; ++h) {
            const size_t at = (size_t(l) * H + h) * C;
            const double intact = al::direct_logit(*model, withHeads.clean().head_out_last.data() + at,
                                                   withHeads.clean().resid_last.data(), s.topToken);
            const double after = al::direct_logit(*model, knocked.head_out_last.data() + at,
                                                  withHeads.clean().resid_last.data(), s.topToken);
            ++s.laterHeadsChecked;
            if (after - intact > bestRise) {
                bestRise = after - intact;
                s.backup = l * H + h;
                s.backupDirectIntact = intact;
                s.backupDirectKnocked = after;
            }
        }
    return s;
}

} // namespace
} // namespace course

#include "patching_pair.h"

#include <algorithm>

#include "attention_lens/error.h"

namespace course {

namespace {

// The positions whose replacement is tried (see the header): the latest few repeats, and the
// middle. A few only: each costs a run of both texts.
std::vector<int> candidates(const std::vector<int>& ids) {
    const int T = int(ids.size());
    std::vector<int> out;
    for (int i = T - 2; i >= 1 && out.size() < 4; --i)
        if (std::find(ids.begin(), ids.begin() + i, ids[i]) != ids.begin() + i) out.push_back(i);
    const int middle = (T - 1) / 2;
    if (std::find(out.begin(), out.end(), middle) == out.end()) out.push_back(middle);
    return out;
}

TextPair replaced(const al::Model& model, const std::vector<int>& ids, int k) {
    TextPair p{ids, ids, k};
    const std::vector<int> the = model.tokenizer()->encode(" the"), a = model.tokenizer()->encode(" a");
    int with = the.empty() ? 0 : the.front();
    if (with == ids[size_t(k)]) with = a.empty() ? 1 : a.front();
    if (with == ids[size_t(k)]) with = (with + 1) % model.config().vocab_size;
    p.corrupted[size_t(k)] = with;
    return p;
}

int argmax(const std::vector<float>& v, int skip = -1) {
    int best = skip == 0 ? 1 : 0;
    for (int i = 0; i < int(v.size()); ++i)
        if (i != skip && v[size_t(i)] > v[size_t(best)]) best = i;
    return best;
}

} // namespace

TextPatching patchText(const std::shared_ptr<const al::Model>& model, const std::vector<int>& ids,
                       const std::atomic<bool>* cancel) {
    if (ids.size() < 3 || !model->tokenizer()) throw al::Error("patching needs a text of at least 3 tokens");
    TextPatching best;
    bool any = false;
    for (int k : candidates(ids)) {
        TextPatching t;
        t.pair = replaced(*model, ids, k);
        t.patching = al::patching_prepare(model, t.pair.clean, t.pair.corrupted, 0, 0, cancel);
        al::Patching& p = t.patching;
        const std::vector<float>& c = p.clean.logits;
        const std::vector<float>& r = p.corrupted.logits;
        p.answer = argmax(c);
        p.wrong = argmax(r);
        if (p.wrong == p.answer) p.wrong = argmax(c, p.answer);
        // As patching_prepare measures: the last position's logits, answer minus wrong.
        p.ld_clean = c[size_t(p.answer)] - c[size_t(p.wrong)];
        p.ld_corrupted = r[size_t(p.answer)] - r[size_t(p.wrong)];
        if (!any || t.gap() > best.gap()) best = std::move(t);
        any = true;
    }
    return best;
}

} // namespace course

#include "patching_pair.h"

#include <algorithm>

#include "attention_lens/error.h"

namespace course {

TextPair pairFromText(const al::Model& model, const std::vector<int>& ids) {
    TextPair p;
    p.clean = ids;
    p.corrupted = ids;
    const int T = int(ids.size());
    if (T < 3 || !model.tokenizer()) return p;
    int k = -1;
    for (int i = T - 2; i >= 1 && k < 0; --i)
        if (std::find(ids.begin(), ids.begin() + i, ids[i]) != ids.begin() + i) k = i;
    if (k < 0) k = (T - 1) / 2;
    const std::vector<int> the = model.tokenizer()->encode(" the"), a = model.tokenizer()->encode(" a");
    int with = the.empty() ? 0 : the.front();
    if (with == ids[k]) with = a.empty() ? 1 : a.front();
    if (with == ids[k]) with = (with + 1) % model.config().vocab_size;
    p.corrupted[k] = with;
    p.changed = k;
    return p;
}

al::Patching patchPair(const std::shared_ptr<const al::Model>& model, const TextPair& pair, const std::atomic<bool>* cancel) {
    if (pair.changed < 0) throw al::Error("patching needs a text of at least 3 tokens");
    al::Patching first = al::patching_prepare(model, pair.clean, pair.corrupted, 0, 0, cancel);
    const std::vector<float>& c = first.clean.logits;
    const std::vector<float>& k = first.corrupted.logits;
    const int answer = int(std::max_element(c.begin(), c.end()) - c.begin());
    int wrong = answer == 0 ? 1 : 0;
    for (size_t v = 0; v < c.size(); ++v)
        if (int(v) != answer && k[v] - c[v] > k[size_t(wrong)] - c[size_t(wrong)]) wrong = int(v);
    return al::patching_prepare(model, pair.clean, pair.corrupted, answer, wrong, cancel);
}

} // namespace course

#include "attention_lens/generation.h"

#include <algorithm>
#include <string>

#include "attention_lens/error.h"

namespace al {

const float* GenerationStep::row(int layer, int head) const {
    if (layer < 0 || layer >= n_layer || head < 0 || head >= n_head)
        throw Error("no head L" + std::to_string(layer) + "H" + std::to_string(head) + " in this model");
    return attention.data() + (static_cast<size_t>(layer) * n_head + head) * (position + 1);
}

Generation::Generation(std::shared_ptr<const Model> model) : runner_(std::move(model)) {}

// The same outputs on every call, so the Runner continues its cache instead of starting over
// (its prefix reuse needs equal options and no interventions); scores are not needed here.
ForwardOptions Generation::options(const std::atomic<bool>* cancel) const {
    ForwardOptions o;
    o.keep_scores = false;
    o.cancel = cancel;
    return o;
}

ForwardResult Generation::begin(const std::vector<int>& prompt, const std::atomic<bool>* cancel) {
    ids_.clear();
    prompt_length_ = 0;
    if (prompt.empty()) throw Error("the text to continue has no tokens");
    ForwardResult r = runner_.forward(prompt, options(cancel));
    ids_ = prompt;
    prompt_length_ = static_cast<int>(prompt.size());
    return r;
}

GenerationStep Generation::step(int token, const std::atomic<bool>* cancel) {
    if (ids_.empty()) throw Error("a generation step needs a text first (begin)");
    const Config& cfg = runner_.model().config();
    if (static_cast<int>(ids_.size()) >= cfg.n_positions)
        throw Error("the model reads at most " + std::to_string(cfg.n_positions) + " tokens; no room to write another");
    if (token < 0 || token >= cfg.vocab_size)
        throw Error("token id " + std::to_string(token) + " is outside the vocabulary (0.." +
                    std::to_string(cfg.vocab_size - 1) + ")");
    std::vector<int> next = ids_;
    next.push_back(token);
    ForwardResult r;
    try {
        r = runner_.forward(next, options(cancel));
    } catch (const Cancelled&) {
        ids_.clear(); // the Runner forgot its cache: a later step would silently recompute
        throw;
    }
    ids_ = std::move(next);
    GenerationStep s;
    s.position = r.tokens - 1;
    s.token = token;
    s.n_layer = r.n_layer;
    s.n_head = r.n_head;
    s.reused = r.reused_prefix;
    const size_t n = static_cast<size_t>(s.position) + 1;
    const AttentionStore& att = r.attention; // const: the non-const row() would copy the shared store
    s.attention.resize(static_cast<size_t>(s.n_layer) * s.n_head * n);
    for (int l = 0; l < s.n_layer; l++)
        for (int h = 0; h < s.n_head; h++) {
            const float* src = att.row(l, h, s.position);
            std::copy(src, src + n, s.attention.begin() + (static_cast<size_t>(l) * s.n_head + h) * n);
        }
    s.logits = std::move(r.logits_last);
    return s;
}

} // namespace al

#include "seeded_writing.h"

#include <algorithm>
#include <string>

#include "attention_lens/error.h"

namespace course {

std::vector<int> promptWithRoom(const al::Model& model, const std::vector<int>& prompt, int count) {
    const int room = model.config().n_positions - count;
    if (room < 1)
        throw al::Error("the model reads at most " + std::to_string(model.config().n_positions) + " tokens: no room to write " +
                        std::to_string(count) + " after a text");
    return std::vector<int>(prompt.begin(), prompt.begin() + std::min<ptrdiff_t>(ptrdiff_t(prompt.size()), room));
}

void writeSeeded(al::Generation& gen, const std::vector<int>& prompt, const al::SamplingOptions& options, int count,
                 const std::atomic<bool>* cancel, const std::function<void(const al::ForwardResult&)>& onPrompt,
                 const std::function<void(const al::GenerationStep&)>& onStep) {
    const al::ForwardResult first = gen.begin(promptWithRoom(gen.model(), prompt, count), cancel);
    if (onPrompt) onPrompt(first);
    al::Sampler sampler(options.seed);
    std::vector<float> logits = first.logits_last;
    for (int n = 0; n < count; ++n) {
        al::GenerationStep step = gen.step(sampler.sample(logits, options), cancel);
        if (onStep) onStep(step);
        logits = std::move(step.logits);
    }
}

WrittenShare writtenShareOf(const al::GenerationStep& step, int typed) {
    WrittenShare out;
    out.seen = step.position + 1;
    out.typed = std::clamp(typed, 0, out.seen);
    out.written = out.seen - out.typed;
    const int heads = step.n_layer * step.n_head;
    if (heads == 0) return out;
    for (int l = 0; l < step.n_layer; ++l)
        for (int h = 0; h < step.n_head; ++h) {
            const float* row = step.row(l, h);
            for (int j = out.typed; j < out.seen; ++j) out.share += row[j];
        }
    out.share /= heads;
    return out;
}

} // namespace course

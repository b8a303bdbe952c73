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

} // namespace course

// `logits`: the last position's logits [V], or with --top K the K most likely next tokens with
// their probabilities after --temperature (0 = greedy: all probability on the argmax).
#include <algorithm>
#include <numeric>

#include "attention_lens/forward.h"
#include "attention_lens/sampling.h"
#include "commands.h"

namespace cli {

int cmd_logits(const Args& args) {
    const Options o(args, {"--model", "--text", "--ids", "--top", "--temperature"});
    if (o.has("--temperature") && !o.has("--top"))
        throw UsageError("--temperature changes the probabilities of --top K; give --top too");
    const auto m = load_model(o);
    const int V = m->config().vocab_size;
    const int top = int(o.integer("--top", 0, 1, V));
    const double given = o.number("--temperature", 1.0, 0.0, 1e6);
    const float temperature = float(given);
    // The sampler works in float: a positive temperature below float's smallest would silently
    // become 0 (greedy) while the output said otherwise.
    if (given > 0 && temperature == 0.0f)
        throw UsageError("--temperature " + o.value("--temperature") +
                         " is too small to tell from 0 (the smallest is about 1.4e-45); give 0 for greedy");
    const std::vector<int> ids = input_ids(o, *m);

    al::Runner runner(m);
    al::ForwardOptions fo;
    fo.keep_scores = false;
    const al::ForwardResult r = runner.forward_full(ids, fo);
    if (!o.has("--top")) {
        print_json({{"ids", ids}, {"logits_last", compact_array(r.logits_last.data(), r.logits_last.size())}});
        return 0;
    }
    al::SamplingOptions so;
    so.temperature = temperature;
    const std::vector<float> p = al::sampling_distribution(r.logits_last, so);
    std::vector<int> order(p.size());
    std::iota(order.begin(), order.end(), 0);
    // Equal probabilities (every token but the argmax at temperature 0, or a probability too small
    // for float) are ordered by the model's logits, so the runner-ups are its real next choices.
    const std::vector<float>& logits = r.logits_last;
    std::partial_sort(order.begin(), order.begin() + top, order.end(), [&](int a, int b) {
        if (p[size_t(a)] != p[size_t(b)]) return p[size_t(a)] > p[size_t(b)];
        if (logits[size_t(a)] != logits[size_t(b)]) return logits[size_t(a)] > logits[size_t(b)];
        return a < b;
    });
    nlohmann::json list = nlohmann::json::array();
    for (int i = 0; i < top; ++i) {
        const int id = order[size_t(i)];
        list.push_back({{"id", id},
                        {"text", m->tokenizer() ? token_text(*m->tokenizer(), id) : std::string()},
                        {"prob", compact(p[size_t(id)])}});
    }
    print_json({{"ids", ids}, {"temperature", compact(temperature)}, {"top", list}});
    return 0;
}

} // namespace cli

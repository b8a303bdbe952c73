// `bench`: times one full forward pass (Runner::forward_full, no prefix reuse) that keeps every
// layer's and head's attention pattern and scores, on T synthetic token ids.
//
// gflops counts the matrix multiplies of that forward: per layer QKV 6TC^2, causal scores and
// weighted sum T(T+1)C each, output projection 2TC^2, MLP 4TC*n_inner; plus 2CV for the last
// position's logits. LayerNorm, GELU and softmax are left out (a few percent).
#include <algorithm>
#include <chrono>

#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "commands.h"

namespace cli {

int cmd_bench(const Args& args) {
    const Options o(args, {"--model", "--tokens", "--repeat"});
    if (!o.has("--tokens")) throw UsageError("bench needs --tokens T");
    const auto m = load_model(o);
    const auto& c = m->config();
    const int T = int(o.integer("--tokens", 0, 1, c.n_positions));
    const int repeat = int(o.integer("--repeat", 5, 1, 1000));

    std::vector<int> ids(static_cast<size_t>(T));
    for (int i = 0; i < T; ++i) ids[size_t(i)] = int((int64_t(i) * 7919 + 13) % c.vocab_size);

    al::Runner runner(m);
    al::ForwardOptions fo; // keep_scores on: every pattern and its scores are kept
    runner.forward_full(ids, fo); // warm-up: first touches of the weights and buffers
    std::vector<double> ms;
    for (int i = 0; i < repeat; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        const al::ForwardResult r = runner.forward_full(ids, fo);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        if (r.attention.empty()) throw al::Error("the forward pass kept no attention");
    }
    std::sort(ms.begin(), ms.end());
    const double median = ms.size() % 2 ? ms[ms.size() / 2] : 0.5 * (ms[ms.size() / 2 - 1] + ms[ms.size() / 2]);
    const double Td = T, C = c.n_embd, I = c.n_inner, V = c.vocab_size;
    const double per_layer = 6 * Td * C * C + 2 * Td * (Td + 1) * C + 2 * Td * C * C + 4 * Td * C * I;
    const double flops = c.n_layer * per_layer + 2 * C * V;
    print_json({{"model", m->dir().empty() ? o.value("--model") : m->dir()},
                {"tokens", T},
                {"repeat", repeat},
                {"median_ms", compact(float(median))},
                {"min_ms", compact(float(ms.front()))},
                {"gflops", compact(float(flops / (median * 1e-3) / 1e9))}});
    return 0;
}

} // namespace cli

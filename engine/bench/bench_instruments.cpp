// The instruments that read a finished forward pass, timed against that forward pass itself on
// random GPT-2-small weights at the course's token cap: the ratio instrument / forward says what
// each adds to a figure's update. Instruments: one score taken apart by the residual stream's
// parts in the last layer (score_parts.h), one head's value-weighted pattern (value_weighted.h),
// and the logit lens at the last position (logit_lens.h).
//
// Usage: al-bench-instruments [--tokens T] [--repeat N]
#include "attention_lens/forward.h"
#include "attention_lens/logit_lens.h"
#include "attention_lens/model.h"
#include "attention_lens/score_parts.h"
#include "attention_lens/threads.h"
#include "attention_lens/value_weighted.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <vector>

using Clock = std::chrono::steady_clock;

namespace {

double median_ms(int repeat, const std::function<void()>& f) {
    std::vector<double> v;
    for (int i = 0; i < repeat; ++i) {
        const auto t0 = Clock::now();
        f();
        v.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    int T = 64, repeat = 5;
    for (int i = 1; i + 1 < argc; i++) {
        if (!std::strcmp(argv[i], "--tokens")) T = std::max(2, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--repeat")) repeat = std::max(1, std::atoi(argv[++i]));
    }
    al::configure_threads();
    const al::Config cfg = al::Model::gpt2_small_config();
    T = std::min(T, cfg.n_positions);
    std::printf("al-bench-instruments: random GPT-2 small (%d layers x %d heads, d %d), T = %d, median of %d\n",
                cfg.n_layer, cfg.n_head, cfg.n_embd, T, repeat);
    const std::shared_ptr<const al::Model> model = al::Model::random(cfg, 1234);
    std::vector<int> ids(static_cast<size_t>(T));
    for (int i = 0; i < T; i++) ids[size_t(i)] = int((int64_t(i) * 7919 + 13) % cfg.vocab_size);

    al::Runner runner(model);
    al::ForwardOptions o;
    o.keep_hidden = true;
    o.keep_qkv = true;
    al::ForwardResult r;
    const double forward = median_ms(repeat, [&] { r = runner.forward_full(ids, o); });
    const int L = cfg.n_layer - 1;
    double sink = 0;
    const double parts = median_ms(repeat, [&] { sink += al::decompose_score(*model, r, L, 5, T - 1, T / 2).sum; });
    const double weighted = median_ms(repeat, [&] { sink += al::value_weighted_attention(*model, r, L, 5)[0]; });
    const double lens = median_ms(repeat, [&] { sink += al::logit_lens(*model, r, T - 1, 5).rows.back().probs[0]; });
    std::printf("  forward (hidden states and q, k, v kept)  %8.2f ms  (the peer)\n", forward);
    std::printf("  score parts, one cell of layer %d          %8.2f ms  %.2fx the forward\n", L, parts, parts / forward);
    std::printf("  value-weighted pattern, one head          %8.2f ms  %.2fx the forward\n", weighted, weighted / forward);
    std::printf("  logit lens, last position                 %8.2f ms  %.2fx the forward\n", lens, lens / forward);
    return sink == 12345.678 ? 1 : 0; // keeps the work from being optimised away
}

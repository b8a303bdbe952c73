// What-if sweep benchmark on random GPT-2-small weights: every one of the 144 heads knocked out in
// turn (the knock-out search's first phase) and every head's pattern made uniform (the pattern-swap
// lab), each timed two ways in the same run on the same text:
//   plain    : one Runner::forward_full per variant (the whole forward from token 0, layer 0);
//   variants : al::VariantRunner (restart at the changed layer, variants of a layer batched).
// The ratio plain / variants is the speed-up; the largest logit difference between the two paths
// is printed too (they must agree).
//
// Usage: al-bench-variants [--tokens T] [--repeat N]
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "attention_lens/threads.h"
#include "attention_lens/variants.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    int T = 14, repeat = 3;
    for (int i = 1; i + 1 < argc; i++) {
        if (!std::strcmp(argv[i], "--tokens")) T = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--repeat")) repeat = std::max(1, std::atoi(argv[++i]));
    }
    al::configure_threads();
    const al::Config cfg = al::Model::gpt2_small_config();
    std::printf("al-bench-variants: random GPT-2 small (%d layers x %d heads, d %d), T = %d, %d repeats\n",
                cfg.n_layer, cfg.n_head, cfg.n_embd, T, repeat);
    const std::shared_ptr<const al::Model> model = al::Model::random(cfg, 1234);
    std::vector<int> ids(static_cast<size_t>(T));
    for (int i = 0; i < T; i++) ids[size_t(i)] = int((int64_t(i) * 7919 + 13) % cfg.vocab_size);

    const int n = cfg.n_layer * cfg.n_head;
    struct Sweep { const char* name; std::vector<al::ForwardOptions> variants; };
    std::vector<Sweep> sweeps(2);
    sweeps[0].name = "knock out each head (zero)";
    sweeps[1].name = "uniform pattern in each head";
    for (int i = 0; i < n; i++) {
        al::ForwardOptions z;
        z.keep_scores = false;
        z.zero_ablate = {{i / cfg.n_head, i % cfg.n_head}};
        sweeps[0].variants.push_back(z);
        al::ForwardOptions u;
        u.keep_scores = false;
        u.replace_pattern.push_back({{i / cfg.n_head, i % cfg.n_head}, al::PatternKind::Uniform, 0, {}});
        sweeps[1].variants.push_back(u);
    }
    for (const Sweep& s : sweeps) {
        std::vector<double> plain, batched;
        double worst = 0;
        for (int r = 0; r < repeat; r++) {
            al::Runner runner(model);
            auto t0 = Clock::now();
            std::vector<std::vector<float>> a;
            for (const al::ForwardOptions& o : s.variants) a.push_back(runner.forward_full(ids, o).logits_last);
            plain.push_back(ms_since(t0));
            t0 = Clock::now();
            al::VariantRunner vr(model, ids);
            const std::vector<al::VariantResult> b = vr.run(s.variants);
            batched.push_back(ms_since(t0));
            for (size_t v = 0; v < a.size(); v++)
                for (size_t j = 0; j < a[v].size(); j++) worst = std::max(worst, double(std::fabs(a[v][j] - b[v].logits_last[j])));
        }
        std::printf("  %-30s %3d variants: plain %8.1f ms, variants %8.1f ms (medians), ratio %.1fx, max |logit diff| %.2g\n",
                    s.name, n, median(plain), median(batched), median(plain) / median(batched), worst);
    }
    return 0;
}

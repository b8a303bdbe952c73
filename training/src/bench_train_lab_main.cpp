// al-bench-train-lab: the training lab's default run, its one-layer control and (with --contrast)
// its short-span contrast, timed. Prints one line per run: wall-clock seconds, the CPU seconds
// this process spent on it (the figure to compare on a machine shared with other work), the
// phase-change window (phase_change.h) and whether it was a step, the best induction head and
// score (in the last record, and in any), and the best previous-token score in layer 0. Options
// override the lab's defaults (for trials):
//   al-bench-train-lab [--steps S] [--layers N] [--heads H] [--width C] [--batch B] [--lr X]
//                      [--length T] [--min-span K] [--max-span K] [--seed X] [--attn-only]
//                      [--tokens N] [--common N] [--common-share X] [--bigram X] [--skip-bigram X]
//                      [--threads N] [--no-control] [--contrast] [--trace]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>
#include <ctime>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "attention_lens/threads.h"
#include "flag_number.h"
#include "train_lab.h"

using al::train::LabSettings;
using al::train::TrainingLab;

// The loss of a model that knows only how common each token is (the entropy of the targets'
// frequencies, in nats, over 4,000 sequences): where the first stage of learning takes the loss.
static double unigram_loss(const al::train::SyntheticSpec& spec) {
    uint64_t rng = 12345;
    std::vector<int> x, y;
    std::vector<uint8_t> in_context;
    std::vector<double> count(al::train::kSyntheticVocab, 0.0);
    double total = 0;
    for (int i = 0; i < 250; i++) {
        al::train::synthetic_batch(spec, 16, rng, x, y, in_context);
        for (int t : y) count[t] += 1, total += 1;
    }
    double h = 0;
    for (double c : count)
        if (c > 0) h -= c / total * std::log(c / total);
    return h;
}

static void run(const LabSettings& settings, const char* name, bool trace) {
    TrainingLab lab(settings);
    const std::clock_t cpu_start = std::clock();
    while (!lab.finished())
        for (const auto& r : lab.step(settings.log_every)) {
            if (!trace) continue;
            float ind = 0, prev0 = 0;
            for (const auto& h : r.heads) {
                if (h.induction > ind) ind = h.induction;
                if (h.layer == 0 && h.previous_token > prev0) prev0 = h.previous_token;
            }
            std::printf("  %s step %5d  loss %.3f  in-context %.3f  other %.3f  induction %.2f  prev0 %.2f  %.1f s\n", name,
                        r.step, r.loss, r.in_context_loss, r.other_loss, ind, prev0, r.ms / 1000.0);
            std::fflush(stdout);
        }
    const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    const auto ind = lab.best_induction();
    const auto prev = lab.best_previous_token(0);
    float ever = 0;
    for (const auto& r : lab.records())
        for (const auto& h : r.heads) ever = std::max(ever, h.induction);
    const al::train::PhaseChange p = lab.phase_change();
    std::printf("%-8s layers %d  spans %d-%d  seconds %.1f  cpu_seconds %.1f  phase_change %s steps %d-%d "
                "(gap +%.2f of %.2f nats)  best_induction L%dH%d %.3f (any record %.3f)  "
                "best_layer0_previous_token L0H%d %.3f  final loss %.3f in-context %.3f other %.3f\n",
                name, settings.n_layer, settings.data.min_span, settings.data.max_span, lab.records().back().ms / 1000.0,
                cpu, p.step ? "step" : "smooth", p.from_step, p.to_step, p.rise, p.opening, ind.layer, ind.head,
                ind.induction, ever, prev.head, prev.previous_token, lab.records().back().loss,
                lab.records().back().in_context_loss, lab.records().back().other_loss);
    std::fflush(stdout);
}

int main(int argc, char** argv) {
    LabSettings s;
    bool control = true, contrast = false, trace = false;
    int threads = 1;
    try {
        for (int i = 1; i < argc; i++) {
            const std::string a = argv[i];
            auto next = [&]() -> std::string {
                if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
                return argv[++i];
            };
            auto set = [&](auto& field) { field = al::train::flag_number<std::remove_reference_t<decltype(field)>>(a, next()); };
            if (a == "--steps") set(s.steps);
            else if (a == "--layers") set(s.n_layer);
            else if (a == "--heads") set(s.n_head);
            else if (a == "--width") set(s.n_embd);
            else if (a == "--batch") set(s.batch);
            else if (a == "--lr") set(s.learning_rate);
            else if (a == "--length") set(s.data.length);
            else if (a == "--min-span") set(s.data.min_span);
            else if (a == "--max-span") set(s.data.max_span);
            else if (a == "--seed") set(s.seed);
            else if (a == "--qk-init-std") set(s.qk_init_std);
            else if (a == "--wpe-sinusoid-std") set(s.wpe_sinusoid_std);
            else if (a == "--tokens") set(s.data.tokens);
            else if (a == "--common") set(s.data.common);
            else if (a == "--common-share") set(s.data.common_share);
            else if (a == "--bigram") set(s.data.bigram);
            else if (a == "--skip-bigram") set(s.data.skip_bigram);
            else if (a == "--wte-init-std") set(s.wte_init_std);
            else if (a == "--log-every") set(s.log_every);
            else if (a == "--weight-decay") set(s.weight_decay);
            else if (a == "--attn-only") s.attn_only = true;
            else if (a == "--threads") set(threads);
            else if (a == "--no-control") control = false;
            else if (a == "--contrast") contrast = true;
            else if (a == "--trace") trace = true;
            else throw std::invalid_argument("unknown option " + a);
        }
        al::set_blas_threads(threads);
        std::printf("data     unigram loss %.3f nats (uniform over the vocabulary: %.3f)\n", unigram_loss(s.data),
                    std::log(double(al::train::kSyntheticVocab)));
        run(s, "default", trace);
        if (control) {
            LabSettings c = s;
            c.n_layer = 1;
            run(c, "control", trace);
        }
        if (contrast) run(al::train::short_span_contrast(s), "contrast", trace);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "al-bench-train-lab: %s\n", e.what());
        return 2;
    }
    return 0;
}

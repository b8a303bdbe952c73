// al-train-gpt2: trains a small GPT-2 on a token file (uint16 little-endian ids, as written by
// al-tokenize-corpus) with AdamW, linear warm-up + cosine decay and gradient clipping. Seeded and
// resumable: the checkpoint holds parameters, Adam moments, step and the data sampler's state, so
// `--resume` continues exactly where it stopped. Logs one line per step to <out>/log.tsv.
#include <cblas.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "gpt2_train.h"
#include "flag_number.h"
#include "window_sampler.h"

namespace fs = std::filesystem;
using namespace al::train;

namespace {

struct Options {
    std::string train_path, val_path, out_dir;
    ModelShape shape;
    int B = 8, T = 256;
    int64_t steps = 1000;
    int warmup = 100;
    float lr = 3e-3f, min_lr_frac = 0.1f, clip = 1.0f;
    AdamW adam;
    uint64_t seed = 1337;
    float qk_init_std = 0.0f; // 0: GPT-2's 0.02 for the query/key weights too
    float wpe_sinusoid_std = 0.0f; // 0: GPT-2's N(0, 0.02) position embeddings
    bool wpe_decay = true;         // false: no weight decay on the position embeddings
    Sampler sampler;
    int eval_every = 100, eval_batches = 8, ckpt_every = 100, threads = 2;
    double max_minutes = 0; // 0: no limit; otherwise checkpoint and stop after this much training
    bool resume = false;
    // A second phase: start from another run's checkpoint (weights and AdamW moments) with this
    // run's own step counter, schedule and sampler; ignored when resuming this run's own checkpoint.
    std::string init_from;
};

[[noreturn]] void usage(const char* msg) {
    std::fprintf(stderr,
                 "error: %s\n"
                 "usage: al-train-gpt2 --train FILE --val FILE --out DIR --vocab V [--layers 4] [--heads 4]\n"
                 "  [--embd 128] [--ctx 256] [--batch 8] [--seq 256] [--steps N] [--warmup N] [--lr F]\n"
                 "  [--min-lr-frac F] [--wd F] [--clip F] [--seed N] [--eval-every N] [--eval-batches N]\n"
                 "  [--ckpt-every N] [--threads N] [--max-minutes F] [--qk-init-std F] [--wpe-sinusoid-std F]\n"
                 "  [--no-wpe-decay] [--bos-id N --bos-frac F] [--repeat-frac F] [--random-repeat-frac F]\n"
                 "  [--init-from CHECKPOINT] [--resume]\n",
                 msg);
    std::exit(2);
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) usage(("missing value after " + a).c_str());
            return argv[++i];
        };
        auto set = [&](auto& field) {
            try {
                field = al::train::flag_number<std::remove_reference_t<decltype(field)>>(a, next());
            } catch (const std::invalid_argument& e) {
                usage(e.what());
            }
        };
        if (a == "--train") o.train_path = next();
        else if (a == "--val") o.val_path = next();
        else if (a == "--out") o.out_dir = next();
        else if (a == "--vocab") set(o.shape.vocab);
        else if (a == "--layers") set(o.shape.n_layer);
        else if (a == "--heads") set(o.shape.n_head);
        else if (a == "--embd") set(o.shape.n_embd);
        else if (a == "--ctx") set(o.shape.max_T);
        else if (a == "--batch") set(o.B);
        else if (a == "--seq") set(o.T);
        else if (a == "--steps") set(o.steps);
        else if (a == "--warmup") set(o.warmup);
        else if (a == "--lr") set(o.lr);
        else if (a == "--min-lr-frac") set(o.min_lr_frac);
        else if (a == "--wd") set(o.adam.weight_decay);
        else if (a == "--clip") set(o.clip);
        else if (a == "--seed") set(o.seed);
        else if (a == "--qk-init-std") set(o.qk_init_std);
        else if (a == "--wpe-sinusoid-std") set(o.wpe_sinusoid_std);
        else if (a == "--no-wpe-decay") o.wpe_decay = false;
        else if (a == "--bos-id") set(o.sampler.bos_id);
        else if (a == "--bos-frac") set(o.sampler.bos_frac);
        else if (a == "--repeat-frac") set(o.sampler.repeat_frac);
        else if (a == "--random-repeat-frac") set(o.sampler.random_repeat_frac);
        else if (a == "--eval-every") set(o.eval_every);
        else if (a == "--eval-batches") set(o.eval_batches);
        else if (a == "--ckpt-every") set(o.ckpt_every);
        else if (a == "--threads") set(o.threads);
        else if (a == "--max-minutes") set(o.max_minutes);
        else if (a == "--resume") o.resume = true;
        else if (a == "--init-from") o.init_from = next();
        else usage(("unknown option " + a).c_str());
    }
    if (o.train_path.empty() || o.val_path.empty() || o.out_dir.empty()) usage("--train, --val and --out are required");
    if (o.T > o.shape.max_T) usage("--seq must not exceed --ctx");
    auto fraction = [](float f) { return f >= 0.0f && f <= 1.0f; };
    if (!fraction(o.sampler.bos_frac) || !fraction(o.sampler.repeat_frac) || !fraction(o.sampler.random_repeat_frac))
        usage("--bos-frac, --repeat-frac and --random-repeat-frac must lie between 0 and 1");
    o.sampler.vocab = o.shape.vocab;
    if (o.sampler.bos_frac > 0.0f && (o.sampler.bos_id < 0 || o.sampler.bos_id >= o.shape.vocab))
        usage("--bos-frac needs --bos-id, the id of <|endoftext|> in the vocabulary");
    return o;
}

std::vector<int> read_tokens(const std::string& path, int vocab) {
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    if (!f) throw std::runtime_error("cannot open " + path);
    const auto bytes = static_cast<size_t>(f.tellg());
    if (bytes % 2 != 0) throw std::runtime_error(path + ": odd size, not a uint16 token file");
    std::vector<uint16_t> raw(bytes / 2);
    f.seekg(0);
    f.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(bytes));
    std::vector<int> out(raw.begin(), raw.end());
    for (int id : out)
        if (id >= vocab) throw std::runtime_error(path + ": token id " + std::to_string(id) + " >= vocab");
    return out;
}

float lr_at(const Options& o, int64_t step) {
    if (step < o.warmup) return o.lr * static_cast<float>(step + 1) / o.warmup;
    const double progress = static_cast<double>(step - o.warmup) / std::max<int64_t>(1, o.steps - o.warmup);
    const double cosine = 0.5 * (1.0 + std::cos(M_PI * std::min(1.0, progress)));
    return static_cast<float>(o.lr * (o.min_lr_frac + (1.0 - o.min_lr_frac) * cosine));
}

// Mean loss on the first eval_batches consecutive windows of the held-out tokens (same every time).
float evaluate(GPT2& model, const std::vector<int>& val, int B, int T, int batches) {
    std::vector<int> x(B * T), y(B * T);
    double sum = 0;
    int n = 0;
    size_t off = 0;
    for (int k = 0; k < batches; k++) {
        for (int b = 0; b < B; b++) {
            if (off + T + 1 > val.size()) off = 0;
            for (int t = 0; t < T; t++) {
                x[b * T + t] = val[off + t];
                y[b * T + t] = val[off + t + 1];
            }
            off += T;
        }
        sum += model.forward(x.data(), y.data(), B, T);
        n++;
    }
    return static_cast<float>(sum / n);
}

} // namespace

int main(int argc, char** argv) {
    try {
        Options o = parse(argc, argv);
        openblas_set_num_threads(o.threads);
        fs::create_directories(o.out_dir);
        const std::vector<int> train = read_tokens(o.train_path, o.shape.vocab);
        const std::vector<int> val = read_tokens(o.val_path, o.shape.vocab);
        if (train.size() < static_cast<size_t>(o.T + 2) || val.size() < static_cast<size_t>(o.T + 2))
            throw std::runtime_error("token files are shorter than one sequence");

        GPT2 model(o.shape);
        CheckpointMeta meta;
        meta.rng_state = o.seed;
        const std::string ckpt = o.out_dir + "/checkpoint.bin";
        const bool resumed = o.resume && load_checkpoint(ckpt, model, meta);
        if (!resumed && !o.init_from.empty()) {
            CheckpointMeta earlier;
            if (!load_checkpoint(o.init_from, model, earlier))
                throw std::runtime_error("--init-from: " + o.init_from + " does not exist");
            std::printf("starting from %s (step %lld of that run)\n", o.init_from.c_str(),
                        static_cast<long long>(earlier.step));
        } else if (!resumed) {
            model.init_random(o.seed, o.qk_init_std, o.wpe_sinusoid_std);
        }
        if (!o.wpe_decay) model.exclude_from_decay("wpe.weight");
        std::printf("model: %d layers, %d heads, d %d, vocab %d, ctx %d: %zu parameters\n",
                    o.shape.n_layer, o.shape.n_head, o.shape.n_embd, o.shape.vocab, o.shape.max_T,
                    model.params().size());
        std::printf("data: %zu train tokens, %zu held-out tokens; batch %d x %d = %d tokens/step\n",
                    train.size(), val.size(), o.B, o.T, o.B * o.T);
        if (resumed) std::printf("resumed from %s at step %lld\n", ckpt.c_str(), static_cast<long long>(meta.step));

        std::FILE* log = std::fopen((o.out_dir + "/log.tsv").c_str(), resumed ? "a" : "w");
        if (!log) throw std::runtime_error("cannot write " + o.out_dir + "/log.tsv");
        if (!resumed) std::fprintf(log, "step\ttrain_loss\tval_loss\tlr\tgrad_norm\ttokens\telapsed_s\n");

        std::vector<int> x(o.B * o.T), y(o.B * o.T);
        const auto run_start = std::chrono::steady_clock::now();
        const double elapsed0 = meta.elapsed_s;
        auto elapsed = [&] {
            return elapsed0 + std::chrono::duration<double>(std::chrono::steady_clock::now() - run_start).count();
        };
        for (int64_t step = meta.step; step < o.steps; step++) {
            const bool last = step + 1 == o.steps;
            float val_loss = NAN;
            if (step % o.eval_every == 0 || last) val_loss = evaluate(model, val, o.B, o.T, o.eval_batches);

            const auto t0 = std::chrono::steady_clock::now();
            sample_batch(train, o.B, o.T, o.sampler, meta.rng_state, x, y);
            const float loss = model.forward(x.data(), y.data(), o.B, o.T);
            model.backward();
            const float norm = model.clip_gradients(o.clip);
            const float lr = lr_at(o, step);
            model.adamw_update(lr, o.adam);
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

            const long long tokens = static_cast<long long>(step + 1) * o.B * o.T;
            std::fprintf(log, "%lld\t%.5f\t%s\t%.6g\t%.4f\t%lld\t%.1f\n", static_cast<long long>(step), loss,
                         std::isnan(val_loss) ? "" : std::to_string(val_loss).c_str(), lr, norm, tokens, elapsed());
            std::fflush(log);
            if (step % 10 == 0 || !std::isnan(val_loss))
                std::printf("step %lld/%lld loss %.4f%s lr %.3g norm %.3f %.0f ms %.0f tok/s\n",
                            static_cast<long long>(step), static_cast<long long>(o.steps), loss,
                            std::isnan(val_loss) ? "" : (" val " + std::to_string(val_loss)).c_str(), lr, norm,
                            ms, o.B * o.T / (ms / 1000.0));
            std::fflush(stdout);

            meta.step = step + 1;
            const bool out_of_time = o.max_minutes > 0 && (elapsed() - elapsed0) > o.max_minutes * 60.0;
            if (meta.step % o.ckpt_every == 0 || last || out_of_time) {
                meta.elapsed_s = elapsed();
                save_checkpoint(ckpt, model, meta);
            }
            if (out_of_time) {
                std::printf("stopping at step %lld: --max-minutes reached (resume with --resume)\n",
                            static_cast<long long>(meta.step));
                break;
            }
        }
        std::fclose(log);
        std::printf("done: %lld steps, %.1f s of training\n", static_cast<long long>(meta.step), elapsed());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "al-train-gpt2: %s\n", e.what());
        return 1;
    }
}

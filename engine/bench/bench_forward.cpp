// Forward-pass benchmark on random GPT-2-small weights: full forwards keeping all 144 attention
// patterns and pre-softmax scores plus the last position's logits, at T = 16, 64, 256, 1024;
// appending one token to a 63-token prefix; loading a ~500 MB safetensors file; peak RSS; and the
// machine's bounds measured in the same run (sgemm on the forward's shapes, streaming reads).
//
// Usage: al-bench-forward [--quick] [--no-load] [--no-configure] [--sizes T,T,...]
// --sizes times only the given T (e.g. 64,256), for comparisons repeated many times.
// Thread settings come from the environment (OPENBLAS_NUM_THREADS, ...) or al::configure_threads().
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "attention_lens/safetensors.h"
#include "attention_lens/threads.h"

#include <cblas.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "write_model_folder.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

long status_kb(const char* key) {
    std::ifstream f("/proc/self/status");
    std::string line;
    const size_t n = std::strlen(key);
    while (std::getline(f, line))
        if (line.compare(0, n, key) == 0) return std::atol(line.c_str() + n + 1);
    return -1;
}

struct Stats { double median, min, max; };
Stats stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v.front(), v.back()};
}

// Floating-point operations of one forward (GPT-2 small shape), last-position logits only.
double forward_flops(const al::Config& c, int T) {
    const double C = c.n_embd, hs = c.head_dim();
    const double matmul = 2.0 * T * (C * 3 * C + C * C + 2 * C * 4 * C) * c.n_layer;
    const double attn = 4.0 * hs * (double(T) * (T + 1) / 2) * c.n_head * c.n_layer;
    const double lm = 2.0 * C * c.vocab_size;
    return matmul + attn + lm;
}

// The forward's matrix products alone (same shapes, same weights), best of `reps`.
double sgemm_same_shapes_ms(const al::Model& m, int T, int reps) {
    const al::Config& c = m.config();
    const int C = c.n_embd;
    std::vector<float> in(size_t(T) * 4 * C, 0.01f), out(std::max(size_t(T) * 4 * C, size_t(c.vocab_size)));
    double best = 1e30;
    for (int r = 0; r < reps; r++) {
        auto t0 = Clock::now();
        for (int l = 0; l < c.n_layer; l++) {
            const al::LayerWeights& w = m.layer(l);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, T, 3 * C, C, 1, in.data(), C, w.attn_w, 3 * C, 0, out.data(), 3 * C);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, T, C, C, 1, in.data(), C, w.proj_w, C, 0, out.data(), C);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, T, 4 * C, C, 1, in.data(), C, w.fc_w, 4 * C, 0, out.data(), 4 * C);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, T, C, 4 * C, 1, in.data(), 4 * C, w.fcproj_w, C, 0, out.data(), C);
        }
        cblas_sgemv(CblasRowMajor, CblasNoTrans, c.vocab_size, C, 1, m.lm_head(), C, in.data(), 1, 0, out.data(), 1);
        best = std::min(best, ms_since(t0));
    }
    return best;
}

// Streaming-read bandwidth (GB/s) over `bytes`, all cores, best of 5.
double read_bandwidth(size_t bytes) {
    const size_t n = bytes / sizeof(float);
    std::vector<float> buf(n, 1.0f);
    const int threads = std::max(1u, std::thread::hardware_concurrency());
    double best = 0;
    volatile float sink = 0;
    for (int r = 0; r < 5; r++) {
        std::vector<float> part(threads);
        auto t0 = Clock::now();
        std::vector<std::thread> ts;
        for (int t = 0; t < threads; t++)
            ts.emplace_back([&, t] {
                const size_t b = n * t / threads, e = n * (t + 1) / threads;
                float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
                for (size_t i = b; i + 8 <= e; i += 8) {
                    a0 += buf[i]; a1 += buf[i + 1]; a2 += buf[i + 2]; a3 += buf[i + 3];
                    a4 += buf[i + 4]; a5 += buf[i + 5]; a6 += buf[i + 6]; a7 += buf[i + 7];
                }
                part[t] = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
            });
        for (auto& t : ts) t.join();
        const double s = ms_since(t0) / 1000.0;
        for (float p : part) sink = sink + p;
        best = std::max(best, bytes / s / 1e9);
    }
    return best;
}

} // namespace

int main(int argc, char** argv) {
    bool quick = false, load = true, configure = true;
    std::vector<int> sizes = {16, 64, 256, 1024};
    for (int i = 1; i < argc; i++) {
        const std::string a = argv[i];
        if (a == "--quick") quick = true;
        else if (a == "--no-load") load = false;
        else if (a == "--no-configure") configure = false;
        else if (a == "--sizes" && i + 1 < argc) {
            sizes.clear();
            for (const char* p = argv[++i]; *p;) {
                char* end = nullptr;
                const long T = std::strtol(p, &end, 10);
                if (end == p || T < 1 || T > 1024) {
                    std::fprintf(stderr, "--sizes takes token counts from 1 to 1024, separated by commas\n");
                    return 2;
                }
                sizes.push_back(static_cast<int>(T));
                p = *end == ',' ? end + 1 : end;
            }
        } else {
            std::fprintf(stderr, "usage: %s [--quick] [--no-load] [--no-configure] [--sizes T,T,...]\n", argv[0]);
            return 2;
        }
    }
    if (configure) al::configure_threads();
    std::printf("threads: openblas %d (%s), OMP_WAIT_POLICY=%s, OPENBLAS_NUM_THREADS=%s\n",
                openblas_get_num_threads(), openblas_get_config(),
                std::getenv("OMP_WAIT_POLICY") ? std::getenv("OMP_WAIT_POLICY") : "(unset)",
                std::getenv("OPENBLAS_NUM_THREADS") ? std::getenv("OPENBLAS_NUM_THREADS") : "(unset)");

    auto t0 = Clock::now();
    const al::Config cfg = al::Model::gpt2_small_config();
    auto model = al::Model::random(cfg, 1234);
    std::printf("random GPT-2 small: %.0f ms to build, %.1f MB of weights, RSS %.0f MB\n", ms_since(t0),
                model->parameter_count() * 4.0 / 1e6, status_kb("VmRSS:") / 1024.0);

    // Streaming reads first, then reset the peak-RSS mark (the 500 MB buffer is gone).
    const double bw = read_bandwidth(size_t(500) << 20);
    std::ofstream("/proc/self/clear_refs") << "5";
    const double weight_bytes = model->parameter_count() * 4.0;
    std::printf("streaming read: %.1f GB/s (500 MB, all cores); peak RSS mark reset: %.0f MB\n", bw,
                status_kb("VmHWM:") / 1024.0);

    std::mt19937 rng(1);
    std::uniform_int_distribution<int> tok(0, cfg.vocab_size - 2);
    al::Runner runner(model);
    struct Row { int T; Stats s; double gflops, hwm_mb, sgemm_ms; };
    std::vector<Row> rows;
    for (int T : sizes) {
        std::vector<int> ids(T);
        for (int& x : ids) x = tok(rng);
        const int reps = quick ? 3 : (T <= 64 ? 21 : T == 256 ? 11 : 5);
        std::vector<double> times, sgemm;
        for (int r = 0; r <= reps; r++) {
            auto t1 = Clock::now();
            {
                al::ForwardResult res = runner.forward_full(ids); // patterns + scores + last logits
                if (res.attention.empty() || res.scores.empty()) return 1;
            }
            if (r > 0) times.push_back(ms_since(t1)); // the first is a warm-up
            // The bound, interleaved so that both see the same machine load.
            if (r > 0) sgemm.push_back(sgemm_same_shapes_ms(*model, T, 1));
        }
        const Stats s = stats(times);
        const double hwm = status_kb("VmHWM:") / 1024.0;
        rows.push_back({T, s, forward_flops(cfg, T) / (s.median * 1e6), hwm, stats(sgemm).median});
        std::printf("T=%4d  full forward: median %8.1f ms  (min %.1f, max %.1f, %d runs)  %6.1f GFLOP/s  peak RSS %.0f MB\n",
                    T, s.median, s.min, s.max, reps, rows.back().gflops, rows.back().hwm_mb);
        std::fflush(stdout);
    }

    // Append one token to a 63-token prefix.
    {
        std::vector<int> ids(64);
        for (int& x : ids) x = tok(rng);
        std::vector<int> prefix(ids.begin(), ids.end() - 1);
        std::vector<double> times;
        for (int r = 0; r < (quick ? 5 : 31); r++) {
            runner.forward(prefix); // reuses 63 (nothing new) after the first round
            auto t1 = Clock::now();
            al::ForwardResult res = runner.forward(ids);
            times.push_back(ms_since(t1));
            if (res.reused_prefix != 63) { std::printf("unexpected reuse %d\n", res.reused_prefix); return 1; }
        }
        const Stats s = stats(times);
        std::printf("append 1 token to 63: median %.2f ms (min %.2f, max %.2f)\n", s.median, s.min, s.max);
        std::fflush(stdout);
    }

    // Bounds measured in the same run: the forward's matrix products alone (median, interleaved
    // with the forwards above) and reading the weights once at the streaming bandwidth.
    std::printf("%6s %10s %12s %12s %10s %8s\n", "T", "median ms", "sgemm ms", "read ms", "roofline", "ratio");
    for (const Row& r : rows) {
        const double rd = weight_bytes / (bw * 1e9) * 1e3;
        const double roof = std::max(r.sgemm_ms, rd);
        std::printf("%6d %10.1f %12.1f %12.1f %10.1f %8.2f\n", r.T, r.s.median, r.sgemm_ms, rd, roof, r.s.median / roof);
    }
    std::fflush(stdout);

    if (load) {
        const fs::path dir = fs::temp_directory_path() / ("al-bench-model-" + std::to_string(::getpid()));
        auto tw = Clock::now();
        testing_support::writeModelFolder(*model, dir.string(), (fs::path(AL_BENCH_SHARED_DIR) / "gpt2-tokenizer").string());
        const double write_ms = ms_since(tw);
        std::vector<double> times;
        for (int r = 0; r < 3; r++) {
            auto tl = Clock::now();
            auto loaded = al::Model::load(dir.string());
            times.push_back(ms_since(tl));
        }
        const Stats s = stats(times);
        std::printf("load %.0f MB safetensors (written in %.0f ms, page cache warm): median %.0f ms (min %.0f, max %.0f)\n",
                    fs::file_size(dir / "model.safetensors") / 1e6, write_ms, s.median, s.min, s.max);
        fs::remove_all(dir);
    }
    std::printf("peak RSS of the process: %.0f MB\n", status_kb("VmHWM:") / 1024.0);
    return 0;
}

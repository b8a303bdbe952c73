// al-evaluate-model: measures a trained model in Hugging Face layout, for its model card.
//  * held-out perplexity on token files (non-overlapping windows of --seq tokens), next to the
//    unigram baseline (token frequencies of the training tokens, add-one smoothed);
//  * the engine's head census (al::head_census: previous-token, first-token (sink), induction, ...);
//  * for the best previous-token head, when it is in layer 0, its position-only pattern: the head
//    run on the position embeddings alone (no tokens), which shows how sharply what it learned
//    from positions alone singles out the previous position;
//  * samples at a given temperature from a prompt.
// usage: al-evaluate-model --model DIR --train-tokens FILE [--heldout NAME=FILE]... [--seq 256]
//        [--census-text FILE] [--prompt TEXT] [--temperature 0.8] [--samples 3] [--sample-tokens 80]
//        [--seed 1] [--threads 2]
// Prints a JSON report on stdout.
#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "attention_lens/census.h"
#include "attention_lens/forward.h"
#include "attention_lens/layers.h"
#include "attention_lens/model.h"
#include "attention_lens/tokenizer.h"
#include "corpus_files.h"
#include "flag_number.h"
#include "gpt2_train.h"
#include "hf_export.h"

using al::train::GPT2;
using json = nlohmann::ordered_json;

namespace {

std::vector<int> read_tokens(const std::string& path) {
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    if (!f) throw std::runtime_error("cannot open " + path);
    const auto bytes = static_cast<size_t>(f.tellg());
    std::vector<uint16_t> raw(bytes / 2);
    f.seekg(0);
    f.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(raw.size() * 2));
    return {raw.begin(), raw.end()};
}

// Mean next-token loss (nats) over non-overlapping windows of T+1 tokens.
double heldout_loss(GPT2& model, const std::vector<int>& toks, int T, size_t* counted) {
    double sum = 0;
    size_t n = 0;
    std::vector<int> x(T), y(T);
    for (size_t off = 0; off + T + 1 <= toks.size(); off += T) {
        std::copy(toks.begin() + off, toks.begin() + off + T, x.begin());
        std::copy(toks.begin() + off + 1, toks.begin() + off + T + 1, y.begin());
        sum += static_cast<double>(model.forward(x.data(), y.data(), 1, T)) * T;
        n += T;
    }
    *counted = n;
    return sum / n;
}

double unigram_loss(const std::vector<int>& train, const std::vector<int>& held, int V, int T) {
    std::vector<double> count(V, 1.0); // add-one smoothing
    for (int t : train) count[t] += 1;
    double total = 0;
    for (double c : count) total += c;
    double sum = 0;
    size_t n = 0;
    // The same positions the model is scored on (targets of the non-overlapping windows).
    for (size_t off = 0; off + T + 1 <= held.size(); off += T)
        for (int t = 1; t <= T; t++, n++) sum -= std::log(count[held[off + t]] / total);
    return sum / n;
}

std::string sample(GPT2& model, const al::Tokenizer& tok, const std::string& prompt, int n_new, float temperature,
                   std::mt19937_64& rng) {
    std::vector<int> ids = tok.encode(prompt);
    const int V = model.shape().vocab;
    for (int k = 0; k < n_new; k++) {
        const int T0 = static_cast<int>(ids.size());
        const int start = std::max(0, T0 - model.shape().max_T);
        std::vector<int> ctx(ids.begin() + start, ids.end());
        const int T = static_cast<int>(ctx.size());
        model.forward(ctx.data(), nullptr, 1, T);
        const float* logits = model.acts().logits.data() + static_cast<size_t>(T - 1) * V;
        std::vector<double> p(V);
        double maxl = -1e30;
        for (int i = 0; i < V; i++) maxl = std::max(maxl, static_cast<double>(logits[i]) / temperature);
        for (int i = 0; i < V; i++) p[i] = std::exp(logits[i] / temperature - maxl);
        std::discrete_distribution<int> dist(p.begin(), p.end());
        const int next = dist(rng);
        if (next == tok.eos_id()) break;
        ids.push_back(next);
    }
    return al::sanitize_utf8(tok.decode(ids));
}

// Layer 0's attention when its input is the position embeddings alone, x[p] = ln_1(wpe[p]) for
// p < n_positions: att [NH][P][P]. A layer-0 head sees ln_1(wte[token] + wpe[p]); dropping the
// token leaves what the head does from position alone.
std::vector<float> position_only_attention(const al::Model& m) {
    const al::Config& c = m.config();
    const int P = c.n_positions, C = c.n_embd, NH = c.n_head;
    const al::LayerWeights& l0 = m.layer(0);
    std::vector<float> x(static_cast<size_t>(P) * C), qkv(static_cast<size_t>(P) * 3 * C),
        out(static_cast<size_t>(P) * C), preatt(static_cast<size_t>(NH) * P * P), att(preatt.size());
    al::layers::layernorm_forward(x.data(), nullptr, nullptr, m.wpe(), l0.ln1_w, l0.ln1_b, P, C,
                                  c.layer_norm_epsilon);
    al::layers::matmul_forward(qkv.data(), x.data(), l0.attn_w, l0.attn_b, P, C, 3 * C);
    al::layers::attention_forward(out.data(), preatt.data(), att.data(), qkv.data(), 1, P, C, NH,
                                  1.0f / std::sqrt(static_cast<float>(C / NH)));
    return att;
}

// Mean weight at offsets 0..n-1 behind the query (i - j), over rows i >= n.
std::vector<double> mean_by_offset(const float* A, int T, int n) {
    std::vector<double> w(n, 0.0);
    for (int i = n; i < T; i++)
        for (int d = 0; d < n; d++) w[d] += A[static_cast<size_t>(i) * T + i - d] / (T - n);
    return w;
}

} // namespace

int main(int argc, char** argv) {
    std::string model_dir, train_tokens, census_text, prompt = "Once upon a time";
    std::vector<std::pair<std::string, std::string>> heldout;
    int T = 256, samples = 3, sample_tokens = 80, threads = 2, induction_n = 50, induction_reps = 4;
    float temperature = 0.8f;
    uint64_t seed = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i], v = argv[i + 1];
        auto set = [&](auto& field) {
            try {
                field = al::train::flag_number<std::remove_reference_t<decltype(field)>>(a, v);
            } catch (const std::invalid_argument& e) {
                std::fprintf(stderr, "al-evaluate-model: %s\n", e.what());
                std::exit(2);
            }
        };
        if (a == "--model") model_dir = v;
        else if (a == "--train-tokens") train_tokens = v;
        else if (a == "--heldout") {
            const auto eq = v.find('=');
            heldout.emplace_back(v.substr(0, eq), v.substr(eq + 1));
        } else if (a == "--seq") set(T);
        else if (a == "--census-text") census_text = v;
        else if (a == "--prompt") prompt = v;
        else if (a == "--temperature") set(temperature);
        else if (a == "--samples") set(samples);
        else if (a == "--sample-tokens") set(sample_tokens);
        else if (a == "--seed") set(seed);
        else if (a == "--threads") set(threads);
        else if (a == "--induction-length") set(induction_n);
        else {
            std::fprintf(stderr, "al-evaluate-model: unknown option %s\n", a.c_str());
            return 2;
        }
    }
    if (model_dir.empty()) {
        std::fprintf(stderr, "usage: al-evaluate-model --model DIR --train-tokens FILE [--heldout NAME=FILE]...\n");
        return 2;
    }
    try {
        openblas_set_num_threads(threads);
        GPT2 model = al::train::load_hf(model_dir);
        const auto tok = al::Tokenizer::load(model_dir + "/vocab.json", model_dir + "/merges.txt");
        const auto& s = model.shape();
        json report;
        report["model"] = model_dir;
        report["shape"] = {{"n_layer", s.n_layer}, {"n_head", s.n_head}, {"n_embd", s.n_embd},
                           {"vocab", s.vocab}, {"n_positions", s.max_T}};
        report["parameters"] = model.params().size(); // wte is tied to the head: counted once
        T = std::min(T, s.max_T);
        std::vector<int> train;
        if (!train_tokens.empty()) train = read_tokens(train_tokens);
        for (const auto& [name, path] : heldout) {
            const auto held = read_tokens(path);
            size_t n = 0;
            const double loss = heldout_loss(model, held, T, &n);
            json e = {{"tokens_scored", n}, {"loss", loss}, {"perplexity", std::exp(loss)}};
            if (!train.empty()) {
                const double u = unigram_loss(train, held, s.vocab, T);
                e["unigram_loss"] = u;
                e["unigram_perplexity"] = std::exp(u);
            }
            report["heldout"][name] = e;
        }
        std::vector<int> text_ids;
        if (!census_text.empty()) {
            const auto docs = al::train::read_documents(census_text);
            text_ids = tok.encode(docs.front());
            if (static_cast<int>(text_ids.size()) > s.max_T) text_ids.resize(s.max_T);
        } else {
            text_ids = tok.encode("Once upon a time, there was a little girl named Lily. She liked to play with her ball in the park.");
        }
        // The engine's own census (the numbers the app shows), on held-out text and on a repeated
        // random sequence; induction is also averaged over four random sequences.
        auto engine_model = al::Model::load(model_dir);
        al::Runner runner(engine_model);
        al::CensusOptions copt;
        copt.induction_length = induction_n;
        copt.seed = seed;
        const auto scores = al::head_census(runner, text_ids, copt);
        std::vector<double> induction_mean(scores.size(), 0.0);
        for (int r = 0; r < induction_reps; r++) {
            al::CensusOptions o = copt;
            o.seed = seed + 1000 + r;
            const auto sr = al::head_census(runner, text_ids, o);
            for (size_t i = 0; i < sr.size(); i++) induction_mean[i] += sr[i].induction / induction_reps;
        }
        json heads = json::array();
        size_t best_prev = 0, best_first = 0, best_ind = 0;
        for (size_t i = 0; i < scores.size(); i++) {
            const auto& h = scores[i];
            heads.push_back({{"layer", h.head.layer}, {"head", h.head.head}, {"label", h.label},
                             {"previous_token", h.previous_token}, {"previous_token_nf", h.previous_token_nf},
                             {"first_token", h.first_token}, {"self", h.self},
                             {"duplicate_token", h.duplicate_token}, {"induction", h.induction},
                             {"induction_mean_4_sequences", induction_mean[i]}, {"induction_nf", h.induction_nf},
                             {"mean_distance_nf", h.mean_distance_nf}, {"entropy", h.entropy}});
            if (h.previous_token > scores[best_prev].previous_token) best_prev = i;
            if (h.first_token > scores[best_first].first_token) best_first = i;
            if (h.induction > scores[best_ind].induction) best_ind = i;
        }
        auto name = [&](size_t i) {
            return std::to_string(scores[i].head.layer) + "." + std::to_string(scores[i].head.head);
        };
        json position_only = nullptr;
        if (scores[best_prev].head.layer == 0) {
            const int P = engine_model->config().n_positions, h = scores[best_prev].head.head;
            const std::vector<float> att = position_only_attention(*engine_model);
            const std::vector<float> A(att.begin() + static_cast<ptrdiff_t>(h) * P * P,
                                       att.begin() + static_cast<ptrdiff_t>(h + 1) * P * P);
            position_only = {{"previous_token", al::census::previous_token(A, P, false)},
                             {"mean_weight_at_offsets_0_to_3", mean_by_offset(A.data(), P, 4)}};
        }
        report["census"] = {
            {"text_tokens", text_ids.size()},
            {"induction_sequence", "BOS + " + std::to_string(induction_n) + " random tokens, twice (al::head_census)"},
            {"best_previous_token", {{"head", name(best_prev)}, {"score", scores[best_prev].previous_token},
                                     {"position_only", position_only}}},
            {"best_first_token", {{"head", name(best_first)}, {"score", scores[best_first].first_token}}},
            {"best_induction", {{"head", name(best_ind)}, {"score", scores[best_ind].induction},
                                {"mean_over_4_more_sequences", induction_mean[best_ind]}}},
            {"heads", heads}};
        std::mt19937_64 rng(seed);
        json out = json::array();
        for (int k = 0; k < samples; k++) out.push_back(sample(model, tok, prompt, sample_tokens, temperature, rng));
        report["samples"] = {{"prompt", prompt}, {"temperature", temperature}, {"texts", out}};
        std::printf("%s\n", report.dump(2).c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "al-evaluate-model: %s\n", e.what());
        return 1;
    }
}

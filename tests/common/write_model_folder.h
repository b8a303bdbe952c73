// Writes a model built in memory (al::Model::random) as a Hugging Face GPT-2 folder: config.json,
// model.safetensors (F32, HF key names, lm_head tied) and the tokenizer's vocab.json and merges.txt
// copied from tokenizerDir. Lets tests and benchmarks open a GPT-2-small-shaped model the way the
// app does (a folder on disk) without downloading GPT-2.
#pragma once
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "attention_lens/model.h"
#include "attention_lens/safetensors.h"

namespace testing_support {

// With `fill`, every tensor of the model's shape is written holding that one value instead (a
// model at the loader's limits, for tests of numbers too large to take apart).
inline void writeModelFolder(const al::Model& m, const std::string& dir, const std::string& tokenizerDir,
                             std::optional<float> fill = std::nullopt) {
    namespace fs = std::filesystem;
    fs::create_directories(dir);
    const al::Config& c = m.config();
    const int64_t C = c.n_embd, V = c.vocab_size, P = c.n_positions, I = c.n_inner > 0 ? c.n_inner : 4 * c.n_embd;
    std::vector<al::TensorToWrite> t = {{"wte.weight", {V, C}, m.wte()}, {"wpe.weight", {P, C}, m.wpe()}};
    for (int l = 0; l < c.n_layer; ++l) {
        const std::string p = "h." + std::to_string(l) + ".";
        const al::LayerWeights& w = m.layer(l);
        t.push_back({p + "ln_1.weight", {C}, w.ln1_w});
        t.push_back({p + "ln_1.bias", {C}, w.ln1_b});
        t.push_back({p + "attn.c_attn.weight", {C, 3 * C}, w.attn_w});
        t.push_back({p + "attn.c_attn.bias", {3 * C}, w.attn_b});
        t.push_back({p + "attn.c_proj.weight", {C, C}, w.proj_w});
        t.push_back({p + "attn.c_proj.bias", {C}, w.proj_b});
        t.push_back({p + "ln_2.weight", {C}, w.ln2_w});
        t.push_back({p + "ln_2.bias", {C}, w.ln2_b});
        t.push_back({p + "mlp.c_fc.weight", {C, I}, w.fc_w});
        t.push_back({p + "mlp.c_fc.bias", {I}, w.fc_b});
        t.push_back({p + "mlp.c_proj.weight", {I, C}, w.fcproj_w});
        t.push_back({p + "mlp.c_proj.bias", {C}, w.fcproj_b});
    }
    t.push_back({"ln_f.weight", {C}, m.lnf_w()});
    t.push_back({"ln_f.bias", {C}, m.lnf_b()});
    std::vector<std::vector<float>> filled;
    if (fill) {
        filled.reserve(t.size());
        for (al::TensorToWrite& x : t) {
            size_t n = 1;
            for (int64_t d : x.shape) n *= static_cast<size_t>(d);
            filled.emplace_back(n, *fill);
            x.data = filled.back().data();
        }
    }
    al::write_safetensors(dir + "/model.safetensors", t);
    std::ofstream(dir + "/config.json") << c.to_json();
    for (const char* f : {"vocab.json", "merges.txt"})
        fs::copy_file(tokenizerDir + "/" + f, dir + "/" + f, fs::copy_options::overwrite_existing);
}

// A GPT-2-small-shaped folder with random weights (seed) and GPT-2's tokenizer, written once per
// path: an existing folder with a config.json is reused.
inline std::string gpt2ShapedFolder(const std::string& dir, const std::string& tokenizerDir, uint64_t seed = 1234) {
    if (std::filesystem::exists(dir + "/config.json") && std::filesystem::exists(dir + "/model.safetensors"))
        return dir;
    auto m = al::Model::random(al::Model::gpt2_small_config(), seed);
    writeModelFolder(*m, dir, tokenizerDir);
    return dir;
}

} // namespace testing_support

// Hugging Face GPT-2 folder I/O for the trainer (see hf_export.h).
#include "hf_export.h"

#include "attention_lens/error.h"
#include "attention_lens/safe_file.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "attention_lens/safetensors.h"

namespace fs = std::filesystem;

namespace al::train {

std::string hf_config_json(const ModelShape& s) {
    nlohmann::ordered_json j;
    j["model_type"] = "gpt2";
    j["architectures"] = {"GPT2LMHeadModel"};
    j["vocab_size"] = s.vocab;
    j["n_positions"] = s.max_T;
    j["n_ctx"] = s.max_T;
    j["n_embd"] = s.n_embd;
    j["n_layer"] = s.n_layer;
    j["n_head"] = s.n_head;
    j["n_inner"] = nullptr; // 4 * n_embd
    j["activation_function"] = "gelu_new";
    j["resid_pdrop"] = 0.0;
    j["embd_pdrop"] = 0.0;
    j["attn_pdrop"] = 0.0;
    j["layer_norm_epsilon"] = 1e-5;
    j["initializer_range"] = 0.02;
    j["scale_attn_weights"] = true;
    j["scale_attn_by_inverse_layer_idx"] = false;
    j["reorder_and_upcast_attn"] = false;
    j["use_cache"] = true;
    j["tie_word_embeddings"] = true;
    j["bos_token_id"] = s.vocab - 1;
    j["eos_token_id"] = s.vocab - 1;
    j["torch_dtype"] = "float32";
    return j.dump(2) + "\n";
}

void export_hf(const GPT2& model, const std::string& dir, const std::string& tokenizer_dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw al::Error("cannot create the folder " + dir + " (" + ec.message() + ")");
    if (const std::string why = al::write_file_atomically(dir + "/config.json", hf_config_json(model.shape())); !why.empty())
        throw al::Error("cannot write " + dir + "/config.json (" + why + ")");
    std::vector<al::TensorToWrite> tensors;
    for (const auto& p : model.layout()) tensors.push_back({p.hf_name, p.shape, model.params().data() + p.offset});
    al::write_safetensors(dir + "/model.safetensors", tensors, {{"format", "pt"}});
    if (!tokenizer_dir.empty()) {
        for (const char* name : {"vocab.json", "merges.txt"}) {
            const fs::path src = fs::path(tokenizer_dir) / name, dst = fs::path(dir) / name;
            if (fs::exists(dst) && fs::equivalent(src, dst)) continue;
            fs::copy_file(src, dst, fs::copy_options::overwrite_existing);
        }
    }
}

GPT2 load_hf(const std::string& dir) {
    std::ifstream cf(dir + "/config.json");
    if (!cf) throw std::runtime_error("cannot open " + dir + "/config.json");
    const auto j = nlohmann::json::parse(cf);
    ModelShape s;
    s.vocab = j.at("vocab_size");
    s.max_T = j.at("n_positions");
    s.n_embd = j.at("n_embd");
    s.n_layer = j.at("n_layer");
    s.n_head = j.at("n_head");
    if (j.contains("n_inner") && !j["n_inner"].is_null() && j["n_inner"].get<int>() != 4 * s.n_embd)
        throw std::runtime_error(dir + ": n_inner other than 4 * n_embd is not supported by the trainer");
    GPT2 model(s);
    al::SafetensorsFile st(dir + "/model.safetensors");
    for (const auto& p : model.layout()) {
        std::string name = p.hf_name;
        if (!st.has(name)) name = "transformer." + name;
        const auto& info = st.info(name);
        if (info.shape != p.shape) throw std::runtime_error(dir + ": tensor " + name + " has an unexpected shape");
        const std::vector<float> v = st.to_float(info);
        std::copy(v.begin(), v.end(), model.params().begin() + p.offset);
    }
    return model;
}

} // namespace al::train

// GPT2Config from config.json, with the defaults Hugging Face transformers uses when a field is
// absent. Everything a later allocation depends on is range-checked here, so a hostile config
// cannot ask for terabytes.
#include "attention_lens/config.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "attention_lens/error.h"
#include "attention_lens/quote.h"
#include "attention_lens/safe_file.h"
#include "json_text.h"

namespace al {

namespace {

using nlohmann::json;

// Upper bounds far above any GPT-2-family checkpoint (GPT-3 175B has 96 layers, 96 heads, d 12288),
// low enough that products of them stay well inside int64 and a refusal happens before allocating.
constexpr int kMaxLayers = 1024;
constexpr int kMaxHeads = 1024;
constexpr int kMaxEmbd = 65536;
constexpr int kMaxPositions = 1 << 20;
constexpr int kMaxVocab = 1 << 22;
constexpr int kMaxInner = 1 << 20;
constexpr int64_t kMaxParameters = int64_t(1) << 36; // 64 G floats: no desktop holds that
// A GPT-2 config.json nests 3 levels (task_specific_params); a deeper one is refused before a tree
// is built, since walking a deep tree recursively overflows the stack.
constexpr int kMaxConfigDepth = 64;

int read_int(const json& j, const char* key, int fallback, int max_value, const std::string& source) {
    if (!j.contains(key)) return fallback;
    const json& v = j.at(key);
    int64_t value = 0;
    if (v.is_number_integer()) {
        if (v.is_number_unsigned()) {
            const uint64_t u = v.get<uint64_t>();
            if (u > uint64_t(std::numeric_limits<int64_t>::max()))
                throw Error(source + ": \"" + key + "\" is " + std::to_string(u) + ", far too large");
            value = int64_t(u);
        } else {
            value = v.get<int64_t>();
        }
    } else if (v.is_number_float() && std::isfinite(v.get<double>()) &&
               v.get<double>() == std::floor(v.get<double>()) && std::fabs(v.get<double>()) < 1e15) {
        value = int64_t(v.get<double>()); // 768.0 is 768
    } else {
        throw Error(source + ": \"" + key + "\" must be an integer, found " + describe_json(v));
    }
    if (value <= 0)
        throw Error(source + ": \"" + key + "\" must be positive, found " + std::to_string(value));
    if (value > max_value)
        throw Error(source + ": \"" + key + "\" is " + std::to_string(value) + ", more than the " +
                    std::to_string(max_value) + " this program accepts");
    return int(value);
}

bool read_bool(const json& j, const char* key, bool fallback, const std::string& source) {
    if (!j.contains(key) || j.at(key).is_null()) return fallback;
    if (!j.at(key).is_boolean())
        throw Error(source + ": \"" + key + "\" must be true or false, found " + describe_json(j.at(key)));
    return j.at(key).get<bool>();
}

int read_token_id(const json& j, const char* key, int fallback, const std::string& source) {
    if (!j.contains(key) || j.at(key).is_null()) return fallback;
    const json& v = j.at(key);
    if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > kMaxVocab)
        throw Error(source + ": \"" + key + "\" must be a token id, found " + describe_json(v));
    return int(v.get<int64_t>());
}

} // namespace

Config Config::parse(const std::string& json_text, const std::string& source) {
    check_json_text(json_text, source, "config.json", kMaxConfigDepth);
    json j;
    try {
        j = json::parse(json_text);
    } catch (const json::exception& e) {
        throw Error(source + ": not valid JSON (" + excerpt(e.what(), 200) + ")");
    }
    if (!j.is_object()) throw Error(source + ": expected a JSON object, found " + std::string(j.type_name()));

    if (j.contains("model_type") && j["model_type"].is_string() && j["model_type"].get<std::string>() != "gpt2")
        throw Error(source + ": model_type is " + quote_value(j["model_type"].get_ref<const std::string&>()) +
                    "; only GPT-2-family models (model_type \"gpt2\") are supported");

    // A config naming another architecture (with model_type left out or null) describes weights
    // this engine would run as GPT-2's and get wrong: refused by name.
    if (j.contains("architectures") && !j["architectures"].is_null()) {
        const json& a = j["architectures"];
        if (!a.is_array())
            throw Error(source + ": \"architectures\" must be a list of model class names, found " + describe_json(a));
        for (const json& name : a)
            if (!name.is_string() || name.get_ref<const std::string&>().rfind("GPT2", 0) != 0)
                throw Error(source + ": architectures names " + describe_json(name) +
                            "; only GPT-2-family models (such as \"GPT2LMHeadModel\") are supported");
    }

    Config c;
    c.n_layer = read_int(j, "n_layer", c.n_layer, kMaxLayers, source);
    c.n_head = read_int(j, "n_head", c.n_head, kMaxHeads, source);
    c.n_embd = read_int(j, "n_embd", c.n_embd, kMaxEmbd, source);
    // n_ctx is the legacy name of n_positions; n_positions wins when both are present.
    const int n_ctx = read_int(j, "n_ctx", c.n_positions, kMaxPositions, source);
    c.n_positions = read_int(j, "n_positions", n_ctx, kMaxPositions, source);
    c.vocab_size = read_int(j, "vocab_size", c.vocab_size, kMaxVocab, source);
    if (j.contains("n_inner") && !j["n_inner"].is_null())
        c.n_inner = read_int(j, "n_inner", 0, kMaxInner, source);
    else
        c.n_inner = 4 * c.n_embd;

    if (c.n_embd % c.n_head != 0)
        throw Error(source + ": n_embd (" + std::to_string(c.n_embd) + ") is not divisible by n_head (" +
                    std::to_string(c.n_head) + ")");

    if (j.contains("layer_norm_epsilon") && !j["layer_norm_epsilon"].is_null()) {
        const json& e = j["layer_norm_epsilon"];
        // Checked as the float it is stored in: 1e-50 is positive as a double but 0 as a float, and
        // layer norm divides by sqrt(variance + epsilon).
        if (!e.is_number() || !std::isfinite(e.get<double>()) || e.get<double>() > 1 ||
            float(e.get<double>()) < std::numeric_limits<float>::min())
            throw Error(source + ": \"layer_norm_epsilon\" must be a small positive number, found " + describe_json(e));
        c.layer_norm_epsilon = float(e.get<double>());
    }

    if (j.contains("activation_function") && !j["activation_function"].is_null()) {
        const json& a = j["activation_function"];
        if (!a.is_string()) throw Error(source + ": \"activation_function\" must be a string, found " + describe_json(a));
        const std::string name = a.get<std::string>();
        // gelu_pytorch_tanh is the same tanh approximation as gelu_new, computed by another kernel.
        if (name == "gelu_new" || name == "gelu_pytorch_tanh")
            c.activation_function = "gelu_new";
        else
            throw Error(source + ": activation_function " + quote_value(name) +
                        " is not supported; this engine runs GPT-2's \"gelu_new\"");
    }

    c.scale_attn_weights = read_bool(j, "scale_attn_weights", c.scale_attn_weights, source);
    c.scale_attn_by_inverse_layer_idx =
        read_bool(j, "scale_attn_by_inverse_layer_idx", c.scale_attn_by_inverse_layer_idx, source);
    c.tie_word_embeddings = read_bool(j, "tie_word_embeddings", c.tie_word_embeddings, source);
    c.bos_token_id = read_token_id(j, "bos_token_id", c.bos_token_id, source);
    c.eos_token_id = read_token_id(j, "eos_token_id", c.eos_token_id, source);
    // A given id must name a token of this vocabulary (the defaults, GPT-2's 50256, are left to
    // the code that uses them, which checks them against the vocabulary).
    for (const char* key : {"bos_token_id", "eos_token_id"})
        if (j.contains(key) && j.at(key).is_number_integer() && j.at(key).get<int64_t>() >= c.vocab_size)
            throw Error(source + ": \"" + key + "\" is " + std::to_string(j.at(key).get<int64_t>()) +
                        ", not a token of the vocabulary (ids 0.." + std::to_string(c.vocab_size - 1) + ")");

    // The largest allocation the model needs must be something a computer can hold.
    const int64_t total = c.parameter_count();
    if (total > kMaxParameters)
        throw Error(source + ": these sizes describe " + std::to_string(total) +
                    " parameters, far more than this program can hold");
    return c;
}

int64_t Config::parameter_count() const {
    if (n_layer <= 0 || n_embd <= 0)
        return 0;
    const int64_t C = n_embd, V = vocab_size, P = n_positions, I = inner(), L = n_layer;
    const int64_t per_layer = 2 * C               // ln_1
                              + C * 3 * C + 3 * C // c_attn
                              + C * C + C         // attn.c_proj
                              + 2 * C             // ln_2
                              + C * I + I         // mlp.c_fc
                              + I * C + C;        // mlp.c_proj
    return V * C + P * C + L * per_layer + 2 * C + (tie_word_embeddings ? 0 : V * C);
}

Config Config::load(const std::string& path) {
    return parse(read_model_file(path, 16 << 20, "the model's configuration"), path);
}

std::string Config::to_json() const {
    nlohmann::ordered_json j;
    j["model_type"] = "gpt2";
    j["architectures"] = {"GPT2LMHeadModel"};
    j["vocab_size"] = vocab_size;
    j["n_positions"] = n_positions;
    j["n_ctx"] = n_positions;
    j["n_embd"] = n_embd;
    j["n_layer"] = n_layer;
    j["n_head"] = n_head;
    j["n_inner"] = (n_inner == 0 || n_inner == 4 * n_embd) ? json(nullptr) : json(n_inner);
    j["activation_function"] = activation_function;
    // The shortest decimal that reads back as the same float (1e-05, not 9.99999974738e-06).
    double eps = layer_norm_epsilon;
    for (int digits = 1; digits <= 9; ++digits) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.*g", digits, double(layer_norm_epsilon));
        if (float(std::strtod(buf, nullptr)) == layer_norm_epsilon) {
            eps = std::strtod(buf, nullptr);
            break;
        }
    }
    j["layer_norm_epsilon"] = eps;
    j["scale_attn_weights"] = scale_attn_weights;
    j["scale_attn_by_inverse_layer_idx"] = scale_attn_by_inverse_layer_idx;
    j["tie_word_embeddings"] = tie_word_embeddings;
    // An id outside the vocabulary is GPT-2's default left unset (a small vocabulary has no token
    // 50256); it is left out so that the file reads back as it was written.
    if (bos_token_id < vocab_size) j["bos_token_id"] = bos_token_id;
    if (eos_token_id < vocab_size) j["eos_token_id"] = eos_token_id;
    return j.dump(2) + "\n";
}

} // namespace al

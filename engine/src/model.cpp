// Model: a validated GPT-2 checkpoint from a Hugging Face folder, or random weights of a given shape.
// Loading checks every expected tensor (present, float dtype, shape from config.json, finite values)
// before the model is handed out, so the forward pass can trust its inputs.
//
// Decisions: NaN/Inf weights, and finite ones of absurd magnitude (over 1e6), are refused (they
// would only yield silent garbage in every pattern); a tokenizer with fewer tokens than vocab_size is accepted (padded embedding tables are common),
// one with more is refused; tensors the config does not describe are ignored (h.N.attn.bias and
// attn.masked_bias buffers, extra heads) and never read, except weights for layers beyond n_layer,
// which mean the config and the weights disagree; lm_head.weight is used only when tie_word_embeddings is false.
#include "attention_lens/model.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <sys/stat.h>
#include <string_view>

#include "attention_lens/error.h"
#include "attention_lens/quote.h"
#include "attention_lens/safe_file.h"
#include "attention_lens/safetensors.h"
#include "normal_fill.h"

namespace al {

namespace fs = std::filesystem;

struct Model::Storage {
    Config config;
    std::optional<Tokenizer> tokenizer;
    std::string dtype = "F32";
    std::unique_ptr<SafetensorsFile> file;         // F32 weights are used in place from its bytes
    std::vector<std::vector<float>> converted;     // F16/BF16 (and unaligned F32) weights as float32
    std::unique_ptr<float[]> arena;                // random weights (not zero-filled first)
    const float* wte = nullptr;                    // [V, C]
    const float* wpe = nullptr;                    // [n_positions, C]
    const float* lnf_w = nullptr;                  // [C]
    const float* lnf_b = nullptr;                  // [C]
    const float* lm_head = nullptr;                // [V, C]
    std::vector<LayerWeights> layers;
};

Model::Model() : storage_(std::make_shared<Storage>()) {}
Model::~Model() = default;

const Config& Model::config() const { return storage_->config; }
const Tokenizer* Model::tokenizer() const { return storage_->tokenizer ? &*storage_->tokenizer : nullptr; }
const std::string& Model::dir() const { return dir_; }

std::shared_ptr<const Model> Model::relocated(const std::string& dir) const {
    std::shared_ptr<Model> moved(new Model());
    moved->storage_ = storage_;
    moved->dir_ = dir;
    return moved;
}
std::string Model::dtype() const { return storage_->dtype; }
int64_t Model::parameter_count() const { return storage_->config.parameter_count(); }
const float* Model::wte() const { return storage_->wte; }
const float* Model::wpe() const { return storage_->wpe; }
const float* Model::lnf_w() const { return storage_->lnf_w; }
const float* Model::lnf_b() const { return storage_->lnf_b; }
const float* Model::lm_head() const { return storage_->lm_head; }
const LayerWeights& Model::layer(int l) const {
    if (l < 0 || l >= int(storage_->layers.size()))
        throw Error("layer " + std::to_string(l) + " does not exist (the model has " +
                    std::to_string(storage_->layers.size()) + ")");
    return storage_->layers[size_t(l)];
}

Config Model::gpt2_small_config() {
    Config c;
    c.n_layer = 12;
    c.n_head = 12;
    c.n_embd = 768;
    c.n_positions = 1024;
    c.vocab_size = 50257;
    c.n_inner = 4 * 768;
    return c;
}

namespace {

// One weight GPT-2 expects: its name without the "transformer." prefix and its shape.
struct Expected {
    std::string name;
    std::vector<int64_t> shape;
    const float** slot;
};

std::string shape_text(const std::vector<int64_t>& s) {
    std::string t = "[";
    for (size_t i = 0; i < s.size(); ++i) t += (i ? ", " : "") + std::to_string(s[i]);
    return t + "]";
}

// Every tensor of GPT-2 (HF names) with the shape the config implies, bound to where its pointer goes.
std::vector<Expected> expected_tensors(const Config& c, Model::Storage& s, bool with_lm_head) {
    const int64_t C = c.n_embd, V = c.vocab_size, P = c.n_positions, I = c.n_inner;
    std::vector<Expected> e = {
        {"wte.weight", {V, C}, &s.wte},
        {"wpe.weight", {P, C}, &s.wpe},
    };
    s.layers.assign(size_t(c.n_layer), LayerWeights{});
    for (int l = 0; l < c.n_layer; ++l) {
        const std::string p = "h." + std::to_string(l) + ".";
        LayerWeights& w = s.layers[size_t(l)];
        e.push_back({p + "ln_1.weight", {C}, &w.ln1_w});
        e.push_back({p + "ln_1.bias", {C}, &w.ln1_b});
        e.push_back({p + "attn.c_attn.weight", {C, 3 * C}, &w.attn_w});
        e.push_back({p + "attn.c_attn.bias", {3 * C}, &w.attn_b});
        e.push_back({p + "attn.c_proj.weight", {C, C}, &w.proj_w});
        e.push_back({p + "attn.c_proj.bias", {C}, &w.proj_b});
        e.push_back({p + "ln_2.weight", {C}, &w.ln2_w});
        e.push_back({p + "ln_2.bias", {C}, &w.ln2_b});
        e.push_back({p + "mlp.c_fc.weight", {C, I}, &w.fc_w});
        e.push_back({p + "mlp.c_fc.bias", {I}, &w.fc_b});
        e.push_back({p + "mlp.c_proj.weight", {I, C}, &w.fcproj_w});
        e.push_back({p + "mlp.c_proj.bias", {C}, &w.fcproj_b});
    }
    e.push_back({"ln_f.weight", {C}, &s.lnf_w});
    e.push_back({"ln_f.bias", {C}, &s.lnf_b});
    if (with_lm_head) e.push_back({"lm_head.weight", {V, C}, &s.lm_head});
    return e;
}

bool is_layer_norm_weight(const std::string& name) {
    return name.size() > 7 && name.compare(name.size() - 7, 7, ".weight") == 0 &&
           (name.find("ln_") != std::string::npos);
}

// The layer index of "h.N.…" (after any "transformer." prefix), or -1.
long layer_index(const std::string& name) {
    std::string n = name.rfind("transformer.", 0) == 0 ? name.substr(12) : name;
    if (n.rfind("h.", 0) != 0) return -1;
    size_t i = 2;
    long v = 0;
    if (i >= n.size() || !std::isdigit(static_cast<unsigned char>(n[i]))) return -1;
    while (i < n.size() && std::isdigit(static_cast<unsigned char>(n[i])) && v < 1000000) v = v * 10 + (n[i++] - '0');
    return v;
}

// Trained weights are a few units at most (GPT-2's largest are in the tens); a magnitude this far
// beyond is a corrupt or hostile file, and would overflow float32 within a layer or two.
constexpr float kMaxWeight = 1e6f;

void check_values(const float* p, int64_t n, const std::string& file, const std::string& name) {
    for (int64_t i = 0; i < n; ++i) {
        if (std::fabs(p[i]) <= kMaxWeight) continue; // false for NaN too
        if (!std::isfinite(p[i]))
            throw Error(file + ": tensor " + quote_value(name) + " holds a non-finite value (" + std::to_string(p[i]) +
                        ") at element " + std::to_string(i) + "; the weights are corrupt");
        char value[32];
        std::snprintf(value, sizeof value, "%g", double(p[i]));
        throw Error(file + ": tensor " + quote_value(name) + " holds the value " + value + " at element " + std::to_string(i) +
                    ", far beyond any trained weight (the limit is 1e6); the weights are corrupt");
    }
}

// Whether merges.txt has a line that is neither empty nor its "#version" header.
bool has_a_merge(const std::string& merges) {
    size_t at = 0;
    for (int line_no = 1; at < merges.size(); ++line_no) {
        size_t end = merges.find('\n', at);
        if (end == std::string::npos) end = merges.size();
        std::string_view line(merges.data() + at, end - at);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty() && !(line_no == 1 && line.substr(0, 8) == "#version")) return true;
        at = end + 1;
    }
    return false;
}

// The folder holds the four files, each a regular file.
void check_folder(const std::string& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) throw Error("model folder \"" + dir + "\" does not exist");
    if (!fs::is_directory(dir, ec)) throw Error("\"" + dir + "\" is not a folder (a model is a folder with config.json, model.safetensors, vocab.json and merges.txt)");
    const fs::path root(dir);
    for (const char* f : {"config.json", "model.safetensors", "vocab.json", "merges.txt"}) {
        const fs::file_status own = fs::symlink_status(root / f, ec);
        if (fs::is_symlink(own) && !fs::exists(fs::status(root / f, ec))) {
            // A link whose target is missing, or that leads round in a loop: say so, not "has no".
            struct stat st {};
            const bool loop = ::stat((root / f).c_str(), &st) != 0 && errno == ELOOP;
            throw Error((root / f).string() + ": " + f + " is a symbolic link that cannot be followed (" +
                        (loop ? "the links form a loop" : "its target does not exist") + ")");
        }
        if (!fs::exists(root / f, ec))
            throw Error("model folder \"" + dir + "\" has no " + f +
                        " (a GPT-2 model folder needs config.json, model.safetensors, vocab.json and merges.txt)");
        if (!fs::is_regular_file(root / f, ec)) {
            const std::string kind = non_regular_kind((root / f).string());
            throw Error((root / f).string() + ": " + f + " is " +
                        (kind.empty() ? std::string("not a regular file") : kind + ", not a regular file"));
        }
    }
}

// For each expected tensor, the name it has in the file ("transformer."-prefixed or not), after
// checking that the file's tensors fit the config: none for layers it lacks, each expected one
// present once, of a float dtype and the shape the config implies.
std::vector<std::string> match_tensors(const std::map<std::string, TensorInfo>& tensors,
                                       const std::vector<Expected>& expected, const Config& c, const std::string& path) {
    // Tensors for layers the config does not have mean config.json and the weights disagree.
    for (const auto& [name, t] : tensors) {
        const long l = layer_index(name);
        if (l >= c.n_layer)
            throw Error(path + ": tensor " + quote_value(name) + " belongs to layer " + std::to_string(l) +
                        ", but config.json says n_layer " + std::to_string(c.n_layer));
    }
    std::vector<std::string> names;
    for (const Expected& e : expected) {
        const auto plain = tensors.find(e.name);
        const auto prefixed = tensors.find("transformer." + e.name);
        if (plain != tensors.end() && prefixed != tensors.end())
            throw Error(path + ": both \"" + e.name + "\" and \"transformer." + e.name + "\" are present");
        if (plain == tensors.end() && prefixed == tensors.end())
            throw Error(path + ": tensor \"" + e.name + "\" is missing (expected shape " + shape_text(e.shape) + ")");
        const TensorInfo& t = plain != tensors.end() ? plain->second : prefixed->second;
        if (t.dtype != DType::F32 && t.dtype != DType::F16 && t.dtype != DType::BF16)
            throw Error(path + ": tensor " + quote_value(t.name) + " has dtype " + t.dtype_text +
                        "; weights must be F32, F16 or BF16");
        if (t.shape != e.shape)
            throw Error(path + ": tensor " + quote_value(t.name) + " has shape " + shape_text(t.shape) +
                        ", but config.json implies " + shape_text(e.shape));
        names.push_back(t.name);
    }
    return names;
}

} // namespace

Config Model::check_files(const std::string& dir) {
    check_folder(dir);
    const fs::path root(dir);
    const Config c = Config::load((root / "config.json").string());
    const std::string path = (root / "model.safetensors").string();
    Storage scratch;
    match_tensors(read_safetensors_header(path).tensors, expected_tensors(c, scratch, !c.tie_word_embeddings), c, path);
    // The tokenizer refuses a merges.txt without merges at load; said here too (a read of half a
    // megabyte for GPT-2), so the model library does not call such a folder ready.
    const std::string merges_path = (root / "merges.txt").string();
    if (c.vocab_size > 257 && !has_a_merge(read_model_file(merges_path, 64ull << 20, "merges.txt")))
        throw Error(merges_path + ": merges.txt lists no merges, but config.json's vocabulary has " +
                    std::to_string(c.vocab_size) + " tokens (GPT-2's merges.txt has 50,000)");
    return c;
}

std::shared_ptr<const Model> Model::load(const std::string& dir) {
    check_folder(dir);
    const fs::path root(dir);

    std::shared_ptr<Model> model(new Model());
    Storage& s = *model->storage_;
    model->dir_ = dir;
    s.config = Config::load((root / "config.json").string());
    const Config& c = s.config;

    s.tokenizer.emplace(Tokenizer::load((root / "vocab.json").string(), (root / "merges.txt").string()));
    if (s.tokenizer->vocab_size() > c.vocab_size)
        throw Error((root / "vocab.json").string() + ": " + std::to_string(s.tokenizer->vocab_size()) +
                    " tokens, but config.json says vocab_size " + std::to_string(c.vocab_size) +
                    " (the tokenizer does not belong to this model)");

    // Only the tensors the model uses are read (under either name); the rest of the file is not.
    const std::string path = (root / "model.safetensors").string();
    const bool untied = !c.tie_word_embeddings;
    const std::vector<Expected> expected = expected_tensors(c, s, untied);
    std::set<std::string> used;
    for (const Expected& e : expected) {
        used.insert(e.name);
        used.insert("transformer." + e.name);
    }
    s.file = std::make_unique<SafetensorsFile>(path, [&](const std::string& n) { return used.count(n) != 0; });
    const SafetensorsFile& f = *s.file;
    const std::vector<std::string> names = match_tensors(f.tensors(), expected, c, path);

    std::map<std::string, int> dtype_count;
    for (size_t i = 0; i < expected.size(); ++i) {
        const TensorInfo& t = f.info(names[i]);
        const uint8_t* p = f.data(t);
        const float* w;
        if (t.dtype == DType::F32 && reinterpret_cast<uintptr_t>(p) % alignof(float) == 0) {
            w = reinterpret_cast<const float*>(p);
        } else {
            s.converted.push_back(f.to_float(t));
            w = s.converted.back().data();
        }
        check_values(w, t.numel(), path, t.name);
        *expected[i].slot = w;
        ++dtype_count[t.dtype_text];
    }
    if (!untied) s.lm_head = s.wte;
    // The dtype most weights are stored in (a mixed file is unusual; name the majority).
    s.dtype = std::max_element(dtype_count.begin(), dtype_count.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; })->first;
    return model;
}

std::shared_ptr<const Model> Model::random(const Config& config, uint64_t seed, std::optional<Tokenizer> tokenizer) {
    // Re-validate through the parser's rules so a hand-built config cannot ask for absurd sizes.
    const Config c = Config::parse(config.to_json(), "random model config");
    if (tokenizer && tokenizer->vocab_size() > c.vocab_size)
        throw Error("random model: the tokenizer has " + std::to_string(tokenizer->vocab_size()) +
                    " tokens, more than vocab_size " + std::to_string(c.vocab_size));
    std::shared_ptr<Model> model(new Model());
    Storage& s = *model->storage_;
    s.config = c;
    s.tokenizer = std::move(tokenizer);

    const auto expected = expected_tensors(s.config, s, !s.config.tie_word_embeddings);
    size_t total = 0;
    for (const auto& e : expected) {
        int64_t n = 1;
        for (int64_t d : e.shape) n *= d;
        total += size_t(n);
    }
    s.arena.reset(new float[total]);
    fill_normal(s.arena.get(), total, seed, 0.02f);
    size_t offset = 0;
    for (const auto& e : expected) {
        int64_t n = 1;
        for (int64_t d : e.shape) n *= d;
        float* w = s.arena.get() + offset;
        const bool is_bias = e.name.size() > 5 && e.name.compare(e.name.size() - 5, 5, ".bias") == 0;
        if (is_layer_norm_weight(e.name))
            std::fill(w, w + n, 1.0f);
        else if (is_bias)
            std::fill(w, w + n, 0.0f);
        *e.slot = w;
        offset += size_t(n);
    }
    if (s.config.tie_word_embeddings) s.lm_head = s.wte;
    return model;
}

} // namespace al

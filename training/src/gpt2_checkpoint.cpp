// Training checkpoints (see gpt2_train.h): a header with the shape and the step, then the
// parameters and Adam's two moments as raw float32, written to a temporary file and renamed.
#include "gpt2_train.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace al::train {

namespace {
constexpr uint32_t kMagic = 0x414c434bu; // "ALCK"
constexpr uint32_t kVersion = 1;

struct Header {
    uint32_t magic, version;
    int32_t vocab, max_T, n_layer, n_head, n_embd, attn_only; // attn_only: 0 in older files
    int64_t step, adam_t;
    uint64_t rng_state, n_params;
    double elapsed_s;
};

Header read_header(std::ifstream& f, const std::string& path) {
    Header h{};
    f.read(reinterpret_cast<char*>(&h), sizeof h);
    if (!f || h.magic != kMagic) throw std::runtime_error(path + ": not a training checkpoint");
    if (h.version != kVersion) throw std::runtime_error(path + ": unsupported checkpoint version");
    return h;
}
} // namespace

void save_checkpoint(const std::string& path, GPT2& model, const CheckpointMeta& meta) {
    const ModelShape& s = model.shape();
    Header h{kMagic, kVersion, s.vocab, s.max_T, s.n_layer, s.n_head, s.n_embd, s.attn_only ? 1 : 0,
             meta.step, model.adam_step(), meta.rng_state, model.params().size(), meta.elapsed_s};
    const std::string tmp = path + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) throw std::runtime_error("cannot write " + tmp);
        f.write(reinterpret_cast<const char*>(&h), sizeof h);
        for (auto* v : {&model.params(), &model.adam_m(), &model.adam_v()})
            f.write(reinterpret_cast<const char*>(v->data()), v->size() * sizeof(float));
        if (!f) throw std::runtime_error("write failed: " + tmp);
    }
    std::filesystem::rename(tmp, path);
}

ModelShape read_checkpoint_shape(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error("cannot open " + path);
    Header h = read_header(f, path);
    return ModelShape{.vocab = h.vocab,
                      .max_T = h.max_T,
                      .n_layer = h.n_layer,
                      .n_head = h.n_head,
                      .n_embd = h.n_embd,
                      .attn_only = h.attn_only != 0};
}

bool load_checkpoint(const std::string& path, GPT2& model, CheckpointMeta& meta) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    Header h = read_header(f, path);
    const ModelShape& s = model.shape();
    if (h.vocab != s.vocab || h.max_T != s.max_T || h.n_layer != s.n_layer || h.n_head != s.n_head ||
        h.n_embd != s.n_embd || (h.attn_only != 0) != s.attn_only || h.n_params != model.params().size())
        throw std::runtime_error(path + ": checkpoint shape differs from the requested model");
    for (auto* v : {&model.params(), &model.adam_m(), &model.adam_v()})
        f.read(reinterpret_cast<char*>(v->data()), v->size() * sizeof(float));
    if (!f) throw std::runtime_error(path + ": truncated checkpoint");
    meta.step = h.step;
    meta.rng_state = h.rng_state;
    meta.elapsed_s = h.elapsed_s;
    model.adam_step() = h.adam_t;
    return true;
}

} // namespace al::train

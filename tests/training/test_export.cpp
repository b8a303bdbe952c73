// The trainer's outputs load in the engine:
//  * the BPE trainer's vocab.json + merges.txt are in GPT-2's format (header line, 256 byte tokens
//    first in bytes_to_unicode order, <|endoftext|> last), al::Tokenizer loads them, encoding
//    round-trips and actually merges (far fewer tokens than bytes; frequent words are one token);
//  * a model written by export_hf loads through al::Model::load, and the engine's forward logits
//    equal the trainer's own forward (two code paths over the same weights) within 1e-4;
//  * load_hf reads the folder back bit-exactly.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "attention_lens/safetensors.h"
#include "attention_lens/tokenizer.h"
#include "bpe_trainer.h"
#include "gpt2_train.h"
#include "hf_export.h"
#include "plain_check.h"

namespace fs = std::filesystem;
using namespace al::train;

using testing_support::check;
using testing_support::failing_checks;

static const char* kText =
    "Once upon a time, there was a little girl named Lily. She loved to play outside in the sun. "
    "One day, Lily saw a big red ball in the park. She ran to the ball and kicked it high. "
    "The ball flew over the tree! Lily laughed. \"I can kick it again,\" she said.\n\n"
    "Her friend Tom came to play too. Tom and Lily played with the ball all day. They were happy. "
    "At night, Lily's mom said, \"It's time for bed.\" Lily smiled and went to sleep. Caf\xc3\xa9 na\xc3\xafve 123 4567.";

static std::string slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

int main() {
    const fs::path dir = fs::temp_directory_path() / "al-test-training-export";
    fs::remove_all(dir);
    fs::create_directories(dir);
    try {
        // ---- tokenizer ----
        BpeTrainer bpe;
        for (int i = 0; i < 3; i++) bpe.add_text(kText);
        bpe.train(320);
        std::ofstream(dir / "vocab.json", std::ios::binary) << bpe.vocab_json();
        std::ofstream(dir / "merges.txt", std::ios::binary) << bpe.merges_txt();
        const std::string merges = slurp(dir / "merges.txt");
        check(merges.rfind("#version: 0.2\n", 0) == 0, "merges.txt starts with #version: 0.2");
        check(bpe.merge_count() > 20 && bpe.vocab_size() == 256 + bpe.merge_count() + 1,
              "vocabulary = 256 bytes + merges + <|endoftext|> (" + std::to_string(bpe.vocab_size()) + ")");

        const auto tok = al::Tokenizer::load((dir / "vocab.json").string(), (dir / "merges.txt").string());
        check(tok.vocab_size() == bpe.vocab_size(), "al::Tokenizer loads it with the same vocabulary size");
        check(tok.eos_id() == tok.vocab_size() - 1, "<|endoftext|> is the last id");
        check(tok.token_string(0) == "!" && tok.token_string(255) == "\xc5\x83" /* U+0143 = byte 0xAD */ &&
                  tok.token_bytes(188) == std::string(1, '\0'),
              "byte tokens first, in bytes_to_unicode order");
        const std::vector<int> ids = tok.encode(kText);
        check(tok.decode(ids) == kText, "encode/decode round-trips (" + std::to_string(ids.size()) + " tokens)");
        const size_t bytes = std::string(kText).size();
        check(ids.size() * 3 < bytes * 2, "merges apply: " + std::to_string(ids.size()) + " tokens for " +
                                              std::to_string(bytes) + " bytes (under 2/3)");
        check(tok.encode(" Lily").size() == 1, "a frequent word (\" Lily\") is a single token");
        const std::string unseen = "Zebra quokka \xe2\x82\xac!";
        check(tok.decode(tok.encode(unseen)) == unseen, "unseen text (and a 3-byte character) round-trips");

        // ---- model export ----
        ModelShape s;
        s.vocab = tok.vocab_size();
        s.max_T = 64;
        s.n_layer = 2;
        s.n_head = 4;
        s.n_embd = 32;
        GPT2 model(s);
        model.init_random(11);
        // Move the weights away from init (LayerNorm 1/0, zero biases) so every tensor matters.
        {
            uint64_t z = 99;
            for (float& w : model.params()) {
                z = z * 6364136223846793005ull + 1442695040888963407ull;
                w += 0.05f * (static_cast<float>(z >> 40) / static_cast<float>(1ull << 24) - 0.5f);
            }
        }
        const fs::path mdir = dir / "model";
        export_hf(model, mdir.string(), dir.string());
        const std::string config = slurp(mdir / "config.json");
        check(config.find("\"model_type\": \"gpt2\"") != std::string::npos &&
                  config.find("\"GPT2LMHeadModel\"") != std::string::npos &&
                  config.find("\"activation_function\": \"gelu_new\"") != std::string::npos &&
                  config.find("\"n_inner\": null") != std::string::npos &&
                  config.find("\"tie_word_embeddings\": true") != std::string::npos,
              "config.json names gpt2 / GPT2LMHeadModel / gelu_new, n_inner null, tied embeddings");
        {
            al::SafetensorsFile st((mdir / "model.safetensors").string());
            const auto& qkv = st.info("h.1.attn.c_attn.weight");
            check(qkv.dtype == al::DType::F32 && qkv.shape == std::vector<int64_t>{32, 96} &&
                      st.has("wte.weight") && st.has("ln_f.bias") && !st.has("lm_head.weight") &&
                      st.tensors().size() == 2 + 12 * 2 + 2,
                  "model.safetensors: HF key names, F32, c_attn [C,3C], no separate lm_head");
        }

        const auto engine = al::Model::load(mdir.string());
        check(engine->config().n_layer == 2 && engine->config().n_embd == 32 &&
                  engine->config().vocab_size == s.vocab && engine->config().n_positions == 64,
              "al::Model::load reads the exported folder with its shape");
        std::vector<int> seq(ids.begin(), ids.begin() + 40);
        const int T = static_cast<int>(seq.size());
        al::Runner runner(engine);
        al::ForwardOptions opt;
        opt.all_logits = true;
        const al::ForwardResult r = runner.forward_full(seq, opt);
        model.forward(seq.data(), nullptr, 1, T);
        const std::vector<float>& mine = model.acts().logits;
        double worst = 0, worst_att = 0, spread = 0;
        for (size_t i = 0; i < mine.size(); i++) {
            worst = std::max(worst, static_cast<double>(std::fabs(mine[i] - r.logits_all[i])));
            spread = std::max(spread, static_cast<double>(std::fabs(mine[i])));
        }
        for (int l = 0; l < s.n_layer; l++)
            for (int h = 0; h < s.n_head; h++)
                for (int i = 0; i < T; i++)
                    for (int j = 0; j <= i; j++) {
                        const float a = model.acts().att[((static_cast<size_t>(l) * s.n_head + h) * T + i) * T + j];
                        worst_att = std::max(worst_att, static_cast<double>(std::fabs(a - r.attention.at(l, h, i, j))));
                    }
        std::printf("     max |logit difference| %.3g (logits up to %.3g); max |attention difference| %.3g\n",
                    worst, spread, worst_att);
        check(r.logits_all.size() == mine.size() && worst < 1e-4 && spread > 0.1,
              "engine forward logits == trainer forward logits (within 1e-4)");
        check(worst_att < 1e-5, "engine attention patterns == trainer attention patterns");

        GPT2 back = load_hf(mdir.string());
        check(back.params() == model.params(), "load_hf reads the exported weights back bit-exactly");
    } catch (const std::exception& e) {
        std::printf("FAIL exception: %s\n", e.what());
        failing_checks()++;
    }
    fs::remove_all(dir);
    std::printf("%d failing check(s)\n", failing_checks());
    return failing_checks() == 0 ? 0 : 1;
}

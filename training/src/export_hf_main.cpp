// al-export-hf: writes a training checkpoint as a Hugging Face GPT-2 folder.
// usage: al-export-hf --checkpoint FILE --tokenizer DIR --out DIR
#include <cstdio>
#include <string>

#include "gpt2_train.h"
#include "hf_export.h"

int main(int argc, char** argv) {
    std::string ckpt, tok, out;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--checkpoint") ckpt = argv[i + 1];
        else if (a == "--tokenizer") tok = argv[i + 1];
        else if (a == "--out") out = argv[i + 1];
    }
    if (ckpt.empty() || tok.empty() || out.empty()) {
        std::fprintf(stderr, "usage: al-export-hf --checkpoint FILE --tokenizer DIR --out DIR\n");
        return 2;
    }
    try {
        al::train::GPT2 model(al::train::read_checkpoint_shape(ckpt));
        al::train::CheckpointMeta meta;
        al::train::load_checkpoint(ckpt, model, meta);
        al::train::export_hf(model, out, tok);
        std::printf("step %lld, %zu parameters -> %s\n", static_cast<long long>(meta.step), model.params().size(),
                    out.c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "al-export-hf: %s\n", e.what());
        return 1;
    }
}

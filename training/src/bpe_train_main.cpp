// al-bpe-train: learns a byte-level BPE vocabulary (GPT-2 format) from corpus files.
// usage: al-bpe-train --vocab-size N --out DIR FILE...   -> DIR/vocab.json, DIR/merges.txt
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <type_traits>
#include <vector>

#include "bpe_trainer.h"
#include "corpus_files.h"
#include "flag_number.h"

int main(int argc, char** argv) {
    int vocab_size = 4096;
    std::string out;
    std::vector<std::string> files;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        if (a == "--vocab-size" && i + 1 < argc) {
            try {
                vocab_size = al::train::flag_number<int>(a, argv[++i]);
            } catch (const std::invalid_argument& e) {
                std::fprintf(stderr, "al-bpe-train: %s\n", e.what());
                return 2;
            }
        } else if (a == "--out" && i + 1 < argc) {
            out = argv[++i];
        } else {
            files.push_back(a);
        }
    }
    if (out.empty() || files.empty() || vocab_size < 257 || vocab_size > 65535) {
        std::fprintf(stderr, "usage: al-bpe-train --vocab-size N (257..65535) --out DIR FILE...\n");
        return 2;
    }
    try {
        al::train::BpeTrainer bpe;
        for (const auto& f : files)
            for (const auto& doc : al::train::read_documents(f)) bpe.add_text(doc);
        bpe.train(vocab_size);
        std::filesystem::create_directories(out);
        std::ofstream(out + "/vocab.json", std::ios::binary) << bpe.vocab_json();
        std::ofstream(out + "/merges.txt", std::ios::binary) << bpe.merges_txt();
        std::printf("%zu distinct pieces; %d merges; vocabulary %d tokens -> %s\n", bpe.distinct_pieces(),
                    bpe.merge_count(), bpe.vocab_size(), out.c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "al-bpe-train: %s\n", e.what());
        return 1;
    }
}

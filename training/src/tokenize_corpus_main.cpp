// al-tokenize-corpus: encodes corpus files with a GPT-2-format tokenizer into a token file of
// uint16 little-endian ids (the trainer's input), <|endoftext|> between documents.
// usage: al-tokenize-corpus --tokenizer DIR --out FILE.bin FILE...
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "attention_lens/tokenizer.h"
#include "corpus_files.h"

int main(int argc, char** argv) {
    std::string dir, out;
    std::vector<std::string> files;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        if (a == "--tokenizer" && i + 1 < argc) dir = argv[++i];
        else if (a == "--out" && i + 1 < argc) out = argv[++i];
        else files.push_back(a);
    }
    if (dir.empty() || out.empty() || files.empty()) {
        std::fprintf(stderr, "usage: al-tokenize-corpus --tokenizer DIR --out FILE.bin FILE...\n");
        return 2;
    }
    try {
        const auto tok = al::Tokenizer::load(dir + "/vocab.json", dir + "/merges.txt");
        if (tok.vocab_size() > 65536) throw std::runtime_error("vocabulary too large for uint16 ids");
        std::vector<uint16_t> ids;
        size_t docs = 0, bytes = 0;
        for (const auto& f : files) {
            for (const auto& doc : al::train::read_documents(f)) {
                if (docs++) ids.push_back(static_cast<uint16_t>(tok.eos_id()));
                for (int id : tok.encode(doc)) ids.push_back(static_cast<uint16_t>(id));
                bytes += doc.size();
            }
        }
        std::ofstream o(out, std::ios::binary);
        o.write(reinterpret_cast<const char*>(ids.data()), static_cast<std::streamsize>(ids.size() * 2));
        if (!o) throw std::runtime_error("cannot write " + out);
        std::printf("%zu documents, %zu bytes -> %zu tokens (%.2f bytes/token) -> %s\n", docs, bytes, ids.size(),
                    static_cast<double>(bytes) / ids.size(), out.c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "al-tokenize-corpus: %s\n", e.what());
        return 1;
    }
}

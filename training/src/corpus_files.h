// Reading the corpus files written by training/corpus/build_corpus.py: UTF-8 text whose documents
// are separated by a line holding only <|endoftext|>.
#pragma once
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace al::train {

inline std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error("cannot open " + path);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

inline std::vector<std::string> read_documents(const std::string& path) {
    const std::string text = read_file(path);
    const std::string sep = "\n<|endoftext|>\n";
    std::vector<std::string> docs;
    size_t start = 0;
    while (true) {
        const size_t at = text.find(sep, start);
        docs.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) break;
        start = at + sep.size();
    }
    // The file ends with one newline after the last document; it is not part of it.
    if (!docs.empty() && !docs.back().empty() && docs.back().back() == '\n') docs.back().pop_back();
    return docs;
}

} // namespace al::train

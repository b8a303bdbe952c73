// A byte-level BPE trainer in GPT-2's style: text is split with GPT-2's pre-tokenization regex
// (al::pretokenize), so merges never cross the pieces GPT-2 splits words into; the 256 byte tokens
// come first in bytes_to_unicode order, then one token per merge, then <|endoftext|> last.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace al::train {

class BpeTrainer {
public:
    // Counts the pre-tokenized pieces of one text (call once per document).
    void add_text(std::string_view utf8);
    // Learns merges until the vocabulary (bytes + merges + <|endoftext|>) has vocab_size tokens or
    // no pair occurs at least twice. Ties between equally frequent pairs go to the pair whose two
    // tokens' bytes are smallest (lexicographically, left then right), so the result is deterministic.
    void train(int vocab_size);

    // GPT-2's formats: vocab.json maps the byte-to-unicode token string to its id; merges.txt
    // starts with "#version: 0.2" and lists one merge ("left right") per line in rank order.
    std::string vocab_json() const;
    std::string merges_txt() const;
    int vocab_size() const { return static_cast<int>(tokens_.size()) + 1; }
    int merge_count() const { return static_cast<int>(merges_.size()); }
    size_t distinct_pieces() const { return piece_counts_.size(); }

private:
    std::unordered_map<std::string, int64_t> piece_counts_;
    std::vector<std::string> tokens_;               // raw bytes of each token, by id
    std::vector<std::pair<int, int>> merges_;       // in rank order
};

} // namespace al::train

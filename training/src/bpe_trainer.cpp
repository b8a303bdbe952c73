// Byte-level BPE training (see bpe_trainer.h). Each distinct pre-tokenized piece is a sequence of
// token ids with a count; pair counts are kept for the whole corpus and updated only for the pieces
// that contain the merged pair.
#include "bpe_trainer.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "attention_lens/tokenizer.h"

namespace al::train {

namespace {

// GPT-2's bytes_to_unicode order: the printable bytes keep their code points and come first, the
// other 68 bytes follow in byte order. Token id i (i < 256) is the byte order()[i].
std::vector<int> byte_order() {
    std::vector<int> bs;
    for (int b = '!'; b <= '~'; b++) bs.push_back(b);
    for (int b = 0xA1; b <= 0xAC; b++) bs.push_back(b);
    for (int b = 0xAE; b <= 0xFF; b++) bs.push_back(b);
    std::vector<bool> seen(256, false);
    for (int b : bs) seen[b] = true;
    for (int b = 0; b < 256; b++)
        if (!seen[b]) bs.push_back(b);
    return bs;
}

uint64_t key(int a, int b) { return (static_cast<uint64_t>(a) << 32) | static_cast<uint32_t>(b); }

} // namespace

void BpeTrainer::add_text(std::string_view utf8) {
    for (auto& piece : al::pretokenize(utf8)) piece_counts_[piece]++;
}

void BpeTrainer::train(int vocab_size) {
    const std::vector<int> order = byte_order();
    std::vector<int> byte_to_id(256);
    tokens_.clear();
    merges_.clear();
    for (int i = 0; i < 256; i++) {
        byte_to_id[order[i]] = i;
        tokens_.push_back(std::string(1, static_cast<char>(order[i])));
    }
    // Pieces in a deterministic order (sorted), as id sequences.
    std::vector<std::pair<std::string, int64_t>> sorted(piece_counts_.begin(), piece_counts_.end());
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::vector<int>> words;
    std::vector<int64_t> freq;
    for (auto& [piece, count] : sorted) {
        std::vector<int> ids;
        for (unsigned char c : piece) ids.push_back(byte_to_id[c]);
        words.push_back(std::move(ids));
        freq.push_back(count);
    }
    std::unordered_map<uint64_t, int64_t> pair_count;
    std::unordered_map<uint64_t, std::vector<int>> where;
    auto add_pairs = [&](int w, int64_t sign) {
        const auto& s = words[w];
        for (size_t i = 0; i + 1 < s.size(); i++) {
            const uint64_t k = key(s[i], s[i + 1]);
            pair_count[k] += sign * freq[w];
            if (sign > 0) where[k].push_back(w);
        }
    };
    for (int w = 0; w < static_cast<int>(words.size()); w++) add_pairs(w, +1);

    std::vector<int> stamp(words.size(), -1);
    const int target_merges = vocab_size - 1 - 256;
    while (static_cast<int>(merges_.size()) < target_merges) {
        uint64_t best = 0;
        int64_t best_count = 1; // a pair must occur at least twice
        for (auto it = pair_count.begin(); it != pair_count.end();) {
            if (it->second <= 0) {
                it = pair_count.erase(it);
                continue;
            }
            const int64_t c = it->second;
            bool better = c > best_count;
            if (!better && c == best_count && best_count > 1) {
                const int a = static_cast<int>(it->first >> 32), b = static_cast<int>(it->first & 0xffffffffu);
                const int ba = static_cast<int>(best >> 32), bb = static_cast<int>(best & 0xffffffffu);
                better = std::tie(tokens_[a], tokens_[b]) < std::tie(tokens_[ba], tokens_[bb]);
            }
            if (better) {
                best = it->first;
                best_count = c;
            }
            ++it;
        }
        if (best_count < 2) break;
        const int a = static_cast<int>(best >> 32), b = static_cast<int>(best & 0xffffffffu);
        const int new_id = static_cast<int>(tokens_.size());
        tokens_.push_back(tokens_[a] + tokens_[b]);
        merges_.emplace_back(a, b);
        const int round = static_cast<int>(merges_.size());
        std::vector<int> affected = std::move(where[best]);
        where.erase(best);
        for (int w : affected) {
            if (stamp[w] == round) continue;
            stamp[w] = round;
            auto& s = words[w];
            bool has = false;
            for (size_t i = 0; i + 1 < s.size() && !has; i++) has = s[i] == a && s[i + 1] == b;
            if (!has) continue;
            add_pairs(w, -1);
            std::vector<int> merged;
            merged.reserve(s.size());
            for (size_t i = 0; i < s.size(); i++) {
                if (i + 1 < s.size() && s[i] == a && s[i + 1] == b) {
                    merged.push_back(new_id);
                    i++;
                } else {
                    merged.push_back(s[i]);
                }
            }
            s = std::move(merged);
            add_pairs(w, +1);
        }
    }
}

std::string BpeTrainer::vocab_json() const {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (size_t i = 0; i < tokens_.size(); i++) j[al::bytes_to_token_string(tokens_[i])] = static_cast<int>(i);
    j["<|endoftext|>"] = static_cast<int>(tokens_.size());
    return j.dump(-1, ' ', true);
}

std::string BpeTrainer::merges_txt() const {
    std::string out = "#version: 0.2\n";
    for (auto [a, b] : merges_)
        out += al::bytes_to_token_string(tokens_[a]) + " " + al::bytes_to_token_string(tokens_[b]) + "\n";
    return out;
}

} // namespace al::train

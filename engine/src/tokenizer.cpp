// GPT-2's byte-level BPE: loading vocab.json + merges.txt, merging by rank, the per-word cache,
// encode/decode and the per-token queries the app draws chips from.
#include "attention_lens/tokenizer.h"

#include "attention_lens/error.h"
#include "attention_lens/quote.h"
#include "attention_lens/safe_file.h"
#include "json_text.h"
#include "tokenizer_text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <limits>
#include <mutex>
#include <queue>
#include <shared_mutex>
#include <sstream>

namespace al {

namespace {

constexpr const char* kEndOfText = "<|endoftext|>";
// Words longer than this (in bytes) are merged with a heap instead of the rescanning loop, so a
// megabyte with no spaces stays fast; they are not cached either.
constexpr size_t kLongWord = 256;
constexpr size_t kCacheLimit = 100000;

uint64_t pair_key(int a, int b) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
}

struct Merge {
    int rank;
    int result;  // id of the merged token
};

// vocab.json and merges.txt of GPT-2 are 1 MB and 0.5 MB; 64 MB holds a vocabulary of millions.
constexpr uint64_t kMaxTokenizerFileBytes = 64ull << 20;
// The longest token string vocab.json may hold (in GPT-2's byte-to-unicode form, up to two UTF-8
// bytes a byte): 16 times GPT-2's longest.
constexpr size_t kMaxTokenStringBytes = 4096;

bool is_word_byte(unsigned char b) {
    // Letters, digits and any byte of a non-ASCII UTF-8 character count as "inside a word".
    return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || b >= 0x80;
}

} // namespace

struct Tokenizer::Impl {
    std::string source;                                // names the files in error messages
    std::unordered_map<std::string, int> string_to_id; // vocab.json: token string -> id
    std::unordered_map<uint64_t, Merge> merges;        // (left id, right id) -> rank, result
    std::array<int, 256> byte_id{};                     // the single-byte token of each byte
    std::vector<char> special;                          // per id: is a special token

    mutable std::shared_mutex cache_mutex;
    mutable std::unordered_map<std::string, std::vector<int>> cache;

    const Merge* find_merge(int a, int b) const {
        auto it = merges.find(pair_key(a, b));
        return it == merges.end() ? nullptr : &it->second;
    }

    // GPT-2's loop: repeatedly merge every occurrence (left to right) of the lowest-ranked pair.
    void bpe_short(std::vector<int>& word) const {
        while (word.size() > 1) {
            int best_rank = std::numeric_limits<int>::max();
            int best_a = -1, best_b = -1, best_result = -1;
            for (size_t i = 0; i + 1 < word.size(); ++i) {
                const Merge* m = find_merge(word[i], word[i + 1]);
                if (m && m->rank < best_rank) {
                    best_rank = m->rank;
                    best_a = word[i];
                    best_b = word[i + 1];
                    best_result = m->result;
                }
            }
            if (best_a < 0) break;
            size_t out = 0;
            for (size_t i = 0; i < word.size();) {
                if (i + 1 < word.size() && word[i] == best_a && word[i + 1] == best_b) {
                    word[out++] = best_result;
                    i += 2;
                } else {
                    word[out++] = word[i++];
                }
            }
            word.resize(out);
        }
    }

    // The same merges in the same order (lowest rank first, leftmost first among equals) over a
    // linked list with a heap: O(n log n) instead of O(n * merges) for very long words.
    void bpe_long(std::vector<int>& word) const {
        const size_t n = word.size();
        std::vector<int> next(n), prev(n);
        std::vector<char> alive(n, 1);
        for (size_t i = 0; i < n; ++i) {
            next[i] = i + 1 < n ? static_cast<int>(i + 1) : -1;
            prev[i] = static_cast<int>(i) - 1;
        }
        struct Candidate {
            int rank, pos, left, right;
            bool operator>(const Candidate& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
        };
        std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> heap;
        auto push = [&](int pos) {
            if (pos < 0 || next[static_cast<size_t>(pos)] < 0) return;
            const int r = next[static_cast<size_t>(pos)];
            if (const Merge* m = find_merge(word[static_cast<size_t>(pos)], word[static_cast<size_t>(r)]))
                heap.push({m->rank, pos, word[static_cast<size_t>(pos)], word[static_cast<size_t>(r)]});
        };
        for (size_t i = 0; i + 1 < n; ++i) push(static_cast<int>(i));
        while (!heap.empty()) {
            const Candidate c = heap.top();
            heap.pop();
            const auto p = static_cast<size_t>(c.pos);
            if (!alive[p] || word[p] != c.left || next[p] < 0) continue;  // stale entry
            const auto r = static_cast<size_t>(next[p]);
            if (word[r] != c.right) continue;
            word[p] = find_merge(c.left, c.right)->result;
            alive[r] = 0;
            next[p] = next[r];
            if (next[r] >= 0) prev[static_cast<size_t>(next[r])] = c.pos;
            push(prev[p]);
            push(c.pos);
        }
        size_t out = 0;
        for (size_t i = 0; i < n; ++i)
            if (alive[i]) word[out++] = word[i];
        word.resize(out);
    }

    void encode_word(std::string_view piece, std::vector<int>& ids) const {
        const bool cacheable = piece.size() <= kLongWord;
        std::string key;
        if (cacheable) {
            key.assign(piece);
            std::shared_lock lock(cache_mutex);
            auto it = cache.find(key);
            if (it != cache.end()) {
                ids.insert(ids.end(), it->second.begin(), it->second.end());
                return;
            }
        }
        std::vector<int> word;
        word.reserve(piece.size());
        for (unsigned char b : piece) word.push_back(byte_id[b]);
        if (cacheable) bpe_short(word); else bpe_long(word);
        ids.insert(ids.end(), word.begin(), word.end());
        if (cacheable) {
            std::unique_lock lock(cache_mutex);
            if (cache.size() >= kCacheLimit) cache.clear();  // bounded memory under endless typing
            cache.emplace(std::move(key), std::move(word));
        }
    }

    void encode_plain(std::string_view valid_utf8, std::vector<int>& ids) const {
        for_each_pretoken(valid_utf8, [&](std::string_view piece) { encode_word(piece, ids); });
    }
};

Tokenizer::Tokenizer() : impl_(std::make_unique<Impl>()) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Tokenizer Tokenizer::load(const std::string& vocab_path, const std::string& merges_path) {
    const std::string vocab = read_model_file(vocab_path, kMaxTokenizerFileBytes, "the vocabulary");
    const std::string merges = read_model_file(merges_path, kMaxTokenizerFileBytes, "merges.txt");
    return from_strings(vocab, merges, vocab_path + " + " + merges_path);
}

Tokenizer Tokenizer::from_strings(const std::string& vocab_json, const std::string& merges_txt,
                                  const std::string& source) {
    Tokenizer t;
    Impl& im = *t.impl_;
    im.source = source;

    // vocab.json: {"token string": id, ...}, ids 0..N-1, each once.
    // vocab.json is one flat object: anything nested deeper is not a vocabulary.
    check_json_text(vocab_json, source, "vocab.json", 4);
    nlohmann::json vocab;
    try {
        vocab = nlohmann::json::parse(vocab_json);
    } catch (const nlohmann::json::exception& e) {
        // Not only parse_error: a number too large for a double (2.0e746402) is an out_of_range.
        throw Error(source + ": vocab.json is not valid JSON (" + excerpt(e.what(), 200) + ")");
    }
    if (!vocab.is_object() || vocab.empty())
        throw Error(source + ": vocab.json must be a non-empty object mapping token strings to ids");
    const size_t n = vocab.size();
    t.id_to_bytes_.assign(n, std::string());
    std::vector<char> seen(n, 0);
    im.string_to_id.reserve(n);
    for (auto it = vocab.begin(); it != vocab.end(); ++it) {
        if (!it.value().is_number_integer())
            throw Error(source + ": vocab.json entry " + quote_value(it.key()) + " has a non-integer id");
        const auto id = it.value().get<long long>();
        if (id < 0 || id >= static_cast<long long>(n))
            throw Error(source + ": vocab.json id " + std::to_string(id) + " of " + quote_value(it.key()) +
                        " is outside 0.." + std::to_string(n - 1) + " (ids must be dense)");
        // An empty token stands for no bytes: BPE can never produce it, so it is refused for what
        // it is rather than counted as one of two tokens sharing an id.
        if (it.key().empty())
            throw Error(source + ": vocab.json holds an empty token \"\" (id " + std::to_string(id) +
                        "); every token stands for at least one byte");
        if (seen[static_cast<size_t>(id)]) {
            // Both tokens are named: the keys come sorted, not in the file's order, so which one
            // was "first" says nothing.
            std::string other;
            for (const auto& [key, other_id] : im.string_to_id)
                if (other_id == id) other = key;
            throw Error(source + ": vocab.json gives id " + std::to_string(id) + " to more than one token (" +
                        quote_value(other) + " and " + quote_value(it.key()) + ")");
        }
        seen[static_cast<size_t>(id)] = 1;
        std::string bytes;
        try {
            bytes = token_string_to_bytes(it.key());
        } catch (const Error& e) {
            throw Error(source + ": vocab.json: " + e.what());
        }
        // GPT-2's longest token is 128 bytes. A token of megabytes is no vocabulary's: every label
        // and sentence that names it would be laid out whole (hundreds of bytes of memory per byte
        // of token), so a model that predicts it could not be shown.
        if (it.key().size() > kMaxTokenStringBytes)
            throw Error(source + ": vocab.json token id " + std::to_string(id) + " " + quote_value(it.key()) +
                        " is longer than the " + std::to_string(kMaxTokenStringBytes) +
                        " bytes a token may have here (GPT-2's longest is 128 characters)");
        t.id_to_bytes_[static_cast<size_t>(id)] = std::move(bytes);
        im.string_to_id.emplace(it.key(), static_cast<int>(id));
    }
    im.special.assign(n, 0);
    if (auto it = im.string_to_id.find(kEndOfText); it != im.string_to_id.end()) {
        t.eos_id_ = it->second;
        im.special[static_cast<size_t>(it->second)] = 1;
    }
    for (int b = 0; b < 256; ++b) {
        auto it = im.string_to_id.find(byte_to_token_char(static_cast<unsigned char>(b)));
        if (it == im.string_to_id.end()) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", b);
            throw Error(source + ": vocab.json lacks the single-byte token for byte " + hex +
                        " (a byte-level BPE vocabulary needs all 256)");
        }
        im.byte_id[static_cast<size_t>(b)] = it->second;
    }

    // merges.txt: an optional "#version" line, then "left right" per line, best (lowest rank) first.
    std::istringstream lines(merges_txt);
    std::string line;
    int line_no = 0, rank = 0;
    im.merges.reserve(n);
    while (std::getline(lines, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        if (line_no == 1 && line.rfind("#version", 0) == 0) continue;
        const size_t sp = line.find(' ');
        if (sp == std::string::npos || sp == 0 || sp + 1 >= line.size() || line.find(' ', sp + 1) != std::string::npos)
            throw Error(source + ": merges.txt line " + std::to_string(line_no) +
                        " is malformed (expected two tokens separated by one space): " + quote_value(line));
        const std::string left = line.substr(0, sp), right = line.substr(sp + 1);
        auto l = im.string_to_id.find(left), r = im.string_to_id.find(right);
        auto m = im.string_to_id.find(left + right);
        if (l == im.string_to_id.end() || r == im.string_to_id.end() || m == im.string_to_id.end()) {
            const std::string& missing = l == im.string_to_id.end() ? left
                                         : r == im.string_to_id.end() ? right : left + right;
            throw Error(source + ": merges.txt line " + std::to_string(line_no) + " " + quote_value(line) +
                        " needs token " + quote_value(missing) + ", which vocab.json lacks (vocab/merges mismatch)");
        }
        // A repeated pair keeps its later rank, as GPT-2's dict(zip(merges, range(...))) does.
        im.merges[pair_key(l->second, r->second)] = Merge{rank++, m->second};
    }
    // Every token past the 256 single bytes and <|endoftext|> is made by a merge; without merges
    // text would split byte by byte and the model would see tokens it was never trained on.
    const size_t merged_tokens = n - 256 - (t.eos_id_ >= 0 ? 1 : 0);
    if (rank == 0 && merged_tokens > 0)
        throw Error(source + ": merges.txt lists no merges, but vocab.json has " + std::to_string(n) +
                    " tokens; a byte-level BPE vocabulary beyond the 256 single bytes and <|endoftext|> "
                    "needs its merges (GPT-2's merges.txt has 50,000)");
    return t;
}

std::vector<int> Tokenizer::encode(std::string_view utf8, const EncodeOptions& opt, bool* had_invalid_utf8) const {
    std::string repaired;
    bool invalid = false;
    if (!is_valid_utf8(utf8)) {
        repaired = sanitize_utf8(utf8, &invalid);
        utf8 = repaired;
    }
    if (had_invalid_utf8) *had_invalid_utf8 = invalid;

    std::vector<int> ids;
    ids.reserve(utf8.size() / 3 + 2);
    if (opt.prepend_bos) {
        if (eos_id_ < 0) throw Error(impl_->source + ": cannot prepend <|endoftext|>: the vocabulary has no such token");
        ids.push_back(eos_id_);
    }
    // Like Hugging Face's GPT2Tokenizer, a literal "<|endoftext|>" in the text is the special token;
    // the text on each side is pre-tokenized separately.
    const std::string_view eot(kEndOfText);
    size_t pos = 0;
    while (eos_id_ >= 0) {
        const size_t hit = utf8.find(eot, pos);
        if (hit == std::string_view::npos) break;
        impl_->encode_plain(utf8.substr(pos, hit - pos), ids);
        ids.push_back(eos_id_);
        pos = hit + eot.size();
    }
    impl_->encode_plain(utf8.substr(pos), ids);
    return ids;
}

std::string Tokenizer::decode(const std::vector<int>& ids) const {
    std::string out;
    for (int id : ids) out += token_bytes(id);
    return out;
}

std::string Tokenizer::token_bytes(int id) const {
    if (id < 0 || id >= vocab_size())
        throw Error("token id " + std::to_string(id) + " is outside the vocabulary (0.." +
                    std::to_string(vocab_size() - 1) + ")");
    return id_to_bytes_[static_cast<size_t>(id)];
}

std::string Tokenizer::token_string(int id) const {
    return bytes_to_token_string(token_bytes(id));
}

bool Tokenizer::is_special(int id) const {
    return id >= 0 && id < vocab_size() && impl_->special[static_cast<size_t>(id)];
}

std::vector<bool> Tokenizer::continues_word(const std::vector<int>& ids) const {
    std::vector<bool> out(ids.size(), false);
    for (int id : ids) token_bytes(id);  // rejects an out-of-range id with a clear error
    for (size_t i = 1; i < ids.size(); ++i) {
        if (is_special(ids[i]) || is_special(ids[i - 1])) continue;
        const std::string cur = token_bytes(ids[i]), prev = token_bytes(ids[i - 1]);
        if (cur.empty() || prev.empty()) continue;
        out[i] = is_word_byte(static_cast<unsigned char>(cur.front())) &&
                 is_word_byte(static_cast<unsigned char>(prev.back()));
    }
    return out;
}

int Tokenizer::id_of(const std::string& token_string) const {
    auto it = impl_->string_to_id.find(token_string);
    return it == impl_->string_to_id.end() ? -1 : it->second;
}

} // namespace al

// GPT-2's byte-level BPE tokenizer, exact: the pre-tokenization regex (with \p{L}, \p{N} and the
// \s+(?!\S) lookahead, through PCRE2), bytes_to_unicode, merges applied by rank, a per-word cache.
// A loaded Tokenizer is safe to use from several threads at once (the word cache is locked).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace al {

// GPT-2's pre-tokenization: splits UTF-8 text into the pieces BPE runs on, with GPT-2's regex
// 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// (used by the tokenizer and by the BPE trainer). Input should be valid UTF-8; invalid bytes are
// first replaced as sanitize_utf8 does.
std::vector<std::string> pretokenize(std::string_view utf8);
// GPT-2's bytes_to_unicode: each byte maps to one printable code point; returns the UTF-8 text
// of those code points (vocab.json's key form) and back.
std::string bytes_to_token_string(std::string_view bytes);
std::string token_string_to_bytes(std::string_view token_string); // throws al::Error if not a valid map
// Replaces each maximal invalid UTF-8 sequence with U+FFFD (Python's errors="replace", i.e. Unicode's
// "substitution of maximal subparts"): a lone continuation byte, 0xC0/0xC1, 0xF5..0xFF -> one U+FFFD
// each; a truncated sequence (e.g. F0 9F 98 at the end) -> one U+FFFD; an overlong or surrogate
// form such as C0 80 or ED A0 80 -> one U+FFFD per byte, since its second byte is already invalid.
std::string sanitize_utf8(std::string_view bytes, bool* had_invalid = nullptr);
// The offset of the first byte that starts no valid UTF-8 sequence (std::string_view::npos when
// all of `bytes` is valid UTF-8): where input that must be text is refused, not repaired.
size_t first_invalid_utf8(std::string_view bytes);

struct EncodeOptions {
    bool prepend_bos = false;        // prepend <|endoftext|> (off by default, like Hugging Face)
};

class Tokenizer {
public:
    // Loads vocab.json and merges.txt in GPT-2's format. Throws al::Error if either is missing or
    // malformed, or if a merge produces a token absent from the vocabulary (vocab/merges mismatch).
    static Tokenizer load(const std::string& vocab_path, const std::string& merges_path);
    static Tokenizer from_strings(const std::string& vocab_json, const std::string& merges_txt,
                                  const std::string& source = "tokenizer");

    // Invalid UTF-8 handling (documented, deterministic): each maximal invalid byte sequence is
    // replaced by U+FFFD before pre-tokenization, exactly as Python's bytes.decode(errors="replace").
    // `had_invalid_utf8`, if given, is set to whether a replacement happened. So for GPT-2, "\xFF"
    // encodes as id 4210 ("\xEF\xBF\xBD"), the same as the text "\uFFFD".
    // The literal text "<|endoftext|>" becomes the special token (as Hugging Face's GPT2Tokenizer
    // does); the text on either side of it is pre-tokenized separately.
    std::vector<int> encode(std::string_view utf8, const EncodeOptions& opt = {},
                            bool* had_invalid_utf8 = nullptr) const;
    std::string decode(const std::vector<int>& ids) const;   // raw bytes joined (may be invalid UTF-8)
    std::string token_bytes(int id) const;                   // the raw bytes of one token
    // decode, token_bytes, token_string and continues_word throw al::Error for an id outside
    // 0..vocab_size()-1.
    std::string token_string(int id) const;                  // vocab.json's key (byte-to-unicode form)
    bool is_special(int id) const;                           // <|endoftext|> and added special tokens
    // Whether token i continues the word that token i-1 started (no leading space/punctuation, and
    // the previous token ended inside a word). Token 0 never continues a word.
    std::vector<bool> continues_word(const std::vector<int>& ids) const;

    int vocab_size() const { return static_cast<int>(id_to_bytes_.size()); }
    int eos_id() const { return eos_id_; }
    int id_of(const std::string& token_string) const;        // -1 if absent

    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;
    ~Tokenizer();

private:
    Tokenizer();
    struct Impl;                 // private members may change; the public API above is the contract
    std::unique_ptr<Impl> impl_;
    std::vector<std::string> id_to_bytes_;
    int eos_id_ = -1;
};

} // namespace al

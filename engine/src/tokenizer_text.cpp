// The text side of GPT-2's tokenizer: UTF-8 repair, the pre-tokenization regex, and the
// bytes_to_unicode map between raw bytes and vocab.json's printable token strings.
#include "attention_lens/tokenizer.h"

#include "attention_lens/error.h"
#include "attention_lens/quote.h"
#include "tokenizer_text.h"

#include <pcre2.h>

#include <array>
#include <mutex>

namespace al {

namespace {

// GPT-2's pattern, verbatim from encoder.py. UCP makes \s, \p{L}, \p{N} Unicode-aware like Python's
// `regex` module; the contractions stay case-sensitive as in GPT-2 ("DON'T" -> "DON", "'", "T").
constexpr const char* kGpt2Pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

// The compiled pattern is shared read-only by every thread; each call brings its own match data.
class Gpt2Regex {
public:
    Gpt2Regex() {
        int err = 0;
        PCRE2_SIZE offset = 0;
        code_ = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(kGpt2Pattern), PCRE2_ZERO_TERMINATED,
                              PCRE2_UTF | PCRE2_UCP, &err, &offset, nullptr);
        if (!code_) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(err, msg, sizeof msg);
            throw Error(std::string("tokenizer: cannot compile GPT-2's regex: ") +
                        reinterpret_cast<const char*>(msg));
        }
        jit_ = pcre2_jit_compile(code_, PCRE2_JIT_COMPLETE) == 0;
    }
    ~Gpt2Regex() { pcre2_code_free(code_); }
    Gpt2Regex(const Gpt2Regex&) = delete;
    Gpt2Regex& operator=(const Gpt2Regex&) = delete;

    const pcre2_code* code() const { return code_; }
    bool jit() const { return jit_; }

private:
    pcre2_code* code_ = nullptr;
    bool jit_ = false;
};

const Gpt2Regex& gpt2_regex() {
    static const Gpt2Regex regex;
    return regex;
}

// Frees PCRE2 objects when a call ends, also on an exception.
struct MatchResources {
    pcre2_match_data* data = nullptr;
    pcre2_match_context* context = nullptr;
    pcre2_jit_stack* stack = nullptr;
    ~MatchResources() {
        pcre2_match_data_free(data);
        pcre2_match_context_free(context);
        pcre2_jit_stack_free(stack);
    }
};

// GPT-2's bytes_to_unicode: printable Latin-1 bytes map to themselves, the other 68 bytes to
// U+0100.. in byte order, so every byte has a visible one-code-point stand-in.
struct ByteMap {
    std::array<std::string, 256> byte_to_utf8;   // byte -> UTF-8 of its stand-in code point
    std::array<int, 324> codepoint_to_byte{};     // stand-in code point -> byte, -1 if none
    ByteMap() {
        codepoint_to_byte.fill(-1);
        int extra = 0;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            const int cp = printable ? b : 256 + extra++;
            codepoint_to_byte[static_cast<size_t>(cp)] = b;
            std::string& s = byte_to_utf8[static_cast<size_t>(b)];
            if (cp < 0x80) {
                s.push_back(static_cast<char>(cp));
            } else {  // all stand-ins are below U+0800: two UTF-8 bytes
                s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
                s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
            }
        }
    }
};

const ByteMap& byte_map() {
    static const ByteMap map;
    return map;
}

// Length of the valid UTF-8 sequence starting at s[i], or the length of the maximal invalid
// subpart to replace (negative), following Unicode's "U+FFFD substitution of maximal subparts"
// (Table 3-7), which is what Python's bytes.decode(errors="replace") does.
int utf8_step(std::string_view s, size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return 1;
    int need = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range for the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) { need = 1; }
    else if (b0 == 0xE0) { need = 2; lo = 0xA0; }            // no overlongs
    else if (b0 >= 0xE1 && b0 <= 0xEC) { need = 2; }
    else if (b0 == 0xED) { need = 2; hi = 0x9F; }            // no UTF-16 surrogates
    else if (b0 >= 0xEE && b0 <= 0xEF) { need = 2; }
    else if (b0 == 0xF0) { need = 3; lo = 0x90; }            // no overlongs
    else if (b0 >= 0xF1 && b0 <= 0xF3) { need = 3; }
    else if (b0 == 0xF4) { need = 3; hi = 0x8F; }            // nothing above U+10FFFF
    else return -1;                                           // 80..C1, F5..FF never start a character
    size_t j = i + 1;
    for (int k = 0; k < need; ++k, ++j) {
        if (j >= s.size()) return -static_cast<int>(j - i);
        const auto b = static_cast<unsigned char>(s[j]);
        const unsigned char l = k == 0 ? lo : 0x80, h = k == 0 ? hi : 0xBF;
        if (b < l || b > h) return -static_cast<int>(j - i);
    }
    return need + 1;
}

} // namespace

bool is_valid_utf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) { ++i; continue; }
        const int n = utf8_step(s, i);
        if (n < 0) return false;
        i += static_cast<size_t>(n);
    }
    return true;
}

size_t first_invalid_utf8(std::string_view bytes) {
    for (size_t i = 0; i < bytes.size();) {
        const int n = utf8_step(bytes, i);
        if (n <= 0) return i;
        i += static_cast<size_t>(n);
    }
    return std::string_view::npos;
}

std::string sanitize_utf8(std::string_view bytes, bool* had_invalid) {
    std::string out;
    out.reserve(bytes.size());
    bool invalid = false;
    for (size_t i = 0; i < bytes.size();) {
        const int n = utf8_step(bytes, i);
        if (n > 0) {
            out.append(bytes.substr(i, static_cast<size_t>(n)));
            i += static_cast<size_t>(n);
        } else {
            out.append("\xEF\xBF\xBD");  // U+FFFD REPLACEMENT CHARACTER
            invalid = true;
            i += static_cast<size_t>(-n);
        }
    }
    if (had_invalid) *had_invalid = invalid;
    return out;
}

void for_each_pretoken(std::string_view valid_utf8, const std::function<void(std::string_view)>& fn) {
    if (valid_utf8.empty()) return;
    const Gpt2Regex& regex = gpt2_regex();
    MatchResources res;
    res.data = pcre2_match_data_create_from_pattern(regex.code(), nullptr);
    if (regex.jit()) {
        // A private JIT stack per call keeps concurrent encodes independent; 1 MiB covers
        // whitespace runs in megabyte pastes.
        res.context = pcre2_match_context_create(nullptr);
        res.stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, nullptr);
        if (res.context && res.stack) pcre2_jit_stack_assign(res.context, nullptr, res.stack);
    }
    if (!res.data) throw Error("tokenizer: out of memory for regex match data");
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(valid_utf8.data());
    const PCRE2_SIZE length = valid_utf8.size();
    PCRE2_SIZE start = 0;
    while (start < length) {
        // The text was validated once up front; re-checking it on every match would be quadratic.
        const int rc = pcre2_match(regex.code(), subject, length, start, PCRE2_NO_UTF_CHECK, res.data, res.context);
        if (rc == PCRE2_ERROR_NOMATCH) break;  // cannot happen: \s+ and the classes cover everything
        if (rc < 0) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(rc, msg, sizeof msg);
            throw Error(std::string("tokenizer: regex matching failed: ") + reinterpret_cast<const char*>(msg));
        }
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(res.data);
        if (ov[1] <= ov[0]) break;  // an empty match would loop forever; the pattern has none
        fn(valid_utf8.substr(ov[0], ov[1] - ov[0]));
        start = ov[1];
    }
}

std::vector<std::string> pretokenize(std::string_view utf8) {
    std::vector<std::string> pieces;
    std::string repaired;
    if (!is_valid_utf8(utf8)) {  // documented as needing valid UTF-8; repair rather than fail
        repaired = sanitize_utf8(utf8);
        utf8 = repaired;
    }
    for_each_pretoken(utf8, [&](std::string_view piece) { pieces.emplace_back(piece); });
    return pieces;
}

const std::string& byte_to_token_char(unsigned char byte) {
    return byte_map().byte_to_utf8[byte];
}

std::string bytes_to_token_string(std::string_view bytes) {
    const ByteMap& map = byte_map();
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) out += map.byte_to_utf8[b];
    return out;
}

std::string token_string_to_bytes(std::string_view token_string) {
    const ByteMap& map = byte_map();
    std::string out;
    out.reserve(token_string.size());
    for (size_t i = 0; i < token_string.size();) {
        const auto b0 = static_cast<unsigned char>(token_string[i]);
        int cp = -1;
        if (b0 < 0x80) {
            cp = b0;
            i += 1;
        } else if ((b0 & 0xE0) == 0xC0 && i + 1 < token_string.size() &&
                   (static_cast<unsigned char>(token_string[i + 1]) & 0xC0) == 0x80) {
            cp = ((b0 & 0x1F) << 6) | (static_cast<unsigned char>(token_string[i + 1]) & 0x3F);
            i += 2;
        }
        if (cp < 0 || cp >= static_cast<int>(map.codepoint_to_byte.size()) ||
            map.codepoint_to_byte[static_cast<size_t>(cp)] < 0) {
            throw Error("token string " + quote_value(token_string) +
                        " is not in GPT-2's byte-to-unicode form (offending character at byte " +
                        std::to_string(i) + ")");
        }
        out.push_back(static_cast<char>(map.codepoint_to_byte[static_cast<size_t>(cp)]));
    }
    return out;
}

} // namespace al

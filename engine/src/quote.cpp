#include "attention_lens/quote.h"

#include <cstdio>

namespace al {

namespace {

// Code points that are valid UTF-8 yet would hide or reorder text on a terminal or in a label: C1
// controls, zero-width and direction marks, line and paragraph separators, bidi embeddings and
// isolates, the byte-order mark.
bool invisible(char32_t cp) {
    return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF;
}

// Length of the valid UTF-8 sequence at p[0..n), or 0 (overlong forms, surrogates and values past
// U+10FFFF are invalid, as the standard says).
std::size_t utf8_length(const unsigned char* p, std::size_t n, char32_t& cp) {
    const unsigned char c = p[0];
    std::size_t len;
    char32_t min;
    if (c < 0x80) { cp = c; return 1; }
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; min = 0x10000; }
    else return 0;
    if (len > n) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((p[k] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

// Appends at most `max_chars` printable characters of `text` to `out`; returns whether all of it fit.
bool append_escaped(std::string& out, std::string_view text, std::size_t max_chars, bool escape_quotes) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t used = 0;
    for (std::size_t i = 0; i < n;) {
        char32_t cp = 0;
        const std::size_t len = utf8_length(p + i, n - i, cp);
        char buf[16];
        std::string_view piece;
        if (len == 0 || cp < 0x20 || cp == 0x7F) {
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(p[i]));
            piece = buf;
        } else if (invisible(cp)) {
            std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(cp));
            piece = buf;
        } else if (escape_quotes && (cp == '"' || cp == '\\')) {
            buf[0] = '\\';
            buf[1] = static_cast<char>(cp);
            piece = std::string_view(buf, 2);
        } else {
            piece = text.substr(i, len);
        }
        // An escape counts as the characters it shows, so the excerpt's width stays bounded.
        const std::size_t width = piece.size() == len ? 1 : piece.size();
        if (used + width > max_chars) return false;
        out += piece;
        used += width;
        i += len == 0 ? 1 : len;
    }
    return true;
}

} // namespace

std::string grouped_count(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string excerpt(std::string_view text, std::size_t max_chars) {
    std::string out;
    if (!append_escaped(out, text, max_chars, false))
        out += "\xE2\x80\xA6 (" + grouped_count(text.size()) + " bytes)";
    return out;
}

std::string quote_value(std::string_view value, std::size_t max_chars) {
    std::string out = "\"";
    const bool whole = append_escaped(out, value, max_chars, true);
    out += whole ? "\"" : "\xE2\x80\xA6\" (" + grouped_count(value.size()) + " bytes)";
    return out;
}

} // namespace al

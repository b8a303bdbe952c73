// Internal helpers shared by the tokenizer's text side (tokenizer_text.cpp) and its BPE side
// (tokenizer.cpp). Not part of the public API.
#pragma once
#include <functional>
#include <string>
#include <string_view>

namespace al {

// Whether `s` is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Calls `fn` with each piece of GPT-2's pre-tokenization regex, in order, without copying.
// `valid_utf8` must already be valid UTF-8 (the regex runs with UTF checks off for speed).
void for_each_pretoken(std::string_view valid_utf8, const std::function<void(std::string_view)>& fn);

// The UTF-8 of the printable stand-in that bytes_to_unicode gives `byte`.
const std::string& byte_to_token_char(unsigned char byte);

} // namespace al

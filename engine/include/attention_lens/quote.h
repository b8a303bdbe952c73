// Values read from a file or a server, made safe to put in a message. A hostile model file can hold
// a 30 MB line or a key with NUL and terminal control bytes in it; quoting such a value whole makes a
// message megabytes long (a GUI that lays it out stalls for a minute) or cuts it at the NUL. Every
// message that quotes a file's or a server's value goes through these.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace al {

// At most `max_chars` characters of `text`, printable: control bytes, DEL, NUL and bytes that are not
// valid UTF-8 written as \xNN, invisible or direction-changing characters as \u{XXXX}, never cut
// inside a UTF-8 sequence. A shortened text ends in "…" and its full length: "abcdef… (10,485,760 bytes)".
std::string excerpt(std::string_view text, std::size_t max_chars = 60);

// `value` in quote marks, escaped as excerpt() does (and " and \ escaped), at most `max_chars`
// characters inside the marks: "abc", or "abcdef…" (10,485,760 bytes) when shortened.
std::string quote_value(std::string_view value, std::size_t max_chars = 60);

// A byte count with thousands separators: 10485760 -> "10,485,760".
std::string grouped_count(std::size_t n);

} // namespace al

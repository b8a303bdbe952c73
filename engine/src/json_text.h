// Guards for the JSON files of a model folder (config.json, vocab.json) and for the values quoted
// in their error messages. A hostile file can nest values tens of thousands deep: anything that
// walks such a value recursively (dump(), a copy) runs out of stack, so the nesting is bounded
// before a tree is built, and messages describe a value instead of printing it.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace al {

// Throws al::Error "<source>: <file_name> holds a NUL byte at offset N; not a JSON text file" or
// "<source>: <file_name> is nested N levels deep; ..." when `text` has a NUL byte or nests deeper
// than `max_depth`. Syntax errors are left to the parse that follows. Linear, builds nothing.
void check_json_text(const std::string& text, const std::string& source, const std::string& file_name,
                     int max_depth);

// A short form of `v` for a message: a scalar as JSON writes it ("abc" in quotes, 1.5, true),
// cut at 60 characters as al::quote_value cuts it; an array or object by its size ("an array of 3 values", "an object of 2
// keys"). Never recursive, however deep `v` is.
std::string describe_json(const nlohmann::json& v);

} // namespace al

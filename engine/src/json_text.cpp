#include "json_text.h"

#include <cstring>
#include <utility>

#include "attention_lens/error.h"
#include "attention_lens/quote.h"

namespace al {

namespace {

// Counts nesting only; the first level past the bound stops the pass with an al::Error.
struct DepthScan : nlohmann::json_sax<nlohmann::json> {
    DepthScan(std::string where, int max_depth) : where(std::move(where)), max_depth(max_depth) {}
    const std::string where;
    const int max_depth;
    int depth = 0;
    bool open() {
        if (++depth > max_depth)
            throw Error(where + " is nested more than " + std::to_string(max_depth) +
                        " levels deep, far deeper than any model file (corrupt or hostile)");
        return true;
    }
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return open(); }
    bool start_array(std::size_t) override { return open(); }
    bool end_object() override { --depth; return true; }
    bool end_array() override { --depth; return true; }
    bool key(string_t&) override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

} // namespace

void check_json_text(const std::string& text, const std::string& source, const std::string& file_name,
                     int max_depth) {
    // nlohmann stops at a NUL as at the end of the text: "{...}\0garbage" would read as valid.
    if (const void* nul = std::memchr(text.data(), 0, text.size()))
        throw Error(source + ": " + file_name + " holds a NUL byte at offset " +
                    std::to_string(static_cast<const char*>(nul) - text.data()) + "; not a JSON text file");
    DepthScan scan(source + ": " + file_name, max_depth);
    nlohmann::json::sax_parse(text, &scan, nlohmann::json::input_format_t::json, false);
}

std::string describe_json(const nlohmann::json& v) {
    switch (v.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::string: return quote_value(v.get_ref<const std::string&>());
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return excerpt(v.dump(), 60);
    case nlohmann::json::value_t::array:
        return "an array of " + std::to_string(v.size()) + (v.size() == 1 ? " value" : " values");
    case nlohmann::json::value_t::object:
        return "an object of " + std::to_string(v.size()) + (v.size() == 1 ? " key" : " keys");
    default: return std::string("a JSON ") + v.type_name();
    }
}

} // namespace al

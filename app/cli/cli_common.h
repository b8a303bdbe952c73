// What the CLI's subcommands share: option parsing, model selection, token ids from --text/--ids,
// and JSON output with compact floats. Bad input throws UsageError; main turns it (and al::Error)
// into one line on stderr and exit code 2.
#pragma once
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "attention_lens/model.h"

namespace cli {

using Args = std::vector<std::string>; // raw bytes of the command line after the subcommand

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// --name value options and bare --flags; anything else is a usage error naming it.
class Options {
public:
    Options(const Args& args, const std::set<std::string>& with_value, const std::set<std::string>& flags = {});
    bool has(const std::string& name) const;
    std::string value(const std::string& name, const std::string& fallback = "") const;
    long long integer(const std::string& name, long long fallback, long long lo, long long hi) const;
    double number(const std::string& name, double fallback, double lo, double hi) const;

private:
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
};

// The name --model accepts for GPT-2 small's exact shapes with random weights (benchmarks).
inline constexpr const char* kRandomSmall = "random-gpt2-small";

// --model DIR, --model random-gpt2-small, or (no --model) the embedded default model.
std::shared_ptr<const al::Model> load_model(const Options& o);

// Token ids from exactly one of --text (needs the model's tokenizer) or --ids 1,2,3 (checked
// against the vocabulary). With neither, `fallback_text` is used if given, else a usage error.
// --text as given (main() has refused arguments that are not valid UTF-8).
std::string text_option(const Options& o);
std::vector<int> input_ids(const Options& o, const al::Model& m, const std::string& fallback_text = "");
std::vector<int> parse_ids(const std::string& text, int vocab_size);

// A float as a JSON number with about 6 significant digits (printed compactly); NaN/inf become null.
nlohmann::json compact(float x);
nlohmann::json compact_array(const float* p, size_t n);

// A token's text for display: its bytes with invalid UTF-8 replaced by U+FFFD.
std::string token_text(const al::Tokenizer& t, int id);

void print_json(const nlohmann::json& j); // one line on stdout

} // namespace cli

#include "cli_common.h"

#include "flag_number.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "attention_lens/error.h"
#include "attention_lens/tokenizer.h"
#include "model_locator.h"

namespace cli {

Options::Options(const Args& args, const std::set<std::string>& with_value, const std::set<std::string>& flags) {
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (with_value.count(a)) {
            if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
            if (values_.count(a)) throw UsageError(a + " is given twice");
            values_[a] = args[++i];
        } else if (flags.count(a)) {
            flags_.insert(a);
        } else {
            throw UsageError("unknown option \"" + a + "\"");
        }
    }
}

bool Options::has(const std::string& name) const { return values_.count(name) || flags_.count(name); }

std::string Options::value(const std::string& name, const std::string& fallback) const {
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
}

// Numbers are read whole and strictly, as the training tools read theirs (flag_number.h): " 1",
// "1 ", "+1", "0x10", "12abc" and "1e3" for an integer are all refused the same way.
long long Options::integer(const std::string& name, long long fallback, long long lo, long long hi) const {
    auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    const std::string& s = it->second;
    long long v = 0;
    try {
        v = al::train::flag_number<long long>(name, s);
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string(e.what()) + " (expected an integer)");
    }
    if (v < lo || v > hi)
        throw UsageError(name + " " + s + " is out of range (" + std::to_string(lo) + ".." + std::to_string(hi) + ")");
    return v;
}

double Options::number(const std::string& name, double fallback, double lo, double hi) const {
    auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    const std::string& s = it->second;
    double v = 0;
    try {
        v = al::train::flag_number<double>(name, s);
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string(e.what()));
    }
    if (v < lo || v > hi) throw UsageError(name + " " + s + " is out of range");
    return v == 0 ? 0.0 : v; // "-0" is 0: never printed back as -0.0
}

std::shared_ptr<const al::Model> load_model(const Options& o) {
    if (o.value("--model") == kRandomSmall) return al::Model::random(al::Model::gpt2_small_config(), 1234);
    std::string dir = o.value("--model");
    if (o.has("--model") && dir.empty())
        throw UsageError("--model needs a model folder (leave --model out to use the embedded model)");
    if (dir.empty()) {
        const QString found = al::app::locateEmbeddedModel();
        if (found.isEmpty()) throw UsageError("no --model given and " + al::app::embeddedModelMissingMessage().toStdString());
        dir = found.toStdString();
    }
    return al::Model::load(dir);
}

std::vector<int> parse_ids(const std::string& text, int vocab_size) {
    std::vector<int> ids;
    size_t pos = 0;
    while (true) {
        const size_t comma = text.find(',', pos);
        std::string item = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        // Read strictly, as every other number (flag_number.h): " 5" and "+5" are not token ids.
        long long id = -1;
        try {
            id = al::train::flag_number<long long>("--ids", item);
        } catch (const std::invalid_argument&) {
        }
        if (id < 0 || item.front() == '-')
            throw UsageError("--ids: \"" + item + "\" is not a token id (expected e.g. --ids 464,3290,318)");
        if (id >= vocab_size)
            throw UsageError("--ids: token id " + item + " is outside the vocabulary (0.." +
                             std::to_string(vocab_size - 1) + ")");
        ids.push_back(int(id));
        if (comma == std::string::npos) break;
        pos = comma + 1;
    }
    return ids;
}

std::string text_option(const Options& o) {
    // Valid UTF-8: main() refuses any argument that is not (nonUtf8Argument), since repairing the
    // bytes would run the model on a text that was never given.
    return o.value("--text");
}

std::vector<int> input_ids(const Options& o, const al::Model& m, const std::string& fallback_text) {
    if (o.has("--text") && o.has("--ids")) throw UsageError("give --text or --ids, not both");
    std::vector<int> ids;
    if (o.has("--ids")) {
        ids = parse_ids(o.value("--ids"), m.config().vocab_size);
    } else {
        std::string text = o.has("--text") ? text_option(o) : fallback_text;
        if (!o.has("--text") && fallback_text.empty()) throw UsageError("give --text STR or --ids 1,2,3");
        if (!m.tokenizer()) throw UsageError("this model has no tokenizer; give --ids instead of --text");
        ids = m.tokenizer()->encode(text);
        if (ids.empty()) throw UsageError("--text is empty: there is nothing to run the model on");
    }
    if (int(ids.size()) > m.config().n_positions)
        throw UsageError(std::to_string(ids.size()) + " tokens are more than the model's " +
                         std::to_string(m.config().n_positions) + " positions");
    return ids;
}

nlohmann::json compact(float x) {
    if (!std::isfinite(x)) return nullptr;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", double(x));
    return std::strtod(buf, nullptr); // the shortest double that prints back as these digits
}

nlohmann::json compact_array(const float* p, size_t n) {
    nlohmann::json a = nlohmann::json::array();
    a.get_ref<nlohmann::json::array_t&>().reserve(n);
    for (size_t i = 0; i < n; ++i) a.push_back(compact(p[i]));
    return a;
}

std::string token_text(const al::Tokenizer& t, int id) {
    if (id < 0 || id >= t.vocab_size()) return "";
    return al::sanitize_utf8(t.token_bytes(id));
}

void print_json(const nlohmann::json& j) {
    const std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::fwrite(s.data(), 1, s.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace cli

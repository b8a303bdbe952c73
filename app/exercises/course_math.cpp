#include "course_math.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "attention_lens/error.h"

namespace course {

template <class T>
static std::vector<double> softmaxImpl(const std::vector<T>& x, double temperature) {
    std::vector<double> p(x.size());
    if (x.empty())
        return p;
    const double t = std::max(temperature, 1e-6);
    double m = -INFINITY;
    for (T v : x)
        m = std::max(m, double(v) / t);
    double sum = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        p[i] = std::isinf(double(x[i])) && x[i] < 0 ? 0.0 : std::exp(double(x[i]) / t - m);
        sum += p[i];
    }
    for (double& v : p)
        v /= sum;
    return p;
}

std::vector<double> softmax(const std::vector<float>& logits, double temperature) {
    return softmaxImpl(logits, temperature);
}
std::vector<double> softmax(const std::vector<double>& scores, double temperature) {
    return softmaxImpl(scores, temperature);
}

double kl(const std::vector<double>& p, const std::vector<double>& q) {
    double s = 0;
    for (size_t i = 0; i < p.size() && i < q.size(); ++i)
        if (p[i] > 0)
            s += p[i] * (std::log(p[i]) - std::log(std::max(q[i], 1e-12)));
    return std::max(0.0, s);
}

std::vector<int> topk(const std::vector<double>& values, int k) {
    std::vector<int> idx(values.size());
    std::iota(idx.begin(), idx.end(), 0);
    k = std::min<int>(k, int(idx.size()));
    std::partial_sort(idx.begin(), idx.begin() + k, idx.end(),
                      [&](int a, int b) { return values[a] > values[b]; });
    idx.resize(k);
    return idx;
}

int argmax(const std::vector<float>& values) {
    return values.empty() ? -1 : int(std::max_element(values.begin(), values.end()) - values.begin());
}

const char* defaultText() {
    return "When Mary and John went to the store, John gave a drink to Mary because she was thirsty.";
}

std::vector<int> tokenize(const al::Model& model, const std::string& utf8, int maxTokens) {
    const al::Tokenizer* tok = model.tokenizer();
    if (!tok)
        throw al::Error("this model has no tokenizer (vocab.json and merges.txt), so it cannot read text");
    std::string text = utf8;
    if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); }))
        text = defaultText();
    std::vector<int> ids = tok->encode(text);
    const int cap = std::min(maxTokens, model.config().n_positions);
    if (int(ids.size()) > cap)
        ids.resize(cap);
    if (ids.empty())
        ids = tok->encode(defaultText());
    return ids;
}

bool showsAsBytes(std::string_view bytes) {
    if (al::first_invalid_utf8(bytes) != std::string_view::npos)
        return true;
    for (unsigned char c : bytes)
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
            return true;
    return false;
}

namespace {
// Bytes in the UTF-8 sequence that `lead` starts (1 for ASCII and for a byte that starts none).
size_t utf8Length(unsigned char lead) {
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    if (lead >= 0xC0) return 2;
    return 1;
}

// The code point of one whole, valid UTF-8 sequence (showsAsBytes has checked the text).
char32_t decodeOne(const std::string& s) {
    const auto b = [&](size_t i) { return char32_t(static_cast<unsigned char>(s[i])); };
    switch (s.size()) {
    case 2: return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3: return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default: return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    }
}

// Characters that draw as nothing, or as a plain space, in a chip: a no-break space, a soft
// hyphen, zero-width spaces and joiners, direction marks and embeddings, the word joiner and
// invisible operators, the byte-order mark, and variation selectors. Without a label of their own,
// a token made of one would be an empty chip, or look like an ordinary space.
bool drawsAsNothing(char32_t cp) {
    return cp == 0xA0 || cp == 0xAD || cp == 0x034F || cp == 0x061C || cp == 0x180E || (cp >= 0x2000 && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           cp == 0xFEFF || (cp >= 0xE0000 && cp <= 0xE007F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

// "‹U+200B›": the code point, in the brackets that mark every label that is not the text itself.
std::string codePointLabel(char32_t cp) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "U+%04X", unsigned(cp));
    return std::string("\xE2\x80\xB9") + buf + "\xE2\x80\xBA";
}
} // namespace

std::string tokenText(const std::string& bytes, bool* partial) {
    const bool asBytes = showsAsBytes(bytes);
    if (partial) *partial = asBytes;
    if (asBytes) {
        static const char* hex = "0123456789ABCDEF";
        std::string out = "\xE2\x80\xB9"; // ‹
        for (size_t i = 0; i < bytes.size(); ++i) {
            if (i) out += ' ';
            out += hex[static_cast<unsigned char>(bytes[i]) >> 4];
            out += hex[static_cast<unsigned char>(bytes[i]) & 15];
        }
        return out + "\xE2\x80\xBA"; // ›
    }
    const bool onlySpaces = !bytes.empty() && bytes.find_first_not_of(' ') == std::string::npos;
    std::string out;
    for (size_t i = 0; i < bytes.size();) {
        const char ch = bytes[i];
        if (onlySpaces) out += "\xE2\x90\xA3";     // ␣
        else if (ch == '\n') out += "\xE2\x8F\x8E"; // ⏎
        else if (ch == '\t') out += "\xE2\x87\xA5"; // ⇥
        else if (const size_t n = utf8Length(static_cast<unsigned char>(ch)); n > 1 && i + n <= bytes.size()) {
            const std::string one = bytes.substr(i, n);
            if (const char32_t cp = decodeOne(one); drawsAsNothing(cp)) out += codePointLabel(cp);
            else out += one;
            i += n;
            continue;
        } else out += ch;
        ++i;
    }
    return out;
}

std::string tokenLabel(const al::Model& model, int id) {
    const al::Tokenizer* tok = model.tokenizer();
    if (!tok) return std::to_string(id);
    const std::string bytes = tok->token_bytes(id);
    if (!bytes.empty() && bytes[0] == ' ') return "\xC2\xB7" + tokenText(bytes.substr(1)); // ·
    return tokenText(bytes);
}

int resolveLayer(const std::string& spec, int n_layer) {
    if (spec == "last") return n_layer - 1;
    if (spec == "first" || spec.empty()) return 0;
    if (spec == "middle") return n_layer / 2;
    int l = 0;
    try { l = std::stoi(spec); } catch (...) { l = 0; }
    if (l < 0) l += n_layer;
    return std::clamp(l, 0, n_layer - 1);
}

} // namespace course

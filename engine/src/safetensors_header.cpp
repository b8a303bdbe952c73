// The safetensors header, validated before any data is read: the header length against the file
// size, the header as a JSON object of well-typed entries, every tensor's byte range inside the data
// buffer, its size equal to dtype x shape, and the ranges tiling the buffer exactly (no overlap, no gap,
// nothing after the last). A hostile file gets one
// al::Error naming the file and the tensor; sizes are checked before any allocation.
#include "attention_lens/safetensors.h"

#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "attention_lens/error.h"
#include "attention_lens/quote.h"
#include "json_text.h"
#include "safetensors_format.h"

namespace al {

using safetensors_format::kMaxHeaderBytes;
using safetensors_format::read_u64_le;

namespace {

constexpr int kMaxRank = 8;
constexpr int kMaxDepth = 16;
constexpr uint64_t kMaxJsonValues = uint64_t(8) << 20;
// The largest config the engine accepts (1024 layers) has 12 weights a layer plus 4, and HF adds two
// buffers a layer: about 14,350. Real GPT-2 checkpoints have a few hundred.
constexpr uint64_t kMaxTensors = 20000;

struct DTypeEntry {
    const char* text;
    DType dtype;
    std::size_t size;
};

// Every dtype the safetensors format defines. The ones the engine has no enum for are still
// sized, so such a file is well-formed; a model refuses them where a weight is expected.
constexpr DTypeEntry kDTypes[] = {
    {"F32", DType::F32, 4},   {"F16", DType::F16, 2},    {"BF16", DType::BF16, 2},
    {"F64", DType::F64, 8},   {"I64", DType::I64, 8},    {"I32", DType::I32, 4},
    {"I16", DType::I16, 2},   {"I8", DType::I8, 1},      {"U8", DType::U8, 1},
    {"BOOL", DType::BOOL, 1}, {"U16", DType::Other, 2},  {"U32", DType::Other, 4},
    {"U64", DType::Other, 8}, {"F8_E4M3", DType::Other, 1}, {"F8_E5M2", DType::Other, 1},
};

const DTypeEntry* find_dtype(const std::string& text) {
    for (const auto& e : kDTypes)
        if (text == e.text) return &e;
    return nullptr;
}

// A JSON number that is a non-negative integer fitting in uint64 (no floats, no negatives).
bool as_u64(const nlohmann::json& v, uint64_t& out) {
    if (v.is_number_unsigned()) {
        out = v.get<uint64_t>();
        return true;
    }
    if (v.is_number_integer() && v.get<int64_t>() >= 0) {
        out = uint64_t(v.get<int64_t>());
        return true;
    }
    return false;
}

// The SAX pass over the header: counts and checks, builds nothing. Its limits are far above any
// GPT-2 checkpoint and throw al::Error as soon as they are passed, so a hostile header costs at
// most one linear read of its bytes.
struct HeaderScan : nlohmann::json_sax<nlohmann::json> {
    explicit HeaderScan(const std::string& source) : source(source) {}
    const std::string& source;
    int depth = 0;
    uint64_t events = 0;
    uint64_t tensors = 0;
    std::set<std::string> seen;
    std::string duplicate;
    std::string error;

    bool event() {
        if (++events > kMaxJsonValues)
            throw Error(source + ": the header holds more than 8 million JSON values, far more than any model needs");
        return true;
    }
    bool open() {
        if (++depth > kMaxDepth)
            throw Error(source + ": the header is nested more than " + std::to_string(kMaxDepth) +
                        " levels deep; a safetensors header has 4");
        return event();
    }
    bool null() override { return event(); }
    bool boolean(bool) override { return event(); }
    bool number_integer(number_integer_t) override { return event(); }
    bool number_unsigned(number_unsigned_t) override { return event(); }
    bool number_float(number_float_t, const string_t&) override { return event(); }
    bool string(string_t&) override { return event(); }
    bool binary(binary_t&) override { return event(); }
    bool start_object(std::size_t) override { return open(); }
    bool start_array(std::size_t) override { return open(); }
    bool end_object() override { --depth; return true; }
    bool end_array() override { --depth; return true; }
    bool key(string_t& k) override {
        if (depth == 1) {
            if (k != "__metadata__" && ++tensors > kMaxTensors)
                throw Error(source + ": the header lists more than " + std::to_string(kMaxTensors) +
                            " tensors; a GPT-2 checkpoint has a few hundred (corrupt or not a GPT-2 model)");
            if (!seen.insert(k).second && duplicate.empty()) duplicate = k;
        }
        return event();
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
        error = e.what();
        return false;
    }
};

} // namespace

const char* dtype_name(DType d) {
    switch (d) {
    case DType::F32: return "F32";
    case DType::F16: return "F16";
    case DType::BF16: return "BF16";
    case DType::F64: return "F64";
    case DType::I64: return "I64";
    case DType::I32: return "I32";
    case DType::I16: return "I16";
    case DType::I8: return "I8";
    case DType::U8: return "U8";
    case DType::BOOL: return "BOOL";
    case DType::Other: return "other";
    }
    return "other";
}

std::size_t dtype_size(DType d) {
    switch (d) {
    case DType::F32: case DType::I32: return 4;
    case DType::F16: case DType::BF16: case DType::I16: return 2;
    case DType::F64: case DType::I64: return 8;
    case DType::I8: case DType::U8: case DType::BOOL: return 1;
    case DType::Other: return 0;
    }
    return 0;
}

int64_t TensorInfo::numel() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d; // validated on open: no partial product overflows
    return n;
}

SafetensorsHeader parse_safetensors_header(const uint8_t* bytes, uint64_t size, const std::string& source) {
    SafetensorsHeader out;
    if (size < 8)
        throw Error(source + ": the file is " + std::to_string(size) +
                    " bytes, too short to hold the 8-byte header length (truncated?)");
    const uint64_t header_len = read_u64_le(bytes);
    if (header_len > kMaxHeaderBytes)
        throw Error(source + ": header length " + std::to_string(header_len) +
                    " bytes is larger than the 100 MB safetensors allows (corrupt or not a safetensors file)");
    if (header_len > size - 8)
        throw Error(source + ": header length " + std::to_string(header_len) + " bytes runs past the end of the " +
                    std::to_string(size) + "-byte file (truncated?)");
    if (header_len < 2) throw Error(source + ": header length " + std::to_string(header_len) + " is too short for a JSON object");
    out.data_start = 8 + header_len;
    const uint64_t data_size = size - out.data_start;

    // First a pass that builds nothing (linear in the header's size): it bounds nesting depth (a
    // safetensors header is 4 levels deep), the number of JSON values (so that even a 100 MB header
    // cannot make the parser build a gigabyte-sized tree) and the number of tensors, and notices
    // duplicate top-level keys (a DOM parse would silently keep the last). Then a plain parse.
    const std::string header(reinterpret_cast<const char*>(bytes + 8), header_len);
    HeaderScan scan(source);
    if (!nlohmann::json::sax_parse(header, &scan))
        throw Error(source + ": the header is not valid JSON (" + excerpt(scan.error, 200) + ")");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(header);
    } catch (const nlohmann::json::exception& e) {
        throw Error(source + ": the header is not valid JSON (" + excerpt(e.what(), 200) + ")");
    }
    if (!j.is_object())
        throw Error(source + ": the header must be a JSON object, found " + std::string(j.type_name()));
    if (!scan.duplicate.empty()) throw Error(source + ": tensor " + quote_value(scan.duplicate) + " appears twice in the header");

    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& name = it.key();
        const nlohmann::json& v = it.value();
        const std::string where = source + ": tensor " + quote_value(name);
        if (name == "__metadata__") {
            if (!v.is_object()) throw Error(source + ": __metadata__ must be an object of strings");
            for (auto m = v.begin(); m != v.end(); ++m) {
                if (!m.value().is_string())
                    throw Error(source + ": __metadata__ entry " + quote_value(m.key()) + " must be a string");
                out.metadata[m.key()] = m.value().get<std::string>();
            }
            continue;
        }
        if (!v.is_object()) throw Error(where + ": entry must be an object, found " + std::string(v.type_name()));
        if (!v.contains("dtype") || !v.contains("shape") || !v.contains("data_offsets"))
            throw Error(where + ": entry needs \"dtype\", \"shape\" and \"data_offsets\"");

        TensorInfo t;
        t.name = name;
        const auto& dt = v["dtype"];
        if (!dt.is_string()) throw Error(where + ": dtype must be a string, found " + describe_json(dt));
        t.dtype_text = dt.get<std::string>();
        const DTypeEntry* entry = find_dtype(t.dtype_text);
        if (!entry) throw Error(where + ": unknown dtype " + quote_value(t.dtype_text));
        t.dtype = entry->dtype;

        const auto& shape = v["shape"];
        if (!shape.is_array()) throw Error(where + ": shape must be an array, found " + describe_json(shape));
        if (shape.size() > kMaxRank)
            throw Error(where + ": shape has " + std::to_string(shape.size()) + " dimensions, more than " +
                        std::to_string(kMaxRank));
        // The product is bounded by the data buffer's size before it can overflow.
        uint64_t bytes_needed = entry->size;
        bool zero = false;
        // Even in an empty tensor the other dimensions must multiply within int64, since numel()
        // multiplies them all before it reaches the zero. (A tensor with elements is bounded by the
        // data buffer below, which names the real problem: not enough bytes.)
        uint64_t nonzero_product = 1;
        bool product_overflows = false;
        for (const auto& d : shape) {
            uint64_t dim = 0;
            if (!as_u64(d, dim))
                throw Error(where + ": shape dimension " + describe_json(d) + " is not a non-negative integer");
            if (dim > uint64_t(INT64_MAX))
                throw Error(where + ": shape dimension " + std::to_string(dim) + " is too large");
            t.shape.push_back(int64_t(dim));
            if (dim == 0) zero = true;
            else if (product_overflows || nonzero_product > uint64_t(INT64_MAX) / dim) product_overflows = true;
            else nonzero_product *= dim;
        }
        if (zero && product_overflows)
            throw Error(where + ": shape " + shape.dump() + " has more elements than a 64-bit count holds");
        for (int64_t dim : t.shape) {
            if (zero) break;
            if (uint64_t(dim) > data_size / bytes_needed + 1 || bytes_needed * uint64_t(dim) > data_size) {
                std::string s;
                for (size_t i = 0; i < t.shape.size(); ++i) {
                    if (i) s += ',';
                    s += std::to_string(t.shape[i]);
                }
                throw Error(where + ": shape [" + s + "] needs more bytes than the file's " +
                            std::to_string(data_size) + "-byte data buffer holds");
            }
            bytes_needed *= uint64_t(dim);
        }
        if (zero) bytes_needed = 0;

        const auto& offs = v["data_offsets"];
        if (!offs.is_array() || offs.size() != 2)
            throw Error(where + ": data_offsets must be [begin, end], found " + describe_json(offs));
        if (!as_u64(offs[0], t.begin) || !as_u64(offs[1], t.end))
            throw Error(where + ": data_offsets must be non-negative integers, found " + describe_json(offs[0]) + " and " + describe_json(offs[1]));
        if (t.begin > t.end)
            throw Error(where + ": data_offsets begin " + std::to_string(t.begin) + " is after end " +
                        std::to_string(t.end));
        if (t.end > data_size)
            throw Error(where + ": data_offsets end " + std::to_string(t.end) +
                        " is past the end of the data buffer (" + std::to_string(data_size) +
                        " bytes; truncated file?)");
        if (t.end - t.begin != bytes_needed)
            throw Error(where + ": " + std::to_string(t.end - t.begin) + " bytes in data_offsets, but dtype " +
                        t.dtype_text + " x shape needs " + std::to_string(bytes_needed));
        out.tensors.emplace(name, std::move(t));
    }

    // No two non-empty byte ranges may overlap.
    std::vector<const TensorInfo*> order;
    for (const auto& [name, t] : out.tensors)
        if (t.end > t.begin) order.push_back(&t);
    std::sort(order.begin(), order.end(),
              [](const TensorInfo* a, const TensorInfo* b) { return a->begin < b->begin; });
    for (size_t i = 1; i < order.size(); ++i)
        if (order[i]->begin < order[i - 1]->end)
            throw Error(source + ": tensors " + quote_value(order[i - 1]->name) + " and " + quote_value(order[i]->name) +
                        " overlap in the data buffer (bytes " + std::to_string(order[i]->begin) + ".." +
                        std::to_string(order[i - 1]->end) + ")");
    // The tensors must cover the data buffer exactly, as the format's reference reader demands: a
    // byte that belongs to no tensor is never used, and a file padded with gigabytes of them would
    // otherwise be read whole into memory.
    uint64_t covered = 0;
    for (const TensorInfo* t : order) {
        if (t->begin != covered)
            throw Error(source + ": " + std::to_string(t->begin - covered) + " bytes of the data buffer before tensor " +
                        quote_value(t->name) + " (bytes " + std::to_string(covered) + ".." + std::to_string(t->begin) +
                        ") belong to no tensor; a safetensors file's tensors cover its data exactly");
        covered = t->end;
    }
    if (covered != data_size)
        throw Error(source + ": the file has " + std::to_string(data_size - covered) +
                    " bytes after the last tensor (its tensors end at byte " + std::to_string(covered) +
                    " of the " + std::to_string(data_size) +
                    "-byte data buffer); a safetensors file's tensors cover its data exactly (padded or corrupt?)");
    return out;
}

} // namespace al

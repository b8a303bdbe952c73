// Helpers for engine tests that write model folders and hand-made .safetensors files.
#pragma once
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "attention_lens/safetensors.h"

namespace al_test {

// Writes u64 header length + header text + data bytes exactly as given (no validation, no padding),
// so tests can produce any malformed file they need.
inline void write_raw_safetensors(const std::string& path, const std::string& header, const std::string& data,
                                  uint64_t header_len_field) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    uint8_t len[8];
    for (int i = 0; i < 8; ++i) len[i] = uint8_t((header_len_field >> (8 * i)) & 0xff);
    f.write(reinterpret_cast<const char*>(len), 8);
    f.write(header.data(), std::streamsize(header.size()));
    f.write(data.data(), std::streamsize(data.size()));
    if (!f) throw std::runtime_error("cannot write " + path);
}
inline void write_raw_safetensors(const std::string& path, const std::string& header, const std::string& data) {
    write_raw_safetensors(path, header, data, header.size());
}

// IEEE half from float, round to nearest even (normal range and subnormals; enough for weights).
inline uint16_t f32_to_f16(float value) {
    uint32_t x;
    std::memcpy(&x, &value, 4);
    const uint32_t sign = (x >> 16) & 0x8000;
    const int32_t exp = int32_t((x >> 23) & 0xff) - 127 + 15;
    uint32_t mant = x & 0x7fffff;
    if (((x >> 23) & 0xff) == 0xff) return uint16_t(sign | 0x7c00 | (mant ? 0x200 : 0));
    if (exp >= 31) return uint16_t(sign | 0x7c00);
    if (exp <= 0) {
        if (exp < -10) return uint16_t(sign);
        mant |= 0x800000;
        const int shift = 14 - exp;
        uint32_t h = mant >> shift;
        const uint32_t rem = mant & ((1u << shift) - 1), half = 1u << (shift - 1);
        if (rem > half || (rem == half && (h & 1))) ++h;
        return uint16_t(sign | h);
    }
    uint32_t h = (uint32_t(exp) << 10) | (mant >> 13);
    const uint32_t rem = mant & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (h & 1))) ++h;
    return uint16_t(sign | h);
}

inline uint16_t f32_to_bf16(float value) {
    uint32_t x;
    std::memcpy(&x, &value, 4);
    const uint32_t rounding = 0x7fff + ((x >> 16) & 1);
    return uint16_t((x + rounding) >> 16);
}

// Re-encodes every float tensor of `src` into `dst_path` as `dtype` ("F32", "F16" or "BF16"), with
// `prefix` in front of each name; `skip` names tensors left out.
inline void reencode(const al::SafetensorsFile& src, const std::string& dst_path, const std::string& dtype,
                     const std::string& prefix = "", const std::vector<std::string>& skip = {}) {
    nlohmann::ordered_json header;
    header["__metadata__"] = {{"format", "pt"}};
    std::string data;
    for (const auto& [name, t] : src.tensors()) {
        bool skipped = false;
        for (const auto& s : skip) skipped = skipped || s == name;
        if (skipped) continue;
        const std::vector<float> v = src.to_float(t);
        const size_t begin = data.size();
        for (float x : v) {
            if (dtype == "F32") {
                data.append(reinterpret_cast<const char*>(&x), 4);
            } else {
                const uint16_t h = dtype == "F16" ? f32_to_f16(x) : f32_to_bf16(x);
                data.append(reinterpret_cast<const char*>(&h), 2);
            }
        }
        header[prefix + name] = {{"dtype", dtype}, {"shape", t.shape}, {"data_offsets", {begin, data.size()}}};
    }
    std::string text = header.dump();
    while (text.size() % 8) text.push_back(' ');
    write_raw_safetensors(dst_path, text, data);
}

// Copies config.json, vocab.json and merges.txt of `fixture` into `dir`.
inline void copy_side_files(const std::string& fixture, const std::string& dir) {
    namespace fs = std::filesystem;
    for (const char* f : {"config.json", "vocab.json", "merges.txt"})
        fs::copy_file(fs::path(fixture) / f, fs::path(dir) / f, fs::copy_options::overwrite_existing);
}

} // namespace al_test

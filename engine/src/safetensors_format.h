// What the safetensors readers share (private to the engine): the header-length field and its limit.
#pragma once
#include <cstdint>

namespace al::safetensors_format {

inline constexpr uint64_t kMaxHeaderBytes = 100ull << 20; // safetensors' own limit is 100 MB

// The little-endian u64 at p: the header-length field that opens every safetensors file.
inline uint64_t read_u64_le(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

} // namespace al::safetensors_format

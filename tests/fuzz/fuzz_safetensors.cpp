// The safetensors header and tensor table on arbitrary bytes: either one al::Error, or a table whose
// every tensor lies inside the bytes with a size equal to dtype x shape and no two overlapping.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "attention_lens/error.h"
#include "attention_lens/safetensors.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    al::SafetensorsHeader h;
    try {
        h = al::parse_safetensors_header(data, size, "fuzz.safetensors");
    } catch (const al::Error&) {
        return 0;
    }
    FUZZ_CHECK(h.data_start >= 10 && h.data_start <= size, "data buffer starts inside the bytes");
    const uint64_t data_size = size - h.data_start;
    std::vector<std::pair<uint64_t, uint64_t>> ranges;
    uint64_t checksum = 0;
    for (const auto& [name, t] : h.tensors) {
        FUZZ_CHECK(t.name == name, "tensor keeps its name");
        FUZZ_CHECK(t.begin <= t.end && t.end <= data_size, "tensor inside the data buffer");
        const int64_t n = t.numel(); // must not overflow, whatever the shape
        FUZZ_CHECK(n >= 0, "element count is not negative");
        const std::size_t width = al::dtype_size(t.dtype);
        if (width != 0)
            FUZZ_CHECK(uint64_t(n) * width == t.end - t.begin, "bytes agree with dtype x shape");
        if (t.end > t.begin) ranges.emplace_back(t.begin, t.end);
        // Touch every byte the table promises (ASan checks they are inside the input).
        for (uint64_t i = t.begin; i < t.end; ++i) checksum += data[h.data_start + i];
    }
    std::sort(ranges.begin(), ranges.end());
    for (std::size_t i = 1; i < ranges.size(); ++i)
        FUZZ_CHECK(ranges[i].first >= ranges[i - 1].second, "no two tensors overlap");
    volatile uint64_t sink = checksum;
    (void)sink;
    return 0;
}

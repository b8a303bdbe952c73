// The shared fixture's tiny GPT-2 (AL_FIXTURE_MODEL, which ctest sets) and its expected.safetensors:
// where the folder is, and each case's input ids, for the tests that compare the engine with it.
#pragma once
#include <QByteArray>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "attention_lens/safetensors.h"

namespace testing_support {

inline std::string fixtureDir() { return qgetenv("AL_FIXTURE_MODEL").toStdString(); }

// Case c's token ids, stored as I64 in expected.safetensors.
inline std::vector<int> fixtureInputIds(const al::SafetensorsFile& f, int c) {
    const al::TensorInfo& t = f.info("case" + std::to_string(c) + ".input_ids");
    std::vector<int64_t> raw(t.numel());
    std::memcpy(raw.data(), f.data(t), raw.size() * sizeof(int64_t));
    return std::vector<int>(raw.begin(), raw.end());
}

} // namespace testing_support

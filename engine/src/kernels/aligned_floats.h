// The engine's allocator for large float blocks (attention patterns and scores, activations).
#pragma once
#include <cstddef>
#include <memory>

namespace al::kernels {

// n floats, zero-filled or not. Large blocks are 2 MB aligned and advised for transparent huge
// pages: a T = 1024 forward writes ~600 MB of patterns, and 4 KB page faults would cost ~10%.
std::shared_ptr<float[]> allocate_floats(size_t n, bool zero);

} // namespace al::kernels

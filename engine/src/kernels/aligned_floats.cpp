// The allocator of kernels/aligned_floats.h.
#include "aligned_floats.h"

#include <sys/mman.h>

#include <cstdlib>
#include <cstring>
#include <new>

namespace al::kernels {

std::shared_ptr<float[]> allocate_floats(size_t n, bool zero) {
    const size_t bytes = n * sizeof(float);
    constexpr size_t kHuge = size_t(2) << 20;
    if (bytes < 2 * kHuge) {
        std::shared_ptr<float[]> p(new float[n > 0 ? n : 1]);
        if (zero) std::memset(p.get(), 0, bytes);
        return p;
    }
    const size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    void* raw = std::aligned_alloc(kHuge, rounded);
    if (!raw) throw std::bad_alloc();
    madvise(raw, rounded, MADV_HUGEPAGE); // a hint; harmless where unsupported
    if (zero) std::memset(raw, 0, bytes);
    return std::shared_ptr<float[]>(static_cast<float*>(raw), [](float* q) { std::free(q); });
}

} // namespace al::kernels

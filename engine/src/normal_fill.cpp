// fill_normal (normal_fill.h): Marsaglia & Tsang's ziggurat on xoshiro256+, in parallel blocks.
#include "normal_fill.h"

#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

namespace al {

namespace {

constexpr size_t kBlock = 1 << 16;

uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

struct Xoshiro {
    uint64_t s[4];
    explicit Xoshiro(uint64_t seed) {
        for (auto& v : s) v = splitmix64(seed);
    }
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t next() {
        const uint64_t r = s[0] + s[3];
        const uint64_t t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = rotl(s[3], 45);
        return r;
    }
    double uniform() { return (double(next() >> 11) + 0.5) * (1.0 / 9007199254740992.0); } // (0, 1)
};

struct Ziggurat {
    uint32_t kn[128];
    double wn[128], fn[128];
    Ziggurat() {
        const double m1 = 2147483648.0, vn = 9.91256303526217e-3;
        double dn = 3.442619855899, tn = dn;
        const double q = vn / std::exp(-0.5 * dn * dn);
        kn[0] = uint32_t((dn / q) * m1);
        kn[1] = 0;
        wn[0] = q / m1;
        wn[127] = dn / m1;
        fn[0] = 1.0;
        fn[127] = std::exp(-0.5 * dn * dn);
        for (int i = 126; i >= 1; --i) {
            dn = std::sqrt(-2.0 * std::log(vn / dn + std::exp(-0.5 * dn * dn)));
            kn[i + 1] = uint32_t((dn / tn) * m1);
            tn = dn;
            fn[i] = std::exp(-0.5 * dn * dn);
            wn[i] = dn / m1;
        }
    }
    double draw(Xoshiro& rng) const {
        constexpr double r = 3.442620;
        for (;;) {
            const uint64_t bits = rng.next();
            const int32_t hz = int32_t(uint32_t(bits >> 32));
            const int iz = int(bits & 127);
            const uint32_t mag = hz < 0 ? uint32_t(-(int64_t)hz) : uint32_t(hz);
            const double x = hz * wn[iz];
            if (mag < kn[iz]) return x; // inside the rectangle: the common case
            if (iz == 0) {              // the tail beyond r
                double tx, ty;
                do {
                    tx = -std::log(rng.uniform()) / r;
                    ty = -std::log(rng.uniform());
                } while (ty + ty < tx * tx);
                return hz > 0 ? r + tx : -r - tx;
            }
            if (fn[iz] + rng.uniform() * (fn[iz - 1] - fn[iz]) < std::exp(-0.5 * x * x)) return x;
        }
    }
};

void fill_normal_block(float* out, size_t n, uint64_t seed, uint64_t block, float stddev) {
    static const Ziggurat zig;
    uint64_t mix = seed ^ (block * 0xd1b54a32d192ed03ull);
    Xoshiro rng(splitmix64(mix));
    for (size_t i = 0; i < n; ++i) out[i] = float(zig.draw(rng)) * stddev;
}

} // namespace

void fill_normal(float* out, size_t n, uint64_t seed, float stddev) {
    const size_t blocks = (n + kBlock - 1) / kBlock;
    const unsigned threads = std::max(1u, std::min(std::thread::hardware_concurrency(), 16u));
    auto work = [&](unsigned t) {
        for (size_t b = t; b < blocks; b += threads)
            fill_normal_block(out + b * kBlock, std::min(kBlock, n - b * kBlock), seed, b, stddev);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && t < blocks; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool) th.join();
}

} // namespace al

#include "heatmap/colormap.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace lens {
namespace {

// matplotlib's viridis at t = 0, 0.1, ..., 1 (the published stops), interpolated linearly.
constexpr std::array<std::array<int, 3>, 11> kViridis{{{0x44, 0x01, 0x54}, {0x48, 0x24, 0x75}, {0x41, 0x44, 0x87},
                                                       {0x35, 0x5f, 0x8d}, {0x2a, 0x78, 0x8e}, {0x21, 0x91, 0x8c},
                                                       {0x22, 0xa8, 0x84}, {0x44, 0xbf, 0x70}, {0x7a, 0xd1, 0x51},
                                                       {0xbd, 0xdf, 0x26}, {0xfd, 0xe7, 0x25}}};

// Cividis, sampled from matplotlib at 9 points and interpolated linearly.
constexpr std::array<std::array<int, 3>, 9> kCividis{{{0, 34, 78},   {18, 53, 112},  {59, 73, 108},
                                                      {87, 92, 109}, {112, 113, 115}, {138, 134, 120},
                                                      {166, 157, 117}, {196, 181, 101}, {254, 232, 56}}};

template <size_t N>
QRgb interpolate(const std::array<std::array<int, 3>, N>& stops, double t) {
    const double x = t * (N - 1);
    const int i = std::min(int(x), int(N) - 2);
    const double f = x - i;
    int c[3];
    for (int k = 0; k < 3; ++k)
        c[k] = int(stops[i][k] * (1 - f) + stops[i + 1][k] * f + 0.5);
    return qRgb(c[0], c[1], c[2]);
}

template <ColorMap M>
const std::array<QRgb, 256>& table() {
    static const std::array<QRgb, 256> lut = [] {
        std::array<QRgb, 256> a{};
        for (int i = 0; i < 256; ++i)
            a[i] = M == ColorMap::Viridis ? interpolate(kViridis, i / 255.0) : interpolate(kCividis, i / 255.0);
        return a;
    }();
    return lut;
}

} // namespace

QRgb colormap(ColorMap map, float t) {
    if (!(t >= 0.f)) t = 0.f; // also NaN
    if (t > 1.f) t = 1.f;
    const int i = int(t * 255.f + 0.5f);
    return map == ColorMap::Viridis ? table<ColorMap::Viridis>()[i] : table<ColorMap::Cividis>()[i];
}

float scaleWeight(float w, bool logScale) {
    if (!(w > 0.f))
        return 0.f;
    if (!logScale)
        return std::min(w, 1.f);
    const float l = std::log10(std::max(w, kLogFloor)); // -4 .. 0
    return std::clamp((l + 4.f) / 4.f, 0.f, 1.f);
}

} // namespace lens

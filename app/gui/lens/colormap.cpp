#include "lens/colormap.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace lens {
namespace {

// Polynomial fits (degree 6) of matplotlib's viridis and cividis, accurate to a few 1e-3.
struct Poly { double c[7][3]; };

constexpr Poly kViridis{{{0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
                         {0.1050930431085774, 1.404613529898575, 1.384590162594685},
                         {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
                         {-4.634230498983486, -5.799100973351585, -19.33244095627987},
                         {6.228269936347081, 14.17993336680509, 56.69055260068105},
                         {4.776384997670288, -13.74514537774601, -65.35303263337234},
                         {-5.435455855934631, 4.645852612178535, 26.3124352495832}}};

QRgb evalPoly(const Poly& p, double t) {
    double rgb[3];
    for (int k = 0; k < 3; ++k) {
        double v = p.c[6][k];
        for (int i = 5; i >= 0; --i)
            v = p.c[i][k] + t * v;
        rgb[k] = std::clamp(v, 0.0, 1.0);
    }
    return qRgb(int(rgb[0] * 255 + 0.5), int(rgb[1] * 255 + 0.5), int(rgb[2] * 255 + 0.5));
}

// Cividis, sampled from matplotlib at 9 points and interpolated linearly.
constexpr std::array<std::array<int, 3>, 9> kCividis{{{0, 34, 78},   {18, 53, 112},  {59, 73, 108},
                                                      {87, 92, 109}, {112, 113, 115}, {138, 134, 120},
                                                      {166, 157, 117}, {196, 181, 101}, {254, 232, 56}}};

QRgb evalCividis(double t) {
    const double x = t * (kCividis.size() - 1);
    const int i = std::min(int(x), int(kCividis.size()) - 2);
    const double f = x - i;
    int c[3];
    for (int k = 0; k < 3; ++k)
        c[k] = int(kCividis[i][k] * (1 - f) + kCividis[i + 1][k] * f + 0.5);
    return qRgb(c[0], c[1], c[2]);
}

template <ColorMap M>
const std::array<QRgb, 256>& table() {
    static const std::array<QRgb, 256> lut = [] {
        std::array<QRgb, 256> a{};
        for (int i = 0; i < 256; ++i)
            a[i] = M == ColorMap::Viridis ? evalPoly(kViridis, i / 255.0) : evalCividis(i / 255.0);
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

// Colour-blind-safe colour maps for attention weights (perceptually uniform, readable in grey).
#pragma once
#include <QColor>
#include <QRgb>

namespace lens {

enum class ColorMap { Viridis, Cividis };

// t in [0, 1] (clamped) -> colour.
QRgb colormap(ColorMap map, float t);

// The position on the colour scale of an attention weight w in [0, 1]: linear, or log10 over
// [1e-4, 1] (weights below 1e-4 share the bottom colour).
float scaleWeight(float w, bool logScale);
constexpr float kLogFloor = 1e-4f;

} // namespace lens

// Theme.qml's light palette, for every figure exported as SVG: a printed figure reads on white
// paper whatever theme the app shows. Kept here once, so every exporter draws with the same colours.
#pragma once
#include <QString>

namespace al::app::svg_palette {

inline const QString kPage = QStringLiteral("#ffffff");       // Theme.surface
inline const QString kSurfaceAlt = QStringLiteral("#eeece7"); // Theme.surfaceAlt
inline const QString kBorder = QStringLiteral("#d8d5ce");     // Theme.border
inline const QString kText = QStringLiteral("#1d2127");       // Theme.text
inline const QString kMuted = QStringLiteral("#596069");      // Theme.textMuted
inline const QString kAccent = QStringLiteral("#c2185b");     // Theme.accent
inline const QString kMask = QStringLiteral("#7b818a");       // Theme.mask
inline const QString kFrame = QStringLiteral("#596069");      // Theme.heatFrame
inline const QString kSecond = QStringLiteral("#1a56db");     // Theme.chartSecond
inline const QString kOnAccent = QStringLiteral("#ffffff");   // Theme.textOnAccent

} // namespace al::app::svg_palette

#include <QCoreApplication>
#include <QColor>
#include <QHash>
#include <algorithm>
#include <functional>
#include <limits>
#include <cmath>

#include "export/svg_palette.h"
#include "export/svg_writer.h"
#include "heatmap/colormap.h"
#include "lens/lens_export.h"

using al::app::SvgWriter;

namespace lens {
namespace {

using namespace al::app::svg_palette;

QString hex(QRgb c) { return QColor::fromRgb(c).name(); }
QString cellColour(float w, bool logScale) { return hex(colormap(ColorMap::Viridis, scaleWeight(w, logScale))); }

// One path per colour, each cell run of that colour a unit-high rectangle in cell coordinates: a
// T × T matrix stays a few kilobytes where one <rect> per cell would be hundreds.
void drawCells(SvgWriter& svg, int T, bool logScale, const std::function<float(int, int)>& cell) {
    QHash<QString, QString> paths;
    QStringList order;
    for (int i = 0; i < T; ++i) {
        int j = 0;
        while (j < T) {
            const float w = cell(i, j);
            if (std::isnan(w)) {
                ++j;
                continue;
            }
            const QString c = cellColour(w, logScale);
            int end = j + 1;
            while (end < T && !std::isnan(cell(i, end)) && cellColour(cell(i, end), logScale) == c) ++end;
            if (!paths.contains(c)) order << c;
            // A run reaches 0.05 of a cell under the next cell right and below when one is drawn
            // there: renderers smooth the edges of abutting shapes, and the page would show
            // through as hairlines between cells.
            const bool right = end < T && !std::isnan(cell(i, end));
            const bool below = i + 1 < T && !std::isnan(cell(i + 1, j));
            const QString runW = SvgWriter::num(end - j + (right ? 0.05 : 0)),
                          runH = below ? QStringLiteral("1.05") : QStringLiteral("1");
            paths[c] += QStringLiteral("M%1 %2h%3v%4h-%3z").arg(QString::number(j), QString::number(i), runW, runH);
            j = end;
        }
    }
    for (const QString& c : std::as_const(order)) svg.path(paths.value(c), c);
}

// The causal mask's empty triangle (above the diagonal), hatched like the screen's.
void drawMask(SvgWriter& svg, double x, double y, double side) {
    svg.path(QStringLiteral("M%1 %2H%3V%4z")
                 .arg(SvgWriter::num(x), SvgWriter::num(y), SvgWriter::num(x + side), SvgWriter::num(y + side)),
             kMask, {}, 1, 0.12);
    QString d;
    for (double k = 8; k < 2 * side; k += 8) {
        const double x1 = k / 2, y1 = k / 2, x2 = std::min(k, side), y2 = std::max(0.0, k - side);
        d += QStringLiteral("M%1 %2L%3 %4")
                 .arg(SvgWriter::num(x + x1), SvgWriter::num(y + y1), SvgWriter::num(x + x2), SvgWriter::num(y + y2));
    }
    svg.path(d, {}, kMask, 1, 0.35);
}

void drawLegend(SvgWriter& svg, double x, double y, double height, bool logScale) {
    QStringList stops;
    for (int k = 0; k <= 8; ++k) stops << hex(colormap(ColorMap::Viridis, float(k) / 8.f));
    svg.verticalGradient(x, y, 14, height, stops, kBorder);
    for (int k = 0; k <= 4; ++k) {
        const double t = 1.0 - k / 4.0;
        QString label;
        if (!logScale)
            label = QString::number(t, 'f', 2);
        else
            label = t == 1   ? QStringLiteral("1")
                    : t == 0 ? QStringLiteral("≤0.0001")
                             : QString::number(std::pow(10.0, 4.0 * t - 4.0), 'g', 1);
        const double ty = std::clamp(y + (1 - t) * height + 4, y + 9, y + height);
        svg.text(x + 18, ty, label, 10, kMuted);
    }
}

QString viewWords(const ExportInfo& info) {
    QStringList words{info.valueWeighted ? QCoreApplication::translate("LensExport", "value-weighted")
                                         : QCoreApplication::translate("LensExport", "raw weights")};
    if (info.hideFirst) words << QCoreApplication::translate("LensExport", "first token hidden");
    if (info.logScale) words << QCoreApplication::translate("LensExport", "log scale");
    if (!info.modelName.isEmpty()) words.prepend(info.modelName);
    return words.join(QStringLiteral(" · "));
}

} // namespace

QByteArray matrixSvg(const LensResult& r, const ShownMatrix& shown, const ExportInfo& info) {
    const int T = r.tokenCount();
    const double W = std::max(120.0, info.size.width()), H = std::max(120.0, info.size.height());
    const QString title = QCoreApplication::translate("LensExport", "Layer %1, head %2: who attends to whom")
                              .arg(info.layer)
                              .arg(info.head);
    SvgWriter svg(W, H, title);
    svg.rect(0, 0, W, H, kPage);
    svg.text(4, 18, title, 15, kText, SvgWriter::Anchor::Start, true);
    svg.text(4, 36, viewWords(info), 11, kMuted);

    const double labelW = 86, legendW = 64, top = 62;
    const double side = std::max(40.0, std::min(W - labelW - legendW - 8, H - top - 8));
    const double x0 = labelW, y0 = top;
    svg.text(x0 + side / 2, top - 8, QCoreApplication::translate("LensExport", "key: the token looked at →"), 10,
             kMuted, SvgWriter::Anchor::Middle);
    if (T == 0) return svg.finish();
    const double c = side / T;

    drawMask(svg, x0, y0, side);
    svg.beginGroup(x0, y0, c, true);
    drawCells(svg, T, info.logScale, [&](int i, int j) { return shown[size_t(i) * size_t(T) + size_t(j)]; });
    svg.endGroup();
    svg.rect(x0 - 0.5, y0 - 0.5, side + 1, side + 1, QStringLiteral("none"), kFrame);
    if (info.focusToken >= 0 && info.focusToken < T)
        svg.rect(x0, y0 + info.focusToken * c, (info.focusToken + 1) * c, c, QStringLiteral("none"), kAccent,
                 std::max(1.0, std::min(3.0, c / 4)));

    // Every token labels its row, however small: the text scales with the drawing.
    const double fs = std::clamp(c * 0.8, 2.0, 11.0);
    for (int i = 0; i < T; ++i) {
        const bool focus = i == info.focusToken;
        svg.text(x0 - 4, y0 + (i + 0.5) * c + fs * 0.35, r.tokens[size_t(i)].text, fs, focus ? kAccent : kMuted,
                 SvgWriter::Anchor::End, focus);
    }
    drawLegend(svg, x0 + side + 8, y0, side, info.logScale);
    return svg.finish();
}

QByteArray headGridSvg(const LensResult& r, const ExportInfo& info) {
    const int T = r.tokenCount(), L = r.nLayer, Hn = r.nHead;
    const double W = std::max(60.0, info.size.width()), H = std::max(40.0, info.size.height());
    const QString title = QCoreApplication::translate("LensExport", "All heads: %1 layers by %2 heads").arg(L).arg(Hn);
    SvgWriter svg(W, H, title);
    svg.rect(0, 0, W, H, kPage);
    if (L == 0 || Hn == 0) return svg.finish();
    // The overview's own geometry (HeadOverview.qml): layer numbers 26 wide, head numbers 18 high.
    const double left = 26, top = 18, gap = info.gap;
    const double tile =
        info.tile > 0
            ? info.tile
            : std::max(2.0, std::floor(std::min((W - left - gap * (Hn - 1)) / Hn, (H - top - gap * (L - 1)) / L)));
    const double fs = 11;
    for (int h = 0; h < Hn; ++h) {
        const bool sel = h == info.head;
        svg.text(left + h * (tile + gap) + tile / 2, top - 5, QString::number(h), fs, sel ? kAccent : kMuted,
                 SvgWriter::Anchor::Middle, sel);
    }
    for (int l = 0; l < L; ++l) {
        const bool sel = l == info.layer;
        svg.text(left - 4, top + l * (tile + gap) + tile / 2 + fs * 0.35, QStringLiteral("L%1").arg(l), fs,
                 sel ? kAccent : kMuted, SvgWriter::Anchor::End, sel);
    }
    if (T == 0) return svg.finish();
    for (int l = 0; l < L; ++l)
        for (int h = 0; h < Hn; ++h) {
            const double x = left + h * (tile + gap), y = top + l * (tile + gap);
            svg.rect(x, y, tile, tile, kMask, {}, 1, 0.16); // masked cells, as the grid paints them
            svg.beginGroup(x, y, tile / T, true);
            drawCells(svg, T, info.logScale, [&](int i, int j) {
                if (j > i || (info.hideFirst && (i == 0 || j == 0))) return std::numeric_limits<float>::quiet_NaN();
                return r.weight(l, h, i, j, info.hideFirst);
            });
            svg.endGroup();
        }
    if (info.layer >= 0 && info.layer < L && info.head >= 0 && info.head < Hn)
        svg.rect(left + info.head * (tile + gap) - 2.5, top + info.layer * (tile + gap) - 2.5, tile + 5, tile + 5,
                 QStringLiteral("none"), kAccent, 3);
    return svg.finish();
}

} // namespace lens

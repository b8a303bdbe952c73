#include "export/chart_svg.h"

#include <algorithm>
#include <cmath>

#include "export/svg_palette.h"
#include "export/svg_writer.h"

namespace al::app {
namespace {

using namespace svg_palette;

// A signed number as the figures write it: "+1.25", "−0.50" (a real minus sign).
QString signedText(double v) {
    return (v >= 0 ? QStringLiteral("+") : QStringLiteral("−")) + QString::number(std::abs(v), 'f', 2);
}

// `text` broken into lines of at most `chars` characters at spaces (a word longer than that
// stays whole): the SVG has no wrapping of its own.
QStringList wrap(const QString& text, int chars) {
    QStringList lines;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > chars) {
            lines << line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty()) lines << line;
    return lines;
}

// A round step (1, 2, 2.5 or 5 times a power of ten) of about v, as CostChart's axis takes.
double niceStep(double v) {
    const double p = std::pow(10, std::floor(std::log10(std::max(v, 1e-12))));
    const double f = v / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

// Whether light text reads better than dark on "#rrggbb" (its luma below the middle).
bool isDark(const QString& hex) {
    if (hex.size() != 7) return false;
    bool ok = true;
    const int r = hex.mid(1, 2).toInt(&ok, 16), g = hex.mid(3, 2).toInt(&ok, 16), b = hex.mid(5, 2).toInt(&ok, 16);
    return 0.299 * r + 0.587 * g + 0.114 * b < 140;
}

QString tickText(double v, double step) {
    return QString::number(v, 'f', step < 0.1 ? 2 : step < 1 ? 1 : 0);
}

} // namespace

QByteArray signedBarsSvg(const SignedBarChart& chart, QSizeF size) {
    const double W = std::max(120.0, size.width()), H = std::max(60.0, size.height());
    SvgWriter svg(W, H, chart.title);
    svg.rect(0, 0, W, H, kPage);
    svg.text(0, 13, chart.title, 11, kMuted);
    const QStringList note = wrap(chart.note, std::max(20, int(W / 6.6)));
    const double noteH = note.isEmpty() ? 0 : 8 + 16 * note.size();
    const double top = 22;
    const int n = int(chart.rows.size());
    int parts = 1;
    for (const SignedBarRow& r : chart.rows) parts = std::max(parts, int(r.bars.size()));
    const double rowH = n > 0 ? std::max(10.0, (H - top - noteH) / n) : 0;
    const double labelW = 72, valueW = 96, gap = 8;
    const double barW = std::max(30.0, (W - labelW - parts * (valueW + 2 * gap)) / parts);
    const double scale = chart.scale > 0 ? chart.scale : 1;
    for (int i = 0; i < n; ++i) {
        const SignedBarRow& r = chart.rows[i];
        const double y = top + i * rowH, mid = y + rowH / 2;
        svg.text(0, mid + 4, r.label, 11, kText);
        double x = labelW;
        for (const SignedBar& b : r.bars) {
            const QString value = chart.signedAxis ? signedText(b.value) : QString::number(b.value, 'f', scale < 0.1 ? 4 : 3);
            svg.text(x + valueW, mid + 4, b.name.isEmpty() ? value : b.name + QLatin1Char(' ') + value, 11, kText,
                     SvgWriter::Anchor::End);
            const double half = chart.signedAxis ? barW / 2 : barW;
            const double zero = x + valueW + gap + (chart.signedAxis ? barW / 2 : 0);
            svg.line(zero, y, zero, y + rowH, kMuted);
            const double w = std::min(1.0, std::abs(b.value) / scale) * half;
            if (w > 0) svg.rect(b.value >= 0 ? zero : zero - w, y + 5, w, std::max(1.0, rowH - 10), b.colour);
            x += valueW + 2 * gap + barW;
        }
    }
    double y = top + n * rowH + 8;
    for (const QString& line : note) {
        y += 16;
        svg.text(0, y - 4, line, 12, kText);
    }
    return svg.finish();
}

QByteArray lineChartSvg(const LineChart& chart, QSizeF size) {
    const double W = std::max(160.0, size.width()), H = std::max(120.0, size.height());
    SvgWriter svg(W, H, chart.title);
    svg.rect(0, 0, W, H, kPage);
    svg.text(W / 2, 18, chart.title, 13, kText, SvgWriter::Anchor::Middle, true);
    double maxX = 16, maxY = 0.01;
    for (const LineSeriesData& s : chart.series)
        for (const QPointF& p : s.points) {
            maxX = std::max(maxX, p.x());
            maxY = std::max(maxY, p.y());
        }
    const double yStep = niceStep(maxY * 1.05 / 4);
    const double yMax = yStep * std::max(1.0, std::ceil(maxY * 1.05 / yStep));
    const double xStep = niceStep(maxX / 5);
    const double left = 64, right = 18, top = 32, bottom = 70;
    const double pw = W - left - right, ph = H - top - bottom;
    auto px = [&](double x) { return left + x / maxX * pw; };
    auto py = [&](double y) { return top + ph - y / yMax * ph; };
    svg.rect(left, top, pw, ph, kPage, kBorder);
    for (double v = 0; v <= yMax + yStep / 2; v += yStep) {
        svg.line(left, py(v), left + pw, py(v), kBorder);
        svg.text(left - 6, py(v) + 4, tickText(v, yStep), 11, kMuted, SvgWriter::Anchor::End);
    }
    for (double v = 0; v <= maxX + xStep / 100; v += xStep) {
        svg.line(px(v), top + ph, px(v), top + ph + 4, kMuted);
        svg.text(px(v), top + ph + 17, QString::number(v, 'f', 0), 11, kMuted, SvgWriter::Anchor::Middle);
    }
    svg.text(left + pw / 2, top + ph + 33, chart.xTitle, 11, kText, SvgWriter::Anchor::Middle);
    svg.text(16, top + ph / 2, chart.yTitle, 11, kText, SvgWriter::Anchor::Middle, false, -90);
    double legendX = left;
    for (const LineSeriesData& s : chart.series) {
        QString d;
        for (const QPointF& p : s.points)
            d += (d.isEmpty() ? QStringLiteral("M") : QStringLiteral("L")) + SvgWriter::num(px(p.x())) +
                 QLatin1Char(' ') + SvgWriter::num(py(p.y()));
        if (!d.isEmpty()) svg.path(d, {}, s.colour, 3);
        const double ly = H - 12;
        svg.line(legendX, ly - 4, legendX + 18, ly - 4, s.colour, 3);
        svg.text(legendX + 24, ly, s.name, 11, kText);
        legendX += 24 + 6.2 * s.name.size() + 18;
    }
    return svg.finish();
}

QByteArray heatmapSvg(const HeatmapChart& chart, QSizeF size) {
    const double W = std::max(120.0, size.width()), H = std::max(60.0, size.height());
    SvgWriter svg(W, H, chart.title);
    svg.rect(0, 0, W, H, kPage);
    svg.text(0, 14, chart.title, 13, kText, SvgWriter::Anchor::Start, true);
    const int n = int(chart.panels.size());
    if (n == 0) return svg.finish();
    int rows = 1, cols = 1;
    for (const HeatmapPanel& p : chart.panels) {
        rows = std::max(rows, p.rows);
        cols = std::max(cols, p.columns);
    }
    const double top = 24, gap = 10, noteH = chart.note.isEmpty() ? 0 : 20;
    // Labels only where a cell is large enough to hold a line of text beside it.
    auto longest = [](const QStringList& l) {
        qsizetype m = 0;
        for (const QString& s : l) m = std::max(m, s.size());
        return double(m);
    };
    const int perRow = chart.perRow > 0 ? std::min(chart.perRow, n) : n;
    const int panelRows = (n + perRow - 1) / perRow;
    const bool labelled = !chart.rowLabels.isEmpty() || !chart.columnLabels.isEmpty();
    const double titleH = 16;
    // A cell's width and height: square for attention patterns, else each as wide and as high as fits.
    struct Cell { double w, h; };
    auto cellFor = [&](double labelW, double labelH) {
        const double w = (W - perRow * (labelW + gap)) / (perRow * cols);
        const double h = (H - top - noteH - panelRows * (labelH + titleH + gap)) / (panelRows * rows);
        return chart.square ? Cell{std::min(w, h), std::min(w, h)} : Cell{w, h};
    };
    double labelW = chart.rowLabels.isEmpty() ? 0 : std::min(120.0, 6.2 * longest(chart.rowLabels) + 6);
    double labelH = chart.columnLabels.isEmpty() ? 0 : std::min(80.0, 6.2 * longest(chart.columnLabels) + 6);
    Cell cell = cellFor(labelW, labelH);
    if (!labelled || std::min(cell.w, cell.h) < 9) {
        labelW = labelH = 0;
        cell = cellFor(0, 0);
    }
    const double cw = std::max(1.0, cell.w), ch = std::max(1.0, cell.h);
    const bool withLabels = labelW > 0 || labelH > 0;
    const double font = std::min(11.0, std::max(7.0, std::min(cw, ch) * 0.7));
    const double panelW = labelW + cols * cw + gap, panelH = titleH + labelH + rows * ch + gap;
    for (int k = 0; k < n; ++k) {
        const HeatmapPanel& p = chart.panels[k];
        const double x0 = (k % perRow) * panelW, y0 = top + (k / perRow) * panelH;
        if (!p.title.isEmpty()) svg.text(x0 + labelW, y0 + 12, p.title, 11, kText);
        const double gx = x0 + labelW, gy = y0 + titleH + labelH;
        if (withLabels) {
            for (int r = 0; r < p.rows && r < chart.rowLabels.size(); ++r)
                svg.text(gx - 4, gy + (r + 0.5) * ch + font / 3, chart.rowLabels[r], font, kText, SvgWriter::Anchor::End);
            for (int c = 0; c < p.columns && c < chart.columnLabels.size(); ++c)
                svg.text(gx + (c + 0.5) * cw + font / 3, gy - 4, chart.columnLabels[c], font, kText,
                         SvgWriter::Anchor::Start, false, -90);
        }
        svg.rect(gx, gy, p.columns * cw, p.rows * ch, kSurfaceAlt, kBorder);
        svg.beginGroup(0, 0, 1, true); // cells side by side without seams
        for (int r = 0; r < p.rows; ++r)
            for (int c = 0; c < p.columns; ++c) {
                const int i = r * p.columns + c;
                if (i >= p.values.size() || std::isnan(p.values[i])) continue;
                const QString colour = i < p.colours.size() ? p.colours[i] : kMuted;
                svg.rect(gx + c * cw, gy + r * ch, cw, ch, colour);
                if (chart.cellText && ch >= 12 && cw >= 30)
                    svg.text(gx + (c + 0.5) * cw, gy + (r + 0.5) * ch + font / 3, QString::number(p.values[i], 'g', 3), font,
                             isDark(colour) ? kOnAccent : kText, SvgWriter::Anchor::Middle);
            }
        svg.endGroup();
        if (p.marked) svg.rect(gx - 1, gy - 1, p.columns * cw + 2, p.rows * ch + 2, QStringLiteral("none"), kAccent, 2.5);
    }
    if (!chart.note.isEmpty()) svg.text(0, H - 6, chart.note, 11, kMuted);
    return svg.finish();
}

QByteArray probBarsSvg(const ProbBarChart& chart, QSizeF size) {
    const double W = std::max(120.0, size.width()), H = std::max(20.0, size.height());
    SvgWriter svg(W, H, chart.title);
    svg.rect(0, 0, W, H, kPage);
    double top = 0;
    if (!chart.title.isEmpty()) {
        svg.text(0, 14, chart.title, 13, kText, SvgWriter::Anchor::Start, true);
        top = 20;
    }
    const int n = int(chart.bars.size());
    const double rowH = n > 0 ? (H - top) / n : 0;
    const double labelW = 90, gap = 8, barW = std::max(40.0, std::min(160.0, W - labelW - 2 * gap - 60));
    for (int i = 0; i < n; ++i) {
        const ProbBar& b = chart.bars[i];
        const bool marked = chart.markTop && i == 0;
        const double y = top + i * rowH, mid = y + rowH / 2, h = std::min(16.0, rowH - 2);
        svg.text(labelW, mid + 4, b.token, 12, marked ? kAccent : kText, SvgWriter::Anchor::End, marked);
        const double x = labelW + gap;
        svg.rect(x, mid - h / 2, std::clamp(b.p, 0.0, 1.0) * barW, h, chart.colour, marked ? kText : QString(), 2);
        if (b.compare >= 0)
            svg.rect(x, mid - h / 2, std::clamp(b.compare, 0.0, 1.0) * barW, h, QStringLiteral("none"), kText, 1);
        const QString percent = b.p < 0.001 ? QString::number(100 * b.p, 'g', 2) : QString::number(100 * b.p, 'f', 1);
        svg.text(x + barW + gap, mid + 4, percent + QLatin1Char('%'), 12, kText);
    }
    return svg.finish();
}

} // namespace al::app

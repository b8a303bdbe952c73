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
            svg.text(x + valueW, mid + 4, b.name + QLatin1Char(' ') + signedText(b.value), 11, kText,
                     SvgWriter::Anchor::End);
            const double zero = x + valueW + gap + barW / 2;
            svg.line(zero, y, zero, y + rowH, kMuted);
            const double w = std::min(1.0, std::abs(b.value) / scale) * barW / 2;
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

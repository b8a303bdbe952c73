// The course's charts as SVG, drawn from their numbers at the size the figure has on screen (so an
// SVG and a PNG of the same figure are the same size), in the light palette, with every label kept
// as text: signed bars around a zero line (Station 6's attribution), lines over a numeric axis
// (Station 6's cost chart) and probability bars (ProbBars). Qt Core only; the caller gives the
// numbers and the words.
#pragma once
#include <QByteArray>
#include <QList>
#include <QPointF>
#include <QSizeF>
#include <QString>
#include <QStringList>

namespace al::app {

// One row of bars side by side: each bar grows right (positive) or left from its own zero line,
// its value written beside it with its sign. A chart of quantities that cannot be negative
// (probabilities, weights) sets `signedAxis` false: the zero line is at the bars' left edge, a
// bar uses the whole width and the values carry no sign.
struct SignedBar {
    QString name;   // e.g. "attn"
    double value = 0;
    QString colour; // "#rrggbb"
};
struct SignedBarRow {
    QString label;  // e.g. "layer 3"
    QList<SignedBar> bars;
};
struct SignedBarChart {
    QString title;
    QList<SignedBarRow> rows;
    double scale = 1;  // the |value| a full half-bar stands for
    QString note;      // a paragraph under the bars, wrapped to the width
    bool signedAxis = true;
};
QByteArray signedBarsSvg(const SignedBarChart& chart, QSizeF size);

struct LineSeriesData {
    QString name;
    QString colour;
    QList<QPointF> points;
};
struct LineChart {
    QString title, xTitle, yTitle;
    QList<LineSeriesData> series;
};
// Axes from 0 to a round maximum; the series' names as a legend under the plot.
QByteArray lineChartSvg(const LineChart& chart, QSizeF size);

// Grids of cells: one or more panels (a head's pattern each, or one table of layers × heads), each
// cell a square of its own colour, the colours chosen by the caller (the screen's colour map).
// Row and column labels are drawn beside each panel when its cells are large enough to read them
// (a small tile on screen has none either); `cellText` writes each cell's value inside it.
struct HeatmapPanel {
    QString title;
    int rows = 0, columns = 0;
    QList<double> values;   // rows × columns, row-major; NaN: no cell (masked or hidden)
    QStringList colours;    // one "#rrggbb" per value
    bool marked = false;    // outlined (an exercise's answer)
};
struct HeatmapChart {
    QString title;
    QStringList rowLabels, columnLabels; // the same for every panel; empty: none
    QList<HeatmapPanel> panels;
    int perRow = 0;       // panels side by side (0: as many as fit the width)
    bool cellText = false; // each cell's value written in it (3 significant digits)
    bool square = true;    // square cells (attention patterns); false: as wide as the width allows
    QString note;         // a line under the panels (what the colours mean)
};
QByteArray heatmapSvg(const HeatmapChart& chart, QSizeF size);

struct ProbBar {
    QString token;
    double p = 0;
    double compare = -1; // a second probability drawn as an outline; < 0: none
};
struct ProbBarChart {
    QString title;
    QList<ProbBar> bars;
    QString colour;
    bool markTop = false; // the first bar outlined (an exercise's answer)
};
QByteArray probBarsSvg(const ProbBarChart& chart, QSizeF size);

} // namespace al::app

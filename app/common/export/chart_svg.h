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

// One row of signed bars side by side: each bar grows right (positive) or left from its own zero
// line, its value written beside it.
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

// Saves a chart as SVG or JSON, drawn from the numbers its lab (or, for ProbBars, its entries)
// gives: the SVG at the figure's size on screen with its words kept as text (app/common's
// chart_svg), the JSON with the model, the text, the layer/head when the figure has one, and the
// figure's numbers. Drawn and written on the compute scheduler, written atomically
// (writeFileAtomically); `exported` answers every request. Used by the charts of Station 6 and by
// ProbBars wherever it is shown, and by the grids of Stations 3 and 6 (heatmap).
#pragma once
#include <QObject>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class FigureExport : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
public:
    explicit FigureExport(QObject* parent = nullptr) : QObject(parent) {}

    // `kind` ends in "-svg" or "-json". `figure` is the chart: {name (the JSON's "figure"),
    // chart: "signed-bars" | "lines" | "prob-bars" | "heatmap", title, layer, head (optional, -1: none),
    // numbers (a map: the figure's numbers as its lab gives them, for the JSON), and per chart:
    //   signed-bars: rows: [{label, bars: [{name, value, colour}]}], scale, note, signed (default
    //     true; false: bars from a left zero line, for probabilities and weights);
    //   lines: xTitle, yTitle, series: [{name, colour, points: [[x, y], ...]}];
    //   prob-bars: bars: [{token, p, compare (optional)}], colour, markTop;
    //   heatmap: panels: [{title, rows, columns, values (row-major; NaN or null: no cell), marked}],
    //     rowLabels, columnLabels, colours: "weights" (the lens's colour map) | "accent" | "signed"
    //     (accent above 0, the second chart colour below), maxValue,
    //     perRow, cellText, square (default true), note}.
    // `options`: {width, height (the figure on screen), model, modelFolder, text, title (replaces
    // the figure's own)}.
    Q_INVOKABLE void save(const QString& kind, const QString& path, const QVariantMap& figure,
                          const QVariantMap& options);

    // The bytes `save` writes, on the calling thread (for tests; "" for an unknown chart).
    static QByteArray render(const QString& kind, const QVariantMap& figure, const QVariantMap& options);

signals:
    void exported(const QString& kind, const QString& path, const QString& error); // error "": saved
};

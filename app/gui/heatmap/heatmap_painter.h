// The one heat-map painter behind every grid of coloured cells: a lens head's T x T matrix
// (AttentionMatrixItem), all heads at once (HeadOverviewItem) and the course's figures
// (HeatmapItem). It owns the colour map and the style every heat map shares, turns values into
// colours, rasterises cells into an image one pixel per sample, and draws the mask hatching and
// the outlines, so a weight has the same colour in every station.
#pragma once
#include <QColor>
#include <QImage>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>
#include <vector>

class QPainter;
class QPainterPath;

class HeatmapPainter : public QQuickPaintedItem {
    Q_OBJECT
    // Named so that a figure's part can take any heat map (ColorLegend); never created in QML.
    QML_NAMED_ELEMENT(HeatmapPainter)
    QML_UNCREATABLE("HeatmapPainter is the base of AttentionMatrixItem, HeadOverviewItem and HeatmapItem")
    // Ramp: lowColor to highColor (negativeColor below 0 when diverging). Viridis and Cividis:
    // the lens's colour-blind-safe maps for attention weights.
    Q_PROPERTY(ColorMap colorMap READ colorMap WRITE setColorMap NOTIFY styleChanged)
    // Weights on a log10 scale over [1e-4, 1] instead of a linear one.
    Q_PROPERTY(bool logScale READ logScale WRITE setLogScale NOTIFY styleChanged)
    Q_PROPERTY(QColor maskColor READ maskColor WRITE setMaskColor NOTIFY styleChanged)
    Q_PROPERTY(QColor highlightColor READ highlightColor WRITE setHighlightColor NOTIFY styleChanged)
    Q_PROPERTY(QColor lowColor READ lowColor WRITE setLowColor NOTIFY styleChanged)
    Q_PROPERTY(QColor highColor READ highColor WRITE setHighColor NOTIFY styleChanged)
    // Diverging (Ramp only): values in [-1, 1]; negative towards negativeColor, 0 is lowColor.
    Q_PROPERTY(bool diverging READ diverging WRITE setDiverging NOTIFY styleChanged)
    Q_PROPERTY(QColor negativeColor READ negativeColor WRITE setNegativeColor NOTIFY styleChanged)
public:
    enum ColorMap { Ramp, Viridis, Cividis };
    Q_ENUM(ColorMap)

    explicit HeatmapPainter(ColorMap map, QQuickItem* parent = nullptr);

    ColorMap colorMap() const { return map_; }
    void setColorMap(ColorMap map);
    bool logScale() const { return logScale_; }
    void setLogScale(bool on);
    QColor maskColor() const { return mask_; }
    void setMaskColor(const QColor& c);
    QColor highlightColor() const { return highlight_; }
    void setHighlightColor(const QColor& c);
    QColor lowColor() const { return low_; }
    void setLowColor(const QColor& c);
    QColor highColor() const { return high_; }
    void setHighColor(const QColor& c);
    bool diverging() const { return diverging_; }
    void setDiverging(bool on);
    QColor negativeColor() const { return negative_; }
    void setNegativeColor(const QColor& c);

    // The colour at t on the scale: [0, 1], or [-1, 1] for a diverging ramp (clamped).
    QColor colorAtScale(double t) const;
    QRgb rgbAtScale(float t) const;
    // An attention weight's colour: its place on the (linear or log) scale, then the colour map.
    QRgb weightRgb(float w) const;

    // For a colour legend (ColorLegend): the colour at position t in [0, 1] of the bar, and the
    // value that position stands for (a weight on the linear or log scale; an item that scales its
    // values to their largest says so by overriding legendValue).
    Q_INVOKABLE QColor colorAt(double t) const { return colorAtScale(t); }
    Q_INVOKABLE virtual double legendValue(double t) const;

signals:
    void styleChanged();

protected:
    // Called after any style property changed; the default repaints. Items that cache an image
    // of their cells rebuild it.
    virtual void restyle() { update(); }
    // Called when the item's size changed (moving it changes nothing inside it).
    virtual void resized() {}
    void geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) override;

    // Fills `image` (ARGB32 premultiplied) with one pixel per (rowOf[y], columnOf[x]) sample;
    // cell(i, j) returns the weight, or a negative number for a masked cell, drawn as maskPixel.
    template <class Cell>
    static void rasterize(QImage& image, const std::vector<int>& rowOf, const std::vector<int>& columnOf,
                          QRgb maskPixel, Cell&& cell, const HeatmapPainter& style);
    // Which cell each of `pixels` pixels across `cells` cells samples (its centre's cell).
    static std::vector<int> sampleCells(int pixels, int cells);

    void hatch(QPainter* p, const QPainterPath& area, qreal alpha, Qt::BrushStyle pattern) const;
    void hatch(QPainter* p, const QRectF& area, qreal alpha, Qt::BrushStyle pattern) const;
    // An outline inside or around a cell or row, in the highlight colour unless given.
    static void outline(QPainter* p, const QRectF& rect, const QColor& color, qreal width);

private:
    template <class T> void set(T& field, const T& value);

    ColorMap map_;
    bool logScale_ = false;
    bool diverging_ = false;
    QColor mask_{128, 128, 128}, highlight_{255, 120, 0};
    QColor low_{QStringLiteral("#f7fbff")}, high_{QStringLiteral("#08306b")}, negative_{QStringLiteral("#b2182b")};
};

template <class Cell>
void HeatmapPainter::rasterize(QImage& image, const std::vector<int>& rowOf, const std::vector<int>& columnOf,
                               QRgb maskPixel, Cell&& cell, const HeatmapPainter& style) {
    for (int y = 0; y < int(rowOf.size()); ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        const int i = rowOf[size_t(y)];
        for (int x = 0; x < int(columnOf.size()); ++x) {
            const float w = cell(i, columnOf[size_t(x)]);
            line[x] = w < 0.f ? maskPixel : style.weightRgb(w);
        }
    }
}

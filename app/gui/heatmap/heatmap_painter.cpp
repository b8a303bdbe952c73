#include "heatmap/heatmap_painter.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "assign_if_changed.h"
#include "heatmap/colormap.h"

HeatmapPainter::HeatmapPainter(ColorMap map, QQuickItem* parent) : QQuickPaintedItem(parent), map_(map) {
    setAntialiasing(false);
}

template <class T>
void HeatmapPainter::set(T& field, const T& value) {
    if (!assignIfChanged(field, value))
        return;
    emit styleChanged();
    restyle();
}

void HeatmapPainter::geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) {
    QQuickPaintedItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
        resized();
}

void HeatmapPainter::setColorMap(ColorMap map) { set(map_, map); }
void HeatmapPainter::setLogScale(bool on) { set(logScale_, on); }
void HeatmapPainter::setMaskColor(const QColor& c) { set(mask_, c); }
void HeatmapPainter::setHighlightColor(const QColor& c) { set(highlight_, c); }
void HeatmapPainter::setLowColor(const QColor& c) { set(low_, c); }
void HeatmapPainter::setHighColor(const QColor& c) { set(high_, c); }
void HeatmapPainter::setDiverging(bool on) { set(diverging_, on); }
void HeatmapPainter::setNegativeColor(const QColor& c) { set(negative_, c); }

QColor HeatmapPainter::colorAtScale(double t) const {
    if (map_ != Ramp && !diverging_)
        return QColor::fromRgb(rgbAtScale(float(t)));
    t = std::clamp(t, diverging_ ? -1.0 : 0.0, 1.0);
    const QColor& high = t < 0 ? negative_ : high_;
    t = std::abs(t);
    return QColor::fromRgbF(low_.redF() + t * (high.redF() - low_.redF()),
                            low_.greenF() + t * (high.greenF() - low_.greenF()),
                            low_.blueF() + t * (high.blueF() - low_.blueF()));
}

QRgb HeatmapPainter::rgbAtScale(float t) const {
    if (map_ == Ramp || diverging_)
        return colorAtScale(t).rgba();
    return lens::colormap(map_ == Cividis ? lens::ColorMap::Cividis : lens::ColorMap::Viridis, t);
}

double HeatmapPainter::legendValue(double t) const { return logScale_ ? std::pow(10.0, 4.0 * t - 4.0) : t; }

QRgb HeatmapPainter::weightRgb(float w) const { return rgbAtScale(lens::scaleWeight(w, logScale_)); }

std::vector<int> HeatmapPainter::sampleCells(int pixels, int cells) {
    std::vector<int> cellOf(size_t(std::max(0, pixels)));
    for (int p = 0; p < pixels; ++p)
        cellOf[size_t(p)] = std::min(cells - 1, int((p + 0.5) * cells / pixels));
    return cellOf;
}

void HeatmapPainter::hatch(QPainter* p, const QPainterPath& area, qreal alpha, Qt::BrushStyle pattern) const {
    QColor c = mask_;
    c.setAlphaF(alpha);
    p->fillPath(area, QBrush(c, pattern));
}

void HeatmapPainter::hatch(QPainter* p, const QRectF& area, qreal alpha, Qt::BrushStyle pattern) const {
    QColor c = mask_;
    c.setAlphaF(alpha);
    p->fillRect(area, QBrush(c, pattern));
}

void HeatmapPainter::outline(QPainter* p, const QRectF& rect, const QColor& color, qreal width) {
    p->setPen(QPen(color, width));
    p->setBrush(Qt::NoBrush);
    p->drawRect(rect);
}

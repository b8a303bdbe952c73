#include "heatmap_item.h"

#include <QJSValue>
#include <QPainter>
#include <QSequentialIterable>
#include <limits>
#include <algorithm>
#include <cmath>

HeatmapItem::HeatmapItem(QQuickItem* parent) : HeatmapPainter(Ramp, parent) {
    setMaskColor(QColor(QStringLiteral("#cccccc")));
    setHighlightColor(QColor(QStringLiteral("#e6550d")));
    connect(this, &HeatmapItem::changed, this, [this] { update(); });
}

void HeatmapItem::setValues(const QVariant& v) {
    QVariant list = v;
    if (list.metaType() == QMetaType::fromType<QJSValue>())
        list = list.value<QJSValue>().toVariant();
    values_.clear();
    if (list.metaType() == QMetaType::fromType<QList<qreal>>()) {
        values_ = list.value<QList<qreal>>();
    } else if (list.canConvert<QSequentialIterable>()) {
        for (const QVariant& x : list.value<QSequentialIterable>())
            values_ << (x.isValid() && !x.isNull() ? x.toDouble() : std::numeric_limits<qreal>::quiet_NaN());
    }
    emit changed();
}

qreal HeatmapItem::shownMax() const {
    if (max_ > 0)
        return max_;
    qreal m = 0;
    for (qreal v : values_)
        if (std::isfinite(v)) m = std::max(m, diverging() ? std::abs(v) : v);
    return m > 0 ? m : 1;
}

QColor HeatmapItem::colorFor(qreal value) const { return colorAtScale(value / shownMax()); }

QPoint HeatmapItem::cellAt(qreal x, qreal y) const {
    if (rows_ <= 0 || columns_ <= 0 || x < 0 || y < 0 || x >= width() || y >= height())
        return {-1, -1};
    return {int(x / (width() / columns_)), int(y / (height() / rows_))};
}

void HeatmapItem::paint(QPainter* p) {
    if (rows_ <= 0 || columns_ <= 0 || values_.size() < rows_ * columns_)
        return;
    const qreal cw = width() / columns_, ch = height() / rows_;
    p->setPen(Qt::NoPen);
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < columns_; ++c) {
            const qreal v = values_[r * columns_ + c];
            const QRectF cell(c * cw, r * ch, cw + 0.5, ch + 0.5);
            if (std::isnan(v)) {
                p->fillRect(cell, maskColor());
                if (cw > 8) {
                    p->setPen(QPen(maskColor().darker(130), 1));
                    p->drawLine(cell.topRight(), cell.bottomLeft());
                    p->setPen(Qt::NoPen);
                }
            } else {
                p->fillRect(cell, colorFor(v));
            }
        }
    if (highlightRow_ >= 0 && highlightRow_ < rows_)
        outline(p, QRectF(1, highlightRow_ * ch + 1, width() - 2, ch - 2), highlightColor(), 2);
    if (highlightColumn_ >= 0 && highlightColumn_ < columns_ && highlightRow_ >= 0)
        outline(p, QRectF(highlightColumn_ * cw + 1, highlightRow_ * ch + 1, cw - 2, ch - 2), highlightColor(), 2);
}

#include "lens/attention_matrix_item.h"

#include <QPainter>
#include <QPainterPath>
#include <cmath>

#include "lens/colormap.h"

AttentionMatrixItem::AttentionMatrixItem(QQuickItem* parent) : QQuickPaintedItem(parent) {
    setAntialiasing(false);
    setOpaquePainting(false);
}

void AttentionMatrixItem::setLens(LensController* lens) {
    if (lens == lens_)
        return;
    if (lens_)
        disconnect(lens_, nullptr, this, nullptr);
    lens_ = lens;
    if (lens_) {
        connect(lens_, &LensController::resultChanged, this, &AttentionMatrixItem::rebuild);
        connect(lens_, &LensController::selectionChanged, this, &AttentionMatrixItem::rebuild);
        connect(lens_, &LensController::hideFirstChanged, this, &AttentionMatrixItem::rebuild);
        connect(lens_, &LensController::focusTokenChanged, this, [this] { update(); });
    }
    emit lensChanged();
    rebuild();
}

void AttentionMatrixItem::setLogScale(bool on) {
    if (on == logScale_) return;
    logScale_ = on;
    emit styleChanged();
    rebuild();
}

void AttentionMatrixItem::setColorMap(int map) {
    if (map == colorMap_) return;
    colorMap_ = map;
    emit styleChanged();
    rebuild();
}

void AttentionMatrixItem::setHoverRow(int row) {
    if (row == hoverRow_) return;
    hoverRow_ = row;
    emit hoverChanged();
    update();
}

void AttentionMatrixItem::setHoverColumn(int col) {
    if (col == hoverCol_) return;
    hoverCol_ = col;
    emit hoverChanged();
    update();
}

void AttentionMatrixItem::setMaskColor(const QColor& c) {
    if (c == maskColor_) return;
    maskColor_ = c;
    emit styleChanged();
    update();
}

void AttentionMatrixItem::setHighlightColor(const QColor& c) {
    if (c == highlight_) return;
    highlight_ = c;
    emit styleChanged();
    update();
}

void AttentionMatrixItem::geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) {
    QQuickPaintedItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
        emit geometryChangedSignal(); // cellSize depends on the size only, not the position
}

bool AttentionMatrixItem::masked(int row, int column) const {
    if (!lens_ || !lens_->result())
        return true;
    const int T = lens_->result()->tokenCount();
    if (row < 0 || column < 0 || row >= T || column >= T)
        return true;
    return column > row || (lens_->hideFirst() && (column == 0 || row == 0));
}

double AttentionMatrixItem::value(int row, int column) const {
    if (masked(row, column))
        return 0.0;
    return lens_->weight(row, column);
}

QColor AttentionMatrixItem::cellColor(int row, int column) const {
    if (row < 0 || column < 0 || row >= image_.height() || column >= image_.width())
        return QColor(0, 0, 0, 0);
    return QColor::fromRgba(image_.pixel(column, row));
}

void AttentionMatrixItem::rebuild() {
    const int before = image_.width();
    const lens::LensResultPtr r = lens_ ? lens_->result() : nullptr;
    const int T = r ? r->tokenCount() : 0;
    if (T == 0) {
        image_ = QImage();
    } else {
        const int l = lens_->layer(), h = lens_->head();
        const bool hide = lens_->hideFirst();
        const auto map = colorMap_ == 1 ? lens::ColorMap::Cividis : lens::ColorMap::Viridis;
        if (image_.width() != T || image_.format() != QImage::Format_ARGB32_Premultiplied)
            image_ = QImage(T, T, QImage::Format_ARGB32_Premultiplied);
        for (int i = 0; i < T; ++i) {
            auto* line = reinterpret_cast<QRgb*>(image_.scanLine(i));
            for (int j = 0; j < T; ++j) {
                if (j > i || (hide && (i == 0 || j == 0))) {
                    line[j] = 0; // transparent: the hatching behind shows through
                    continue;
                }
                line[j] = lens::colormap(map, lens::scaleWeight(r->weight(l, h, i, j, hide), logScale_));
            }
        }
    }
    emit imageChanged();
    if (image_.width() != before)
        emit geometryChangedSignal(); // cellSize = side / T
    update();
}

QRectF AttentionMatrixItem::matrixRect() const {
    const qreal side = std::min(width(), height());
    return QRectF(0, 0, side, side);
}

qreal AttentionMatrixItem::cellSize() const {
    const int T = image_.width();
    return T > 0 ? matrixRect().width() / T : 0;
}

int AttentionMatrixItem::rowAt(qreal y) const {
    const qreal c = cellSize();
    if (c <= 0 || y < 0) return -1;
    const int r = int(y / c);
    return r < image_.height() ? r : -1;
}

int AttentionMatrixItem::columnAt(qreal x) const {
    const qreal c = cellSize();
    if (c <= 0 || x < 0) return -1;
    const int col = int(x / c);
    return col < image_.width() ? col : -1;
}

void AttentionMatrixItem::paint(QPainter* p) {
    const int T = image_.width();
    if (T == 0)
        return;
    const QRectF rect = matrixRect();
    const qreal c = rect.width() / T;

    // The causal mask: the upper triangle (a token cannot look at later tokens) is hatched.
    QPainterPath upper;
    upper.moveTo(rect.topLeft());
    upper.lineTo(rect.topRight());
    upper.lineTo(rect.bottomRight());
    upper.closeSubpath();
    QColor hatch = maskColor_;
    hatch.setAlphaF(0.35);
    p->fillPath(upper, QBrush(hatch, Qt::BDiagPattern));
    if (lens_ && lens_->hideFirst()) {
        QColor h2 = maskColor_;
        h2.setAlphaF(0.25);
        p->fillRect(QRectF(rect.left(), rect.top(), c, rect.height()), QBrush(h2, Qt::FDiagPattern));
    }

    p->setRenderHint(QPainter::SmoothPixmapTransform, false);
    p->drawImage(rect, image_);

    // The focused query's row, and the hovered cell with its row and column.
    p->setRenderHint(QPainter::Antialiasing, false);
    const int focus = lens_ ? lens_->focusToken() : -1;
    if (focus >= 0 && focus < T) {
        QPen pen(highlight_, std::max<qreal>(1.5, std::min<qreal>(3.0, c / 4)));
        p->setPen(pen);
        p->setBrush(Qt::NoBrush);
        p->drawRect(QRectF(rect.left(), rect.top() + focus * c, (focus + 1) * c, c));
    }
    if (hoverRow_ >= 0 && hoverCol_ >= 0 && hoverRow_ < T && hoverCol_ < T) {
        QColor guide = highlight_;
        guide.setAlphaF(0.18);
        p->fillRect(QRectF(rect.left(), rect.top() + hoverRow_ * c, rect.width(), c), guide);
        p->fillRect(QRectF(rect.left() + hoverCol_ * c, rect.top(), c, rect.height()), guide);
        p->setPen(QPen(highlight_, 2));
        p->setBrush(Qt::NoBrush);
        p->drawRect(QRectF(rect.left() + hoverCol_ * c, rect.top() + hoverRow_ * c, c, c));
    }
}

QColor AttentionMatrixItem::colorAt(double t) const {
    return QColor::fromRgb(lens::colormap(colorMap_ == 1 ? lens::ColorMap::Cividis : lens::ColorMap::Viridis, float(t)));
}

double AttentionMatrixItem::legendValue(double t) const {
    return logScale_ ? std::pow(10.0, 4.0 * t - 4.0) : t;
}

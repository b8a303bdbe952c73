#include "lens/attention_matrix_item.h"

#include <QPainter>
#include <QPainterPath>
#include <cmath>

AttentionMatrixItem::AttentionMatrixItem(QQuickItem* parent) : HeatmapPainter(Viridis, parent) {
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
        connect(lens_, &LensController::valueWeightedChanged, this, &AttentionMatrixItem::rebuild);
        connect(lens_, &LensController::valueWeightsChanged, this, &AttentionMatrixItem::rebuild);
        connect(lens_, &LensController::focusTokenChanged, this, [this] { update(); });
    }
    emit lensChanged();
    rebuild();
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
        const bool hide = lens_->hideFirst();
        if (image_.width() != T || image_.format() != QImage::Format_ARGB32_Premultiplied)
            image_ = QImage(T, T, QImage::Format_ARGB32_Premultiplied);
        const std::vector<int> cells = sampleCells(T, T); // one pixel per cell
        // Masked cells stay transparent: the hatching behind shows through.
        rasterize(image_, cells, cells, 0, [&](int i, int j) {
            return j > i || (hide && (i == 0 || j == 0)) ? -1.f : float(lens_->weight(i, j));
        }, *this);
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
    hatch(p, upper, 0.35, Qt::BDiagPattern);
    if (lens_ && lens_->hideFirst())
        hatch(p, QRectF(rect.left(), rect.top(), c, rect.height()), 0.25, Qt::FDiagPattern);

    p->setRenderHint(QPainter::SmoothPixmapTransform, false);
    p->drawImage(rect, image_);

    // The focused query's row, and the hovered cell with its row and column.
    p->setRenderHint(QPainter::Antialiasing, false);
    const int focus = lens_ ? lens_->focusToken() : -1;
    if (focus >= 0 && focus < T)
        outline(p, QRectF(rect.left(), rect.top() + focus * c, (focus + 1) * c, c), highlightColor(),
                std::max<qreal>(1.5, std::min<qreal>(3.0, c / 4)));
    if (hoverRow_ >= 0 && hoverCol_ >= 0 && hoverRow_ < T && hoverCol_ < T) {
        QColor guide = highlightColor();
        guide.setAlphaF(0.18);
        p->fillRect(QRectF(rect.left(), rect.top() + hoverRow_ * c, rect.width(), c), guide);
        p->fillRect(QRectF(rect.left() + hoverCol_ * c, rect.top(), c, rect.height()), guide);
        outline(p, QRectF(rect.left() + hoverCol_ * c, rect.top() + hoverRow_ * c, c, c), highlightColor(), 2);
    }
}


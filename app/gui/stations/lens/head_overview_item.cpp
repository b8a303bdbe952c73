#include "lens/head_overview_item.h"

#include <QPainter>
#include <QQuickWindow>
#include <cmath>

HeadOverviewItem::HeadOverviewItem(QQuickItem* parent) : HeatmapPainter(Viridis, parent) {}

void HeadOverviewItem::setLens(LensController* lens) {
    if (lens == lens_) return;
    if (lens_) disconnect(lens_, nullptr, this, nullptr);
    lens_ = lens;
    if (lens_) {
        connect(lens_, &LensController::resultChanged, this, &HeadOverviewItem::invalidate);
        connect(lens_, &LensController::hideFirstChanged, this, &HeadOverviewItem::invalidate);
        connect(lens_, &LensController::valueWeightedChanged, this, &HeadOverviewItem::invalidate);
        connect(lens_, &LensController::overviewNormsChanged, this, &HeadOverviewItem::invalidate);
        connect(lens_, &LensController::selectionChanged, this, [this] { update(); });
    }
    emit lensChanged();
    emit layoutChanged();
    invalidate();
}

void HeadOverviewItem::setHoverColor(const QColor& c) { if (c != hover_) { hover_ = c; emit styleChanged(); update(); } }
void HeadOverviewItem::setGap(qreal g) { if (g != gap_) { gap_ = g; emit layoutChanged(); invalidate(); } }

void HeadOverviewItem::invalidate() {
    dirty_ = true;
    update();
}

void HeadOverviewItem::setHover(int layer, int head) {
    if (layer == hoverLayer_ && head == hoverHead_) return;
    hoverLayer_ = layer;
    hoverHead_ = head;
    emit hoverChanged();
    update();
}

qreal HeadOverviewItem::tileSize() const {
    const int L = lens_ ? lens_->nLayer() : 0, H = lens_ ? lens_->nHead() : 0;
    if (L == 0 || H == 0) return 0;
    return std::max<qreal>(2, std::floor(std::min((width() - gap_ * (H - 1)) / H, (height() - gap_ * (L - 1)) / L)));
}

QRectF HeadOverviewItem::tileRect(int layer, int head) const {
    const qreal t = tileSize();
    return QRectF(head * (t + gap_), layer * (t + gap_), t, t);
}

QVariantMap HeadOverviewItem::headAt(qreal x, qreal y) const {
    QVariantMap m{{QStringLiteral("layer"), -1}, {QStringLiteral("head"), -1}};
    const qreal t = tileSize();
    const int L = lens_ ? lens_->nLayer() : 0, H = lens_ ? lens_->nHead() : 0;
    if (t <= 0 || x < 0 || y < 0) return m;
    const int h = int(x / (t + gap_)), l = int(y / (t + gap_));
    if (h >= H || l >= L) return m;
    if (x - h * (t + gap_) > t || y - l * (t + gap_) > t) return m; // in a gap
    m[QStringLiteral("layer")] = l;
    m[QStringLiteral("head")] = h;
    return m;
}

void HeadOverviewItem::rebuildCache(const QSize& pixelSize, qreal dpr) {
    ++rebuilds_;
    cache_ = QImage(pixelSize, QImage::Format_ARGB32_Premultiplied);
    cache_.setDevicePixelRatio(dpr);
    cache_.fill(Qt::transparent);
    dirty_ = false;
    const lens::LensResultPtr r = lens_ ? lens_->result() : nullptr;
    if (!r || r->tokenCount() == 0) return;
    const int T = r->tokenCount();
    const bool hide = lens_->hideFirst();
    // Value-weighted tiles (the lens's toggle) once every head's norms are in: [L][H][T].
    const std::vector<float>* norms = lens_->overviewValueWeighted() ? lens_->overviewNorms() : nullptr;
    const qreal t = tileSize();
    // Each tile is sampled directly at its pixel size (nearest cell), cheaper than scaling a T x T image.
    const int tp = std::max(1, int(std::round(t * dpr)));
    QImage tile(tp, tp, QImage::Format_ARGB32_Premultiplied);
    QColor maskBg = maskColor();
    maskBg.setAlphaF(0.16);
    const QRgb premulMask = qPremultiply(maskBg.rgba());
    const std::vector<int> cellOf = sampleCells(tp, T);
    QPainter painter(&cache_);
    for (int l = 0; l < r->nLayer; ++l)
        for (int h = 0; h < r->nHead; ++h) {
            const float* headNorms = norms ? norms->data() + (size_t(l) * r->nHead + h) * T : nullptr;
            rasterize(tile, cellOf, cellOf, premulMask, [&](int i, int j) {
                if (j > i || (hide && (i == 0 || j == 0)))
                    return -1.f;
                if (headNorms)
                    return lens::valueWeighted(*r, headNorms, l, h, i, j, hide);
                const float* row = r->attention.row(l, h, i);
                const float rest = hide && i > 0 ? 1.f - row[0] : 1.f;
                return hide ? (rest > 1e-12f ? row[j] / rest : 0.f) : row[j];
            }, *this);
            tile.setDevicePixelRatio(dpr);
            painter.drawImage(tileRect(l, h).topLeft(), tile);
        }
}

void HeadOverviewItem::paint(QPainter* p) {
    const qreal dpr = window() ? window()->effectiveDevicePixelRatio() : 1.0;
    const QSize px(std::max(1, int(std::ceil(width() * dpr))), std::max(1, int(std::ceil(height() * dpr))));
    if (dirty_ || cache_.size() != px)
        rebuildCache(px, dpr);
    p->drawImage(QPointF(0, 0), cache_);
    const int L = lens_ ? lens_->nLayer() : 0;
    if (L == 0) return;
    if (hoverLayer_ >= 0 && hoverHead_ >= 0)
        outline(p, tileRect(hoverLayer_, hoverHead_).adjusted(-2, -2, 2, 2), hover_, 2);
    outline(p, tileRect(lens_->layer(), lens_->head()).adjusted(-2.5, -2.5, 2.5, 2.5), highlightColor(), 3);
}

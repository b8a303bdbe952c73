#include "lens/head_overview_item.h"

#include <QPainter>
#include <QQuickWindow>
#include <cmath>

#include "lens/colormap.h"

HeadOverviewItem::HeadOverviewItem(QQuickItem* parent) : QQuickPaintedItem(parent) {
    setAntialiasing(false);
}

void HeadOverviewItem::setLens(LensController* lens) {
    if (lens == lens_) return;
    if (lens_) disconnect(lens_, nullptr, this, nullptr);
    lens_ = lens;
    if (lens_) {
        connect(lens_, &LensController::resultChanged, this, &HeadOverviewItem::invalidate);
        connect(lens_, &LensController::hideFirstChanged, this, &HeadOverviewItem::invalidate);
        connect(lens_, &LensController::selectionChanged, this, [this] { update(); });
    }
    emit lensChanged();
    emit layoutChanged();
    invalidate();
}

void HeadOverviewItem::setLogScale(bool on) { if (on != logScale_) { logScale_ = on; emit styleChanged(); invalidate(); } }
void HeadOverviewItem::setColorMap(int m) { if (m != colorMap_) { colorMap_ = m; emit styleChanged(); invalidate(); } }
void HeadOverviewItem::setHighlightColor(const QColor& c) { if (c != highlight_) { highlight_ = c; emit styleChanged(); update(); } }
void HeadOverviewItem::setHoverColor(const QColor& c) { if (c != hover_) { hover_ = c; emit styleChanged(); update(); } }
void HeadOverviewItem::setMaskColor(const QColor& c) { if (c != mask_) { mask_ = c; emit styleChanged(); invalidate(); } }
void HeadOverviewItem::setGap(qreal g) { if (g != gap_) { gap_ = g; emit layoutChanged(); invalidate(); } }

void HeadOverviewItem::geometryChange(const QRectF& n, const QRectF& o) {
    QQuickPaintedItem::geometryChange(n, o);
    if (n.size() == o.size())
        return; // moving the item changes nothing inside it
    emit layoutChanged();
    invalidate();
}

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
    const auto map = colorMap_ == 1 ? lens::ColorMap::Cividis : lens::ColorMap::Viridis;
    const qreal t = tileSize();
    // Each tile is sampled directly at its pixel size (nearest cell), cheaper than scaling a T x T image.
    const int tp = std::max(1, int(std::round(t * dpr)));
    QImage tile(tp, tp, QImage::Format_ARGB32_Premultiplied);
    QColor maskBg = mask_;
    maskBg.setAlphaF(0.16);
    const QRgb maskPixel = maskBg.rgba();
    const QRgb premulMask = qPremultiply(maskPixel);
    std::vector<int> cellOf(static_cast<size_t>(tp));
    for (int p = 0; p < tp; ++p)
        cellOf[size_t(p)] = std::min(T - 1, int((p + 0.5) * T / tp));
    QPainter painter(&cache_);
    for (int l = 0; l < r->nLayer; ++l)
        for (int h = 0; h < r->nHead; ++h) {
            for (int py = 0; py < tp; ++py) {
                const int i = cellOf[size_t(py)];
                auto* line = reinterpret_cast<QRgb*>(tile.scanLine(py));
                const float* row = r->attention.row(l, h, i);
                const float rest = hide && i > 0 ? 1.f - row[0] : 1.f;
                for (int px = 0; px < tp; ++px) {
                    const int j = cellOf[size_t(px)];
                    if (j > i || (hide && (i == 0 || j == 0))) {
                        line[px] = premulMask;
                        continue;
                    }
                    const float w = hide ? (rest > 1e-12f ? row[j] / rest : 0.f) : row[j];
                    line[px] = lens::colormap(map, lens::scaleWeight(w, logScale_));
                }
            }
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
    p->setBrush(Qt::NoBrush);
    if (hoverLayer_ >= 0 && hoverHead_ >= 0) {
        p->setPen(QPen(hover_, 2));
        p->drawRect(tileRect(hoverLayer_, hoverHead_).adjusted(-2, -2, 2, 2));
    }
    p->setPen(QPen(highlight_, 3));
    p->drawRect(tileRect(lens_->layer(), lens_->head()).adjusted(-2.5, -2.5, 2.5, 2.5));
}

// Every layer x head of the current text as small heatmaps in one grid (rows = layers, columns =
// heads): raw weights, or the value-weighted view while the lens's toggle is on and every head's
// value norms are in. The tiles are drawn once per result into a cached image at the item's pixel size; hover
// and selection only repaint that image plus two outlines, so hovering stays smooth with 144 heads.
#pragma once
#include <QImage>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include "heatmap/heatmap_painter.h"
#include "lens/lens_controller.h"

class HeadOverviewItem : public HeatmapPainter {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(LensController* lens READ lens WRITE setLens NOTIFY lensChanged)
    Q_PROPERTY(int hoverLayer READ hoverLayer NOTIFY hoverChanged)
    Q_PROPERTY(int hoverHead READ hoverHead NOTIFY hoverChanged)
    Q_PROPERTY(QColor hoverColor READ hoverColor WRITE setHoverColor NOTIFY styleChanged)
    Q_PROPERTY(qreal tileSize READ tileSize NOTIFY layoutChanged)
    Q_PROPERTY(qreal gap READ gap WRITE setGap NOTIFY layoutChanged)
public:
    explicit HeadOverviewItem(QQuickItem* parent = nullptr);

    LensController* lens() const { return lens_; }
    void setLens(LensController* lens);
    int hoverLayer() const { return hoverLayer_; }
    int hoverHead() const { return hoverHead_; }
    QColor hoverColor() const { return hover_; }
    void setHoverColor(const QColor& c);
    qreal tileSize() const;
    qreal gap() const { return gap_; }
    void setGap(qreal g);

    Q_INVOKABLE void setHover(int layer, int head); // -1, -1: none
    // {layer, head} under a point, or {layer: -1, head: -1}.
    Q_INVOKABLE QVariantMap headAt(qreal x, qreal y) const;
    Q_INVOKABLE QRectF tileRect(int layer, int head) const;

    void paint(QPainter* painter) override;
    int cacheRebuilds() const { return rebuilds_; } // for the benchmark and tests

signals:
    void lensChanged();
    void hoverChanged();
    void layoutChanged();

protected:
    void resized() override {
        emit layoutChanged();
        invalidate();
    }
    void restyle() override { invalidate(); }

private:
    void invalidate();
    void rebuildCache(const QSize& pixelSize, qreal dpr);

    QPointer<LensController> lens_;
    QImage cache_;
    bool dirty_ = true;
    int hoverLayer_ = -1, hoverHead_ = -1;
    QColor hover_{128, 128, 128};
    qreal gap_ = 4;
    int rebuilds_ = 0;
};

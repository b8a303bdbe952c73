// Every layer x head of the current text as small heatmaps in one grid (rows = layers, columns =
// heads). The tiles are drawn once per result into a cached image at the item's pixel size; hover
// and selection only repaint that image plus two outlines, so hovering stays smooth with 144 heads.
#pragma once
#include <QImage>
#include <QPointer>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

#include "lens/lens_controller.h"

class HeadOverviewItem : public QQuickPaintedItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(LensController* lens READ lens WRITE setLens NOTIFY lensChanged)
    Q_PROPERTY(bool logScale READ logScale WRITE setLogScale NOTIFY styleChanged)
    Q_PROPERTY(int colorMap READ colorMap WRITE setColorMap NOTIFY styleChanged)
    Q_PROPERTY(int hoverLayer READ hoverLayer NOTIFY hoverChanged)
    Q_PROPERTY(int hoverHead READ hoverHead NOTIFY hoverChanged)
    Q_PROPERTY(QColor highlightColor READ highlightColor WRITE setHighlightColor NOTIFY styleChanged)
    Q_PROPERTY(QColor hoverColor READ hoverColor WRITE setHoverColor NOTIFY styleChanged)
    Q_PROPERTY(QColor maskColor READ maskColor WRITE setMaskColor NOTIFY styleChanged)
    Q_PROPERTY(qreal tileSize READ tileSize NOTIFY layoutChanged)
    Q_PROPERTY(qreal gap READ gap WRITE setGap NOTIFY layoutChanged)
public:
    explicit HeadOverviewItem(QQuickItem* parent = nullptr);

    LensController* lens() const { return lens_; }
    void setLens(LensController* lens);
    bool logScale() const { return logScale_; }
    void setLogScale(bool on);
    int colorMap() const { return colorMap_; }
    void setColorMap(int map);
    int hoverLayer() const { return hoverLayer_; }
    int hoverHead() const { return hoverHead_; }
    QColor highlightColor() const { return highlight_; }
    void setHighlightColor(const QColor& c);
    QColor hoverColor() const { return hover_; }
    void setHoverColor(const QColor& c);
    QColor maskColor() const { return mask_; }
    void setMaskColor(const QColor& c);
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
    void styleChanged();
    void hoverChanged();
    void layoutChanged();

protected:
    void geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) override;

private:
    void invalidate();
    void rebuildCache(const QSize& pixelSize, qreal dpr);

    QPointer<LensController> lens_;
    QImage cache_;
    bool dirty_ = true;
    bool logScale_ = false;
    int colorMap_ = 0;
    int hoverLayer_ = -1, hoverHead_ = -1;
    QColor highlight_{255, 120, 0}, hover_{128, 128, 128}, mask_{128, 128, 128};
    qreal gap_ = 4;
    int rebuilds_ = 0;
};

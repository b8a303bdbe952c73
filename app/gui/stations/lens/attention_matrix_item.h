// One head's T x T attention matrix as a heatmap (a QImage painted by QQuickPaintedItem, one pixel
// per cell, scaled without smoothing). The causal mask's empty upper triangle is hatched and
// labelled; the hovered cell and the focused query's row are outlined.
#pragma once
#include <QImage>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include "assign_if_changed.h"
#include "heatmap/heatmap_painter.h"
#include "lens/lens_controller.h"

class AttentionMatrixItem : public HeatmapPainter {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(LensController* lens READ lens WRITE setLens NOTIFY lensChanged)
    Q_PROPERTY(int hoverRow READ hoverRow WRITE setHoverRow NOTIFY hoverChanged)
    Q_PROPERTY(int hoverColumn READ hoverColumn WRITE setHoverColumn NOTIFY hoverChanged)
    Q_PROPERTY(int cells READ cells NOTIFY imageChanged)       // T
    Q_PROPERTY(qreal cellSize READ cellSize NOTIFY geometryChangedSignal)
public:
    explicit AttentionMatrixItem(QQuickItem* parent = nullptr);

    LensController* lens() const { return lens_; }
    void setLens(LensController* lens);
    int hoverRow() const { return hoverRow_; }
    void setHoverRow(int row) { if (assignIfChanged(hoverRow_, row)) { emit hoverChanged(); update(); } }
    int hoverColumn() const { return hoverCol_; }
    void setHoverColumn(int col) { if (assignIfChanged(hoverCol_, col)) { emit hoverChanged(); update(); } }
    int cells() const { return image_.width(); }
    qreal cellSize() const;

    Q_INVOKABLE int rowAt(qreal y) const;    // -1 outside
    Q_INVOKABLE int columnAt(qreal x) const; // -1 outside
    Q_INVOKABLE double value(int row, int column) const; // what the cell shows (hideFirst applied)
    Q_INVOKABLE bool masked(int row, int column) const;  // hidden by the causal mask (or hideFirst)
    // The colour of a cell as painted (for tests): 0 where masked.
    Q_INVOKABLE QColor cellColor(int row, int column) const;


    const QImage& image() const { return image_; }
    void paint(QPainter* painter) override;

signals:
    void lensChanged();
    void hoverChanged();
    void imageChanged();
    void geometryChangedSignal();

protected:
    void resized() override { emit geometryChangedSignal(); } // cellSize depends on the size
    void restyle() override { rebuild(); }

private:
    void rebuild();
    QRectF matrixRect() const;

    QPointer<LensController> lens_;
    QImage image_;
    int hoverRow_ = -1, hoverCol_ = -1;
};

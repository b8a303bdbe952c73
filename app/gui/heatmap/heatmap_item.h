// A plain heat map for the course's figures: rows x columns values (row-major), a NaN value is a
// masked cell (drawn hatched in maskColor). Value 0..maxValue (maxValue <= 0: the largest value
// shown) goes through the painter's colour map: the Ramp from lowColor to highColor (the default),
// or the lens's Viridis, so a weight has the same colour in every station. Painted in C++ so a
// 64 x 64 grid stays cheap.
#pragma once
#include <QColor>
#include <QVariant>
#include <QList>
#include <QPoint>
#include <QtQml/qqmlregistration.h>
#include <algorithm>

#include "assign_if_changed.h"
#include "heatmap/heatmap_painter.h"

class HeatmapItem : public HeatmapPainter {
    Q_OBJECT
    QML_ELEMENT
    // Any sequence of numbers: a JS array, a QVariantList or a QList<qreal> from C++.
    Q_PROPERTY(QVariant values READ values WRITE setValues NOTIFY changed)
    Q_PROPERTY(int rows READ rows WRITE setRows NOTIFY changed)
    Q_PROPERTY(int columns READ columns WRITE setColumns NOTIFY changed)
    Q_PROPERTY(qreal maxValue READ maxValue WRITE setMaxValue NOTIFY changed)
    Q_PROPERTY(int highlightRow MEMBER highlightRow_ NOTIFY changed)     // -1: none
    Q_PROPERTY(int highlightColumn MEMBER highlightColumn_ NOTIFY changed)
public:
    explicit HeatmapItem(QQuickItem* parent = nullptr);
    QVariant values() const { return QVariant::fromValue(values_); }
    void setValues(const QVariant& v);
    int valueCount() const { return int(values_.size()); }
    int rows() const { return rows_; }
    void setRows(int r) { if (assignIfChanged(rows_, std::max(0, r))) emit changed(); }
    int columns() const { return columns_; }
    void setColumns(int c) { if (assignIfChanged(columns_, std::max(0, c))) emit changed(); }
    qreal maxValue() const { return max_; }
    void setMaxValue(qreal m) { if (assignIfChanged(max_, m)) emit changed(); }
    void paint(QPainter* painter) override;

    Q_INVOKABLE QPoint cellAt(qreal x, qreal y) const; // (-1,-1) outside; x = column, y = row
    Q_INVOKABLE QColor colorFor(qreal value) const;
    Q_INVOKABLE qreal shownMax() const;
    // Values are scaled to shownMax() (linearly), so the legend's top stands for it.
    double legendValue(double t) const override { return t * shownMax(); }

signals:
    void changed();

private:
    QList<qreal> values_;
    int rows_ = 0, columns_ = 0;
    qreal max_ = 0;
    int highlightRow_ = -1, highlightColumn_ = -1;
};

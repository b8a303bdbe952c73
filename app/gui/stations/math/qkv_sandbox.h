// Station 2's Q·K·V sandbox: one query, three keys and three values in 2-D that the learner drags.
// Scores, softmax weights and the output Σ wᵢvᵢ are computed here (not in QML).
// The dimension dial pretends the vectors had d dimensions: dot products of random vectors grow
// like √d, so the raw score is q·k·√(d/2); dividing by √d (the `scaled` switch) undoes that growth.
#pragma once
#include <QObject>
#include <QPointF>
#include <QVariantList>
#include <algorithm>
#include <QtQml/qqmlregistration.h>

#include "assign_if_changed.h"

class QkvSandbox : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QPointF query READ query WRITE setQuery NOTIFY changed)
    Q_PROPERTY(QVariantList keys READ keys NOTIFY changed)      // 3 QPointF
    Q_PROPERTY(QVariantList values READ values NOTIFY changed)  // 3 QPointF
    Q_PROPERTY(int dimension READ dimension WRITE setDimension NOTIFY changed) // 2..1024
    Q_PROPERTY(bool scaled READ scaled WRITE setScaled NOTIFY changed)
    Q_PROPERTY(QVariantList dots READ dots NOTIFY changed)      // q·k, as drawn in 2-D
    Q_PROPERTY(QVariantList scores READ scores NOTIFY changed)  // what goes into the softmax
    Q_PROPERTY(QVariantList weights READ weights NOTIFY changed)
    Q_PROPERTY(QPointF output READ output NOTIFY changed)
    Q_PROPERTY(double divisor READ divisor NOTIFY changed)      // √d when scaled, else 1
    Q_PROPERTY(QString description READ description NOTIFY changed) // in words, for screen readers
public:
    explicit QkvSandbox(QObject* parent = nullptr);
    QString description() const;
    QPointF query() const { return q_; }
    void setQuery(QPointF q) { if (assignIfChanged(q_, q)) update(); }
    QVariantList keys() const;
    QVariantList values() const;
    int dimension() const { return d_; }
    void setDimension(int d) { if (assignIfChanged(d_, std::clamp(d, 2, 1024))) update(); }
    bool scaled() const { return scaled_; }
    void setScaled(bool s) { if (assignIfChanged(scaled_, s)) update(); }
    QVariantList dots() const;
    QVariantList scores() const;
    QVariantList weights() const;
    QPointF output() const { return out_; }
    double divisor() const;

    Q_INVOKABLE void setKey(int i, QPointF k);
    Q_INVOKABLE void setValue(int i, QPointF v);
    Q_INVOKABLE void resetVectors();

signals:
    void changed();

private:
    void update();
    QPointF q_;
    QPointF k_[3], v_[3];
    int d_ = 2;
    bool scaled_ = true;
    double dot_[3] = {}, score_[3] = {}, w_[3] = {};
    QPointF out_;
};

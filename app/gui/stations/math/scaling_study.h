// Why divide by √d: for random query and key vectors with unit-variance entries, the spread
// (standard deviation) of q·k grows like √d, and a softmax over such scores gets more and more
// peaked; dividing by √d keeps it where it was. Computed here with a seeded RNG for the chart.
#pragma once
#include <QObject>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <algorithm>
#include <cstdint>

#include "assign_if_changed.h"

class ScalingStudy : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int keys READ keys NOTIFY changed) // keys per softmax
    // The measurement, one list entry per dimension d = 2, 4, ..., 1024: {dims, dotStd (the
    // measured std of q·k), peakUnscaled and peakScaled (the mean largest weight), maxStd}.
    Q_PROPERTY(QVariantMap result READ result NOTIFY changed)
    Q_PROPERTY(QString description READ description NOTIFY changed) // in words, for screen readers
public:
    explicit ScalingStudy(QObject* parent = nullptr);
    // The figure uses the defaults (seed 2017, 300 samples of 8 keys); tests vary them.
    quint64 seed() const { return seed_; }
    void setSeed(quint64 s) { if (assignIfChanged(seed_, s)) compute(); }
    int samples() const { return samples_; }
    void setSamples(int n) { if (assignIfChanged(samples_, std::clamp(n, 10, 5000))) compute(); }
    int keys() const { return keys_; }
    void setKeys(int n) { if (assignIfChanged(keys_, std::clamp(n, 2, 64))) compute(); }
    QVariantMap result() const { return result_; }
    QString description() const;

signals:
    void changed();

private:
    void compute();
    quint64 seed_ = 2017;
    int samples_ = 300, keys_ = 8;
    QVariantMap result_;
};

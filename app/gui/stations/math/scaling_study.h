// Why divide by √d: for random query and key vectors with unit-variance entries, the spread
// (standard deviation) of q·k grows like √d, and a softmax over such scores gets more and more
// peaked; dividing by √d keeps it where it was. Computed here with a seeded RNG for the chart.
#pragma once
#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <cstdint>

class ScalingStudy : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(quint64 seed READ seed WRITE setSeed NOTIFY changed)
    Q_PROPERTY(int samples READ samples WRITE setSamples NOTIFY changed)
    Q_PROPERTY(int keys READ keys WRITE setKeys NOTIFY changed)      // keys per softmax
    Q_PROPERTY(QVariantList dims READ dims NOTIFY changed)           // 2, 4, ..., 1024
    Q_PROPERTY(QVariantList dotStd READ dotStd NOTIFY changed)       // measured std of q·k
    Q_PROPERTY(QVariantList peakUnscaled READ peakUnscaled NOTIFY changed) // mean largest weight
    Q_PROPERTY(QVariantList peakScaled READ peakScaled NOTIFY changed)
    Q_PROPERTY(double maxStd READ maxStd NOTIFY changed)
    Q_PROPERTY(QString description READ description NOTIFY changed) // in words, for screen readers
public:
    explicit ScalingStudy(QObject* parent = nullptr);
    QString description() const;
    quint64 seed() const { return seed_; }
    void setSeed(quint64 s);
    int samples() const { return samples_; }
    void setSamples(int n);
    int keys() const { return keys_; }
    void setKeys(int n);
    QVariantList dims() const { return dims_; }
    QVariantList dotStd() const { return std_; }
    QVariantList peakUnscaled() const { return peakU_; }
    QVariantList peakScaled() const { return peakS_; }
    double maxStd() const { return maxStd_; }

signals:
    void changed();

private:
    void compute();
    quint64 seed_ = 2017;
    int samples_ = 300, keys_ = 8;
    QVariantList dims_, std_, peakU_, peakS_;
    double maxStd_ = 0;
};

// Station 6's backends.
//  PatternSwapLab: replace a head's pattern (uniform or permuted rows) and measure how far the
//    next-token prediction moves (KL), for every head, so the page can show which barely matter.
//    Rows stream in layer by layer (partial results posted by the job).
//  CostMeter: times the engine's attention step and the rest of one layer at growing context
//    lengths on this machine (the engine's own layer functions, the loaded model's weights).
//  CensusAcrossTexts: one head's census scores and label on several texts.
#pragma once
#include <QVariantList>
#include <algorithm>

#include "head_lab.h"

class PatternSwapLab : public CourseLab {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int mode READ mode WRITE setMode NOTIFY modeChanged) // 0 uniform, 1 permuted rows
    Q_PROPERTY(int seed READ seed WRITE setSeed NOTIFY modeChanged)
    Q_PROPERTY(QVariantList kls READ kls NOTIFY resultChanged)    // [layer][head] nats
    Q_PROPERTY(double maxKl READ maxKl NOTIFY resultChanged)
    Q_PROPERTY(QStringList leastHeads READ leastHeads NOTIFY resultChanged) // the 3 that matter least
    Q_PROPERTY(QStringList mostHeads READ mostHeads NOTIFY resultChanged)   // the 3 that matter most
    Q_PROPERTY(QString description READ description NOTIFY resultChanged) // in words, for screen readers
public:
    using CourseLab::CourseLab;
    QString description() const;
    int mode() const { return mode_; }
    void setMode(int m) { choose(mode_, std::clamp(m, 0, 1)); }
    int seed() const { return seed_; }
    void setSeed(int s) { choose(seed_, s); }
    QVariantList kls() const { return result_.kls; }
    double maxKl() const { return result_.maxKl; }
    QStringList leastHeads() const { return result_.least; }
    QStringList mostHeads() const { return result_.most; }
signals:
    void modeChanged();
    void resultChanged();
protected:
    void recompute(const Input& in) override;
private:
    struct Result {
        QVariantList kls;
        double maxKl = 0;
        QStringList least, most;
    };
    void choose(int& field, int value) {
        if (assignIfChanged(field, value)) {
            emit modeChanged();
            scheduleRecompute();
        }
    }
    int mode_ = 0, seed_ = 1;
    Result result_;
};

class CostMeter : public CourseLab {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariantList lengths READ lengths NOTIFY resultChanged)     // T
    Q_PROPERTY(QVariantList attentionMs READ attentionMs NOTIFY resultChanged) // per layer, ms
    Q_PROPERTY(QVariantList restMs READ restMs NOTIFY resultChanged)       // the rest of the layer, ms
    Q_PROPERTY(double maxMs READ maxMs NOTIFY resultChanged)
    Q_PROPERTY(int maxLength READ maxLength WRITE setMaxLength NOTIFY resultChanged)
    Q_PROPERTY(QString description READ description NOTIFY resultChanged) // in words, for screen readers
public:
    using CourseLab::CourseLab;
    QString description() const;
    QVariantList lengths() const { return timing_.lengths; }
    QVariantList attentionMs() const { return timing_.attention; }
    QVariantList restMs() const { return timing_.rest; }
    double maxMs() const { return timing_.maxMs; }
    int maxLength() const { return maxLength_; }
    void setMaxLength(int n) { if (assignIfChanged(maxLength_, std::clamp(n, 16, 4096))) { emit resultChanged(); scheduleRecompute(); } }
    // The measured chart for FigureExport (both lines over the lengths, and the timings for the
    // JSON); empty before a measurement.
    Q_INVOKABLE QVariantMap figure() const;
signals:
    void resultChanged();
protected:
    void recompute(const Input& in) override;
private:
    struct Timing {
        QVariantList lengths, attention, rest;
        double maxMs = 0;
    };
    Timing timing_;
    int maxLength_ = 1024;
};

class CensusAcrossTexts : public HeadLab {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QStringList texts READ texts WRITE setTexts NOTIFY selectionChanged)
    // One entry per text: {text, label, scores: {first-token, previous-token, self, duplicate, induction}};
    // the pattern scores leave the first position out, induction keeps it (the share the label reads).
    Q_PROPERTY(QVariantList rows READ rows NOTIFY resultChanged)
    Q_PROPERTY(QString description READ description NOTIFY resultChanged) // in words, for screen readers
public:
    using HeadLab::HeadLab;
    QString description() const;
    QStringList texts() const { return texts_; }
    void setTexts(const QStringList& t) { if (assignIfChanged(texts_, t)) { emit selectionChanged(); scheduleRecompute(); } }
    QVariantList rows() const { return rows_; }
signals:
    void resultChanged();
protected:
    void recompute(const Input& in) override;
private:
    QStringList texts_;
    QVariantList rows_;
};

// The station template's lab: how much weight each head of one layer puts on the token just before
// each position, on the learner's text (al::census::previous_token, one forward). A station's lab
// is a CourseLab: it follows ModelHub's model and text and runs its engine work on the
// ComputeScheduler, so the page only binds to its properties.
#pragma once
#include <QList>

#include "course_lab.h"

class TemplateLab : public CourseLab {
    Q_OBJECT
    QML_ELEMENT
    // The layer to look at; -1 (the default) for the last one.
    Q_PROPERTY(int layer READ layer WRITE setLayer NOTIFY layerChanged)
    Q_PROPERTY(int shownLayer READ shownLayer NOTIFY resultChanged)  // the layer the scores are from
    Q_PROPERTY(QList<qreal> scores READ scores NOTIFY resultChanged) // [n_head], each 0..1
public:
    using CourseLab::CourseLab;
    int layer() const { return layer_; }
    void setLayer(int l) { if (assignIfChanged(layer_, l)) { emit layerChanged(); scheduleRecompute(); } }
    int shownLayer() const { return shownLayer_; }
    QList<qreal> scores() const { return scores_; }

signals:
    void layerChanged();
    void resultChanged();

protected:
    // Submits the lab's job for the current model and text (`in`); CourseLab calls it when either
    // changes, and scheduleRecompute() after a choice of the lab's own (here `layer`).
    void recompute(const Input& in) override;

private:
    struct Result {
        int layer = 0;
        QList<qreal> scores;
    };
    int layer_ = -1;
    int shownLayer_ = -1;
    QList<qreal> scores_;
};

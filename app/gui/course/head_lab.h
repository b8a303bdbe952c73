// The base of the labs that show one head the learner picks: the `layer` and `head` QML sets
// (both notify `selectionChanged`, which a lab may also emit for its other choices of what to
// show). They are kept as set; a lab reads them within its model's sizes (layerWithin,
// headWithin). A change recomputes, unless the lab overrides selectionMoved (e.g. to re-slice the
// whole result it keeps).
#pragma once
#include <algorithm>

#include "course_lab.h"

class HeadLab : public CourseLab {
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(int layer READ layer WRITE setLayer NOTIFY selectionChanged)
    Q_PROPERTY(int head READ head WRITE setHead NOTIFY selectionChanged)
public:
    using CourseLab::CourseLab;
    int layer() const { return layer_; }
    void setLayer(int l) { choose(layer_, l); }
    int head() const { return head_; }
    void setHead(int h) { choose(head_, h); }

signals:
    void selectionChanged();

protected:
    // The chosen layer and head, clamped to a model with `layers` layers of `heads` heads.
    int layerWithin(int layers) const { return std::clamp(layer_, 0, layers - 1); }
    int headWithin(int heads) const { return std::clamp(head_, 0, heads - 1); }
    // What a new layer or head does, after selectionChanged: a new computation by default.
    virtual void selectionMoved() { scheduleRecompute(); }

private:
    void choose(int& field, int value) {
        if (assignIfChanged(field, value)) {
            emit selectionChanged();
            selectionMoved();
        }
    }
    int layer_ = 0, head_ = 0;
};

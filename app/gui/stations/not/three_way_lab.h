// Station 6's three answers to "which position mattered to this head" (head_three_way.h), for the
// head the learner picks, at the last of the first kTokenCap tokens of the text. One job on the
// scheduler: a forward that keeps its hidden states and values, then the removal of each position's
// value from the head, all positions in one batch (al::value_removal).
#pragma once
#include <QVariantMap>

#include "head_lab.h"

class ThreeWayLab : public HeadLab {
    Q_OBJECT
    QML_ELEMENT
    // {layer, head, position, query (its token), answer (the top next token), logit,
    //  rows: [{position, token, weight, share, change}], byWeight, byShare, byRemoval (positions, best first),
    //  ms (the engine's time for the three, after the forward)}; empty before the first result.
    Q_PROPERTY(QVariantMap result READ result NOTIFY resultChanged)
    Q_PROPERTY(QString description READ description NOTIFY resultChanged) // in words, read out and on screen
public:
    using HeadLab::HeadLab;
    QVariantMap result() const { return result_; }
    QString description() const;
signals:
    void resultChanged();
protected:
    void recompute(const Input& in) override;
private:
    QVariantMap result_;
};

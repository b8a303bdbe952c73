// The prediction, layer by layer, at the last position of the learner's text: the logit lens's
// top tokens after each layer with the final answer's rank (al::logit_lens), and beside it how much
// of the final answer's logit each layer's attention and MLP wrote directly
// (al::direct_attribution). One forward pass with the hidden states kept; both come from it, so
// the table and the bars never mix two runs.
#pragma once
#include <QVariantMap>

#include "course_lab.h"

class LayerLensLab : public CourseLab {
    Q_OBJECT
    QML_ELEMENT
    // {answer, answerProb, position, rows: [{name, tokens, probs, rank}], firstTop5 (row index),
    //  attention: [L], mlp: [L], embeddings, biases, lnfBias, logit, attentionTotal, mlpTotal,
    //  maxPart (the largest |part| of one layer, for the bars' scale), ms (the lens and the
    //  attribution after the forward pass)}
    Q_PROPERTY(QVariantMap result READ result NOTIFY resultChanged)
    Q_PROPERTY(QString description READ description NOTIFY resultChanged) // in words, for screen readers
    Q_PROPERTY(int topCount READ topCount CONSTANT) // how many tokens each row lists
public:
    using CourseLab::CourseLab;
    QVariantMap result() const { return result_; }
    QString description() const;
    static constexpr int kTop = 5;
    int topCount() const { return kTop; }
signals:
    void resultChanged();
protected:
    void recompute(const Input& in) override;
private:
    QVariantMap result_;
};

// The prediction, layer by layer, at the last position of the learner's text: the logit lens's
// top tokens after each layer with the final answer's rank (al::logit_lens), and beside it how far
// the final answer's logit stands above the vocabulary's mean logit, split into what each layer's
// attention and MLP wrote directly (al::direct_attribution), with one head's direct effect on every
// token (al::head_direct_effect). One forward pass with the hidden states kept; all of it comes
// from that pass, so the table, the bars and the head's pushes never mix two runs. Beside it, the
// same attribution on a fixed text, other than the learner's, worked through to attention's share.
#pragma once
#include <QVariantMap>
#include <memory>

#include "attention_lens/forward.h"
#include "course_lab.h"

class LayerLensLab : public CourseLab {
    Q_OBJECT
    QML_ELEMENT
    // {answer, answerProb, position, rows: [{name, tokens, probs, rank}], firstTop5 (row index),
    //  attention: [L], mlp: [L], embeddings, biases, lnfBias, logit, meanLogit, aboveMean,
    //  attentionTotal, mlpTotal, maxPart (the largest |part| of one layer, for the bars' scale),
    //  ms (the lens and the attribution after the forward pass)}
    Q_PROPERTY(QVariantMap result READ result NOTIFY resultChanged)
    // The worked example, on a fixed text (never the learner's): {text, answer, attention: [L],
    // mlp: [L], attentionSize, mlpSize (the sums of the parts' sizes), share, aboveMean}
    Q_PROPERTY(QVariantMap example READ example NOTIFY exampleChanged)
    // One head's direct effect at the last position of the learner's text: {layer, head, strongest
    // (whether it is the head with the largest part of the answer, shown until one is picked),
    // part (its part of the answer), up: [{token, push}], down: [{token, push}]}
    Q_PROPERTY(QVariantMap headEffect READ headEffect NOTIFY headEffectChanged)
    Q_PROPERTY(QString description READ description NOTIFY resultChanged) // in words, for screen readers
    Q_PROPERTY(int topCount READ topCount CONSTANT) // how many tokens each row lists
public:
    using CourseLab::CourseLab;
    QVariantMap result() const { return result_; }
    QVariantMap example() const { return example_; }
    QVariantMap headEffect() const { return headEffect_; }
    QString description() const;
    static constexpr int kTop = 5;
    static constexpr int kPushes = 5; // tokens listed each way in a head's direct effect
    int topCount() const { return kTop; }
    // The head whose direct effect is shown; pickStrongest() goes back to the head with the
    // largest part of the answer, on every text.
    Q_INVOKABLE void pickHead(int layer, int head);
    Q_INVOKABLE void pickStrongest();
    // The attribution bars as a chart for FigureExport (rows per layer, the totals as the note, and
    // the numbers of `result` for the JSON); empty before a result.
    Q_INVOKABLE QVariantMap barsFigure() const;
    // The worked example's text, and the one used when the learner's text is that one.
    static const char* const kExampleText;
    static const char* const kOtherExampleText;
signals:
    void resultChanged();
    void exampleChanged();
    void headEffectChanged();
protected:
    void recompute(const Input& in) override;
private:
    void runExample(const Input& in);
    void runHeadEffect();
    QVariantMap result_, example_, headEffect_;
    // The learner's pass, kept for a head picked later (the attribution says which head is strongest).
    std::shared_ptr<const al::Model> keptModel_;
    std::shared_ptr<const al::ForwardResult> kept_;
    int pickedLayer_ = -1, pickedHead_ = -1; // -1: the strongest head
    std::vector<double> headParts_;          // [L][H] each head's part of the answer, on the kept pass
    // The unembedding's mean row, computed once per model (al::unembedding_mean: a pass over lm_head).
    std::weak_ptr<const al::Model> meanFor_;
    std::shared_ptr<const std::vector<double>> mean_;
    std::shared_ptr<const std::vector<double>> meanFor(const std::shared_ptr<const al::Model>& model) const {
        return meanFor_.lock() == model ? mean_ : nullptr;
    }
    std::string exampleKey_;                 // the model and text the shown example was computed for
};

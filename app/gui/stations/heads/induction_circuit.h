// Induction as a circuit (Elhage et al. 2021; Olsson et al. 2022): on a passage written twice, a
// previous-token head in an earlier layer writes "the token before me" into each position, and an
// induction head in a later layer uses it to find, for the current token, the token that followed
// its earlier copy. This finds the pair on the loaded model and tests the link causally: the
// induction head's score with the previous-token head knocked out, against knocking out each other
// head of that layer instead (the control).
#pragma once
#include <QStringList>
#include <QVariantMap>
#include <atomic>
#include <memory>
#include <vector>

#include "attention_lens/model.h"
#include "course_lab.h"
#include "induction_circuit_heads.h"

namespace course {

struct InductionCircuit : InductionCircuitHeads {
    double indScoreWithoutPrev = 0; // ... with the previous-token head knocked out
    double controlMean = 0;         // ... mean over knocking out each other head of prevLayer instead
    int controlCount = 0;
    std::vector<float> prevPattern, indPattern, indPatternWithoutPrev; // [T][T] dense
};

// `passage`: the learner's text as ids (the first kMaxPassage are used). Throws al::Error when the
// model has a single layer or the passage has fewer than 4 tokens; al::Cancelled when asked to stop.
InductionCircuit findInductionCircuit(const std::shared_ptr<const al::Model>& model, std::vector<int> passage,
                                      const std::atomic<bool>* cancel = nullptr);

} // namespace course

class InductionCircuitLab : public CourseLab {
    Q_OBJECT
    QML_ELEMENT
    // The pair found on the learner's text written twice: tokens (labels) and size (T); prevHead
    // and inductionHead ("L.H") with prevScore and inductionScore; inductionScoreWithoutPrev (the
    // previous-token head knocked out); controlMean over controlCount knock-outs of the other heads
    // of its layer instead; prevPattern, inductionPattern and inductionPatternWithoutPrev ([T*T]
    // row-major, masked cells NaN). Size 0 until the first result.
    Q_PROPERTY(QVariantMap result READ result NOTIFY resultChanged)
    Q_PROPERTY(QString description READ description NOTIFY resultChanged) // in words, for screen readers
public:
    explicit InductionCircuitLab(QObject* parent = nullptr);
    QVariantMap result() const { return result_; }
    QString description() const;

signals:
    void resultChanged();

protected:
    void recompute(const Input& in) override;

private:
    course::InductionCircuit c_;
    QStringList tokens_;
    QVariantMap result_;
};

// Induction as a circuit (Elhage et al. 2021; Olsson et al. 2022): on a passage written twice, a
// previous-token head in an earlier layer writes "the token before me" into each position, and an
// induction head in a later layer uses it to find, for the current token, the token that followed
// its earlier copy. This finds the pair on the loaded model and tests the link causally: the
// induction head's score with the previous-token head knocked out, against knocking out each other
// head of that layer instead (the control).
#pragma once
#include <QStringList>
#include <QVariantList>
#include <atomic>
#include <memory>
#include <vector>

#include "attention_lens/model.h"
#include "course_lab.h"

namespace course {

struct InductionCircuit {
    std::vector<int> ids;           // [BOS] + passage + passage (BOS only where the model has one)
    int passage = 0;                // tokens in one copy
    int prevLayer = -1, prevHead = -1;
    double prevScore = 0;           // previous-token score on this sequence (first token left out)
    int indLayer = -1, indHead = -1;
    double indScore = 0;            // induction score on this sequence
    double indScoreWithoutPrev = 0; // ... with the previous-token head knocked out
    double controlMean = 0;         // ... mean over knocking out each other head of prevLayer instead
    int controlCount = 0;
    std::vector<float> prevPattern, indPattern, indPatternWithoutPrev; // [T][T] dense

    static constexpr int kMaxPassage = 24; // tokens of the learner's text in each copy
};

// `passage`: the learner's text as ids (the first kMaxPassage are used). Throws al::Error when the
// model has a single layer or the passage has fewer than 4 tokens; al::Cancelled when asked to stop.
InductionCircuit findInductionCircuit(const std::shared_ptr<const al::Model>& model, std::vector<int> passage,
                                      const std::atomic<bool>* cancel = nullptr);

} // namespace course

class InductionCircuitLab : public CourseLab {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QStringList tokens READ tokens NOTIFY resultChanged)     // labels of the sequence
    Q_PROPERTY(int size READ size NOTIFY resultChanged)                 // T
    Q_PROPERTY(QString prevHead READ prevHead NOTIFY resultChanged)     // "L.H"
    Q_PROPERTY(double prevScore READ prevScore NOTIFY resultChanged)
    Q_PROPERTY(QString inductionHead READ inductionHead NOTIFY resultChanged)
    Q_PROPERTY(double inductionScore READ inductionScore NOTIFY resultChanged)
    Q_PROPERTY(double inductionScoreWithoutPrev READ inductionScoreWithoutPrev NOTIFY resultChanged)
    Q_PROPERTY(double controlMean READ controlMean NOTIFY resultChanged)
    Q_PROPERTY(int controlCount READ controlCount NOTIFY resultChanged)
    Q_PROPERTY(QVariantList prevPattern READ prevPattern NOTIFY resultChanged)
    Q_PROPERTY(QVariantList inductionPattern READ inductionPattern NOTIFY resultChanged)
    Q_PROPERTY(QVariantList inductionPatternWithoutPrev READ inductionPatternWithoutPrev NOTIFY resultChanged)
    Q_PROPERTY(QString description READ description NOTIFY resultChanged) // in words, for screen readers
public:
    explicit InductionCircuitLab(QObject* parent = nullptr);
    QString description() const;
    QStringList tokens() const { return tokens_; }
    int size() const { return int(tokens_.size()); }
    QString prevHead() const { return prevHead_; }
    double prevScore() const { return c_.prevScore; }
    QString inductionHead() const { return indHead_; }
    double inductionScore() const { return c_.indScore; }
    double inductionScoreWithoutPrev() const { return c_.indScoreWithoutPrev; }
    double controlMean() const { return c_.controlMean; }
    int controlCount() const { return c_.controlCount; }
    QVariantList prevPattern() const { return prev_; }
    QVariantList inductionPattern() const { return ind_; }
    QVariantList inductionPatternWithoutPrev() const { return indWithout_; }

signals:
    void resultChanged();

protected:
    void recompute() override;

private:
    course::InductionCircuit c_;
    QStringList tokens_;
    QString prevHead_, indHead_;
    QVariantList prev_, ind_, indWithout_;
};

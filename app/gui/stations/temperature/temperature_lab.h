// Station 5: the softmax of six candidate scores at a temperature; the learner's next-token
// distribution after temperature, top-k and top-p, with a seeded generation of a few tokens; and a
// what-if temperature on one head's attention softmax (not part of GPT-2).
#pragma once
#include <QVariantList>
#include <algorithm>

#include "head_lab.h"

class TemperatureLab : public HeadLab {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariantList candidateScores READ candidateScores WRITE setCandidateScores NOTIFY candidatesChanged)
    Q_PROPERTY(double temperature READ temperature WRITE setTemperature NOTIFY settingsChanged) // 0..3
    Q_PROPERTY(QVariantList candidateWeights READ candidateWeights NOTIFY candidatesChanged)
    Q_PROPERTY(int topK READ topK WRITE setTopK NOTIFY settingsChanged)
    Q_PROPERTY(double topP READ topP WRITE setTopP NOTIFY settingsChanged)
    Q_PROPERTY(int seed READ seed WRITE setSeed NOTIFY settingsChanged)
    Q_PROPERTY(int generateCount READ generateCount WRITE setGenerateCount NOTIFY settingsChanged)
    Q_PROPERTY(QVariantList distribution READ distribution NOTIFY predictionChanged) // top 10 {token, p, p1}
    Q_PROPERTY(int kept READ kept NOTIFY predictionChanged)            // tokens with probability > 0
    Q_PROPERTY(QString generated READ generated NOTIFY predictionChanged)
    // Head what-if, on the head chosen by `layer` and `head` (HeadLab)
    Q_PROPERTY(double headTemperature READ headTemperature WRITE setHeadTemperature NOTIFY headChanged)
    Q_PROPERTY(QStringList tokens READ tokens NOTIFY patternChanged)
    Q_PROPERTY(QList<qreal> pattern READ pattern NOTIFY patternChanged)  // [T*T], NaN masked
    Q_PROPERTY(double headKl READ headKl NOTIFY patternChanged)          // prediction moved by the what-if
    Q_PROPERTY(QString softmaxDescription READ softmaxDescription NOTIFY candidatesChanged) // in words, for screen readers
    Q_PROPERTY(QString samplingDescription READ samplingDescription NOTIFY predictionChanged)
    Q_PROPERTY(QString headDescription READ headDescription NOTIFY patternChanged)
public:
    using HeadLab::HeadLab;
    QString softmaxDescription() const;
    QString samplingDescription() const;
    QString headDescription() const;
    QVariantList candidateScores() const;
    void setCandidateScores(const QVariantList& s);
    double temperature() const { return temperature_; }
    void setTemperature(double t);
    QVariantList candidateWeights() const;
    int topK() const { return topK_; }
    void setTopK(int k) { sampleWith(topK_, std::max(0, k)); }
    double topP() const { return topP_; }
    void setTopP(double p) { sampleWith(topP_, std::clamp(p, 0.01, 1.0)); }
    int seed() const { return seed_; }
    void setSeed(int s) { sampleWith(seed_, s); }
    int generateCount() const { return generateCount_; }
    void setGenerateCount(int n) { sampleWith(generateCount_, std::clamp(n, 0, 32)); }
    QVariantList distribution() const { return prediction_.distribution; }
    int kept() const { return prediction_.kept; }
    QString generated() const { return prediction_.generated; }
    double headTemperature() const { return headTemperature_; }
    void setHeadTemperature(double t) { if (assignIfChanged(headTemperature_, std::clamp(t, 0.05, 5.0))) { emit headChanged(); rerun(&TemperatureLab::headWhatIf); } }
    QStringList tokens() const { return whatIf_.tokens; }
    QList<qreal> pattern() const { return whatIf_.pattern; }
    double headKl() const { return whatIf_.kl; }

    // Softmax of scores at a temperature (0: all weight on the largest), for the six-candidate chart.
    static std::vector<double> softmaxAt(const std::vector<double>& scores, double temperature);

signals:
    void candidatesChanged();
    void settingsChanged();
    void predictionChanged();
    void headChanged();
    void patternChanged();

protected:
    void recompute(const Input& in) override;
    void selectionMoved() override { rerun(&TemperatureLab::headWhatIf); }

private:
    void predict(const Input& in);
    void headWhatIf(const Input& in);
    // A sampling setting: kept, announced, and the next token sampled again with it.
    template <class T>
    void sampleWith(T& setting, T value) {
        if (assignIfChanged(setting, value)) {
            emit settingsChanged();
            rerun(&TemperatureLab::predict);
        }
    }
    std::vector<double> candidates_ = {2.0, 1.5, 1.0, 0.5, 0.0, -1.0};
    double temperature_ = 1.0, topP_ = 1.0, headTemperature_ = 1.0;
    int topK_ = 0, seed_ = 42, generateCount_ = 8;
    // What the two jobs compute and the properties show.
    struct Prediction {
        QVariantList distribution;
        int kept = 0;
        QString generated;
    };
    struct HeadWhatIf {
        QStringList tokens;
        QList<qreal> pattern;
        double kl = 0;
    };
    Prediction prediction_;
    HeadWhatIf whatIf_;
};

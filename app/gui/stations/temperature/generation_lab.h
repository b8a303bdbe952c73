// Station 5's generation figure: the seeded continuation written one token at a time with the KV
// cache (course::writeSeeded), each written token's attention row in every head kept as it
// arrives. QML shows any step: the selected head's T x T matrix up to that step (a row more per
// written token), the step's new row, and that row in every head (the all-heads overview).
#pragma once
#include <QList>
#include <QStringList>
#include <QVariantList>
#include <QVariantMap>
#include <algorithm>
#include <vector>

#include "attention_lens/forward.h"
#include "attention_lens/sampling.h"
#include "head_lab.h"

class GenerationLab : public HeadLab {
    Q_OBJECT
    QML_ELEMENT
    // The sampling settings (bound to the temperature lab's, so both write the same tokens).
    Q_PROPERTY(double temperature READ temperature WRITE setTemperature NOTIFY settingsChanged)
    Q_PROPERTY(int topK READ topK WRITE setTopK NOTIFY settingsChanged)
    Q_PROPERTY(double topP READ topP WRITE setTopP NOTIFY settingsChanged)
    Q_PROPERTY(int seed READ seed WRITE setSeed NOTIFY settingsChanged)
    Q_PROPERTY(int count READ count WRITE setCount NOTIFY settingsChanged)
    // What has been written so far.
    Q_PROPERTY(QStringList tokens READ tokens NOTIFY stepsChanged)       // typed, then written
    Q_PROPERTY(int promptLength READ promptLength NOTIFY stepsChanged)   // how many of them are typed
    Q_PROPERTY(int steps READ steps NOTIFY stepsChanged)                 // tokens written so far
    Q_PROPERTY(bool done READ done NOTIFY stepsChanged)                  // every token written
    // The step shown (0: the typed text alone; k: after k written tokens). It follows the newest
    // step until the learner moves it back.
    Q_PROPERTY(int step READ step WRITE setStep NOTIFY shownChanged)
    Q_PROPERTY(int shownTokens READ shownTokens NOTIFY shownChanged)     // T at the shown step
    Q_PROPERTY(QList<qreal> matrix READ matrix NOTIFY shownChanged)      // [T*T], NaN masked, selected head
    Q_PROPERTY(QList<qreal> row READ row NOTIFY shownChanged)            // [T]: the newest token's row, selected head
    Q_PROPERTY(QVariantList overview READ overview NOTIFY shownChanged)  // [L] of [H*T]: the newest row, every head
    Q_PROPERTY(double writtenShare READ writtenShare NOTIFY shownChanged) // mean over heads of the row's weight on written tokens
    Q_PROPERTY(QString description READ description NOTIFY shownChanged) // in words, for screen readers
    // A worked example of the share on written tokens (course::WrittenShare), on the first of
    // `exampleTexts` that is not the learner's text, written with the same settings: the figure
    // shows how the ratio is computed without computing it on the learner's own text.
    Q_PROPERTY(QStringList exampleTexts READ exampleTexts WRITE setExampleTexts NOTIFY exampleChanged)
    // {text, typed, written, seen, share, even, ratio}; empty until computed, or with nothing written.
    Q_PROPERTY(QVariantMap example READ example NOTIFY exampleChanged)
public:
    using HeadLab::HeadLab;
    double temperature() const { return options_.temperature; }
    void setTemperature(double t) { rewrite(options_.temperature, float(std::clamp(t, 0.0, 3.0))); }
    int topK() const { return options_.top_k; }
    void setTopK(int k) { rewrite(options_.top_k, std::max(0, k)); }
    double topP() const { return options_.top_p; }
    void setTopP(double p) { rewrite(options_.top_p, float(std::clamp(p, 0.01, 1.0))); }
    int seed() const { return int(options_.seed); }
    void setSeed(int s) { rewrite(options_.seed, uint64_t(std::max(0, s))); }
    int count() const { return count_; }
    void setCount(int n) { rewrite(count_, std::clamp(n, 0, 32)); }

    QStringList tokens() const { return tokens_; }
    int promptLength() const { return promptLength_; }
    int steps() const { return int(rows_.size()); }
    bool done() const { return done_; }
    int step() const { return step_; }
    void setStep(int s);
    int shownTokens() const { return promptLength_ > 0 ? promptLength_ + step_ : 0; }
    QList<qreal> matrix() const;
    QList<qreal> row() const;
    QVariantList overview() const;
    double writtenShare() const;
    QString description() const;
    QStringList exampleTexts() const { return exampleTexts_; }
    void setExampleTexts(const QStringList& texts);
    QVariantMap example() const { return example_; }

signals:
    void settingsChanged();
    void stepsChanged();
    void shownChanged();
    void exampleChanged();

protected:
    void recompute(const Input& in) override;
    void selectionMoved() override { emit shownChanged(); } // every head is kept: only re-slice

private:
    template <class T>
    void rewrite(T& setting, T value) {
        if (assignIfChanged(setting, value)) {
            emit settingsChanged();
            scheduleRecompute();
        }
    }
    // Weight of query i on key j in head (l, h); i below promptLength_ reads the typed text's pass.
    float weight(int l, int h, int i, int j) const;
    struct Step {
        int token = 0;
        QString label;
        std::vector<float> attention; // [L][H][position + 1]
    };
    void addStep(Step s);
    void writeExample(const Input& in);

    al::SamplingOptions options_ = [] { al::SamplingOptions o; o.seed = 42; return o; }();
    int count_ = 8;
    al::AttentionStore prompt_; // the typed text's patterns
    int layers_ = 0, heads_ = 0;
    QStringList tokens_;
    int promptLength_ = 0;
    std::vector<Step> rows_;
    bool done_ = false;
    int step_ = 0;
    QStringList exampleTexts_;
    QVariantMap example_;
    QString exampleFor_; // the learner's text the example was chosen against
};

// Station 3: every head of one layer at once, each with its census label (a heuristic) and score,
// and its attention pattern for the learner's text. One forward + census per model or text; the
// layer slider only re-slices. The value-weighted view (Kobayashi et al. 2020) reads the values that
// forward kept: every head's ‖v_j·W_O‖ (al::value_norms_all), one more small job, run while the
// toggle is on.
#pragma once
#include <QVariantList>

#include "attention_lens/census.h"
#include "course_lab.h"

class HeadsLab : public CourseLab {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int layer READ layer WRITE setLayer NOTIFY layerChanged)
    Q_PROPERTY(int layers READ layers NOTIFY resultChanged)
    Q_PROPERTY(QStringList tokens READ tokens NOTIFY resultChanged)
    // For the current layer, one entry per head: {head, label (the census's id), labelText (its
    // words in the interface's language), score, scoreName, scores: {...}, scoreRows: [{name,
    // value}] (the scores in words, for people), pattern: [T*T] (row-major, masked cells 0),
    // valuePattern: [T*T] (only while valueWeightsReady: weight × ‖v_j·W_O‖, each row rescaled to
    // sum to 1, like Station 1's view)}.
    Q_PROPERTY(QVariantList heads READ heads NOTIFY headsChanged)
    // Labels of every head: [layer][head] census ids (for the layer slider's overview).
    Q_PROPERTY(QVariantList labels READ labels NOTIFY resultChanged)
    Q_PROPERTY(QString description READ description NOTIFY headsChanged) // in words, for screen readers
    // Show the value-weighted patterns beside the raw ones; valueWeightsReady once their norms are in.
    Q_PROPERTY(bool valueWeighted READ valueWeighted WRITE setValueWeighted NOTIFY valueWeightedChanged)
    Q_PROPERTY(bool valueWeightsReady READ valueWeightsReady NOTIFY headsChanged)
public:
    explicit HeadsLab(QObject* parent = nullptr);
    QString description() const;
    int layer() const { return layer_; }
    void setLayer(int l) { if (assignIfChanged(layer_, l)) { emit layerChanged(); slice(); } }
    int layers() const { return layers_; }
    QStringList tokens() const { return tokens_; }
    QVariantList heads() const { return heads_; }
    QVariantList labels() const { return labels_; }
    bool valueWeighted() const { return valueWeighted_; }
    void setValueWeighted(bool on);
    bool valueWeightsReady() const { return valueWeighted_ && norms_ != nullptr; }

    // The shown layer's tiles as FigureExport's "heatmap" figure: one panel per head with its label
    // and score, the patterns the tiles show (value-weighted once ready), the causal mask's cells
    // left empty; its numbers hold every head's pattern as rows of keys, the tokens, the layer and
    // which weights they are. {} before a result.
    Q_INVOKABLE QVariantMap gridFigure() const;

    // The score a label is judged by, in words: e.g. "sink" -> "first-token weight" (for the tiles).
    static QString scoreNameFor(const std::string& label);
    static double scoreFor(const al::HeadScores& s);

signals:
    void layerChanged();
    void resultChanged();
    void headsChanged();
    void valueWeightedChanged();

protected:
    void recompute(const Input& in) override;

private:
    void slice();
    void requestNorms(); // every head's value norms for the current result, while the toggle is on
    struct Data;
    std::shared_ptr<const Data> data_;
    std::shared_ptr<const std::vector<float>> norms_; // [L][H][T] for data_, or null
    bool valueWeighted_ = false;
    int layer_ = 0, layers_ = 0;
    QStringList tokens_;
    QVariantList heads_, labels_;
};

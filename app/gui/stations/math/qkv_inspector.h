// Station 2's "real thing": for the learner's sentence, one head's real query of one token, the
// keys of every token it may see, the scaled scores q·k/√d, the softmax and the weighted sum of the
// real value vectors. One forward (with Q/K/V kept) per model or text; picking another layer, head
// or token only re-slices it.
#pragma once
#include <QVariantList>
#include <QVariantMap>

#include <optional>

#include "attention_lens/config.h"
#include "attention_lens/forward.h"
#include "head_lab.h"

class QkvInspector : public HeadLab {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int token READ token WRITE setToken NOTIFY selectionChanged) // -1: the last token
    Q_PROPERTY(QStringList tokens READ tokens NOTIFY resultChanged)
    Q_PROPERTY(int headDim READ headDim NOTIFY resultChanged)
    Q_PROPERTY(double scale READ scale NOTIFY sliceChanged)       // the divisor: √d for GPT-2
    // False for a model whose config.json scales its scores otherwise (no division, or also by
    // the layer's number): the figure then names its own divisor.
    Q_PROPERTY(bool scaleIsSqrtD READ scaleIsSqrtD NOTIFY resultChanged)
    // The chosen query's row, replaced whole on every re-slice: query (the resolved token index),
    // q [head_dim], keys and values [query+1][head_dim], scores (q·k/√d as the engine computed),
    // dots (q·k recomputed here from q and k), weights, output (Σ wᵢ vᵢ, [head_dim]) and range
    // (the largest |entry|, for the strips).
    Q_PROPERTY(QVariantMap row READ row NOTIFY sliceChanged)
    Q_PROPERTY(QString description READ description NOTIFY sliceChanged) // in words, for screen readers
public:
    using HeadLab::HeadLab;
    QString description() const;
    int token() const { return token_; }
    void setToken(int t) { if (assignIfChanged(token_, t)) { emit selectionChanged(); slice(); } }
    QStringList tokens() const { return tokens_; }
    int headDim() const { return result_ ? result_->head_dim : 0; }
    double scale() const;
    bool scaleIsSqrtD() const { return !config_ || config_->scales_by_sqrt_head_dim_only(); }
    QVariantMap row() const { return row_; }

signals:
    void resultChanged();
    void sliceChanged();

protected:
    void recompute(const Input& in) override;
    void selectionMoved() override { slice(); }

private:
    void slice();
    int token_ = -1, query_ = 0;
    std::shared_ptr<const al::ForwardResult> result_;
    std::optional<al::Config> config_; // the model's, for its scale
    QStringList tokens_;
    QVariantList weights_; // the row's, for the description
    static QVariantMap emptyRow(); // every key, with empty lists, before the first result
    QVariantMap row_ = emptyRow();
};

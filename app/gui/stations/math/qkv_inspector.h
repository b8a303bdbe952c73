// Station 2's "real thing": for the learner's sentence, one head's real query of one token, the
// keys of every token it may see, the scaled scores q·k/√d, the softmax and the weighted sum of the
// real value vectors. One forward (with Q/K/V kept) per model or text; picking another layer, head
// or token only re-slices it.
#pragma once
#include <QVariantList>

#include "attention_lens/forward.h"
#include "head_lab.h"

class QkvInspector : public HeadLab {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int token READ token WRITE setToken NOTIFY selectionChanged) // -1: the last token
    Q_PROPERTY(QStringList tokens READ tokens NOTIFY resultChanged)
    Q_PROPERTY(int headDim READ headDim NOTIFY resultChanged)
    Q_PROPERTY(double scale READ scale NOTIFY resultChanged)      // the divisor √d
    Q_PROPERTY(int query READ query NOTIFY sliceChanged)          // the resolved token index
    Q_PROPERTY(QVariantList q READ q NOTIFY sliceChanged)         // [head_dim]
    Q_PROPERTY(QVariantList keys READ keys NOTIFY sliceChanged)   // [query+1][head_dim]
    Q_PROPERTY(QVariantList values READ values NOTIFY sliceChanged)
    Q_PROPERTY(QVariantList scores READ scores NOTIFY sliceChanged)   // q·k/√d as the engine computed
    Q_PROPERTY(QVariantList dots READ dots NOTIFY sliceChanged)       // q·k recomputed here from q, k
    Q_PROPERTY(QVariantList weights READ weights NOTIFY sliceChanged)
    Q_PROPERTY(QVariantList output READ output NOTIFY sliceChanged)   // Σ wᵢ vᵢ [head_dim]
    Q_PROPERTY(double range READ range NOTIFY sliceChanged)           // largest |entry| for the strips
    Q_PROPERTY(QString description READ description NOTIFY sliceChanged) // in words, for screen readers
public:
    using HeadLab::HeadLab;
    QString description() const;
    int token() const { return token_; }
    void setToken(int t) { if (assignIfChanged(token_, t)) { emit selectionChanged(); slice(); } }
    QStringList tokens() const { return tokens_; }
    int headDim() const { return result_ ? result_->head_dim : 0; }
    double scale() const;
    int query() const { return query_; }
    QVariantList q() const { return q_; }
    QVariantList keys() const { return keys_; }
    QVariantList values() const { return values_; }
    QVariantList scores() const { return scores_; }
    QVariantList dots() const { return dots_; }
    QVariantList weights() const { return weights_; }
    QVariantList output() const { return output_; }
    double range() const { return range_; }

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
    QStringList tokens_;
    QVariantList q_, keys_, values_, scores_, dots_, weights_, output_;
    double range_ = 1;
};

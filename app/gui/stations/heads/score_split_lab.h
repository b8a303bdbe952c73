// Station 3: why a head attends where it does. For the head the learner picks, its pre-softmax
// score at one query/key cell taken apart into query-part × key-part terms of the residual stream
// (al::decompose_score: the largest terms, the rest summed), and, over the whole pattern, how much
// of the head's choice of keys comes from position, from content and from the fixed biases
// (al::score_split), for that head and for every head of its layer. One forward pass (hidden states,
// q, k, v kept) per model or text; a new head or cell reruns only the decomposition.
#pragma once
#include <QVariantMap>

#include "head_lab.h"

class ScoreSplitLab : public HeadLab {
    Q_OBJECT
    QML_ELEMENT
    // The cell: -1 picks the last query and the key it weights most.
    Q_PROPERTY(int query READ query WRITE setQuery NOTIFY selectionChanged)
    Q_PROPERTY(int key READ key WRITE setKey NOTIFY selectionChanged)
    // One map, replaced whole: {layer, head, layers, heads, size, tokens, pattern: [T*T],
    // split: {position, content, biases}, layerSplits: [{head, position, content, biases}],
    // cell: {query, key, weight, score, sum, terms: [{query, key, value}], rest, restCount, parts}}.
    Q_PROPERTY(QVariantMap result READ result NOTIFY resultChanged)
    Q_PROPERTY(QString description READ description NOTIFY resultChanged) // in words, for screen readers
public:
    using HeadLab::HeadLab;
    int query() const { return query_; }
    void setQuery(int q);
    int key() const { return key_; }
    void setKey(int k);
    Q_INVOKABLE void pickCell(int query, int key);
    QVariantMap result() const { return result_; }
    QString description() const;
    // How many of the largest terms the table lists; the rest is summed in one row.
    static constexpr int kTerms = 8;

signals:
    void resultChanged();

protected:
    void recompute(const Input& in) override;

private:
    struct Forward;
    std::shared_ptr<const Forward> forward_;
    int query_ = -1, key_ = -1;
    QVariantMap result_;
};

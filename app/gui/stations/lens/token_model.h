// The current text's tokens as chips: one row per token, with the focused query's attention weight
// on each (set by the LensController when the layer, head, focus or result changes).
#pragma once
#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>
#include <vector>

#include "lens/lens_result.h"

class TokenModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("TokenModel belongs to a LensController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        TextRole = Qt::UserRole + 1, // the chip's text (no raw Ġ; leading space as a flag)
        TokenIdRole,
        LeadingSpaceRole,
        ContinuesWordRole,   // joined to the previous chip (same word, several BPE pieces)
        ContinuedRole,       // the next chip continues this one's word
        SpecialRole,
        PartialBytesRole,
        WeightRole,          // attention of the focused query on this token; -1: none (no focus,
                             // a later token, or the hidden first token)
        IsQueryRole,
        AccessibleRole       // a sentence for screen readers
    };
    explicit TokenModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(tokens_.size()); }
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(tokens_.size()); }

    void setTokens(const std::vector<lens::TokenInfo>& tokens);
    void setWeights(const std::vector<float>& weights, int query); // empty + -1: no focus

    Q_INVOKABLE QVariantMap get(int row) const;

signals:
    void countChanged();

private:
    std::vector<lens::TokenInfo> tokens_;
    std::vector<float> weights_;
    int query_ = -1;
};

#include "lens/token_model.h"
#include "figure_words.h"

TokenModel::TokenModel(QObject* parent) : QAbstractListModel(parent) {}

QVariant TokenModel::data(const QModelIndex& index, int role) const {
    const int r = index.row();
    if (!index.isValid() || r < 0 || r >= int(tokens_.size()))
        return {};
    const lens::TokenInfo& t = tokens_[r];
    const float w = r < int(weights_.size()) ? weights_[r] : -1.f;
    switch (role) {
    case Qt::DisplayRole:
    case TextRole: return t.text;
    case TokenIdRole: return t.id;
    case LeadingSpaceRole: return t.leadingSpace;
    case ContinuesWordRole: return t.continuesWord;
    case ContinuedRole: return r + 1 < int(tokens_.size()) && tokens_[r + 1].continuesWord;
    case SpecialRole: return t.special;
    case PartialBytesRole: return t.partialBytes;
    case WeightRole: return double(w);
    case IsQueryRole: return r == query_;
    case AccessibleRole: {
        QString s = tr("Token %1 of %2: %3").arg(r + 1).arg(tokens_.size()).arg(t.text);
        if (t.special)
            s += tr(", special token");
        if (t.continuesWord)
            s += tr(", continues the previous word");
        if (r == query_)
            s += tr(", the selected query");
        else if (w >= 0.f)
            s += tr(", receives %1 of the attention").arg(figure_words::number(double(w)));
        return s;
    }
    }
    return {};
}

QHash<int, QByteArray> TokenModel::roleNames() const {
    return {{TextRole, "text"}, {TokenIdRole, "tokenId"}, {LeadingSpaceRole, "leadingSpace"},
            {ContinuesWordRole, "continuesWord"}, {ContinuedRole, "continued"},
            {SpecialRole, "special"}, {PartialBytesRole, "partialBytes"}, {WeightRole, "weight"},
            {IsQueryRole, "isQuery"}, {AccessibleRole, "accessibleText"}};
}

QVariantMap TokenModel::get(int row) const {
    QVariantMap m;
    if (row < 0 || row >= int(tokens_.size()))
        return m;
    const QHash<int, QByteArray> roles = roleNames();
    for (auto it = roles.begin(); it != roles.end(); ++it)
        m.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return m;
}

void TokenModel::setTokens(const std::vector<lens::TokenInfo>& tokens) {
    // Typing changes the tail of the text: keep the chips of the shared prefix (and their focus),
    // remove and insert only the rest.
    const int oldCount = int(tokens_.size());
    int prefix = 0;
    while (prefix < oldCount && prefix < int(tokens.size()) && tokens_[prefix].id == tokens[prefix].id
           && tokens_[prefix].continuesWord == tokens[prefix].continuesWord)
        ++prefix;
    if (prefix < oldCount) {
        beginRemoveRows({}, prefix, oldCount - 1);
        tokens_.resize(prefix);
        weights_.resize(prefix);
        endRemoveRows();
    }
    if (prefix < int(tokens.size())) {
        beginInsertRows({}, prefix, int(tokens.size()) - 1);
        tokens_ = tokens;
        weights_.resize(tokens_.size(), -1.f);
        endInsertRows();
    }
    if (prefix > 0)
        emit dataChanged(index(0), index(prefix - 1)); // "continued" of the last kept chip may change
    if (query_ >= int(tokens_.size()))
        query_ = -1;
    if (oldCount != int(tokens_.size()))
        emit countChanged();
}

void TokenModel::setWeights(const std::vector<float>& weights, int query) {
    weights_ = weights;
    weights_.resize(tokens_.size(), -1.f);
    query_ = query;
    if (!tokens_.empty())
        emit dataChanged(index(0), index(int(tokens_.size()) - 1),
                         {WeightRole, IsQueryRole, AccessibleRole});
}

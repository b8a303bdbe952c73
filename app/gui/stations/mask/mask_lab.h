// Station 4: one head's scaled score grid for a short sentence (masked cells are −∞, shown as NaN to
// the heat map) with the softmax weights of each row; and the what-if with the causal mask off:
// the next-token prediction with and without it.
#pragma once
#include <QVariantList>

#include "head_lab.h"

class MaskLab : public HeadLab {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int maxTokens READ maxTokens WRITE setMaxTokens NOTIFY selectionChanged) // the grid's size cap
    Q_PROPERTY(QStringList tokens READ tokens NOTIFY resultChanged)
    Q_PROPERTY(QList<qreal> scores READ scores NOTIFY gridChanged)   // [T*T], NaN where masked
    Q_PROPERTY(QList<qreal> weights READ weights NOTIFY gridChanged) // [T*T], NaN where masked
    Q_PROPERTY(QVariantList maskedTop READ maskedTop NOTIFY resultChanged)    // [{token, p}]
    Q_PROPERTY(QVariantList unmaskedTop READ unmaskedTop NOTIFY resultChanged)
    Q_PROPERTY(double kl READ kl NOTIFY resultChanged)
    Q_PROPERTY(QString gridDescription READ gridDescription NOTIFY gridChanged) // in words, for screen readers
    Q_PROPERTY(QString predictionDescription READ predictionDescription NOTIFY resultChanged)
public:
    using HeadLab::HeadLab;
    QString gridDescription() const;
    QString predictionDescription() const;
    int maxTokens() const { return maxTokens_; }
    void setMaxTokens(int n);
    QStringList tokens() const { return tokens_; }
    QList<qreal> scores() const { return scores_; }
    QList<qreal> weights() const { return weights_; }
    QVariantList maskedTop() const { return maskedTop_; }
    QVariantList unmaskedTop() const { return unmaskedTop_; }
    double kl() const { return kl_; }

signals:
    void resultChanged();
    void gridChanged();

protected:
    void recompute(const Input& in) override;
    void selectionMoved() override { slice(); }

private:
    void slice();
    struct Data;
    std::shared_ptr<const Data> data_;
    int maxTokens_ = 8;
    QStringList tokens_;
    QList<qreal> scores_, weights_;
    QVariantList maskedTop_, unmaskedTop_;
    double kl_ = 0;
};

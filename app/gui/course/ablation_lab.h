// Station 3's knock-out lab: zero-ablate any set of heads and compare the next-token prediction
// (top 5 and KL from the unablated run). Also finds, by computation on the loaded model, the
// guided examples: the single head whose removal moves the prediction most, and a pair of heads in
// one layer where removing both moves it far more than the sum of removing each (one compensates
// for the other).
#pragma once
#include <QSet>
#include <QVariantList>

#include "course_lab.h"

class AblationLab : public CourseLab {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QStringList ablated READ ablated WRITE setAblated NOTIFY ablatedChanged) // "L.H"
    Q_PROPERTY(QVariantList baseTop READ baseTop NOTIFY predictionChanged)  // [{token, p}]
    Q_PROPERTY(QVariantList top READ top NOTIFY predictionChanged)          // [{token, p, baseP}]
    Q_PROPERTY(double kl READ kl NOTIFY predictionChanged)                  // nats
    Q_PROPERTY(QString context READ context NOTIFY predictionChanged)       // the text's last tokens
    Q_PROPERTY(bool searching READ searching NOTIFY guideChanged)
    // {head: "L.H", kl} and {a, b, klA, klB, klBoth}; {} until found.
    Q_PROPERTY(QVariantMap strongest READ strongest NOTIFY guideChanged)
    Q_PROPERTY(QVariantMap compensation READ compensation NOTIFY guideChanged)
public:
    explicit AblationLab(QObject* parent = nullptr);
    QStringList ablated() const;
    void setAblated(const QStringList& heads);
    QVariantList baseTop() const { return baseTop_; }
    QVariantList top() const { return top_; }
    double kl() const { return kl_; }
    QString context() const { return context_; }
    bool searching() const { return searching_; }
    QVariantMap strongest() const { return strongest_; }
    QVariantMap compensation() const { return compensation_; }

    Q_INVOKABLE void toggle(int layer, int head);
    Q_INVOKABLE bool isAblated(int layer, int head) const;
    Q_INVOKABLE void clear();

signals:
    void ablatedChanged();
    void predictionChanged();
    void guideChanged();

protected:
    void recompute() override;

private:
    void predict();
    void search();
    QStringList ablated_;
    QVariantList baseTop_, top_;
    double kl_ = 0;
    QString context_;
    bool searching_ = false;
    QVariantMap strongest_, compensation_;
};

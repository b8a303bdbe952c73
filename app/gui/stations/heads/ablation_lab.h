// Station 3's knock-out lab: zero-ablate any set of heads and compare the next-token prediction
// (top 5, KL from the unablated run, and the change in the intact top token's logit). Also runs
// the guided search of knockout_search.h on the loaded model: the head whose removal lowers the
// top token's logit most, the pair of strong heads whose joint effect is furthest from the sum of
// their single effects, and a later-layer head whose direct effect rises when the strongest head
// is off (a backup head), with a sentence saying what was searched.
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
    // The intact model's top next token, and how far knocking out `ablated` moves its logit.
    Q_PROPERTY(QString topToken READ topToken NOTIFY predictionChanged)
    Q_PROPERTY(double dLogit READ dLogit NOTIFY predictionChanged)
    Q_PROPERTY(bool searching READ searching NOTIFY guideChanged)
    // {} until the search is done. strongest: {head: "L.H", dLogit, kl}. pair: {a, b, dA, dB, dBoth}
    // (dLogit of each alone and of both). backup: {of, head, before, after} (direct effects on the
    // top token's logit with all heads on and with `of` off), {} when no later head's rose enough.
    Q_PROPERTY(QVariantMap strongest READ strongest NOTIFY guideChanged)
    Q_PROPERTY(QVariantMap widest READ widest NOTIFY guideChanged) // {head, kl}: the largest KL alone
    Q_PROPERTY(QVariantMap pair READ pair NOTIFY guideChanged)
    Q_PROPERTY(QVariantMap backup READ backup NOTIFY guideChanged)
    Q_PROPERTY(QString searched READ searched NOTIFY guideChanged) // what the search tried, for people
    Q_PROPERTY(QString description READ description NOTIFY predictionChanged) // in words, for screen readers
public:
    explicit AblationLab(QObject* parent = nullptr);
    QString description() const;
    QStringList ablated() const;
    void setAblated(const QStringList& heads);
    QVariantList baseTop() const { return baseTop_; }
    QVariantList top() const { return top_; }
    double kl() const { return kl_; }
    QString context() const { return context_; }
    QString topToken() const { return topToken_; }
    double dLogit() const { return dLogit_; }
    bool searching() const { return searching_; }
    QVariantMap strongest() const { return strongest_; }
    QVariantMap widest() const { return widest_; }
    QVariantMap pair() const { return pair_; }
    QVariantMap backup() const { return backup_; }
    QString searched() const { return searched_; }

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
    double kl_ = 0, dLogit_ = 0;
    QString context_, topToken_;
    bool searching_ = false;
    QVariantMap strongest_, widest_, pair_, backup_;
    QString searched_;
};

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
    using CourseLab::CourseLab;
    QString description() const;
    QStringList ablated() const;
    void setAblated(const QStringList& heads);
    QVariantList baseTop() const { return prediction_.baseTop; }
    QVariantList top() const { return prediction_.top; }
    double kl() const { return prediction_.kl; }
    QString context() const { return prediction_.context; }
    QString topToken() const { return prediction_.topToken; }
    double dLogit() const { return prediction_.dLogit; }
    bool searching() const { return searching_; }
    QVariantMap strongest() const { return guide_.strongest; }
    QVariantMap widest() const { return guide_.widest; }
    QVariantMap pair() const { return guide_.pair; }
    QVariantMap backup() const { return guide_.backup; }
    QString searched() const { return guide_.searched; }

    Q_INVOKABLE void toggle(int layer, int head);
    Q_INVOKABLE bool isAblated(int layer, int head) const;
    Q_INVOKABLE void clear();

signals:
    void ablatedChanged();
    void predictionChanged();
    void guideChanged();

protected:
    void recompute(const Input& in) override;

private:
    // What a job computes and the properties show: the prediction with `ablated` knocked out, and
    // the guided search.
    struct Prediction {
        QVariantList baseTop, top;
        double kl = 0, dLogit = 0;
        QString context, topToken;
    };
    struct Guide {
        QVariantMap strongest, widest, pair, backup;
        QString searched;
    };
    void predict(const Input& in);
    void search(const Input& in);
    QStringList ablated_;
    Prediction prediction_;
    bool searching_ = false;
    Guide guide_;
};

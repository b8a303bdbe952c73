// Sizes of the loaded model that ModelHub does not list (vocabulary, MLP width, head width), for
// the plumbing diagram, and the lesson texts' {{model.KEY}} placeholders filled with them (the
// station page's prose and glossary). Follows ModelHub::modelChanged.
#pragma once
#include <QObject>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class ModelFacts : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int vocab READ vocab NOTIFY changed)
    Q_PROPERTY(int mlpWidth READ mlpWidth NOTIFY changed)
    Q_PROPERTY(int headDim READ headDim NOTIFY changed)
    Q_PROPERTY(QString multiHeadDescription READ multiHeadDescription NOTIFY changed) // in words, for screen readers
    Q_PROPERTY(QString plumbingDescription READ plumbingDescription NOTIFY changed)
    // The placeholders' values (course::modelSizes); pass them to fill() so that a binding that
    // fills a text follows a change of model.
    Q_PROPERTY(QVariantMap sizes READ sizes NOTIFY changed)
public:
    explicit ModelFacts(QObject* parent = nullptr);
    QString multiHeadDescription() const;
    QString plumbingDescription() const;
    int vocab() const { return vocab_; }
    int mlpWidth() const { return mlp_; }
    int headDim() const { return headDim_; }
    QVariantMap sizes() const { return sizes_; }
    // `text` with its {{model.KEY}} placeholders filled from `sizes` (course::fillModelPlaceholders).
    Q_INVOKABLE QString fill(const QString& text, const QVariantMap& sizes) const;
signals:
    void changed();
private:
    void read();
    int vocab_ = 0, mlp_ = 0, headDim_ = 0;
    QVariantMap sizes_;
};

// Sizes of the loaded model that ModelHub does not list (vocabulary, MLP width, head width), for
// the plumbing diagram. Follows ModelHub::modelChanged.
#pragma once
#include <QObject>
#include <QtQml/qqmlregistration.h>

class ModelFacts : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int vocab READ vocab NOTIFY changed)
    Q_PROPERTY(int mlpWidth READ mlpWidth NOTIFY changed)
    Q_PROPERTY(int headDim READ headDim NOTIFY changed)
    Q_PROPERTY(QString multiHeadDescription READ multiHeadDescription NOTIFY changed) // in words, for screen readers
    Q_PROPERTY(QString plumbingDescription READ plumbingDescription NOTIFY changed)
public:
    explicit ModelFacts(QObject* parent = nullptr);
    QString multiHeadDescription() const;
    QString plumbingDescription() const;
    int vocab() const { return vocab_; }
    int mlpWidth() const { return mlp_; }
    int headDim() const { return headDim_; }
signals:
    void changed();
private:
    void read();
    int vocab_ = 0, mlp_ = 0, headDim_ = 0;
};

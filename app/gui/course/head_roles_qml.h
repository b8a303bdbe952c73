// The words for heads' roles (exercises/head_roles.h) for QML: HeadRoles.labels[id] follows a
// change of language.
#pragma once
#include <QObject>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include "head_roles.h"

class HeadRoles : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QVariantMap labels READ labels NOTIFY labelsChanged) // {id: words}
public:
    explicit HeadRoles(QObject* parent = nullptr);
    QVariantMap labels() const;
    Q_INVOKABLE QString label(const QString& id) const { return head_roles::label(id); }

signals:
    void labelsChanged();
};

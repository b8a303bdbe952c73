// The words a learner reads or hears for a head's role. The head census (engine/src/census.cpp)
// labels heads with ids such as "induction", "previous-token" or "sink"; ids stay ids everywhere
// data is computed, compared or saved (progress files, JSON, exercise answers), and become words
// only here, at display time, in the interface's language. English shows the ids themselves (the
// lessons name the labels so); other languages translate them in the "HeadRoles" context.
#pragma once
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace head_roles {

// The census's labels in the order of its rules, and "first-token", the key of the score a sink
// is judged by (tables name their columns by score).
QStringList ids();

// `id` in words, in the interface's language ("previous-token" -> "vorheriges Token" in German);
// an id this list does not know comes back unchanged.
QString label(const QString& id);

} // namespace head_roles

// The same words for QML: HeadRoles.labels[id] follows a change of language.
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

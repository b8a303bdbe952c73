// The words a learner reads or hears for a head's role. The head census (engine/src/census.cpp)
// labels heads with ids such as "induction", "previous-token" or "sink"; ids stay ids everywhere
// data is computed, compared or saved (progress files, JSON, exercise answers), and become words
// only here, at display time, in the interface's language. English shows the ids themselves (the
// lessons name the labels so); other languages translate them in the "HeadRoles" context.
// Qt Core only: the exercise answers use it in the CLI too; QML reads it through HeadRoles
// (app/gui/course/head_roles_qml.h).
#pragma once
#include <QString>
#include <QStringList>

namespace head_roles {

// The census's labels in the order of its rules, and "first-token", the key of the score a sink
// is judged by (tables name their columns by score).
QStringList ids();

// `id` in words, in the interface's language ("previous-token" -> "vorheriges Token" in German);
// an id this list does not know comes back unchanged.
QString label(const QString& id);

} // namespace head_roles

#include "head_roles_qml.h"

#include "i18n/translations.h"

HeadRoles::HeadRoles(QObject* parent) : QObject(parent) {
    connect(Translations::instance(), &Translations::languageChanged, this, &HeadRoles::labelsChanged);
}

QVariantMap HeadRoles::labels() const {
    QVariantMap m;
    for (const QString& id : head_roles::ids()) m.insert(id, head_roles::label(id));
    return m;
}

#include "head_roles.h"

#include <QCoreApplication>

namespace head_roles {
namespace {

struct Role {
    const char* id;
    const char* words; // the English words, which are the id: lupdate reads them here
};

constexpr Role kRoles[] = {
    {"induction", QT_TRANSLATE_NOOP("HeadRoles", "induction")},
    {"previous-token", QT_TRANSLATE_NOOP("HeadRoles", "previous-token")},
    {"duplicate", QT_TRANSLATE_NOOP("HeadRoles", "duplicate")},
    {"self", QT_TRANSLATE_NOOP("HeadRoles", "self")},
    {"sink", QT_TRANSLATE_NOOP("HeadRoles", "sink")},
    {"diffuse", QT_TRANSLATE_NOOP("HeadRoles", "diffuse")},
    {"long-range", QT_TRANSLATE_NOOP("HeadRoles", "long-range")},
    {"mixed", QT_TRANSLATE_NOOP("HeadRoles", "mixed")},
    {"first-token", QT_TRANSLATE_NOOP("HeadRoles", "first-token")},
};

} // namespace

QStringList ids() {
    QStringList out;
    for (const Role& r : kRoles) out << QString::fromLatin1(r.id);
    return out;
}

QString label(const QString& id) {
    for (const Role& r : kRoles)
        if (id == QLatin1String(r.id))
            return QCoreApplication::translate("HeadRoles", r.words);
    return id;
}

} // namespace head_roles

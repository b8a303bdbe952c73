#include "storage/app_folders.h"

#include <QDir>
#include <QStandardPaths>

namespace al::app {

QString appDataFolder() {
    return QDir::cleanPath(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QLatin1Char('/') +
                           QLatin1String(kOrganizationName) + QLatin1Char('/') + QLatin1String(kApplicationName));
}

} // namespace al::app

#include "system_contrast.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QString>
#include <QtGlobal>

#ifdef Q_OS_WIN
#include <windows.h>
#endif

namespace system_contrast {

namespace {

bool namesHighContrast(const QString& theme) {
    return theme.contains(QLatin1String("HighContrast"), Qt::CaseInsensitive)
        || theme.contains(QLatin1String("High Contrast"), Qt::CaseInsensitive);
}

#ifndef Q_OS_WIN
QString gtkThemeFromSettings() {
    const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    for (const char* sub : {"gtk-4.0/settings.ini", "gtk-3.0/settings.ini"}) {
        const QString path = QDir(config).filePath(QLatin1String(sub));
        if (!QFile::exists(path))
            continue;
        QSettings ini(path, QSettings::IniFormat);
        const QString name = ini.value(QStringLiteral("Settings/gtk-theme-name")).toString();
        if (!name.isEmpty())
            return name;
    }
    return {};
}
#endif

} // namespace

bool requested() {
    const QByteArray forced = qgetenv("AL_HIGH_CONTRAST");
    if (forced == "1" || forced == "0")
        return forced == "1";
#ifdef Q_OS_WIN
    HIGHCONTRASTW hc{};
    hc.cbSize = sizeof(hc);
    if (SystemParametersInfoW(SPI_GETHIGHCONTRAST, sizeof(hc), &hc, 0))
        return (hc.dwFlags & HCF_HIGHCONTRASTON) != 0;
    return false;
#else
    const QString gtkTheme = qEnvironmentVariable("GTK_THEME");
    if (!gtkTheme.isEmpty())
        return namesHighContrast(gtkTheme);
    return namesHighContrast(gtkThemeFromSettings());
#endif
}

} // namespace system_contrast

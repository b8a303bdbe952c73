#include "system_contrast.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QtGlobal>
#include <mutex>

#include "settings_file.h"
#include "storage/state_file.h"

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
        // Read as the app's own settings are (settings_file.h): not through a link or a pipe, not
        // of any size, and never a binary @Variant value, which QSettings would decode unchecked.
        const al::app::StateFileRead file = al::app::readStateFile(path, settings_file::kMaxBytes);
        if (file.missing || !file.problem.isEmpty())
            continue;
        const settings_file::Contents ini = settings_file::parse(file.bytes);
        const QString name = ini.values.value(QStringLiteral("Settings/gtk-theme-name")).toString();
        if (!name.isEmpty())
            return name;
    }
    return {};
}
#endif

#ifndef Q_OS_WIN
std::mutex gnomeMutex;
bool gnomeRead = false;
std::optional<bool> gnomeValue;

std::optional<bool> rememberedGnomeHighContrast() {
    std::lock_guard<std::mutex> lock(gnomeMutex);
    if (!gnomeRead) {
        gnomeValue = gnomeHighContrast();
        gnomeRead = true;
    }
    return gnomeValue;
}
#endif

} // namespace

std::optional<bool> parseGsettingsBool(const QByteArray& printed) {
    const QByteArray v = printed.trimmed();
    if (v == "true")
        return true;
    if (v == "false")
        return false;
    return std::nullopt;
}

std::optional<bool> gnomeHighContrast() {
    const QString gsettings = QStandardPaths::findExecutable(QStringLiteral("gsettings"));
    if (gsettings.isEmpty())
        return std::nullopt;
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(gsettings, {QStringLiteral("get"), QStringLiteral("org.gnome.desktop.a11y.interface"), QStringLiteral("high-contrast")});
    if (!p.waitForFinished(1000)) {
        p.kill();
        p.waitForFinished(200);
        return std::nullopt;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return std::nullopt;
    return parseGsettingsBool(p.readAllStandardOutput());
}

void forgetGnomeReading() {
#ifndef Q_OS_WIN
    std::lock_guard<std::mutex> lock(gnomeMutex);
    gnomeRead = false;
    gnomeValue.reset();
#endif
}

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
    if (rememberedGnomeHighContrast().value_or(false))
        return true;
    const QString gtkTheme = qEnvironmentVariable("GTK_THEME");
    if (!gtkTheme.isEmpty())
        return namesHighContrast(gtkTheme);
    return namesHighContrast(gtkThemeFromSettings());
#endif
}

} // namespace system_contrast

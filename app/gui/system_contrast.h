// Whether the desktop asks for high contrast. Qt 6.4 has no API for it (QStyleHints::colorScheme
// and the accessibility hints came later), so the platform's own setting is read directly.
#pragma once

#include <QByteArray>
#include <optional>

namespace system_contrast {

// In order, the first that answers:
//  1. AL_HIGH_CONTRAST=1 or 0 in the environment (any platform; also for tests);
//  2. Windows: SystemParametersInfo(SPI_GETHIGHCONTRAST), the "Contrast themes" switch;
//  3. GNOME's accessibility switch, org.gnome.desktop.a11y.interface high-contrast, when it is
//     on (read with gsettings once, at the first call, then remembered: running it takes a
//     moment that should not be spent again on the GUI thread);
//  4. GTK desktops (GNOME, Xfce, ...): GTK_THEME, else gtk-theme-name in
//     $XDG_CONFIG_HOME/gtk-3.0/settings.ini or gtk-4.0/settings.ini, naming a HighContrast theme
//     (GNOME's "High Contrast" accessibility switch selects the HighContrast theme);
//  5. otherwise: no.
bool requested();

// What `gsettings get` printed for a boolean key ("true" or "false", with its newline), or nothing
// for anything else (an error, an unknown schema).
std::optional<bool> parseGsettingsBool(const QByteArray& printed);

// GNOME's high-contrast switch read now with the gsettings found on PATH; nothing when there is
// no gsettings, the schema is missing or it does not answer within a second.
std::optional<bool> gnomeHighContrast();

// Forget the GNOME reading, so the next requested() reads it again (a test with a stub gsettings).
void forgetGnomeReading();

} // namespace system_contrast

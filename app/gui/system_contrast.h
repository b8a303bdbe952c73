// Whether the desktop asks for high contrast. Qt 6.4 has no API for it (QStyleHints::colorScheme
// and the accessibility hints came later), so the platform's own setting is read directly.
#pragma once

namespace system_contrast {

// In order, the first that answers:
//  1. AL_HIGH_CONTRAST=1 or 0 in the environment (any platform; also for tests);
//  2. Windows: SystemParametersInfo(SPI_GETHIGHCONTRAST), the "Contrast themes" switch;
//  3. GTK desktops (GNOME, Xfce, ...): GTK_THEME, else gtk-theme-name in
//     $XDG_CONFIG_HOME/gtk-3.0/settings.ini or gtk-4.0/settings.ini, naming a HighContrast theme
//     (GNOME's "High Contrast" accessibility switch selects the HighContrast theme);
//  4. otherwise: no.
bool requested();

} // namespace system_contrast

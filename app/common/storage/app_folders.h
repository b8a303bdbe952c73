// Where the app keeps its data, the same for the app and the CLI: a model the CLI downloads shows
// in the app's library and the other way round. Qt's AppDataLocation would depend on the running
// program's application name, which differs between the two.
#pragma once
#include <QString>

namespace al::app {

// The organisation and application names the app runs under (they also name its settings file).
inline constexpr const char* kOrganizationName = "Attention Lens";
inline constexpr const char* kApplicationName = "Attention Lens";

// The app's data folder: "<XDG data home>/Attention Lens/Attention Lens", whichever program asks.
QString appDataFolder();

} // namespace al::app

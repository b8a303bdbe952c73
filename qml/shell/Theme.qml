pragma Singleton
import QtQuick
import AttentionLens

// Colours, spacing and type for the whole app; light or dark from AppState (system or --theme).
QtObject {
    readonly property bool dark: AppState.dark

    readonly property color background: dark ? "#16181b" : "#f6f5f2"
    readonly property color surface: dark ? "#1f2226" : "#ffffff"
    readonly property color surfaceAlt: dark ? "#282c31" : "#eeece7"
    readonly property color border: dark ? "#3a3f46" : "#d8d5ce"
    readonly property color text: dark ? "#e9e7e4" : "#1d2127"
    readonly property color textMuted: dark ? "#a6abb2" : "#596069"
    // Highlights drawn over the viridis heatmaps: a raspberry that no viridis colour resembles.
    readonly property color accent: dark ? "#ff6f9f" : "#c2185b"
    readonly property color accentSoft: dark ? "#4a2434" : "#f8dde8"
    readonly property color focusRing: dark ? "#8ab4ff" : "#1a56db"
    readonly property color good: dark ? "#6fd08c" : "#1e7b3c"
    readonly property color warning: dark ? "#f2c14e" : "#8a5a00"
    readonly property color warningSoft: dark ? "#3b3220" : "#fbf1d9"
    readonly property color mask: dark ? "#8a9099" : "#7b818a"

    readonly property int spacingS: 6
    readonly property int spacing: 12
    readonly property int spacingL: 20
    readonly property int spacingXL: 32
    readonly property int radius: 8

    readonly property int fontSmall: 12
    readonly property int fontBody: 14
    readonly property int fontLarge: 17
    readonly property int fontTitle: 22
    readonly property int fontHero: 28
}

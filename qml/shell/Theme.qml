pragma Singleton
import QtQuick
import AttentionLens

// Colours, spacing and type for the whole app; light or dark from AppState (system or --theme),
// high contrast when the desktop asks for it.
QtObject {
    readonly property bool dark: AppState.dark

    // The desktop's high-contrast setting (or --contrast high): black on white, or white on black
    // when the theme is dark, with stronger borders and muted text close to the body text.
    readonly property bool highContrast: AppState.highContrast
    // One colour from the four palettes: light, dark, high-contrast light, high-contrast dark.
    function pick(light, dark_, hcLight, hcDark) {
        return highContrast ? (dark ? hcDark : hcLight) : (dark ? dark_ : light)
    }

    // A number for display as the interface's language writes it: 0.62, or 0,62 in German. Only
    // the decimal separator changes (no grouping); what is computed or saved never goes through
    // here. Reading Translations.language makes a binding follow a change of language.
    readonly property string decimalPoint: Translations.language !== "" ? Qt.locale().decimalPoint : "."
    function fixed(v, decimals) {
        const s = Number(v).toFixed(decimals)
        return decimalPoint === "." ? s : s.replace(".", decimalPoint)
    }

    // Every text colour reaches 4.5:1 on the backgrounds it is drawn on, and every colour that
    // carries meaning in a figure 3:1 (WCAG 2.1 AA); tests/app/test_app_contrast.cpp measures it.
    readonly property color background: pick("#f6f5f2", "#16181b", "#ffffff", "#000000")
    readonly property color surface: pick("#ffffff", "#1f2226", "#ffffff", "#0a0a0a")
    readonly property color surfaceAlt: pick("#eeece7", "#282c31", "#eeeeee", "#1c1c1c")
    readonly property color border: pick("#d8d5ce", "#3a3f46", "#3d3d3d", "#c8c8c8")
    readonly property color text: pick("#1d2127", "#e9e7e4", "#000000", "#ffffff")
    readonly property color textMuted: pick("#596069", "#a6abb2", "#2e2e2e", "#e0e0e0")
    // Highlights drawn over the viridis heatmaps: a raspberry that no viridis colour resembles.
    readonly property color accent: pick("#c2185b", "#ff6f9f", "#a0004a", "#ff8fb8")
    // Text on an accent-filled button.
    readonly property color textOnAccent: pick("#ffffff", "#16181b", "#ffffff", "#000000")
    readonly property color accentSoft: pick("#f8dde8", "#4a2434", "#ffe3ee", "#3d0f22")
    readonly property color focusRing: pick("#1a56db", "#8ab4ff", "#0033cc", "#ffd400")
    readonly property color good: pick("#1a7136", "#6fd08c", "#0b5a22", "#7dffa0")
    readonly property color warning: pick("#8a5a00", "#f2c14e", "#6b4500", "#ffd75e")
    readonly property color warningSoft: pick("#fbf1d9", "#3b3220", "#fff3d6", "#2e2500")
    // The fill of a checked or highlighted plain button (the Basic style's palette.dark), under body text.
    readonly property color checkedFill: pick("#d8d5ce", "#3a3f46", "#ffe3ee", "#3d0f22")
    readonly property color mask: pick("#7b818a", "#8a9099", "#4d4d4d", "#b0b0b0")
    // The frame around a heatmap: where its brightest (light theme) or darkest (dark theme) cells
    // would melt into the page, the frame still shows the figure's edge.
    readonly property color heatFrame: pick("#596069", "#a6abb2", "#000000", "#ffffff")
    // A chart's second line (the first is the accent).
    readonly property color chartSecond: pick("#1a56db", "#8ab4ff", "#0033cc", "#8ab4ff")
    // The two kinds of terms in an attention score (Station 3's split): colours that no other
    // figure gives a meaning, since attention is the accent and the MLP the chart's second colour
    // wherever the stations split what writes an answer (Station 6's bars, the cost chart).
    readonly property color positionPart: pick("#00796b", "#4dd0c4", "#005a50", "#5ff5e0")
    readonly property color contentPart: pick("#6f42c1", "#b99cf0", "#4b1d99", "#d9c2ff")
    // Three keys told apart by colour (and by their labels k1, k2, k3), readable as text.
    readonly property var keyColors: highContrast
        ? (dark ? ["#7cc4ff", "#7dffa0", "#e0b3ff"] : ["#00509e", "#0b5a22", "#5c2a91"])
        : (dark ? ["#6cb4ee", "#6fd08c", "#c3a3e6"] : ["#1b6aa0", "#2a7a2a", "#7b4fa8"])

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

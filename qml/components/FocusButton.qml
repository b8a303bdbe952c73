import QtQuick
import QtQuick.Controls
import AttentionLens

// A button with a clearly visible keyboard-focus ring and the theme's colours.
Button {
    id: control
    property bool accent: false
    font.pixelSize: Theme.fontBody
    padding: Theme.spacingS
    leftPadding: Theme.spacing
    rightPadding: Theme.spacing
    palette.buttonText: accent ? Theme.textOnAccent : Theme.text
    Accessible.name: text
    // Enter presses it as Space does.
    Keys.onReturnPressed: if (enabled) control.clicked()
    Keys.onEnterPressed: if (enabled) control.clicked()
    opacity: enabled ? 1 : 0.45

    background: Rectangle {
        implicitHeight: 34
        radius: Theme.radius - 2
        color: control.accent ? (control.down ? Qt.darker(Theme.accent, 1.2) : Theme.accent)
             : control.flat ? (control.down || control.checked ? Theme.surfaceAlt : control.hovered ? Qt.rgba(0.5, 0.5, 0.5, 0.12) : "transparent")
             : (control.down || control.checked ? Theme.accentSoft : control.hovered ? Theme.surfaceAlt : Theme.surface)
        border.width: control.flat && !control.checked ? 0 : 1
        border.color: control.checked ? Theme.accent : Theme.border
        FocusRing { target: control }
    }
}

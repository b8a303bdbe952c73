import QtQuick
import QtQuick.Controls
import AttentionLens

// Drawn around a control while it has keyboard focus (not on mouse clicks).
Rectangle {
    property Item target
    anchors.fill: parent
    anchors.margins: -3
    radius: Theme.radius
    color: "transparent"
    border.width: 2
    border.color: Theme.focusRing
    // A control shows keyboard focus only (visualFocus); any other item shows its active focus.
    visible: target !== null && ((target as Control)?.visualFocus ?? target.activeFocus)
}

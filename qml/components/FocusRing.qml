import QtQuick
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
    visible: target && (target.visualFocus === undefined ? target.activeFocus : target.visualFocus)
}

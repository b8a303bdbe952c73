import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// How heads work in subspaces, are concatenated and mixed by W_O, with the loaded model's sizes.
RowLayout {
    id: diagram
    readonly property int heads: Math.max(1, ModelHub.nHead)
    readonly property int width_: ModelHub.nEmbd
    readonly property int headDim: ModelHub.nHead > 0 ? ModelHub.nEmbd / ModelHub.nHead : 0
    spacing: Theme.spacingS

    component Box: Rectangle {
        property string text
        property color tint: Theme.surfaceAlt
        implicitWidth: boxLabel.implicitWidth + 16
        implicitHeight: boxLabel.implicitHeight + 12
        radius: 5
        color: tint
        border.color: Theme.border
        Label { id: boxLabel; anchors.centerIn: parent; text: parent.text; color: Theme.text; font.pixelSize: Theme.fontSmall; horizontalAlignment: Text.AlignHCenter }
    }
    component Arrow: Label { text: "→"; color: Theme.textMuted; font.pixelSize: Theme.fontLarge }

    Box { text: qsTr("residual stream\n%1 numbers").arg(diagram.width_) }
    Arrow {}
    ColumnLayout {
        spacing: 3
        Repeater {
            model: Math.min(diagram.heads, 4)
            Box {
                required property int index
                text: index === 3 && diagram.heads > 4 ? qsTr("… %1 heads in all").arg(diagram.heads)
                      : qsTr("head %1: q, k, v of %2").arg(index).arg(diagram.headDim)
                tint: Theme.accentSoft
            }
        }
    }
    Arrow {}
    Box { text: qsTr("concatenate\n%1 × %2 = %3").arg(diagram.heads).arg(diagram.headDim).arg(diagram.width_) }
    Arrow {}
    Box { text: qsTr("mix by W_O\n%1 × %1").arg(diagram.width_) }
    Arrow {}
    Box { text: qsTr("add to the\nresidual stream") }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// One head's direct effect at the last position (LayerLensLab.headEffect): the tokens whose logits
// its output pushes up most and down most, against the average token, with the final LayerNorm's
// scale held. The head with the largest part of the answer is shown until the learner picks one.
ColumnLayout {
    id: pushes
    objectName: "headPushes"
    property LayerLensLab lab
    readonly property var eff: lab ? lab.headEffect : ({})
    spacing: 4
    // Wrapped text is as wide as the chips (a WordWrap label would otherwise ask for its whole line).
    readonly property real textWidth: 84 + 5 * 114

    function signed(v) { return (v >= 0 ? "+" : "−") + Theme.fixed(Math.abs(v), 2) }

    RowLayout {
        spacing: 6
        Label { text: qsTr("What one head writes: layer"); color: Theme.text; font.pixelSize: 12 }
        SpinBox {
            id: layerBox
            objectName: "pushLayer"
            from: 0; to: Math.max(0, ModelHub.nLayer - 1)
            value: pushes.eff.layer !== undefined ? pushes.eff.layer : 0
            onValueModified: pushes.lab.pickHead(value, headBox.value)
            Accessible.name: qsTr("Layer")
        }
        Label { text: qsTr("head"); color: Theme.text; font.pixelSize: 12 }
        SpinBox {
            id: headBox
            objectName: "pushHead"
            from: 0; to: Math.max(0, ModelHub.nHead - 1)
            value: pushes.eff.head !== undefined ? pushes.eff.head : 0
            onValueModified: pushes.lab.pickHead(layerBox.value, value)
            Accessible.name: qsTr("Head")
        }
        Button {
            text: qsTr("Largest part of the answer")
            enabled: pushes.eff.strongest === false
            onClicked: pushes.lab.pickStrongest()
        }
    }
    Label {
        Layout.preferredWidth: pushes.textWidth
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: 11
        visible: pushes.eff.layer !== undefined
        text: (pushes.eff.strongest ? qsTr("Head %1.%2 writes the largest part of the answer of any head, by size: %3.")
                                    : qsTr("Head %1.%2's part of the answer: %3."))
              .arg(pushes.eff.layer).arg(pushes.eff.head).arg(pushes.signed(pushes.eff.part || 0))
              + " " + qsTr("What it writes at the last position pushes every token's logit up or down against the average token's; the five each way:")
    }
    Repeater {
        model: [{ list: pushes.eff.up || [], name: qsTr("pushes up"), c: Theme.accent },
                { list: pushes.eff.down || [], name: qsTr("pushes down"), c: Theme.chartSecond }]
        delegate: RowLayout {
            id: side
            required property var modelData
            spacing: 4
            Label { text: side.modelData.name; Layout.preferredWidth: 84; color: Theme.text; font.pixelSize: 11 }
            Repeater {
                model: side.modelData.list
                delegate: Rectangle {
                    required property var modelData
                    implicitWidth: 110
                    implicitHeight: 22
                    color: "transparent"
                    border.color: side.modelData.c
                    border.width: 1.5
                    radius: 3
                    Label {
                        anchors.fill: parent
                        anchors.margins: 3
                        verticalAlignment: Text.AlignVCenter
                        text: parent.modelData.token + "  " + pushes.signed(parent.modelData.push)
                        elide: Text.ElideMiddle
                        color: Theme.text
                        font.pixelSize: 11
                        font.family: "monospace"
                    }
                }
            }
        }
    }
    Label {
        Layout.preferredWidth: pushes.textWidth
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: 11
        text: qsTr("A head can push against a token: GPT-2 small's head 10.7 lowers the logit of a token that already appears in the text when the layers before it predict that token again (copy suppression, McDougall et al. 2023). Only the direct path is counted: what later layers make of this head's output is not.")
    }
}

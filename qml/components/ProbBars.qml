import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Top next-token probabilities as horizontal bars; `compareKey` names a second probability drawn
// as a thin outline bar (e.g. the unablated run), so the change is visible.
ColumnLayout {
    id: bars
    property var entries: []          // [{token, p, ...}]
    property string compareKey: ""
    property string title
    property color tint: Theme.accent
    property bool markTop: false      // outline the most likely token (an exercise's answer)
    spacing: 2
    Label { visible: bars.title !== ""; text: bars.title; color: Theme.text; font.weight: Font.DemiBold }
    Repeater {
        model: bars.entries
        delegate: RowLayout {
            id: bar
            required property var modelData
            required property int index
            readonly property bool marked: bars.markTop && index === 0
            spacing: Theme.spacingS
            Label {
                text: bar.modelData.token
                color: parent.marked ? Theme.accent : Theme.text
                font.bold: parent.marked
                elide: Text.ElideRight
                horizontalAlignment: Text.AlignRight
                Layout.preferredWidth: 90
                font.family: "monospace"
            }
            Item {
                Layout.preferredWidth: 160
                Layout.preferredHeight: 16
                Rectangle { width: 160 * bar.modelData.p; height: parent.height; color: bars.tint
                            border.color: Theme.text; border.width: bar.marked ? 2 : 0 }
                Rectangle {
                    visible: bars.compareKey !== "" && bar.modelData[bars.compareKey] !== undefined
                    width: 160 * (bar.modelData[bars.compareKey] || 0); height: parent.height
                    color: "transparent"; border.color: Theme.text; border.width: 1
                }
            }
            Label { text: (bar.modelData.p < 0.001 ? (100 * bar.modelData.p).toPrecision(2) : Theme.fixed((100 * bar.modelData.p), 1)) + "%"; color: Theme.text; font.family: "monospace" }
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The station template's figure: one bar per head of a layer, as long as the head's average
// weight on the previous token (TemplateLab). `answer` ("L.H", from the committed exercise)
// outlines that head's bar.
ColumnLayout {
    id: figure
    property TemplateLab lab
    property string answer: ""
    spacing: 2
    Repeater {
        objectName: "templateBars"
        model: figure.lab ? figure.lab.scores : []
        delegate: RowLayout {
            required property real modelData
            required property int index
            readonly property string headName: figure.lab.shownLayer + "." + index
            readonly property bool marked: headName === figure.answer
            spacing: Theme.spacingS
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Head %1: %2 percent on the previous token").arg(headName).arg(Math.round(100 * modelData))
            Label {
                text: qsTr("head %1").arg(parent.headName)
                color: parent.marked ? Theme.accent : Theme.text
                font.bold: parent.marked
                horizontalAlignment: Text.AlignRight
                Layout.preferredWidth: 90
                font.family: "monospace"
            }
            Rectangle {
                Layout.preferredWidth: Math.max(1, 240 * modelData)
                Layout.preferredHeight: 16
                color: Theme.accent
                border.color: Theme.text
                border.width: parent.marked ? 2 : 0
            }
            Label { text: (100 * modelData).toFixed(1) + "%"; color: Theme.text; font.family: "monospace" }
        }
    }
}

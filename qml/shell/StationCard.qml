import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// One station on the course map: number, title, goal, whether it is built yet, and progress.
AbstractButton {
    id: card
    property string stationId
    property int order
    property string goal
    property string status: "ready"
    property real progress: 0
    signal chosen()
    readonly property bool ready: status === "ready"

    focusPolicy: Qt.StrongFocus
    onClicked: chosen()
    Keys.onReturnPressed: chosen()
    Keys.onEnterPressed: chosen()
    Accessible.role: Accessible.Button
    Accessible.name: qsTr("Station %1: %2. %3. %4").arg(order).arg(text)
                     .arg(ready ? qsTr("Ready") : qsTr("Not built yet"))
                     .arg(ready ? qsTr("%1 percent done").arg(Math.round(progress * 100)) : "")
    Accessible.description: goal
    text: title
    property string title

    implicitHeight: contentItem.implicitHeight + 2 * Theme.spacingL
    padding: Theme.spacingL

    background: Rectangle {
        radius: Theme.radius
        color: card.hovered ? Theme.surfaceAlt : Theme.surface
        border.width: 1
        border.color: Theme.border
        FocusRing { target: card }
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingS
        RowLayout {
            spacing: Theme.spacing
            Rectangle {
                width: 34; height: 34; radius: 17
                color: card.ready ? Theme.accentSoft : Theme.surfaceAlt
                Label {
                    anchors.centerIn: parent
                    text: card.order
                    font.pixelSize: Theme.fontLarge
                    font.weight: Font.DemiBold
                    color: card.ready ? Theme.accent : Theme.textMuted
                }
            }
            Label {
                text: card.title
                font.pixelSize: Theme.fontLarge
                font.weight: Font.DemiBold
                color: Theme.text
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }
        Label {
            text: card.goal
            color: Theme.textMuted
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingS
            visible: card.ready
            ProgressBar {
                value: card.progress
                Layout.fillWidth: true
                Accessible.name: qsTr("Progress")
            }
            Label {
                text: card.progress >= 0.999 ? qsTr("Done") : card.progress > 0 ? qsTr("%1%").arg(Math.round(card.progress * 100)) : qsTr("Not started")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
        }
        Label {
            visible: !card.ready
            text: qsTr("Not built yet — this station is still being written.")
            color: Theme.warning
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
    }
}

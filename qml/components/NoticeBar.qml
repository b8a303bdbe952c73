import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// A plain message across the page (missing model, unknown station), with an optional action.
Rectangle {
    id: bar
    property string text: ""
    property string actionText: ""
    property bool dismissable: actionText === ""
    signal actionTriggered()
    signal dismissed()
    implicitHeight: row.implicitHeight + 2 * Theme.spacing
    color: Theme.warningSoft
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text
    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: Theme.spacing
        anchors.leftMargin: Theme.spacingL
        spacing: Theme.spacing
        Label {
            text: bar.text
            wrapMode: Text.WordWrap
            color: Theme.text
            Layout.fillWidth: true
        }
        FocusButton {
            visible: bar.actionText !== ""
            text: bar.actionText
            onClicked: bar.actionTriggered()
        }
        FocusButton {
            visible: bar.dismissable
            text: qsTr("Dismiss")
            flat: true
            onClicked: bar.dismissed()
        }
    }
}

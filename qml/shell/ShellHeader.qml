import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The window's top bar: back to the course map, where we are, and which model is loaded.
ToolBar {
    id: bar
    property bool canGoBack: false
    property string pageTitle: ""
    signal backRequested()
    signal libraryRequested()
    signal aboutRequested()

    padding: Theme.spacingS
    leftPadding: Theme.spacing
    rightPadding: Theme.spacing
    background: Rectangle {
        color: Theme.surface
        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }
    }

    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        FocusButton {
            visible: bar.canGoBack
            text: qsTr("← Course map")
            flat: true
            onClicked: bar.backRequested()
            Accessible.name: qsTr("Back to the course map")
        }
        Label {
            text: qsTr("Attention Lens")
            font.pixelSize: Theme.fontLarge
            font.weight: Font.DemiBold
            color: Theme.text
            visible: !bar.canGoBack
        }
        Label {
            text: bar.pageTitle
            visible: bar.canGoBack && bar.pageTitle !== ""
            font.pixelSize: Theme.fontLarge
            color: Theme.textMuted
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        Item { Layout.fillWidth: true; visible: !bar.canGoBack || bar.pageTitle === "" }
        ModelIndicator {
            onLibraryRequested: bar.libraryRequested()
        }
        FocusButton {
            text: qsTr("About")
            flat: true
            onClicked: bar.aboutRequested()
            Accessible.name: qsTr("About Attention Lens, licences and where your data lives")
        }
    }
}

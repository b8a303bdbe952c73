import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Shown while the course's own model is loaded: says plainly that it is a small model trained for
// this course, not GPT-2, and offers the way to GPT-2 small (the model library's download).
Rectangle {
    id: note
    signal libraryRequested()
    readonly property string headingText: heading.text
    readonly property string bodyText: body.text
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border
    Accessible.role: Accessible.StaticText
    Accessible.name: heading.text + " " + body.text

    // Anchors rather than a RowLayout: wrapped text inside a row layout re-polishes in a loop.
    implicitHeight: Math.max(column.implicitHeight, button.implicitHeight) + 2 * Theme.spacing
    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: button.left
        anchors.verticalCenter: parent.verticalCenter
        anchors.leftMargin: Theme.spacingL
        anchors.rightMargin: Theme.spacingL
        spacing: Theme.spacingS
        Label {
            id: heading
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            font.bold: true
            color: Theme.text
            text: qsTr("You are using the course's own small model, not GPT-2")
        }
        Label {
            id: body
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.textMuted
            // The figures come from the loaded model, so they stay true if it is retrained.
            text: qsTr("%1 has %2 layers × %3 heads and %4 million parameters. It was trained for this course "
                     + "on children's stories and the Brown Corpus, so that everything works offline; it writes "
                     + "simple stories and has learned only a few kinds of heads. GPT-2 small, the model the "
                     + "lessons describe, has 12 layers × 12 heads and 124 million parameters. Download it "
                     + "(about 550 MB) from the model library to run every station on it.")
                  .arg(ModelHub.modelName.replace(/ \(.*\)$/, ""))
                  .arg(ModelHub.nLayer).arg(ModelHub.nHead)
                  .arg((ModelHub.parameters / 1e6).toLocaleString(Qt.locale(), "f", 1))
        }
    }
    FocusButton {
        id: button
        anchors.right: parent.right
        anchors.rightMargin: Theme.spacing
        anchors.verticalCenter: parent.verticalCenter
        text: qsTr("Get GPT-2 small…")
        onClicked: note.libraryRequested()
    }
}

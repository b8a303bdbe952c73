import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// A titled card that holds one figure of a station, with a one-line caption under the title.
// A caption that states an exercise's answer names its veil key in `captionVeil`: while that part
// is veiled, `veiledCaption` is shown instead.
Rectangle {
    id: section
    property string title
    property string caption
    property AnswerVeils veils: null
    property string captionVeil: ""
    property string veiledCaption: ""
    readonly property bool captionVeiled: veils !== null && captionVeil !== "" && veils.hides(captionVeil)
    default property alias content: body.data
    Layout.fillWidth: true
    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    color: Theme.surface
    radius: Theme.radius
    border.color: Theme.border
    // What the figure shows, in words, from its data; the station sets it. Like the caption, it
    // must not state an answer while an exercise waits: give its veil key in `summaryVeil`.
    property string summary: ""
    property string summaryVeil: ""
    readonly property bool summaryVeiled: veils !== null && summaryVeil !== "" && veils.hides(summaryVeil)
    Accessible.role: Accessible.Grouping
    Accessible.name: title
    Accessible.description: (captionVeiled ? veiledCaption : caption)
                            + (summary !== "" && !summaryVeiled ? " " + summary : "")

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacingS
        Label {
            text: section.title
            font.pixelSize: Theme.fontLarge
            font.weight: Font.DemiBold
            color: Theme.text
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        Label {
            objectName: "caption"
            visible: text !== ""
            text: section.captionVeiled ? section.veiledCaption : section.caption
            color: Theme.textMuted
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        ColumnLayout {
            id: body
            Layout.fillWidth: true
            spacing: Theme.spacingS
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// A titled card that holds one figure of a station, with a one-line caption under the title.
// A caption that states an exercise's answer names its veil key in `captionVeil`: while that part
// is veiled, `veiledCaption` is shown instead. The exercises that ask about this figure are shown
// in its frame, under the caption (and the `lead`, if any) and above the figure (`exerciseSlot`,
// filled by ExerciseList).
Rectangle {
    id: section
    property string title
    // An exercise may name this figure in its `figure` (lessons/README.md).
    property string name: ""
    readonly property alias exerciseSlot: slot
    property string caption
    property AnswerVeils veils: null
    property string captionVeil: ""
    property string veiledCaption: ""
    readonly property bool captionVeiled: veils !== null && captionVeil !== "" && veils.hides(captionVeil)
    default property alias content: body.data
    // What the learner needs before the figure's question: shown under the caption, above the
    // exercise slot (a worked example of what a card asks, say). It must not state that answer.
    property alias lead: leadColumn.data
    Layout.fillWidth: true
    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    color: Theme.surface
    radius: Theme.radius
    border.color: Theme.border
    // What the figure shows, in words, computed from its data by the lab that holds it (a
    // `description` property); the station binds it.
    property string summary: ""
    // Like the caption, the summary must not state an answer while an exercise waits: while any
    // Veiled part of the figure hides its content (or the part named in `summaryVeil` is veiled),
    // the description says the figure is hidden instead of reading its data.
    property string summaryVeil: ""
    readonly property bool summaryVeiled: (veils !== null && summaryVeil !== "" && veils.hides(summaryVeil)) || hasVeiledPart(body, 0)
    readonly property string hiddenNote: qsTr("The part of this figure that would give the answer away is hidden until you commit your prediction; its description follows then.")
    // Veiled parts sit at most a few items deep (a station's figure, or a chart's own plot).
    function hasVeiledPart(item, depth) {
        for (let i = 0; i < item.children.length; ++i) {
            const c = item.children[i]
            if (c.objectName.startsWith("veil:") && c.veiled === true)
                return true
            if (depth < 4 && hasVeiledPart(c, depth + 1))
                return true
        }
        return false
    }
    Accessible.role: Accessible.Grouping
    Accessible.name: title
    Accessible.description: (captionVeiled ? veiledCaption : caption) + " " + (summaryVeiled ? hiddenNote : summary)
    objectName: "figure"

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
            id: leadColumn
            objectName: "lead"
            Layout.fillWidth: true
            visible: children.length > 0
            spacing: Theme.spacingS
        }
        // The exercises asked here: predict first, then see the figure below.
        ColumnLayout {
            id: slot
            objectName: "exerciseSlot"
            Layout.fillWidth: true
            Layout.bottomMargin: Theme.spacingS
            visible: children.length > 0
            spacing: Theme.spacing
        }
        ColumnLayout {
            id: body
            Layout.fillWidth: true
            spacing: Theme.spacingS
        }
    }
}

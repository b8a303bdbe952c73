import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// One head ≠ one concept: one head's census scores and label on several texts (CensusAcrossTexts).
ColumnLayout {
    id: view
    // Its own lab when used alone; a station passes its lab in, and then this one stays idle.
    property CensusAcrossTexts census: CensusAcrossTexts { id: ownLab; active: view.census === ownLab }
    readonly property var keys: ["first-token", "previous-token", "self", "duplicate", "induction"]
    spacing: Theme.spacingS
    RowLayout {
        Label { text: qsTr("layer"); color: Theme.text }
        SpinBox { from: 0; to: Math.max(0, ModelHub.nLayer - 1); value: view.census.layer; onValueModified: view.census.layer = value; Accessible.name: qsTr("Layer") }
        Label { text: qsTr("head"); color: Theme.text }
        SpinBox { from: 0; to: Math.max(0, ModelHub.nHead - 1); value: view.census.head; onValueModified: view.census.head = value; Accessible.name: qsTr("Head") }
        BusyIndicator { running: view.census.busy; visible: running; implicitWidth: 22; implicitHeight: 22 }
    }
    GridLayout {
        columns: view.keys.length + 2
        columnSpacing: Theme.spacing
        rowSpacing: 3
        Label { text: qsTr("text"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
        Label { text: qsTr("label"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
        Repeater { model: view.keys; Label { required property string modelData; text: HeadRoles.labels[modelData] + (modelData === "induction" ? "*" : ""); color: Theme.textMuted; font.pixelSize: Theme.fontSmall } }
        Repeater {
            model: view.census.rows.length * (view.keys.length + 2)
            delegate: Label {
                required property int index
                readonly property int r: Math.floor(index / (view.keys.length + 2))
                readonly property int c: index % (view.keys.length + 2)
                readonly property var row: view.census.rows[r] || ({})
                text: c === 0 ? row.text : c === 1 ? (HeadRoles.labels[row.label] || row.label || "") : Theme.fixed(Number(row.scores[view.keys[c - 2]]), 2)
                color: c === 1 ? Theme.accent : Theme.text
                font.family: c >= 2 ? "monospace" : Qt.application.font.family
                font.weight: c === 1 ? Font.DemiBold : Font.Normal
                elide: Text.ElideRight
                Layout.maximumWidth: c === 0 ? 240 : 110
            }
        }
    }
    Label {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        // The induction score is a property of the head, measured once; saying so keeps its column
        // from reading as a fact about each text.
        text: qsTr("* The induction score is measured on one fixed repeated random sequence, not on these texts, so it is the same in every row. The other scores come from each text.")
    }
}

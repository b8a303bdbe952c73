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
    // Predict, then see: while an exercise that lists `veilKey` waits, the labels and scores of the
    // head it asks about are hidden (they are its answer); any other head's stay.
    property AnswerVeils veils: null
    property string veilKey: ""
    readonly property bool veiled: veils !== null && veilKey !== "" && veils.hides(veilKey)
    // The head an exercise that lists `veilKey` asks about (its focusHead, computed for the text):
    // while it waits, and once it is answered. The table turns to that head, so that the veil hides
    // the head asked about and the reveal shows it; the learner may pick another head after that.
    readonly property var revealedAnswers: veils !== null && veilKey !== "" ? veils.answersFor(veilKey) : []
    readonly property string askedHead: {
        if (veils === null || veilKey === "")
            return ""
        for (const q of veils.askedFor(veilKey).concat(revealedAnswers))
            if (q.focusHead)
                return q.focusHead
        return ""
    }
    onAskedHeadChanged: {
        if (askedHead === "")
            return
        const lh = askedHead.split(".")
        census.layer = Number(lh[0])
        census.head = Number(lh[1])
    }
    // While the question waits, the asked head's labels and scores are hidden; so is every head's
    // while the question's head is still being computed (it could be any of them).
    readonly property bool askedHeadShown: veiled && (askedHead === "" || askedHead === census.layer + "." + census.head)
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
                text: c === 0 ? row.text : view.askedHeadShown ? "?" : c === 1 ? (HeadRoles.labels[row.label] || row.label || "") : Theme.fixed(Number(row.scores[view.keys[c - 2]]), 2)
                color: c === 1 ? Theme.accent : Theme.text
                font.family: c >= 2 ? "monospace" : Qt.application.font.family
                font.weight: c === 1 ? Font.DemiBold : Font.Normal
                elide: Text.ElideRight
                Layout.maximumWidth: c === 0 ? 240 : 110
            }
        }
    }
    Label {
        objectName: "veil:" + view.veilKey
        readonly property bool veiled: view.veiled
        visible: veiled
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        font.italic: true
        text: view.askedHeadShown ? qsTr("This head's labels and scores are hidden until you commit your prediction above; pick another head to explore.")
                                  : qsTr("Not the head the question asks about: nothing here is hidden.")
    }
    // Once answered: the asked head on the learner's text repeated, beside its probe score above.
    Label {
        objectName: "censusAnswerLine"
        readonly property var answer: view.revealedAnswers.find(a => a.focusHead === view.census.layer + "." + view.census.head && a.detail) || null
        visible: answer !== null
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.text
        text: answer ? answer.detail : ""
    }
    Label {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        // The induction score is a property of the head, measured once; saying so keeps its column
        // from reading as a fact about each text.
        text: qsTr("* The induction score is measured on one fixed repeated random sequence, not on these texts, so it is the same in every row: the raw share of weight on the token after the earlier copy, with the first position kept, the score the label reads. The other scores come from each text; previous token, self and duplicate leave the first position out.")
    }
    // A model too short for the census's probe, or a text it cannot read: the figure says so.
    Label { visible: view.census.error !== ""; text: view.census.error; color: Theme.warning; wrapMode: Text.WordWrap; Layout.fillWidth: true }
}

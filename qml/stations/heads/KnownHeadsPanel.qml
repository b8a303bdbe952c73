import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// GPT-2 small's known heads (KnownHeadsLab): the heads published studies describe, each role in
// plain words with its sources, and, when the loaded model is verified to be GPT-2 small, whether
// each head does that job on the learner's text. (The station's header offers the preset texts.)
ColumnLayout {
    id: view
    // Its own lab when used alone; a station passes its lab in, and then this one stays idle.
    property KnownHeadsLab lab: KnownHeadsLab { id: ownLab; active: view.lab === ownLab }
    // While an exercise that lists `veilKey` waits (which head's knock-out matters most), the
    // column measured on the learner's text is hidden: it points at the heads that move the
    // prediction. The published heads and roles stay.
    property AnswerVeils veils: null
    property string veilKey: ""
    readonly property bool measuredHidden: veils !== null && veilKey !== "" && veils.hides(veilKey)
    readonly property bool measuredShown: view.lab.identity === "gpt2" && !measuredHidden
    spacing: Theme.spacingS

    Label {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: view.lab.identity === "gpt2" ? Theme.text : Theme.textMuted
        text: view.lab.identity === "gpt2"
              ? qsTr("The loaded model is GPT-2 small (its weights match the published file's hash), so each role is checked live: on your text, except induction, which is checked on random tokens written twice. A role is what a study measured on its own prompts; on your text a head may do something else.")
              : view.lab.identity === "checking"
                ? qsTr("Checking whether the loaded model is GPT-2 small…")
                : qsTr("These heads and roles are GPT-2 small's, from the studies cited; the loaded model is not GPT-2 small, so these head numbers say nothing about its heads. Get GPT-2 small from the model library to see whether each head does its job on your text.")
    }
    GridLayout {
        Layout.fillWidth: true
        columns: view.measuredShown ? 4 : 3
        columnSpacing: Theme.spacing
        rowSpacing: 4
        Label { text: qsTr("head"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
        Label { text: qsTr("role (source)"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
        Label { text: qsTr("what it does"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall; Layout.fillWidth: true }
        Label { visible: view.measuredShown; text: qsTr("on your text"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
        Repeater {
            model: view.lab.heads.length * 4
            delegate: Label {
                required property int index
                readonly property int r: Math.floor(index / 4)
                readonly property int c: index % 4
                readonly property var row: view.lab.heads[r] || ({})
                // The published columns name GPT-2 small's heads, whatever model is loaded.
                objectName: c < 3 ? "publishedHead" : "measuredHead"
                visible: c < 3 || view.measuredShown
                Layout.fillWidth: c === 2
                Layout.preferredWidth: c === 1 ? 190 : c === 3 ? 260 : -1
                Layout.alignment: Qt.AlignTop
                wrapMode: c === 0 ? Text.NoWrap : Text.WordWrap
                font.family: c === 0 ? "monospace" : Qt.application.font.family
                font.pixelSize: c === 0 ? Theme.fontBody : Theme.fontSmall
                font.weight: c === 0 ? Font.DemiBold : Font.Normal
                color: c === 3 ? (row.holds ? Theme.good : Theme.textMuted) : Theme.text
                text: c === 0 ? row.head
                      : c === 1 ? row.roleTitle + " (" + (row.sources || []).join("; ") + ")"
                      : c === 2 ? row.what
                      : row.applicable === undefined ? ""
                      : (row.applicable ? (row.holds ? (row.role === "induction" ? qsTr("✓ scores as one: ") : qsTr("✓ does this here: "))
                                                   : qsTr("not here: ")) : "") + row.measured
                Accessible.name: text
            }
        }
    }
    Label {
        objectName: "veil:" + view.veilKey
        readonly property bool veiled: view.measuredHidden
        visible: veiled && view.lab.identity === "gpt2"
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        font.italic: true
        text: qsTr("What each head does on your text is hidden until you commit your prediction about knock-outs above.")
    }
    Label {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        text: qsTr("How each role is checked: previous-token heads by the census's previous-token score on your text with the first token left out (0.60 or more: stricter than the census label, which also takes 0.40 or more counting the first token, so a head labelled previous-token in the grid above can fall short here); duplicate-token heads by the census's duplicate-token score on your text (0.40 or more, or 0.60 or more with the first token left out), when a token of your text repeats; induction heads by the census's induction score on random tokens written twice, the same for every text (0.30 or more); name movers by the weight from the last token onto earlier copies of the predicted token (0.30 or more) together with a positive direct effect on its logit; negative heads by that weight (0.20 or more) together with a negative direct effect on the predicted token's logit. S-inhibition heads and backup name movers are not checked live: Wang et al. found them through interventions over many prompts (swapping a head's output between prompts, knocking the name movers out), and a pattern on one text cannot show them. Thresholds are the course's heuristics, not the studies'.")
    }
    Label { visible: view.lab.error !== ""; text: view.lab.error; color: Theme.warning; wrapMode: Text.WordWrap; Layout.fillWidth: true }
}

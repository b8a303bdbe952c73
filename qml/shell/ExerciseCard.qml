import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The chrome every predict-then-reveal exercise shares: the question, a slot for the learner's
// choice (children of the card go there; Station 1 leaves it empty because the learner clicks a
// chip of the lens itself), the commit button, then the model's answer, the computed facts, what
// this model does if it differs, and the lesson's explanation. The station or PredictCard supplies
// the content and computes the answer; this card only shows the steps.
Rectangle {
    id: card
    property string heading: qsTr("Predict, then reveal")
    property string prompt: ""
    property string predictionText: ""   // shown as "Your prediction: …" when the slot is empty
    property bool canReveal: predictionText !== ""
    property string revealText: qsTr("Commit and reveal")
    property string hint: qsTr("Click the token you predict.")
    property bool computing: false       // the model is still working out the answer
    property string errorText: ""        // the exercise cannot be computed for this model
    property bool available: true
    property bool active: true           // false: the station has not started the exercise yet
    property string unavailableText: ""
    property bool revealed: false
    property bool correct: false
    property bool skipped: false         // revealed without a prediction ("Show without predicting")
    property bool canSkip: false         // the card offers "Show without predicting"
    property string answerText: ""       // the model's answer, in words
    property string detail: ""           // the computed facts behind it
    property string note: ""             // what this model does where "GPT-2" would differ
    property string explain: ""          // the lesson's explanation
    property bool startVisible: false    // a Start button beside the heading (Station 1's exercise)
    // One of several questions asked at the same figure, in turn: "1 of 3" beside the heading; a
    // card whose turn has not come (`waiting`) shows its heading only, so the figure stays in view.
    property string step: ""
    property bool waiting: false
    default property alias choice: slot.data
    signal startRequested()
    signal revealRequested()
    signal skipRequested()
    signal resetRequested()
    signal cancelRequested()             // Escape: take the pick back before committing

    // By keys alone: Tab moves to the choices and buttons; the arrow keys move from choice to
    // choice and pick the one they land on (as in a group of radio buttons); Enter (as well as
    // Space) presses the focused button, and on the picked choice commits it; Escape takes an
    // uncommitted pick back.
    Keys.onPressed: (event) => {
        const f = card.Window.activeFocusItem
        const forward = event.key === Qt.Key_Right || event.key === Qt.Key_Down
        if ((forward || event.key === Qt.Key_Left || event.key === Qt.Key_Up) && card.isChoice(f)) {
            const next = card.nextChoice(f, forward)
            if (next) {
                next.forceActiveFocus(Qt.TabFocusReason) // a keyboard move: the focus ring shows
                next.clicked()
            }
            event.accepted = true
        } else if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter) && card.isChoice(f) && f.checked
                   && card.canReveal && !card.revealed && !card.computing) {
            card.revealRequested()
            event.accepted = true
        } else if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter) && f && f.enabled && typeof f.clicked === "function") {
            f.clicked() // the choices' own onClicked set the prediction (their checked state follows it)
            event.accepted = true
        } else if (event.key === Qt.Key_Escape && card.canReveal && !card.revealed) {
            card.cancelRequested()
            event.accepted = true
        }
    }
    // A choice is a button of the slot that can be picked (checkable, as the pickers' are).
    function inSlot(item) {
        for (let p = item; p; p = p.parent)
            if (p === slot)
                return true
        return false
    }
    function isChoice(item) { return !!item && item.checkable === true && item.enabled && item.visible && inSlot(item) }
    // The next (or previous) choice in the Tab order, without leaving the slot.
    function nextChoice(from, forward) {
        let n = from
        for (let i = 0; i < 1000; ++i) {
            n = n.nextItemInFocusChain(forward)
            if (!n || n === from || !inSlot(n))
                return null
            if (isChoice(n))
                return n
        }
        return null
    }

    readonly property string waitingText: qsTr("Asked once you have answered the question above.")
    readonly property string verdict: card.skipped ? qsTr("Shown without a prediction.")
                                      : card.correct ? qsTr("Right.") : qsTr("Not this time.")

    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    radius: Theme.radius
    color: Theme.surface
    border.width: 1.5
    border.color: card.revealed && !card.skipped ? (card.correct ? Theme.good : Theme.warning) : Theme.border
    Accessible.role: Accessible.Grouping
    Accessible.name: heading
    Accessible.description: card.waiting ? card.waitingText
        : !card.available ? card.unavailableText
        : card.revealed ? card.verdict + " " + card.answerText
        : card.prompt

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacingS
        RowLayout {
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: card.step === "" ? card.heading : qsTr("%1 · %2").arg(card.heading).arg(card.step)
                font.pixelSize: Theme.fontLarge
                font.weight: Font.DemiBold
                color: Theme.text
            }
            BusyIndicator { running: card.computing; visible: running; implicitWidth: 20; implicitHeight: 20 }
            FocusButton {
                visible: card.startVisible
                text: qsTr("Start")
                accent: true
                onClicked: card.startRequested()
            }
        }
        Label {
            visible: card.waiting
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.textMuted
            text: card.waitingText
        }
        Label {
            visible: !card.waiting
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.text
            text: card.available ? card.prompt : card.unavailableText
        }
        Label {
            visible: card.errorText !== ""
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.warning
            text: qsTr("This exercise cannot be asked here: %1").arg(card.errorText)
        }

        // The learner's choice (a PredictCard's pickers), when the card has one.
        ColumnLayout {
            id: slot
            Layout.fillWidth: true
            visible: children.length > 0 && card.available && card.active && !card.waiting
            spacing: Theme.spacingS
        }

        RowLayout {
            visible: card.available && card.active && !card.waiting
            Layout.fillWidth: true
            spacing: Theme.spacing
            Label {
                visible: slot.children.length === 0
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: card.predictionText === "" ? Theme.textMuted : Theme.text
                text: card.predictionText === "" ? card.hint : qsTr("Your prediction: %1").arg(card.predictionText)
            }
            FocusButton {
                text: card.revealText
                accent: true
                enabled: card.canReveal && !card.revealed && !card.computing && card.errorText === ""
                visible: !card.revealed
                onClicked: card.revealRequested()
            }
            FocusButton {
                objectName: "skipButton"
                text: qsTr("Show without predicting")
                visible: card.canSkip && !card.revealed
                enabled: !card.computing && card.errorText === ""
                onClicked: card.skipRequested()
            }
            FocusButton {
                text: qsTr("Try again")
                visible: card.revealed
                onClicked: card.resetRequested()
            }
            Label {
                visible: !card.revealed && card.computing
                text: qsTr("The model is working out the answer…")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
            Item { visible: slot.children.length > 0; Layout.fillWidth: true }
        }

        // ---- the reveal ----
        Label {
            visible: card.revealed
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            font.weight: Font.DemiBold
            color: card.skipped ? Theme.text : card.correct ? Theme.good : Theme.warning
            text: card.verdict + " " + card.answerText
        }
        Label {
            visible: card.revealed && card.detail !== ""
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.text
            text: card.detail
        }
        Label {
            visible: card.revealed && card.note !== ""
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.text
            font.italic: true
            text: card.note
        }
        Label {
            visible: card.revealed && card.explain !== ""
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.textMuted
            text: card.explain
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Predict, then reveal: the learner commits a prediction (a token, a head, a number or an option)
// before anything is shown; then the model's computed answer, whether they matched, the computed
// facts and the lesson's explanation. `definition` is the exercises.json entry, `answer` the
// ExerciseSet's computed answer ({} while computing), `exercises` the set (for submit()). The
// frame, buttons and reveal are the shared ExerciseCard; this card adds the pickers.
ExerciseCard {
    id: card
    property var definition: ({})
    property var answer: ({})
    property int exerciseIndex: 0
    property ExerciseSet exercises
    property var result: ({})            // what submit() returned; {} before the reveal
    property string prediction: ""
    readonly property string kind: definition.kind || ""
    // An exercise with `"start": true` waits for a Start press (the learner explores the figures
    // first); any other is asked as soon as it is shown.
    readonly property bool needsStart: definition.start === true
    property bool started: !needsStart
    // Waiting for the learner's prediction: the figures' parts in the exercise's `veils` are hidden.
    readonly property bool open: started && !revealed && errorText === ""

    Layout.fillWidth: true
    active: started
    startVisible: needsStart && !started
    onStartRequested: started = true
    // A prompt computed for this text (it names the token asked about) replaces the lesson's own.
    // The head a question is about is named once: after the prompt, unless the prompt names it.
    readonly property string askedPrompt: card.answer.promptText || card.definition.prompt || ""
    function namesHead(text, head) {
        const escaped = head.replace(/\./g, "\\.")
        return new RegExp("(^|[^0-9.])" + escaped + "($|[^0-9])").test(text)
    }
    prompt: !started ? (card.definition.intro || card.definition.prompt || "")
            : askedPrompt
              + (card.answer.focusHead && !namesHead(askedPrompt, card.answer.focusHead)
                 ? " " + qsTr("(Layer %1, head %2.)").arg(card.answer.focusHead.split(".")[0]).arg(card.answer.focusHead.split(".")[1]) : "")
    computing: card.answer.kind === undefined && card.answer.error === undefined
    errorText: card.answer.error || ""
    canReveal: card.prediction !== ""
    revealed: card.result.answer !== undefined
    correct: card.result.correct === true
    skipped: card.result.skipped === true
    canSkip: true
    answerText: qsTr("The model's answer: %1").arg(card.result.answerText || "")
    detail: card.result.detail || ""
    note: card.result.note || ""
    explain: card.definition.explain || ""
    onRevealRequested: commit()
    onSkipRequested: skip()
    onResetRequested: again()
    onCancelRequested: card.prediction = ""

    function commit() {
        if (card.prediction === "" || !card.exercises)
            return
        const r = card.exercises.submit(card.exerciseIndex, card.prediction)
        if (r.answer !== undefined)
            card.result = r
    }
    // The answer without a prediction: the progress file records a skip, not a wrong answer.
    function skip() {
        if (!card.exercises)
            return
        const r = card.exercises.skip(card.exerciseIndex)
        if (r.answer !== undefined)
            card.result = r
    }
    function again() { card.result = ({}); card.prediction = "" }
    // A new model or text: ask again. (Compared by content: the list of answers is handed out
    // anew whenever any exercise's answer arrives, and that must not undo a reveal.)
    readonly property string answerStamp: JSON.stringify(answer)
    onAnswerStampChanged: {
        if (revealed)
            again()
        if (needsStart && answer.kind === undefined && answer.error === undefined)
            started = false
    }

    // ---- the learner's choice ----
    Flow { // tokens
        visible: card.kind === "token" && card.answer.choices !== undefined
        Layout.fillWidth: true
        spacing: 4
        Repeater {
            model: card.kind === "token" ? (card.answer.choices || []) : []
            delegate: Button {
                id: tokenChoice
                required property int index
                required property var modelData
                text: modelData
                enabled: !card.revealed && (card.answer.row === undefined || card.answer.row < 0 || index <= card.answer.row)
                checkable: true
                checked: card.prediction === String(index)
                font.pixelSize: Theme.fontSmall
                onClicked: card.prediction = String(index)
                Accessible.name: qsTr("Token %1: %2").arg(index).arg(modelData)
                // The revealed answer sits on the "good" colour: its text must stay readable there.
                readonly property bool isAnswer: card.revealed && card.answer.accept !== undefined && card.answer.accept.indexOf(String(index)) >= 0
                palette.buttonText: isAnswer ? Theme.surface : Theme.text
                palette.disabled.buttonText: isAnswer ? Theme.surface : Theme.textMuted
                background: Rectangle {
                    implicitHeight: 26
                    radius: 5
                    color: card.revealed && card.answer.accept && card.answer.accept.indexOf(String(parent.index)) >= 0 ? Theme.good
                         : tokenChoice.checked ? Theme.accentSoft : Theme.surfaceAlt
                    border.color: tokenChoice.checked ? Theme.accent : Theme.border
                    border.width: tokenChoice.checked ? 2 : 1
                    FocusRing { target: parent.parent }
                }
            }
        }
    }
    readonly property var headShortlist: card.kind === "head" && card.answer.choices ? card.answer.choices : []
    Flow { // heads, from a shortlist of candidates ("L.H")
        visible: card.headShortlist.length > 0
        Layout.fillWidth: true
        spacing: 4
        Repeater {
            model: card.headShortlist
            delegate: Button {
                id: headChoice
                required property var modelData
                readonly property string name: String(modelData)
                text: qsTr("head %1").arg(name)
                enabled: !card.revealed
                checkable: true
                checked: card.prediction === name
                font.pixelSize: Theme.fontSmall
                onClicked: card.prediction = name
                Accessible.name: qsTr("Head %1").arg(name)
                background: Rectangle {
                    implicitHeight: 26
                    radius: 5
                    color: card.revealed && card.answer.accept && card.answer.accept.indexOf(parent.name) >= 0 ? Theme.good
                         : headChoice.checked ? Theme.accentSoft : Theme.surfaceAlt
                    border.color: headChoice.checked ? Theme.accent : Theme.border
                    border.width: headChoice.checked ? 2 : 1
                    FocusRing { target: parent.parent }
                }
            }
        }
    }
    // On the grid of every layer and head, the arrow keys move as on a map: up and down one layer,
    // left and right one head, stopping at the edges; like the other choices, the head they land
    // on is picked.
    function pickOnHeadGrid(layer, head) {
        const L = card.answer.layers || 0, H = card.answer.heads || 0
        if (L <= 0 || H <= 0)
            return
        const l = Math.max(0, Math.min(L - 1, layer)), h = Math.max(0, Math.min(H - 1, head))
        const cell = headGrid.itemAt(l * (H + 1) + h + 1)
        if (!cell || !cell.button.enabled)
            return
        cell.button.forceActiveFocus(Qt.TabFocusReason) // a keyboard move: the focus ring shows
        cell.button.clicked()
    }
    GridLayout { // heads, every layer and head
        visible: card.kind === "head" && card.answer.layers > 0 && card.headShortlist.length === 0
        columns: (card.answer.heads || 0) + 1
        columnSpacing: 3
        rowSpacing: 3
        Repeater {
            id: headGrid
            model: card.kind === "head" ? (card.answer.layers || 0) * ((card.answer.heads || 0) + 1) : 0
            delegate: Item {
                required property int index
                readonly property int heads: card.answer.heads + 1
                readonly property int layerIdx: Math.floor(index / heads)
                readonly property int head: index % heads - 1
                readonly property string name: layerIdx + "." + head
                readonly property alias button: headButton
                implicitWidth: head < 0 ? 56 : 30
                implicitHeight: 26
                Label {
                    visible: parent.head < 0
                    anchors.verticalCenter: parent.verticalCenter
                    text: qsTr("layer %1").arg(parent.layerIdx)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                }
                Button {
                    id: headButton
                    objectName: "head:" + parent.name
                    visible: parent.head >= 0
                    anchors.fill: parent
                    text: parent.head
                    Keys.onPressed: (event) => {
                        const dl = event.key === Qt.Key_Up ? -1 : event.key === Qt.Key_Down ? 1 : 0
                        const dh = event.key === Qt.Key_Left ? -1 : event.key === Qt.Key_Right ? 1 : 0
                        if (dl === 0 && dh === 0)
                            return
                        card.pickOnHeadGrid(parent.layerIdx + dl, parent.head + dh)
                        event.accepted = true
                    }
                    enabled: !card.revealed
                    font.pixelSize: Theme.fontSmall
                    checkable: true
                    checked: card.prediction === parent.name
                    onClicked: card.prediction = parent.name
                    Accessible.name: qsTr("Head %1").arg(parent.name)
                    readonly property bool isAnswer: card.revealed && card.answer.accept !== undefined && card.answer.accept.indexOf(parent.name) >= 0
                    palette.buttonText: isAnswer ? Theme.surface : Theme.text
                    palette.disabled.buttonText: isAnswer ? Theme.surface : Theme.textMuted
                    background: Rectangle {
                        radius: 4
                        color: card.revealed && card.answer.accept && card.answer.accept.indexOf(parent.parent.name) >= 0 ? Theme.good
                             : headButton.checked ? Theme.accentSoft : Theme.surfaceAlt
                        border.color: headButton.checked ? Theme.accent : Theme.border
                        border.width: headButton.checked ? 2 : 1
                        FocusRing { target: parent.parent }
                    }
                }
            }
        }
    }
    RowLayout { // a number
        visible: card.kind === "number"
        TextField {
            id: numberField
            objectName: "numberField"
            enabled: !card.revealed
            placeholderText: qsTr("your number")
            // A decimal point or a decimal comma, whatever the language: "0.5" and "0,5" both read
            // as 0.5 (a DoubleValidator would follow the locale and refuse one of them).
            validator: RegularExpressionValidator { regularExpression: /\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)\s*/ }
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            onTextChanged: card.prediction = text.trim().replace(",", ".") // the prediction is C-locale: 0.5
            // Once typed, the number is shown in the interface language's format (0,5 in German).
            onEditingFinished: if (acceptableInput) text = card.prediction.replace(".", Qt.locale().decimalPoint)
            onAccepted: card.commit()
            Accessible.name: qsTr("Your prediction")
            Connections {
                target: card
                function onPredictionChanged() { if (card.prediction === "") numberField.text = "" }
            }
        }
    }
    ColumnLayout { // options
        visible: card.kind === "option"
        spacing: 0
        Repeater {
            model: card.kind === "option" ? (card.definition.options || []) : []
            delegate: RadioButton {
                required property var modelData
                text: modelData.label
                enabled: !card.revealed
                checked: card.prediction === modelData.value
                onClicked: card.prediction = modelData.value
                palette.windowText: Theme.text
                Accessible.name: text
            }
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Predict, then reveal: the learner commits a prediction (a token, a head, a number or an option)
// before anything is shown; then the model's computed answer, whether they matched, the computed
// facts and the lesson's explanation. `definition` is the exercises.json entry, `answer` the
// ExerciseSet's computed answer ({} while computing), `exercises` the set (for submit()).
Rectangle {
    id: card
    property var definition: ({})
    property var answer: ({})
    property int exerciseIndex: 0
    property ExerciseSet exercises
    property var result: ({})            // what submit() returned; {} before the reveal
    property string prediction: ""
    readonly property bool revealed: result.answer !== undefined
    readonly property bool computing: answer.kind === undefined && answer.error === undefined
    readonly property string kind: definition.kind || ""

    Layout.fillWidth: true
    implicitHeight: col.implicitHeight + 2 * Theme.spacing
    radius: Theme.radius
    color: Theme.surface
    border.color: revealed ? (result.correct ? Theme.good : Theme.warning) : Theme.accent
    border.width: 1.5

    function commit() {
        if (card.prediction === "" || !card.exercises)
            return
        const r = card.exercises.submit(card.exerciseIndex, card.prediction)
        if (r.answer !== undefined)
            card.result = r
    }
    function again() { card.result = ({}); card.prediction = "" }
    onAnswerChanged: if (revealed) again()  // a new model or text: ask again

    ColumnLayout {
        id: col
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacingS

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Predict, then reveal")
                color: Theme.accent
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
                font.capitalization: Font.AllUppercase
                Layout.fillWidth: true
            }
            BusyIndicator { running: card.computing; visible: running; implicitWidth: 20; implicitHeight: 20 }
        }
        Label {
            text: card.definition.prompt || ""
            wrapMode: Text.WordWrap
            color: Theme.text
            font.pixelSize: Theme.fontBody
            Layout.fillWidth: true
        }
        Label {
            visible: card.answer.error !== undefined
            text: qsTr("This exercise cannot be computed for the loaded model: %1").arg(card.answer.error || "")
            color: Theme.warning
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }

        // ---- the learner's choice ----
        Flow { // tokens
            visible: card.kind === "token" && card.answer.choices !== undefined
            Layout.fillWidth: true
            spacing: 4
            Repeater {
                model: card.kind === "token" ? (card.answer.choices || []) : []
                delegate: Button {
                    required property int index
                    required property var modelData
                    text: modelData
                    enabled: !card.revealed && (card.answer.row === undefined || card.answer.row < 0 || index <= card.answer.row)
                    checkable: true
                    checked: card.prediction === String(index)
                    font.pixelSize: Theme.fontSmall
                    onClicked: card.prediction = String(index)
                    Accessible.name: qsTr("Token %1: %2").arg(index).arg(modelData)
                    background: Rectangle {
                        implicitHeight: 26
                        radius: 5
                        color: card.revealed && card.answer.accept && card.answer.accept.indexOf(String(parent.index)) >= 0 ? Theme.good
                             : parent.checked ? Theme.accentSoft : Theme.surfaceAlt
                        border.color: parent.checked ? Theme.accent : Theme.border
                        border.width: parent.checked ? 2 : 1
                        FocusRing { target: parent.parent }
                    }
                }
            }
        }
        GridLayout { // heads
            visible: card.kind === "head" && card.answer.layers > 0
            columns: (card.answer.heads || 0) + 1
            columnSpacing: 3
            rowSpacing: 3
            Repeater {
                model: card.kind === "head" ? (card.answer.layers || 0) * ((card.answer.heads || 0) + 1) : 0
                delegate: Item {
                    required property int index
                    readonly property int heads: card.answer.heads + 1
                    readonly property int layerIdx: Math.floor(index / heads)
                    readonly property int head: index % heads - 1
                    readonly property string name: layerIdx + "." + head
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
                        visible: parent.head >= 0
                        anchors.fill: parent
                        text: parent.head
                        enabled: !card.revealed
                        font.pixelSize: Theme.fontSmall
                        checkable: true
                        checked: card.prediction === parent.name
                        onClicked: card.prediction = parent.name
                        Accessible.name: qsTr("Head %1").arg(parent.name)
                        background: Rectangle {
                            radius: 4
                            color: card.revealed && card.answer.accept && card.answer.accept.indexOf(parent.parent.name) >= 0 ? Theme.good
                                 : parent.checked ? Theme.accentSoft : Theme.surfaceAlt
                            border.color: parent.checked ? Theme.accent : Theme.border
                            border.width: parent.checked ? 2 : 1
                        }
                    }
                }
            }
        }
        RowLayout { // a number
            visible: card.kind === "number"
            TextField {
                id: numberField
                enabled: !card.revealed
                placeholderText: qsTr("your number")
                validator: DoubleValidator {}
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                onTextChanged: card.prediction = text.trim()
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
                }
            }
        }

        RowLayout {
            spacing: Theme.spacing
            FocusButton {
                text: qsTr("Commit and reveal")
                accent: true
                visible: !card.revealed
                enabled: card.prediction !== "" && !card.computing && card.answer.error === undefined
                onClicked: card.commit()
            }
            FocusButton {
                text: qsTr("Try again")
                visible: card.revealed
                onClicked: card.again()
            }
            Label {
                visible: !card.revealed && card.computing
                text: qsTr("The model is working out the answer…")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
        }

        // ---- the reveal ----
        ColumnLayout {
            visible: card.revealed
            Layout.fillWidth: true
            spacing: Theme.spacingS
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: card.result.correct ? Theme.good : Theme.warning
                font.weight: Font.DemiBold
                text: (card.result.correct ? qsTr("Right.") : qsTr("Not this time.")) + " "
                      + qsTr("The model's answer: %1").arg(card.result.answerText || "")
            }
            Label { Layout.fillWidth: true; wrapMode: Text.WordWrap; color: Theme.text; text: card.result.detail || "" }
            Label {
                visible: (card.result.note || "") !== ""
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.text
                font.italic: true
                text: card.result.note || ""
            }
            Label { Layout.fillWidth: true; wrapMode: Text.WordWrap; color: Theme.textMuted; text: card.definition.explain || "" }
        }
    }
}

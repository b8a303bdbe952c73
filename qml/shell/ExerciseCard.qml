import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The chrome of a predict-then-click exercise: the question, the learner's committed prediction,
// a Reveal button, then the model's answer and an explanation. The station supplies the content
// and computes the answer; this card only shows the steps.
Rectangle {
    id: card
    property string heading: qsTr("Predict, then reveal")
    property string prompt: ""
    property string predictionText: ""   // "" until the learner has chosen
    property string answerText: ""       // "" until revealed
    property bool revealed: false
    property bool correct: false
    property string explain: ""
    property string hint: qsTr("Click the token you predict.")
    property bool available: true
    property bool active: true           // false: the station has not started the exercise yet
    property string unavailableText: ""
    signal revealRequested()
    signal resetRequested()

    implicitHeight: column.implicitHeight + 2 * Theme.spacingL
    radius: Theme.radius
    color: Theme.surface
    border.width: 1
    border.color: card.revealed ? (card.correct ? Theme.good : Theme.warning) : Theme.border
    Accessible.role: Accessible.Grouping
    Accessible.name: heading

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.spacingL
        spacing: Theme.spacing
        Label {
            text: card.heading
            font.pixelSize: Theme.fontLarge
            font.weight: Font.DemiBold
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.text
            text: card.available ? card.prompt : card.unavailableText
        }
        RowLayout {
            visible: card.available && card.active
            spacing: Theme.spacing
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: card.predictionText === "" ? Theme.textMuted : Theme.text
                text: card.predictionText === "" ? card.hint : qsTr("Your prediction: %1").arg(card.predictionText)
            }
            FocusButton {
                text: qsTr("Reveal the model's answer")
                accent: true
                enabled: card.predictionText !== "" && !card.revealed
                visible: !card.revealed
                onClicked: card.revealRequested()
            }
            FocusButton {
                text: qsTr("Try again")
                visible: card.revealed
                onClicked: card.resetRequested()
            }
        }
        Label {
            visible: card.revealed
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            font.weight: Font.DemiBold
            color: card.correct ? Theme.good : Theme.warning
            text: (card.correct ? qsTr("Right. ") : qsTr("Not this time. ")) + card.answerText
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

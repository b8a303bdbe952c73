import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Knock heads out: a grid of every head (click to switch it off), the top-5 next tokens before and
// after, the KL divergence and the change in the top token's logit, and the guided examples found
// by the lab's search on the loaded model (strongest head, a pair, a backup head if any), with a
// progress bar while the search runs.
ColumnLayout {
    id: view
    // Its own lab when used alone; a station passes its lab in, and then this one stays idle.
    property AblationLab lab: AblationLab { id: ownLab; active: view.lab === ownLab }
    // Predict, then see: while an exercise that lists `veilKey` waits (what knocking out a head
    // does to the prediction), the model's own prediction stays to reason from, but no head can
    // be knocked out and the search's findings are hidden: each would measure the answer. After the
    // commit, the committed head answers, or the head a question is about (focusHead), are
    // outlined in the grid.
    property AnswerVeils veils: null
    property string veilKey: ""
    readonly property bool veiled: veils !== null && veilKey !== "" && veils.hides(veilKey)
    readonly property var answers: veils !== null && veilKey !== "" ? veils.answersFor(veilKey) : []
    readonly property var answerHeads: answers.map(a => a.kind === "head" ? a.answer : (a.focusHead || "")).filter(h => h !== "")
    onVeiledChanged: if (veiled && lab.ablated.length > 0) lab.clear()
    // Once a knock-out question is committed, the figure knocks its head out, so the prediction
    // beside it shows what the reveal describes.
    readonly property var knockedByAnswer: answers.filter(a => a.kind === "option" && (a.focusHead || "") !== "").map(a => a.focusHead)
    onKnockedByAnswerChanged: if (knockedByAnswer.length > 0) lab.ablated = knockedByAnswer
    spacing: Theme.spacingS

    RowLayout {
        spacing: Theme.spacingL
        Layout.fillWidth: true
        ColumnLayout {
            Layout.alignment: Qt.AlignTop
            Label {
                text: view.veiled ? qsTr("Every head on") : qsTr("Click heads to knock them out")
                color: Theme.text; font.weight: Font.DemiBold
            }
            GridLayout {
                columns: ModelHub.nHead + 1
                columnSpacing: 2
                rowSpacing: 2
                Repeater {
                    model: ModelHub.nLayer * (ModelHub.nHead + 1)
                    delegate: Item {
                        required property int index
                        readonly property int layerIdx: Math.floor(index / (ModelHub.nHead + 1))
                        readonly property int head: index % (ModelHub.nHead + 1) - 1
                        readonly property bool off: view.lab.ablated.indexOf(layerIdx + "." + head) >= 0
                        readonly property bool isAnswer: view.answerHeads.indexOf(layerIdx + "." + head) >= 0
                        implicitWidth: head < 0 ? 24 : 20
                        implicitHeight: 20
                        Label { visible: parent.head < 0; text: parent.layerIdx; color: Theme.textMuted; font.pixelSize: 10; anchors.centerIn: parent }
                        Rectangle {
                            visible: parent.head >= 0
                            anchors.fill: parent
                            radius: 3
                            color: parent.off ? Theme.warning : Theme.good
                            opacity: parent.off ? 1 : 0.55
                            border.color: Theme.border
                            Accessible.role: Accessible.CheckBox
                            Accessible.name: qsTr("Head %1.%2").arg(parent.layerIdx).arg(parent.head)
                            MouseArea { anchors.fill: parent; enabled: !view.veiled; onClicked: view.lab.toggle(parent.parent.layerIdx, parent.parent.head) }
                        }
                        Rectangle { // the exercise's answer, outside the tile's own (translucent) colour
                            visible: parent.isAnswer
                            anchors.fill: parent
                            anchors.margins: -2
                            radius: 4
                            color: "transparent"
                            border.color: Theme.accent
                            border.width: 2.5
                        }
                    }
                }
            }
            Label {
                text: qsTr("rows: layers · columns: heads · amber: off") + (view.answerHeads.length > 0 ? " · " + qsTr("outlined: the exercise's answer, head %1").arg(view.answerHeads.join(", ")) : "")
                color: Theme.textMuted; font.pixelSize: Theme.fontSmall; wrapMode: Text.WordWrap; Layout.maximumWidth: 260
            }
            FocusButton { text: qsTr("All heads on"); visible: !view.veiled; enabled: view.lab.ablated.length > 0; onClicked: view.lab.clear() }
        }
        ColumnLayout {
            Layout.alignment: Qt.AlignTop
            Layout.fillWidth: true
            Label {
                text: qsTr("Next token after “…%1”").arg(view.lab.context)
                color: Theme.text; font.weight: Font.DemiBold; elide: Text.ElideLeft; Layout.fillWidth: true
            }
            ProbBars {
                entries: view.lab.top; compareKey: "baseP"; exportName: "knockout-next-token"
                exportSettings: ({ ablated: view.lab.ablated, kl: view.lab.kl, dLogit: view.lab.dLogit })
                exportTitle: view.lab.ablated.length === 0 ? qsTr("Next token, all heads on")
                             : qsTr("Next token with heads %1 off (outlines: all heads on)").arg(view.lab.ablated.join(", "))
            }
            Label {
                text: view.lab.ablated.length === 0 ? qsTr("All heads on: this is the model's own prediction.")
                      : qsTr("%n head(s) off · KL from the intact run: %1 nats · logit of “%2”: %3 (outlines: before)", "", view.lab.ablated.length)
                        .arg(Theme.fixed(view.lab.kl, 3)).arg(view.lab.topToken)
                        .arg((view.lab.dLogit >= 0 ? "+" : "") + Theme.fixed(view.lab.dLogit, 2))
                color: Theme.textMuted; font.pixelSize: Theme.fontSmall; wrapMode: Text.WordWrap; Layout.fillWidth: true
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
        text: qsTr("Knocking heads out, and what the search found, are hidden until you commit your prediction above.")
    }
    // Guided examples, found by the lab's search on this model and text.
    Flow {
        visible: !view.veiled
        Layout.fillWidth: true
        spacing: Theme.spacing
        FocusButton {
            enabled: view.lab.widest.head !== undefined
            text: view.lab.widest.head !== undefined
                  ? qsTr("Largest KL: head %1 (%2 nats)").arg(view.lab.widest.head).arg(Theme.fixed(Number(view.lab.widest.kl), 3))
                  : qsTr("Searching every head…")
            onClicked: view.lab.ablated = [view.lab.widest.head]
        }
        FocusButton {
            visible: view.lab.strongest.head !== undefined
            text: qsTr("Lowers “%1” most: head %2 (logit %3)").arg(view.lab.topToken).arg(view.lab.strongest.head || "")
                  .arg(Theme.fixed(Number(view.lab.strongest.dLogit), 2))
            onClicked: view.lab.ablated = [view.lab.strongest.head]
        }
        FocusButton {
            enabled: view.lab.pair.a !== undefined
            text: view.lab.pair.a !== undefined
                  ? qsTr("Pair: %1 + %2").arg(view.lab.pair.a).arg(view.lab.pair.b)
                  : (view.lab.searching ? qsTr("Searching pairs…") : qsTr("No pair searched"))
            onClicked: view.lab.ablated = [view.lab.pair.a, view.lab.pair.b]
        }
        FocusButton {
            visible: view.lab.backup.head !== undefined
            text: qsTr("Backup: %1 off, watch %2").arg(view.lab.backup.of || "").arg(view.lab.backup.head || "")
            onClicked: view.lab.ablated = [view.lab.backup.of]
        }
    }
    // The search's progress (every head, then the pairs among the strongest, then the backup run).
    RowLayout {
        visible: view.lab.searching && view.lab.progress >= 0
        spacing: Theme.spacing
        Layout.fillWidth: true
        ProgressBar {
            id: searchBar
            from: 0
            to: 1
            value: Math.max(0, view.lab.progress)
            Layout.preferredWidth: 240
            Accessible.name: qsTr("Knock-out search progress")
        }
        Label {
            text: qsTr("Searching: %1%").arg(Math.round(100 * searchBar.value))
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }
    }
    Label {
        visible: view.lab.pair.a !== undefined && !view.veiled
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        readonly property real dA: Number(view.lab.pair.dA)
        readonly property real dB: Number(view.lab.pair.dB)
        readonly property real sum: dA + dB
        readonly property real both: Number(view.lab.pair.dBoth)
        text: qsTr("Logit of “%1”: %2 off alone changes it by %3, %4 alone by %5; both off, by %6, where the sum of the two is %7. %8")
              .arg(view.lab.topToken)
              .arg(view.lab.pair.a).arg(Theme.fixed(dA, 2))
              .arg(view.lab.pair.b).arg(Theme.fixed(dB, 2))
              .arg(Theme.fixed(both, 2)).arg(Theme.fixed(sum, 2))
              .arg(Math.abs(both - sum) < 0.1 * Math.max(Math.abs(dA), Math.abs(dB))
                   ? qsTr("About the sum: on this logit the two act roughly independently here.")
                   : dA * dB < 0
                     ? qsTr("Knocking them out moves the logit in opposite directions, and together they do not move it by the sum of the two: their effects are not independent here.")
                     : Math.abs(both) < Math.abs(sum)
                       ? qsTr("Less than the sum: their effects overlap (the same job done twice, or a limit the logit hits), and the numbers alone do not say which.")
                       : qsTr("More than the sum: together they move the logit further than the two single knock-outs added. Their effects are not independent, whether through later layers or through the layer norms that rescale the sum."))
    }
    Label {
        visible: view.lab.backup.head !== undefined && !view.veiled
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        text: qsTr("With %1 off, the later head %2's direct effect on “%3” rises from %4 to %5: it makes up part of the loss. Wang et al. (2022) call heads that do this in GPT-2 small backup heads. If %4 is negative, the head is pushing the logit down less rather than adding to it, which McDougall et al. (2023) link to copy suppression.")
              .arg(view.lab.backup.of || "").arg(view.lab.backup.head || "").arg(view.lab.topToken)
              .arg(Theme.fixed(Number(view.lab.backup.before), 2)).arg(Theme.fixed(Number(view.lab.backup.after), 2))
    }
    Label {
        visible: view.lab.searched !== "" && !view.veiled
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        text: view.lab.searched
    }
    Label { visible: view.lab.error !== ""; text: view.lab.error; color: Theme.warning; wrapMode: Text.WordWrap; Layout.fillWidth: true }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Knock heads out: a grid of every head (click to switch it off), the top-5 next tokens before and
// after, the KL divergence, and the two guided examples found by computation on the loaded model
// (a background search, with a progress bar while it runs).
ColumnLayout {
    id: view
    // Its own lab when used alone; a station passes its lab in, and then this one stays idle.
    property AblationLab lab: AblationLab { id: ownLab; active: view.lab === ownLab }
    spacing: Theme.spacingS

    RowLayout {
        spacing: Theme.spacingL
        Layout.fillWidth: true
        ColumnLayout {
            Layout.alignment: Qt.AlignTop
            Label { text: qsTr("Click heads to knock them out"); color: Theme.text; font.weight: Font.DemiBold }
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
                            MouseArea { anchors.fill: parent; onClicked: view.lab.toggle(parent.parent.layerIdx, parent.parent.head) }
                        }
                    }
                }
            }
            Label { text: qsTr("rows: layers · columns: heads · amber: off"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
            FocusButton { text: qsTr("All heads on"); enabled: view.lab.ablated.length > 0; onClicked: view.lab.clear() }
        }
        ColumnLayout {
            Layout.alignment: Qt.AlignTop
            Layout.fillWidth: true
            Label {
                text: qsTr("Next token after “…%1”").arg(view.lab.context)
                color: Theme.text; font.weight: Font.DemiBold; elide: Text.ElideLeft; Layout.fillWidth: true
            }
            ProbBars { entries: view.lab.top; compareKey: "baseP" }
            Label {
                text: view.lab.ablated.length === 0 ? qsTr("All heads on: this is the model's own prediction.")
                      : qsTr("%1 head(s) off · KL from the unablated run: %2 nats (outlines: before)").arg(view.lab.ablated.length).arg(view.lab.kl.toFixed(3))
                color: Theme.textMuted; font.pixelSize: Theme.fontSmall; wrapMode: Text.WordWrap; Layout.fillWidth: true
            }
        }
    }
    // Guided examples.
    Flow {
        Layout.fillWidth: true
        spacing: Theme.spacing
        FocusButton {
            enabled: view.lab.strongest.head !== undefined
            text: view.lab.strongest.head !== undefined
                  ? qsTr("Largest single effect: head %1 (KL %2)").arg(view.lab.strongest.head).arg(Number(view.lab.strongest.kl).toFixed(3))
                  : qsTr("Searching every head…")
            onClicked: view.lab.ablated = [view.lab.strongest.head]
        }
        FocusButton {
            enabled: view.lab.compensation.a !== undefined
            text: view.lab.compensation.a !== undefined
                  ? qsTr("Compensation: %1 + %2").arg(view.lab.compensation.a).arg(view.lab.compensation.b)
                  : (view.lab.searching ? qsTr("Searching pairs…") : qsTr("No compensating pair found"))
            onClicked: view.lab.ablated = [view.lab.compensation.a, view.lab.compensation.b]
        }
    }
    // The search's progress (every head, then every pair within a layer).
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
        visible: view.lab.compensation.a !== undefined
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        text: qsTr("Off alone, %1 moves the prediction by %2 nats and %3 by %4; both off, by %5 — more than the sum, so each covers in part for the other on this text.")
              .arg(view.lab.compensation.a).arg(Number(view.lab.compensation.klA).toFixed(3))
              .arg(view.lab.compensation.b).arg(Number(view.lab.compensation.klB).toFixed(3))
              .arg(Number(view.lab.compensation.klBoth).toFixed(3))
    }
    Label { visible: view.lab.error !== ""; text: view.lab.error; color: Theme.warning; wrapMode: Text.WordWrap; Layout.fillWidth: true }
}

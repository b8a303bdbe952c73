import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Weights are not explanations: for every head, how far the prediction moves (KL) when its pattern
// is replaced by a uniform or a shuffled one (PatternSwapLab).
ColumnLayout {
    id: view
    // Its own lab when used alone; a station passes its lab in, and then this one stays idle.
    property PatternSwapLab lab: PatternSwapLab { id: ownLab; active: view.lab === ownLab }
    // Committed exercises' answers (Veiled.answers): a head answer, or the head a question is
    // about (focusHead), is outlined in the grid.
    property var answers: []
    readonly property var answerHeads: answers.map(a => a.kind === "head" ? a.answer : (a.focusHead || "")).filter(h => h !== "")
    spacing: Theme.spacingS
    // A KL in a 44 px cell: three decimals, and below 0.001 (most heads of an untrained or large
    // model) its order of magnitude, so that a small value never reads as exactly 0.
    function klText(kl) {
        if (kl <= 0)
            return "0"
        if (kl < 0.001)
            return Number(kl).toExponential(0)
        return kl < 10 ? Theme.fixed(Number(kl), 3) : Theme.fixed(Number(kl), 1)
    }
    RowLayout {
        RadioButton { text: qsTr("uniform"); checked: view.lab.mode === 0; onClicked: view.lab.mode = 0; palette.windowText: Theme.text }
        RadioButton { text: qsTr("shuffled rows"); checked: view.lab.mode === 1; onClicked: view.lab.mode = 1; palette.windowText: Theme.text }
        BusyIndicator { running: view.lab.busy; visible: running; implicitWidth: 22; implicitHeight: 22 }
    }
    // FigureExport's figure: the grid as drawn (layers × heads, each cell its KL), with the mode.
    function figure() {
        const values = [], rows = [], heads = []
        for (let h = 0; h < ModelHub.nHead; ++h)
            heads.push(qsTr("head %1").arg(h))
        for (let l = 0; l < view.lab.kls.length; ++l) {
            rows.push(qsTr("layer %1").arg(l))
            for (let h = 0; h < ModelHub.nHead; ++h)
                values.push(Number(view.lab.kls[l][h]))
        }
        const mode = view.lab.mode === 0 ? "uniform" : "shuffled rows"
        return { name: "pattern-swap", chart: "heatmap",
                 title: view.lab.mode === 0 ? qsTr("KL when each head's pattern is made uniform")
                                            : qsTr("KL when each head's pattern has its rows shuffled"),
                 rowLabels: rows, columnLabels: heads, colours: "accent", maxValue: Math.max(1e-9, view.lab.maxKl), cellText: true, square: false,
                 panels: [{ title: "", rows: view.lab.kls.length, columns: ModelHub.nHead, values: values }],
                 note: qsTr("KL in nats between the prediction before and after the swap."),
                 numbers: { mode: mode, seed: view.lab.seed, layers: rows, heads: heads, kl: view.lab.kls } }
    }
    GridLayout {
        id: swapGrid
        columns: ModelHub.nHead + 1
        columnSpacing: 2
        rowSpacing: 2
        Repeater {
            model: view.lab.kls.length * (ModelHub.nHead + 1)
            delegate: Rectangle {
                required property int index
                readonly property int layerIdx: Math.floor(index / (ModelHub.nHead + 1))
                readonly property int head: index % (ModelHub.nHead + 1) - 1
                readonly property real kl: head >= 0 && view.lab.kls[layerIdx] ? view.lab.kls[layerIdx][head] : 0
                readonly property bool isAnswer: head >= 0 && view.answerHeads.indexOf(layerIdx + "." + head) >= 0
                implicitWidth: head < 0 ? 56 : 44
                implicitHeight: 22
                readonly property real fill: Math.sqrt(kl / Math.max(1e-9, view.lab.maxKl))
                color: head < 0 ? "transparent" : Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, fill)
                border.color: head < 0 ? "transparent" : isAnswer ? Theme.accent : Theme.border
                border.width: isAnswer ? 2.5 : 1
                Label {
                    anchors.centerIn: parent
                    text: parent.head < 0 ? qsTr("layer %1").arg(parent.layerIdx) : view.klText(parent.kl)
                    // Light text on the darker fills, where the theme's text would disappear.
                    color: parent.head >= 0 && parent.fill > 0.55 ? Theme.textOnAccent : Theme.text
                    font.pixelSize: 10
                    font.family: parent.head < 0 ? Qt.application.font.family : "monospace"
                }
            }
        }
    }
    Label {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.text
        text: view.lab.leastHeads.length > 0
              ? qsTr("Replacing the pattern barely moves the prediction: heads %1. Moves it most: heads %2. (KL in nats; columns are heads.)")
                .arg(view.lab.leastHeads.join(", ")).arg(view.lab.mostHeads.join(", "))
              : ""
    }
    // The grid saved as it is drawn (inside the station's veil: hidden while a card waits).
    FigureExportBar {
        objectName: "swapExport"
        target: swapGrid
        name: "pattern-swap"
        figure: view.lab.kls.length > 0 ? view.figure() : ({})
    }
}

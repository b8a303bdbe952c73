import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Attention while the model writes (GenerationLab): the seeded continuation, one token at a time.
// The tokens (typed, then written, each written one numbered in the order it was written), a
// step slider to go back through the steps, and, veiled while a question about them waits, the
// selected head's matrix up to the shown step (a row more per written token) and the newest
// token's row in every head.
ColumnLayout {
    id: view
    property GenerationLab lab
    property AnswerVeils veils: null
    readonly property int typed: lab.promptLength
    readonly property int shown: lab.shownTokens
    // A revealed question about the writing pins the case it asked about (its seed, temperature
    // and count, no top-k or top-p), so the figure shows that very generation; the station binds
    // the lab's settings to `pinned` when set, else to the sampling figure's.
    readonly property var answers: writingVeil.answers
    property bool followSettings: false
    readonly property var pinned: {
        if (followSettings) return null
        const a = answers.find(x => (x.params || {}).count !== undefined)
        return a ? a.params : null
    }
    spacing: Theme.spacingS

    RowLayout {
        visible: view.pinned !== null
        Layout.fillWidth: true
        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.text
            text: view.pinned ? qsTr("Showing the question's case: seed %1, temperature %2, %3 written tokens, no top-k or top-p.")
                                .arg(view.pinned.seed).arg(Theme.fixed(view.pinned.temperature, 1)).arg(view.pinned.count) : ""
        }
        Button {
            text: qsTr("Follow the settings above")
            Accessible.name: text
            onClicked: view.followSettings = true
        }
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacingS
        Label { text: qsTr("step"); color: Theme.text }
        Slider {
            id: stepSlider
            Layout.fillWidth: true
            from: 0; to: Math.max(1, view.lab.steps); stepSize: 1; snapMode: Slider.SnapAlways
            enabled: view.lab.steps > 0
            value: view.lab.step
            onMoved: { replay.stop(); view.lab.step = value }
            Accessible.name: qsTr("Step shown (0: your text before anything is written)")
        }
        Label {
            text: qsTr("%1 of %2 written").arg(view.lab.step).arg(view.lab.steps)
            color: Theme.text; font.family: "monospace"
        }
        Button {
            text: replay.running ? qsTr("Stop") : qsTr("Replay")
            Accessible.name: replay.running ? qsTr("Stop the replay") : qsTr("Replay the writing step by step")
            enabled: view.lab.steps > 0
            onClicked: {
                if (replay.running) { replay.stop(); return }
                view.lab.step = 0
                replay.start()
            }
        }
        Label { text: qsTr("layer"); color: Theme.text }
        SpinBox { from: 0; to: Math.max(0, ModelHub.nLayer - 1); value: view.lab.layer; onValueModified: view.lab.layer = value; Accessible.name: qsTr("Layer") }
        Label { text: qsTr("head"); color: Theme.text }
        SpinBox { from: 0; to: Math.max(0, ModelHub.nHead - 1); value: view.lab.head; onValueModified: view.lab.head = value; Accessible.name: qsTr("Head") }
    }
    // Steps forward at a pace the eye can follow.
    Timer {
        id: replay
        interval: 400; repeat: true
        onTriggered: {
            if (view.lab.step >= view.lab.steps) { stop(); return }
            view.lab.step = view.lab.step + 1
        }
    }

    // The tokens: typed ones plain, written ones in italics with their step number above and a
    // double underline, so they stand apart without relying on colour. Tokens after the shown step
    // are faint.
    Flow {
        Layout.fillWidth: true
        spacing: 3
        Repeater {
            model: view.lab.tokens
            delegate: Column {
                id: chip
                required property string modelData
                required property int index
                readonly property bool written: index >= view.typed
                readonly property bool newest: index === view.shown - 1
                opacity: index < view.shown ? 1 : 0.35
                Accessible.role: Accessible.StaticText
                Accessible.name: written ? qsTr("written token %1: %2").arg(index - view.typed + 1).arg(modelData)
                                         : qsTr("typed token: %1").arg(modelData)
                // The chip's accessible name says all of it.
                Label {
                    Accessible.ignored: true
                    anchors.horizontalCenter: parent.horizontalCenter
                    text: chip.written ? "+" + (chip.index - view.typed + 1) : " "
                    color: Theme.textMuted; font.pixelSize: 10
                }
                Rectangle {
                    width: tokenText.implicitWidth + 8; height: tokenText.implicitHeight + 6
                    radius: 3
                    color: chip.newest ? Theme.accentSoft : Theme.surfaceAlt
                    border.color: chip.newest ? Theme.accent : Theme.border
                    border.width: chip.newest ? 2 : 1
                    Label {
                        id: tokenText
                        Accessible.ignored: true
                        anchors.centerIn: parent
                        text: chip.modelData
                        font.italic: chip.written
                        font.underline: chip.written
                        color: Theme.text
                    }
                }
            }
        }
    }
    Label {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted; font.pixelSize: Theme.fontSmall
        text: qsTr("Typed tokens are plain; written ones are in italics, underlined and numbered +1, +2… in the order the model wrote them. The framed token is the newest at the shown step.")
    }

    Veiled {
        id: writingVeil
        Layout.fillWidth: true
        veils: view.veils
        key: "generation"
        ColumnLayout {
            spacing: Theme.spacing
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingL
                // The selected head's matrix up to the shown step: rows are queries, the last row
                // is the newest token's. The lines mark where the written tokens begin.
                Item {
                    Layout.preferredWidth: 300
                    Layout.preferredHeight: 300
                    Layout.alignment: Qt.AlignTop
                    HeatmapItem {
                        id: matrix
                        anchors.fill: parent
                        rows: view.shown
                        columns: view.shown
                        values: view.lab.matrix
                        maxValue: 1
                        colorMap: HeatmapItem.Viridis // the lens's colours
                        maskColor: Theme.background
                        highlightRow: view.shown - 1
                    }
                    Rectangle { // before the first written row
                        visible: view.shown > view.typed
                        x: 0; width: parent.width; height: 2
                        y: parent.height * view.typed / Math.max(1, view.shown) - 1
                        color: Theme.text
                    }
                    Rectangle { // before the first written column
                        visible: view.shown > view.typed
                        y: 0; height: parent.height; width: 2
                        x: parent.width * view.typed / Math.max(1, view.shown) - 1
                        color: Theme.text
                    }
                }
                Label {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    wrapMode: Text.WordWrap
                    color: Theme.text
                    textFormat: Text.StyledText
                    // The share a question asked about is what the answer marks (in bold).
                    text: qsTr("Head %1.%2 at step %3: %4 rows, one per token so far; each step adds the newest token's row at the bottom, computed from the keys and values kept for the earlier tokens. Right of and below the lines: written tokens. Over all heads, the newest token gives %5 of its attention to the written ones.")
                          .arg(view.lab.layer).arg(view.lab.head).arg(view.lab.step).arg(view.shown)
                          .arg(view.pinned !== null ? "<b>" + Theme.fixed(view.lab.writtenShare, 2) + "</b>" : Theme.fixed(view.lab.writtenShare, 2))
                }
            }
            Label {
                text: qsTr("The newest token's row in every head (one tile per layer, one line per head; the mark above each tile is where the written tokens begin). Click a line to show that head above.")
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.textMuted; font.pixelSize: Theme.fontSmall
            }
            GridLayout {
                id: overview
                Layout.fillWidth: true
                // Four layers a line (GPT-2 small's twelve in three), each tile as wide as that allows.
                columns: Math.max(1, Math.min(ModelHub.nLayer, 4))
                readonly property real tileWidth: Math.min(260, (view.width - (columns - 1) * columnSpacing) / columns)
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacingS
                Repeater {
                    model: view.lab.overview
                    delegate: ColumnLayout {
                        id: tile
                        required property var modelData
                        required property int index
                        spacing: 2
                        Layout.preferredWidth: overview.tileWidth
                        Label {
                            text: qsTr("layer %1").arg(tile.index)
                            color: tile.index === view.lab.layer ? Theme.accent : Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                            font.weight: tile.index === view.lab.layer ? Font.DemiBold : Font.Normal
                        }
                        Item {
                            Layout.preferredWidth: overview.tileWidth
                            Layout.preferredHeight: Math.max(36, 6 * ModelHub.nHead)
                            HeatmapItem {
                                id: tileMap
                                anchors.fill: parent
                                rows: ModelHub.nHead
                                columns: view.shown
                                values: tile.modelData
                                maxValue: 1
                                colorMap: HeatmapItem.Viridis
                                maskColor: Theme.background
                                highlightRow: tile.index === view.lab.layer ? view.lab.head : -1
                                MouseArea {
                                    anchors.fill: parent
                                    onClicked: (mouse) => {
                                        const cell = tileMap.cellAt(mouse.x, mouse.y)
                                        if (cell.y < 0) return
                                        view.lab.layer = tile.index
                                        view.lab.head = cell.y
                                    }
                                }
                            }
                            Rectangle { // where the written tokens begin
                                visible: view.shown > view.typed
                                width: 2; height: 4; y: -4
                                x: parent.width * view.typed / Math.max(1, view.shown) - 1
                                color: Theme.text
                            }
                        }
                    }
                }
            }
        }
    }
}

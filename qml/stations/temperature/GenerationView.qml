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
    // A question about the writing pins the case it asks about (its seed, temperature and count,
    // no top-k or top-p), both while it waits, so that the written tokens and the worked example
    // are those of the question and not of the sampling figure's settings, and once revealed, so
    // that the figure shows that very generation; the station binds the lab's settings to
    // `pinned` when set, else to the sampling figure's.
    readonly property var answers: writingVeil.answers
    readonly property var waiting: (veils !== null ? veils.askedFor("generation") : [])
                                   .filter(x => (x.params || {}).count !== undefined)
    property bool followSettings: false
    readonly property var pinned: {
        if (waiting.length > 0) return waiting[0].params
        if (followSettings) return null
        const a = answers.find(x => (x.params || {}).count !== undefined)
        return a ? a.params : null
    }
    spacing: Theme.spacingS
    // How the read-out names a token: typed, or written and when.
    function tokenKind(i) {
        return i >= typed ? qsTr("written +%1").arg(i - typed + 1) : qsTr("typed")
    }

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
            visible: view.waiting.length === 0
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
                // is the newest token's. Tokens label both sides (written ones set apart), the
                // lines mark where the written tokens begin, and the colour bar reads the weights.
                Item {
                    id: frame
                    readonly property real rowBand: 92
                    readonly property real columnBand: 78
                    // As large as the figure's width allows beside the words on the right, so 72
                    // tokens still get a label every few rows.
                    readonly property real side: Math.max(220, Math.min(440, view.width - rowBand - legend.implicitWidth - 320))
                    readonly property real cell: side / Math.max(1, view.shown)
                    Layout.preferredWidth: rowBand + side + Theme.spacing + legend.implicitWidth
                    Layout.preferredHeight: columnBand + side
                    Layout.alignment: Qt.AlignTop
                    TokenAxis {
                        objectName: "generationColumnLabels"
                        x: frame.rowBand; y: 0
                        width: frame.side; height: frame.columnBand
                        vertical: false
                        tokens: view.lab.tokens
                        count: view.shown
                        cell: frame.cell
                        markedFrom: view.typed
                        highlight: matrix.hover.x
                    }
                    TokenAxis {
                        objectName: "generationRowLabels"
                        x: 0; y: frame.columnBand
                        width: frame.rowBand; height: frame.side
                        tokens: view.lab.tokens
                        count: view.shown
                        cell: frame.cell
                        markedFrom: view.typed
                        highlight: matrix.hover.y
                    }
                    HeatmapItem {
                        id: matrix
                        x: frame.rowBand; y: frame.columnBand
                        width: frame.side; height: frame.side
                        rows: view.shown
                        columns: view.shown
                        values: view.lab.matrix
                        maxValue: 1
                        colorMap: HeatmapItem.Viridis // the lens's colours
                        maskColor: Theme.background
                        property point hover: Qt.point(-1, -1) // x: column, y: row
                        MouseArea {
                            anchors.fill: parent
                            hoverEnabled: true
                            onPositionChanged: (mouse) => { matrix.hover = matrix.cellAt(mouse.x, mouse.y) }
                            onExited: matrix.hover = Qt.point(-1, -1)
                        }
                    }
                    SplitLine { // before the first written row
                        visible: view.shown > view.typed
                        x: matrix.x - 4; width: matrix.width + 4; height: 4
                        y: matrix.y + frame.cell * view.typed - 2
                    }
                    SplitLine { // before the first written column
                        visible: view.shown > view.typed
                        y: matrix.y - 4; height: matrix.height + 4; width: 4
                        x: matrix.x + frame.cell * view.typed - 2
                    }
                    RowFrame { // the newest token's row
                        visible: view.shown > 0
                        lineX: matrix.x; lineWidth: matrix.width
                        lineY: matrix.y + frame.cell * (view.shown - 1); line: frame.cell
                    }
                    Rectangle { // the heat map's edge, as on the lens
                        x: matrix.x - 1; y: matrix.y - 1
                        width: matrix.width + 2; height: matrix.height + 2
                        color: "transparent"
                        border.width: 1
                        border.color: Theme.heatFrame
                    }
                    ColorLegend {
                        id: legend
                        matrix: matrix
                        x: matrix.x + matrix.width + Theme.spacing
                        y: matrix.y
                        height: frame.side
                    }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    Layout.topMargin: frame.columnBand
                    spacing: Theme.spacingS
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        color: Theme.text
                        textFormat: Text.StyledText
                        // The share a question asked about is what the answer marks (in bold).
                        text: qsTr("Head %1.%2 at step %3: %4 rows, one per token so far; each step adds the newest token's row at the bottom, computed from the keys and values kept for the earlier tokens. Right of and below the lines: written tokens. Over all heads, the newest token gives %5 of its attention to the written ones.")
                              .arg(view.lab.layer).arg(view.lab.head).arg(view.lab.step).arg(view.shown)
                              .arg(view.pinned !== null ? "<b>" + Theme.fixed(view.lab.writtenShare, 2) + "</b>" : Theme.fixed(view.lab.writtenShare, 2))
                    }
                    // The cell pointed at, in words.
                    Label {
                        objectName: "generationReadout"
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        color: Theme.text
                        text: {
                            const r = matrix.hover.y, c = matrix.hover.x
                            if (r < 0 || c < 0 || r >= view.shown || c >= view.shown)
                                return qsTr("Point at a cell to read its two tokens and its weight.")
                            const tokens = view.lab.tokens
                            if (c > r)
                                return qsTr("“%1” cannot look at the later token “%2”: the causal mask.").arg(tokens[r]).arg(tokens[c])
                            return qsTr("“%1” (%2) → “%3” (%4): weight %5")
                                   .arg(tokens[r]).arg(view.tokenKind(r)).arg(tokens[c]).arg(view.tokenKind(c))
                                   .arg(Theme.fixed(view.lab.matrix[r * view.shown + c], 3))
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        color: Theme.textMuted; font.pixelSize: Theme.fontSmall
                        text: qsTr("Labels, each token in a frame (a leading space written ·, a line break ⏎): your typed tokens in plain type, the written ones in blue italics, the newest in bold with its row framed; where the cells are small, every few tokens are labelled, counted back from the newest. Colour: the weight, from 0 (darkest: no attention) to 1 (brightest: all of the row's attention on that one token); each row adds up to 1.")
                    }
                }
            }
            Label {
                text: qsTr("The newest token's row in every head: one tile per layer, one line per head, the selected head framed and marked ▶. The upright line in each tile is where the written tokens begin. Click a line to show that head above.")
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.textMuted; font.pixelSize: Theme.fontSmall
            }
            GridLayout {
                id: overview
                Layout.fillWidth: true
                Layout.leftMargin: 14 // room for the selected head's mark
                // Four layers a line (GPT-2 small's twelve in three), each tile as wide as that allows.
                columns: Math.max(1, Math.min(ModelHub.nLayer, 4))
                readonly property real tileWidth: Math.min(260, (view.width - 14 - (columns - 1) * columnSpacing) / columns)
                columnSpacing: Theme.spacingL
                rowSpacing: Theme.spacingS
                Repeater {
                    model: view.lab.overview
                    delegate: ColumnLayout {
                        id: tile
                        required property var modelData
                        required property int index
                        readonly property bool selected: index === view.lab.layer
                        spacing: 2
                        Layout.preferredWidth: overview.tileWidth
                        Label {
                            text: qsTr("layer %1").arg(tile.index)
                            color: tile.selected ? Theme.accent : Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                            font.weight: tile.selected ? Font.DemiBold : Font.Normal
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
                            SplitLine { // where the written tokens begin
                                visible: view.shown > view.typed
                                width: 4; y: -5; height: parent.height + 5
                                x: parent.width * view.typed / Math.max(1, view.shown) - 2
                            }
                            Rectangle { // the tile's edge; the selected layer's in the accent colour
                                anchors.fill: parent
                                anchors.margins: tile.selected ? -2 : -1
                                color: "transparent"
                                border.width: tile.selected ? 2 : 1
                                border.color: tile.selected ? Theme.accent : Theme.heatFrame
                            }
                            // The selected head: its line framed, and a mark left of the tile.
                            RowFrame {
                                visible: tile.selected
                                line: parent.height / Math.max(1, ModelHub.nHead)
                                lineWidth: parent.width
                                lineY: view.lab.head * line
                            }
                            Label {
                                visible: tile.selected
                                Accessible.ignored: true
                                text: "▶"
                                color: Theme.accent
                                font.pixelSize: 13
                                x: -width - 5
                                y: (view.lab.head + 0.5) * parent.height / Math.max(1, ModelHub.nHead) - height / 2
                            }
                        }
                    }
                }
            }
        }
    }

    // A frame around one line of a heat map, given the line's place (lineX, lineY, lineWidth and
    // its height `line`): outside the line, so its cells stay visible, in the accent colour with an
    // edge of the page's colour towards the cells.
    component RowFrame: Rectangle {
        property real lineX: 0
        property real lineY: 0
        property real lineWidth: 0
        property real line: 6
        x: lineX - 3; y: lineY - 3
        width: lineWidth + 6; height: line + 6
        color: "transparent"
        border.width: 2
        border.color: Theme.accent
        Rectangle {
            anchors.fill: parent; anchors.margins: 2
            color: "transparent"
            border.width: 1
            border.color: Theme.surface
        }
    }

    // A line through a heat map drawn in the text colour inside an edge of the page's colour, so
    // it shows on the darkest and the brightest cells alike, in either theme.
    component SplitLine: Rectangle {
        color: Theme.surface
        Rectangle { anchors.fill: parent; anchors.margins: 1; color: Theme.text }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// A short sentence's score grid with the causal mask: step or play through the rows; the current
// row's allowed cells, its blocked cells (−∞ before the softmax) and its weights after it (MaskLab).
ColumnLayout {
    id: view
    // Its own lab when used alone; a station passes its lab in, and then this one stays idle.
    property MaskLab lab: MaskLab { id: ownLab; active: view.lab === ownLab }
    property int row: 0
    // Predict, then see: while an exercise that lists `veilKey` waits, the row it asks about (in the
    // head it asks about) shows no scores and no weights; every other row stays, to reason from.
    // After the commit, the row an answer is about is shown and marked.
    property AnswerVeils veils: null
    property string veilKey: ""
    readonly property bool veiled: veils !== null && veilKey !== "" && veils.hides(veilKey)
    readonly property var answers: veils !== null && veilKey !== "" ? veils.answersFor(veilKey) : []
    readonly property var hiddenRows: {
        const rows = []
        if (!veiled)
            return rows
        for (const q of veils.askedFor(veilKey)) {
            const p = q.params
            const layer = p.layer === "last" ? ModelHub.nLayer - 1 : p.layer === "first" || p.layer === undefined ? 0 : Number(p.layer)
            const head = p.head === undefined ? 0 : Number(p.head)
            const r = q.row !== undefined && q.row >= 0 ? q.row : p.row !== undefined ? Number(p.row) : -1
            if (r >= 0 && layer === lab.layer && head === lab.head)
                rows.push(r)
        }
        return rows.sort((a, b) => a - b)
    }
    readonly property bool rowHidden: hiddenRows.indexOf(row) >= 0
    // (The row comes from the answer, else from the exercise's `row` parameter, else the first row.)
    readonly property var answerRows: answers.map(a => a.row !== undefined && a.row >= 0 ? a.row
                                                       : (a.params || {}).row !== undefined ? a.params.row : 0)
    onAnswerRowsChanged: if (answerRows.length > 0) row = Math.min(answerRows[answerRows.length - 1], Math.max(0, count - 1))
    readonly property int count: lab.tokens.length
    // FigureExport's figure: the current row's weights as bars (a blocked key: 0), its scores, the head.
    function rowFigure() {
        const rows = [], weights = [], scores = [], blocked = []
        for (let c = 0; c < count; ++c) {
            const w = Number(lab.weights[row * count + c])
            const b = isNaN(w)
            rows.push({ label: lab.tokens[c], bars: [{ name: "", value: b ? 0 : w, colour: "#c2185b" }] })
            weights.push(b ? 0 : w)
            blocked.push(b)
            const s = Number(lab.scores[row * count + c])
            scores.push(isNaN(s) ? null : s)
        }
        return { name: "mask-row", chart: "signed-bars", signed: false, layer: lab.layer, head: lab.head, scale: 1,
                 title: qsTr("Row %1 (“%2”) after the softmax").arg(row).arg(lab.tokens[row] || ""),
                 rows: rows, note: qsTr("Keys after the query are blocked (−∞ before the softmax): their weight is 0."),
                 numbers: { row: row, query: lab.tokens[row] || "", tokens: lab.tokens, weights: weights, scores: scores, blocked: blocked } }
    }
    spacing: Theme.spacingS

    RowLayout {
        spacing: Theme.spacingS
        FocusButton { text: qsTr("◀ Row"); enabled: view.row > 0; onClicked: view.row-- }
        FocusButton { text: qsTr("Row ▶"); enabled: view.row < view.count - 1; onClicked: view.row++ }
        FocusButton {
            text: player.running ? qsTr("Pause") : qsTr("Play")
            onClicked: { if (!player.running && view.row >= view.count - 1) view.row = 0; player.running = !player.running }
        }
        Label { text: qsTr("layer"); color: Theme.text }
        SpinBox { from: 0; to: Math.max(0, ModelHub.nLayer - 1); value: view.lab.layer; onValueModified: view.lab.layer = value; Accessible.name: qsTr("Layer") }
        Label { text: qsTr("head"); color: Theme.text }
        SpinBox { from: 0; to: Math.max(0, ModelHub.nHead - 1); value: view.lab.head; onValueModified: view.lab.head = value; Accessible.name: qsTr("Head") }
    }
    Timer { id: player; interval: 900; repeat: true; onTriggered: { if (view.row < view.count - 1) view.row++; else running = false } }

    RowLayout {
        spacing: Theme.spacingL
        // Scores: the grid with labels.
        GridLayout {
            columns: view.count + 1
            columnSpacing: 2
            rowSpacing: 2
            Item { implicitWidth: 1; implicitHeight: 1 }
            Repeater {
                model: view.lab.tokens
                delegate: Label { required property string modelData; text: modelData; color: Theme.textMuted; font.pixelSize: 10; Layout.preferredWidth: 52; elide: Text.ElideRight; horizontalAlignment: Text.AlignHCenter }
            }
            Repeater {
                model: view.count * (view.count + 1)
                delegate: Rectangle {
                    id: maskCell
                    required property int index
                    readonly property int r: Math.floor(index / (view.count + 1))
                    readonly property int c: index % (view.count + 1) - 1
                    readonly property real score: c >= 0 ? (view.lab.scores[r * view.count + c] ?? NaN) : 0
                    readonly property bool blocked: c > r
                    readonly property bool current: r === view.row
                    readonly property bool hidden: c >= 0 && !blocked && view.hiddenRows.indexOf(r) >= 0
                    Layout.preferredWidth: c < 0 ? 70 : 52
                    Layout.preferredHeight: 24
                    color: c < 0 ? "transparent" : blocked ? (current ? Theme.warningSoft : Theme.surfaceAlt)
                                                          : (current ? Theme.accentSoft : Theme.surface)
                    border.color: current && c >= 0 ? Theme.accent : Theme.border
                    border.width: c < 0 ? 0 : 1
                    opacity: r > view.row ? 0.35 : 1
                    Label {
                        anchors.fill: parent
                        horizontalAlignment: maskCell.c < 0 ? Text.AlignRight : Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                        elide: Text.ElideRight
                        font.pixelSize: Theme.fontSmall
                        font.family: maskCell.c < 0 ? Qt.application.font.family : "monospace"
                        font.bold: maskCell.c < 0 && view.answerRows.indexOf(maskCell.r) >= 0
                        color: maskCell.blocked ? Theme.mask : maskCell.c < 0 && view.answerRows.indexOf(maskCell.r) >= 0 ? Theme.accent : Theme.text
                        text: parent.c < 0 ? (view.lab.tokens[parent.r] || "") : parent.blocked ? "−∞" : parent.hidden ? "?" : Theme.fixed(Number(parent.score), 2)
                    }
                }
            }
        }
        // The current row's weights after the softmax.
        ColumnLayout {
            id: rowBars
            Layout.alignment: Qt.AlignTop
            Label { text: qsTr("Row %1 (“%2”) after the softmax").arg(view.row).arg(view.lab.tokens[view.row] || ""); color: Theme.text; font.weight: Font.DemiBold }
            Label {
                objectName: "veil:" + view.veilKey
                readonly property bool veiled: view.veiled
                visible: veiled
                Layout.maximumWidth: 300
                wrapMode: Text.WordWrap
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                font.italic: true
                text: view.hiddenRows.length > 1
                      ? qsTr("Hidden until you commit your prediction above: the scores and weights of rows %1 and %2 in this head (rows count from 0).").arg(view.hiddenRows.slice(0, -1).join(", ")).arg(view.hiddenRows[view.hiddenRows.length - 1])
                      : view.hiddenRows.length === 1
                      ? qsTr("Hidden until you commit your prediction above: the scores and weights of row %1 in this head (rows count from 0).").arg(view.hiddenRows[0])
                      : qsTr("Another layer or head than the one asked about: nothing here is hidden.")
            }
            Repeater {
                model: view.rowHidden ? 0 : view.count
                delegate: RowLayout {
                    required property int index
                    readonly property real w: view.lab.weights[view.row * view.count + index] ?? NaN
                    Label { text: view.lab.tokens[index] || ""; color: Theme.text; Layout.preferredWidth: 70; horizontalAlignment: Text.AlignRight; elide: Text.ElideRight }
                    Rectangle { Layout.preferredWidth: isNaN(parent.w) ? 1 : 140 * parent.w + 1; Layout.preferredHeight: 12; color: isNaN(parent.w) ? Theme.mask : Theme.accent }
                    Label { text: isNaN(parent.w) ? qsTr("0 (blocked)") : Theme.fixed(Number(parent.w), 3); color: isNaN(parent.w) ? Theme.mask : Theme.text; font.family: "monospace" }
                }
            }
            // The row saved as drawn; not while a card waits about this head (its rows are the answer).
            FigureExportBar {
                objectName: "maskRowExport"
                target: rowBars
                name: "mask-row"
                available: !view.veiled
                figure: !view.veiled && view.count > 0 && view.lab.weights.length === view.count * view.count ? view.rowFigure() : ({})
            }
        }
    }
}

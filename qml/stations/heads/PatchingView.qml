import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Activation patching (PatchingLab): a preset pair of texts, the clean one editable; the measure
// (the logit difference at the last position on both texts); a layers x heads grid of the share
// each head's clean output restores, with each layer's MLP in the last column; and the residual
// stream entering each layer at each position (layers x positions), computed after the grid.
ColumnLayout {
    id: view
    // Its own lab when used alone; a station passes its lab in, and then this one stays idle.
    property PatchingLab lab: PatchingLab { id: ownLab; active: view.lab === ownLab }
    // Predict, then see: the grids are hidden while a question about them waits.
    property AnswerVeils veils: null
    property string veilKey: ""
    readonly property var result: lab.result
    readonly property var positions: lab.positions
    readonly property bool ready: result.layers > 0
    readonly property int ownTextPair: lab.pairs.length - 1
    // The pair the question asks about: the learner's own text, or the first worked pair (the
    // indirect-object sentences) where the text gives no fair pair (its answer is then an example).
    function askedPair(answer) { return answer.example === true ? 0 : ownTextPair }
    // Whether an open question asks about this pair; while its answer computes, it may be either.
    function asksAbout(pair) {
        for (const q of (veils !== null && veilKey !== "" ? veils.askedFor(veilKey) : []))
            if (q.example === undefined ? pair === 0 || pair === ownTextPair : askedPair(q) === pair)
                return true
        return false
    }
    // Once the question is committed, the figure shows the pair it asked about.
    readonly property var answers: veils !== null && veilKey !== "" ? veils.answersFor(veilKey) : []
    onAnswersChanged: if (answers.length > 0) lab.pair = askedPair(answers[0])
    spacing: Theme.spacingS

    // A restored share as a colour: the accent for what comes back, the second chart colour for
    // what moves further away; stronger with the size of the share (1 or more is full).
    // Two decimals, never "-0.00" for a share that rounds to zero.
    function share(v) {
        const s = Theme.fixed(v, 2)
        return /^-0[.,]00$/.test(s) ? s.substring(1) : s
    }
    // FigureExport's figures: the heads grid (layers × heads, then the MLP) and the positions grid
    // (layers × the clean text's tokens), each cell the share of the gap a patch closes.
    function headsFigure() {
        const H = view.result.heads, L = view.result.layers, values = [], rows = [], cols = []
        for (let h = 0; h < H; ++h)
            cols.push(qsTr("head %1").arg(h))
        cols.push(qsTr("MLP"))
        for (let l = 0; l < L; ++l) {
            rows.push(qsTr("layer %1").arg(l))
            for (let h = 0; h < H; ++h)
                values.push(Number(view.result.cells[l * H + h]))
            values.push(Number(view.result.mlps[l]))
        }
        return { name: "patching-heads", chart: "heatmap", colours: "signed", maxValue: 1, cellText: true, square: false,
                 title: qsTr("Each head's output patched: share of the gap closed"),
                 rowLabels: rows, columnLabels: cols, panels: [{ title: "", rows: L, columns: H + 1, values: values }],
                 note: qsTr("1 brings the clean value back, 0 changes nothing, a negative share moves it further away."),
                 numbers: { clean: view.lab.cleanText, corrupted: view.lab.corruptedText, answer: view.result.answer, wrong: view.result.wrong,
                            ldClean: view.result.ldClean, ldCorrupted: view.result.ldCorrupted, layers: rows, columns: cols,
                            heads: Array.from({ length: L }, (_, l) => Array.from({ length: H }, (_, h) => Number(view.result.cells[l * H + h]))),
                            mlp: Array.from({ length: L }, (_, l) => Number(view.result.mlps[l])) } }
    }
    function positionsFigure() {
        const T = view.positions.size, L = view.positions.layers, values = [], rows = []
        for (let l = 0; l < L; ++l) {
            rows.push(qsTr("layer %1").arg(l))
            for (let t = 0; t < T; ++t)
                values.push(Number(view.positions.cells[l * T + t]))
        }
        const tokens = (view.result.tokens || []).slice(0, T)
        return { name: "patching-positions", chart: "heatmap", colours: "signed", maxValue: 1, square: false,
                 title: qsTr("The residual stream patched at one position entering one layer"),
                 rowLabels: rows, columnLabels: tokens, panels: [{ title: "", rows: L, columns: T, values: values }],
                 numbers: { clean: view.lab.cleanText, corrupted: view.lab.corruptedText, answer: view.result.answer, wrong: view.result.wrong,
                            layers: rows, tokens: tokens, corruptedTokens: (view.result.corruptedTokens || []).slice(0, T),
                            shares: Array.from({ length: L }, (_, l) => Array.from({ length: T }, (_, t) => Number(view.positions.cells[l * T + t]))) } }
    }
    function shade(v) {
        const a = Math.min(1, Math.abs(v))
        const c = v >= 0 ? Theme.accent : Theme.chartSecond
        return Qt.rgba(c.r, c.g, c.b, 0.08 + 0.82 * a)
    }

    // A Flow, so the pair buttons wrap in a narrow column instead of widening the card.
    Flow {
        Layout.fillWidth: true
        spacing: Theme.spacingS
        Label { text: qsTr("Pair:"); color: Theme.text; height: pairButtons.count > 0 ? pairButtons.itemAt(0).height : implicitHeight; verticalAlignment: Text.AlignVCenter }
        Repeater {
            id: pairButtons
            model: view.lab.pairs
            delegate: Button {
                required property var modelData
                required property int index
                text: modelData.title
                Accessible.name: text
                checkable: true
                checked: view.lab.pair === index
                onClicked: view.lab.pair = index
            }
        }
    }
    GridLayout {
        Layout.fillWidth: true
        columns: 2
        columnSpacing: Theme.spacing
        rowSpacing: Theme.spacingS
        Label { text: qsTr("Clean text:"); color: Theme.text }
        TextField {
            id: cleanField
            Layout.fillWidth: true
            text: view.lab.cleanText
            selectByMouse: true
            readOnly: view.lab.pair === view.ownTextPair
            Accessible.name: qsTr("Clean text (edit one word and press Enter)")
            onAccepted: view.lab.cleanText = text
        }
        Label { text: qsTr("Corrupted text:"); color: Theme.text }
        Label {
            Layout.fillWidth: true
            text: view.lab.corruptedText
            color: Theme.text
            wrapMode: Text.WordWrap
            font.family: cleanField.font.family
        }
    }
    Label {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        text: view.lab.pair === view.ownTextPair
              ? qsTr("Your text (its first %1 tokens) with one token replaced by a short common word (“the”, “a”, “and” or “it”): of the tokens tried (up to four of the last ones that repeat an earlier one, the third-last, and the ones three quarters, half and a quarter of the way in; where none of them moves the measure by 1, every token but the last two, and where the names pair has no gap either, the one before the last), each with each word, the replacement that moves the measure most. The measure compares the model's top answer on your text with its top answer on the changed text (its runner-up where both agree).").arg(32)
              : qsTr("Edit one word of the clean text and press Enter: the corrupted text keeps the pair's swap and takes your word too.")
    }
    Label {
        visible: view.lab.mismatch !== "" || view.lab.error !== "" || (!view.ready && view.lab.busy)
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: view.lab.mismatch !== "" || view.lab.error !== "" ? Theme.warning : Theme.textMuted
        text: view.lab.mismatch !== "" ? view.lab.mismatch
              : view.lab.error !== "" ? view.lab.error
              : qsTr("Patching every head…")
    }
    Label {
        visible: view.ready
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.text
        text: qsTr("Measure: logit(“%1”) − logit(“%2”) at the last position: %3 on the clean text, %4 on the corrupted one. A cell shows how much of that gap a patch closes: 1 brings the clean value back, 0 changes nothing, a negative share moves it further away.")
              .arg(view.result.answer).arg(view.result.wrong)
              .arg(Theme.fixed(view.result.ldClean, 2)).arg(Theme.fixed(view.result.ldCorrupted, 2))
    }

    Veiled {
        Layout.fillWidth: true
        veils: view.veils
        key: view.veilKey
        // Only the pair the question asks about is hidden: the others stay open to explore first.
        // (The first worked pair stays hidden when the learner edits a word of it: the shares of
        // a pair one word away would all but give the answer.)
        applies: view.asksAbout(view.lab.pair)
        // Always shown once unveiled: while a new pair computes, its grids are empty and say so.
        ColumnLayout {
            spacing: Theme.spacingS
            Label { text: qsTr("Each head's output patched (rows: layers, columns: heads; last column: the layer's MLP)"); color: Theme.text; font.weight: Font.DemiBold; Layout.fillWidth: true; wrapMode: Text.WordWrap }
            GridLayout {
                id: grid
                readonly property int heads: view.result.heads || 0
                readonly property int cellW: Math.max(30, Math.min(52, Math.floor((view.width - 40) / (heads + 2)) - 2))
                columns: heads + 2
                columnSpacing: 2
                rowSpacing: 2
                Repeater {
                    model: view.ready ? (view.result.layers + 1) * (grid.heads + 2) : 0
                    delegate: Item {
                        id: patchCell
                        required property int index
                        readonly property int row: Math.floor(index / (grid.heads + 2)) - 1 // -1: header
                        readonly property int col: index % (grid.heads + 2) - 1             // -1: layer label; heads: the MLP
                        readonly property bool isMlp: col === grid.heads
                        readonly property real value: row < 0 || col < 0 ? 0
                            : isMlp ? view.result.mlps[row] : view.result.cells[row * grid.heads + col]
                        implicitWidth: col < 0 ? 28 : grid.cellW
                        implicitHeight: 22
                        Label {
                            anchors.centerIn: parent
                            visible: parent.row < 0 || parent.col < 0
                            text: parent.row < 0 ? (parent.col < 0 ? "" : parent.isMlp ? qsTr("MLP") : parent.col)
                                                 : parent.row
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                        }
                        Rectangle {
                            visible: parent.row >= 0 && parent.col >= 0
                            anchors.fill: parent
                            anchors.leftMargin: parent.isMlp ? 4 : 0
                            radius: 3
                            color: view.shade(parent.value)
                            border.color: parent.isMlp ? Theme.border : "transparent"
                            Label {
                                anchors.centerIn: parent
                                text: view.share(patchCell.value)
                                color: Math.abs(patchCell.value) > 0.5 ? Theme.textOnAccent : Theme.text
                                font.pixelSize: grid.cellW < 40 ? 9 : 11
                            }
                        }
                    }
                }
            }
            // Saved as drawn (inside the veil: hidden while a card about this pair waits).
            FigureExportBar {
                objectName: "patchingHeadsExport"
                target: grid
                name: "patching-heads"
                figure: view.ready && (view.result.cells || []).length > 0 ? view.headsFigure() : ({})
            }
            Label {
                visible: view.ready
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                text: qsTr("Largest share from one head: head %1 brings back %2 of the change between the two texts. A head's output is its weighted values times its rows of W_O, without the bias, at every position.")
                      .arg(view.result.best).arg(view.share(view.result.bestValue))
            }

            Label { text: qsTr("The residual stream patched at one position entering one layer (rows: layers, columns: tokens of the clean text)"); color: Theme.text; font.weight: Font.DemiBold; Layout.fillWidth: true; wrapMode: Text.WordWrap; Layout.topMargin: Theme.spacing }
            Label {
                visible: view.ready && view.positions.size === 0
                text: qsTr("Patching every position of every layer…")
                color: Theme.textMuted
            }
            GridLayout {
                id: posGrid
                visible: view.positions.size > 0
                readonly property int size: view.positions.size || 0
                readonly property int cellW: Math.max(14, Math.min(56, Math.floor((view.width - 40) / Math.max(1, size)) - 2))
                columns: size + 1
                columnSpacing: 2
                rowSpacing: 2
                Repeater {
                    model: posGrid.size > 0 ? (view.positions.layers + 1) * (posGrid.size + 1) : 0
                    delegate: Item {
                        required property int index
                        readonly property int row: Math.floor(index / (posGrid.size + 1)) - 1
                        readonly property int col: index % (posGrid.size + 1) - 1
                        readonly property real value: row < 0 || col < 0 ? 0 : view.positions.cells[row * posGrid.size + col]
                        implicitWidth: col < 0 ? 28 : posGrid.cellW
                        implicitHeight: row < 0 ? 64 : 18
                        Label {
                            visible: parent.row >= 0 && parent.col < 0
                            anchors.centerIn: parent
                            text: parent.row
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                        }
                        Label {
                            // Token labels written upwards, so long words fit narrow columns.
                            visible: parent.row < 0 && parent.col >= 0
                            anchors.centerIn: parent
                            rotation: -90
                            width: 62
                            elide: Text.ElideRight
                            horizontalAlignment: Text.AlignLeft
                            text: parent.col >= 0 && parent.col < (view.result.tokens || []).length ? view.result.tokens[parent.col] : ""
                            color: parent.col >= 0 && (view.result.tokens || [])[parent.col] !== (view.result.corruptedTokens || [])[parent.col] ? Theme.accent : Theme.text
                            font.pixelSize: 11
                        }
                        Rectangle {
                            visible: parent.row >= 0 && parent.col >= 0
                            anchors.fill: parent
                            radius: 2
                            color: view.shade(parent.value)
                            ToolTip.visible: cellHover.hovered
                            ToolTip.text: qsTr("layer %1, token %2: %3").arg(parent.row).arg(parent.col).arg(view.share(parent.value))
                            HoverHandler { id: cellHover }
                        }
                    }
                }
            }
            FigureExportBar {
                objectName: "patchingPositionsExport"
                visible: view.positions.size > 0
                target: posGrid
                name: "patching-positions"
                figure: view.positions.size > 0 ? view.positionsFigure() : ({})
            }
            Label {
                visible: view.positions.size > 0
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                text: qsTr("Tokens in the accent colour differ between the two texts. Where the information sits at each layer shows as the strong cells: at first on the changed tokens, later on the last one, where the answer is read. The rows end with the stream entering the last layer: what moves inside that layer does not show here.")
            }
        }
    }
}

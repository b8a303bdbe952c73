import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The real thing for the learner's sentence: one head's q of one token, the k of every token it may
// see, the scores q·k/√d, the softmax and the weighted sum of the real value vectors (QkvInspector).
ColumnLayout {
    id: view
    // Its own lab when used alone; a station passes its lab in, and then this one stays idle.
    property QkvInspector inspector: QkvInspector { id: ownLab; active: view.inspector === ownLab }
    // The chosen query's row, read once per change (every read of a C++ map copies it into JS).
    readonly property var row: inspector.row
    // Committed exercises' answers (Veiled.answers): a number answer outlines the vector size, a
    // token answer marks its key's row when the figure shows the head and query it was asked about.
    property var answers: []
    readonly property bool sizeAnswered: answers.some(a => a.kind === "number")
    // Predict, then see, for a question about one query's top key (veil "qkv-asked-row"): only the
    // scores and weights of the asked head's asked query are hidden; every other query of that head
    // stays open, so the learner can read the head's habit there before predicting.
    property AnswerVeils veils: null
    readonly property var askedRow: {
        const a = veils !== null ? veils.askedFor("qkv-asked-row") : []
        return a.length > 0 && a[0].focusHead ? a[0] : null
    }
    readonly property bool rowHidden: askedRow !== null && askedRow.row === row.query
                                      && askedRow.focusHead === inspector.layer + "." + inspector.head
    onAskedRowChanged: {
        if (askedRow === null) return
        const lh = askedRow.focusHead.split(".")
        inspector.layer = Number(lh[0]); inspector.head = Number(lh[1]); inspector.token = askedRow.row
    }
    readonly property int answerRow: {
        for (const a of answers) {
            if (a.kind !== "token" || !a.focusHead) continue
            const lh = a.focusHead.split(".")
            if (Number(lh[0]) === inspector.layer && Number(lh[1]) === inspector.head && a.row === view.row.query)
                return Number(a.answer)
        }
        return -1
    }
    // A token answer just revealed: show the head and query it was asked about.
    onAnswersChanged: {
        for (const a of answers)
            if (a.kind === "token" && a.focusHead) {
                const lh = a.focusHead.split(".")
                inspector.layer = Number(lh[0]); inspector.head = Number(lh[1]); inspector.token = a.row
            }
    }
    spacing: Theme.spacingS

    RowLayout {
        spacing: Theme.spacing
        Label { text: qsTr("layer"); color: Theme.text }
        SpinBox {
            from: 0; to: Math.max(0, ModelHub.nLayer - 1)
            value: view.inspector.layer
            onValueModified: view.inspector.layer = value
            Accessible.name: qsTr("Layer")
        }
        Label { text: qsTr("head"); color: Theme.text }
        SpinBox {
            from: 0; to: Math.max(0, ModelHub.nHead - 1)
            value: view.inspector.head
            onValueModified: view.inspector.head = value
            Accessible.name: qsTr("Head")
        }
        Label {
            objectName: "headDimLabel"
            text: view.inspector.scaleIsSqrtD
                  ? qsTr("%1 numbers per vector · scores divided by √%1 = %2").arg(view.inspector.headDim).arg(Theme.fixed(view.inspector.scale, 2))
                  : qsTr("%1 numbers per vector · scores divided by %2, as this model's config.json sets it (GPT-2 divides by √%1)").arg(view.inspector.headDim).arg(Theme.fixed(view.inspector.scale, 2))
            color: view.sizeAnswered ? Theme.accent : Theme.textMuted
            font.weight: view.sizeAnswered ? Font.DemiBold : Font.Normal
            font.pixelSize: Theme.fontSmall
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
    }
    Label { text: qsTr("Pick the query token:"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
    Flow {
        Layout.fillWidth: true
        spacing: 3
        Repeater {
            model: view.inspector.tokens
            delegate: Button {
                id: tokenButton
                required property int index
                required property string modelData
                text: modelData
                font.pixelSize: Theme.fontSmall
                checkable: true
                checked: view.row.query === index
                onClicked: view.inspector.token = index
                background: Rectangle {
                    implicitHeight: 24
                    radius: 4
                    color: tokenButton.checked ? Theme.accentSoft : Theme.surfaceAlt
                    border.color: tokenButton.checked ? Theme.accent : Theme.border
                }
            }
        }
    }
    RowLayout {
        spacing: Theme.spacing
        Label { text: "q"; color: Theme.accent; font.weight: Font.DemiBold; Layout.preferredWidth: 90; horizontalAlignment: Text.AlignRight }
        VectorStrip { vector: view.row.q; maxValue: view.row.range; cell: stripCell.value }
        Label { text: qsTr("query of “%1”").arg(view.inspector.tokens[view.row.query] || ""); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
    }
    // Cell width of the key and value strips: up to 5 px, narrower for a long head (GPT-2's 64
    // numbers), and narrower still so that both strips fit beside the token, score and weight
    // columns (about 470 px with "← the answer") in the width the figure has.
    QtObject {
        id: stripCell
        readonly property int dims: Math.max(1, view.inspector.headDim)
        readonly property real value: Math.max(1.5, Math.min(5, 260 / dims, (view.width - 470) / (2 * dims)))
    }

    Label {
        objectName: "veil:qkv-asked-row"
        readonly property bool veiled: view.askedRow !== null
        visible: veiled
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        text: view.askedRow === null ? ""
              : view.rowHidden ? qsTr("The scores and weights of this query are hidden until you commit your prediction above. Pick another query token to see where head %1 looks from there.").arg(view.askedRow.focusHead)
              : qsTr("The question is about the last token's query in head %1: its scores and weights stay hidden until you commit.").arg(view.askedRow.focusHead)
    }

    // One row per visible key: token, key strip, score, weight bar, value strip.
    GridLayout {
        columns: 5
        columnSpacing: Theme.spacing
        rowSpacing: 2
        Label { text: qsTr("token"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall; Layout.preferredWidth: 90; horizontalAlignment: Text.AlignRight }
        Label { text: qsTr("key k"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
        Label { text: view.inspector.scaleIsSqrtD ? "q·k/√d" : qsTr("q·k ÷ %1").arg(Theme.fixed(view.inspector.scale, 2)); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
        Label { text: qsTr("weight"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
        Label { text: qsTr("value v"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
        Repeater {
            model: view.row.keys.length * 5
            delegate: Loader {
                required property int index
                readonly property int row: Math.floor(index / 5)
                readonly property int col: index % 5
                sourceComponent: [tokenCell, keyCell, scoreCell, weightCell, valueCell][col]
            }
        }
    }
    Component { id: tokenCell; Label { text: view.inspector.tokens[parent.row] || ""; color: view.answerRow === parent.row ? Theme.accent : Theme.text; font.weight: view.answerRow === parent.row ? Font.Bold : Font.Normal; elide: Text.ElideRight; width: 90; horizontalAlignment: Text.AlignRight } }
    Component { id: keyCell; VectorStrip { vector: view.row.keys[parent.row] || []; maxValue: view.row.range; cell: stripCell.value } }
    Component { id: scoreCell; Label { text: view.rowHidden ? "?" : Theme.fixed(Number(view.row.scores[parent.row]), 2); color: Theme.text; font.family: "monospace" } }
    Component {
        id: weightCell
        Row {
            spacing: 4
            visible: !view.rowHidden
            Rectangle { width: 80 * view.row.weights[parent.parent.row] + 1; height: 12; color: Theme.accent; anchors.verticalCenter: parent.verticalCenter
                        border.color: Theme.text; border.width: view.answerRow === parent.parent.row ? 2 : 0 }
            Label { text: Theme.fixed(Number(view.row.weights[parent.parent.row]), 3) + (view.answerRow === parent.parent.row ? "  " + qsTr("← the answer") : "")
                    color: view.answerRow === parent.parent.row ? Theme.accent : Theme.text; font.family: "monospace"; font.weight: view.answerRow === parent.parent.row ? Font.Bold : Font.Normal }
        }
    }
    Component { id: valueCell; VectorStrip { vector: view.row.values[parent.row] || []; maxValue: view.row.range; cell: stripCell.value } }
    RowLayout {
        spacing: Theme.spacing
        Label { text: "Σ wᵢvᵢ"; color: Theme.text; font.weight: Font.DemiBold; Layout.preferredWidth: 90; horizontalAlignment: Text.AlignRight }
        VectorStrip { vector: view.rowHidden ? [] : view.row.output; maxValue: view.row.range; cell: stripCell.value }
        Label { text: qsTr("this head's output for the token"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
    }
    Label {
        visible: view.inspector.error !== ""
        text: view.inspector.error
        color: Theme.warning
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }
}

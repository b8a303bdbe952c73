import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// One score of layer 0 taken apart (Station 3's score split, ScoreSplitLab, in this station's
// terms): in layer 0 the residual stream is only the token's embedding plus its position's, so the
// score q·k/√d of the chosen query on a key the learner picks is a sum of token·token,
// token·position, position·token and position·position terms, plus the terms of the fixed part
// (LayerNorm shift and bias). The head is the one the figure above shows. A score per key would show the top key
// of the row a waiting question asks about, so the terms hide while it waits.
ColumnLayout {
    id: view
    property ScoreSplitLab lab
    property AnswerVeils veils: null
    // The layer the figure above shows: where it is not 0, the split is of another layer's head and
    // says so, so the learner does not look for its score in the figure.
    property int figureLayer: 0
    readonly property bool rowAsked: veils !== null && veils.hides("qkv-asked-row")
    readonly property var r: lab ? lab.result : ({})
    readonly property var cell: r.cell || ({})
    readonly property var tokens: r.tokens || []
    spacing: Theme.spacingS

    Label {
        text: qsTr("One score of layer 0, taken apart")
        font.bold: true
        color: Theme.text
    }
    Label {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        text: qsTr("In layer 0 the stream entering a head is only the token's embedding plus its position's. With the first LayerNorm's scale held at its value on this text, q·k/√d is then exactly a sum of terms: the query's token with the key's token, token with position, position with token, position with position, and the fixed part (LayerNorm shift and bias). Only differences between keys move the weights: a term whose key side is the fixed part is the same for every key and changes none. Station 3 takes apart the scores of every layer.")
    }
    Label {
        objectName: "splitLayerNote"
        visible: view.figureLayer !== 0
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.warning
        text: qsTr("This split is of layer 0 (where the stream is only token + position); the figure above shows layer %1. Pick layer 0 above to compare the score.").arg(view.figureLayer)
    }
    Label {
        visible: view.rowAsked
        text: qsTr("Hidden until you commit your prediction above")
        color: Theme.textMuted
    }

    function signed(v) { return (v >= 0 ? "+" : "−") + Theme.fixed(Math.abs(v), 3) }
    function partName(p) {
        if (p === "token") return qsTr("token")
        if (p === "position") return qsTr("position")
        return qsTr("fixed part")
    }
    // The fixed part on the key side is the same vector at every key, so its term is the same for
    // every key of the row: it shifts all the row's scores alike and changes no weight.
    function keyName(p) {
        return p === "token" || p === "position" ? partName(p)
            : partName(p) + " <font color=\"" + Theme.textMuted + "\">" + qsTr("(same for every key)") + "</font>"
    }

    RowLayout {
        visible: !view.rowAsked
        spacing: Theme.spacingS
        Label {
            text: qsTr("Layer 0, head %1: query %2 on key").arg(view.r.head !== undefined ? view.r.head : 0)
                      .arg(view.tokens[view.cell.query] !== undefined ? "“" + view.tokens[view.cell.query] + "”" : "")
            color: Theme.text
        }
        ComboBox {
            id: keyBox
            objectName: "splitKey"
            model: view.tokens.slice(0, (view.cell.query || 0) + 1).map((t, i) => i + ": " + t)
            currentIndex: view.cell.key !== undefined ? view.cell.key : 0
            onActivated: index => view.lab.key = index
            implicitWidth: 180
            Accessible.name: qsTr("Key")
        }
    }
    // Each term, largest first; the sum is the score.
    GridLayout {
        visible: !view.rowAsked
        columns: 3
        columnSpacing: Theme.spacing
        rowSpacing: 2
        Label { text: qsTr("query side"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
        Label { text: qsTr("key side"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
        Label { text: qsTr("term"); color: Theme.textMuted; font.pixelSize: Theme.fontSmall; Layout.alignment: Qt.AlignRight }
        Repeater {
            model: (view.cell.terms || []).length * 3
            delegate: Label {
                required property int index
                readonly property var term: view.cell.terms[Math.floor(index / 3)]
                text: index % 3 === 0 ? view.partName(term.query) : index % 3 === 1 ? view.keyName(term.key) : view.signed(term.value)
                textFormat: index % 3 === 1 ? Text.StyledText : Text.PlainText
                Layout.alignment: index % 3 === 2 ? Qt.AlignRight : Qt.AlignLeft
                color: Theme.text
                font.family: index % 3 === 2 ? "monospace" : Qt.application.font.family
            }
        }
    }
    Label {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.text
        visible: view.cell.score !== undefined && !view.rowAsked
        text: (view.cell.restCount === 1 ? qsTr("The remaining term: %1.").arg(view.signed(view.cell.rest || 0)) + " "
               : view.cell.restCount > 1 ? qsTr("The other %1 terms: %2.").arg(view.cell.restCount).arg(view.signed(view.cell.rest || 0)) + " " : "")
              + qsTr("Together: %1, the score the head computed (%2).").arg(view.signed(view.cell.sum || 0)).arg(view.signed(view.cell.score || 0))
    }
}

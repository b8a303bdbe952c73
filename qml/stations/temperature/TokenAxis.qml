import QtQuick
import QtQuick.Controls
import AttentionLens

// The tokens along one side of a token-by-token heat map: right-aligned beside its rows
// (`vertical`), or turned to read upwards above its columns. Where the cells are too small for a
// label each, only every few are labelled, counted back from `anchor` (so the newest token always
// has its label) and always `highlight` (the token pointed at), so labels never overlap. Tokens
// from `markedFrom` on are set apart (in italics and `markedColor`), for the figure's legend to
// name.
Item {
    id: axis
    property var tokens: []          // labels, one per token
    property int count: 0            // how many cells the heat map shows
    property real cell: 10           // a cell's size along this axis, in pixels
    property bool vertical: true     // rows (labels to the left) or columns (labels above)
    property int markedFrom: -1      // -1: none set apart
    property color markedColor: Theme.chartSecond
    property int anchor: count - 1
    property int highlight: -1
    readonly property real minGap: 14
    readonly property int stride: Math.max(1, Math.ceil(minGap / Math.max(0.1, cell)))
    function labelled(i) {
        if (i === highlight) return true
        if (highlight >= 0 && Math.abs(i - highlight) * cell < minGap) return false
        return ((anchor - i) % stride + stride) % stride === 0
    }
    Accessible.ignored: true         // the figure's read-out and description say it in words

    Repeater {
        model: axis.count
        delegate: Item {
            id: slot
            required property int index
            readonly property bool marked: axis.markedFrom >= 0 && index >= axis.markedFrom
            visible: axis.labelled(index)
            x: axis.vertical ? 0 : index * axis.cell
            y: axis.vertical ? index * axis.cell : 0
            width: axis.vertical ? axis.width : axis.cell
            height: axis.vertical ? axis.cell : axis.height
            Label {
                // A turned label is laid out as wide as the band is high, then rotated about its
                // centre, so its start (the token's first letter) sits next to the heat map.
                width: axis.vertical ? axis.width - 4 : axis.height - 4
                anchors.centerIn: parent
                anchors.horizontalCenterOffset: axis.vertical ? -2 : 0
                anchors.verticalCenterOffset: axis.vertical ? 0 : -2
                rotation: axis.vertical ? 0 : -90
                horizontalAlignment: axis.vertical ? Text.AlignRight : Text.AlignLeft
                elide: axis.vertical ? Text.ElideLeft : Text.ElideRight
                text: axis.tokens[slot.index] ?? ""
                font.pixelSize: Theme.fontSmall - 1
                font.italic: slot.marked
                font.bold: slot.index === axis.highlight || slot.index === axis.anchor
                color: slot.index === axis.highlight ? Theme.accent : slot.marked ? axis.markedColor : Theme.textMuted
            }
        }
    }
}

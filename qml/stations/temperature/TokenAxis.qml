import QtQuick
import QtQuick.Controls
import AttentionLens

// The tokens along one side of a token-by-token heat map: right-aligned beside its rows
// (`vertical`), or turned to read upwards above its columns. Where the cells are too small for a
// label each, only every few are labelled, counted back from `anchor` (so the newest token always
// has its label) and always `highlight` (the token pointed at), so labels never overlap. Tokens
// from `markedFrom` on are set apart (in italics and `markedColor`), for the figure's legend to
// name. Each label is framed, so that punctuation and a leading space's "·" stay legible.
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
    readonly property real minGap: 18 // a framed label and a gap
    readonly property int stride: Math.max(1, Math.ceil(minGap / Math.max(0.1, cell)))
    function labelled(i) {
        if (i === highlight) return true
        if (highlight >= 0 && Math.abs(i - highlight) < stride) return false
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
            // A band as long as the axis is deep, turned for a column, so that each token's tag
            // starts next to the heat map (a turned one reads upwards from it). A column's tag
            // that fits between its labelled neighbours ("," or "the") stands upright instead,
            // just above its column: a turned comma reads as another mark.
            Item {
                id: band
                readonly property real room: axis.vertical ? axis.width - 4 : axis.height - 4
                readonly property bool upright: !axis.vertical && tag.width <= axis.stride * axis.cell - 2
                width: upright ? tag.width : room
                height: tag.height
                x: axis.vertical ? 0 : (slot.width - width) / 2
                y: axis.vertical ? (slot.height - height) / 2 : upright ? axis.height - 2 - height : (axis.height - height) / 2 - 2
                rotation: axis.vertical || upright ? 0 : -90
                // Each token in a frame of its own, as the token chips are: a lone "," or "." or
                // a leading space's "·" is then found, told apart from its neighbours and read as
                // a token (the labels are course::tokenLabel's, as every figure writes them).
                Rectangle {
                    id: tag
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.right: axis.vertical ? parent.right : undefined
                    anchors.left: axis.vertical ? undefined : parent.left
                    width: Math.min(band.room, tagText.implicitWidth + 6)
                    height: tagText.implicitHeight + 2
                    radius: 2
                    color: Theme.surface
                    border.width: slot.index === axis.highlight ? 1.5 : 1
                    border.color: slot.index === axis.highlight ? Theme.accent : slot.marked ? axis.markedColor : Theme.border
                    Label {
                        id: tagText
                        width: parent.width - 6
                        anchors.centerIn: parent
                        horizontalAlignment: Text.AlignHCenter
                        elide: axis.vertical ? Text.ElideLeft : Text.ElideRight
                        text: axis.tokens[slot.index] ?? ""
                        font.pixelSize: Theme.fontSmall
                        font.italic: slot.marked
                        font.bold: slot.index === axis.highlight || slot.index === axis.anchor
                        color: slot.index === axis.highlight ? Theme.accent : slot.marked ? axis.markedColor : Theme.text
                    }
                }
            }
        }
    }
}

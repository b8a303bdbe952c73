import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The selected head's attention matrix: rows are queries (the token looking), columns keys (the
// tokens looked at). The upper triangle is empty because of the causal mask.
FocusScope {
    id: view
    property LensController lens
    property alias logScale: matrix.logScale
    property alias matrixItem: matrix
    property real side: 360
    // Predict, then see: while an open exercise veils `rowVeilKey`, the row `veiledRow` (the
    // exercise's query) is covered and its weights are not read out; after the commit
    // `answerColumn` outlines the answer's cell in that row and its column.
    property AnswerVeils veils: null
    property string rowVeilKey: ""
    property int veiledRow: -1
    property int answerColumn: -1
    readonly property bool rowVeiled: veils !== null && rowVeilKey !== "" && veiledRow >= 0 && veils.hides(rowVeilKey)
    implicitWidth: labelColumn.width + side + legend.implicitWidth + 2 * Theme.spacing
    implicitHeight: side + info.implicitHeight + axisTop.height + Theme.spacingS * 2
    activeFocusOnTab: true
    Accessible.role: Accessible.Table
    Accessible.name: qsTr("Attention matrix of layer %1, head %2").arg(lens ? lens.layer : 0).arg(lens ? lens.head : 0)
    Accessible.description: info.text

    readonly property real cell: matrix.cellSize
    readonly property bool showLabels: cell >= 11

    // Keyboard: arrows move the inspected cell.
    Keys.onPressed: (event) => {
        const T = lens ? lens.tokenCount : 0
        if (T === 0) return
        let r = matrix.hoverRow < 0 ? (lens.focusToken >= 0 ? lens.focusToken : T - 1) : matrix.hoverRow
        let c = matrix.hoverColumn < 0 ? 0 : matrix.hoverColumn
        if (event.key === Qt.Key_Up) r--
        else if (event.key === Qt.Key_Down) r++
        else if (event.key === Qt.Key_Left) c--
        else if (event.key === Qt.Key_Right) c++
        else return
        r = Math.max(0, Math.min(T - 1, r)); c = Math.max(0, Math.min(r, c))
        matrix.hoverRow = r; matrix.hoverColumn = c
        lens.focusToken = r
        event.accepted = true
    }
    onActiveFocusChanged: if (!activeFocus) { matrix.hoverRow = -1; matrix.hoverColumn = -1 }

    Label {
        id: axisTop
        x: labelColumn.width
        width: view.side
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("key: the token looked at →")
        font.pixelSize: Theme.fontSmall
        color: Theme.textMuted
    }

    Item {
        id: labelColumn
        y: axisTop.height + Theme.spacingS
        width: view.showLabels ? 86 : 22
        height: view.side
        Label {
            visible: !view.showLabels
            anchors.centerIn: parent
            rotation: -90
            text: qsTr("query: the token looking ↓")
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
        }
        Repeater {
            model: view.showLabels && view.lens ? view.lens.tokenCount : 0
            Label {
                required property int index
                width: labelColumn.width - 4
                y: index * view.cell + (view.cell - height) / 2
                horizontalAlignment: Text.AlignRight
                elide: Text.ElideLeft
                text: view.lens ? view.lens.tokenText(index) : ""
                font.pixelSize: Math.min(Theme.fontSmall, view.cell - 2)
                font.bold: view.lens && view.lens.focusToken === index
                color: view.lens && view.lens.focusToken === index ? Theme.accent : Theme.textMuted
            }
        }
    }

    AttentionMatrixItem {
        id: matrix
        x: labelColumn.width
        y: labelColumn.y
        width: view.side
        height: view.side
        lens: view.lens
        maskColor: Theme.mask
        highlightColor: Theme.accent
        Accessible.role: Accessible.Graphic
        Accessible.name: view.Accessible.name

        MouseArea {
            anchors.fill: parent
            hoverEnabled: true
            onPositionChanged: (mouse) => {
                matrix.hoverRow = matrix.rowAt(mouse.y)
                matrix.hoverColumn = matrix.columnAt(mouse.x)
            }
            onExited: { matrix.hoverRow = -1; matrix.hoverColumn = -1 }
            onClicked: { if (matrix.hoverRow >= 0 && view.lens) view.lens.focusToken = matrix.hoverRow; view.forceActiveFocus() }
        }

        // Why the upper triangle is empty. After a reveal it moves left of the outlined answer
        // column, keeping to the empty triangle (its left edge right of its bottom edge); where the
        // column leaves no room for the sentence, a short name of the mask takes its place.
        MaskNote {
            id: fullNote
            side: matrix.width
            columnLeft: view.answerColumn >= 0 ? view.answerColumn * matrix.cellSize : matrix.width
            visible: matrix.cells > 1 && fits
            text: qsTr("Empty by design: the causal mask.\nA token sees only itself and earlier tokens.")
            textWidth: Math.max(120, Math.min(250, matrix.width * 0.5 - 16))
        }
        MaskNote {
            side: matrix.width
            columnLeft: fullNote.columnLeft
            visible: matrix.cells > 1 && !fullNote.fits && fits
            text: qsTr("Causal mask")
            wrap: false
            textWidth: implicitTextWidth
        }
    }

    component MaskNote: Rectangle {
        property alias text: note.text
        property real textWidth: 120
        property bool wrap: true
        property real side: 0        // the matrix's side
        property real columnLeft: 0  // where the outlined column starts (the side when none is)
        readonly property real implicitTextWidth: note.implicitWidth
        readonly property bool fits: x + width <= columnLeft - 2
        x: Math.max(y + height, Math.min(side * 0.48, columnLeft - width - 4))
        y: side * 0.06
        width: textWidth + 16
        height: note.implicitHeight + 10
        radius: 6
        color: Theme.surface
        opacity: 0.92
        border.width: 1
        border.color: Theme.border
        Label {
            id: note
            anchors.centerIn: parent
            width: parent.textWidth
            wrapMode: parent.wrap ? Text.WordWrap : Text.NoWrap
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
        }
    }

    // The heatmap's edge, so its brightest (light theme) or darkest (dark theme) cells do not melt
    // into the page.
    Rectangle {
        anchors.fill: matrix
        anchors.margins: -1
        color: "transparent"
        border.width: 1
        border.color: Theme.heatFrame
    }

    // The exercise's row, covered until the prediction is committed.
    Rectangle {
        objectName: "veil:" + view.rowVeilKey
        readonly property bool veiled: view.rowVeiled
        visible: view.rowVeiled
        x: matrix.x
        y: matrix.y + view.veiledRow * view.cell
        width: matrix.width
        height: Math.max(view.cell, 1)
        color: Theme.surfaceAlt
        border.color: Theme.textMuted
        border.width: 1
    }
    // The answer after the commit: its column, and its cell in the exercise's row.
    Rectangle {
        objectName: "answerColumn"
        visible: view.answerColumn >= 0 && !view.rowVeiled
        x: matrix.x + view.answerColumn * view.cell
        y: matrix.y
        width: view.cell
        height: matrix.height
        color: "transparent"
        border.color: Theme.accent
        border.width: 1
        opacity: 0.7
    }
    Rectangle {
        visible: view.answerColumn >= 0 && view.veiledRow >= 0 && !view.rowVeiled
        x: matrix.x + view.answerColumn * view.cell - 2
        y: matrix.y + view.veiledRow * view.cell - 2
        width: view.cell + 4
        height: view.cell + 4
        color: "transparent"
        border.color: Theme.accent
        border.width: 2.5
    }

    ColorLegend {
        id: legend
        matrix: matrix
        x: matrix.x + matrix.width + Theme.spacing
        y: matrix.y
        height: view.side
    }

    Label {
        id: info
        x: labelColumn.width
        y: matrix.y + view.side + Theme.spacingS
        width: view.side + legend.implicitWidth
        wrapMode: Text.WordWrap
        color: Theme.text
        text: {
            if (!view.lens || view.lens.tokenCount === 0) return " "
            const r = matrix.hoverRow, c = matrix.hoverColumn
            if (view.rowVeiled && (r === view.veiledRow || r < 0 || c < 0))
                return qsTr("Row %1 (“%2”) is hidden until you commit your prediction below.").arg(view.veiledRow).arg(view.lens.tokenText(view.veiledRow))
            if (r < 0 || c < 0) return qsTr("Point at a cell to read its weight.")
            const q = view.lens.tokenText(r), k = view.lens.tokenText(c)
            if (c > r) return qsTr("“%1” (%2) cannot look at the later token “%3” (%4): masked.").arg(q).arg(r).arg(k).arg(c)
            if (view.lens.hideFirst && (c === 0 || r === 0)) return qsTr("Hidden: the first token is left out and the rest renormalised.")
            return qsTr("“%1” (%2) → “%3” (%4): %5 of its attention").arg(q).arg(r).arg(k).arg(c)
                   .arg(Theme.fixed(matrix.value(r, c), 3))
        }
    }
}

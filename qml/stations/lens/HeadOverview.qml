import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// All layers × heads as small heatmaps for the current text (rows: layers, columns: heads).
// Point to preview, click (or arrows + Enter) to select; the selected head is outlined.
FocusScope {
    id: overview
    property LensController lens
    property alias logScale: grid.logScale
    property real maxTile: 44
    readonly property int nL: lens ? lens.nLayer : 0
    readonly property int nH: lens ? lens.nHead : 0
    // A size from the head count alone (not the width): a width-dependent size feeds back through
    // the scroll view's scroll bar into the width.
    property real gridWidth: 400
    readonly property int gapPx: nH > 16 ? 3 : 6
    readonly property real tile: nH === 0 ? 0 : Math.max(8, Math.min(maxTile, Math.floor((gridWidth - overview.gapPx * (nH - 1)) / nH)))
    implicitWidth: layerNumbers.width + (nH > 0 ? nH * (tile + overview.gapPx) : 0)
    implicitHeight: headNumbers.height + (nL > 0 ? nL * (tile + overview.gapPx) : 0)
    activeFocusOnTab: true
    Accessible.role: Accessible.Table
    Accessible.name: qsTr("All heads: %1 layers by %2 heads. Selected: layer %3, head %4")
                     .arg(nL).arg(nH).arg(lens ? lens.layer : 0).arg(lens ? lens.head : 0)
    // In words, from the data: where the selected head sends the last token's attention.
    Accessible.description: {
        if (!lens || lens.tokenCount === 0 || nL === 0)
            return ""
        const q = lens.tokenCount - 1
        const k = lens.argmaxKey(lens.layer, lens.head, q, lens.hideFirst)
        if (k < 0)
            return ""
        return qsTr("Layer %1, head %2: the last token, “%3”, attends most to “%4” (%5). Arrow keys choose another head.")
            .arg(lens.layer).arg(lens.head).arg(lens.tokenText(q).trim()).arg(lens.tokenText(k).trim())
            .arg(Theme.fixed(lens.weightIn(lens.layer, lens.head, q, k, lens.hideFirst), 2))
    }

    function tileFor(w) {
        if (nH === 0) return 0
        return Math.max(2, Math.min(maxTile, Math.floor((w - layerNumbers.width - overview.gapPx * (nH - 1)) / nH)))
    }

    Keys.onPressed: (event) => {
        if (!lens) return
        let l = lens.layer, h = lens.head
        if (event.key === Qt.Key_Up) l--
        else if (event.key === Qt.Key_Down) l++
        else if (event.key === Qt.Key_Left) h--
        else if (event.key === Qt.Key_Right) h++
        else return
        lens.layer = Math.max(0, Math.min(nL - 1, l))
        lens.head = Math.max(0, Math.min(nH - 1, h))
        event.accepted = true
    }

    Row {
        id: headNumbers
        x: layerNumbers.width
        height: 18
        spacing: overview.gapPx
        Repeater {
            model: overview.nH
            Label {
                required property int index
                width: overview.tile
                horizontalAlignment: Text.AlignHCenter
                text: index
                font.pixelSize: Theme.fontSmall - 1
                font.bold: overview.lens && overview.lens.head === index
                color: overview.lens && overview.lens.head === index ? Theme.accent : Theme.textMuted
            }
        }
    }
    Column {
        id: layerNumbers
        y: headNumbers.height
        width: 26
        spacing: overview.gapPx
        Repeater {
            model: overview.nL
            Label {
                required property int index
                height: overview.tile
                width: layerNumbers.width - 4
                verticalAlignment: Text.AlignVCenter
                horizontalAlignment: Text.AlignRight
                text: "L" + index
                font.pixelSize: Theme.fontSmall - 1
                font.bold: overview.lens && overview.lens.layer === index
                color: overview.lens && overview.lens.layer === index ? Theme.accent : Theme.textMuted
            }
        }
    }

    HeadOverviewItem {
        id: grid
        objectName: "grid"
        x: layerNumbers.width
        y: headNumbers.height
        width: overview.nH > 0 ? overview.nH * (overview.tile + overview.gapPx) - overview.gapPx : 0
        height: overview.nL > 0 ? overview.nL * (overview.tile + overview.gapPx) - overview.gapPx : 0
        gap: overview.gapPx
        lens: overview.lens
        highlightColor: Theme.accent
        hoverColor: Theme.textMuted
        maskColor: Theme.mask
        MouseArea {
            anchors.fill: parent
            hoverEnabled: true
            cursorShape: Qt.PointingHandCursor
            onPositionChanged: (mouse) => {
                const h = grid.headAt(mouse.x, mouse.y)
                grid.setHover(h.layer, h.head)
            }
            onExited: grid.setHover(-1, -1)
            onClicked: (mouse) => {
                const h = grid.headAt(mouse.x, mouse.y)
                if (h.layer >= 0) { overview.lens.layer = h.layer; overview.lens.head = h.head }
                overview.forceActiveFocus()
            }
        }
        ToolTip {
            visible: grid.hoverLayer >= 0
            x: grid.tileRect(grid.hoverLayer, grid.hoverHead).x
            y: grid.tileRect(grid.hoverLayer, grid.hoverHead).y - height - 4
            text: qsTr("Layer %1, head %2 — click to select").arg(grid.hoverLayer).arg(grid.hoverHead)
        }
    }
    Rectangle {
        anchors.fill: grid
        anchors.margins: -6
        radius: 4
        color: "transparent"
        border.width: 2
        border.color: Theme.focusRing
        visible: overview.activeFocus
    }
}

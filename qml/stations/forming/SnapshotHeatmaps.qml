import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Every head's attention on the lab's fixed repeated sequence at one saved snapshot, as small heat
// maps (row = query position, column = the position it attends to). A previous-token head is the
// line just under the diagonal; an induction head, in the second copy, a line parallel to it one
// position after the earlier copy.
GridLayout {
    id: grid
    property var snapshot: ({})        // TrainingLabController.snapshot(i)
    property int headsPerLayer: 4
    property string prefix: ""
    columns: headsPerLayer
    columnSpacing: Theme.spacingS
    rowSpacing: Theme.spacingS

    Repeater {
        model: grid.snapshot.heads || []
        delegate: ColumnLayout {
            id: tile
            required property var modelData
            Layout.fillWidth: true
            Layout.preferredWidth: 100
            spacing: 2
            Label {
                text: qsTr("%1layer %2 · head %3").arg(grid.prefix).arg(tile.modelData.layer).arg(tile.modelData.head)
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                // A prefixed name ("one-layer model, …") is wider than a narrow tile: wrap, never run into the next.
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            HeatmapItem {
                Layout.fillWidth: true
                Layout.preferredHeight: width
                Layout.maximumHeight: 220
                rows: grid.snapshot.size || 0
                columns: grid.snapshot.size || 0
                values: tile.modelData.attention
                maxValue: 1
                colorMap: HeatmapItem.Viridis // the lens's colours: the same weight looks the same everywhere
                Accessible.role: Accessible.Graphic
                Accessible.name: qsTr("Attention of layer %1 head %2 at step %3").arg(tile.modelData.layer)
                                     .arg(tile.modelData.head).arg(grid.snapshot.step)
            }
        }
    }
}

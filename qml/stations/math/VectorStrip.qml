import QtQuick
import AttentionLens

// A vector drawn as a strip of cells: colour shows sign (red negative, blue positive) and size.
HeatmapItem {
    id: strip
    property var vector: []
    property real cell: 4
    rows: 1
    columns: vector.length
    values: vector
    diverging: true
    lowColor: Theme.surface
    highColor: Theme.dark ? "#6baed6" : "#08519c"
    negativeColor: Theme.dark ? "#fc9272" : "#a50f15"
    implicitWidth: Math.max(1, vector.length) * cell
    implicitHeight: 14
}

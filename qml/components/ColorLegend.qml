import QtQuick
import QtQuick.Controls
import AttentionLens

// A vertical colour bar for a heat map (the lens's AttentionMatrixItem, a figure's HeatmapItem):
// its largest value (weight 1) at the top, 0 (or 1e-4 on the log scale) at the bottom.
Item {
    id: legend
    property HeatmapPainter matrix
    implicitWidth: 64
    // The bar's colour at t; reading the map's style makes the bar follow a change of it (a
    // figure that sets its colour map after the legend was made, or the learner's choice).
    function colorAt(t) {
        if (!matrix) return "black"
        const style = [matrix.colorMap, matrix.logScale, matrix.diverging] // read, so the binding depends on them
        return matrix.colorAt(t)
    }
    Accessible.role: Accessible.Graphic
    Accessible.name: matrix && matrix.logScale ? qsTr("Colour scale, logarithmic from 0.0001 to 1")
                                               : qsTr("Colour scale, linear from 0 to 1")
    Rectangle {
        id: bar
        width: 14
        height: parent.height
        border.width: 1
        border.color: Theme.border
        gradient: Gradient {
            GradientStop { position: 0.0; color: legend.colorAt(1.0) }
            GradientStop { position: 0.125; color: legend.colorAt(0.875) }
            GradientStop { position: 0.25; color: legend.colorAt(0.75) }
            GradientStop { position: 0.375; color: legend.colorAt(0.625) }
            GradientStop { position: 0.5; color: legend.colorAt(0.5) }
            GradientStop { position: 0.625; color: legend.colorAt(0.375) }
            GradientStop { position: 0.75; color: legend.colorAt(0.25) }
            GradientStop { position: 0.875; color: legend.colorAt(0.125) }
            GradientStop { position: 1.0; color: legend.colorAt(0.0) }
        }
    }
    Repeater {
        model: 5
        Label {
            required property int index
            readonly property real t: 1 - index / 4
            x: bar.width + 4
            y: Math.max(0, Math.min(legend.height - height, (1 - t) * legend.height - height / 2))
            font.pixelSize: Theme.fontSmall - 1
            color: Theme.textMuted
            text: !legend.matrix ? "" : legend.matrix.logScale
                  ? (t === 1 ? "1" : t === 0 ? "≤0.0001" : legend.matrix.legendValue(t).toPrecision(1))
                  : Theme.fixed(legend.matrix.legendValue(t), 2)
        }
    }
}

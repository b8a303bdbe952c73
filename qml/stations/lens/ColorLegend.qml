import QtQuick
import QtQuick.Controls
import AttentionLens

// A vertical colour bar for a heatmap item (AttentionMatrixItem): weight 1 at the top, 0 (or 1e-4
// on the log scale) at the bottom.
Item {
    id: legend
    property AttentionMatrixItem matrix
    implicitWidth: 64
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
            GradientStop { position: 0.0; color: legend.matrix ? legend.matrix.colorAt(1.0) : "black" }
            GradientStop { position: 0.125; color: legend.matrix ? legend.matrix.colorAt(0.875) : "black" }
            GradientStop { position: 0.25; color: legend.matrix ? legend.matrix.colorAt(0.75) : "black" }
            GradientStop { position: 0.375; color: legend.matrix ? legend.matrix.colorAt(0.625) : "black" }
            GradientStop { position: 0.5; color: legend.matrix ? legend.matrix.colorAt(0.5) : "black" }
            GradientStop { position: 0.625; color: legend.matrix ? legend.matrix.colorAt(0.375) : "black" }
            GradientStop { position: 0.75; color: legend.matrix ? legend.matrix.colorAt(0.25) : "black" }
            GradientStop { position: 0.875; color: legend.matrix ? legend.matrix.colorAt(0.125) : "black" }
            GradientStop { position: 1.0; color: legend.matrix ? legend.matrix.colorAt(0.0) : "black" }
        }
    }
    Repeater {
        model: 5
        Label {
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

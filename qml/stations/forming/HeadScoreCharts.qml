import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Every head's previous-token and induction scores over the run (0..1, the census's definitions on
// the lab's repeated random sequence): one small chart per head, a row per layer.
ColumnLayout {
    id: charts
    property var history: []          // TrainingLabController.scoreHistory (or the control's)
    property int totalSteps: 1
    property int headsPerLayer: 4
    property int markedStep: -1
    property string prefix: ""         // e.g. "control " for the one-layer model's heads
    readonly property color previousColor: Theme.dark ? "#8ab4ff" : "#1a56db"
    readonly property color inductionColor: Theme.accent
    spacing: Theme.spacingS

    GridLayout {
        Layout.fillWidth: true
        columns: charts.headsPerLayer
        columnSpacing: Theme.spacingS
        rowSpacing: Theme.spacingS
        Repeater {
            model: charts.history
            delegate: ColumnLayout {
                id: cell
                required property var modelData
                Layout.fillWidth: true
                Layout.preferredWidth: 100
                spacing: 2
                Label {
                    text: qsTr("%1layer %2 · head %3").arg(charts.prefix).arg(cell.modelData.layer).arg(cell.modelData.head)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    // A prefixed name ("one-layer model, …") is wider than a narrow tile: wrap, never run into the next.
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                Canvas {
                    id: canvas
                    Layout.fillWidth: true
                    Layout.preferredHeight: 70
                    Accessible.role: Accessible.Graphic
                    Accessible.name: qsTr("Scores of layer %1 head %2 over training").arg(cell.modelData.layer).arg(cell.modelData.head)
                    onWidthChanged: requestPaint()
                    Connections {
                        target: cell
                        function onModelDataChanged() { canvas.requestPaint() }
                    }
                    Connections {
                        target: charts
                        function onMarkedStepChanged() { canvas.requestPaint() }
                    }
                    onPaint: {
                        const ctx = getContext("2d")
                        ctx.reset()
                        ctx.fillStyle = Theme.surfaceAlt
                        ctx.fillRect(0, 0, width, height)
                        const x = s => width * s / Math.max(1, charts.totalSteps)
                        const y = v => (height - 2) * (1 - v) + 1
                        ctx.strokeStyle = Theme.border
                        ctx.lineWidth = 1
                        ctx.beginPath(); ctx.moveTo(0, y(0.5)); ctx.lineTo(width, y(0.5)); ctx.stroke()
                        const d = cell.modelData
                        function line(values, color) {
                            ctx.strokeStyle = color
                            ctx.lineWidth = 2
                            ctx.beginPath()
                            for (let i = 0; i < values.length; ++i) {
                                if (i === 0) ctx.moveTo(x(d.steps[i]), y(values[i]))
                                else ctx.lineTo(x(d.steps[i]), y(values[i]))
                            }
                            ctx.stroke()
                        }
                        line(d.previousToken, charts.previousColor)
                        line(d.induction, charts.inductionColor)
                        if (charts.markedStep >= 0) {
                            ctx.strokeStyle = Theme.textMuted
                            ctx.lineWidth = 1
                            ctx.beginPath(); ctx.moveTo(x(charts.markedStep), 0); ctx.lineTo(x(charts.markedStep), height); ctx.stroke()
                        }
                    }
                }
                Label {
                    readonly property int n: cell.modelData.steps.length
                    text: n > 0 ? qsTr("prev %1 · ind %2").arg(Theme.fixed(cell.modelData.previousToken[n - 1], 2))
                                                           .arg(Theme.fixed(cell.modelData.induction[n - 1], 2)) : ""
                    color: Theme.text
                    font.pixelSize: Theme.fontSmall
                }
            }
        }
    }
    Row {
        spacing: Theme.spacing
        Repeater {
            model: [ { name: qsTr("previous-token score"), color: charts.previousColor },
                     { name: qsTr("induction score"), color: charts.inductionColor } ]
            delegate: Row {
                id: legendEntry
                required property var modelData
                spacing: 4
                Rectangle { width: 18; height: 3; anchors.verticalCenter: parent.verticalCenter; color: legendEntry.modelData.color }
                Label { text: legendEntry.modelData.name; color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
            }
        }
    }
}

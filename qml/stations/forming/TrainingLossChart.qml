import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The training lab's loss curves: the loss on all targets, the in-context loss (targets inside a
// repeated span's second copy) and, when the one-layer control trains, its in-context loss dashed.
// A vertical line marks the phase change once the run has confirmed one, and another the snapshot
// the slider shows.
ColumnLayout {
    id: chart
    property TrainingLabController lab
    property int markedStep: -1      // the snapshot on show (-1: none)
    spacing: Theme.spacingS

    readonly property var curve: lab ? lab.curve : []
    readonly property var controlCurve: lab ? lab.controlCurve : []
    readonly property color lossColor: Theme.dark ? "#8ab4ff" : "#1a56db"
    readonly property color contextColor: Theme.accent
    readonly property color controlColor: Theme.dark ? "#f2c14e" : "#8a5a00"

    Canvas {
        id: canvas
        Layout.fillWidth: true
        Layout.preferredHeight: 220
        Accessible.role: Accessible.Graphic
        Accessible.name: qsTr("Loss curves of the training run")
        onWidthChanged: requestPaint()
        Connections {
            target: chart
            function onCurveChanged() { canvas.requestPaint() }
            function onControlCurveChanged() { canvas.requestPaint() }
            function onMarkedStepChanged() { canvas.requestPaint() }
        }
        Connections {
            target: Theme
            function onDarkChanged() { canvas.requestPaint() }
        }
        onPaint: {
            const ctx = getContext("2d")
            ctx.reset()
            const left = 40, right = 10, top = 8, bottom = 22
            const w = width - left - right, h = height - top - bottom
            const total = chart.lab ? chart.lab.totalSteps : 1
            let yMax = 1
            for (const r of chart.curve) yMax = Math.max(yMax, r.loss, r.inContextLoss)
            for (const r of chart.controlCurve) yMax = Math.max(yMax, r.inContextLoss)
            yMax = Math.ceil(yMax)
            const x = s => left + w * s / total
            const y = v => top + h * (1 - v / yMax)
            // Axes and grid.
            ctx.strokeStyle = Theme.border
            ctx.fillStyle = Theme.textMuted
            ctx.font = Theme.fontSmall + "px sans-serif"
            ctx.lineWidth = 1
            for (let v = 0; v <= yMax; v += 1) {
                ctx.beginPath(); ctx.moveTo(left, y(v)); ctx.lineTo(left + w, y(v)); ctx.stroke()
                ctx.fillText(v.toString(), left - 16, y(v) + 4)
            }
            for (let i = 0; i <= 4; ++i) {
                const s = Math.round(total * i / 4)
                ctx.fillText(s.toString(), Math.min(x(s) - 8, left + w - 30), top + h + 16)
            }
            function line(points, key, color, dashed) {
                if (points.length === 0) return
                ctx.strokeStyle = color
                ctx.lineWidth = 2
                ctx.setLineDash(dashed ? [5, 4] : [])
                ctx.beginPath()
                for (let i = 0; i < points.length; ++i) {
                    const px = x(points[i].step), py = y(points[i][key])
                    if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py)
                }
                ctx.stroke()
                ctx.setLineDash([])
            }
            line(chart.curve, "loss", chart.lossColor, false)
            line(chart.curve, "inContextLoss", chart.contextColor, false)
            line(chart.controlCurve, "inContextLoss", chart.controlColor, true)
            const phase = chart.lab ? chart.lab.phaseChangeStep : -1
            if (phase >= 0) {
                ctx.strokeStyle = Theme.text
                ctx.lineWidth = 1
                ctx.setLineDash([2, 3])
                ctx.beginPath(); ctx.moveTo(x(phase), top); ctx.lineTo(x(phase), top + h); ctx.stroke()
                ctx.setLineDash([])
                ctx.fillStyle = Theme.text
                const label = qsTr("phase change, step %1").arg(phase)
                ctx.fillText(label, Math.min(x(phase) + 4, left + w - ctx.measureText(label).width), top + 12)
            }
            if (chart.markedStep >= 0) {
                ctx.strokeStyle = Theme.textMuted
                ctx.lineWidth = 1
                ctx.beginPath(); ctx.moveTo(x(chart.markedStep), top); ctx.lineTo(x(chart.markedStep), top + h); ctx.stroke()
            }
        }
    }
    Flow {
        Layout.fillWidth: true
        spacing: Theme.spacing
        Repeater {
            model: [
                { name: qsTr("loss, all targets"), color: chart.lossColor, dashed: false, shown: true },
                { name: qsTr("in-context loss (second copy of a repeated span)"), color: chart.contextColor, dashed: false, shown: true },
                { name: qsTr("one-layer control, in-context loss"), color: chart.controlColor, dashed: true,
                  shown: chart.lab !== null && chart.lab.withControl }
            ]
            delegate: Row {
                required property var modelData
                visible: modelData.shown
                spacing: 4
                Rectangle {
                    width: 18; height: 3
                    anchors.verticalCenter: parent.verticalCenter
                    color: modelData.color
                    opacity: modelData.dashed ? 0.6 : 1
                }
                Label { text: modelData.name; color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
            }
        }
    }
}

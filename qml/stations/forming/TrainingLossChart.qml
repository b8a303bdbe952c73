import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// A training run's loss curves: the in-context loss (targets inside a repeated span's second copy),
// the other loss (every other target) and, when given, the one-layer control's in-context loss
// dashed. The phase-change rule's window (training/src/phase_change.h) is shaded once the rule
// holds, and a vertical line marks the snapshot the slider shows.
ColumnLayout {
    id: chart
    property var curve: []           // TrainingLabController.curve (or the contrasting run's)
    property var controlCurve: []    // the control's, or [] for none
    property bool showControl: false
    property var phaseChange: ({})   // TrainingLabController.phaseChange
    property int totalSteps: 1
    property int markedStep: -1      // the snapshot on show (-1: none)
    spacing: Theme.spacingS

    // FigureExport's figure: the curves as drawn (in the light palette), their numbers and the
    // phase change's window.
    function figure() {
        const series = [], steps = [], other = [], inContext = []
        for (const r of chart.curve) {
            steps.push(r.step)
            other.push(r.otherLoss)
            inContext.push(r.inContextLoss)
        }
        const points = (curve, key) => curve.map(r => [r.step, r[key]])
        series.push({ name: qsTr("other loss (all other targets)"), colour: "#1a56db", points: points(chart.curve, "otherLoss") })
        series.push({ name: qsTr("in-context loss (second copy of a repeated span)"), colour: "#c2185b", points: points(chart.curve, "inContextLoss") })
        const numbers = { steps: steps, otherLoss: other, inContextLoss: inContext, totalSteps: chart.totalSteps,
                          phaseChange: chart.phaseChange && chart.phaseChange.step ? chart.phaseChange : null }
        if (chart.showControl && chart.controlCurve.length > 0) {
            series.push({ name: qsTr("one-layer control, in-context loss"), colour: "#8a5a00", points: points(chart.controlCurve, "inContextLoss") })
            numbers.control = { steps: chart.controlCurve.map(r => r.step), inContextLoss: chart.controlCurve.map(r => r.inContextLoss) }
        }
        return { name: "training-loss", chart: "lines", title: qsTr("Loss curves of the training run"),
                 xTitle: qsTr("training step"), yTitle: qsTr("loss (nats)"), series: series, numbers: numbers }
    }
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
            function onPhaseChangeChanged() { canvas.requestPaint() }
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
            const total = Math.max(1, chart.totalSteps)
            let yMax = 1
            for (const r of chart.curve) yMax = Math.max(yMax, r.otherLoss, r.inContextLoss)
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
            // The phase change's window first, under the curves.
            const phase = chart.phaseChange
            if (phase && phase.step) {
                ctx.fillStyle = Theme.dark ? "rgba(255,255,255,0.10)" : "rgba(0,0,0,0.08)"
                ctx.fillRect(x(phase.from), top, Math.max(2, x(phase.to) - x(phase.from)), h)
                ctx.fillStyle = Theme.text
                const label = qsTr("phase change, steps %1–%2").arg(phase.from).arg(phase.to)
                ctx.fillText(label, Math.min(x(phase.to) + 4, left + w - ctx.measureText(label).width), top + 12)
            }
            line(chart.curve, "otherLoss", chart.lossColor, false)
            line(chart.curve, "inContextLoss", chart.contextColor, false)
            if (chart.showControl)
                line(chart.controlCurve, "inContextLoss", chart.controlColor, true)
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
                { name: qsTr("other loss (all other targets)"), color: chart.lossColor, dashed: false, shown: true },
                { name: qsTr("in-context loss (second copy of a repeated span)"), color: chart.contextColor, dashed: false, shown: true },
                { name: qsTr("one-layer control, in-context loss"), color: chart.controlColor, dashed: true,
                  shown: chart.showControl }
            ]
            delegate: Row {
                id: legendEntry
                required property var modelData
                visible: modelData.shown
                spacing: 4
                Rectangle {
                    width: 18; height: 3
                    anchors.verticalCenter: parent.verticalCenter
                    color: legendEntry.modelData.color
                    opacity: legendEntry.modelData.dashed ? 0.6 : 1
                }
                Label { text: legendEntry.modelData.name; color: Theme.textMuted; font.pixelSize: Theme.fontSmall }
            }
        }
    }
    FigureExportBar {
        objectName: "lossExport"
        target: canvas
        name: "training-loss"
        figure: chart.curve.length > 0 ? chart.figure() : ({})
    }
}

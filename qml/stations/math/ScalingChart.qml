import QtQuick
import QtQuick.Layouts
import QtCharts
import AttentionLens

// Why √d: the measured spread of q·k for random unit-variance vectors as d grows, and the mean
// largest softmax weight over `study.keys` keys with and without dividing by √d (ScalingStudy, C++).
RowLayout {
    id: chart
    property ScalingStudy study: ScalingStudy {}
    property AnswerVeils veils: null   // "scaling-peak": the peak-weight chart
    spacing: Theme.spacing
    readonly property int chartTheme: Theme.dark ? ChartView.ChartThemeDark : ChartView.ChartThemeLight

    function fill() {
        spread.clear(); reference.clear(); unscaled.clear(); scaled.clear()
        const r = study.result
        for (let i = 0; i < r.dims.length; ++i) {
            spread.append(r.dims[i], r.dotStd[i])
            reference.append(r.dims[i], Math.sqrt(r.dims[i]))
            unscaled.append(r.dims[i], r.peakUnscaled[i])
            scaled.append(r.dims[i], r.peakScaled[i])
        }
    }
    Connections { target: chart.study; function onChanged() { chart.fill() } }
    Component.onCompleted: fill()

    // Both halves share the width equally, veiled or not (the veil's note has a width of its own).
    readonly property real half: Math.max(240, (width - spacing) / 2)
    ChartView {
        id: left
        Layout.fillWidth: true
        Layout.preferredWidth: chart.half
        Layout.preferredHeight: 280
        Layout.minimumWidth: 240
        theme: chart.chartTheme
        backgroundColor: Theme.surface
        antialiasing: true
        legend.alignment: Qt.AlignBottom
        title: qsTr("Spread of q·k grows like √d")
        titleColor: Theme.text
        LogValueAxis { id: dx; base: 4; min: 2; max: 1024; labelFormat: "%d"; titleText: qsTr("d (logarithmic axis)"); labelsFont.pixelSize: 11 } // ticks at powers of 4, so every label fits
        ValueAxis { id: dy; min: 0; max: Math.ceil(chart.study.result.maxStd * 1.1); titleText: qsTr("std of q·k") }
        LineSeries { id: spread; name: qsTr("measured"); axisX: dx; axisY: dy; width: 3; color: Theme.accent }
        LineSeries { id: reference; name: "√d"; axisX: dx; axisY: dy; width: 2; style: Qt.DashLine; color: Theme.textMuted }
    }
    Veiled {
        Layout.fillWidth: true
        Layout.preferredWidth: chart.half
        Layout.preferredHeight: 280
        Layout.minimumWidth: 240
        veils: chart.veils
        key: "scaling-peak"
        ChartView {
            theme: chart.chartTheme
            backgroundColor: Theme.surface
            antialiasing: true
            legend.alignment: Qt.AlignBottom
            title: qsTr("Largest softmax weight (%1 keys)").arg(chart.study.keys)
            titleColor: Theme.text
            LogValueAxis { id: px; base: 4; min: 2; max: 1024; labelFormat: "%d"; titleText: qsTr("d (logarithmic axis)"); labelsFont.pixelSize: 11 } // ticks at powers of 4, so every label fits
            ValueAxis { id: py; min: 0; max: 1; titleText: qsTr("weight") }
            LineSeries { id: unscaled; name: qsTr("q·k (no scaling)"); axisX: px; axisY: py; width: 3; color: Theme.accent }
            LineSeries { id: scaled; name: qsTr("q·k / √d"); axisX: px; axisY: py; width: 3; color: Theme.chartSecond }
        }
    }
}

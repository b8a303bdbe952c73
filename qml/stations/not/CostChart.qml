import QtQuick
import QtQuick.Layouts
import QtCharts
import AttentionLens

// Attention is quadratic: this machine's time for the engine's attention step and for the rest of
// one layer, at growing context lengths (CostMeter, measured live).
ColumnLayout {
    id: view
    // Its own lab when used alone; a station passes its lab in, and then this one stays idle.
    property CostMeter meter: CostMeter { id: ownLab; active: view.meter === ownLab }
    function fill() {
        att.clear(); rest.clear()
        for (let i = 0; i < meter.lengths.length; ++i) {
            att.append(meter.lengths[i], meter.attentionMs[i])
            rest.append(meter.lengths[i], meter.restMs[i])
        }
    }
    // A round axis maximum and tick step (1, 2, 2.5 or 5 times a power of ten), so the
    // millisecond labels read as plain numbers rather than 0.52, 1.03, ...
    function niceStep(v) {
        const p = Math.pow(10, Math.floor(Math.log10(v)))
        const f = v / p
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p
    }
    readonly property string chartTitle: qsTr("One layer of %1 on one core of this machine").arg(ModelHub.modelName)
    readonly property real yStep: niceStep(Math.max(0.01, meter.maxMs * 1.05) / 4)
    readonly property real yMax: yStep * Math.max(1, Math.ceil(Math.max(0.01, meter.maxMs * 1.05) / yStep))
    Connections { target: view.meter; function onResultChanged() { view.fill() } }
    ChartView {
        id: chart
        Layout.fillWidth: true
        Layout.preferredHeight: 280
        theme: Theme.dark ? ChartView.ChartThemeDark : ChartView.ChartThemeLight
        backgroundColor: Theme.surface
        antialiasing: true
        legend.alignment: Qt.AlignBottom
        title: view.chartTitle
        titleColor: Theme.text
        ValueAxis { id: tx; min: 0; max: Math.max(16, view.meter.lengths.length ? view.meter.lengths[view.meter.lengths.length - 1] : 16); titleText: qsTr("tokens"); labelFormat: "%d" }
        ValueAxis { id: ty; min: 0; max: view.yMax; tickCount: Math.round(view.yMax / view.yStep) + 1; labelFormat: view.yStep < 0.1 ? "%.2f" : view.yStep < 1 ? "%.1f" : "%d"; titleText: qsTr("milliseconds") }
        LineSeries { id: att; name: qsTr("attention (scores, softmax, weighted sum)"); axisX: tx; axisY: ty; width: 3; color: Theme.accent }
        LineSeries { id: rest; name: qsTr("the rest (LayerNorms, projections, MLP)"); axisX: tx; axisY: ty; width: 3; color: Theme.chartSecond }
    }
    // The measured chart saved as it is drawn (inside the cost chart's veil: hidden while a card waits).
    FigureExportBar {
        objectName: "costExport"
        target: chart
        name: "cost"
        title: view.chartTitle
        figure: view.meter.lengths.length > 0 ? view.meter.figure() : ({})
    }
}

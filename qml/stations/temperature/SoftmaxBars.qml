import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtCharts
import AttentionLens

// Softmax over six candidate scores at a temperature (TemperatureLab computes the weights).
ColumnLayout {
    id: view
    property TemperatureLab lab
    spacing: Theme.spacingS
    // FigureExport's figure: a bar per candidate score, its softmax weight at this temperature.
    function figure() {
        const rows = []
        for (let i = 0; i < view.lab.candidateScores.length; ++i)
            rows.push({ label: qsTr("score %1").arg(Theme.fixed(Number(view.lab.candidateScores[i]), 1)),
                        bars: [{ name: "", value: Number(view.lab.candidateWeights[i]), colour: "#c2185b" }] })
        return { name: "softmax-temperature", chart: "signed-bars", signed: false, scale: 1, rows: rows,
                 title: qsTr("Softmax of six scores at temperature %1").arg(Theme.fixed(view.lab.temperature, 2)),
                 numbers: { temperature: view.lab.temperature, scores: view.lab.candidateScores, weights: view.lab.candidateWeights } }
    }
    RowLayout {
        Label { text: qsTr("temperature"); color: Theme.text }
        Slider {
            id: tSlider
            Layout.fillWidth: true
            from: 0.05; to: 3; stepSize: 0.05
            value: view.lab ? view.lab.temperature : 1
            onMoved: view.lab.temperature = value
            Accessible.name: qsTr("Temperature")
        }
        Label { text: view.lab ? Theme.fixed(view.lab.temperature, 2) : ""; color: Theme.text; font.family: "monospace"; Layout.preferredWidth: 40 }
    }
    ChartView {
        id: softmaxChart
        Layout.fillWidth: true
        Layout.preferredHeight: 240
        theme: Theme.dark ? ChartView.ChartThemeDark : ChartView.ChartThemeLight
        backgroundColor: Theme.surface
        legend.visible: false
        antialiasing: true
        BarSeries {
            axisX: BarCategoryAxis { categories: view.lab ? view.lab.candidateScores.map(s => qsTr("score %1").arg(Theme.fixed(Number(s), 1))) : [] }
            axisY: ValueAxis { min: 0; max: 1; titleText: qsTr("probability") }
            BarSet { label: qsTr("softmax"); values: view.lab ? view.lab.candidateWeights : []; color: Theme.accent }
        }
    }
    FigureExportBar {
        objectName: "softmaxExport"
        target: softmaxChart
        name: "softmax-temperature"
        figure: view.lab && view.lab.candidateWeights.length > 0 ? view.figure() : ({})
    }
}

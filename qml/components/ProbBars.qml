import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Top next-token probabilities as horizontal bars; `compareKey` names a second probability drawn
// as a thin outline bar (e.g. the unablated run), so the change is visible. With `exportName` set,
// the bars can be saved as PNG, SVG and JSON (FigureExportBar).
ColumnLayout {
    id: bars
    property var entries: []          // [{token, p, ...}]
    property string compareKey: ""
    property string title
    property color tint: Theme.accent
    property bool markTop: false      // outline the most likely token (an exercise's answer)
    property string exportName: ""    // the export's name ("" : no export buttons)
    // What the saved chart cannot show by itself: the settings that made the bars (the heads
    // knocked out, the temperature and filters), written into its numbers, and a title that names
    // them ("" : the on-screen title).
    property var exportSettings: ({})
    property string exportTitle: ""
    // FigureExport's figure: the bars as they are drawn, and their numbers.
    function figure() {
        const rows = [], tokens = [], ps = [], compare = []
        for (const e of bars.entries) {
            const c = bars.compareKey !== "" && e[bars.compareKey] !== undefined ? Number(e[bars.compareKey]) : -1
            rows.push({ token: e.token, p: Number(e.p), compare: c })
            tokens.push(e.token)
            ps.push(Number(e.p))
            if (c >= 0)
                compare.push(c)
        }
        const numbers = Object.assign({}, bars.exportSettings, { tokens: tokens, p: ps })
        if (compare.length === ps.length && compare.length > 0)
            numbers[bars.compareKey] = compare
        return { name: bars.exportName, chart: "prob-bars", title: bars.exportTitle !== "" ? bars.exportTitle : bars.title, bars: rows,
                 colour: "#c2185b", markTop: bars.markTop, numbers: numbers }
    }
    spacing: 2
    ColumnLayout {
        id: chart
        spacing: 2
        Label { visible: bars.title !== ""; text: bars.title; color: Theme.text; font.weight: Font.DemiBold }
        Repeater {
            model: bars.entries
            delegate: RowLayout {
                id: bar
                required property var modelData
                required property int index
                readonly property bool marked: bars.markTop && index === 0
                spacing: Theme.spacingS
                Label {
                    text: bar.modelData.token
                    color: parent.marked ? Theme.accent : Theme.text
                    font.bold: parent.marked
                    elide: Text.ElideRight
                    horizontalAlignment: Text.AlignRight
                    Layout.preferredWidth: 90
                    font.family: "monospace"
                }
                Item {
                    Layout.preferredWidth: 160
                    Layout.preferredHeight: 16
                    Rectangle { width: 160 * bar.modelData.p; height: parent.height; color: bars.tint
                                border.color: Theme.text; border.width: bar.marked ? 2 : 0 }
                    Rectangle {
                        visible: bars.compareKey !== "" && bar.modelData[bars.compareKey] !== undefined
                        width: 160 * (bar.modelData[bars.compareKey] || 0); height: parent.height
                        color: "transparent"; border.color: Theme.text; border.width: 1
                    }
                }
                Label { text: (bar.modelData.p < 0.001 ? (100 * bar.modelData.p).toPrecision(2) : Theme.fixed((100 * bar.modelData.p), 1)) + "%"; color: Theme.text; font.family: "monospace" }
            }
        }
    }
    Loader {
        active: bars.exportName !== ""
        visible: active
        sourceComponent: FigureExportBar {
            target: chart
            name: bars.exportName
            figure: bars.entries.length > 0 ? bars.figure() : ({})
        }
    }
}

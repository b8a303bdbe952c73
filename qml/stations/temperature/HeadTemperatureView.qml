import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// A what-if temperature on one head's attention softmax (not part of GPT-2): the pattern sharpens
// or flattens live, and the prediction's KL from the unchanged model is shown.
ColumnLayout {
    id: view
    property TemperatureLab lab
    spacing: Theme.spacingS
    Label {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.warning
        font.weight: Font.DemiBold
        text: qsTr("A what-if experiment: GPT-2 has no adjustable temperature inside its heads.")
    }
    RowLayout {
        Label { text: qsTr("layer"); color: Theme.text }
        SpinBox { from: 0; to: Math.max(0, ModelHub.nLayer - 1); value: view.lab.layer; onValueModified: view.lab.layer = value; Accessible.name: qsTr("Layer") }
        Label { text: qsTr("head"); color: Theme.text }
        SpinBox { from: 0; to: Math.max(0, ModelHub.nHead - 1); value: view.lab.head; onValueModified: view.lab.head = value; Accessible.name: qsTr("Head") }
        Label { text: qsTr("head temperature"); color: Theme.text }
        Slider { from: 0.05; to: 5; value: view.lab.headTemperature; onMoved: view.lab.headTemperature = value; Accessible.name: qsTr("Head temperature") }
        Label { text: Theme.fixed(view.lab.headTemperature, 2); color: Theme.text; font.family: "monospace" }
    }
    RowLayout {
        spacing: Theme.spacingL
        HeatmapItem {
            Layout.preferredWidth: 260
            Layout.preferredHeight: 260
            rows: view.lab.tokens.length
            columns: view.lab.tokens.length
            values: view.lab.pattern
            maxValue: 1
            colorMap: HeatmapItem.Viridis // the lens's colours: the same weight looks the same everywhere
            maskColor: Theme.background
        }
        Label {
            Layout.alignment: Qt.AlignTop
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.text
            text: qsTr("Rows are the %1 tokens of your text (queries), columns the keys. Next-token prediction moved by KL %2 nats from the unchanged model.")
                  .arg(view.lab.tokens.length).arg(Theme.fixed(view.lab.headKl, 3))
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The worked example before the attention-share question (LayerLensLab.example): on a fixed text,
// never the learner's, each layer's attention and MLP part of how far the answer stands above the
// average token, their sizes, the two sums and the share, step by step, computed from the loaded
// model. It shows how the question's number is made without giving the learner's.
ColumnLayout {
    id: ex
    objectName: "shareExample"
    property LayerLensLab lab
    readonly property var e: lab ? lab.example : ({})
    readonly property var attention: e.attention || []
    readonly property var mlp: e.mlp || []
    spacing: 2

    // In words, for a screen reader (the figure's summary).
    readonly property string description: e.text === undefined ? ""
        : qsTr("On the fixed text “%1” the answer is “%2”. Attention's parts add up to %3 in size, the MLPs' to %4: attention's share is %5%.")
              .arg(e.text).arg(e.answer || "").arg(Theme.fixed(e.attentionSize || 0, 2)).arg(Theme.fixed(e.mlpSize || 0, 2))
              .arg(Theme.fixed(100 * (e.share || 0), 1))

    function signed(v) { return (v >= 0 ? "+" : "−") + Theme.fixed(Math.abs(v), 2) }
    function size(v) { return Theme.fixed(Math.abs(v), 2) }

    Label {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.text
        visible: ex.e.text !== undefined
        text: qsTr("On the text “%1” the model's answer is “%2”; its logit stands %3 above the average token's. Each layer's two parts, with their sizes (a negative part counts as positive):")
              .arg(ex.e.text || "").arg(ex.e.answer || "").arg(Theme.fixed(ex.e.aboveMean || 0, 2))
    }
    GridLayout {
        objectName: "exampleParts"
        Layout.topMargin: 4
        columns: 5
        columnSpacing: Theme.spacingL
        rowSpacing: 1
        Label { text: qsTr("layer"); color: Theme.textMuted; font.pixelSize: 11 }
        Label { text: qsTr("attention"); color: Theme.textMuted; font.pixelSize: 11; Layout.alignment: Qt.AlignRight }
        Label { text: qsTr("its size"); color: Theme.textMuted; font.pixelSize: 11; Layout.alignment: Qt.AlignRight }
        Label { text: qsTr("MLP"); color: Theme.textMuted; font.pixelSize: 11; Layout.alignment: Qt.AlignRight }
        Label { text: qsTr("its size"); color: Theme.textMuted; font.pixelSize: 11; Layout.alignment: Qt.AlignRight }
        Repeater {
            model: ex.attention.length * 5
            delegate: Label {
                required property int index
                readonly property int row: Math.floor(index / 5)
                readonly property int col: index % 5
                Layout.alignment: col === 0 ? Qt.AlignLeft : Qt.AlignRight
                font.pixelSize: 11
                font.family: "monospace"
                color: col === 2 || col === 4 ? Theme.text : Theme.textMuted
                text: col === 0 ? String(row)
                      : col === 1 ? ex.signed(ex.attention[row])
                      : col === 2 ? ex.size(ex.attention[row])
                      : col === 3 ? ex.signed(ex.mlp[row])
                      : ex.size(ex.mlp[row])
            }
        }
    }
    Label {
        Layout.fillWidth: true
        Layout.topMargin: 6
        wrapMode: Text.WordWrap
        color: Theme.text
        visible: ex.e.text !== undefined
        readonly property real a: ex.e.attentionSize || 0
        readonly property real m: ex.e.mlpSize || 0
        text: qsTr("Attention's sizes add up to %1, the MLPs' to %2; together %3. Attention's share: %1 ÷ %3 = %4%.")
              .arg(Theme.fixed(a, 2)).arg(Theme.fixed(m, 2)).arg(Theme.fixed(a + m, 2))
              .arg(Theme.fixed(100 * (ex.e.share || 0), 1))
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The plumbing of one block with the loaded model's real sizes: the residual stream, LayerNorm,
// attention, LayerNorm, MLP, each added back; repeated for every layer, then a final LayerNorm and
// the unembedding to the vocabulary.
ColumnLayout {
    id: diagram
    readonly property int d: ModelHub.nEmbd
    ModelFacts { id: facts }
    spacing: 4
    component Box: Rectangle {
        property string text
        property color tint: Theme.surfaceAlt
        Layout.fillWidth: true
        implicitHeight: boxLabel.implicitHeight + 10
        radius: 5
        color: tint
        border.color: Theme.border
        Label { id: boxLabel; anchors.centerIn: parent; width: parent.width - 12; text: parent.text; color: Theme.text; font.pixelSize: Theme.fontSmall; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap }
    }
    component Down: Label { text: "↓"; color: Theme.textMuted; Layout.alignment: Qt.AlignHCenter }
    Box { text: qsTr("tokens → embeddings + positions: %1 numbers per token (up to %2 positions)").arg(diagram.d).arg(ModelHub.nPositions) }
    Down {}
    Rectangle {
        Layout.fillWidth: true
        implicitHeight: block.implicitHeight + 20
        radius: Theme.radius
        color: "transparent"
        border.color: Theme.accent
        border.width: 1.5
        ColumnLayout {
            id: block
            anchors.fill: parent
            anchors.margins: 10
            spacing: 4
            Label { text: qsTr("one block, repeated %1 times").arg(ModelHub.nLayer); color: Theme.accent; font.weight: Font.DemiBold }
            Box { text: qsTr("LayerNorm → attention: %1 heads of %2 → W_O (%3 × %3) → add to the residual stream").arg(ModelHub.nHead).arg(facts.headDim).arg(diagram.d); tint: Theme.accentSoft }
            Box { text: qsTr("LayerNorm → MLP: %1 → %2 → %1 (GELU) → add to the residual stream").arg(diagram.d).arg(facts.mlpWidth) }
        }
    }
    Down {}
    Box { text: qsTr("final LayerNorm → unembedding: %1 scores, one per vocabulary token").arg(facts.vocab) }
    Label {
        text: qsTr("%1 parameters in all · the residual stream keeps %2 numbers per token from start to end; each part adds to it.")
              .arg(Number(ModelHub.parameters).toLocaleString(Qt.locale(), "f", 0)).arg(diagram.d)
        color: Theme.textMuted; font.pixelSize: Theme.fontSmall; wrapMode: Text.WordWrap; Layout.fillWidth: true
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Encoder (bidirectional), decoder (causal) and cross-attention side by side as small allowed-cell
// grids, plus a padding mask: which query (row) may look at which key (column).
RowLayout {
    id: diagram
    spacing: Theme.spacingL
    component Mini: ColumnLayout {
        id: mini
        property string title
        property string note
        property int rows: 4
        property int cols: 4
        property var allowed: function(r, c) { return true }
        spacing: 4
        Label { text: mini.title; color: Theme.text; font.weight: Font.DemiBold }
        Grid {
            columns: mini.cols
            spacing: 2
            Repeater {
                model: mini.rows * mini.cols
                Rectangle {
                    required property int index
                    width: 18; height: 18
                    color: mini.allowed(Math.floor(index / mini.cols), index % mini.cols) ? Theme.accent : Theme.surfaceAlt
                    border.color: Theme.border
                }
            }
        }
        Label { text: mini.note; color: Theme.textMuted; font.pixelSize: Theme.fontSmall; wrapMode: Text.WordWrap; Layout.preferredWidth: 150 }
    }
    Mini { title: qsTr("Encoder"); note: qsTr("every token sees every token (BERT)") }
    Mini { title: qsTr("Decoder"); note: qsTr("causal: only itself and the past (GPT-2)"); allowed: function(r, c) { return c <= r } }
    Mini { title: qsTr("Cross-attention"); rows: 3; cols: 5; note: qsTr("decoder queries (rows) look at all encoder outputs (columns)") }
    Mini { title: qsTr("Padding mask"); note: qsTr("the last key is filler added to fill a batch; nobody looks at it"); allowed: function(r, c) { return c < 3 } }
}

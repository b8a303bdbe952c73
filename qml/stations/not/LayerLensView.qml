import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The prediction, layer by layer (LayerLensLab): the logit lens's top tokens after each layer at
// the last position, with the final answer's rank, and below it how far the final answer's logit
// stands above the average token's, split into what each layer's attention and MLP wrote directly,
// then one head's direct effect on every token. The bars and the head's pushes can be veiled while
// a card asks how much attention writes; the table stays, as the clue to reason from.
GridLayout {
    id: view
    property LayerLensLab lab
    property AnswerVeils veils: null
    property string veilKey: "lens-attribution"
    readonly property var res: lab ? lab.result : ({})
    readonly property var rows: res.rows || []
    readonly property int rowHeight: 26
    readonly property int topCount: lab ? lab.topCount : 5
    columns: width >= 1140 ? 2 : 1
    columnSpacing: Theme.spacingL
    rowSpacing: Theme.spacing

    function afterName(layer) { return layer < 0 ? qsTr("embeddings") : qsTr("layer %1").arg(layer) }
    function signed(v) { return (v >= 0 ? "+" : "−") + Theme.fixed(Math.abs(v), 2) }
    function plain(v) { return (v < 0 ? "−" : "") + Theme.fixed(Math.abs(v), 2) }

    ColumnLayout {
            Layout.alignment: Qt.AlignTop
            spacing: 2
            // Header: where the row reads the stream, the five most likely next tokens, the rank.
            RowLayout {
                spacing: 2
                Label { text: qsTr("after"); Layout.preferredWidth: 84; color: Theme.textMuted; font.pixelSize: 11 }
                Label { text: qsTr("top %1 next tokens and their probabilities, most likely first").arg(view.topCount); Layout.preferredWidth: 5 * 102 + 8; color: Theme.textMuted; font.pixelSize: 11 }
                Label { text: qsTr("rank of %1").arg(view.res.answer || ""); Layout.preferredWidth: 96; color: Theme.textMuted; font.pixelSize: 11; elide: Text.ElideRight }
            }
            Repeater {
                model: view.rows
                delegate: RowLayout {
                    id: lensRow
                    required property var modelData
                    required property int index
                    spacing: 2
                    Label { text: view.afterName(modelData.layer); Layout.preferredWidth: 84; color: Theme.text; font.pixelSize: 11 }
                    Repeater {
                        model: lensRow.modelData.tokens
                        delegate: Rectangle {
                            required property int index
                            required property string modelData
                            readonly property real p: lensRow.modelData.probs[index] || 0
                            readonly property bool isAnswer: modelData === view.res.answer
                            implicitWidth: 100
                            implicitHeight: view.rowHeight
                            color: Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, Math.min(1, Math.sqrt(p)) * 0.5)
                            border.color: isAnswer ? Theme.accent : Theme.border
                            border.width: isAnswer ? 2.5 : 1
                            Label {
                                anchors.fill: parent
                                anchors.margins: 4
                                verticalAlignment: Text.AlignVCenter
                                // Below 0.01 (every row of an untrained model) its order of magnitude, so it never reads as 0.
                                text: parent.modelData + "  " + (parent.p < 0.01 ? Number(parent.p).toExponential(0) : Theme.fixed(parent.p, 2))
                                elide: Text.ElideMiddle
                                color: Theme.text
                                font.pixelSize: 11
                                font.family: "monospace"
                            }
                        }
                    }
                    Label {
                        // The row where the answer first ranks among the top five is marked.
                        text: lensRow.index === view.res.firstTop5 ? qsTr("#%1, first in the top %2").arg(modelData.rank + 1).arg(view.topCount)
                                                                   : "#" + (modelData.rank + 1)
                        font.bold: lensRow.index === view.res.firstTop5
                        Layout.preferredWidth: 170
                        leftPadding: 8
                        color: Theme.text
                        font.pixelSize: 11
                        font.family: "monospace"
                    }
                }
            }
            Label {
                // Without this, the first row reads as a confident prediction.
                Layout.preferredWidth: 84 + 5 * 102 + 8 + 170
                wrapMode: Text.WordWrap
                color: Theme.textMuted
                font.pixelSize: 11
                text: qsTr("The embeddings row reads the input before any layer. In a model that uses the same matrix to embed and to unembed, as GPT-2 does, that row mostly names the current token itself, not a prediction.")
            }
    }

    // Direct attribution: one row per layer, attention's and the MLP's signed part of the final
    // answer's logit on a shared scale, then the totals.
    Veiled {
        Layout.alignment: Qt.AlignTop
        Layout.fillWidth: true
        veils: view.veils
        key: view.veilKey
        ColumnLayout {
            id: bars
            spacing: 2
            readonly property real barScale: Math.max(1e-9, view.res.maxPart || 1)
            // The chart proper (what the PNG and the SVG hold): the rows of bars and their sum.
            ColumnLayout {
                id: attributionChart
                spacing: 2
                RowLayout {
                    spacing: 6
                    Label { text: qsTr("written into how far %1 stands above the average token").arg(view.res.answer || ""); color: Theme.textMuted; font.pixelSize: 11; Layout.fillWidth: true; elide: Text.ElideRight }
                }
                Repeater {
                    model: view.rows.length > 0 ? view.rows.length : 0
                    delegate: RowLayout {
                        id: barRow
                        required property int index
                        readonly property int layerIdx: index - 1
                        spacing: 4
                        Layout.preferredHeight: view.rowHeight
                        Label { text: view.afterName(barRow.layerIdx); Layout.preferredWidth: 72; color: Theme.text; font.pixelSize: 11 }
                        Repeater {
                            // The embeddings row shows the embeddings' part once; a layer shows attention, then MLP.
                            model: barRow.layerIdx < 0 ? [{ v: view.res.embeddings || 0, c: Theme.textMuted, n: qsTr("emb.") }]
                                             : [{ v: (view.res.attention || [])[barRow.layerIdx] || 0, c: Theme.accent, n: qsTr("attn") },
                                                { v: (view.res.mlp || [])[barRow.layerIdx] || 0, c: Theme.chartSecond, n: qsTr("MLP") }]
                            delegate: RowLayout {
                                id: part
                                required property var modelData
                                readonly property real frac: Math.min(1, Math.abs(modelData.v) / bars.barScale)
                                spacing: 4
                                Label {
                                    text: part.modelData.n + " " + view.signed(part.modelData.v)
                                    Layout.preferredWidth: 96
                                    horizontalAlignment: Text.AlignRight
                                    color: Theme.text
                                    font.pixelSize: 11
                                    font.family: "monospace"
                                }
                                // A signed bar around a zero line in the middle.
                                Item {
                                    implicitWidth: 150
                                    implicitHeight: view.rowHeight - 4
                                    Rectangle { x: parent.width / 2; width: 1; height: parent.height; color: Theme.textMuted }
                                    Rectangle {
                                        y: 5
                                        height: parent.height - 10
                                        width: part.frac * parent.width / 2
                                        x: part.modelData.v >= 0 ? parent.width / 2 : parent.width / 2 - width
                                        color: part.modelData.c
                                    }
                                }
                            }
                        }
                    }
                }
                Label {
                    // As wide as the bars: a WordWrap label would otherwise ask for its whole line.
                    Layout.preferredWidth: 72 + 2 * (96 + 150 + 12)
                    Layout.topMargin: 6
                    wrapMode: Text.WordWrap
                    color: Theme.text
                    font.pixelSize: 12
                    visible: view.rows.length > 0
                    // The raw logit and the mean are shown too, so the learner sees what the subtraction removes.
                    text: qsTr("Logit %1 − mean logit over the vocabulary (%2) = %3 = attention %4 + MLPs %5 + embeddings %6 + output biases %7 + final LayerNorm's bias %8.")
                          .arg(view.plain(view.res.logit || 0)).arg(view.plain(view.res.meanLogit || 0))
                          .arg(view.plain(view.res.aboveMean || 0)).arg(view.signed(view.res.attentionTotal || 0))
                          .arg(view.signed(view.res.mlpTotal || 0)).arg(view.signed(view.res.embeddings || 0))
                          .arg(view.signed(view.res.biases || 0)).arg(view.signed(view.res.lnfBias || 0))
                }
            }
            // The bars and their sum saved as they are drawn (inside the veil: hidden, nothing to press).
            FigureExportBar {
                objectName: "attributionExport"
                target: attributionChart
                name: "attribution"
                figure: view.res.attention !== undefined ? view.lab.barsFigure() : ({})
            }
            HeadPushes {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                lab: view.lab
            }
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Station 4, the causal mask: the score grid row by row, the mask-off what-if, and the kinds of
// attention masks side by side.
StationScaffold {
    id: station
    stationId: "mask"
    // The grid and the what-if.
    labsReady: mask.ready && !mask.busy

    MaskLab { id: mask; active: station.visible }

    FigureSection {
        title: qsTr("The score grid, row by row")
        summary: mask.gridDescription
        caption: qsTr("The first %1 tokens of your text. Each row is one query: its scaled scores against every key, with the cells after it set to −∞ before the softmax.").arg(mask.tokens.length)
        MaskStepper { Layout.fillWidth: true; lab: mask; veils: station.veils; veilKey: "mask-grid" }
    }
    FigureSection {
        title: qsTr("What if there were no mask?")
        summary: mask.predictionDescription
        caption: qsTr("The loaded model's next-token prediction after the first %1 tokens of your text, with the mask (as trained) and without it (every token sees the future).").arg(ModelHub.tokenCap)
        // The prediction with the mask is what the question starts from; only the maskless one
        // and the distance between them answer it.
        RowLayout {
            spacing: Theme.spacingXL
            ProbBars { entries: mask.maskedTop; title: qsTr("With the mask"); markTop: offVeil.answers.length > 0 }
            Veiled {
                id: offVeil
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                veils: station.veils
                key: "mask-off"
                ProbBars { entries: mask.unmaskedTop; title: qsTr("Without the mask"); tint: Theme.warning; markTop: offVeil.answers.length > 0 }
            }
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.text
            text: offVeil.veiled ? qsTr("In training, a model without the mask could read the very token it is asked to predict — it would learn to copy instead of to predict.")
                                 : qsTr("KL between the two predictions: %1 nats. In training, a model without the mask could read the very token it is asked to predict — it would learn to copy instead of to predict.").arg(Theme.fixed(mask.kl, 3))
        }
    }
    FigureSection {
        title: qsTr("Encoder, decoder, cross-attention, padding")
        summary: qsTr("Four grids of queries (rows) against keys (columns): an encoder lets every query see every key; a decoder lets each query see only the keys up to its own position; in cross-attention every decoder query sees every encoder key; padding keys are seen by no query.")
        caption: qsTr("Coloured cells: which key (column) a query (row) may look at.")
        Veiled {
            Layout.fillWidth: true
            veils: station.veils
            key: "mask-kinds"
            AttentionKindsDiagram {}
        }
    }
}

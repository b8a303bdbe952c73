import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Station 6, what attention isn't: pattern swaps, the quadratic cost, one head across texts, and
// the plumbing of a block.
StationScaffold {
    id: station
    stationId: "not"
    // Every figure; a lab that failed shows its message, and that counts.
    labsReady: (swap.ready || swap.error !== "") && !swap.busy && (cost.ready || cost.error !== "") && !cost.busy
               && (census.ready || census.error !== "") && !census.busy
               && (layers.ready || layers.error !== "") && !layers.busy
               && (threeWay.ready || threeWay.error !== "") && !threeWay.busy

    PatternSwapLab { id: swap; active: station.visible }
    CostMeter { id: cost; active: station.visible }
    LayerLensLab { id: layers; active: station.visible }
    // The head whose pushes the figure above shows.
    ThreeWayLab {
        id: threeWay
        active: station.visible
        layer: layers.headEffect.layer !== undefined ? layers.headEffect.layer : 0
        head: layers.headEffect.head !== undefined ? layers.headEffect.head : 0
    }
    ModelFacts { id: facts }
    CensusAcrossTexts {
        id: census
        active: station.visible
        layer: Math.max(0, ModelHub.nLayer - 1)
        texts: [ModelHub.text,
                "Once upon a time there was a little girl who loved to play in the garden.",
                "The committee approved the budget after a long debate on Tuesday evening.",
                "A B C D E F A B C D E F A B C D E F"]
    }

    FigureSection {
        title: qsTr("Weights are not explanations")
        summary: swap.description
        caption: qsTr("Each cell: how far the next-token prediction after the first %1 tokens of your text moves (KL, nats) when that head's pattern is replaced. Pale cells: replacing that head's pattern barely moves the prediction.").arg(ModelHub.tokenCap)
        Veiled {
            id: swapVeil
            Layout.fillWidth: true
            veils: station.veils
            key: "pattern-swap"
            PatternSwapView { lab: swap; answers: swapVeil.answers }
        }
    }
    FigureSection {
        title: qsTr("Attention's share, worked through once")
        summary: shareExample.description
        caption: qsTr("The question in the next figure asks for attention's share on your text. Here it is computed once on a fixed text, never yours, from the loaded model: the same parts as the next figure's bars, their sizes, the two sums and the share. The embeddings and the biases are left out of it: it weighs the layers' attention against their MLPs.")
        ShareExample { id: shareExample; Layout.fillWidth: true; lab: layers }
    }
    FigureSection {
        title: qsTr("The prediction, layer by layer")
        summary: layers.description
        caption: qsTr("The table: the logit lens at the last of the first %1 tokens of your text: the final LayerNorm and the unembedding applied to the stream after each layer, its five most likely next tokens, and the rank of the model's final answer (outlined). Early rows are a rough view: those layers were not trained to be read this way. The bars: how far the final answer's logit stands above the average token's, split into what each layer's attention and MLP wrote directly, with the final LayerNorm's scale held at its value on this text. Below them, one head's pushes on every token.").arg(ModelHub.tokenCap)
        LayerLensView { Layout.fillWidth: true; lab: layers; veils: station.veils }
    }
    FigureSection {
        title: qsTr("Which position, read through this head, mattered to the answer: three answers")
        summary: threeWay.description
        caption: qsTr("One head at the last of the first %1 tokens of your text, three ways to rank the positions it reads: its raw weight; its weight times the size of what the position's value writes, ‖v·W_O‖, as a share of the row (value-weighted, Kobayashi et al. 2020); and how far the logit of the model's top next token moves against the mean logit over the vocabulary, as in the bars above, when that position's value alone is taken out of the head there, every later layer run again (exact about that one logit through this head, not an estimate). Each entry: rank, token, @ its position, value; in the removal column + means removing the value raises the logit less the mean and − that it lowers it, blue bars where it raises it. Bars are scaled to each column's largest. The position with the largest raw weight is outlined in every column.").arg(ModelHub.tokenCap)
        ThreeWayView { Layout.fillWidth: true; lab: threeWay; picker: layers; veils: station.veils }
    }
    FigureSection {
        title: qsTr("How attention's cost grows with the text")
        summary: cost.description
        caption: qsTr("Wall-clock time, measured now with the engine's own layer functions on one core of this machine (the fastest of several runs per length). Time is not arithmetic: counted in multiply-adds, attention is T / (6·d) of the rest, which for this model (d = %1) reaches the rest only at %2 tokens; its context holds %3.").arg(ModelHub.nEmbd).arg(6 * ModelHub.nEmbd).arg(ModelHub.nPositions)
        veils: station.veils
        captionVeil: "cost-chart"
        veiledCaption: qsTr("Wall-clock time, measured now with the engine's own layer functions on one core of this machine (the fastest of several runs per length).")
        Veiled {
            Layout.fillWidth: true
            veils: station.veils
            key: "cost-chart"
            CostChart { meter: cost }
        }
    }
    FigureSection {
        title: qsTr("One head is not one concept")
        summary: census.description
        caption: qsTr("The same head's census on the first %1 tokens of your text and of three others. Labels are heuristics.").arg(ModelHub.tokenCap)
        CensusTable { Layout.fillWidth: true; census: census; veils: station.veils; veilKey: "census-table" }
    }
    FigureSection {
        title: qsTr("The plumbing")
        summary: facts.plumbingDescription
        caption: qsTr("Where attention sits in the model, with the loaded model's sizes.")
        PlumbingDiagram { Layout.fillWidth: true }
    }
}

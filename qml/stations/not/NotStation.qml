import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Station 6, what attention isn't: pattern swaps, the quadratic cost, one head across texts, and
// the plumbing of a block.
Item {
    id: station
    property string stationId: "not"
    property LessonCatalog catalog
    // --screenshot waits for this: every figure and the exercises' answers.
    readonly property bool figuresReady: (swap.ready && !swap.busy && cost.ready && !cost.busy && census.ready
                                          && !census.busy && exercises.answered) || (!ModelHub.ready && !ModelHub.loading)

    PatternSwapLab { id: swap; active: station.visible }
    CostMeter { id: cost; active: station.visible }
    CensusAcrossTexts {
        id: census
        active: station.visible
        layer: Math.max(0, ModelHub.nLayer - 1)
        texts: [ModelHub.text,
                "Once upon a time there was a little girl who loved to play in the garden.",
                "The committee approved the budget after a long debate on Tuesday evening.",
                "A B C D E F A B C D E F A B C D E F"]
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true
        ColumnLayout {
            width: scroll.availableWidth - 2 * Theme.spacingL
            x: Theme.spacingL
            spacing: Theme.spacingL
            Item { Layout.preferredHeight: 1 }
            FigureSection {
                title: qsTr("Weights are not explanations")
                caption: qsTr("Each cell: how far the next-token prediction after the first %1 tokens of your text moves (KL, nats) when that head's pattern is replaced. Pale cells: replacing that head's pattern barely moves the prediction.").arg(ModelHub.tokenCap)
                Veiled {
                    id: swapVeil
                    Layout.fillWidth: true
                    veils: exercises.veils
                    key: "pattern-swap"
                    PatternSwapView { lab: swap; answers: swapVeil.answers }
                }
            }
            FigureSection {
                title: qsTr("How attention's cost grows with the text")
                caption: qsTr("Wall-clock time, measured now with the engine's own layer functions on one core of this machine (the fastest of several runs per length). Time is not arithmetic: counted in multiply-adds, attention is T / (6·d) of the rest, which for this model (d = %1) reaches the rest only at %2 tokens; its context holds %3.").arg(ModelHub.nEmbd).arg(6 * ModelHub.nEmbd).arg(ModelHub.nPositions)
                veils: exercises.veils
                captionVeil: "cost-chart"
                veiledCaption: qsTr("Wall-clock time, measured now with the engine's own layer functions on one core of this machine (the fastest of several runs per length).")
                Veiled {
                    Layout.fillWidth: true
                    veils: exercises.veils
                    key: "cost-chart"
                    CostChart { meter: cost }
                }
            }
            FigureSection {
                title: qsTr("One head is not one concept")
                caption: qsTr("The same head's census on the first %1 tokens of your text and of three others. Labels are heuristics.").arg(ModelHub.tokenCap)
                Veiled {
                    Layout.fillWidth: true
                    veils: exercises.veils
                    key: "census-table"
                    CensusTable { census: census }
                }
            }
            FigureSection {
                title: qsTr("The plumbing")
                caption: qsTr("Where attention sits in the model, with the loaded model's sizes.")
                PlumbingDiagram { Layout.fillWidth: true }
            }
            ExerciseList {
                id: exercises
                stationId: station.stationId
                definitions: station.catalog ? station.catalog.exercises(station.stationId, station.catalog.language) : []
            }
            Item { Layout.preferredHeight: Theme.spacingL }
        }
    }
}

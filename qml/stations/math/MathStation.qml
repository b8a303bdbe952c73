import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Station 2, the math: the Q·K·V sandbox, the real q, k, v of the learner's text, one score of layer
// 0 taken apart, and why √d (chart).
StationScaffold {
    id: station
    stationId: "math"
    // The real-vectors figure shows the model's numbers.
    labsReady: inspector.ready && !inspector.busy && (split.result.cell !== undefined || split.error !== "") && !split.busy

    QkvInspector { id: inspector; active: station.visible }
    // Layer 0's score of the figure's query, taken apart; the head follows the figure's.
    ScoreSplitLab {
        id: split
        active: station.visible
        layer: 0
        head: inspector.head
        query: inspector.row.query !== undefined ? inspector.row.query : -1
    }

    FigureSection {
        title: qsTr("Q·K·V sandbox")
        summary: sandboxView.sandbox.description
        caption: qsTr("Drag the query q, the keys k and the values v. The weights are the softmax of the scores; the black arrow is their weighted sum of the values.")
        QkvSandboxView { id: sandboxView; Layout.fillWidth: true }
    }
    FigureSection {
        title: qsTr("The real thing: one head on your text")
        summary: inspector.description
        caption: ModelHub.ready ? qsTr("%1, the first %2 tokens of your text: the real query of the chosen token, every key it may see, the scaled scores, the weights and the weighted sum of the real values.").arg(ModelHub.modelName).arg(ModelHub.tokenCap)
                                : qsTr("Load a model to see its real vectors.")
        Veiled {
            id: realVeil
            Layout.fillWidth: true
            veils: station.veils
            key: "qkv-real"
            // Its size answer comes through the whole figure's veil, the top-key answer through the
            // asked row's (QkvRealView hides that row itself).
            QkvRealView { inspector: inspector; answers: realVeil.answers.concat(station.veils.answersFor("qkv-asked-row")); veils: station.veils }
        }
        // Layer 0's score of the chosen query, taken apart (hides itself while the asked row waits).
        Veiled {
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacing
            veils: station.veils
            key: "qkv-real"
            ScoreSplitCompact { lab: split; veils: station.veils; figureLayer: inspector.layer }
        }
    }
    FigureSection {
        title: qsTr("Why divide by √d")
        summary: scalingChart.study.description
        caption: qsTr("Random vectors with unit-variance entries, 300 samples per size, seed 2017. Without scaling, the softmax over 8 keys puts nearly everything on one key as d grows; with it, the weights stay soft.")
        veils: station.veils
        captionVeil: "scaling-peak"
        veiledCaption: qsTr("Random vectors with unit-variance entries, 300 samples per size, seed 2017.")
        ScalingChart { id: scalingChart; Layout.fillWidth: true; veils: station.veils }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Station 2, the math: the Q·K·V sandbox, why √d (chart), and the real q, k, v of the learner's text.
StationScaffold {
    id: station
    stationId: "math"
    // The real-vectors figure shows the model's numbers.
    labsReady: inspector.ready && !inspector.busy

    QkvInspector { id: inspector; active: station.visible }

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

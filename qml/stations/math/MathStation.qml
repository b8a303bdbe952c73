import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Station 2, the math: the Q·K·V sandbox, why √d (chart), and the real q, k, v of the learner's text.
Item {
    id: station
    property string stationId: "math"
    property LessonCatalog catalog
    // --screenshot waits for this: the real-vectors figure shows the model's numbers and every
    // exercise has its answer.
    readonly property bool figuresReady: (inspector.ready && !inspector.busy && exercises.answered) || (!ModelHub.ready && !ModelHub.loading)

    QkvInspector { id: inspector; active: station.visible }

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
                title: qsTr("Q·K·V sandbox")
                caption: qsTr("Drag the query q, the keys k and the values v. The weights are the softmax of the scores; the black arrow is their weighted sum of the values.")
                QkvSandboxView { Layout.fillWidth: true }
            }
            FigureSection {
                title: qsTr("The real thing: one head on your text")
                caption: ModelHub.ready ? qsTr("%1, the first %2 tokens of your text: the real query of the chosen token, every key it may see, the scaled scores, the weights and the weighted sum of the real values.").arg(ModelHub.modelName).arg(ModelHub.tokenCap)
                                        : qsTr("Load a model to see its real vectors.")
                Veiled {
                    id: realVeil
                    Layout.fillWidth: true
                    veils: exercises.veils
                    key: "qkv-real"
                    QkvRealView { inspector: inspector; answers: realVeil.answers }
                }
            }
            FigureSection {
                title: qsTr("Why divide by √d")
                caption: qsTr("Random vectors with unit-variance entries, 300 samples per size, seed 2017. Without scaling, the softmax over 8 keys puts nearly everything on one key as d grows; with it, the weights stay soft.")
                veils: exercises.veils
                captionVeil: "scaling-peak"
                veiledCaption: qsTr("Random vectors with unit-variance entries, 300 samples per size, seed 2017.")
                ScalingChart { Layout.fillWidth: true; veils: exercises.veils }
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

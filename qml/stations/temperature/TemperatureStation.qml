import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Station 5, temperature: six candidates' softmax, the learner's next token with temperature,
// top-k, top-p and a seeded generation, and a what-if temperature inside one head.
Item {
    id: station
    property string stationId: "temperature"
    property LessonCatalog catalog
    // --screenshot waits for this: the prediction, the head what-if and the exercises' answers.
    readonly property bool figuresReady: (lab.ready && lab.distribution.length > 0 && !lab.busy && exercises.answered)
                                         || (!ModelHub.ready && !ModelHub.loading)

    TemperatureLab { id: lab; active: station.visible }

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
                title: qsTr("Softmax with a temperature")
                caption: qsTr("Six candidate scores. Low temperature: the top score takes almost everything. High temperature: the bars even out.")
                veils: exercises.veils
                captionVeil: "softmax"
                veiledCaption: qsTr("Six candidate scores and their softmax at the temperature you set.")
                Veiled {
                    Layout.fillWidth: true
                    veils: exercises.veils
                    key: "softmax"
                    SoftmaxBars { lab: lab }
                }
            }
            FigureSection {
                title: qsTr("Your text's next token")
                caption: qsTr("After the first %1 tokens of your text: the same temperature, plus top-k and top-p filters; the seed makes a generation repeatable.").arg(ModelHub.tokenCap)
                Veiled {
                    id: samplingVeil
                    Layout.fillWidth: true
                    veils: exercises.veils
                    key: "sampling"
                    SamplingView { lab: lab; answers: samplingVeil.answers }
                }
            }
            FigureSection {
                title: qsTr("What if one head had a temperature?")
                caption: qsTr("The head's scores, on the first %1 tokens of your text, are divided by this temperature before its softmax.").arg(ModelHub.tokenCap)
                HeadTemperatureView { lab: lab; Layout.fillWidth: true }
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

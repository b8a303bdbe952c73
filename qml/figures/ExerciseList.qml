import QtQuick
import QtQuick.Layouts
import AttentionLens

// All of a station's exercises, each a predict-then-reveal card, answers computed from the model.
ColumnLayout {
    id: list
    property string stationId
    property var definitions: []
    readonly property alias exercises: set
    // Every exercise has its answer (what --screenshot waits for).
    readonly property bool answered: set.allAnswered
    Layout.fillWidth: true
    spacing: Theme.spacing

    ExerciseSet {
        id: set
        stationId: list.stationId
        definitions: list.definitions
        active: list.visible // off screen, answers wait until the station is shown again
    }
    Repeater {
        model: set.count
        delegate: PredictCard {
            required property int index
            exerciseIndex: index
            definition: set.definitions[index] || ({})
            answer: set.answers[index] || ({})
            exercises: set
        }
    }
}

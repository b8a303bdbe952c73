import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The station template's page: one figure fed by the station's lab, and the station's exercises,
// whose `veils` hide the figure until the learner has committed a prediction. Copy this folder to
// qml/stations/<id>/, rename the files (QML type names are global in the app's module) and point
// station.json's `page` at the new page.
Item {
    id: station
    property string stationId: "template"
    property LessonCatalog catalog
    // --screenshot waits for this: the figure and the exercises' answers.
    readonly property bool figuresReady: (templateLab.ready && !templateLab.busy && exercises.answered) || (!ModelHub.ready && !ModelHub.loading)

    TemplateLab { id: templateLab; active: station.visible }

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
                title: qsTr("Which heads look one token back?")
                caption: qsTr("Layer %1, on the first %2 tokens of your text: each head's average weight on the token just before each position.").arg(templateLab.shownLayer).arg(ModelHub.tokenCap)
                Veiled {
                    id: barsVeil
                    Layout.fillWidth: true
                    veils: exercises.veils
                    key: "template-bars"
                    TemplateFigure {
                        lab: templateLab
                        answer: barsVeil.answers.length > 0 ? barsVeil.answers[0].answer : ""
                    }
                }
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

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The station template's page: one figure fed by the station's lab, veiled until the learner has
// committed a prediction. Copy this folder to qml/stations/<id>/, rename the files (QML type
// names are global in the app's module) and point station.json's `page` at the new page.
//
// StationScaffold (qml/shell/) is the frame every station's page shares: it scrolls, lays the
// page's figures out top to bottom, lists the station's exercises below them and tells
// --screenshot when the page is ready. A page only fills it in.
StationScaffold {
    id: station
    // The station's id, as in its lesson's station.json: the scaffold lists this station's exercises.
    stationId: "template"
    // The figures show the lab's results for the current text: the lab has computed and is idle.
    labsReady: templateLab.ready && !templateLab.busy

    // The station's lab, computing only while the page is shown.
    TemplateLab { id: templateLab; active: station.visible }

    // The figures, each in a FigureSection, in the order the page shows them.
    FigureSection {
        title: qsTr("Which heads look one token back?")
        caption: qsTr("Layer %1, on the first %2 tokens of your text: each head's average weight on the token just before each position.").arg(templateLab.shownLayer).arg(ModelHub.tokenCap)
        // Hidden until the exercise with this key in exercises.json has a committed prediction;
        // `answers` then holds that exercise's answer.
        Veiled {
            id: barsVeil
            Layout.fillWidth: true
            veils: station.veils
            key: "template-bars"
            TemplateFigure {
                lab: templateLab
                answer: barsVeil.answers.length > 0 ? barsVeil.answers[0].answer : ""
            }
        }
    }
}

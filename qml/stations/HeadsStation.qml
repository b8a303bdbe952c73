import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Station 3, heads: every head of a layer with its census label, how heads combine, and knock-outs.
Item {
    id: station
    property string stationId: "heads"
    property LessonCatalog catalog
    // --screenshot waits for this: every figure, the knock-out search and the exercises' answers.
    readonly property bool figuresReady: (headsLab.heads.length > 0 && !headsLab.busy && ablation.top.length > 0
                                          && !ablation.busy && exercises.answered) || (!ModelHub.ready && !ModelHub.loading)

    // Off screen, the labs stop and catch up when shown again.
    HeadsLab { id: headsLab; active: station.visible }
    AblationLab { id: ablation; active: station.visible }

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
                title: qsTr("All heads of one layer")
                caption: qsTr("Each tile is one head's attention on your text (rows: queries, columns: keys), labelled by the head census. Click a tile for the focused view.")
                HeadsGrid { lab: headsLab; Layout.fillWidth: true }
            }
            FigureSection {
                title: qsTr("Many heads, one layer")
                caption: qsTr("Each head works in its own slice of the width; their outputs are concatenated and mixed by W_O (sizes of the loaded model).")
                MultiHeadDiagram { Layout.fillWidth: true }
            }
            FigureSection {
                title: qsTr("Knock heads out")
                caption: qsTr("A head knocked out has its output set to zero. The bars show the next-token prediction; KL measures how far it moved.")
                AblationView { lab: ablation; Layout.fillWidth: true }
            }
            ExerciseList {
                id: exercises
                stationId: station.stationId
                definitions: station.catalog ? station.catalog.exercises(station.stationId) : []
            }
            Item { Layout.preferredHeight: Theme.spacingL }
        }
    }
}

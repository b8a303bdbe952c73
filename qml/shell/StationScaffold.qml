import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The frame every station's page shares: a scrolling column with the page's figures (its
// children, top to bottom), the station's exercises (ExerciseList, from the catalog), each card
// shown in the frame of the figure it asks about (the rest after the figures), and what
// --screenshot waits for. StationPage loads a page and hands it `stationId` and `catalog`.
//
//     StationScaffold {
//         id: station
//         stationId: "math"
//         labsReady: inspector.ready && !inspector.busy
//         QkvInspector { id: inspector; active: station.visible }
//         FigureSection { ... Veiled { veils: station.veils; key: "qkv-real"; ... } }
//     }
Item {
    id: scaffold
    property string stationId
    property LessonCatalog catalog

    // The page's figures show the model's results for the current text (its labs are computed
    // and idle); the page binds this to its labs.
    property bool labsReady: true
    // Whether the figures read the loaded model: without one (and none loading) there is nothing
    // to wait for. A page that brings its own model (Station 7 trains one) says false.
    property bool readsModel: true
    // A page that shows nothing without a model says so in place of its figures.
    property bool needsModel: false
    property string needsModelText: ""
    // The exercises: shown only while the page has something to ask about.
    property bool exercisesShown: true
    // A page that asks its exercises itself (Station 7: its answers come from the page's own
    // training run, not from the loaded model) keeps them out of the list.
    property bool asksOwnExercises: false

    // --screenshot waits for this (StationPage reports it): every figure and every shown
    // exercise's answer.
    readonly property bool figuresReady: (labsReady && (!exerciseList.shown || exerciseList.answered))
                                         || (readsModel && !ModelHub.ready && !ModelHub.loading)

    // The exercises and the parts of the figures they veil (Veiled { veils: station.veils }).
    readonly property ExerciseList exercises: exerciseList
    readonly property AnswerVeils veils: exerciseList.veils
    // The page's figures, in order.
    default property alias figureItems: figureColumn.data

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.spacingXL, 560)
        visible: scaffold.needsModel && !ModelHub.ready
        spacing: Theme.spacing
        Label {
            text: ModelHub.loading ? qsTr("Loading the model…") : qsTr("No model is loaded")
            font.pixelSize: Theme.fontTitle
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.textMuted
            visible: !ModelHub.loading
            text: (ModelHub.error !== "" ? ModelHub.error + "\n\n" : "") + scaffold.needsModelText
        }
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        visible: !scaffold.needsModel || ModelHub.ready
        contentWidth: availableWidth
        clip: true
        ColumnLayout {
            width: scroll.availableWidth - 2 * Theme.spacingL
            x: Theme.spacingL
            spacing: Theme.spacingL
            Item { Layout.preferredHeight: 1 }
            ColumnLayout {
                id: figureColumn
                Layout.fillWidth: true
                spacing: Theme.spacingL
            }
            ExerciseList {
                id: exerciseList
                shown: scaffold.visible && scaffold.exercisesShown && exerciseList.exercises.count > 0
                // Each card goes into its figure's frame once both exist.
                onCardItemsChanged: Qt.callLater(exerciseList.placeIn, figureColumn)
                stationId: scaffold.stationId
                definitions: scaffold.catalog && !scaffold.asksOwnExercises ? scaffold.catalog.exercises(scaffold.stationId, scaffold.catalog.language) : []
            }
            Item { Layout.preferredHeight: Theme.spacingL }
        }
    }
}

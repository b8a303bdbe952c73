import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// The course at a glance: the stations in order, each with its goal, status and progress.
Page {
    id: page
    property LessonCatalog catalog
    signal stationChosen(string id)
    signal libraryRequested()
    title: qsTr("Course map")
    background: Rectangle { color: Theme.background }

    // Re-read progress whenever the store changes.
    property int progressRevision: 0
    Connections {
        target: ProgressStore
        function onChanged() { page.progressRevision++ }
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: Math.min(scroll.availableWidth - 2 * Theme.spacingXL, 1100)
            x: (scroll.availableWidth - width) / 2
            spacing: Theme.spacingL

            Item { Layout.preferredHeight: Theme.spacingL }
            Label {
                text: qsTr("See how a language model reads")
                font.pixelSize: Theme.fontHero
                font.weight: Font.DemiBold
                color: Theme.text
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.textMuted
                font.pixelSize: Theme.fontLarge
                text: qsTr("Seven stations on self-attention, the mechanism inside GPT-2 and its successors. Every figure is computed live by a real model: on the text you type, and in the last station by a tiny model trained on your computer. Start anywhere; the order is a suggestion.")
            }
            CourseModelNote {
                objectName: "courseModelNote"
                Layout.fillWidth: true
                visible: ModelHub.ready && ModelHub.isEmbedded
                onLibraryRequested: page.libraryRequested()
            }
            Label {
                visible: page.catalog && page.catalog.error !== ""
                text: page.catalog ? qsTr("Some stations could not be read:\n%1").arg(page.catalog.error) : ""
                color: Theme.warning
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            GridLayout {
                id: grid
                Layout.fillWidth: true
                columns: width > 900 ? 3 : width > 560 ? 2 : 1
                columnSpacing: Theme.spacingL
                rowSpacing: Theme.spacingL
                Repeater {
                    model: page.catalog
                    delegate: StationCard {
                        required property var model
                        required property int index
                        Layout.fillWidth: true
                        Layout.preferredWidth: 300
                        Layout.fillHeight: true
                        stationId: model.stationId
                        order: model.order
                        title: model.title
                        goal: model.goal
                        status: model.status
                        progress: page.progressRevision >= 0 ? ProgressStore.stationProgress(model.stationId, model.exerciseCount) : 0
                        onChosen: page.stationChosen(model.stationId)
                        focus: index === 0
                    }
                }
            }
            Label {
                visible: page.catalog && page.catalog.count === 0
                text: qsTr("No stations were found in this build (lessons/ is empty).")
                color: Theme.warning
            }
            Item { Layout.preferredHeight: Theme.spacingXL }
        }
    }
}

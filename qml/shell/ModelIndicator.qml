import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import AttentionLens

// Which model is loaded and how big it is; clicking opens the model library to switch.
FocusButton {
    id: indicator
    signal libraryRequested()
    flat: true
    onClicked: libraryRequested()
    Accessible.name: ModelHub.ready ? qsTr("Model: %1. Switch model").arg(ModelHub.modelName)
                                    : qsTr("No model loaded. Get a model")
    ToolTip.visible: hovered || visualFocus
    ToolTip.delay: 500
    ToolTip.text: ModelHub.ready
        ? qsTr("%1\n%2 layers × %3 heads, %4-dimensional, reads up to %5 tokens.\nFolder: %6\n%7Click to switch models.")
              .arg(ModelHub.modelName).arg(ModelHub.nLayer).arg(ModelHub.nHead).arg(ModelHub.nEmbd)
              .arg(ModelHub.nPositions).arg(ModelHub.modelDir)
              .arg(ModelHub.isEmbedded ? qsTr("The course's own small model, trained for this course: not GPT-2.\n") : "")
        : qsTr("Click to get a model.")

    contentItem: RowLayout {
        spacing: Theme.spacingS
        Rectangle {
            width: 10; height: 10; radius: 5
            color: ModelHub.loading ? Theme.warning : ModelHub.ready ? Theme.good : Theme.accent
            Layout.alignment: Qt.AlignVCenter
        }
        Label {
            text: ModelHub.loading ? qsTr("Loading model…")
                : ModelHub.ready ? qsTr("%1 · %2 layers × %3 heads").arg(ModelHub.modelName).arg(ModelHub.nLayer).arg(ModelHub.nHead)
                : qsTr("No model loaded")
            color: Theme.text
        }
        Label {
            text: ModelHub.ready ? qsTr("Switch…") : qsTr("Get a model…")
            color: Theme.accent
            font.underline: indicator.hovered
        }
    }
}

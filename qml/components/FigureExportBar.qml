import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import AttentionLens

// Saves one chart: as PNG (the item on screen), as SVG (vectors, its words kept as text) and as
// JSON (its numbers with the model and the text), the last two drawn by FigureExport from the
// numbers `figure` holds, at `target`'s size on screen, so the SVG and the PNG are the same size.
ColumnLayout {
    id: bar
    property Item target: null
    // FigureExport's figure map (a lab's barsFigure(), figure(), or ProbBars' own); {} before a result.
    property var figure: ({})
    property string name: "figure"   // the export's kind is name + "-svg" or "-json"
    property string title: ""        // replaces the figure's own title in the SVG and the JSON
    // False while the chart is veiled: what is hidden is not saved either.
    property bool available: true
    property string message: ""
    readonly property bool ready: available && target !== null && figure.chart !== undefined
    spacing: 2

    function ask(suffix) {
        dialog.suffix = suffix
        dialog.open()
    }

    RowLayout {
        spacing: Theme.spacingS
        FocusButton {
            text: qsTr("Save as PNG…")
            enabled: bar.ready
            onClicked: bar.ask("png")
        }
        FocusButton {
            text: qsTr("SVG…")
            enabled: bar.ready
            Accessible.name: qsTr("Save figure as SVG")
            onClicked: bar.ask("svg")
        }
        FocusButton {
            text: qsTr("JSON…")
            enabled: bar.ready
            Accessible.name: qsTr("Save the figure's numbers as JSON")
            onClicked: bar.ask("json")
        }
    }
    Label {
        visible: bar.message !== ""
        text: bar.message
        color: Theme.warning
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }
    Connections {
        target: FigureExport
        function onExported(kind, path, error) {
            if (kind.startsWith(bar.name + "-"))
                bar.message = error === "" ? "" : qsTr("Could not save %1: %2").arg(path).arg(error)
        }
    }
    FileDialog {
        id: dialog
        property string suffix: "png"
        title: suffix === "svg" ? qsTr("Save the figure as SVG")
             : suffix === "json" ? qsTr("Save the figure's numbers as JSON")
             : qsTr("Save the figure as PNG")
        fileMode: FileDialog.SaveFile
        nameFilters: suffix === "svg" ? [qsTr("SVG images (*.svg)")]
                   : suffix === "json" ? [qsTr("JSON files (*.json)")]
                   : [qsTr("PNG images (*.png)")]
        defaultSuffix: suffix
        onAccepted: {
            const path = AppState.localPath(selectedFile)
            // Qt's own dialog can hand back just the suffix when no name was typed: never write
            // a hidden ".png" somewhere unexpected, say so instead.
            const fileName = path.substring(path.lastIndexOf("/") + 1)
            if (fileName === "" || fileName.startsWith(".")) {
                bar.message = qsTr("The figure was not saved: no file name was given. Type a name, press Enter, then Save.")
                return
            }
            if (suffix === "png") {
                bar.target.grabToImage((result) => {
                    bar.message = AppState.saveImage(result.image, path) === "" ? ""
                                  : qsTr("Could not save the image to %1.").arg(path)
                })
                return
            }
            FigureExport.save(bar.name + "-" + suffix, path, bar.figure, {
                width: bar.target.width, height: bar.target.height, title: bar.title,
                model: ModelHub.modelName, modelFolder: ModelHub.modelDir, text: ModelHub.text })
        }
    }
}
